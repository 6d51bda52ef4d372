"""Turn a raw article (text or HTML, as received) into a source file.

Cleaning removes only what is not the article, from outlets it has never seen,
by the shape and position of lines and by boilerplate vocabulary in several
languages — never by rules for a particular outlet:

- before the headline: banners, section labels and navigation rows;
- around it: subscribe and sign-in lines, share rows, reading times, bylines and
  datelines (kept as metadata candidates for the front-matter, not as paragraphs);
- in the body: advertisement labels, image credits and captions, newsletter boxes,
  related-article lists and "read more" lines, tags;
- at the end: author bios and what follows them, footers, comment sections (a
  "Comments (2)" header and everything after it) and reader comments left
  without a header.

HTML pages go through trafilatura, a maintained main-text extractor; the lines of
the page it leaves out are listed as removed. Every removed line is reported with
its reason and its line number in the received file, and lines the rules are
unsure of are marked, so an editor can review the result in a minute.
Metadata that the text does not establish is left null with a note saying so.
"""

from __future__ import annotations

import datetime as dt
import html
import os
import re
import stat
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from briefing.load.documents import MAX_BYTES
from briefing.model.types import ID_PATTERN

# --------------------------------------------------------------------------- results


@dataclass(frozen=True)
class Line:
    """A line of the received article: its number there (None when unknown) and its text."""

    number: int | None
    text: str


@dataclass(frozen=True)
class Removal:
    """A line left out of the source text, and why; ``unsure`` asks the editor to look twice."""

    line: Line
    reason: str
    unsure: bool = False


@dataclass(frozen=True)
class Candidate:
    """A metadata value found in the text, and the line it comes from."""

    value: str
    evidence: str


@dataclass
class Cleaned:
    """The result of cleaning: title, paragraphs, metadata candidates and what was removed."""

    title: str
    paragraphs: list[tuple[str, bool]]
    removed: list[Removal] = field(default_factory=list)
    doubts: list[Removal] = field(default_factory=list)
    """Lines kept although the rules are unsure they belong to the article."""
    outlet: Candidate | None = None
    author: Candidate | None = None
    date: Candidate | None = None
    """The date as the text writes it (``value``) — see ``published`` for the date it gives."""
    published: str | None = None
    """The date the text gives, written YYYY-MM-DD, YYYY-MM or YYYY as far as it goes."""
    title_from: str = ""


# --------------------------------------------------------------------------- vocabulary

_MONTHS: dict[str, int] = {}
for _month_number, _month_names in enumerate(
    (
        "january jan janvier janv enero ene januar jänner",
        "february feb febr février fevrier févr fevr febrero februar",
        "march mar mars marzo märz maerz",
        "april apr avril avr abril",
        "may mai mayo",
        "june jun juin junio juni",
        "july jul juillet juil julio juli",
        "august aug août aout agosto",
        "september sep sept septembre septiembre setiembre",
        "october oct octobre octubre oktober okt",
        "november nov novembre noviembre",
        "december dec décembre decembre déc diciembre dic dezember dez",
    ),
    1,
):
    for _month_name in _month_names.split():
        _MONTHS[_month_name] = _month_number
_MONTH = "|".join(sorted(map(re.escape, _MONTHS), key=len, reverse=True))
_DAYS = set(
    "monday tuesday wednesday thursday friday saturday sunday lundi mardi mercredi jeudi vendredi"
    " samedi dimanche lunes martes miércoles jueves viernes sábado domingo montag dienstag mittwoch"
    " donnerstag freitag samstag sonntag peer mangal budh jumeraat juma hafta itwar".split()
)

_DATE_PATTERNS: list[tuple[re.Pattern[str], str]] = [
    (re.compile(r"\b(?P<y>\d{4})-(?P<m>\d{1,2})-(?P<d>\d{1,2})\b"), "ymd"),
    (
        re.compile(
            rf"\b(?P<d>\d{{1,2}})(?:st|nd|rd|th|er|\.|º)?\s+(?:de\s+)?(?P<m>{_MONTH})\.?,?\s+(?:de\s+)?(?P<y>\d{{4}})\b",
            re.IGNORECASE,
        ),
        "dmy",
    ),
    (
        re.compile(
            rf"\b(?P<m>{_MONTH})\.?\s+(?P<d>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<y>\d{{4}})\b", re.IGNORECASE
        ),
        "mdy",
    ),
    (re.compile(rf"\b(?P<m>{_MONTH})\.?,?\s+(?:de\s+)?(?P<y>\d{{4}})\b", re.IGNORECASE), "my"),
    (re.compile(r"\b(?P<a>\d{1,2})[./](?P<b>\d{1,2})[./](?P<y>\d{4})\b"), "ambiguous"),
    (re.compile(r"\b(?P<d>\d{1,2}),\s+(?P<y>\d{4})\b"), "dy"),
    (re.compile(r"\b(?P<y>(?:19|20)\d{2})\b"), "y"),
]
"""Date forms, most precise first; the last two give only the year."""

_DATE_WORDS = (
    r"(?:published|updated|posted|last updated|first published|date|publié|publie|mis à jour|"
    r"publicado|actualizado|veröffentlicht|aktualisiert|stand|shaya|ishaat)"
    r"(?:\s+(?:on|le|el|am|at))?\s*:?"
)
_DATELINE = re.compile(rf"^{_DATE_WORDS}\s*", re.IGNORECASE)

