"""Which sentences need the parser.

Most sentences of a news article report no event: background, quotes, diplomacy. The
parser and the entity recogniser are the most expensive part of the pipeline, so only
the sentences that could hold an event are given to them: those with a word that could
be a trigger of the lexicon, and the article's lead (title, standfirst and first
paragraph), where the main event, its place and its actors are usually named. The other
sentences are blanked out with spaces of the same length, so every character offset into
the parsed text is still an offset into `Document.text`.

The filter works on word forms, before any tagging: a sentence passes when every word
of some trigger phrase occurs in it, as the word itself, one of its regular
de-inflections, or its irregular lemma (from the English model's own exception table).
It can only keep too much, never too little, with respect to what the trigger matcher
finds; `tests/test_focus.py` checks this over every fixture article.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping

from tadmur.triggers import TriggerLexicon

_WORD = re.compile(r"[^\W\d_]+(?:[-'’][^\W\d_]+)*")
_SENTENCE_END = re.compile(r"(?<=[.!?])[\"'”’)\]]*\s+(?=[\"'“‘(\[]?[A-Z0-9])|\n\s*\n")
_BLANK = re.compile(r"[^\n]")
LEAD_PARAGRAPHS = 3
"""Title, standfirst (or first paragraph) and the paragraph after: the lead."""
NEIGHBOURS = 1
"""Sentences kept after a trigger sentence: the victims, the toll, the source."""


def _deinflect(word: str) -> set[str]:
    """The word and every form a regular English inflection could have come from."""
    forms = {word}
    for suffix, replacements in (
        ("ies", ("y",)),
        ("ied", ("y",)),
        ("es", ("", "e")),
        ("s", ("",)),
        ("ed", ("", "e")),
        ("d", ("",)),
        ("ing", ("", "e")),
        ("er", ("", "e")),
    ):
        if word.endswith(suffix) and len(word) > len(suffix) + 1:
            stem = word[: -len(suffix)]
            forms.update(stem + r for r in replacements)
            if len(stem) > 2 and stem[-1] == stem[-2]:
                forms.add(stem[:-1])  # stopped -> stop
    return forms


class SentenceFilter:
    """The trigger phrases as word sets, and the irregular forms that lead to their words."""

    def __init__(
        self, phrases: Iterable[tuple[str, ...]], irregular: Mapping[str, frozenset[str]]
    ) -> None:
        by_first: dict[str, set[frozenset[str]]] = {}
        for phrase in phrases:
            by_first.setdefault(phrase[0], set()).add(frozenset(phrase))
        self._phrases = {word: tuple(sets) for word, sets in by_first.items()}
        self.vocabulary = frozenset(w for sets in by_first.values() for s in sets for w in s)
        self.irregular = irregular
        self._forms: dict[str, frozenset[str]] = {}  # word -> lexicon words it may be

    def _lexicon_forms(self, word: str) -> frozenset[str]:
        forms = self._forms.get(word)
        if forms is None:
            folded = word.casefold()
            parts = [folded, *re.split(r"[-'’]", folded)]
            found: set[str] = set()
            for part in parts:
                found |= _deinflect(part) & self.vocabulary
                found |= self.irregular.get(part, frozenset())
            forms = frozenset(found)
            if len(self._forms) < 200_000:
                self._forms[word] = forms
        return forms

    def wanted(self, sentence: str) -> bool:
        """Whether every word of some trigger phrase occurs in the sentence."""
        present: set[str] = set()
        for word in _WORD.findall(sentence):
            present |= self._lexicon_forms(word)
        return any(
            phrase <= present for first in present for phrase in self._phrases.get(first, ())
        )

    def mask(self, text: str) -> str:
        """The text with every sentence blanked out that neither leads the article nor
        could report an event (nor follows one that could); same length as `text`."""
        pieces = _sentences(text)
        keep = [False] * len(pieces)
        for k, (_, _, paragraph) in enumerate(pieces):
            if paragraph < LEAD_PARAGRAPHS:
                keep[k] = True
        for k, (start, end, _) in enumerate(pieces):
            if self.wanted(text[start:end]):
                for j in range(k, min(len(pieces), k + NEIGHBOURS + 1)):
                    keep[j] = True
        out: list[str] = []
        done = 0
        for k, (start, end, _) in enumerate(pieces):
            if not keep[k]:
                out.append(text[done:start])
                out.append(_BLANK.sub(" ", text[start:end]))
                done = end
        out.append(text[done:])
        return "".join(out)


def _sentences(text: str) -> list[tuple[int, int, int]]:
    """(start, end, paragraph number) of each sentence, by punctuation and blank lines."""
    out: list[tuple[int, int, int]] = []
    paragraph = 0
    start = 0
    for match in _SENTENCE_END.finditer(text):
        if match.start() > start:
            out.append((start, match.start(), paragraph))
        if "\n\n" in re.sub(r"[^\S\n]", "", match.group()):
            paragraph += 1
        start = match.end()
    if start < len(text):
        out.append((start, len(text), paragraph))
    return out


def build_filter(
    lexicon: TriggerLexicon, exceptions: Mapping[str, Iterable[str]]
) -> SentenceFilter:
    """`exceptions` maps an irregular word form to its lemmas (the lemmatizer's table)."""
    phrases = [phrase for rule in lexicon.rules for phrase in rule.phrases]
    words = frozenset(w for phrase in phrases for w in phrase)
    irregular = {
        form: frozenset(lemmas) & words
        for form, lemmas in exceptions.items()
        if frozenset(lemmas) & words
    }
    return SentenceFilter(phrases, irregular)
