"""The trigger lexicon (`data/triggers.yaml`) and its matcher over a parsed document.

A trigger is a lemma or a sequence of lemmas that reports an event of an ACLED
sub-event type (or of a family whose type a rule decides: territory, kill).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

import yaml

SUB_EVENT_TYPES: dict[str, str] = {
    "Armed clash": "Battles",
    "Government regains territory": "Battles",
    "Non-state actor overtakes territory": "Battles",
    "Chemical weapon": "Explosions/Remote violence",
    "Air/drone strike": "Explosions/Remote violence",
    "Suicide bomb": "Explosions/Remote violence",
    "Shelling/artillery/missile attack": "Explosions/Remote violence",
    "Remote explosive/landmine/IED": "Explosions/Remote violence",
    "Grenade": "Explosions/Remote violence",
    "Sexual violence": "Violence against civilians",
    "Attack": "Violence against civilians",
    "Abduction/forced disappearance": "Violence against civilians",
    "Peaceful protest": "Protests",
    "Protest with intervention": "Protests",
    "Excessive force against protesters": "Protests",
    "Violent demonstration": "Riots",
    "Mob violence": "Riots",
    "Agreement": "Strategic developments",
    "Arrests": "Strategic developments",
    "Change to group/activity": "Strategic developments",
    "Disrupted weapons use": "Strategic developments",
    "Headquarters or base established": "Strategic developments",
    "Looting/property destruction": "Strategic developments",
    "Non-violent transfer of territory": "Strategic developments",
    "Other": "Strategic developments",
    "Displacement": "Strategic developments",
}
"""SPEC §3: every sub-event type and its event type."""

EXTENSIONS: dict[str, str] = {"Displacement": "Other"}
"""tadmur's sub-event types that ACLED does not have, and what ACLED codes them as (its
notes of such events begin "Displacement: ...")."""


def acled_sub_event_type(sub_event_type: str) -> str:
    """The sub-event type in ACLED's own taxonomy."""
    return EXTENSIONS.get(sub_event_type, sub_event_type)


FAMILIES = frozenset({"territory", "kill", "attack"})


@dataclass(frozen=True, slots=True)
class TriggerRule:
    """One entry of the lexicon."""

    sub_event_type: str | None
    family: str | None
    phrases: tuple[tuple[str, ...], ...]
    pos: str | None = None
    needs: frozenset[str] = frozenset()
    blocked_by: frozenset[str] = frozenset()
    governors: frozenset[str] = frozenset()
    objects: frozenset[str] = frozenset()
    subjects: frozenset[str] = frozenset()
    support: bool = False

    @property
    def key(self) -> str:
        return self.sub_event_type or f"family:{self.family}"


@dataclass(frozen=True, slots=True)
class TriggerMatch:
    """A trigger found in a document: token range [start, end) and the rules whose phrase it
    is, in lexicon order (the events stage takes the first whose conditions hold)."""

    start: int
    end: int
    rules: tuple[TriggerRule, ...]

    @property
    def rule(self) -> TriggerRule:
        return self.rules[0]

    def with_rule(self, rule: TriggerRule) -> TriggerMatch:
        return TriggerMatch(self.start, self.end, (rule,))


