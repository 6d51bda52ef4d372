"""Random front-matter thrown at the loader and validator finds only content problems."""

from __future__ import annotations

import shutil
from pathlib import Path

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from briefing.errors import ContentError
from briefing.pipeline import check

from .conftest import BASE

KEYS = [
    "id",
    "name",
    "kind",
    "aliases",
    "description",
    "relations",
    "reviewed",
    "cite",
    "regions",
    "target",
    "type",
]
scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.floats(allow_nan=True),
    st.text(max_size=30),
    st.dates().map(str),
    st.sampled_from(["example-front", "armed-group", "2026-11-23", "../x", "a/b", "<script>"]),
)
values = st.recursive(
    scalars,
    lambda inner: (
        st.lists(inner, max_size=4)
        | st.dictionaries(st.sampled_from(KEYS) | st.text(max_size=8), inner, max_size=5)
    ),
    max_leaves=20,
)
front_matter = st.dictionaries(st.sampled_from(KEYS) | st.text(max_size=10), values, max_size=8)
raw_text = st.text(max_size=200)


def _run(tmp: Path, text: str) -> None:
    content = tmp / "content"
    if content.exists():
        shutil.rmtree(content)
    shutil.copytree(BASE / "content", content)
    (content / "actors" / "example-front.md").write_text(text, encoding="utf-8")
    try:
        check(content)
    except ContentError as exc:
        assert exc.problems
        for problem in exc.problems:
            assert problem.line >= 1 and problem.path.startswith("content/") and problem.message


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=front_matter, body=st.text(max_size=80))
def test_random_front_matter_gives_only_content_problems(tmp_path: Path, data: dict, body: str) -> None:
    _run(tmp_path, "---\n" + yaml.safe_dump(data, allow_unicode=True) + "---\n" + body)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=raw_text)
def test_random_bytes_of_text_give_only_content_problems(tmp_path: Path, text: str) -> None:
    _run(tmp_path, text)


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=st.text(alphabet=st.sampled_from(list("-:[]{}#'\"\n &*!|>%@`,?ab1")), max_size=120))
def test_yaml_syntax_soup_gives_only_content_problems(tmp_path: Path, text: str) -> None:
    _run(tmp_path, "---\n" + text + "\n---\n")
