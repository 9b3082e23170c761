"""Scrape cleanup: from a raw page or scraped text to a `Document`.

Scrapers save pages with the furniture of the site around the article: the title
twice, a standfirst, "2 min read", a date line, photo captions with credits, a
byline, an agency dateline. This stage keeps the words of the article (title,
standfirst, captions, body) in `Document.text`, in page order, and turns the
furniture into metadata. All later offsets refer to that text.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from functools import cache
from typing import Any
from urllib.parse import urlsplit

from tadmur.ingest import InputError, RawInput, is_input_note
from tadmur.language import detect_language
from tadmur.model import Caption, Document
from tadmur.sources import SourceLexicon
from tadmur.when import MONTH_RE, make_date, month_number, parse_date_line

HEADER_LINES = 8
"""Site furniture (date line, byline, read time) sits in the first lines after the title."""

MAX_TEXT_CHARS = 100_000
"""An article's cleaned text is refused beyond this (some 16,000 words, twice the longest
news features): parsing time and memory grow faster than the text (100,000 characters of
news take 3 s and 160 MB, 200,000 take 9 s and 320 MB), and spaCy refuses 1,000,000."""

HTML_MAX_DEPTH = 255
"""libxml2 stops building the tree of an HTML page below this many nested elements."""

_LANGUAGE_NOTE = "language detected as "
_DEPTH_NOTE = "HTML elements nest "

_READ_TIME = re.compile(
    r"^\s*(?:reading\s+time\s*:?\s*)?(?P<n>\d{1,3})\s*-?\s*min(?:ute)?s?\.?(?:\s+read)?\s*$", re.I
)
_NAME_TOKEN = r"[A-Z][\w.'’-]*"
_BYLINE = re.compile(
    rf"^\s*(?:by|written\s+by)\s+(?P<name>{_NAME_TOKEN}(?:\s+(?:{_NAME_TOKEN}|and|de|al|bin|van|von)){{0,6}})"
    r"\s*(?:[,|/–—-]\s*(?P<org>[^,|]{2,60}))?\s*$",
    re.I,
)
_CREDIT_TOKEN = r"[A-Z][\w.&'’-]*(?:\s+[A-Z][\w.&'’-]*){0,3}"
_CREDIT_BRACKET = re.compile(r"\s*\[(?P<credit>[^\[\]]{1,60})\]\s*$")
_CREDIT_PAREN = re.compile(
    rf"\s*\((?P<credit>(?:{_CREDIT_TOKEN}|file photo|handout)"
    rf"(?:\s*(?:/|,|;|via)\s*(?:{_CREDIT_TOKEN}|file photo|handout)){{0,4}})\)\s*$",
    re.I,
)
_CREDIT_LABEL = re.compile(
    r"\s*[-–—|]?\s*(?:photo(?:graph)?|picture|image|credit|photo\s+credit|pic)s?\s*:\s*"
    r"(?P<credit>[^.:]{1,60}?)\s*\.?$",
    re.I,
)
_DATELINE = re.compile(
    rf"^(?P<place>[A-Z][A-Z.'’ -]{{1,40}}?(?:\s*,\s*[A-Z][A-Za-z.'’ -]{{1,30}}?)?)"
    rf"(?:\s*,\s*(?P<month>(?i:{MONTH_RE}))\s+(?P<day>\d{{1,2}})(?:\s*,?\s*(?P<year>\d{{4}}))?)?"
    r"\s*(?:\((?P<agency>[A-Za-z][A-Za-z .&/-]{0,40})\))?\s*(?:-{1,2}|–|—|:)\s+",
)
_AGENCY_ONLY = re.compile(r"^\((?P<agency>[A-Za-z][A-Za-z .&/-]{0,40})\)\s*(?:-{1,2}|–|—)\s+")
_OUTLET_NAME = r"(?:The\s+)?[A-Z][\w'’-]+(?:\s+(?:[A-Z][\w'’-]+|al|el)){0,4}"
_TOLD = re.compile(
    rf"\b(?:told|said\s+to|speaking\s+to|in\s+an\s+interview\s+with|in\s+a\s+statement\s+to|"
    rf"contacted\s+by)\s+(?P<o>{_OUTLET_NAME})"
)
_SELF_REF = re.compile(
    rf"(?P<o>{_OUTLET_NAME})\s+(?:has\s+learned|has\s+learnt|understands|has\s+obtained|"
    rf"has\s+seen|can\s+reveal|has\s+confirmed|was\s+told|has\s+contacted|reported\s+earlier)"
)
_META_FIELD = re.compile(
    r"^(?:source|editor|author|by|updated|published|date|time|section|category)\s*:\s*\S.{0,60}$",
    re.I,
)
_YEAR = re.compile(r"\b(19[5-9]\d|20[0-4]\d)\b")


_STANDFIRST_XPATH = " | ".join(
    f"//*[contains(concat(' ', normalize-space(@class), ' '), ' {name} ')]"
    for name in (
        "standfirst",
        "subtitle",
        "sub-title",
        "dek",
        "article-summary",
        "lede",
        "strapline",
    )
)


@dataclass(frozen=True, slots=True)
class Hints:
    """What the HTML layer already knows about the article."""

    title: str | None = None
    subtitle: str | None = None
    published: str | None = None
    outlet: str | None = None
    byline: str | None = None
    captions: tuple[Caption, ...] = ()


@dataclass(slots=True)
class _Header:
    read_time: int | None = None
    date_line: date | None = None
    byline: str | None = None
    byline_org: str | None = None
    warnings: list[str] = field(default_factory=list)


def build_document(
    raw: RawInput, sources: SourceLexicon, is_town: Callable[[str], bool] | None = None
) -> tuple[Document, list[str]]:
    """Clean one raw input into a Document plus human-readable warnings. `is_town` says
    whether a name is a town's: a dateline in title case ("Bamako - ") is only taken for
    one when it is (without it, only capitalised and agency datelines are)."""
    notes: list[str] = []
    if raw.media == "html":
        lines, hints = _html_lines(raw, notes)
    else:
        lines, hints = raw.content.splitlines(), Hints()
    return _clean(lines, hints, raw, sources, notes, is_town)


def is_input_warning(warning: str) -> bool:
    """Whether a warning is about the input rather than its content: how it was decoded or
    repaired, a field that was ignored, a language that is not coded. `tadmur ingest` prints
    these; the others are kept with the document."""
    return is_input_note(warning) or warning.startswith((_LANGUAGE_NOTE, _DEPTH_NOTE))


def normalize_line(line: str) -> str:
    """NFC, ordinary spaces, no zero-width characters, single spaces."""
    line = unicodedata.normalize("NFC", line)
    line = re.sub(r"[\u200b-\u200d\u2060\ufeff]", "", line)
    return re.sub(r"[ \t\u00a0\u2000-\u200a\u202f\u205f\u3000]+", " ", line).strip()


def _fold(text: str) -> str:
    return re.sub(r"\W+", " ", text.casefold()).strip()


def split_caption(line: str) -> Caption | None:
    """A caption line is one that ends with a photo credit; returns text and credit."""
    if len(line) > 400:
        return None
    for pattern in (_CREDIT_BRACKET, _CREDIT_LABEL, _CREDIT_PAREN):
        m = pattern.search(line)
        if m and m.start() > 0:
            text = line[: m.start()].rstrip(" -–—|")
            if len(text) >= 10 and not _DATELINE.match(line):
                return Caption(text=text, credit=m["credit"].strip())
    return None


def _clean(
    raw_lines: list[str],
    hints: Hints,
    raw: RawInput,
    sources: SourceLexicon,
    notes: list[str],
    is_town: Callable[[str], bool] | None,
) -> tuple[Document, list[str]]:
    lines = [ln for ln in (normalize_line(x) for x in raw_lines) if ln]
    if not lines:
        raise InputError(raw.path, "no article text after cleanup")
    size = sum(len(ln) for ln in lines)
    if size > 2 * MAX_TEXT_CHARS:  # furniture is a few short lines: no need to look further
        raise InputError(raw.path, _too_long(size, "about "))
    header = _Header()
    if raw.encoding_note:
        header.warnings.append(raw.encoding_note)
    header.warnings += raw.notes
    header.warnings += notes
    lines, hints = _repair_mojibake(lines, hints, header)
    labelled = _DATE_LABEL.match(lines[0]) is not None
    lines = _strip_date_label(lines, header)
    if not lines:
        raise InputError(raw.path, "no article text after cleanup")
    lead_dateline: tuple[str | None, str | None, tuple[int, int, int | None] | None] = (
        None, None, None,
    )  # fmt: skip
    if labelled:  # a saved page without its title: its first line is the lead, dateline first
        lines[0], place, agency, day = _strip_dateline(lines[0], is_town)
        lead_dateline = (place, agency, day)
        if not lines[0]:
            lines.pop(0)
        if not lines:
            raise InputError(raw.path, "no article text after cleanup")

    title = hints.title or lines[0]
    # The doubled title of scraped pages: drop every copy among the first lines.
    head = [ln for ln in lines[:3] if _fold(ln) != _fold(title)]
    lines = head + lines[3:]

    kinds = [_classify(i, ln, header) for i, ln in enumerate(lines)]
    subtitle = hints.subtitle
    if subtitle is not None:
        lines, kinds = _drop_first(lines, kinds, subtitle)
    else:
        subtitle, lines, kinds = _find_standfirst(lines, kinds)

    body: list[str] = []
    captions: list[Caption] = list(hints.captions)
    for line, kind in zip(lines, kinds, strict=True):
        if kind == "text":
            body.append(line)
        elif kind == "caption":
            cap = split_caption(line)
            assert cap is not None
            captions.append(cap)
            body.append(cap.text)

    dateline_place, dateline_agency, dateline_day = lead_dateline
    if body and dateline_place is None and dateline_agency is None:
        body[0], dateline_place, dateline_agency, dateline_day = _strip_dateline(body[0], is_town)
        if not body[0]:
            body.pop(0)

    parts = [title]
    if subtitle:
        parts.append(subtitle)
    parts += [c.text for c in hints.captions]
    parts += body
    text = "\n\n".join(parts)
    if len(text) > MAX_TEXT_CHARS:
        raise InputError(raw.path, _too_long(len(text)))

    published = _published(raw, hints, header, dateline_day, text)
    outlet = _outlet(raw, hints, header, dateline_agency, text, sources)
    language = detect_language(text)
    if language != "en":
        header.warnings.append(
            f"{_LANGUAGE_NOTE}{language or 'unknown'}, not English: events are not coded"
        )
    doc = Document(
        id=hashlib.sha256(text.encode("utf-8")).hexdigest(),
        path=raw.url or raw.path,
        title=title,
        text=text,
        subtitle=subtitle,
        published=published,
        outlet=outlet,
        byline=hints.byline or header.byline,
        read_time_min=header.read_time,
        language=language,
        captions=tuple(captions),
        dateline=dateline_place,
    )
    return doc, header.warnings


def _too_long(size: int, about: str = "") -> str:
    return (
        f"article text too long: {about}{size:,} characters after cleanup "
        f"(limit {MAX_TEXT_CHARS:,}); not an article, or several run together"
    )


def _repair_mojibake(lines: list[str], hints: Hints, header: _Header) -> tuple[list[str], Hints]:
    """Text that was UTF-8, read as Windows-1252 and saved again ('Syriaâ€™s') is put back
    by ftfy, with a warning showing the first repair. Only ftfy's encoding fixes are used:
    quotes, widths and ligatures are left as they were."""
    fixed = [_fix_encoding(ln) for ln in lines]
    captions = tuple(
        Caption(_fix_encoding(c.text), None if c.credit is None else _fix_encoding(c.credit))
        for c in hints.captions
    )
    hints_fixed = replace(
        hints,
        title=None if hints.title is None else _fix_encoding(hints.title),
        subtitle=None if hints.subtitle is None else _fix_encoding(hints.subtitle),
        captions=captions,
    )
    before = [*lines, hints.title or "", hints.subtitle or "", *(c.text for c in hints.captions)]
    after = [
        *fixed,
        hints_fixed.title or "",
        hints_fixed.subtitle or "",
        *(c.text for c in captions),
    ]
    changed = [(old, new) for old, new in zip(before, after, strict=True) if old != new]
    if not changed:
        return lines, hints
    old, new = changed[0]
    differs = next(
        (i for i, (a, b) in enumerate(zip(old, new, strict=False)) if a != b),
        min(len(old), len(new)),
    )
    start = old.rfind(" ", 0, differs) + 1
    was, now = old[start:].split(" ", 1)[0], new[start:].split(" ", 1)[0]
    header.warnings.append(
        f"repaired mojibake (UTF-8 text that had been decoded as another encoding) in "
        f"{len(changed)} line{'s' if len(changed) != 1 else ''}: {was[:40]!r} became {now[:40]!r}"
    )
    return fixed, hints_fixed


def _fix_encoding(text: str) -> str:
    if text.isascii():
        return text
    import ftfy

    return ftfy.fix_text(text, _ftfy_config())


@cache
def _ftfy_config() -> Any:
    from ftfy import TextFixerConfig

    return TextFixerConfig(
        unescape_html=False,
        remove_terminal_escapes=False,
        fix_latin_ligatures=False,
        fix_character_width=False,
        uncurl_quotes=False,
        fix_line_breaks=False,
        fix_surrogates=False,
        remove_control_chars=False,
        normalization=None,
        explain=False,
    )


def _classify(index: int, line: str, header: _Header) -> str:
    """Sort a line into site furniture or article words; records furniture in `header`."""
    m = _READ_TIME.match(line)
    if m:
        header.read_time = header.read_time or int(m["n"])
        return "read_time"
    day = parse_date_line(line)
    if day is not None:
        header.date_line = header.date_line or day
        return "date"
    if index < HEADER_LINES and "|" in line:
        fields = [f.strip() for f in line.split("|") if f.strip()]
        days = [parse_date_line(f) for f in fields]
        if any(days) and all(d or _META_FIELD.match(f) for d, f in zip(days, fields, strict=True)):
            header.date_line = header.date_line or next(d for d in days if d)
            return "date"
    if index < HEADER_LINES:
        b = _BYLINE.match(line)
        if b and not re.search(r"[.!?]\s*$", b["name"]) and len(line.split()) <= 10:
            header.byline = header.byline or b["name"].strip()
            if b["org"]:
                header.byline_org = header.byline_org or b["org"].strip()
            return "byline"
    if split_caption(line) is not None:
        return "caption"
    return "text"


def _drop_first(lines: list[str], kinds: list[str], text: str) -> tuple[list[str], list[str]]:
    for i, line in enumerate(lines[:HEADER_LINES]):
        if _fold(line) == _fold(text):
            return lines[:i] + lines[i + 1 :], kinds[:i] + kinds[i + 1 :]
    return lines, kinds


def _find_standfirst(lines: list[str], kinds: list[str]) -> tuple[str | None, list[str], list[str]]:
    """A standfirst is the one text line that site furniture separates from the body,
    or the line between the title and a body that opens with an agency dateline."""
    if not lines or kinds[0] != "text" or _DATELINE.match(lines[0]):
        return None, lines, kinds
    furniture_follows = len(kinds) > 1 and kinds[1] in {"read_time", "date", "byline", "caption"}
    dateline_follows = len(lines) > 1 and bool(_DATELINE.match(lines[1]))
    if (furniture_follows or dateline_follows) and len(lines[0]) <= 400:
        return lines[0], lines[1:], kinds[1:]
    return None, lines, kinds


_DATE_LABEL = re.compile(r"^date:?\s+(?P<day>\d{4}-\d{2}-\d{2})\b\s*")
"""A page's date written before its text by the tool that saved it ("date 2019-10-02 ...")."""


