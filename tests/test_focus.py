"""The sentence filter: it may keep too much, never too little."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tadmur.focus import SentenceFilter, build_filter
from tadmur.model import Extraction
from tadmur.pipeline import Pipeline, read_inputs
from tadmur.triggers import load_triggers

ROOT = Path(__file__).resolve().parent.parent
ARTICLES = sorted((ROOT / "tests" / "fixtures" / "events").glob("*.txt")) + sorted(
    (ROOT / "examples" / "corpus").glob("*.txt")
)
LEAD = "Title line\n\nStandfirst line.\n\n"


@pytest.fixture(scope="module")
def pipeline() -> Pipeline:
    return Pipeline(focus=False).warm()


@pytest.fixture(scope="module")
def sentence_filter(pipeline: Pipeline) -> SentenceFilter:
    return pipeline.sentence_filter


def test_every_event_of_the_full_parse_survives_the_filter(
    pipeline: Pipeline, sentence_filter: SentenceFilter
) -> None:
    """Over every fixture article: the words each event of the full parse rests on (its
    evidence) lie in text the filter keeps, so the parser sees all of them."""
    assert len(ARTICLES) >= 50
    checked = 0
    for result in pipeline.extract_many(read_inputs([str(p) for p in ARTICLES])):
        assert isinstance(result, Extraction)
        text = result.document.text
        masked = sentence_filter.mask(text)
        assert len(masked) == len(text)
        for event in result.events:
            for span in event.evidence:
                assert masked[span.start : span.end] == span.text, (result.document.path, span)
                checked += 1
    assert checked > 200


def test_the_filter_drops_sentences_on_a_realistic_article(
    sentence_filter: SentenceFilter,
) -> None:
    """Filler after the lead is blanked; sentences whose trigger lacks what its rule needs
    ('according to', 'took place', 'left for Paris') are blanked too."""
    body = (
        "According to the ministry, the talks took place in a hotel.\n\n"
        "The minister left for Paris on Monday. Bread prices rose again.\n\n"
        "The ceasefire talks broke down.\n"
    )
    masked = sentence_filter.mask(LEAD + body)
    assert masked[len(LEAD) :].strip() == ""


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
        ("Clashes between troops and rebels erupted near the border.", True),
        ("Clashes erupted over the budget.", False),
        ("The mayor praised the new library.", False),
    ],
)
def test_word_forms(sentence_filter: SentenceFilter, sentence: str, kept: bool) -> None:
    assert sentence_filter.wanted(sentence) is kept


def test_filter_is_built_from_the_lexicon_and_the_lemmatizer_tables() -> None:
    lexicon = load_triggers()
    plain = build_filter(lexicon)
    assert not plain.wanted("Residents fled the town.")  # needs the exception table
    assert build_filter(lexicon, (), {"fled": ["flee"]}).wanted("Residents fled the town.")
    assert not plain.wanted("Sentries foiled the plot.")
    assert build_filter(lexicon, [("ies", "y")]).forms("Sentries") == frozenset()


@given(st.text(alphabet=st.sampled_from("ab .\n!?Killed"), max_size=300))
def test_mask_keeps_length_and_line_breaks(text: str) -> None:
    masked = build_filter(load_triggers()).mask(text)
    assert len(masked) == len(text)
    assert [i for i, c in enumerate(masked) if c == "\n"] == [
        i for i, c in enumerate(text) if c == "\n"
    ]
    assert all(m in {c, " "} for m, c in zip(masked, text, strict=True))
