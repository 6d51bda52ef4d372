"""The ``briefing`` command: check content, ingest articles, generate the docs tree, write schemas."""

from __future__ import annotations

import argparse
import datetime as dt
import json
import shutil
import sys
from collections.abc import Sequence
from pathlib import Path

from briefing.config import standalone_config
from briefing.curate import ingest as ingest_mod
from briefing.errors import ContentError, Problem
from briefing.model.briefing import Briefing
from briefing.model.models import COLLECTIONS, DATA_FILES
from briefing.model.reference import field_reference
from briefing.model.scaffold import KINDS, skeleton
from briefing.model.schema import with_vocabulary
from briefing.model.types import ID_PATTERN
from briefing.model.vocabulary import vocabulary_of
from briefing.options import OptionError, Options
from briefing.parallel import jobs
from briefing.pipeline import check, generate
from briefing.render.abbreviations import with_abbreviations


def main(argv: Sequence[str] | None = None, one_off: bool = False) -> int:
    """Entry point; returns the process exit code. ``one_off``: the process ends after this
    command (see :func:`briefing.pipeline.generate`)."""
    parser = _parser()
    args = parser.parse_args(argv)
    args.one_off = one_off
    try:
        return int(args.run(args))
    except ContentError as exc:
        for problem in exc.problems:
            print(problem, file=sys.stderr)
        count = len(exc.errors)
        print(
            f"{count} problem{'s' if count != 1 else ''} found{_and_warnings(exc.problems)}", file=sys.stderr
        )
        return 1


def _and_warnings(problems: Sequence[Problem]) -> str:
    count = sum(1 for p in problems if p.warning)
    return f" and {count} warning{'s' if count != 1 else ''}" if count else ""


def _warn(briefing: Briefing) -> str:
    """Print the briefing's warnings to stderr; the words that count them for a summary line."""
    for warning in briefing.warnings:
        print(warning, file=sys.stderr)
    return _and_warnings(briefing.warnings)


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="briefing", description=__doc__)
    parser.add_argument(
        "--content", type=Path, default=Path("content"), help="content folder (default: content)"
    )
    sub = parser.add_subparsers(required=True, metavar="COMMAND")

    p = sub.add_parser("check", help="validate all content; print every problem as file:line: message")
    p.set_defaults(run=cmd_check)

    p = sub.add_parser("ingest", help="turn a raw article (text or HTML) into content/sources/ID.md")
    p.add_argument("raw", type=Path, help="the article as received")
    p.add_argument("--id", required=True, help="source id (lowercase, digits, hyphens)")
    p.set_defaults(run=cmd_ingest)

    p = sub.add_parser(
        "suggest", help="list what a source names, dates, similar events and draft citations, for curating it"
    )
    p.add_argument("source", type=Path, help="the source file (content/sources/ID.md), or its id")
    p.add_argument("--json", action="store_true", help="print the suggestions as JSON")
    p.set_defaults(run=cmd_suggest)

    p = sub.add_parser("generate", help="write the complete docs tree (hand-written + generated) to a folder")
    p.add_argument("--out", type=Path, required=True, help="output folder (must be empty or absent)")
    p.add_argument("--docs", type=Path, default=Path("docs"), help="hand-written docs (default: docs)")
    p.add_argument(
        "--config",
        type=Path,
        help="also write a builder config for the tree (from mkdocs.yml, without the plugin), e.g. for zensical",
    )
    p.add_argument("--project-config", type=Path, default=Path("mkdocs.yml"), help=argparse.SUPPRESS)
    p.add_argument("--tiles", default="osm", help="map tiles: osm (default), none, or an https URL template")
    p.add_argument("--tiles-attribution", default="", help="the attribution a custom tile server requires")
    p.add_argument(
        "--builder",
        choices=("zensical", "mkdocs"),
        default="zensical",
        help="the builder the tree is for (default: zensical, which resolves URLs in raw HTML from the"
        " Markdown file; MkDocs leaves them to the browser)",
    )
    p.set_defaults(run=cmd_generate)

    p = sub.add_parser("new", help="write a skeleton content file with every field explained")
    p.add_argument("kind", choices=sorted(KINDS), help="what to create")
    p.add_argument("id", help="its id (lowercase letters, digits and hyphens)")
    p.set_defaults(run=cmd_new)

    p = sub.add_parser("fields", help="print the field tables of every content type (Markdown)")
    p.set_defaults(run=lambda args: print(field_reference(vocabulary_of(args.content)), end="") or 0)

    p = sub.add_parser("budget", help="print what each map (and built pages) cost in bytes and requests")
    p.add_argument("--site", type=Path, help="a built site folder, to measure whole pages")
    p.add_argument(
        "--page", action="append", default=[], help="a page URL inside --site, e.g. regions/bannu/"
    )
    p.set_defaults(run=cmd_budget)

    p = sub.add_parser("schema", help="write a JSON Schema per content type")
    p.add_argument("--out", type=Path, default=Path("schemas"), help="output folder (default: schemas)")
    p.set_defaults(run=cmd_schema)
    return parser


