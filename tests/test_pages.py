"""Generated pages: what each page type shows, on the tiny fixture site and on the real content.

Tiny-site tests build the base fixture (tests/fixtures/base/content) with changes from a
``{path: text}`` dict; real-content tests check one page of each type against content/.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest
import yaml
from markupsafe import escape
from pydantic import ValidationError

from briefing.index.mentions import Namer, _snippet
from briefing.model.models import GlossaryEntry
from briefing.model.vocabulary import Vocabulary, default_vocabulary
from briefing.pipeline import check, generate
from briefing.render.abbreviations import abbreviation_lines, with_abbreviations
from briefing.render.navigation import expand_nav
from briefing.render.renderer import Site

from .conftest import ROOT

SOURCE = "sources/example-2024-report.md"
ANCHOR = re.compile(r"\{ #([^ }]+) \}")


@pytest.fixture
def tiny(site_factory: Callable[..., Path]) -> Callable[..., Site]:
    """Generate the fixture site, optionally with files changed: ``tiny({"content/x": "..."})``."""

    def build(files: dict[str, str] | None = None) -> Site:
        return generate(site_factory(files) / "content")

    return build


@pytest.fixture(scope="module")
def real() -> Site:
    """The real content, generated once for the module."""
    return generate(ROOT / "content")


def section(page: str, heading: str) -> str:
    """The Markdown of one ``## heading`` section (up to the next ``## ``)."""
    start = page.index(f"\n## {heading}")
    end = page.find("\n## ", start + 1)
    return page[start : end if end >= 0 else len(page)]


# --- Pure helpers -------------------------------------------------------------------------


def test_names_are_whole_words_case_sensitive_and_longest_first() -> None:
    namer = Namer({"Taliban": {"afghan"}, "Pakistani Taliban": {"ttp"}, "TTP": {"ttp"}})
    text = "The Pakistani Taliban (TTP), the Taliban's allies, not the Talibans or the taliban or TTPs."
    found = [(text[s:e], owners) for s, e, owners in namer.find(text)]
    assert found == [("Pakistani Taliban", ["ttp"]), ("TTP", ["ttp"]), ("Taliban", ["afghan"])]


def test_snippet_stays_inside_the_visible_run() -> None:
    text = "Hidden words here. The Example Front denies any role in the attack. More hidden text."
    start = text.index("Example Front")
    visible = [(text.index("The Example"), text.index(" More"))]
    snippet = _snippet(text, start, start + len("Example Front"), visible)
    assert snippet is not None
    assert snippet.before == "…The "
    assert snippet.name == "Example Front"
    assert snippet.after == " denies any role in the attack."
    assert _snippet(text, start, start + 13, [(0, 10)]) is None


def test_abbreviations_are_appended_once() -> None:
    entries = [
        GlossaryEntry(
            term="TTP", expansion="Tehreek-e-Taliban Pakistan", definition="A group.", cite=[{"ref": "x"}]
        ),
        GlossaryEntry(term="Durand Line", definition="The border.", cite=[{"ref": "x"}]),
    ]
    lines = abbreviation_lines(entries)
    assert lines == "*[TTP]: Tehreek-e-Taliban Pakistan"
    once = with_abbreviations("# Page\n\nText.\n", lines)
    assert once == "# Page\n\nText.\n\n*[TTP]: Tehreek-e-Taliban Pakistan\n"
    assert with_abbreviations(once, lines) == once
    assert with_abbreviations("# Page\n", "") == "# Page\n"


def test_expand_nav_fills_declared_sections_in_their_order() -> None:
    declared = [{"Home": "index.md"}, {"Actors": "actors/index.md"}, {"About": "about.md"}]
    generated = [{"Actors": ["actors/index.md", {"People": ["actors/x.md"]}]}, {"Extra": ["extra/index.md"]}]
    assert expand_nav(declared, generated) == [
        {"Home": "index.md"},
        {"Actors": ["actors/index.md", {"People": ["actors/x.md"]}]},
        {"About": "about.md"},
        {"Extra": ["extra/index.md"]},
    ]