def _strip_date_label(lines: list[str], header: _Header) -> list[str]:
    """The date label of a saved page is the page's date, not the start of its title."""
    m = _DATE_LABEL.match(lines[0])
    if m is None:
        return lines
    try:
        day = date.fromisoformat(m["day"])
    except ValueError:
        return lines
    header.date_line = header.date_line or day
    rest = lines[0][m.end() :]
    return ([rest] if rest else []) + lines[1:]


_TITLE_CASE_DATELINE = re.compile(
    r"^(?P<place>[A-Z][a-z]+(?:[ -][A-Z][a-z]+){0,2})\s+(?:-{1,2}|–|—)\s+(?=[A-Z0-9“\"])"
    r"|^(?P<town>[A-Z][a-z]+(?:[ -][A-Za-z][a-z]+){0,2}),\s+[A-Z][a-z]+(?:\s+[A-Z][a-z]+){0,2}:"
    r"\s*(?=[A-Z0-9“\"]|$)"
)
"""'Bamako - At least 40 people died': a dateline in title case, told by the spaced dash
that follows one to three capitalised words at the very start of the body; or by a town, a
comma, its country and a colon ('Gaza city, Palestinian Territories:')."""


def _strip_dateline(
    line: str, is_town: Callable[[str], bool] | None = None
) -> tuple[str, str | None, str | None, tuple[int, int, int | None] | None]:
    """Remove 'BEIRUT, Oct 21 (Reuters) -' (or 'Bamako - ') and return what it says."""
    t = _TITLE_CASE_DATELINE.match(line)
    if t and is_town is not None and is_town(t["place"] or t["town"]):
        return line[t.end() :], t["place"] or t["town"], None, None
    m = _DATELINE.match(line)
    if m and (m["agency"] or m["month"] or m["place"].split(",")[0].strip().isupper()):
        place = m["place"].split(",")[0].strip()
        if len(place) < 3 or not place.replace(" ", "").replace("-", "").isalpha():
            m = None
        else:
            day = None
            if m["month"]:
                day = (
                    month_number(m["month"]),
                    int(m["day"]),
                    int(m["year"]) if m["year"] else None,
                )
            return line[m.end() :], place.title(), m["agency"], day
    a = _AGENCY_ONLY.match(line)
    if a:
        return line[a.end() :], None, a["agency"], None
    return line, None, None, None


