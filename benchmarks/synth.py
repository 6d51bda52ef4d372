"""A synthetic briefing of any size, valid under `briefing check`, for benchmarks.

For N sources it writes N articles of 800–2,000 words that name the actors, regions
and places, N/5 actors, N/20 border regions with outlines, 2N events and N/50 debates,
with glossary, places, a border line and references; every quote is cut from the text
it cites, so it verifies.
The corpus is deterministic for a given N and seed. It is written only where it is
told to (never into content/).

Usage: python benchmarks/synth.py N OUT_DIR [--seed S]
"""

from __future__ import annotations

import argparse
import random
from dataclasses import dataclass
from pathlib import Path

import yaml

from briefing.model.vocabulary import default_vocabulary

EVENT_KINDS = [kind.id for kind in default_vocabulary().event_kinds][:7]
"""Kinds the synthetic events take in turn."""
SYLLABLES = "ka ra ban zai mir wal gul noor sha han dar pur kot abad stan khel zai ghar tor sar".split()
WORDS = (
    "the of and to in a that security forces militants border province officials said attack talks "
    "government army police district operation group leaders sources report claimed region strike "
    "ceasefire commanders negotiations analysts argue policy state network fighters civilians"
).split()


def name(rng: random.Random, parts: int = 2) -> str:
    return " ".join("".join(rng.choice(SYLLABLES) for _ in range(2)).capitalize() for _ in range(parts))


def slug(text: str) -> str:
    return "-".join(text.lower().split())


@dataclass
class Article:
    id: str
    paragraphs: list[str]


def sentence(rng: random.Random, mentions: list[str]) -> str:
    words = [rng.choice(WORDS) for _ in range(rng.randint(12, 24))]
    if mentions and rng.random() < 0.5:
        words.insert(rng.randint(0, len(words)), rng.choice(mentions))
    text = " ".join(words)  # names keep their capitals: mentions are found case-sensitively
    return text[0].upper() + text[1:] + "."


def article(rng: random.Random, index: int, mentions: list[str]) -> Article:
    target = rng.randint(800, 2000)
    paragraphs, words = [], 0
    while words < target:
        text = " ".join(sentence(rng, mentions) for _ in range(rng.randint(3, 6)))
        paragraphs.append(text)
        words += len(text.split())
    return Article(f"source-{index:05d}", paragraphs)


def quote_from(rng: random.Random, art: Article) -> tuple[str, str]:
    """A verbatim 6–10 word quote and its paragraph anchor."""
    number = rng.randrange(len(art.paragraphs))
    words = art.paragraphs[number].split()
    start = rng.randrange(0, max(1, len(words) - 10))
    return " ".join(words[start : start + rng.randint(6, 10)]), f"p{number + 1}"


def cite(rng: random.Random, articles: list[Article]) -> dict[str, str]:
    art = rng.choice(articles)
    quote, para = quote_from(rng, art)
    return {"source": art.id, "quote": quote, "para": para}


def front(data: dict[str, object], body: str = "") -> str:
    return "---\n" + yaml.safe_dump(data, sort_keys=False, allow_unicode=True) + "---\n" + body


def write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def body_with_citations(rng: random.Random, articles: list[Article], paragraphs: int) -> str:
    out = []
    for _ in range(paragraphs):
        c = cite(rng, articles)
        out.append(f'{sentence(rng, [])} [@{c["source"]}#{c["para"]} "{c["quote"]}"]')
    return "\n\n".join(out) + "\n"


def cited_line(rng: random.Random, articles: list[Article], text: str) -> str:
    """A one-sentence cited text field (description, summary …) with its citation inline."""
    c = cite(rng, articles)
    return f'{text} [@{c["source"]}#{c["para"]} "{c["quote"]}"].'


def square(lat: float, lon: float, size: float) -> list[list[float]]:
    return [
        [round(lat + dy, 4), round(lon + dx, 4)]
        for dy, dx in ((size, -size), (size, size), (-size, size), (-size, -size))
    ]