def test_a_vocabulary_whose_relation_lines_differ_only_by_colour_is_refused() -> None:
    data = default_vocabulary().model_dump()
    first, second = data["relation_categories"][:2]
    second.update(width=first["width"], dash=first["dash"])
    with pytest.raises(ValidationError, match="differ only by colour"):
        Vocabulary.model_validate(data)


# --- Tiny site ----------------------------------------------------------------------------


def test_every_page_type_is_generated(tiny: Callable[..., Site]) -> None:
    site = tiny()
    assert set(site.pages) == {
        "index.md",
        "actors/index.md",
        "actors/example-front.md",
        "actors/example-police.md",
        "regions/index.md",
        "regions/example-district.md",
        "regions/example-province.md",
        "debates/index.md",
        "debates/talks.md",
        "timeline.md",
        "sources/index.md",
        SOURCE,
        "glossary.md",
        "tags.md",
        "data.md",
    }
    assert site.edit["actors/example-front.md"] == "content/actors/example-front.md"
    assert site.edit["index.md"] == "content/briefing.yml"
    assert site.edit["timeline.md"] == "content/events/"
    sections = [next(iter(entry)) for entry in site.nav]
    assert sections == ["Actors", "Regions", "Debates", "Sources"]


def test_every_page_has_the_glossary_abbreviations_and_a_review_date(tiny: Callable[..., Site]) -> None:
    site = tiny()
    for path, text in site.pages.items():
        assert text.rstrip().endswith("*[EF]: Example Front"), path
        if path != "tags.md":
            assert re.search(r'[Ll]ast reviewed <time datetime="2026-11-23">23 November 2026</time>', text), (
                path
            )


def test_home_page(tiny: Callable[..., Site]) -> None:
    home = tiny().pages["index.md"]
    assert home.startswith('---\ntitle: "Example Briefing"\n')
    assert "<strong>Sources published March 2024</strong> · last reviewed" in home
    assert "As of" not in home  # a review date is not the currency of the content
    judgement = section(home, "Key judgements")
    assert "1. Talks have failed before, an analyst says. [1](sources/example-2024-report.md#p3 " in judgement
    latest = section(home, "Latest events")
    assert "[Attack on a checkpoint near Example Town](timeline.md#2024-03-checkpoint-attack)" in latest
    assert "Example Town, [Example District](regions/example-district.md)" in latest
    explore = section(home, "Explore the briefing")
    for link in ("actors/index.md", "regions/index.md", "debates/index.md", "timeline.md", "glossary.md"):
        assert f"]({link})" in explore
    overview = section(home, "Map")
    assert "<iframe" in overview and 'src="maps/overview.html"' in overview and 'title="' in overview
    answer_first = [home.index(h) for h in ("## Key judgements", "## Latest events", "## Scope", "## Map")]
    assert answer_first == sorted(answer_first), "the judgements come before the scope and the map"
    table = overview[overview.index('<details class="map-table"') :]
    assert "<summary>The map as a table: " in table and "| On the map |" in table  # collapsed, not open
    assert '<details class="map-table" markdown open' not in overview


def test_actor_page(tiny: Callable[..., Site]) -> None:
    page = tiny().pages["actors/example-front.md"]
    assert 'tags:\n  - "Armed group"' in page
    assert "search:\n  boost: 3" in page
    start = page.index('<div class="infobox glance"')
    infobox = page[start : page.index("</div>", start)]
    assert "| Kind | Armed group |" in infobox
    assert "| Also called | Example Front |" in infobox
    assert "| Regions | [Example District](../regions/example-district.md) |" in infobox
    assert "| Fights | [Example Police](example-police.md) (reported, as of March 2024) [" in infobox
    assert (
        "| Last recorded event | March 2024: [Attack on a checkpoint near Example Town](../timeline.md#2024-03-checkpoint-attack) |"
        in infobox
    )
    assert "| Events | 1: Attack (1) |" in infobox
    reviewed = page.index('class="reviewed"')
    # The dateline, the printed brief's note (shown only in print), then the lede.
    note = page.index('<div class="print-only brief-note"')
    lede = page[page.index("</div>\n\n", note) + 8 : page.index("{ .lede }")]
    assert reviewed < note
    assert '<p class="breadcrumbs" role="navigation" aria-label="Breadcrumb" markdown>' in page[:reviewed]
    assert lede.startswith("A fictional group that, the report says, denies any role [1](../sources/")
    assert 'description: "A fictional group that, the report says, denies any role."' in page
    assert "The Example Front denies any role, the report says [" in section(page, "Profile")
    assert "| fights | [Example Police](example-police.md) | Reported, as of March 2024 |" in section(
        page, "Relations"
    )
    assert 'n_example_front -->|"fights (reported 2024)"| n_example_police' in section(page, "Relations")
    assert "```mermaid" in section(page, "Relations")
    assert "(../timeline.md#2024-03-checkpoint-attack)" in section(page, "Events")
    assert "No debate on this site attributes a position to Example Front." in section(page, "Debates")
    assert "- [EF](../glossary.md#ef): Example Front" in section(page, "In the glossary")
    mentioned = section(page, "Mentioned in")
    assert (
        "- [¶4](../sources/example-2024-report.md#p4) A third paragraph notes that the <strong>Example Front</strong> denies any role."
        in mentioned
    )