def _published(
    raw: RawInput,
    hints: Hints,
    header: _Header,
    dateline_day: tuple[int, int, int | None] | None,
    text: str,
) -> str | None:
    """--published wins; then the page's date line or metadata; then the dateline."""
    if raw.published:
        if dateline_day and dateline_day[2] is None:
            _check_dateline_against(raw.published, dateline_day, header)
        return raw.published
    if header.date_line:
        return header.date_line.isoformat()
    if hints.published:
        return hints.published
    if dateline_day:
        month, day, year = dateline_day
        if year is None:
            years = [int(y) for y in _YEAR.findall(text)]
            if not years:
                header.warnings.append(
                    "the dateline gives a day but no year and the text names no year: "
                    "published is unknown (pass --published)"
                )
                return None
            year = max(years)
            header.warnings.append(
                f"the dateline gives no year; {year}, the latest year the text mentions, "
                "was assumed (pass --published to be sure)"
            )
        found = make_date(year, month, day)
        return found.isoformat() if found else None
    header.warnings.append("no publication date found: relative dates cannot be resolved")
    return None


def _check_dateline_against(
    published: str, dateline_day: tuple[int, int, int | None], header: _Header
) -> None:
    pub = date.fromisoformat(published)
    month, day, _ = dateline_day
    for year in (pub.year - 1, pub.year, pub.year + 1):
        candidate = make_date(year, month, day)
        if candidate and abs(candidate - pub) <= timedelta(days=2):
            return
    header.warnings.append(
        f"the dateline says {month:02d}-{day:02d} but --published is {published}; kept --published"
    )