class TriggerLexicon:
    def __init__(self, rules: tuple[TriggerRule, ...]) -> None:
        self.rules = rules
        index: defaultdict[str, list[tuple[tuple[str, ...], TriggerRule]]] = defaultdict(list)
        for rule in rules:
            for phrase in rule.phrases:
                index[phrase[0]].append((phrase, rule))
        for entries in index.values():
            entries.sort(key=lambda e: -len(e[0]))
        self._index = dict(index)

    def match(self, doc: Any) -> list[TriggerMatch]:
        """Every trigger of a document, longest first at each position, no overlaps."""
        forms = [_forms(t.lemma_.casefold(), t.lower_) for t in doc]
        found: list[TriggerMatch] = []
        i = 0
        while i < len(doc):
            best = 0
            rules: list[TriggerRule] = []
            for key in sorted(forms[i]):
                for phrase, rule in self._index.get(key, ()):
                    n = len(phrase)
                    if n < best or i + n > len(doc):
                        continue
                    if not all(phrase[k] in forms[i + k] for k in range(n)):
                        continue
                    if rule.pos and not _pos_ok(doc[i], rule.pos):
                        continue
                    if n > best:
                        best, rules = n, []
                    if rule not in rules:
                        rules.append(rule)
            if rules:
                order = {id(r): k for k, r in enumerate(self.rules)}
                rules.sort(key=lambda r: order[id(r)])
                hit = TriggerMatch(i, i + best, tuple(rules))
                found.append(hit)
                i = hit.end
            else:
                i += 1
        return found


def _forms(lemma: str, lower: str) -> frozenset[str]:
    """The lemma, the word, and the word without a regular inflection: the small model's
    lemmatizer misses some ('raped' -> 'rap')."""
    forms = {lemma, lower}
    if lower.endswith("ied"):
        forms.add(lower[:-3] + "y")
    elif lower.endswith("ed"):
        forms.update({lower[:-1], lower[:-2]})
    elif lower.endswith("ing"):
        forms.update({lower[:-3], lower[:-3] + "e"})
    elif lower.endswith("s"):
        forms.add(lower[:-1])
    return frozenset(forms)


def _pos_ok(token: Any, pos: str) -> bool:
    if pos == "VERB":
        return bool(token.pos_ in {"VERB", "AUX"} or token.tag_.startswith("VB"))
    return bool(token.pos_ in {"NOUN", "PROPN"})


def parse_triggers(raw: object) -> TriggerLexicon:
    """Validate the YAML: unknown types, families or empty entries are errors."""
    if not isinstance(raw, list):
        raise ValueError("triggers file must be a list of entries")
    rules: list[TriggerRule] = []
    for entry in raw:
        if not isinstance(entry, dict):
            raise ValueError(f"trigger entry is not a mapping: {entry!r}")
        sub = entry.get("sub_event_type")
        family = entry.get("family")
        if (sub is None) == (family is None):
            raise ValueError(f"trigger entry needs exactly one of sub_event_type/family: {entry}")
        if sub is not None and sub not in SUB_EVENT_TYPES:
            raise ValueError(f"unknown sub_event_type {sub!r}")
        if family is not None and family not in FAMILIES:
            raise ValueError(f"unknown trigger family {family!r}")
        phrases: list[tuple[str, ...]] = [(str(w).casefold(),) for w in entry.get("lemmas") or []]
        phrases += [tuple(str(p).casefold().split()) for p in entry.get("phrases") or []]
        if not phrases:
            raise ValueError(f"trigger entry without lemmas or phrases: {entry}")
        pos = entry.get("pos")
        if pos not in {None, "VERB", "NOUN"}:
            raise ValueError(f"trigger pos must be VERB or NOUN, not {pos!r}")
        rules.append(
            TriggerRule(
                sub_event_type=sub,
                family=family,
                phrases=tuple(phrases),
                pos=pos,
                needs=frozenset(str(w).casefold() for w in entry.get("needs") or []),
                blocked_by=frozenset(str(w).casefold() for w in entry.get("blocked_by") or []),
                governors=frozenset(str(w).casefold() for w in entry.get("governors") or []),
                objects=frozenset(str(w).casefold() for w in entry.get("objects") or []),
                subjects=frozenset(str(w).casefold() for w in entry.get("subjects") or []),
                support=bool(entry.get("support", False)),
            )
        )
    return TriggerLexicon(tuple(rules))


@cache
def load_triggers() -> TriggerLexicon:
    text = resources.files("tadmur").joinpath("data/triggers.yaml").read_text("utf-8")
    return parse_triggers(yaml.safe_load(text))