def test_actor_without_names_or_events_says_so(tiny: Callable[..., Site]) -> None:
    page = tiny().pages["actors/example-police.md"]
    assert "No names are recorded for this actor, so no mentions can be found." in page
    assert "| Relations | None recorded |" in page
    assert "| Example Front | fights Example Police |" not in page
    assert "[Example Front](example-front.md) | fights Example Police |" in page


def test_actors_index_groups_by_kind_with_a_diagram(tiny: Callable[..., Site]) -> None:
    index = tiny().pages["actors/index.md"]
    assert index.index("## Armed groups { #armed-group }") < index.index(
        "## State institutions { #state-institution }"
    )
    row = "| [Example Front](example-front.md) | A fictional group that, the report says, denies any role ["
    assert row in index
    diagram = section(index, "How they relate")
    assert "n_example_front --> n_example_police" in diagram
    assert "linkStyle 0 stroke:#d55e00" in diagram


def test_region_page(tiny: Callable[..., Site]) -> None:
    page = tiny().pages["regions/example-district.md"]
    assert 'tags:\n  - "Attack"' in page
    assert "| Across the border | [Example Province](example-province.md) |" in page
    assert "| Centre | 33.00, 70.00 (latitude, longitude) |" in page
    assert '<p class="reviewed">Sources published March 2024 (1 source) · last reviewed' in page
    start = page.index('<div class="infobox glance"')
    glance = page[start : page.index("</div>", start)]
    assert glance.index("| Last recorded event | March 2024: [Attack on a checkpoint") < glance.index(
        "| Centre |"
    )
    assert "(../timeline.md#2024-03-checkpoint-attack)" in section(page, "Events")
    assert "| Example Town | 33.10, 70.10 |" in section(page, "Places")
    actors = section(page, "Actors active here")
    assert (
        "| [Example Front](../actors/example-front.md) | Its profile places it here; takes part in 1 event here |"
        in actors
    )
    assert "| [Example Police](../actors/example-police.md) | takes part in 1 event here |" in actors
    assert "<strong>Example Town</strong>" in section(page, "Mentioned in")


def test_empty_region_says_what_the_sources_lack(tiny: Callable[..., Site]) -> None:
    page = tiny().pages["regions/example-province.md"]
    assert "The sources name no events here." in page
    assert "No places in Example Province are recorded." in page
    assert "The sources place no actors here." in page


def test_debate_page(tiny: Callable[..., Site]) -> None:
    page = tiny().pages["debates/talks.md"]
    positions = section(page, "Positions")
    assert '<div class="grid cards positions" markdown>' in positions
    assert "-   **Talks will fail**\n    { #position-against }" in positions
    assert "    > “talks have failed before and will fail again” [" in positions
    assert "An example reference (context from an outside reference)" in positions
    assert "**Held by:** no actor in the content" in positions
    assert "The content records no point on which the sources disagree" in page
    assert "No position in this debate is attributed to an actor." in page