def _outlet(
    raw: RawInput,
    hints: Hints,
    header: _Header,
    dateline_agency: str | None,
    text: str,
    sources: SourceLexicon,
) -> str | None:
    """The publisher: page metadata, the dateline's agency, a byline's outlet,
    the site's references to itself, or the URL's domain, in that order."""

    def canonical(name: str) -> str:
        found = sources.lookup(name)
        return found.name if found else name.strip()

    if hints.outlet:
        return canonical(hints.outlet)
    if dateline_agency:
        return canonical(dateline_agency)
    if header.byline_org and sources.lookup(header.byline_org):
        return canonical(header.byline_org)
    votes: Counter[str] = Counter()
    for pattern in (_TOLD, _SELF_REF):
        for m in pattern.finditer(text):
            name = _trim_outlet(m["o"])
            known = sources.lookup(name)
            if known is not None and known.kind == "outlet":
                votes[known.name] += 1
            elif known is None and name.startswith("The ") and len(name.split()) >= 2:
                votes[name] += 1
    if votes:
        best = max(votes.items(), key=lambda kv: (kv[1], -text.find(kv[0])))
        return best[0]
    if raw.url:
        host = urlsplit(raw.url).hostname
        found = sources.by_domain(host) if host else None
        if found:
            return found.name
    return None