_BYLINE_PREFIX = re.compile(
    r"^(?:by|par|por|von|door|written by|words by|story by|text by|texto de|texte de|tahreer|"
    r"author\s*:|auteur\s*:|autor(?:in)?\s*:|autor\s+de\s*:)\s+",
    re.IGNORECASE,
)
_PARTICLES = {"de", "da", "del", "van", "von", "der", "al", "el", "bin", "ibn", "la", "le", "du", "di"}
_CONJUNCTIONS = {"and", "&", "et", "y", "und", "aur"}
_ROLES = re.compile(
    r"\b(?:staff|writer|reporter|correspondent|editor|contributor|columnist|journalist|bureau|"
    r"desk|special to|journaliste|correspondant|envoyé|envoyée|rédaction|redacción|corresponsal|"
    r"periodista|redakteur|redakteurin|korrespondent|korrespondentin|redaktion|nama ?nigar)\b",
    re.IGNORECASE,
)
_BIO = re.compile(
    r"^[A-ZÀ-Þ][\w.'’-]+(?: [A-ZÀ-Þ][\w.'’-]+){0,3},? (?:is|was|est|es|ist|hain|hai) (?:a|an|the|un|une|una|ein|eine)?\s?[^.]*"
    r"\b(?:fellow|researcher|scholar|journalist|analyst|academic|professor|director|editor|writer|"
    r"correspondent|reporter|author|student|lecturer|consultant|chercheur|chercheuse|journaliste|"
    r"investigador|investigadora|periodista|profesor|profesora|forscher|forscherin|journalistin|"
    r"autor|autorin|professorin)",
)
_REPORTING = re.compile(
    r"^\(?(?:additional )?(?:reporting|writing|editing) by\b|^\(?(?:avec|con|mit) (?:afp|reuters|ap|dpa|efe)\)?$",
    re.IGNORECASE,
)
_COMMENT_LIKE = re.compile(
    r"^(?:I|I'm|I’m|I've|I’ve|I'd|I’d|I didn't|I didn’t|I don't|I don’t|You|You're|You’re|Your|"
    r"Thanks|Thank you|Great (?:article|piece|read|news)|Well said|Excellent (?:article|piece)|"
    r"Nice (?:article|piece)|Merci|Gracias|Danke|Shukriya|Bohat khoob)\b"
)

_NAV_WORDS = set(
    "home news world politics business sport sports opinion culture science tech technology health "
    "video videos podcasts podcast menu search more local national international economy weather "
    "lifestyle travel arts entertainment live latest about contact privacy terms careers advertise "
    "help faq sections edition accueil actualités actualites monde politique économie economie "
    "inicio noticias mundo política politica economía economia deportes cultura opinión opinion "
    "startseite nachrichten politik wirtschaft welt kultur meinung wissen khabrein tazatareen "
    "kheil ".split()
)
_SHARE_WORDS = set(
    "facebook twitter x whatsapp linkedin email e-mail mail print reddit telegram pinterest messenger "
    "copy link share tweet on via this article story sms flipboard bluesky threads mastodon "
    "partager compartir teilen imprimir imprimer drucken kopieren copier copiar enlace lien karein "
    "karen kijiye".split()
)

_Rule = tuple[str, str, re.Pattern[str], bool]


def _rule(kind: str, reason: str, pattern: str, strict: bool = True) -> _Rule:
    return kind, reason, re.compile(pattern, re.IGNORECASE), strict


