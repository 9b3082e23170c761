"""The synthetic benchmark corpus: deterministic, shaped like news, readable by the pipeline."""

from __future__ import annotations

import hashlib
import json
import os
import re
import statistics
import subprocess
import sys
import time
from collections import Counter
from datetime import date, timedelta
from pathlib import Path

import pytest

from tadmur import benchcorpus
from tadmur.benchcorpus import (
    PLACES,
    SyntheticArticle,
    corpus_stats,
    generate,
    write_corpus,
    write_jsonl,
)
from tadmur.document import build_document
from tadmur.gazetteer import Gazetteer, load_gazetteer
from tadmur.ingest import RawInput, decode_input, iter_raw
from tadmur.sources import load_sources

_SENTENCE_END = re.compile(r"(?<=[.!?\"”])\s+(?=[A-Z\"“(])")


@pytest.fixture(scope="module")
def corpus() -> list[SyntheticArticle]:
    return generate(1000, seed=0)


def _digest(articles: list[SyntheticArticle]) -> str:
    return hashlib.sha256("\x00".join(a.text for a in articles).encode("utf-8")).hexdigest()


# --- determinism ---------------------------------------------------------------------------


def test_same_arguments_give_the_same_corpus() -> None:
    assert generate(60, seed=7) == generate(60, seed=7)


def test_different_seeds_give_different_articles() -> None:
    a, b = generate(40, seed=0), generate(40, seed=1)
    assert sum(x.text != y.text for x, y in zip(a, b, strict=True)) == 40


def test_a_smaller_corpus_is_a_prefix_of_a_larger_one() -> None:
    assert generate(25, seed=3) == generate(80, seed=3)[:25]


@pytest.mark.parametrize("hash_seed", ["1", "4242"])
def test_output_does_not_depend_on_the_hash_seed(hash_seed: str) -> None:
    script = (
        "import hashlib; from tadmur.benchcorpus import generate; "
        "a = generate(150, seed=5); "
        "print(hashlib.sha256('\\x00'.join(x.text for x in a).encode('utf-8')).hexdigest())"
    )
    env = {**os.environ, "PYTHONHASHSEED": hash_seed}
    proc = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, env=env, check=True
    )
    assert proc.stdout.strip() == _digest(generate(150, seed=5))


def test_negative_count_is_refused() -> None:
    with pytest.raises(ValueError, match="negative"):
        generate(-1)


# --- shape ---------------------------------------------------------------------------------


def test_lengths_are_like_news_copy(corpus: list[SyntheticArticle]) -> None:
    words = [len(a.text.split()) for a in corpus]
    stats = corpus_stats(corpus)
    assert 430 <= stats["mean_words"] <= 520
    assert min(words) >= 140
    assert max(words) <= 1300
    assert max(words) >= 900, "the long tail of features is missing"
    assert statistics.mean(words) > statistics.median(words), "lengths should skew right"


def test_sentence_counts_are_like_news_copy(corpus: list[SyntheticArticle]) -> None:
    counts = [a.sentences for a in corpus]
    assert 12 <= corpus_stats(corpus)["mean_sentences"] <= 30
    inside = sum(12 <= n <= 30 for n in counts) / len(counts)
    assert inside >= 0.7


def test_the_generator_counts_the_sentences_it_writes(corpus: list[SyntheticArticle]) -> None:
    """The tracked count agrees with a naive split of the body (within a sentence or two:
    lead-ins and quotes fool the split, not the generator)."""
    for article in corpus[:200]:
        paragraphs = article.text.rstrip("\n").split("\n\n")
        body = [p for p in paragraphs if p.endswith((".", '"', "”", ")", "]"))]
        split = sum(len(_SENTENCE_END.split(p)) for p in body)
        assert abs(split - article.sentences) <= 3, article.name


def test_paragraphs_hold_one_to_three_sentences(corpus: list[SyntheticArticle]) -> None:
    for article in corpus[:200]:
        body = article.text.rstrip("\n").split("\n\n")[2:]
        for paragraph in body:
            assert len(_SENTENCE_END.split(paragraph)) <= 4, (article.name, paragraph)


