"""The whole contributor path on an article from an outlet the project has never seen:
ingest it, curate it with ``briefing suggest``, add the event it reports from the suggestions,
check, build with MkDocs, and find the event wherever a reader would look for it."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml

from briefing.cli import main

from .conftest import FIXTURES
from .test_site_build import build_site

ARTICLE = FIXTURES / "contributor" / "courier-police-post.txt"
SOURCE = "courier-2024-police-post-attack"
EVENT = "2024-04-14-example-town-police-post-attack"


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    capsys.readouterr()
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def front_matter(path: Path) -> tuple[dict[str, Any], str]:
    _, front, body = path.read_text(encoding="utf-8").split("---\n", 2)
    return yaml.safe_load(front), body


def write(path: Path, data: dict[str, Any], body: str = "") -> None:
    text = yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=1000)
    path.write_text(f"---\n{text}---\n{body}", encoding="utf-8")


def fill_in_metadata(path: Path) -> None:
    """What the contributor does after ingest: checks the candidates and writes the rest."""
    data, body = front_matter(path)
    assert (data["outlet"], data["author"], data["published"]) == (
        "The Northgate Courier",
        "Mira Solberg",
        "2024-04-15",
    )
    data["outlet_note"] = data["author_note"] = data["published_note"] = None
    data.update(
        kind="news",
        perspective="A local news report quoting the police and residents.",
        summary="The Courier reports an attack on a police post near Example Town and shelling in Example Province.",
    )
    write(path, {k: v for k, v in data.items() if v is not None or k == "url"}, body)


def event_from(suggestions: dict[str, Any]) -> dict[str, Any]:
    """The event file a contributor writes from the suggestions: ids, date and citations pasted."""
    known = {(k["kind"], k["id"]) for k in suggestions["known"]}
    [date] = suggestions["dates"]
    return {
        "id": EVENT,
        "title": "Attack on a police post near Example Town",
        "date": date["date"],
        "places": [i for kind, i in sorted(known) if kind in ("place", "region")],  # places first
        "actors": [i for kind, i in known if kind == "actor"],
        "kind": "attack",
        "summary": "Gunmen attacked a police post near Example Town, the district police chief said; "
        "the Example Front claimed the attack.",
        "cite": suggestions["citations"][f"date {date['date']}"]
        + suggestions["citations"]["actor example-front"],
        "reviewed": "2026-12-07",
    }


@pytest.mark.slow
def test_new_article_to_published_event(
    site_factory: Callable[..., Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = site_factory()
    content = root / "content"

    code, out, err = run(capsys, "--content", str(content), "ingest", str(ARTICLE), "--id", SOURCE)
    assert code == 0, err
    assert "removed line 7 (share row)" in out and "reader comment" in out
    source_file = content / "sources" / f"{SOURCE}.md"
    data, body = front_matter(source_file)
    assert data["title"].startswith("Gunmen attack a police post")
    assert "Share:" not in body and "Comments" not in body and "Stay safe" not in body
    fill_in_metadata(source_file)
    assert run(capsys, "--content", str(content), "check")[0] == 0

    code, out, err = run(capsys, "--content", str(content), "suggest", str(source_file), "--json")
    assert code == 0, err
    suggestions = json.loads(out)
    assert {("actor", "example-front"), ("place", "example-town"), ("region", "example-province")} <= {
        (k["kind"], k["id"]) for k in suggestions["known"]
    }
    assert suggestions["events"] == [], "nothing in the base content is the same event"

    event = event_from(suggestions)
    assert event["places"] == ["example-town", "example-province"]
    write(content / "events" / f"{EVENT}.md", event)
    code, out, err = run(capsys, "--content", str(content), "check")
    assert code == 0, err
    assert "warning" not in err

    # Curating the same article again now finds the event, and a second copy is warned about.
    code, out, _ = run(capsys, "--content", str(content), "suggest", str(source_file), "--json")
    assert [e["id"] for e in json.loads(out)["events"]] == [EVENT]
    copy = dict(event, id=f"{EVENT}-again")
    write(content / "events" / f"{EVENT}-again.md", copy)
    code, _, err = run(capsys, "--content", str(content), "check")
    assert code == 0
    assert f"warning: looks like the same event as content/events/{EVENT}.md" in err
    (content / "events" / f"{EVENT}-again.md").unlink()

    site = tmp_path / "built"
    build_site(root, site)
    html = {
        name: (site / name).read_text(encoding="utf-8")
        for name in (
            "timeline/index.html",
            "regions/example-district/index.html",
            "regions/example-province/index.html",
            "actors/example-front/index.html",
            f"sources/{SOURCE}/index.html",
        )
    }
    for name, page in html.items():
        assert "police post near Example Town" in page or "Gunmen attacked a police post" in page, name
    assert f'id="{EVENT}"' in html["timeline/index.html"]
    for map_file in ("overview", "timeline", "region-example-district", "actor-example-front"):
        drawn = (site / "maps" / f"{map_file}.html").read_text(encoding="utf-8")
        assert EVENT in drawn, map_file
    overview = (site / "maps" / "overview.html").read_text(encoding="utf-8")
    assert overview.count(f"{EVENT}--") >= 2, "a marker at each of its places"