_RULES: list[_Rule] = [
    _rule(
        "comments",
        "comment section header (it and everything after it are reader comments)",
        r"^(?:\d+\s+)?(?:comments?|reader comments|commentaires?|comentarios?|kommentare?|tabsar[ae]y?|"
        r"tabsire|leave a (?:comment|reply)|join the (?:conversation|discussion)|show comments|"
        r"view comments|add a comment|post a comment|réagir|réactions|discussion)"
        r"(?:\s*\(\d+\)|\s+\d+)?\s*:?$",
    ),
    _rule(
        "related",
        "related-articles header (the short lines after it are links)",
        r"^(?:related(?: articles| stories| news| content| coverage| reading| links)?|read more|"
        r"read also|also read|see also|more from [^.]{0,40}|more on this(?: story| topic)?|"
        r"more stories|you may also like|you might also like|recommended(?: for you)?|"
        r"most (?:read|popular|viewed)|trending(?: now)?|top stories|lire aussi|à lire aussi|"
        r"a lire aussi|voir aussi|sur le même sujet|lea también|lee también|le puede interesar|"
        r"te puede interesar|noticias relacionadas|relacionad[oa]s?|mehr zum thema|lesen sie auch|"
        r"auch interessant|das könnte sie auch interessieren|weitere artikel|"
        r"yeh bhi parh\w*|ye bhi parh\w*|mazeed parh\w*|mutalliqa khabr\w*)\s*:?$",
    ),
    _rule(
        "link",
        "related-article link",
        r"^(?:read more|read also|also read|related(?: experts| articles| stories)?|see also|more|"
        r"lire aussi|à lire aussi|voir aussi|lea también|lee también|lesen sie auch|mehr zum thema|"
        r"yeh bhi parh\w*|ye bhi parh\w*|mazeed parh\w*)\s*[:>»›|]\s*\S",
        strict=False,
    ),
    _rule(
        "subscribe",
        "subscribe or sign-in line",
        r"^(?:subscribe\b|subscription|already a (?:subscriber|member)|sign (?:in|up|out)\b|"
        r"log ?in\b|log out\b|create (?:a free |an |your )?account|become a (?:member|subscriber)|"
        r"support (?:our|independent) journalism|abonnez-vous|s'abonner|s’abonner|je m'abonne|"
        r"se connecter|connexion$|suscr[ií]b[ea]te|suscribirse|suscripción|iniciar sesión|"
        r"reg[ií]strate|jetzt abonnieren|abonnieren\b|anmelden\b|einloggen|registrieren\b|"
        r"subscribe kar\w*|sabsakraib|login kar\w*)",
    ),
    _rule(
        "subscribe",
        "subscribe or sign-in line",
        r"^(?:subscribe|sign up|sign in|log in|register)\b.{0,80}\b(?:free|access|unlimited|"
        r"journalism|account|today|now)\b",
        strict=False,
    ),
    _rule(
        "newsletter",
        "newsletter box",
        r"^(?:[^.]{0,60}\bnewsletters?\b[^.]{0,60}$|get (?:our|the) [^.]{0,40}(?:newsletter|inbox)|"
        r"(?:sign up|subscribe) (?:for|to) (?:our|the)\b|enter your e-?mail|your e-?mail(?: address)?$|"
        r"e-?mail address$|lettre d'information|lettre d’information|recevez notre|"
        r"bolet[ií]n|khabarnama)",
    ),
    _rule(
        "newsletter",
        "newsletter box",
        r"\b(?:in|to) your inbox\b|dans votre boîte|en tu correo|in (?:ihr|dein) postfach",
        strict=False,
    ),
    _rule(
        "newsletter",
        "newsletter box",
        r"^(?:by signing up|by subscribing|by clicking|en vous inscrivant|al suscribirte|al registrarte|"
        r"mit der anmeldung)\b",
        strict=False,
    ),
    _rule(
        "share",
        "share row",
        r"^(?:share|tweet|pin it|copy link|partager|partagez|compartir|comparte|"
        r"teilen|share kar\w*|shair kar\w*)\b",
    ),
    _rule(
        "advert",
        "advertisement label",
        r"^(?:advertisement|advertising|sponsored(?: content)?|paid content|ad|ads|publicité|publicite|"
        r"publicidad|anuncio|anzeige|werbung|ishtehar|ishtihar)\b",
    ),
    _rule(
        "credit",
        "image credit or caption",
        r"^(?:photo|photos|photograph|image|images|picture|pictures|illustration|graphic|file photo|"
        r"credit|credits|foto|fotos|crédit photo|crédit|crédito|bild|imagen|tasveer|tasweer)\s*"
        r"(?::|by\b|credit\b|©|/|\|)",
        strict=False,
    ),
    _rule(
        "credit",
        "image caption (ends with a credit)",
        r"\((?:photo|image|picture|credit|foto|bild|crédit|imagen|tasveer)\b[^)]*\)$|"
        r"[|/]\s*(?:photo|foto|image|bild|crédit|credit)\s*:[^|/]{1,60}$",
        strict=False,
    ),
    _rule(
        "credit",
        "image credit",
        r"^[^.]{0,60}(?:getty images|afp|reuters|ap photo|epa|shutterstock|alamy)(?:\s*/\s*[^.]{0,40})?$",
    ),
    _rule(
        "footer",
        "footer",
        r"(?:^©|^\(c\) ?\d{4}|^copyright\b|all rights reserved|tous droits réservés|"
        r"todos los derechos reservados|alle rechte vorbehalten|jumla huqooq)",
        strict=False,
    ),
    _rule(
        "footer",
        "footer",
        r"^(?:terms (?:of|and) (?:use|service|conditions)|privacy(?: policy| notice)?$|"
        r"cookie (?:policy|settings|preferences)|contact us|about us|follow us|mentions légales|"
        r"politique de confidentialité|aviso legal|política de privacidad|impressum|datenschutz|"
        r"accept(?: all)? cookies)",
    ),
    _rule(
        "footer",
        "cookie notice",
        r"^(?:this (?:site|website) uses cookies|we use cookies|nous utilisons des cookies|"
        r"utilizamos cookies|wir verwenden cookies)\b",
        strict=False,
    ),
    _rule(
        "reading",
        "reading time or audio label",
        r"^(?:\d+\s*(?:min|mins|minutes?)\.?\s*(?:read|de lecture|de lectura|lesezeit|lectura)|"
        r"(?:lecture|lectura|lesezeit)\s*:?\s*\d+\s*min|listen to (?:this|the) (?:article|story)|"
        r"listen$|écouter(?: l'article)?$|escuchar$|anhören$|audio$)",
    ),
    _rule(
        "nav",
        "navigation label",
        r"^(?:skip to (?:main )?content|menu|search|close|open menu|back to top|home|accueil|inicio|"
        r"startseite|sections|all sections|breaking news|live updates?|en direct|en vivo)$",
    ),
    _rule(
        "tags",
        "tags line",
        r"^(?:tags|topics|filed under|categories|category|thèmes|mots-clés|etiquetas|temas|"
        r"schlagworte|themen)\s*:",
    ),
]
"""(kind, reason, pattern, strict) — a strict rule applies only to a line that is not a sentence."""

_MAX_BOILERPLATE_WORDS = 25
_SENTENCE_END = re.compile(r"[.!?…][\"'”’)\]]*$")


# --------------------------------------------------------------------------- line shapes


def _words(text: str) -> int:
    return len(text.split())


def _is_heading(line: str) -> bool:
    """A short line without closing punctuation is a title or subheading."""
    return len(line) < 100 and len(line.split()) <= 14 and not re.search(r"[.?!:;,\"'”’)]$", line)


def _is_sentence(line: str) -> bool:
    """Six words or more ending like a sentence: article text rather than a label."""
    return _words(line) >= 6 and bool(_SENTENCE_END.search(line))


def _is_prose(line: str) -> bool:
    """A line that reads as a paragraph of the article (where the body starts)."""
    return (_words(line) >= 8 and bool(_SENTENCE_END.search(line))) or _words(line) >= 20


def _same(a: str, b: str) -> bool:
    return " ".join(a.split()).casefold() == " ".join(b.split()).casefold()


