"""Maps kept between one-off builds (briefing.maps.cache): a build that reads its maps back
gives the same site as one that draws them, never keeps a map drawn by other code or from
other inputs, and still builds when the folder is unusable."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from briefing.cache import MapFolder
from briefing.maps import cache as map_cache
from briefing.maps.cache import PACKAGE, MapCache, code_digest
from briefing.options import Options
from briefing.pipeline import generate
from briefing.render.renderer import Site

FIXTURE = Path(__file__).parent / "fixtures" / "base" / "content"


def maps_of(site: Site) -> dict[str, str | bytes]:
    return {path: data for path, data in site.assets.items() if path.endswith(".html")}


def test_an_entry_reads_back_exactly_and_leaves_no_temporary_file(tmp_path: Path) -> None:
    kept = MapCache(tmp_path / "maps")
    assert kept.get("key") is None
    html = "<!DOCTYPE html>\r\n<p>Bannu “district”</p>\n"
    kept["key"] = html
    assert kept.get("key") == html
    assert kept.get("other") is None
    assert kept.count() == 1
    assert [p.name for p in (tmp_path / "maps").iterdir() if p.name.startswith(".")] == []


def test_entries_of_other_drawing_code_are_not_read(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    kept = MapCache(tmp_path)
    kept["key"] = "<p>drawn by this code</p>"
    monkeypatch.setattr(map_cache, "drawing_version", lambda: "other code")
    assert kept.get("key") is None


def test_the_code_digest_covers_every_module_and_template(tmp_path: Path) -> None:
    package = tmp_path / "briefing"
    shutil.copytree(PACKAGE, package, ignore=shutil.ignore_patterns("__pycache__"))
    before = code_digest(package)
    assert code_digest(package) == before
    (package / "__pycache__").mkdir()
    (package / "__pycache__" / "x.cpython-311.pyc").write_bytes(b"compiled")
    assert code_digest(package) == before, "compiled files are not code"
    popups = package / "templates" / "map_popups.html.j2"
    popups.write_text(popups.read_text(encoding="utf-8") + " ", encoding="utf-8")
    after_template = code_digest(package)
    assert after_template != before
    layout = package / "maps" / "layout.py"
    layout.write_text(layout.read_text(encoding="utf-8") + "\n# changed\n", encoding="utf-8")
    assert code_digest(package) not in {before, after_template}


def test_a_build_keeps_one_entry_per_map_the_one_it_used(tmp_path: Path) -> None:
    folder = tmp_path / "maps"
    MapCache(folder)["gone--0"] = "<p>a map no build draws any more</p>"
    (folder / ".unfinished.tmp").write_text("<p>a write cut short", encoding="utf-8")
    site = generate(FIXTURE, cache=MapFolder(folder))
    assert MapCache(folder).get("gone--0") is None
    assert not (folder / ".unfinished.tmp").exists()
    assert MapCache(folder).count() == len(maps_of(site)) > 0
    offline = generate(FIXTURE, Options(tiles="none"), MapFolder(folder))
    assert MapCache(folder).count() == len(maps_of(offline)), "the other options' entries are gone"
    names = {p.name.rpartition("--")[0] for p in folder.iterdir()}
    assert names == {path.removeprefix("maps/").removesuffix(".html") for path in maps_of(offline)}
    # The entries kept are the ones just used: a build with the same options draws nothing.
    entries = {p.name: p.read_bytes() for p in folder.iterdir()}
    generate(FIXTURE, Options(tiles="none"), MapFolder(folder))
    assert {p.name: p.read_bytes() for p in folder.iterdir()} == entries


def test_a_build_from_the_cache_is_the_build_that_draws(tmp_path: Path) -> None:
    folder = tmp_path / "maps"
    drawn = generate(FIXTURE)
    first = generate(FIXTURE, cache=MapFolder(folder))
    entries = {p.name: p.read_bytes() for p in folder.iterdir()}
    second = generate(FIXTURE, cache=MapFolder(folder))
    assert first.pages == second.pages == drawn.pages
    assert first.assets == second.assets == drawn.assets
    assert {p.name: p.read_bytes() for p in folder.iterdir()} == entries, "nothing redrawn"


def test_changed_inputs_draw_the_map_again(tmp_path: Path) -> None:
    folder = tmp_path / "maps"
    content = tmp_path / "content"
    shutil.copytree(FIXTURE, content)
    generate(content, cache=MapFolder(folder))
    places = content / "places.yml"
    text = places.read_text(encoding="utf-8")
    first_name = next(line for line in text.splitlines() if line.strip().startswith("name:"))
    places.write_text(text.replace(first_name, first_name + " (renamed)", 1), encoding="utf-8")
    cached = generate(content, cache=MapFolder(folder))
    drawn = generate(content)
    assert maps_of(cached) == maps_of(drawn)
    assert any("(renamed)" in str(html) for html in maps_of(cached).values())
    options = Options(tiles="none")
    assert maps_of(generate(content, options, MapFolder(folder))) == maps_of(generate(content, options))


def test_an_unreadable_entry_is_drawn_again(tmp_path: Path) -> None:
    folder = tmp_path / "maps"
    drawn = generate(FIXTURE, cache=MapFolder(folder))
    for entry in folder.iterdir():
        entry.write_bytes(b"\xff\xfe not text")
    assert generate(FIXTURE, cache=MapFolder(folder)).assets == drawn.assets


def test_an_unusable_folder_only_means_drawing(tmp_path: Path) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the cache folder would be", encoding="utf-8")
    site = generate(FIXTURE, cache=MapFolder(blocker / "maps"))
    assert site.assets == generate(FIXTURE).assets
    assert blocker.read_text(encoding="utf-8").startswith("a file")


WARM = """
import hashlib, json, sys
from pathlib import Path
from briefing.cache import MapFolder
from briefing.pipeline import generate
site = generate(Path(sys.argv[1]), cache=MapFolder(Path(sys.argv[2])), one_off=True)
text = json.dumps([sorted(site.pages.items()), sorted((k, str(v)) for k, v in site.assets.items())])
print(json.dumps({"folium": "folium" in sys.modules, "site": hashlib.sha256(text.encode()).hexdigest()}))
"""


def test_a_warm_build_does_not_import_folium(tmp_path: Path) -> None:
    """The point of the cache: with every map kept, folium (and numpy, requests) stay unloaded."""

    def run() -> dict[str, object]:
        out = subprocess.run(
            [sys.executable, "-c", WARM, str(FIXTURE), str(tmp_path / "maps")],
            capture_output=True,
            text=True,
            check=True,
            env={**os.environ, "BRIEFING_JOBS": "1"},
        )
        result: dict[str, object] = json.loads(out.stdout)
        return result

    cold, warm = run(), run()
    assert cold["folium"] is True
    assert warm["folium"] is False
    assert warm["site"] == cold["site"]