def generate(n: int, out: Path, seed: int = 1) -> None:
    rng = random.Random(seed)
    content = out / "content"
    actor_names = sorted({name(rng) for _ in range(max(2, n // 5) * 2)})[: max(2, n // 5)]
    region_count = max(2, n // 20)
    region_names = [f"Region {name(rng, 1)}" for _ in range(region_count)]
    town_names = [f"Town {name(rng, 1)}" for _ in range(region_count)]
    articles = [article(rng, i, actor_names + region_names + town_names) for i in range(n)]
    for art in articles:
        write(content / "raw" / f"{art.id}.txt", "\n\n".join(art.paragraphs) + "\n")
        meta = {
            "id": art.id,
            "title": f"Report {art.id}",
            "outlet": "Synthetic Daily",
            "author": name(rng),
            "published": f"20{rng.randint(10, 24)}-{rng.randint(1, 12):02d}",
            "url": None,
            "url_note": "Synthetic corpus.",
            "kind": "news",
            "perspective": "Synthetic.",
            "rights": "full-text" if rng.random() < 0.5 else "excerpts",
            "summary": "A synthetic article.",
            "raw": f"{art.id}.txt",
            "reviewed": "2026-11-23",
        }
        body = "\n\n".join(f"{p} {{#p{i}}}" for i, p in enumerate(art.paragraphs, 1))
        write(content / "sources" / f"{art.id}.md", front(meta, "\n" + body + "\n"))
    regions = _regions(rng, content, articles, region_names, town_names)
    actors = _actors(rng, content, articles, actor_names, regions)
    _events(rng, content, articles, actors, regions, 2 * n)
    _debates(rng, content, articles, actors, max(1, n // 50))
    _data_files(rng, content, articles, actors)


def _regions(
    rng: random.Random, content: Path, articles: list[Article], names: list[str], towns: list[str]
) -> list[str]:
    ids = []
    places = []
    for i, (region_name, town_name) in enumerate(zip(names, towns, strict=True)):
        rid = f"region-{i:04d}"
        lat, lon = 25.0 + (i // 20) * 0.6, 61.0 + (i % 20) * 0.8
        write(
            content / "regions" / f"{rid}.md",
            front(
                {
                    "id": rid,
                    "name": region_name,
                    "kind": "border-region",
                    "country": "Pakistan",
                    "centre": [lat, lon],
                    "outline": square(lat, lon, 0.25),
                    "reviewed": "2026-11-23",
                },
                body_with_citations(rng, articles, 2),
            ),
        )
        places.append(
            {
                "id": f"town-{i:04d}",
                "name": town_name,
                "region": rid,
                "coords": [round(lat + 0.1, 4), round(lon + 0.1, 4)],
            }
        )
        ids.append(rid)
    write(content / "places.yml", yaml.safe_dump(places, sort_keys=False))
    return ids


def _actors(
    rng: random.Random, content: Path, articles: list[Article], names: list[str], regions: list[str]
) -> list[str]:
    ids = [slug(n) for n in names]
    for actor_id, actor_name in zip(ids, names, strict=True):
        relations = [
            {
                "type": "fights",
                "target": rng.choice(ids),
                "qualifier": "reported",
                "cite": [cite(rng, articles)],
            }
            for _ in range(2)
        ]
        write(
            content / "actors" / f"{actor_id}.md",
            front(
                {
                    "id": actor_id,
                    "name": actor_name,
                    "kind": "armed-group",
                    "aliases": [actor_name],
                    "description": cited_line(rng, articles, "A synthetic group"),
                    "regions": [rng.choice(regions)],
                    "relations": relations,
                    "reviewed": "2026-11-23",
                },
                body_with_citations(rng, articles, 3),
            ),
        )
    return ids


def _events(
    rng: random.Random,
    content: Path,
    articles: list[Article],
    actors: list[str],
    regions: list[str],
    count: int,
) -> None:
    for i in range(count):
        eid = f"{2010 + i % 15}-{1 + i % 12:02d}-event-{i:05d}"
        write(
            content / "events" / f"{eid}.md",
            front(
                {
                    "id": eid,
                    "title": f"Event {i}",
                    "date": f"{2010 + i % 15}-{1 + i % 12:02d}-{1 + i % 28:02d}",
                    # Kind and town follow the index, so that no two events are alike enough
                    # to be taken for the same event (briefing.similar): a real briefing has none.
                    "places": [f"town-{(i * 7) % len(regions):04d}"],
                    "actors": rng.sample(actors, 2),
                    "kind": EVENT_KINDS[i % len(EVENT_KINDS)],
                    "summary": "Officials said something happened.",
                    "cite": [cite(rng, articles)],
                    "reviewed": "2026-11-23",
                }
            ),
        )


def _debates(
    rng: random.Random, content: Path, articles: list[Article], actors: list[str], count: int
) -> None:
    for i in range(count):
        positions = [
            {
                "id": f"position-{p}",
                "label": f"Position {p}",
                "summary": cited_line(rng, articles, "A view"),
                "held_by": rng.sample(actors, 2),
                "quotes": [cite(rng, articles), cite(rng, articles)],
            }
            for p in range(3)
        ]
        write(
            content / "debates" / f"debate-{i:03d}.md",
            front(
                {
                    "id": f"debate-{i:03d}",
                    "title": f"Debate {i}",
                    "question": "What should be done?",
                    "summary": cited_line(rng, articles, "A synthetic debate"),
                    "positions": positions,
                    "disagreements": [
                        {"point": "Whether it works", "views": [cite(rng, articles), cite(rng, articles)]}
                    ],
                    "reviewed": "2026-11-23",
                },
                body_with_citations(rng, articles, 2),
            ),
        )


def _data_files(rng: random.Random, content: Path, articles: list[Article], actors: list[str]) -> None:
    write(
        content / "references" / "synthetic-reference.yml",
        yaml.safe_dump(
            {
                "id": "synthetic-reference",
                "title": "A reference",
                "publisher": "Synthetic",
                "url": "https://example.org/",
            }
        ),
    )
    write(
        content / "glossary.yml",
        yaml.safe_dump(
            [{"term": f"T{i}", "definition": "A term.", "cite": [cite(rng, articles)]} for i in range(20)]
        ),
    )
    write(
        content / "borders" / "synthetic-line.yml",
        yaml.safe_dump(
            {
                "id": "synthetic-line",
                "name": "Synthetic line",
                "description": "A line.",
                "approximate": True,
                "line": [[37.0, 60.5], [24.0, 60.5]],
                "cite": [{"ref": "synthetic-reference"}],
                "reviewed": "2026-11-23",
            }
        ),
    )
    write(
        content / "briefing.yml",
        yaml.safe_dump(
            {
                "title": "Synthetic briefing",
                "subtitle": "For benchmarks",
                "as_of": "2026-11-23",
                "scope": "A synthetic corpus.",
                "judgements": [{"text": "A judgement.", "cite": [cite(rng, articles)]}],
                "reviewed": "2026-11-23",
            }
        ),
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("n", type=int)
    parser.add_argument("out", type=Path)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    generate(args.n, args.out, args.seed)


if __name__ == "__main__":
    main()