def boilerplate(text: str) -> tuple[str, str] | None:
    """(kind, reason) when a line is boilerplate by its vocabulary or make-up, else None."""
    if _words(text) > _MAX_BOILERPLATE_WORDS:
        return None
    sentence = _is_sentence(text)
    for kind, reason, pattern, strict in _RULES:
        if (not strict or not sentence) and pattern.search(text):
            return kind, reason
    if not sentence:
        tokens = [t.strip(".,:;|·•()[]«»\"'").casefold() for t in text.split()]
        tokens = [t for t in tokens if t]
        if len(tokens) >= 2 and all(t in _SHARE_WORDS for t in tokens):
            return "share", "share row"
        navigation = sum(t in _NAV_WORDS for t in tokens)
        if len(tokens) >= 2 and (
            navigation == len(tokens) or (len(tokens) >= 3 and navigation >= 0.6 * len(tokens))
        ):
            return "nav", "navigation row"
    return None


# --------------------------------------------------------------------------- dates and bylines


def find_date(text: str, bare_year: bool = True) -> tuple[str, str] | None:
    """(the date as written, the date it gives as YYYY-MM-DD, YYYY-MM or YYYY), or None."""
    for pattern, form in _DATE_PATTERNS:
        if form == "y" and not bare_year:
            continue
        for match in pattern.finditer(text):
            iso = _iso(match, form)
            if iso:
                return match.group(0), iso
    return None


def _iso(match: re.Match[str], form: str) -> str | None:
    groups = match.groupdict()
    year = int(groups["y"])
    if form in ("ambiguous", "dy", "y"):
        return f"{year:04d}" if 1900 <= year <= 2100 else None
    month_text = groups["m"]
    month = int(month_text) if month_text.isdigit() else _MONTHS[month_text.casefold()]
    if form == "my":
        return f"{year:04d}-{month:02d}" if 1 <= month <= 12 else None
    try:
        day = dt.date(year, month, int(groups["d"]))
    except ValueError:
        return None
    return day.isoformat()


def _dateline(text: str) -> tuple[str, str] | None:
    """The date of a line that is only a date (with a "Published", a weekday or a time)."""
    if _words(text) > 12:
        return None
    rest = _DATELINE.sub("", text, count=1)
    found = find_date(rest, bare_year=False) or (
        find_date(rest) if rest != text and _words(rest) <= 2 else None
    )
    if not found:
        return None
    left = rest.replace(found[0], " ")
    leftover = [w for w in re.split(r"[\s,|·•—–-]+", left) if w and w.casefold().strip(".") not in _DAYS]
    timeish = [
        w
        for w in leftover
        if re.fullmatch(
            r"(?:à|a|at|um|\d{1,2}[:h.]\d{2}|[ap]\.?m\.?|gmt|utc|pkt|cet|est|uhr|h)", w, re.IGNORECASE
        )
    ]
    return found if len(leftover) - len(timeish) <= 2 else None


@dataclass(frozen=True)
class Byline:
    """What a byline line gives: author, and perhaps a date and an outlet."""

    author: str
    date: tuple[str, str] | None
    outlet: str | None


def parse_byline(text: str, in_head: bool) -> Byline | None:
    """A byline ("By Jane Doe, 3 May 2024 | The Ledger"); without "By" only near the headline."""
    if _is_sentence(text) and _words(text) > 10:
        return None
    prefix = _BYLINE_PREFIX.match(text)
    rest = text[prefix.end() :] if prefix else text
    name, after = _name(rest)
    if not name:
        return None
    if not prefix:
        # "Jane Doe | 3 May 2024" or "Jane Doe, Staff Reporter": a name, a separator, a date or a role.
        if not in_head or not re.match(r"^\s*[|·•,—–]", after):
            return None
        if not (find_date(after, bare_year=False) or _ROLES.search(after)):
            return None
    date = find_date(after)
    outlet = _outlet_in(after.replace(date[0], " ") if date else after)
    return Byline(name, date, outlet)


def _name(text: str) -> tuple[str, str]:
    """The personal name(s) a byline starts with, and the text after them ("" when there is none).

    Capitalised words, with particles (de, van, al) and "and" between names; a comma, a
    digit, a month or a weekday ends the name.
    """
    taken: list[str] = []
    end = 0
    for match in re.finditer(r"\S+", text):
        bare = match.group().rstrip(",;|")
        lower = bare.casefold().strip(".")
        if not bare or lower in _MONTHS or lower in _DAYS or any(ch.isdigit() for ch in bare):
            break
        if not (bare[0].isupper() or (taken and (lower in _PARTICLES or lower in _CONJUNCTIONS))):
            break
        taken.append(bare)
        end = match.start() + len(bare)
        if bare != match.group() or len(taken) >= 7:
            break
    while taken and taken[-1].casefold() in _CONJUNCTIONS | _PARTICLES:
        taken.pop()
        end = text.rfind(" ", 0, end) if taken else 0
    people = [w for w in taken if w.casefold() not in _CONJUNCTIONS]
    if not people or len(people) > 6:
        return "", text
    return " ".join(taken), text[end:]


def _outlet_in(text: str) -> str | None:
    """A capitalised name left in a byline after the author and the date, if it is not a role."""
    for piece in re.split(r"\s*[|·•,—–]\s*|\s+-\s+", text):
        piece = piece.strip(" .()")
        if (
            piece
            and piece[0].isupper()
            and not _ROLES.search(piece)
            and _words(piece) <= 6
            and not _DATELINE.fullmatch(piece)
            and not find_date(piece)
        ):
            return piece
    return None


# --------------------------------------------------------------------------- cleaning