def test_articles_carry_site_furniture_sometimes(corpus: list[SyntheticArticle]) -> None:
    texts = [a.text for a in corpus]
    share = {
        "agency dateline": sum(
            bool(re.search(r"\((?:Reuters|AFP|AP|Xinhua)\) [-—]", t)) for t in texts
        ),
        "read time": sum(" min read\n" in t for t in texts),
        "byline": sum("\n\nBy " in t for t in texts),
        "doubled title": sum(t.split("\n\n")[0] == t.split("\n\n")[1] for t in texts),
    }
    for what, count in share.items():
        assert 0.05 * len(texts) <= count <= 0.8 * len(texts), what


# --- event density -------------------------------------------------------------------------


def test_most_sentences_are_not_events(corpus: list[SyntheticArticle]) -> None:
    assert 0.05 <= corpus_stats(corpus)["event_sentence_fraction"] <= 0.25


def test_conflict_articles_report_one_to_four_events(corpus: list[SyntheticArticle]) -> None:
    events = Counter(a.event_sentences for a in corpus)
    assert set(events) <= {0, 1, 2, 3, 4}
    assert 0.05 <= events[0] / len(corpus) <= 0.15, "about a tenth are filler with no event"
    assert events[1] and events[2] and events[3] and events[4]


def test_corpus_stats_of_nothing() -> None:
    assert corpus_stats([])["articles"] == 0
    assert corpus_stats([])["event_sentence_fraction"] == 0.0


# --- vocabulary ----------------------------------------------------------------------------


def test_enough_templates() -> None:
    non_event = (
        len(benchcorpus._BACKGROUND)
        + len(benchcorpus._INSURGENCY_BACKGROUND)
        + len(benchcorpus._QUOTES)
        + sum(len(v) for v in benchcorpus._DETAILS.values())
    )
    events = sum(len(v) for v in benchcorpus._EVENT_TEMPLATES.values())
    assert non_event >= 40
    assert events >= 30


def _slot_names(parts: tuple[object, ...]) -> set[str]:
    names: set[str] = set()
    for part in parts:
        if isinstance(part, benchcorpus._Slot):
            names.add(part.name)
        elif isinstance(part, benchcorpus._Choice):
            for option in part.options:
                names |= _slot_names(option)
    return names


def test_every_template_slot_has_a_maker() -> None:
    compiled: list[tuple[object, ...]] = [
        *benchcorpus._COMPILED_BACKGROUND,
        *benchcorpus._COMPILED_INSURGENCY,
        *benchcorpus._COMPILED_QUOTES,
        *benchcorpus._COMPILED_STANDFIRSTS,
        *benchcorpus._COMPILED_CAPTIONS,
    ]
    for group in (
        benchcorpus._COMPILED_EVENTS,
        benchcorpus._COMPILED_HEADLINES,
        benchcorpus._COMPILED_DETAILS,
        benchcorpus._COMPILED_FILLER,
        benchcorpus._COMPILED_FILLER_HEADLINES,
    ):
        for templates in group.values():
            compiled.extend(templates)
    known = set(benchcorpus._SLOT_MAKERS) | {"team", "team2"}
    for parts in compiled:
        assert _slot_names(parts) <= known, parts


def test_every_event_category_has_a_headline_and_is_reachable() -> None:
    categories = set(benchcorpus._EVENT_TEMPLATES)
    assert categories == set(benchcorpus._HEADLINES)
    offered = {c for names, _ in benchcorpus._THEATRE_CATEGORIES for c in names}
    assert offered == categories


def test_sentences_vary(corpus: list[SyntheticArticle]) -> None:
    """Some boilerplate repeats, as agency background paragraphs do; nothing dominates."""
    sentences = Counter(
        s for a in corpus[:300] for p in a.text.split("\n\n")[2:] for s in _SENTENCE_END.split(p)
    )
    total = sum(sentences.values())
    assert len(sentences) / total > 0.75
    assert sentences.most_common(1)[0][1] / total < 0.01


def test_template_syntax_errors_are_caught() -> None:
    for bad in ("an <open choice", "a stray > closer", "a stray | bar"):
        with pytest.raises(ValueError):
            benchcorpus._compile(bad)