def cmd_check(args: argparse.Namespace) -> int:
    briefing = check(args.content, workers=jobs())
    counts = ", ".join(
        f"{len(getattr(briefing, name))} {name}"
        for name in ("sources", "actors", "regions", "events", "debates")
    )
    warned = _warn(briefing)
    print(
        f"content OK: {counts}, {len(briefing.places)} places, {len(briefing.glossary)} glossary terms, "
        f"{len(briefing.matches)} quotes verified{warned.replace(' and', ';')}"
    )
    return 0


def cmd_ingest(args: argparse.Namespace) -> int:
    """Ingest one article; a problem is one line ``error: ...`` and exit code 2, nothing written."""
    try:
        done = ingest_mod.ingest(args.content, args.raw, args.id, dt.date.today())
    except ingest_mod.IngestError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    print(f"wrote {done.source} ({len(done.cleaned.paragraphs)} paragraphs) from {done.raw}")
    for line in ingest_mod.report(done.cleaned):
        print(f"  {line}")
    print(
        "next: read the list above (a '?' marks a line ingest was unsure of), check the candidates "
        "in the front-matter, fill in the null metadata and the summary, then run `briefing check`"
    )
    return 0


def cmd_suggest(args: argparse.Namespace) -> int:
    """Suggestions for curating one source; nothing is written. A problem is one ``error:`` line, exit 2."""
    from briefing.curate import suggest as suggest_mod

    path: Path = args.source
    if not path.exists() and ID_PATTERN.match(str(path)):
        path = args.content / "sources" / f"{path}.md"
    try:
        found = suggest_mod.suggest(args.content, path)
    except suggest_mod.SuggestError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    if args.json:
        print(json.dumps(suggest_mod.as_json(found), indent=2, ensure_ascii=False))
    else:
        print(suggest_mod.as_text(found), end="")
    return 0


def cmd_new(args: argparse.Namespace) -> int:
    if not ID_PATTERN.match(args.id):
        print(
            f"error: '{args.id}' is not a valid id: use lowercase letters, digits and hyphens",
            file=sys.stderr,
        )
        return 2
    folder, _ = KINDS[args.kind]
    target = args.content / folder / f"{args.id}.md"
    if target.exists():
        print(f"error: {target} exists; `briefing new` never overwrites", file=sys.stderr)
        return 2
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(skeleton(args.kind, args.id, dt.date.today()), encoding="utf-8")
    print(f"wrote {target}: replace every FILL-IN, then run `briefing check`")
    return 0