def looks_like_html(text: str) -> bool:
    """True for a document rather than text with a stray inline tag."""
    return bool(re.search(r"<(html|body|p|div|article)[\s>]", text, re.IGNORECASE))


def clean(raw: str) -> Cleaned:
    """Clean a received article; see the module docstring for what is removed."""
    if looks_like_html(raw):
        return _clean_html(raw)
    cleaned = Cleaned(title="", paragraphs=[])
    lines: list[Line] = []
    for number, text in enumerate(raw.replace("\r\n", "\n").replace("\r", "\n").split("\n"), 1):
        if text.strip():
            lines.append(_strip_tags(Line(number, text.strip()), cleaned))
    _clean_lines([line for line in lines if line.text], cleaned)
    return cleaned


def _strip_tags(line: Line, cleaned: Cleaned) -> Line:
    tags = re.findall(r"</?[a-zA-Z][^>]*>", line.text)
    if tags:
        cleaned.removed.append(Removal(line, f"HTML tags {' '.join(sorted(set(tags)))} (the text is kept)"))
    text = html.unescape(re.sub(r"</?[a-zA-Z][^>]*>", "", line.text)).strip()
    return Line(line.number, text)


def _clean_lines(lines: list[Line], cleaned: Cleaned) -> None:
    """Split the lines into head (up to the first paragraph of prose) and body, and clean both."""
    start = next(
        (
            i
            for i, line in enumerate(lines)
            if _is_prose(line.text) and not _metadata_or_boilerplate(line.text)
        ),
        len(lines),
    )
    kept = _clean_head(lines[:start], cleaned) + _clean_body(lines[start:], cleaned)
    kept = _clean_tail(kept, cleaned)
    _mark_doubts(kept, cleaned)
    cleaned.paragraphs = [(line.text, _is_heading(line.text)) for line in kept]
    cleaned.removed.sort(key=lambda r: r.line.number or 0)
    cleaned.doubts.sort(key=lambda r: r.line.number or 0)


def _metadata_or_boilerplate(text: str) -> bool:
    return bool(boilerplate(text) or parse_byline(text, True) or _dateline(text))


def _remove(cleaned: Cleaned, line: Line, reason: str, unsure: bool = False) -> None:
    cleaned.removed.append(Removal(line, reason, unsure))


def _metadata(line: Line, cleaned: Cleaned, in_head: bool) -> bool:
    """Take a byline or dateline out as metadata candidates; True when the line was one."""
    where = f"line {line.number}: {line.text!r}" if line.number else repr(line.text)
    byline = parse_byline(line.text, in_head)
    if byline:
        cleaned.author = cleaned.author or Candidate(byline.author, f"the byline ({where})")
        if byline.outlet:
            cleaned.outlet = cleaned.outlet or Candidate(byline.outlet, f"the byline ({where})")
        if byline.date:
            _set_date(cleaned, byline.date, f"the byline ({where})")
        _remove(cleaned, line, f"byline; author candidate {byline.author!r}")
        return True
    date = _dateline(line.text)
    if date:
        _set_date(cleaned, date, f"the dateline ({where})")
        _remove(cleaned, line, f"dateline; date candidate {date[1]!r}")
        return True
    return False


def _set_date(cleaned: Cleaned, date: tuple[str, str], evidence: str) -> None:
    if cleaned.date is None or len(date[1]) > len(cleaned.published or ""):
        cleaned.date = Candidate(date[0], evidence)
        cleaned.published = date[1]


def _clean_head(head: list[Line], cleaned: Cleaned) -> list[Line]:
    """Lines before the first paragraph: the headline is taken as the title, the rest sorted out."""
    candidates: list[Line] = []
    comments = ""
    for line in head:
        found = boilerplate(line.text)
        if comments:
            _remove(cleaned, line, f"reader comment (after {comments!r})")
        elif found:
            _remove(cleaned, line, found[1])
            comments = line.text if found[0] == "comments" else ""
        elif not _metadata(line, cleaned, in_head=True):
            candidates.append(line)
    if not cleaned.title:
        headings = [line for line in candidates if _is_heading(line.text)]
        if headings:
            headline = max(headings, key=lambda line: (_words(line.text), line.number or 0))
            headline = next(h for h in headings if _same(h.text, headline.text))  # a repeated one: the first
            cleaned.title, cleaned.title_from = headline.text, _where(headline)
            rivals = [h for h in headings if _rival(h, headline)]
            if rivals:
                cleaned.doubts.append(
                    Removal(headline, f"taken as the headline; {rivals[0].text!r} could be it instead", True)
                )
            before = [
                line
                for line in candidates
                if candidates.index(line) < candidates.index(headline) and not _same(line.text, headline.text)
            ]
            for line in before:
                if _rival(line, headline):
                    _remove(
                        cleaned, line, "banner or section label before the headline, or the headline?", True
                    )
                else:
                    _remove(cleaned, line, "banner or section label before the headline")
            names = [line for line in before if 2 <= _words(line.text) <= 8 and "|" not in line.text]
            if names and cleaned.outlet is None:
                cleaned.outlet = Candidate(_banner_name(names[0].text), f"the banner ({_where(names[0])})")
            candidates = [line for line in candidates if line not in before and line is not headline]
    kept: list[Line] = []
    for line in candidates:
        if cleaned.title and _same(line.text, cleaned.title):
            _remove(cleaned, line, "repeated headline")
        else:
            kept.append(line)
    return kept


def _rival(line: Line, headline: Line) -> bool:
    """A heading-shaped line long enough that it might be the headline instead."""
    words = len(re.findall(r"\w+", line.text))
    return line is not headline and not _same(line.text, headline.text) and words >= 5


def _where(line: Line) -> str:
    return f"line {line.number}: {line.text!r}" if line.number else repr(line.text)


