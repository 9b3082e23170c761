"""Which sentences need the parser.

Most sentences of a news article report no event: background, quotes, diplomacy. The
parser and the entity recogniser are the most expensive part of the pipeline, so only
the sentences that could hold an event are given to them, with the article's lead
(title, standfirst and first paragraph), where the main event, its place and its actors
are usually named, and the sentence after each event sentence (the toll, the source).
The other sentences are blanked out with spaces of the same length, so every character
offset into the parsed text is still an offset into `Document.text`.

A sentence could hold an event when, for some rule of the trigger lexicon, every word of
one of its phrases occurs in the sentence and the words the rule's conditions ask for
(`needs`, `objects`, `subjects`, `governors`) occur in it or next to it. Words are
compared in every form the English model's lemmatizer could give them: as written, after
each of its suffix rules, and through its table of irregular forms. The filter therefore
keeps too much rather than too little; `tests/test_focus.py` checks over every fixture
article that each event the full parse yields is still found.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from tadmur.triggers import TriggerLexicon, TriggerRule

_WORD = re.compile(r"[^\W\d_]+(?:[-'’][^\W\d_]+)*")
_SENTENCE_END = re.compile(r"(?<=[.!?])[\"'”’)\]]*\s+(?=[\"'“‘(\[]?[A-Z0-9])|\n\s*\n")
_BLANK = re.compile(r"[^\n]")
LEAD_PARAGRAPHS = 2
"""Title and standfirst (or first paragraph): the lead."""
NEIGHBOURS = 1
"""Sentences kept after an event sentence, and looked at for its rule's conditions."""


@dataclass(frozen=True, slots=True)
class _Rule:
    phrases: tuple[frozenset[str], ...]
    conditions: tuple[frozenset[str], ...]


class SentenceFilter:
    """The trigger rules as word sets, and the lemmatizer's ways from a word to a lemma."""

    def __init__(
        self,
        rules: Iterable[TriggerRule],
        suffixes: Iterable[tuple[str, str]] = (),
        irregular: Mapping[str, Iterable[str]] | None = None,
    ) -> None:
        by_first: dict[str, list[_Rule]] = {}
        vocabulary: set[str] = set()
        for rule in rules:
            phrases = tuple(frozenset(p) for p in rule.phrases)
            conditions = tuple(
                c for c in (rule.needs, rule.objects, rule.subjects, rule.governors) if c
            )
            entry = _Rule(phrases, conditions)
            for phrase in rule.phrases:
                by_first.setdefault(phrase[0], []).append(entry)
            vocabulary.update(w for p in phrases for w in p)
            vocabulary.update(w for c in conditions for w in c)
        self._rules = by_first
        self.vocabulary = frozenset(vocabulary)
        # Regular English inflections, beside the model's rules: the trigger matcher undoes
        # them on the word as written too ('raped' -> 'rape').
        self._suffixes = tuple(
            sorted(
                {*suffixes, ("s", ""), ("es", ""), ("ed", ""), ("ed", "e"), ("ing", ""),
                 ("ing", "e"), ("ied", "y"), ("ies", "y")}
            )
        )  # fmt: skip
        self._irregular = {
            form: frozenset(lemmas) & self.vocabulary for form, lemmas in (irregular or {}).items()
        }
        self._forms: dict[str, frozenset[str]] = {}  # word -> lexicon words it may be

    def forms(self, word: str) -> frozenset[str]:
        """The lexicon's words that `word` may be, in any form the lemmatizer could give."""
        found = self._forms.get(word)
        if found is None:
            folded = word.casefold()
            parts = {folded, *re.split(r"[-'’]", folded)}
            candidates = set(parts)
            for part in parts:
                for old, new in self._suffixes:
                    if part.endswith(old) and len(part) > len(old):
                        stem = part[: len(part) - len(old)]
                        candidates.add(stem + new)
                        if len(stem) > 2 and stem[-1] == stem[-2]:
                            candidates.add(stem[:-1])  # stopped -> stop
                candidates |= self._irregular.get(part, frozenset())
            found = frozenset(candidates & self.vocabulary)
            if len(self._forms) < 200_000:
                self._forms[word] = found
        return found

    def _present(self, sentence: str) -> frozenset[str]:
        present: set[str] = set()
        for word in _WORD.findall(sentence):
            present |= self.forms(word)
        return frozenset(present)

    def _could_report(self, present: frozenset[str], around: frozenset[str]) -> bool:
        for first in present:
            for rule in self._rules.get(first, ()):
                if any(p <= present for p in rule.phrases) and all(
                    c & around for c in rule.conditions
                ):
                    return True
        return False

    def wanted(self, sentence: str) -> bool:
        """Whether a sentence on its own could report an event."""
        present = self._present(sentence)
        return self._could_report(present, present)

    def mask(self, text: str) -> str:
        """The text with every sentence blanked out that neither leads the article nor
        could report an event (nor follows one that could); same length as `text`."""
        pieces = _sentences(text)
        present = [self._present(text[start:end]) for start, end, _ in pieces]
        keep = [paragraph < LEAD_PARAGRAPHS for _, _, paragraph in pieces]
        for k in range(len(pieces)):
            low, high = max(0, k - NEIGHBOURS), min(len(pieces), k + NEIGHBOURS + 1)
            around = frozenset().union(*present[low:high])
            if self._could_report(present[k], around):
                for j in range(k, high):
                    keep[j] = True
        out: list[str] = []
        done = 0
        for (start, end, _), kept in zip(pieces, keep, strict=True):
            if not kept:
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
    lexicon: TriggerLexicon,
    suffixes: Iterable[tuple[str, str]] = (),
    irregular: Mapping[str, Iterable[str]] | None = None,
) -> SentenceFilter:
    """`suffixes` and `irregular` are the lemmatizer's suffix rules and exception table."""
    return SentenceFilter(lexicon.rules, suffixes, irregular)