def test_relative_dates_point_back_from_publication() -> None:
    import random

    published = date(2020, 3, 12)  # a Thursday
    ctx = benchcorpus._Context(random.Random(1), published, "Reuters")
    recent = {benchcorpus._WEEKDAYS[(published - timedelta(days=d)).weekday()] for d in range(6)}
    for _ in range(300):
        phrase = benchcorpus._when(benchcorpus._Slots(ctx))
        weekday = next((w for w in benchcorpus._WEEKDAYS if w in phrase), None)
        assert weekday is None or weekday in recent, phrase
        if weekday is None and re.search(r"\d", phrase):
            month, day = phrase.removeprefix("on ").split()
            assert month in {"March", "Feb"}
            assert 0 < int(day) <= 31


# --- the pipeline reads it -----------------------------------------------------------------


def test_every_article_is_a_clean_document() -> None:
    sources = load_sources()
    for article in generate(300, seed=11):
        raw = decode_input(article.text.encode("utf-8"), article.name, suffix=".txt")
        doc, warnings = build_document(raw, sources)
        assert doc.title == article.text.split("\n", 1)[0]
        assert doc.published == article.published
        assert doc.language == "en"
        assert not warnings, (article.name, warnings)
        assert not re.search(r"\((?:Reuters|AFP|AP|Xinhua)\) [-—]", doc.text), "dateline left in"


def test_write_corpus_writes_the_generated_bytes(tmp_path: Path) -> None:
    paths = write_corpus(tmp_path / "corpus", 12, seed=2)
    articles = generate(12, seed=2)
    assert [p.name for p in paths] == [f"bench-{i:06d}.txt" for i in range(12)]
    for path, article in zip(paths, articles, strict=True):
        assert path.read_bytes() == article.text.encode("utf-8")


def test_write_jsonl_is_read_back_by_ingest(tmp_path: Path) -> None:
    path = write_jsonl(tmp_path / "bench.jsonl", 15, seed=4)
    articles = generate(15, seed=4)
    records = [json.loads(line) for line in path.read_text("utf-8").splitlines()]
    assert [set(r) for r in records] == [{"text", "published", "url"}] * 15
    raws = list(iter_raw([str(path)]))
    assert all(isinstance(r, RawInput) for r in raws)
    for raw, article in zip(raws, articles, strict=True):
        assert isinstance(raw, RawInput)
        assert raw.content == article.text
        assert raw.published == article.published
        assert raw.url == article.url
        assert raw.url.startswith("https://bench.example/")


def test_generation_is_fast() -> None:
    started = time.perf_counter()
    generate(2000, seed=9)
    assert time.perf_counter() - started < 5.0


# --- places --------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def gazetteer() -> Gazetteer:
    return load_gazetteer()


@pytest.mark.parametrize(("name", "country"), PLACES, ids=[f"{n}-{c}" for n, c in PLACES])
def test_place_is_in_the_gazetteer_in_its_country(
    gazetteer: Gazetteer, name: str, country: str
) -> None:
    candidates = gazetteer.candidates(name)
    assert candidates, name
    assert country in {p.country_code for p in candidates}, (name, country)


def test_every_place_the_corpus_names_is_listed() -> None:
    listed = {name for name, _ in PLACES}
    assert len(PLACES) == len(set(PLACES))
    for theatre in benchcorpus.THEATRES:
        assert {(n, theatre.code) for n, _ in theatre.places} <= set(PLACES)
        assert set(theatre.datelines) <= listed, theatre.code
        assert set(theatre.talks) <= listed, theatre.code
        assert theatre.capital in listed, theatre.code
    for filler in benchcorpus.FILLER_COUNTRIES:
        assert set(filler.cities) <= listed, filler.country


def test_places_span_many_countries() -> None:
    countries = {t.code for t in benchcorpus.THEATRES}
    assert {
        "SY",
        "IQ",
        "YE",
        "NG",
        "ML",
        "SO",
        "AF",
        "UA",
        "SD",
        "CD",
        "MM",
        "MX",
        "CO",
    } <= countries
    assert len({name for name, _ in PLACES}) >= 150


def test_each_conflict_article_names_its_places(corpus: list[SyntheticArticle]) -> None:
    names = sorted({n for n, _ in PLACES}, key=len, reverse=True)
    pattern = re.compile("|".join(re.escape(n) for n in names))
    for article in corpus[:300]:
        if article.event_sentences:
            body = article.text.split("\n\n", 2)[-1]
            assert pattern.search(body), article.name