def _banner_name(text: str) -> str:
    """The outlet a banner names: a tagline run into the name ("The LedgerNews you trust") cut off."""
    glued = re.search(r"[a-zà-ÿ][A-ZÀ-Þ]", text)
    return text[: glued.start() + 1] if glued else text


def _clean_body(body: list[Line], cleaned: Cleaned) -> list[Line]:
    """The body, line by line: boilerplate out, related lists and comment sections to their end."""
    kept: list[Line] = []
    mode, header = "", ""
    for line in body:
        if mode == "comments":
            found = boilerplate(line.text)
            reason = found[1] if found and found[0] == "footer" else f"reader comment (after {header!r})"
            _remove(cleaned, line, reason)
            continue
        found = boilerplate(line.text)
        if found:
            _remove(cleaned, line, found[1])
            if found[0] in ("comments", "related"):
                mode, header = found[0], line.text
            continue
        if mode == "related" and not _is_prose(line.text) and _words(line.text) <= 16:
            _remove(cleaned, line, f"related-article link (after {header!r})")
            continue
        if mode == "related" and cleaned.removed and _is_heading(cleaned.removed[-1].line.text):
            last = cleaned.removed.pop()
            cleaned.removed.append(Removal(last.line, last.reason + "; or a subheading?", True))
        mode = ""
        if _REPORTING.search(line.text):
            _remove(cleaned, line, "reporting credit")
            continue
        if not _is_prose(line.text) and _metadata(line, cleaned, in_head=not kept):
            continue
        kept.append(line)
    return kept


def _clean_tail(kept: list[Line], cleaned: Cleaned) -> list[Line]:
    """An author bio near the end and what follows it; reader comments left without a header."""
    for index in range(max(1, len(kept) - 3), len(kept)):
        bio = _BIO.match(kept[index].text)
        if bio:
            name = re.split(r",? (?:is|was|est|es|ist|hain|hai) ", kept[index].text, maxsplit=1)[0]
            cleaned.author = cleaned.author or Candidate(name, f"the author bio ({_where(kept[index])})")
            _remove(cleaned, kept[index], "author bio")
            for line in kept[index + 1 :]:
                _remove(cleaned, line, "after the author bio (footer)")
            kept = kept[:index]
            break
    while len(kept) > 1 and _COMMENT_LIKE.match(kept[-1].text):
        _remove(cleaned, kept[-1], "looks like a reader comment after the end of the article", True)
        kept = kept[:-1]
    return kept


def _mark_doubts(kept: list[Line], cleaned: Cleaned) -> None:
    """Kept lines that could still be labels: short heading-shaped lines, a heading at the end."""
    for index, line in enumerate(kept):
        if not _is_heading(line.text):
            continue
        if _words(line.text) <= 3:
            cleaned.doubts.append(Removal(line, "short line that may be a section label", True))
        elif index == len(kept) - 1:
            cleaned.doubts.append(
                Removal(line, "heading-shaped line at the end, with no paragraph after it", True)
            )


# --------------------------------------------------------------------------- HTML

_BLOCKS = set(
    "address article aside blockquote body dd details dialog div dl dt fieldset figcaption figure "
    "footer form h1 h2 h3 h4 h5 h6 header hr li main nav ol p pre section summary table td th tr ul "
    "br time button label option".split()
)


def _clean_html(raw: str) -> Cleaned:
    """Main text by trafilatura; what it leaves out of the page is listed as removed."""
    import trafilatura
    from lxml import etree

    cleaned = Cleaned(title="", paragraphs=[])
    page = _page_lines(raw)
    numbers = {_key(line.text): line.number for line in reversed(page)}
    extracted = trafilatura.extract(
        raw,
        output_format="xml",
        favor_precision=True,
        include_comments=False,
        include_tables=False,
        include_images=False,
        include_links=False,
        with_metadata=True,
        deduplicate=False,
    )
    if not extracted:
        for line in page:
            _remove(cleaned, line, "not part of the main text (trafilatura found none)")
        return cleaned
    doc = etree.fromstring(extracted.encode("utf-8"))
    blocks = _xml_blocks(doc)
    if blocks and blocks[0][1] == "h1":
        cleaned.title, cleaned.title_from = blocks[0][0], "the page's first-level heading"
        blocks = blocks[1:]
    elif doc.get("title"):
        cleaned.title, cleaned.title_from = doc.get("title", ""), "the page's metadata (title)"
    where = "the page's metadata (trafilatura)"
    if doc.get("author"):
        cleaned.author = Candidate(doc.get("author", ""), where)
    if doc.get("sitename"):
        cleaned.outlet = Candidate(doc.get("sitename", ""), where)
    date = find_date(doc.get("date") or "", bare_year=False)
    if date:
        cleaned.date, cleaned.published = Candidate(date[0], where), date[1]
    lines = [Line(numbers.get(_key(text)), text) for text, _ in blocks]
    _clean_lines(lines, cleaned)
    _report_left_out(page, cleaned, [text for text, _ in blocks])
    return cleaned


def _key(text: str) -> str:
    return " ".join(text.split()).casefold()


def _xml_blocks(doc: Any) -> list[tuple[str, str]]:
    """(text, rend) of each block of trafilatura's XML: headings, paragraphs, list items, quotes."""
    blocks: list[tuple[str, str]] = []
    main = doc.find("main")
    for element in main if main is not None else []:
        items = element.findall(".//item") if element.tag == "list" else [element]
        for item in items:
            text = " ".join("".join(item.itertext()).split())
            if text:
                blocks.append((text, element.get("rend", "") if element.tag == "head" else ""))
    return blocks


