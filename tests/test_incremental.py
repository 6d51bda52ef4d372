"""Incremental regeneration: nothing is redone without a change, an edit redoes only the
pages that depend on it, and the result is always identical to a full generation."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from briefing import pipeline
from briefing.errors import ContentError
from briefing.options import Options
from briefing.pipeline import Generator, generate

from .conftest import BASE, ROOT


def _copy(tmp: Path, source: Path = ROOT / "content") -> Path:
    content = tmp / "content"
    if content.exists():
        shutil.rmtree(content)
    shutil.copytree(source, content)
    return content


def _touch_edit(file: Path, old: str, new: str) -> None:
    text = file.read_text(encoding="utf-8")
    assert old in text
    file.write_text(text.replace(old, new, 1), encoding="utf-8")
    stat = file.stat()
    os.utime(file, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000))  # a new mtime even within one tick


def _same_as_full(content: Path, site: object) -> None:
    full = generate(content)
    assert site.pages == full.pages  # type: ignore[attr-defined]
    assert site.assets == full.assets  # type: ignore[attr-defined]


def test_a_no_op_regeneration_parses_and_renders_nothing(tmp_path: Path) -> None:
    content = _copy(tmp_path)
    generator = Generator(content)
    first = generator.generate()
    assert generator.stats["pages_rendered"] == len(first.pages)
    again = generator.generate()
    assert generator.stats == {"files_parsed": 0, "pages_rendered": 0}
    assert again.pages == first.pages and again.assets == first.assets


def test_an_unchanged_folder_is_answered_without_running_the_pipeline(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    content = _copy(tmp_path)
    generator = Generator(content)
    first = generator.generate(Options(site_url="https://example.org/"))
    first.pages.clear()  # the caller's copy: changing it changes nothing kept
    monkeypatch.setattr(pipeline, "generate", _must_not_run)
    again = generator.generate(Options(site_url="https://example.org/"))
    assert generator.stats == {"files_parsed": 0, "pages_rendered": 0}
    assert again.pages and again.pages == generator.generate(Options(site_url="https://example.org/")).pages


def _must_not_run(*args: object) -> None:
    raise AssertionError("the pipeline ran for an unchanged content folder")


@pytest.mark.parametrize(
    "change",
    ["options", "new file", "removed file", "edited raw article", "new hidden file"],
)
def test_any_change_under_the_folder_or_to_the_options_runs_the_pipeline(tmp_path: Path, change: str) -> None:
    content = _copy(tmp_path)
    generator = Generator(content)
    generator.generate()
    options = Options(site_url="https://example.org/") if change == "options" else None
    if change == "new file":
        (content / "notes.txt").write_text("stray", encoding="utf-8")
    elif change == "removed file":
        (content / "glossary.yml").unlink()
    elif change == "edited raw article":
        raw = sorted((content / "raw").iterdir())[0]
        os.utime(raw, ns=(raw.stat().st_atime_ns, raw.stat().st_mtime_ns + 1_000_000))
    elif change == "new hidden file":
        (content / ".notes").write_text("kept out of the site", encoding="utf-8")
    ran = []
    real = pipeline.generate

    def spy(*args: object) -> object:
        ran.append(True)
        return real(*args)  # type: ignore[arg-type]

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(pipeline, "generate", spy)
        try:
            generator.generate(options)
        except ContentError as exc:  # a stray file is reported, not skipped
            assert change == "new file" and "notes.txt:1: unexpected file" in str(exc)
    assert ran == [True]


def test_editing_an_event_rerenders_only_the_pages_that_show_it(tmp_path: Path) -> None:
    content = _copy(tmp_path)
    generator = Generator(content)
    before = generator.generate()
    event = content / "events" / "2022-12-bannu-ctd-siege.md"
    _touch_edit(event, "summary: ", "summary: Edited. ")
    after = generator.generate()
    rendered = set(generator.cache.pages.rendered)
    changed = {path for path in after.pages if after.pages[path] != before.pages[path]}
    assert generator.stats["files_parsed"] == 1
    assert changed <= rendered
    assert {"timeline.md", "regions/bannu.md", "actors/ctd.md"} <= rendered
    assert len(rendered) <= len(after.pages) // 4
    assert "actors/ned-price.md" not in rendered and "debates/talks-versus-force.md" not in rendered
    _same_as_full(content, after)


def test_a_broken_edit_is_reported_and_the_fix_regenerates(tmp_path: Path) -> None:
    content = _copy(tmp_path)
    generator = Generator(content)
    generator.generate()
    actor = content / "actors" / "ned-price.md"
    good = actor.read_text(encoding="utf-8")
    _touch_edit(actor, "kind: person", "kind: persn")
    with pytest.raises(ContentError) as caught:
        generator.generate()
    assert "did you mean 'person'?" in str(caught.value)
    actor.write_text(good, encoding="utf-8")
    os.utime(actor, ns=(actor.stat().st_atime_ns, actor.stat().st_mtime_ns + 2_000_000))
    _same_as_full(content, generator.generate())


EDITS = [
    (
        "actors/example-front.md",
        "A fictional group that, the report says,",
        "A renamed fictional group that, it says,",
    ),
    ("actors/example-front.md", "name: Example Front", "name: Example Front Renamed"),
    ("actors/example-police.md", "A fictional police force", "An edited police force"),
    ("regions/example-district.md", "name: Example District", "name: Example Area"),
    ("events/2024-03-checkpoint-attack.md", 'date: "2024-03"', 'date: "2024-02"'),
    (
        "events/2024-03-checkpoint-attack.md",
        "actors: [example-front, example-police]",
        "actors: [example-police]",
    ),
    ("events/2024-03-checkpoint-attack.md", "places: [example-town]", "places: [example-province]"),
    ("sources/example-2024-report.md", "title: Example headline about the border", "title: A new headline"),
    ("glossary.yml", "expansion: Example Front", "expansion: The Example Front"),
    ("places.yml", "name: Example Town", "name: Example Village"),
    ("debates/talks.md", "label: Talks will fail", "label: Talks fail"),
    ("briefing.yml", "title: Example Briefing", "title: Another Briefing"),
]


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.sampled_from(range(len(EDITS))), min_size=1, max_size=4, unique=True))
def test_any_sequence_of_edits_gives_the_same_site_as_a_full_generation(
    tmp_path: Path, picks: list[int]
) -> None:
    content = _copy(tmp_path, BASE / "content")
    generator = Generator(content)
    generator.generate()
    for pick in picks:
        path, old, new = EDITS[pick]
        _touch_edit(content / path, old, new)
        _same_as_full(content, generator.generate())


def test_a_file_gone_between_the_walk_and_the_read_is_a_problem_not_a_traceback(tmp_path: Path) -> None:
    from briefing.cache.incremental import FileCache
    from briefing.errors import Collector
    from briefing.load.documents import load_markdown

    cache, problems = FileCache(), Collector()
    assert cache.read(tmp_path / "gone.md", "content/actors/gone.md", problems, load_markdown) is None
    assert [str(p) for p in problems.problems] == [
        "content/actors/gone.md:1: cannot read this file: No such file or directory"
    ]


def test_counting_a_collection_depends_on_its_size_not_its_entries() -> None:
    """A page that shows how many events there are is not rendered again when one of them is
    edited, only when one is added or removed."""
    from briefing.cache.incremental import Recorder, TrackedMapping, _current

    recorder = Recorder()
    events = {"a": 1, "b": 2}
    assert len(TrackedMapping(events, (("root", "briefing"), ("attr", "events")), recorder)) == 2
    ((where, how, arg), value), *_ = recorder.reads.items()
    assert (how, value) == ("len", 2) and len(recorder.reads) == 1
    roots = {"briefing": type("B", (), {"events": {"a": 10, "b": 20}})()}
    assert _current(roots, where, how, arg) == value, "an edited entry leaves the count as it was"
    roots["briefing"].events["c"] = 30
    assert _current(roots, where, how, arg) != value


def test_a_long_preview_keeps_one_briefing_worth_of_texts(tmp_path: Path) -> None:
    """What no run used since the one before is dropped: editing one source again and again
    keeps its current text and its last one, not every version."""
    content = _copy(tmp_path)
    generator = Generator(content)
    generator.generate()
    sources = len(list((content / "sources").glob("*.md")))
    texts = generator.cache.kept("texts")
    assert len(texts) == sources
    source = sorted((content / "sources").glob("*.md"))[0]
    for number in range(3):
        anchor = source.read_text(encoding="utf-8").rsplit(" {#p", 1)[1]
        _touch_edit(source, f" {{#p{anchor}", f" Edit {number}. {{#p{anchor}")
        site = generator.generate()
        assert len(texts) == sources + 1  # this run's texts, and the edited source's last one
        assert generator.cache.kept("mentions")
    _same_as_full(content, site)


def test_an_unchanged_folder_drops_nothing_the_next_edit_reuses(tmp_path: Path) -> None:
    """A regeneration answered with the last site (an edit under docs/ only, in a preview) uses
    nothing: the edit after it still finds every source's text, mentions and scanned markup
    as the first run left them, and renders only the pages the edit shows on."""
    content = _copy(tmp_path)
    generator = Generator(content)
    generator.generate()
    names = ("texts", "mentions", "markup")
    first = {name: dict(generator.cache.kept(name)._now) for name in names}
    assert all(first.values())
    for _ in range(2):
        generator.generate()  # nothing changed
    event = sorted((content / "events").glob("*.md"))[0]
    _touch_edit(event, "summary: ", "summary: Edited. ")
    site = generator.generate()
    assert generator.stats["files_parsed"] == 1
    assert 0 < generator.stats["pages_rendered"] < len(site.pages)
    for name in names:
        kept = generator.cache.kept(name)
        for key, value in first[name].items():  # the same objects: none was made again
            assert kept.get(key, lambda: _must_not_run()) is value, (name, key)
    _same_as_full(content, site)
