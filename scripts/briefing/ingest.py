"""Turn a raw article (text or HTML, as received) into a source file.

Cleaning removes only what is not the article — outlet banners, HTML tags, a
repeated title, a byline line, author bios and "Related Experts" footers, reader
comments after the end — and reports each removal so an editor can review it.
Metadata that the text does not establish is left null with a note saying so.
"""

from __future__ import annotations

import datetime as dt
import html
import re
from dataclasses import dataclass, field
from html.parser import HTMLParser

import yaml

BANNERS = {
    "The Washington PostDemocracy Dies in Darkness": "The Washington Post",
    "The Washington Post Democracy Dies in Darkness": "The Washington Post",
}
"""Banner lines that outlets prepend, and the outlet each one names."""

_BYLINE = re.compile(
    r"^by (?P<author>[A-Z][\w.'-]+(?: [A-Z][\w.'-]+){0,3})\s+(?P<date>[\w ,.]*?\d{4})\s+(?P<outlet>.+)$"
)
_BIO = re.compile(
    r"^[A-Z][\w.'-]+(?: [A-Z][\w.'-]+){0,3} is (?:a|an|the) [^.]*"
    r"\b(?:fellow|researcher|scholar|journalist|analyst|academic|professor|director|editor|writer|correspondent)\b"
)
_FOOTER = re.compile(r"^(Related Experts:|The [A-Z][\w ]+ (?:Center|Centre|Program|Institute) is )")
_COMMENT = re.compile(r"^(?:I|I'm|I've|I didn't|You|You're|Thanks|Great article)\b")
_BLOCK_TAGS = {"p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "blockquote", "br", "article", "section"}


@dataclass
class Cleaned:
    """The result of cleaning: title, paragraphs, what was found and what was removed."""

    title: str
    paragraphs: list[tuple[str, bool]]
    removed: list[str] = field(default_factory=list)
    outlet: str | None = None
    author: str | None = None
    date_text: str | None = None


class _TextExtractor(HTMLParser):
    """Collect the text of an HTML document, one line per block element."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("script", "style", "nav", "footer", "header", "aside"):
            self._skip += 1
        if tag in _BLOCK_TAGS:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in ("script", "style", "nav", "footer", "header", "aside"):
            self._skip = max(0, self._skip - 1)
        if tag in _BLOCK_TAGS:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if not self._skip:
            self.parts.append(data)


def looks_like_html(text: str) -> bool:
    """True for a document rather than text with a stray inline tag."""
    return bool(re.search(r"<(html|body|p|div|article)[\s>]", text, re.IGNORECASE))


def html_to_text(text: str) -> str:
    """Text of an HTML document, blocks on their own lines."""
    parser = _TextExtractor()
    parser.feed(text)
    parser.close()
    return "".join(parser.parts)


def clean(raw: str) -> Cleaned:
    """Clean a received article; see the module docstring for what is removed."""
    removed: list[str] = []
    if looks_like_html(raw):
        raw = html_to_text(raw)
        removed.append("HTML markup (converted to text)")
    lines = [line.strip() for line in raw.replace("\r\n", "\n").split("\n")]
    lines = [_strip_tags(line, removed) for line in lines if line.strip()]
    cleaned = Cleaned(title="", paragraphs=[], removed=removed)
    lines = _strip_head(lines, cleaned)
    lines = _strip_tail(lines, cleaned)
    cleaned.paragraphs = [(line, _is_heading(line)) for line in lines]
    return cleaned


def _strip_tags(line: str, removed: list[str]) -> str:
    tags = re.findall(r"</?[a-zA-Z][^>]*>", line)
    if tags:
        removed.append(f"HTML tags {' '.join(sorted(set(tags)))}")
    return html.unescape(re.sub(r"</?[a-zA-Z][^>]*>", "", line)).strip()


def _strip_head(lines: list[str], cleaned: Cleaned) -> list[str]:
    if lines and lines[0] in BANNERS:
        cleaned.outlet = BANNERS[lines[0]]
        cleaned.removed.append(f"outlet banner: {lines[0]!r}")
        lines = lines[1:]
    byline = _BYLINE.match(lines[0]) if lines else None
    if byline:
        cleaned.author, cleaned.date_text = byline["author"], byline["date"].strip(" ,")
        cleaned.outlet = cleaned.outlet or byline["outlet"].strip()
        cleaned.removed.append(f"byline: {lines[0]!r}")
        return lines[1:]
    if lines and _is_heading(lines[0]):
        cleaned.title = lines[0]
        lines = lines[1:]
        while lines and lines[0] == cleaned.title:
            cleaned.removed.append(f"repeated title: {lines[0]!r}")
            lines = lines[1:]
    return lines


def _strip_tail(lines: list[str], cleaned: Cleaned) -> list[str]:
    # Bios and footers sit in the last few lines; an article sentence earlier on may look alike.
    for index in range(max(1, len(lines) - 3), len(lines)):
        line = lines[index]
        if _BIO.match(line) or _FOOTER.match(line):
            bio = _BIO.match(line)
            if bio and not cleaned.author:
                cleaned.author = line.split(" is ", 1)[0]
            cleaned.removed.extend(f"author bio or footer: {tail!r}" for tail in lines[index:])
            return lines[:index]
    while len(lines) > 1 and _COMMENT.match(lines[-1]) and lines[-1] not in lines[:-1]:
        cleaned.removed.append(f"reader comment after the article: {lines[-1]!r}")
        lines = lines[:-1]
    return lines


def _is_heading(line: str) -> bool:
    """A short line without closing punctuation is a title or subheading."""
    return len(line) < 100 and len(line.split()) <= 14 and not re.search(r"[.?!:;,\"'”’)]$", line)


def to_markdown(source_id: str, raw_name: str, cleaned: Cleaned, today: dt.date) -> str:
    """The source file: front-matter with what the text establishes, then anchored paragraphs."""
    meta = {
        "id": source_id,
        "title": cleaned.title or None,
        "outlet": cleaned.outlet,
        "outlet_note": None if cleaned.outlet else "Not named in the received text.",
        "author": cleaned.author,
        "author_note": None if cleaned.author else "No byline in the received text.",
        "published": None,
        "published_note": f"The text gives only {cleaned.date_text!r}."
        if cleaned.date_text
        else "No date in the received text.",
        "url": None,
        "url_note": "Not in the received text.",
        "kind": None,
        "perspective": None,
        "rights": "excerpts",
        "summary": None,
        "raw": raw_name,
        "reviewed": today.isoformat(),
    }
    front = yaml.safe_dump(meta, sort_keys=False, allow_unicode=True, width=100)
    body = "\n\n".join(
        f"{'## ' if heading else ''}{text} {{#p{n}}}"
        for n, (text, heading) in enumerate(cleaned.paragraphs, 1)
    )
    return f"---\n{front}---\n\n{body}\n"
