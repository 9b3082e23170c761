"""The sentence filter: it may keep too much, never too little."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tadmur.focus import SentenceFilter, build_filter
from tadmur.pipeline import Pipeline, read_inputs
from tadmur.triggers import load_triggers

ROOT = Path(__file__).resolve().parent.parent
ARTICLES = sorted((ROOT / "tests" / "fixtures" / "events").glob("*.txt")) + sorted(
    (ROOT / "examples" / "corpus").glob("*.txt")
)
LEAD = "Title line\n\nStandfirst line.\n\nFirst paragraph here.\n\n"


@pytest.fixture(scope="module")
def pipeline() -> Pipeline:
    return Pipeline(focus=False).warm()


@pytest.fixture(scope="module")
def sentence_filter(pipeline: Pipeline) -> SentenceFilter:
    return pipeline.sentence_filter


def test_every_trigger_of_the_full_parse_survives_the_filter(
    pipeline: Pipeline, sentence_filter: SentenceFilter
) -> None:
    """Over every fixture article: each trigger the matcher finds in the full parse lies in
    text the filter keeps, so the parser sees all of them."""
    assert len(ARTICLES) >= 50
    checked = 0
    for result in pipeline.extract_many(read_inputs([str(p) for p in ARTICLES])):
        text = result.document.text  # type: ignore[union-attr]
        masked = sentence_filter.mask(text)
        assert len(masked) == len(text)
        doc = pipeline.nlp(text)
        for match in pipeline.triggers.match(doc):
            span = doc[match.start : match.end]
            assert masked[span.start_char : span.end_char] == span.text, span.sent.text
            checked += 1
    assert checked > 300


def test_sentences_without_a_trigger_word_are_blanked(sentence_filter: SentenceFilter) -> None:
    body = (
        "The ministry said it would review the budget. Talks stalled last month.\n\n"
        "Warplanes bombed the market on Friday. Eleven people were killed.\n\n"
        "The weather was mild. Prices of bread rose again.\n"
    )
    masked = sentence_filter.mask(LEAD + body)
    kept = masked[len(LEAD) :]
    assert "review the budget" not in kept
    assert "Warplanes bombed the market on Friday." in kept
    assert "Eleven people were killed." in kept  # the sentence after a trigger
    assert "Prices of bread" not in kept
    assert masked.count("\n") == (LEAD + body).count("\n")
    assert masked.startswith(LEAD)  # the lead is always parsed


@pytest.mark.parametrize(
    ("sentence", "kept"),
    [
        ("Residents fled the town.", True),  # irregular: flee
        ("Fighters overran the base.", True),  # irregular: overrun
        ("Troops stormed the compound.", True),
        ("Clashes erupted near the border.", True),
        ("The mayor praised the new library.", False),
    ],
)
def test_word_forms(sentence_filter: SentenceFilter, sentence: str, kept: bool) -> None:
    assert sentence_filter.wanted(sentence) is kept


def test_filter_is_built_from_the_lexicon() -> None:
    lexicon = load_triggers()
    plain = build_filter(lexicon, {})
    assert not plain.wanted("Residents fled the town.")  # needs the exception table
    assert build_filter(lexicon, {"fled": ["flee"]}).wanted("Residents fled the town.")


@given(st.text(alphabet=st.sampled_from("ab .\n!?Killed"), max_size=300))
def test_mask_keeps_length_and_line_breaks(text: str) -> None:
    masked = build_filter(load_triggers(), {}).mask(text)
    assert len(masked) == len(text)
    assert [i for i, c in enumerate(masked) if c == "\n"] == [
        i for i, c in enumerate(text) if c == "\n"
    ]
    assert all(m in {c, " "} for m, c in zip(masked, text, strict=True))
