"""`briefing new`: skeletons document every field, refuse to overwrite, and pass check once filled."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml

from briefing.cli import main
from briefing.errors import ContentError
from briefing.model.scaffold import KINDS, PLACEHOLDER
from briefing.pipeline import check

CITE = [{"source": "example-2024-report", "quote": "killing three guards"}]
FILLED: dict[str, dict[str, Any]] = {
    "source": {
        "title": "A second report",
        "outlet": "Example Daily",
        "author": "A. Writer",
        "published": "2024-04-02",
        "url": "https://example.org/second",
        "kind": "news",
        "perspective": "A neutral test fixture.",
        "rights": "excerpts",
        "summary": "A second short report.",
        "raw": "example-2024-report.txt",
    },
    "actor": {
        "name": "New Actor",
        "kind": "person",
        "aliases": ["New Actor"],
        "description": 'Someone the report quotes [@example-2024-report "quotes an analyst"].',
        "role": 'Analyst, as of March 2024 [@example-2024-report "quotes an analyst"].',
        "regions": ["example-district"],
        "relations": [{"type": "opposes", "target": "example-front", "qualifier": "reported", "cite": CITE}],
    },
    "region": {
        "name": "New Region",
        "kind": "province",
        "country": "Pakistan",
        "centre": [31.0, 71.0],
        "outline": None,
        "admin": "A fictional province [@ref:example-reference].",
        "facing": [],
    },
    "event": {
        "title": "Something happened",
        "date": "2024-03",
        "kind": "attack",
        "places": ["example-province"],
        "actors": ["example-front"],
        "summary": "Something happened, officials said.",
        "cite": CITE,
        "distinct_from": [],
    },
    "debate": {
        "title": "A question",
        "question": "What now?",
        "summary": 'A fictional debate [@example-2024-report "quotes an analyst"].',
        "positions": [
            {
                "id": "one",
                "label": "One",
                "summary": 'One view [@example-2024-report "talks have failed before and will fail again"].',
                "held_by": ["example-front"],
                "quotes": CITE,
            },
            {
                "id": "two",
                "label": "Two",
                "summary": "None of the sources argues another view.",
                "held_by": [],
                "quotes": CITE,
            },
        ],
        "disagreements": [],
    },
}
BODY = {
    "source": "A new paragraph. {#p1}\n",
    "actor": 'A profile [@example-2024-report "according to officials"].\n',
    "region": 'A profile [@example-2024-report "near Example Town"].\n',
    "event": "",
    "debate": 'Context [@example-2024-report "quotes an analyst"].\n',
}


def _fill(text: str, kind: str) -> str:
    front = text.split("---\n")[1]
    data = yaml.safe_load(front)
    data.update(FILLED[kind])
    dumped = yaml.dump(data, Dumper=_Written, sort_keys=False, allow_unicode=True)
    return "---\n" + dumped + "---\n" + BODY[kind]


class _Written(yaml.SafeDumper):
    """Writes each value out in full, as a contributor would: content allows no YAML aliases."""

    def ignore_aliases(self, data: object) -> bool:
        return True


@pytest.mark.parametrize("kind", sorted(KINDS))
def test_scaffold_documents_every_field_and_passes_check_once_filled(
    kind: str, site_factory: Callable[..., Path], capsys: pytest.CaptureFixture[str]
) -> None:
    root = site_factory()
    content = root / "content"
    item_id = "2024-04-new-thing" if kind == "event" else f"new-{kind}"
    assert main(["--content", str(content), "new", kind, item_id]) == 0
    folder, model = KINDS[kind]
    target = content / folder / f"{item_id}.md"
    text = target.read_text(encoding="utf-8")
    for name, field in model.model_fields.items():
        assert f"\n{name}:" in text, name
        assert f"# {' '.join(field.description.split())}" in text, name  # type: ignore[union-attr]

    with pytest.raises(ContentError) as unfilled:
        check(content)
    assert any(target.name in str(p) for p in unfilled.value.problems)

    target.write_text(_fill(text, kind), encoding="utf-8")
    assert PLACEHOLDER not in target.read_text(encoding="utf-8")
    check(content)

    assert main(["--content", str(content), "new", kind, item_id]) == 2
    assert "never overwrites" in capsys.readouterr().err


def test_a_forgotten_placeholder_is_reported_with_its_line(site_factory: Callable[..., Path]) -> None:
    root = site_factory()
    actor = root / "content" / "actors" / "example-police.md"
    text = actor.read_text(encoding="utf-8")
    start = text.index("description: ") + len("description: ")
    end = text.index("\n", start)
    actor.write_text(text[:start] + "FILL-IN" + text[end:], encoding="utf-8")
    with pytest.raises(ContentError) as caught:
        check(root / "content")
    assert [str(p) for p in caught.value.problems] == [
        "content/actors/example-police.md:5: placeholder left in 'description': fill it in"
    ]