def _trim_outlet(name: str) -> str:
    """'The New Arab on Sunday' -> 'The New Arab': stop at the first non-name word."""
    words = name.split()
    kept: list[str] = []
    for w in words:
        if kept and w[0].islower() and w not in {"al", "el"}:
            break
        kept.append(w)
    return " ".join(kept).rstrip("'’s")


_TAG = re.compile(r"<(/?)([a-zA-Z][\w:-]*)[^>]*?(/?)>")
_FLAT = frozenset(
    {
        *("area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param"),
        *("source", "track", "wbr"),
        # End tags that may be left out: the parser closes these at the next sibling.
        *("p", "li", "dt", "dd", "tr", "td", "th", "option", "optgroup", "thead", "tbody"),
        *("tfoot", "colgroup", "rb", "rt", "rp", "html", "head", "body"),
    }
)
_BODY = re.compile(r"<body[\s>]", re.I)


def _nesting_depth(html: str) -> int:
    """How deep the page's elements nest, counting tags (void elements and those whose end
    tag may be left out do not count)."""
    depth = deepest = 0
    for m in _TAG.finditer(html):
        if m[2].lower() in _FLAT or m[3]:
            continue
        depth = max(depth - 1, 0) if m[1] else depth + 1
        deepest = max(deepest, depth)
    return deepest