def _page_lines(raw: str) -> list[Line]:
    """The text of the page one block at a time, with the line of the page it starts on."""
    from lxml import etree
    from lxml import html as lxml_html

    try:
        root = lxml_html.document_fromstring(raw)
    except (ValueError, etree.ParserError):
        return []
    for element in root.xpath("//script|//style|//noscript|//template|//svg|//head"):
        element.drop_tree()
    lines: list[Line] = []
    parts: list[str] = []
    number: list[int | None] = [None]

    def flush() -> None:
        text = " ".join(html.unescape("".join(parts)).split())
        if text:
            lines.append(Line(number[0], text))
        parts.clear()
        number[0] = None

    for event, element in etree.iterwalk(root, events=("start", "end")):
        block = isinstance(element.tag, str) and element.tag in _BLOCKS
        if event == "start":
            if block:
                flush()
            if isinstance(element.tag, str) and element.text:
                number[0] = number[0] or element.sourceline
                parts.append(element.text)
        else:
            if block:
                flush()
            if element.tail:
                if element.tail.strip():
                    number[0] = number[0] or element.sourceline
                parts.append(element.tail)
    flush()
    return lines


def _report_left_out(page: list[Line], cleaned: Cleaned, extracted: list[str]) -> None:
    """List the page's lines that are neither the title nor in the extracted text, with a reason."""
    inside = [_key(text) for text in extracted] + [_key(cleaned.title)]
    seen = {_key(r.line.text) for r in cleaned.removed}
    mode, header = "", ""
    for line in page:
        key = _key(line.text)
        found = boilerplate(line.text)
        if found and found[0] in ("comments", "related"):
            mode, header = found[0], line.text
        elif found is None and _is_prose(line.text) and mode == "related":
            mode = ""
        if key in seen or any(key in text for text in inside if key):
            continue
        seen.add(key)
        byline = parse_byline(line.text, True)
        date = _dateline(line.text)
        if found:
            reason = found[1]
        elif mode == "comments":
            reason = f"reader comment (after {header!r})"
        elif mode == "related" and not _is_prose(line.text):
            reason = f"related-article link (after {header!r})"
        elif byline:
            reason = f"byline; author candidate {byline.author!r}"
            cleaned.author = cleaned.author or Candidate(byline.author, f"the byline ({_where(line)})")
        elif date:
            reason = f"dateline; date candidate {date[1]!r}"
        else:
            reason = "not part of the main text (trafilatura)"
        _remove(cleaned, line, reason)
    cleaned.removed.sort(key=lambda r: r.line.number or 0)


# --------------------------------------------------------------------------- output


def report(cleaned: Cleaned) -> list[str]:
    """The lines ingest prints for review: each removal with its reason, doubts marked with '?'."""
    lines: list[str] = []
    if cleaned.title:
        lines.append(f"title {cleaned.title!r} (from {cleaned.title_from})")
    else:
        lines.append("title: none found (write a descriptive title and say so in title_note)")
    entries = sorted(
        [(r.line.number or 0, 0, r) for r in cleaned.removed]
        + [(d.line.number or 0, 1, d) for d in cleaned.doubts],
        key=lambda e: (e[0], e[1]),
    )
    for _, doubt, item in entries:
        where = f"line {item.line.number}" if item.line.number else "line ?"
        if doubt:
            lines.append(f"? kept {where} (unsure: {item.reason}): {item.line.text!r}")
        elif item.unsure:
            lines.append(f"? removed {where} (unsure: {item.reason}): {item.line.text!r}")
        else:
            lines.append(f"removed {where} ({item.reason}): {item.line.text!r}")
    for name, found in (("author", cleaned.author), ("outlet", cleaned.outlet), ("date", cleaned.date)):
        if found:
            lines.append(f"candidate {name} {found.value!r} from {found.evidence}")
    return lines


def to_markdown(source_id: str, raw_name: str, cleaned: Cleaned, today: dt.date) -> str:
    """The source file: front-matter with what the text establishes, then anchored paragraphs."""
    check = "a candidate found by ingest; check it against the original and rewrite this note."
    meta: dict[str, Any] = {"id": source_id, "title": cleaned.title or None}
    if not cleaned.title:
        meta["title_note"] = (
            "No headline found in the article's text: write a descriptive title of ours and say so here."
        )
    meta["outlet"] = cleaned.outlet.value if cleaned.outlet else None
    meta["outlet_note"] = (
        f"From {cleaned.outlet.evidence}: {check}" if cleaned.outlet else "Not named in the article's text."
    )
    meta["author"] = cleaned.author.value if cleaned.author else None
    meta["author_note"] = (
        f"From {cleaned.author.evidence}: {check}" if cleaned.author else "No byline in the article's text."
    )
    meta["published"] = cleaned.published
    if cleaned.date and cleaned.published:
        meta["published_note"] = f"The text gives {cleaned.date.value!r}, in {cleaned.date.evidence}: {check}"
    else:
        meta["published_note"] = "No date in the article's text."
    meta.update(
        {
            "url": None,
            "url_note": "Not in the article's text.",
            "kind": None,
            "perspective": None,
            "rights": "excerpts",
            "summary": None,
            "raw": raw_name,
            "reviewed": today.isoformat(),
        }
    )
    front = yaml.safe_dump(meta, sort_keys=False, allow_unicode=True, width=100)
    body = "\n\n".join(
        f"{'## ' if heading else ''}{text} {{#p{n}}}"
        for n, (text, heading) in enumerate(cleaned.paragraphs, 1)
    )
    return f"---\n{front}---\n\n{body}\n"


# --------------------------------------------------------------------------- the ingest command