def cmd_generate(args: argparse.Namespace) -> int:
    flags = {"tiles": "--tiles", "tiles_attribution": "--tiles-attribution"}
    try:
        options = Options(
            tiles=args.tiles,
            tiles_attribution=args.tiles_attribution,
            raw_html_urls="source" if args.builder == "zensical" else "page",
        )
    except OptionError as exc:
        print(f"error: {flags.get(exc.option, exc.option)}: {exc.message}", file=sys.stderr)
        return 2
    site = generate(args.content, options, workers=jobs(), one_off=args.one_off)
    for warning in site.warnings:
        print(warning, file=sys.stderr)
    out: Path = args.out
    if out.exists() and any(out.iterdir()):
        print(f"error: {out} is not empty; generate writes only into an empty folder", file=sys.stderr)
        return 2
    files = {**site.pages, **site.assets}
    written = _hand_written(args.docs, out, site.abbreviations)
    clashes = sorted(set(files) & written)
    if clashes:
        print(
            f"error: generated files would overwrite hand-written ones: {', '.join(clashes)}", file=sys.stderr
        )
        return 2
    for path, content in sorted(files.items()):
        target = out / path
        target.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            target.write_bytes(content)
        else:
            target.write_text(content, encoding="utf-8")
    print(
        f"wrote {len(site.pages)} generated pages, {len(site.assets)} generated files and {len(written)} hand-written files to {out}"
    )
    if args.config:
        args.config.write_text(
            standalone_config(args.project_config, args.config, out, site.nav), encoding="utf-8"
        )
        print(f"wrote {args.config}: build with `{args.builder} build -f {args.config}`")
    return 0


def _hand_written(docs: Path, out: Path, abbreviations: str) -> set[str]:
    """Copy the hand-written docs, with the glossary's abbreviations appended to each page."""
    written: set[str] = set()
    for file in sorted(p for p in docs.rglob("*") if p.is_file()) if docs.is_dir() else []:
        rel = file.relative_to(docs).as_posix()
        target = out / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        if file.suffix == ".md" and not rel.startswith("assets/"):
            text = with_abbreviations(file.read_text(encoding="utf-8"), abbreviations)
            target.write_text(text, encoding="utf-8")
        else:
            shutil.copyfile(file, target)
        written.add(rel)
    return written


def cmd_schema(args: argparse.Namespace) -> int:
    args.out.mkdir(parents=True, exist_ok=True)
    models = {
        **{name: model for name, model in COLLECTIONS.items()},
        **{name.removesuffix(".yml"): m for name, (m, _) in DATA_FILES.items()},
    }
    vocabulary = vocabulary_of(args.content)
    for name, model in sorted(models.items()):
        schema = with_vocabulary(model.model_json_schema(), model, vocabulary)
        many = DATA_FILES.get(f"{name}.yml", (None, False))[1]
        if many:
            schema = {"type": "array", "items": schema, "$defs": schema.pop("$defs", {})}
        schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
        (args.out / f"{name}.schema.json").write_text(
            json.dumps(schema, indent=2, sort_keys=True) + "\n", encoding="utf-8"
        )
    print(f"wrote {len(models)} schemas to {args.out}")
    return 0


def cmd_budget(args: argparse.Namespace) -> int:
    """The cost of every map (and of the built pages given with --site); 1 if a budget is broken."""
    from briefing.maps import build_maps
    from briefing.maps.budget import (
        MAP_FILE_LIMIT,
        PAGE_LIMIT,
        REQUEST_LIMIT,
        cost,
        directory_store,
        mapping_store,
        table,
    )

    mapset = build_maps(check(args.content, workers=jobs()))
    costs = [cost(mapping_store(mapset.files), v.path) for v in mapset.maps.values()]
    print(table(costs))
    broken = [c for c in costs if c.files[0].raw > MAP_FILE_LIMIT or c.requests > REQUEST_LIMIT]
    if args.site:
        pages = [cost(directory_store(args.site), url) for url in args.page]
        print(table(pages))
        broken += [c for c in pages if c.gzipped > PAGE_LIMIT]
    for c in broken:
        print(f"over budget: {c.url}", file=sys.stderr)
    return 1 if broken else 0


def run() -> None:
    """The `briefing` command: :func:`main` in a process that exits when it is done."""
    raise SystemExit(main(one_off=True))


if __name__ == "__main__":
    run()