def _html_lines(raw: RawInput, notes: list[str]) -> tuple[list[str], Hints]:
    """Main text and metadata through trafilatura; captions from <figcaption>."""
    import trafilatura
    from lxml import html as lxml_html
    from trafilatura.settings import Document as ExtractedPage

    try:
        extracted = trafilatura.bare_extraction(
            raw.content,
            url=raw.url,
            with_metadata=True,
            include_comments=False,
            include_images=False,
            include_tables=False,
            deduplicate=False,
        )
    except RecursionError:
        extracted = None
    depth = _nesting_depth(raw.content)
    if not isinstance(extracted, ExtractedPage) or not (extracted.text or "").strip():
        if depth > HTML_MAX_DEPTH:
            raise InputError(
                raw.path,
                f"HTML page without article text: its elements nest {depth:,} deep and the "
                f"HTML parser stops at {HTML_MAX_DEPTH}",
            )
        if not _BODY.search(raw.content):
            raise InputError(raw.path, "HTML page without article text: it has no <body>")
        raise InputError(raw.path, "HTML page without article text")
    if depth > HTML_MAX_DEPTH:
        notes.append(
            f"{_DEPTH_NOTE}{depth:,} deep; the text below level {HTML_MAX_DEPTH} may be missing"
        )
    captions: list[Caption] = []
    standfirst = None
    try:
        tree = lxml_html.fromstring(raw.content)
        for node in tree.iter("figcaption"):
            caption_text = normalize_line(node.text_content())
            if caption_text:
                captions.append(split_caption(caption_text) or Caption(caption_text, None))
        for node in tree.xpath(_STANDFIRST_XPATH):
            standfirst = normalize_line(node.text_content()) or None
            break
    except (ValueError, TypeError, RecursionError):
        pass
    title = normalize_line(extracted.title) if extracted.title else None
    text_lines = (extracted.text or "").splitlines()
    description = normalize_line(extracted.description) if extracted.description else None
    subtitle = standfirst
    if subtitle is None and description:
        firsts = [_fold(normalize_line(x)) for x in text_lines[:4]]
        if _fold(description) in firsts:
            subtitle = description
    published = (
        extracted.date if extracted.date and re.match(r"\d{4}-\d\d-\d\d$", extracted.date) else None
    )
    return text_lines, Hints(
        title=title,
        subtitle=subtitle,
        published=published,
        outlet=normalize_line(extracted.sitename) if extracted.sitename else None,
        byline=normalize_line(extracted.author) if extracted.author else None,
        captions=tuple(captions),
    )
