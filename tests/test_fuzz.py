"""Property-based fuzzing of the whole extraction (issue #9).

Inputs go the way `tadmur extract` takes them: bytes through `decode_input`, then one
`Pipeline` (shared by the module: it takes seconds to load). For every input, extraction
either refuses it with an `InputError` (empty, binary, no text left after cleanup) or
returns an `Extraction`, and nothing else is raised; every evidence span is a non-empty
slice of `document.text`; the printed JSON validates against the published schema; and the
same input extracted twice prints byte-identical JSON.

CI runs a fixed (derandomized) set of examples per test: 100 byte strings, 200 texts of
arbitrary Unicode, 200 texts mixing conflict vocabulary with noise, 250 article-like texts
and 150 HTML pages, 900 in all, in about 35 s on two cores (each input is extracted twice).
To hunt for bugs, set `TADMUR_FUZZ_EXAMPLES=N` to run N random (not derandomized) examples
per test instead; `--hypothesis-show-statistics` shows how many were refused, English, or
had events.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Callable
from datetime import date
from typing import Any, TypeVar

import pytest
from hypothesis import HealthCheck, event, given, note, settings
from hypothesis import strategies as st

from tadmur.ingest import InputError, decode_input
from tadmur.model import Extraction
from tadmur.pipeline import Pipeline
from tadmur.when import precision_of

from .test_schema import schema_errors

F = TypeVar("F", bound=Callable[..., Any])

_LOCAL_EXAMPLES = int(os.environ.get("TADMUR_FUZZ_EXAMPLES", "0"))


def fuzz(ci_examples: int) -> Callable[[F], F]:
    """Hypothesis settings: `ci_examples` derandomized examples, or the local override."""
    return settings(
        max_examples=_LOCAL_EXAMPLES or ci_examples,
        derandomize=not _LOCAL_EXAMPLES,
        database=None,
        deadline=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
        print_blob=True,
    )


@pytest.fixture(scope="module")
def pipeline() -> Pipeline:
    return Pipeline().warm()


# --- the properties ------------------------------------------------------------------------


def _extract_or_refuse(
    pipeline: Pipeline, data: bytes, suffix: str, published: str | None
) -> Extraction | None:
    """The extraction, or None when the input is refused the documented way."""
    path = f"fuzz{suffix}"
    try:
        return pipeline.extract(decode_input(data, path, suffix=suffix, published=published))
    except InputError as exc:
        assert exc.path == path
        assert exc.reason.strip()
        return None


def check_input(
    pipeline: Pipeline, data: bytes, suffix: str = "", published: str | None = None
) -> Extraction | None:
    """Extract `data` twice and check every property; return the extraction (or None)."""
    note(f"input: {data!r}, suffix {suffix!r}, published {published!r}")
    result = _extract_or_refuse(pipeline, data, suffix, published)
    again = _extract_or_refuse(pipeline, data, suffix, published)
    if result is None:
        assert again is None, "refused once, accepted the second time"
        event("refused")
        return None
    event(f"language {result.document.language}")
    event("with events" if result.events else "without events")
    assert again is not None, "accepted once, refused the second time"
    printed = result.to_json()  # what `tadmur extract` writes for this document (jsonl)
    assert again.to_json() == printed, "not deterministic"
    out = json.loads(printed)
    errors = schema_errors(out)
    assert not errors, errors
    document = result.document
    text = document.text
    assert document.id == hashlib.sha256(text.encode("utf-8")).hexdigest()
    if published is not None:
        assert document.published == published
    if document.language != "en":
        assert not result.events
    for found in result.events:
        for span in found.evidence:
            assert 0 <= span.start < span.end <= len(text), span
            assert text[span.start : span.end] == span.text, span
        if found.date is not None and found.date_end is not None:
            first, last = date.fromisoformat(found.date), date.fromisoformat(found.date_end)
            assert first <= last, found
            assert found.time_precision >= precision_of(first, last), found
    return result


# --- strategies ----------------------------------------------------------------------------

ACTORS = [
    "Syrian army", "The Syrian army", "Islamic State", "IS", "Daesh", "ISIS", "regime forces",
    "Russian warplanes", "Government forces", "Rebels", "Gunmen", "Unidentified gunmen",
    "Hayat Tahrir al-Sham", "al-Nusra Front", "Houthi rebels", "Boko Haram", "al-Shabab",
    "Kurdish fighters", "Turkish troops", "Protesters", "Police", "They", "The group",
    "A suicide bomber", "Ukrainian forces", "Coalition aircraft", "Hezbollah", "Troops",
]  # fmt: skip
VERBS = [
    "killed", "captured", "seized", "recaptured", "retook", "shelled", "attacked",
    "clashed with", "bombed", "kidnapped", "abducted", "arrested", "stormed", "looted",
    "besieged", "ambushed", "executed", "fired on", "struck", "overran", "withdrew from",
    "denied shelling", "may attack", "will launch an offensive on", "protested in",
    "set fire to", "hit", "targeted", "blew himself up in", "handed over", "fled",
]  # fmt: skip
NUMBERS = [
    "5", "at least 12", "dozens of", "twenty-five", "1,200", "hundreds of", "0", "one",
    "several", "more than 400,000", "99999999999999999999", "a dozen", "scores of",
    "thousands of", "three", "an estimated 30", "1", "12-15", "-4", "½",
]  # fmt: skip
VICTIMS = [
    "civilians", "soldiers", "fighters", "militants", "families", "people", "children",
    "residents", "aid workers", "policemen", "protesters", "villagers", "a man", "the mayor",
]  # fmt: skip
PLACES = [
    "Palmyra", "Aleppo", "Homs", "Idlib", "Deir ez-Zor", "Mosul", "Kabul", "Tripoli", "Kharkiv",
    "Maiduguri", "Mogadishu", "Hit", "Sana'a", "Taiz", "Raqqa", "Kafr Nabl", "Khan Sheikhoun",
    "Palmyra, New York", "Syria", "Iraq's Anbar province", "the town", "the citadel of Palmyra",
    "the village of Habeet", "Damascus", "Gaza", "Bakhmut", "Timbuktu", "Paris", "Reading",
]  # fmt: skip
PREPOSITIONS = [
    "in", "near", "on the outskirts of", "50 km southeast of", "north of", "from", "at",
    "outside", "around", "into",
]  # fmt: skip
WHEN = [
    "on Friday", "last week", "in May 2015", "on March 27", "yesterday", "on 27 March, 2016",
    "on 2016-03-27", "three days ago", "since 2015", "next Monday", "on 31/02/2016",
    "on February 30", "in 9999", "on 04/03/2016", "late August", "earlier this month",
    "overnight", "two weeks ago", "in the year 1", "on December 31, 9999", "last year",
    "almost a year after", "between March 3 and 5", "on Sunday", "in mid-July", "",
]  # fmt: skip
SOURCES = [
    ", the Syrian Observatory for Human Rights said", ", told AFP", " (Reuters)",
    ", according to SANA", ", state media reported", ", officials said on Tuesday", "",
]  # fmt: skip
FURNITURE = [
    "2 min read", "By Jane Doe", "BEIRUT, Oct 21 (Reuters) -", "27 March, 2016",
    "Source: X | 2019-10-01 18:22:05", "Smoke rises over the town [Getty]",
    "DAMASCUS, Oct. 1 (Xinhua) --", "KABUL, Afghanistan (AP) —", "Photo: AFP",
    "Sun 27 Mar 2016 10:14 GMT", "(AFP) -", "Updated: 2019-02-30", "Reading time: 0 min",
]  # fmt: skip
NOISE = st.text(st.characters(codec="utf-8"), max_size=8)
PRINTABLE_NOISE = st.text(st.characters(codec="utf-8", exclude_categories=["Cc", "Cs"]), max_size=8)
PUNCTUATION = st.sampled_from(
    [".", ",", ";", ":", "!", "?", "...", " - ", "—", "(", ")", "[", "]", '"', "'", "’", "\n",
     "\n\n", "\t", " ", "\u00a0", "\u200b", "\r\n", "|", "/", "&", "%", "#", "\ufeff"]
)  # fmt: skip
FUNCTION_WORDS = ["the", "of", "and", "was", "were", "said", "had", "has", "by", "a", "on", "that"]
WORDS = st.sampled_from(
    ACTORS + VERBS + NUMBERS + VICTIMS + PLACES + PREPOSITIONS + WHEN + FUNCTION_WORDS
)

published_dates = st.one_of(
    st.none(),
    st.dates(min_value=date(2000, 1, 1), max_value=date(2030, 12, 31)).map(date.isoformat),
    st.dates().map(date.isoformat),
)


@st.composite
def sentences(draw: st.DrawFn) -> str:
    """One news sentence: who did what to how many of whom, where, when, says who."""
    parts = [
        draw(st.sampled_from(ACTORS)),
        draw(st.sampled_from(VERBS)),
        draw(st.sampled_from(NUMBERS)) if draw(st.booleans()) else "",
        draw(st.sampled_from(VICTIMS)),
        draw(st.sampled_from(PREPOSITIONS)),
        draw(st.sampled_from(PLACES)),
        draw(st.sampled_from(WHEN)),
    ]
    sentence = " ".join(p for p in parts if p) + draw(st.sampled_from(SOURCES)) + "."
    if draw(st.integers(0, 4)) == 0:  # now and then, some noise inside
        words = sentence.split(" ")
        at = draw(st.integers(0, len(words)))
        words.insert(at, draw(st.one_of(PRINTABLE_NOISE, PUNCTUATION)))
        sentence = " ".join(words)
    return sentence


@st.composite
def articles(draw: st.DrawFn) -> str:
    """A scraped article: a title (sometimes twice), furniture lines, paragraphs."""
    title = draw(sentences()).rstrip(".")
    lines = [title]
    if draw(st.booleans()):
        lines.append(title)
    lines += draw(st.lists(st.sampled_from(FURNITURE), max_size=3))
    for _ in range(draw(st.integers(1, 5))):
        paragraph = " ".join(draw(st.lists(sentences(), min_size=1, max_size=4)))
        if draw(st.integers(0, 5)) == 0:
            paragraph = draw(st.sampled_from(FURNITURE)) + " " + paragraph
        lines.append(paragraph)
    separator = draw(st.sampled_from(["\n\n", "\n", "\r\n", "\n \n"]))
    return separator.join(lines)


# Mostly words (so that the language check lets many through to the parser), some noise
# (control characters are left to `unicode_texts`: a few make the input "binary").
word_salads = st.lists(
    st.one_of(WORDS, WORDS, WORDS, PUNCTUATION, PRINTABLE_NOISE), min_size=1, max_size=60
).map(" ".join)
unicode_texts = st.one_of(
    st.text(st.characters(codec="utf-8"), max_size=400),
    st.text(st.characters(codec="utf-8", exclude_categories=["Cc", "Cs"]), max_size=400),
)

TAGS = [
    "p", "div", "span", "article", "section", "b", "i", "em", "a", "h1", "h2", "figure",
    "figcaption", "blockquote", "li", "ul", "td", "header", "footer", "nav", "main", "aside",
    "script", "style", "noscript", "table", "tr", "time", "font", "x-custom",
]  # fmt: skip
ATTRIBUTE_NAMES = ["class", "id", "href", "style", "lang", "data-x", "title", "dir", "hidden"]
ATTRIBUTE_VALUES = [
    "standfirst", "dek", "subtitle", "article-body", "caption", "byline", "ltr", "rtl",
    "javascript:void(0)", "a&amp;b", "&quot;q&quot;", "", "x y z", "display:none", "2016-03-27",
]  # fmt: skip
ENTITIES = [
    "&amp;", "&nbsp;", "&lt;", "&gt;", "&#8217;", "&#x1F4A5;", "&bogus;", "&#0;", "&#xD800;",
    "&#99999999;", "&", "&#;", "&mdash;", "&quot;", "&#x202E;",
]  # fmt: skip


@st.composite
def attributes(draw: st.DrawFn) -> str:
    found = []
    for name in draw(st.lists(st.sampled_from(ATTRIBUTE_NAMES), max_size=3)):
        value = draw(st.one_of(st.sampled_from(ATTRIBUTE_VALUES), NOISE))
        quote = draw(st.sampled_from(['"', "'", ""]))
        found.append(f"{name}={quote}{value}{quote}")
    return "".join(f" {a}" for a in found)


def _element(children: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
    @st.composite
    def element(draw: st.DrawFn) -> str:
        tag = draw(st.sampled_from(TAGS))
        inner = "".join(draw(st.lists(children, min_size=1, max_size=3)))
        closing = draw(st.sampled_from([f"</{tag}>", f"</{tag}>", f"</{tag}>", "", "</p>"]))
        return f"<{tag}{draw(attributes())}>{inner}{closing}"

    return element()


html_text = st.one_of(sentences(), word_salads, st.sampled_from(ENTITIES), PUNCTUATION)
html_bodies = st.recursive(html_text, _element, max_leaves=12)


@st.composite
def html_pages(draw: st.DrawFn) -> str:
    """An HTML page: sometimes a full document with head and metadata, sometimes a
    fragment; random nesting, attributes, entities, comments and broken markup."""
    body = "".join(draw(st.lists(html_bodies, min_size=1, max_size=4)))
    if draw(st.booleans()):
        body = f"<article><h1>{draw(sentences())}</h1><p>{draw(articles())}</p>{body}</article>"
    extras = draw(
        st.lists(
            st.sampled_from(
                ["<!-- a comment -->", "<br>", "<br/>", "<![CDATA[x]]>", "<", ">", "</div>",
                 "<p", "<?xml version='1.0'?>", "<img src=x alt='Smoke [Getty]'>", "<hr>"]
            ),
            max_size=3,
        )
    )  # fmt: skip
    body += "".join(extras)
    if draw(st.booleans()):
        return body
    title = draw(st.one_of(sentences(), NOISE))
    meta = draw(
        st.sampled_from(
            [
                "",
                '<meta property="og:site_name" content="Reuters">',
                '<meta name="author" content="Jane Doe">',
                '<meta property="article:published_time" content="2016-03-27T10:00:00Z">',
                '<meta name="date" content="2019-02-30">',
                '<meta name="description" content="">',
            ]
        )
    )
    doctype = draw(st.sampled_from(["<!DOCTYPE html>", "", "<!doctype HTML>"]))
    return f"{doctype}<html><head><title>{title}</title>{meta}</head><body>{body}</body></html>"


# --- the tests -----------------------------------------------------------------------------


@fuzz(100)
@given(data=st.binary(max_size=600), suffix=st.sampled_from(["", ".html", ".txt"]))
def test_arbitrary_bytes(pipeline: Pipeline, data: bytes, suffix: str) -> None:
    check_input(pipeline, data, suffix)


@fuzz(200)
@given(text=unicode_texts, published=published_dates)
def test_arbitrary_unicode_text(pipeline: Pipeline, text: str, published: str | None) -> None:
    check_input(pipeline, text.encode("utf-8"), "", published)


@fuzz(200)
@given(text=word_salads, published=published_dates)
def test_conflict_vocabulary_with_noise(
    pipeline: Pipeline, text: str, published: str | None
) -> None:
    check_input(pipeline, text.encode("utf-8"), "", published)


@fuzz(250)
@given(text=articles(), published=published_dates)
def test_article_like_text(pipeline: Pipeline, text: str, published: str | None) -> None:
    result = check_input(pipeline, text.encode("utf-8"), "", published)
    assert result is not None, "an article with words in it was refused"


@fuzz(150)
@given(page=html_pages(), published=published_dates, suffix=st.sampled_from(["", ".html"]))
def test_arbitrary_html(pipeline: Pipeline, page: str, published: str | None, suffix: str) -> None:
    check_input(pipeline, page.encode("utf-8"), suffix, published)