def test_debate_disagreements_side_by_side(tiny: Callable[..., Site]) -> None:
    debate = (ROOT / "tests/fixtures/base/content/debates/talks.md").read_text(encoding="utf-8")
    debate = debate.replace(
        "reviewed: 2026-11-23\n---",
        "disagreements:\n  - point: Whether talks can work\n    views:\n"
        "      - source: example-2024-report\n        quote: talks have failed before\n"
        "      - ref: example-reference\nreviewed: 2026-11-23\n---",
    )
    page = tiny({"content/debates/talks.md": debate}).pages["debates/talks.md"]
    disagree = section(page, "Where the sources disagree")
    assert "### Whether talks can work" in disagree
    assert '<div class="grid cards views" markdown>' in disagree
    assert (
        "<small>[Example headline about the border](../sources/example-2024-report.md), Example Daily, March 2024</small>"
        in disagree
    )


def test_timeline(tiny: Callable[..., Site]) -> None:
    page = tiny().pages["timeline.md"]
    assert "## 2024 { #y2024 }" in page
    assert "### March 2024: Attack on a checkpoint near Example Town { #2024-03-checkpoint-attack }" in page
    assert "**Where:** Example Town, [Example District](regions/example-district.md)" in page
    assert (
        "**Actors:** [Example Front](actors/example-front.md), [Example Police](actors/example-police.md)"
        in page
    )
    assert "Militants attacked a checkpoint, officials said. [1](sources/example-2024-report.md#p2 " in page
    assert "**Casualties:** Three guards killed" in page


def test_glossary_page(tiny: Callable[..., Site]) -> None:
    page = tiny().pages["glossary.md"]
    assert "## EF { #ef }" in page
    assert "**Example Front**. A fictional group. [1](sources/example-2024-report.md#p4 " in page
    assert "See [Example Front](actors/example-front.md)." in page


def test_source_page_lists_the_actors_and_places_it_names(tiny: Callable[..., Site]) -> None:
    page = tiny().pages[SOURCE]
    names = section(page, "Actors and places it names")
    assert "- [Example Front](../actors/example-front.md): [¶4](#p4)" in names
    assert "- [Example Town](../regions/example-district.md): [¶2](#p2)" in names


def test_excerpts_only_source_shows_no_unquoted_text_in_mentions(tiny: Callable[..., Site]) -> None:
    source = (ROOT / "tests/fixtures/base/content" / SOURCE).read_text(encoding="utf-8")
    source = source.replace("rights: full-text", "rights: excerpts")
    source += "\nA fourth paragraph says the Example Front was founded long ago. {#p5}\n"
    site = tiny({f"content/{SOURCE}": source})
    mentioned = section(site.pages["actors/example-front.md"], "Mentioned in")
    assert "[¶4](../sources/example-2024-report.md#p4)" in mentioned
    assert "#p5" not in mentioned
    assert "founded long ago" not in mentioned
    assert "Also in 1 paragraph this site does not reproduce." in mentioned
    names = section(site.pages[SOURCE], "Actors and places it names")
    assert "- [Example Front](../actors/example-front.md): [¶4](#p4); 1 paragraph not reproduced" in names
    assert 'id="p5"' not in site.pages[SOURCE]


def test_markup_in_content_is_escaped_everywhere(tiny: Callable[..., Site]) -> None:
    actor = (ROOT / "tests/fixtures/base/content/actors/example-front.md").read_text(encoding="utf-8")
    actor = actor.replace(
        'description: A fictional group that, the report says, denies any role [@example-2024-report "the Example Front denies any role"].',
        """description: 'A <b>bold</b> | piped group [@example-2024-report "the Example Front denies any role"].'""",
    )
    site = tiny({"content/actors/example-front.md": actor})
    for path in ("actors/index.md", "actors/example-front.md"):
        assert "<b>" not in site.pages[path], path
    assert "A &lt;b&gt;bold&lt;/b&gt; &#124; piped group" in site.pages["actors/index.md"]


def test_generation_is_deterministic(tiny: Callable[..., Site]) -> None:
    assert tiny().pages == tiny().pages


# --- Real content: one page of each type --------------------------------------------------


def test_real_home_cites_every_judgement(real: Site) -> None:
    home = real.pages["index.md"]
    briefing = check(ROOT / "content")
    assert briefing.info is not None
    judgements = section(home, "Key judgements")
    assert len(re.findall(r"^\d+\. ", judgements, re.M)) == len(briefing.info.judgements)
    for line in re.findall(r"^\d+\. .*$", judgements, re.M):
        assert "{ .cite " in line
    assert len(re.findall(r"^- \*\*", section(home, "Latest events"), re.M)) == 5