RESERVED_IDS = frozenset(
    {"index", "tags", "search", "assets", "404", "sitemap", "feed", "rss", "atom"}
    | {"con", "prn", "aux", "nul"}
    | {f"{port}{n}" for port in ("com", "lpt") for n in range(1, 10)}
)
"""Ids that would replace a generated page (index) or are reserved file names on Windows."""


class IngestError(Exception):
    """A problem that stops ingest before it writes anything; the message is one line."""


@dataclass(frozen=True)
class Ingested:
    """What ingest wrote."""

    source: Path
    raw: Path
    cleaned: Cleaned


def check_id(source_id: str) -> None:
    """Refuse an id that is not a safe file name and URL, or that a generated page uses."""
    if not ID_PATTERN.match(source_id) or len(source_id) > 80:
        raise IngestError(
            f"'{source_id}' is not a valid id: use lowercase letters, digits and single hyphens (at most 80)"
        )
    if source_id in RESERVED_IDS:
        raise IngestError(
            f"'{source_id}' is a reserved id (a generated page or a reserved file name); choose another"
        )


def read_article(path: Path) -> tuple[bytes, str]:
    """The bytes and text of the article to ingest: a regular UTF-8 file of at most MAX_BYTES."""
    try:
        info = os.stat(path)
    except FileNotFoundError:
        raise IngestError(f"{path}: no such file") from None
    except OSError as exc:
        raise IngestError(f"{path}: cannot be read ({exc.strerror or exc})") from None
    if stat.S_ISDIR(info.st_mode):
        raise IngestError(f"{path} is a folder; give the article file itself")
    if not stat.S_ISREG(info.st_mode):
        raise IngestError(
            f"{path} is not a regular file ({_file_kind(info.st_mode)}); save the article as a file first"
        )
    if info.st_size > MAX_BYTES:
        raise IngestError(f"{path} is {info.st_size:,} bytes; an article is limited to {MAX_BYTES:,} bytes")
    try:
        with open(path, "rb") as handle:
            data = handle.read(MAX_BYTES + 1)
    except OSError as exc:
        raise IngestError(f"{path}: cannot be read ({exc.strerror or exc})") from None
    if len(data) > MAX_BYTES:
        raise IngestError(f"{path} is over {MAX_BYTES:,} bytes; an article is limited to {MAX_BYTES:,} bytes")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise IngestError(
            f"{path} is not UTF-8 (byte 0x{data[exc.start]:02x} at offset {exc.start}); save it as UTF-8"
        ) from None
    if "\x00" in text:
        raise IngestError(f"{path} contains NUL bytes; it is not a text or HTML article")
    return data, text


def _file_kind(mode: int) -> str:
    for test, name in (
        (stat.S_ISFIFO, "a FIFO"),
        (stat.S_ISCHR, "a character device"),
        (stat.S_ISBLK, "a block device"),
        (stat.S_ISSOCK, "a socket"),
    ):
        if test(mode):
            return name
    return "not a file"


def _check_path(content: Path, target: Path) -> bool:
    """Every existing component from ``content`` to ``target`` is a real folder (target: a real file).

    Returns whether the target exists. Nothing is ever written through a symbolic link, so
    ingest cannot write outside the content folder.
    """
    steps = [
        content,
        *[
            content.joinpath(*target.relative_to(content).parts[: i + 1])
            for i in range(len(target.relative_to(content).parts))
        ],
    ]
    for step in steps:
        try:
            info = os.lstat(step)
        except FileNotFoundError:
            return False
        except OSError as exc:
            raise IngestError(f"{step}: cannot be read ({exc.strerror or exc})") from None
        if stat.S_ISLNK(info.st_mode):
            raise IngestError(
                f"{step} is a symbolic link; ingest writes only to real folders and files inside {content}"
            )
        if step != target and not stat.S_ISDIR(info.st_mode):
            raise IngestError(f"{step} is not a folder")
        if step == target and not stat.S_ISREG(info.st_mode):
            raise IngestError(f"{step} exists and is not a regular file")
    return True


def _write_new(path: Path, data: bytes) -> None:
    """Create ``path`` with ``data``; fails if it exists, never follows a symbolic link."""
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_BINARY", 0)
    descriptor = os.open(path, flags, 0o644)
    with os.fdopen(descriptor, "wb") as handle:
        handle.write(data)


def ingest(content: Path, raw_path: Path, source_id: str, today: dt.date) -> Ingested:
    """Copy the article verbatim into content/raw/ and write its cleaned source file.

    Everything is checked before anything is written; nothing is overwritten.
    """
    check_id(source_id)
    data, text = read_article(raw_path)
    target = content / "sources" / f"{source_id}.md"
    suffix = raw_path.suffix.lower() if re.fullmatch(r"\.[a-z0-9]{1,8}", raw_path.suffix.lower()) else ".txt"
    raw_copy = content / "raw" / f"{source_id}{suffix}"
    if _check_path(content, target):
        raise IngestError(f"{target} exists; ingest never overwrites (delete it first to start again)")
    raw_exists = _check_path(content, raw_copy)
    if raw_exists and raw_copy.read_bytes() != data:
        raise IngestError(f"{raw_copy} exists with other content; ingest never overwrites")
    cleaned = clean(text)
    if not cleaned.paragraphs:
        raise IngestError(f"{raw_path}: no article text left after cleaning; nothing written")
    try:
        for folder in (content, content / "raw", content / "sources"):
            if not folder.is_dir():
                os.mkdir(folder)
        if not raw_exists:
            _write_new(raw_copy, data)
        _write_new(target, to_markdown(source_id, raw_copy.name, cleaned, today).encode("utf-8"))
    except OSError as exc:
        raise IngestError(f"{exc.filename or content}: cannot be written ({exc.strerror or exc})") from None
    return Ingested(target, raw_copy, cleaned)