def test_real_ttp_page_lists_relations_and_mentions(real: Site) -> None:
    page = real.pages["actors/ttp.md"]
    relations = section(page, "Relations")
    for target in ("pakistan", "pakistan-army", "afghan-taliban", "al-qaeda", "haqqani-network"):
        assert f"]({target}.md) |" in relations, target
    assert "[Noor Wali Mehsud](noor-wali-mehsud.md) | leads TTP |" in relations
    mentioned = section(page, "Mentioned in")
    for source in (
        "ac-2023-walk-on-eggshells",
        "fp-2024-cross-border-strikes",
        "wp-2014-north-waziristan-offensive",
    ):
        assert f"](../sources/{source}.md#p" in mentioned, source
    assert "<strong>Pakistani Taliban</strong>" in mentioned and "<strong>TTP</strong>" in mentioned


def test_real_north_waziristan_lists_its_events(real: Site) -> None:
    briefing = check(ROOT / "content")
    page = real.pages["regions/north-waziristan.md"]
    events = section(page, "Events")
    here = {"north-waziristan"} | {p.id for p in briefing.places.values() if p.region == "north-waziristan"}
    expected = sorted(
        (e for e in briefing.events.values() if here & set(e.places)), key=lambda e: (e.date, e.id)
    )
    assert expected
    positions = [events.index(f"(../timeline.md#{e.id})") for e in expected]
    assert positions == sorted(positions)
    assert "| [Khost](khost.md) |" in page


def test_real_timeline_is_in_date_order(real: Site) -> None:
    briefing = check(ROOT / "content")
    page = real.pages["timeline.md"]
    ids = [a for a in ANCHOR.findall(page) if a in briefing.events]
    assert len(ids) == len(briefing.events)
    dates = [briefing.events[i].date for i in ids]
    assert dates == sorted(dates)
    years = [int(y) for y in re.findall(r"^## (\d{4}) ", page, re.M)]
    assert years == sorted(set(years))


def test_real_debate_pages_show_every_position(real: Site) -> None:
    briefing = check(ROOT / "content")
    for debate in briefing.debates.values():
        page = real.pages[f"debates/{debate.id}.md"]
        positions = section(page, "Positions")
        for position in debate.positions:
            assert f"{{ #position-{position.id} }}" in positions, (debate.id, position.id)
            for actor in position.held_by:
                assert f"](../actors/{actor}.md)" in positions, (debate.id, actor)
        for disagreement in debate.disagreements:
            assert f"### {escape(' '.join(disagreement.point.split()))}" in page


def test_real_source_page_names_actors_and_places(real: Site) -> None:
    names = section(real.pages["sources/wp-2014-north-waziristan-offensive.md"], "Actors and places it names")
    assert "- [Haqqani network](../actors/haqqani-network.md): " in names
    assert "- [North Waziristan](../regions/north-waziristan.md): " in names


def test_real_pages_never_leave_a_heading_empty(real: Site) -> None:
    for path, text in real.pages.items():
        assert not re.search(r"^## .*\n\s*\n## |^### .*\n\s*\n#{2,3} ", text, re.M), path


def test_real_front_matter_is_valid_yaml(real: Site) -> None:
    """MkDocs silently shows broken front-matter as page text; every page's must parse."""
    for path, text in real.pages.items():
        assert text.startswith("---\n"), path
        meta = yaml.safe_load(text.split("---\n", 2)[1])
        assert isinstance(meta, dict) and meta.get("title") and meta.get("description"), path


def test_relation_categories_differ_by_more_than_colour() -> None:
    """A reader who cannot tell the colours apart still tells the lines apart."""
    categories = default_vocabulary().relation_categories

    def without_colour(style: str) -> str:
        return ",".join(part for part in style.split(",") if not part.startswith("stroke:"))

    looks = [without_colour(c.style) for c in categories]
    assert len(set(looks)) == len(looks), looks
    words = [c.legend.split(",")[1].strip() for c in categories]
    assert len(set(words)) == len(words), "the legend names each line style"
