"""From a trigger match to a draft event: whether the match reports an event at all, and
the draft it becomes.

A match is an event only if its rule's conditions hold in the sentence (needed and
blocking words, governing verb, objects, subjects) and the action is real: negated,
denied, planned, threatened, future, conditional or hypothetical actions are not events,
nor are names, arguments of another trigger ("defuse mines and bombs") or generic
plurals. A match that passes is read for its roles (`roles`), place (`placing`), date
(`dating`) and, where a rule decides it, sub-event type (`subtypes`); this module holds
the reading of the clause and puts the answers together into a `Draft`.
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import Any

from tadmur.counts import displaced_in, parse_number
from tadmur.events.dating import event_date
from tadmur.events.draft import Draft, Scope, is_article, is_headline, paragraph_bounds
from tadmur.events.placing import coordinated, location
from tadmur.events.roles import roles
from tadmur.events.subtypes import (
    LETHAL_TYPES,
    NON_VIOLENT,
    PROTEST_TYPES,
    TERRITORY_TYPES,
    armed_agent,
    attack_type,
    crowd_attack,
    kill_type,
    protest_type,
    territory_type,
)
from tadmur.triggers import TriggerMatch

IRREALIS_AUX = frozenset(
    {"will", "would", "may", "might", "could", "should", "shall", "must", "ca", "wo"}
)
IRREALIS_GOVERNORS = frozenset(
    {"threaten", "vow", "plan", "aim", "intend", "seek", "try", "want", "prepare", "warn",
     "deny", "refuse", "fear", "hope", "expect", "propose", "consider", "pledge", "promise",
     "urge", "demand", "reject", "dismiss", "prevent", "avoid", "fail", "call", "plot",
     "attempt", "rule", "able", "likely", "possible", "ready", "due", "set", "poise"}
)  # fmt: skip
CONDITIONAL_MARKS = frozenset({"if", "unless", "whether"})
HABITUAL_ADVERBS = frozenset(
    {"increasingly", "often", "regularly", "frequently", "routinely", "usually", "typically",
     "sometimes", "occasionally", "generally", "habitually"}
)  # fmt: skip
"""'Taliban gunmen are increasingly staging ambushes': a habit, not an event."""
WEAPON_TYPES = frozenset(
    {"Air/drone strike", "Shelling/artillery/missile attack", "Suicide bomb",
     "Remote explosive/landmine/IED", "Grenade"}
)  # fmt: skip
"""ACLED types the explosions and remote violence by the weapon: a phrase that names it
decides the type whatever the classifier reads in the rest of the paragraph."""
_ENTITY_SKIP = frozenset(
    {"DATE", "TIME", "ORG", "PERSON", "WORK_OF_ART", "LAW", "PRODUCT", "GPE", "FAC"}
)
ARMED_SUBJECTS = frozenset(
    {"attacker", "gunman", "gunmen", "assailant", "militant", "fighter", "soldier", "troop",
     "rebel", "jihadist", "insurgent", "bomber", "kidnapper", "suspect", "perpetrator",
     "military", "army", "force", "police", "policeman", "officer", "guard", "commander"}
)  # fmt: skip
ANAPHORIC_DETERMINERS = frozenset({"the", "this", "that", "its", "their", "these", "those"})


def match_drafts(scope: Scope, match: TriggerMatch, order: int) -> list[Draft]:
    """One draft per place the trigger's clause names (coordinated places split)."""
    draft = _draft(scope, match, order)
    if draft is None:
        return []
    out = [draft]
    if draft.place is not None and draft.place_from_text:
        for other in coordinated(scope.doc, draft.place, scope.ctx.places):
            out.append(
                replace(
                    draft, place=other, evidence=list(draft.evidence), sources=set(draft.sources)
                )
            )
    return out


def _draft(scope: Scope, match: TriggerMatch, order: int) -> Draft | None:
    doc, ctx, trigger_tokens, by_token = scope.doc, scope.ctx, scope.trigger_tokens, scope.by_token
    focus, actors = scope.focus, scope.actors
    head = _span_head(doc, match)
    sentence = head.sent
    lemmas = {t.lemma_.casefold() for t in sentence} | {t.lower_ for t in sentence}
    rule = match.rule
    if rule.needs and not (rule.needs & lemmas):
        return None
    if rule.blocked_by & lemmas:
        return None
    if head.ent_type_ in _ENTITY_SKIP and head.ent_type_ != "":
        return None
    if head.text[:1].isupper() and head.i != sentence.start and head.pos_ == "PROPN":
        return None
    if irrealis(head):
        return None
    if _argument_of_other_trigger(head, match, trigger_tokens):
        return None
    verb = clause_verb(head)
    if rule.governors and verb.lemma_.casefold() not in rule.governors:
        return None
    anaphor = head.pos_ in {"NOUN", "PROPN"} and any(
        c.dep_ in {"det", "poss"} and c.lower_ in ANAPHORIC_DETERMINERS for c in head.children
    )
    objects = _object_lemmas(head)
    if rule.objects and not (objects & rule.objects):
        return None
    subject_words = _subject_lemmas(head)
    if rule.subjects and not (subject_words & rule.subjects):
        return None
    if rule.sub_event_type == "Displacement" and (
        subject_words & ARMED_SUBJECTS or not_a_flight(head, sentence)
    ):
        return None  # "the attacker fled on foot", "Hadi, who fled the country last month"
    actor1, actor2, assoc1 = roles(doc, head, verb, by_token, actors, ctx)
    sub = rule.sub_event_type
    place, from_text = location(doc, head, verb, rule.sub_event_type or "", ctx.places, focus)
    decided = False
    paragraph = paragraph_text(doc, sentence)
    if rule.family == "territory":
        sub, actor1, actor2 = territory_type(
            head, objects, place, actor1, actor2, by_token, ctx.country
        )
        if sub in TERRITORY_TYPES and NON_VIOLENT.search(paragraph):
            sub, decided = "Non-violent transfer of territory", True
    elif rule.family == "kill":
        lethal = any(
            m.rule.sub_event_type in LETHAL_TYPES and sentence.start <= m.start < sentence.end
            for m in set(trigger_tokens.values())
        )
        sub = None if lethal else kill_type(head, verb, trigger_tokens, match)
        if sub == "Attack" and actor1 is None and not (armed_agent(head) or crowd_attack(head)):
            sub = None  # "two civilians were killed": deaths of an event told elsewhere
    elif rule.family == "attack":
        sub = attack_type(head, objects, lemmas)
        if sub is None:
            return None
    if sub is None:
        return None
    if sub == "Attack" and crowd_attack(head):
        sub, decided = "Mob violence", True
    if sub in PROTEST_TYPES:
        sub, decided = protest_type(paragraph)
    if sub in WEAPON_TYPES and match.end - match.start > 1 and is_article(ctx.text):
        # "an air strike", "a roadside bomb": the words name the weapon. In an article; in
        # a note of one paragraph the classifier reads the whole event (measured on ACLED's
        # training rows: deciding there splits one event in two more often than it helps)
        decided = True
    if sub == "Displacement":
        place, from_text = location(doc, head, verb, sub, ctx.places, focus)
    heads = {
        _span_head(doc, m).i
        for m in set(trigger_tokens.values())
        if not (m.rule.objects or m.rule.subjects or m.rule.governors)
    }  # conditional triggers ("took", "hit") are too often not events to own a date
    first, last, explicit, since = event_date(doc, head, verb, ctx, heads)
    sentence_span = (sentence.start_char, sentence.end_char)
    confidence = 0.45 + 0.15 * (actor1 is not None) + 0.15 * from_text + 0.1 * explicit
    confidence += 0.1 * (head.pos_ == "VERB")
    if (
        sub == "Armed clash"
        and head.pos_ in {"NOUN", "PROPN"}
        and not (from_text or explicit or actor1 is not None or actor2 is not None)
    ):
        return None  # "the military battle is over": no place, time or side
    return Draft(
        sub_event_type=sub,
        actor1=actor1,
        actor2=actor2,
        assoc1=assoc1,
        place=place,
        place_from_text=from_text,
        first=first,
        last=last,
        date_explicit=explicit,
        evidence=[trim(ctx.text, *sentence_span)],
        displaced=displaced_in(sentence.text) if sub == "Displacement" else None,
        support=rule.support or (anaphor and not explicit) or _generic_plural(head, explicit),
        order=order,
        confidence=min(confidence, 0.95),
        since=since,
        headline=is_headline(ctx.text, sentence.start_char),
        sentence=sentence.start_char,
        head=head.i,
        decided=decided,
    )


def not_a_flight(head: Any, sentence: Any) -> bool:
    """A flight ACLED does not code as displacement: one person's, or a state of affairs."""
    return _lone_mover(head) or _have_fled(head, sentence)


def _have_fled(head: Any, sentence: Any) -> bool:
    """'many residents have fled or take shelter in cellars': a present perfect with no day
    and no count tells how things stand, not what happened."""
    perfect = any(c.dep_ == "aux" and c.lower_ in {"have", "has", "'ve"} for c in head.children)
    return perfect and not any(
        t.ent_type_ in {"DATE", "TIME", "CARDINAL"} or t.like_num for t in sentence
    )


def _lone_mover(head: Any) -> bool:
    """Whether one person fled: ACLED's displacement is of many people, and "the
    president, who fled the country" is his flight, not theirs."""
    for child in head.children:
        if child.dep_ != "nsubj":
            continue
        if child.lower_ in {"he", "she"}:
            return True
        mover = head.head if child.lower_ == "who" and head.dep_ == "relcl" else child
        one = mover.tag_ == "NNP" or mover.ent_type_ == "PERSON"
        return one or (mover.tag_ == "NN" and mover.lemma_.casefold() in _ONE_PERSON)
    return False


_ONE_PERSON = frozenset(
    {"president", "minister", "commander", "leader", "governor", "official", "officer",
     "man", "woman", "chief", "mayor", "king", "general", "spokesman", "founder", "suspect"}
)  # fmt: skip
"""Who is one person ('the commander fled'); 'everyone', 'the town' are many."""


def _span_head(doc: Any, match: TriggerMatch) -> Any:
    """The token of a trigger phrase whose head lies outside the phrase."""
    span = doc[match.start : match.end]
    for token in span:
        if not (match.start <= token.head.i < match.end) or token.head.i == token.i:
            return token
    return span[0]


def clause_verb(token: Any) -> Any:
    """The verb a noun trigger hangs on ('launched air strikes' -> launched), or itself."""
    current = token
    for _ in range(4):
        if current.pos_ in {"VERB", "AUX"} or current.dep_ == "ROOT":
            return current
        current = current.head
    return token


def irrealis(token: Any) -> bool:
    """Negated, denied, planned, threatened, future, conditional, hypothetical or habitual."""
    current = token
    for depth in range(5):
        for child in current.children:
            if child.dep_ == "neg":
                return True
            habit = child.dep_ == "advmod" and child.lower_ in HABITUAL_ADVERBS
            if habit and (depth == 0 or (depth == 1 and token.pos_ in {"NOUN", "PROPN"})):
                return True  # "are increasingly staging ambushes": the noun's own verb
            if child.dep_ in {"aux", "auxpass"} and child.lower_ in IRREALIS_AUX:
                return True
            if child.dep_ == "mark" and child.lower_ in CONDITIONAL_MARKS:
                return True
            if child.dep_ == "aux" and child.lower_ == "to" and depth == 0:
                head = current.head
                if head.lemma_ in IRREALIS_GOVERNORS:
                    return True
        if depth > 0 and current.lemma_ in IRREALIS_GOVERNORS:
            return True
        if current.dep_ in {"ROOT"} or current.head.i == current.i:
            break
        if current.dep_ in {"ccomp", "parataxis"} and current.head.lemma_ in {
            "say",
            "tell",
            "report",
            "add",
            "claim",
        }:
            break
        current = current.head
    return False


def _argument_of_other_trigger(
    head: Any, match: TriggerMatch, trigger_tokens: dict[int, TriggerMatch]
) -> bool:
    """'defuse mines and bombs': the bombs are what is defused, not an event."""
    current = head
    for _ in range(2):
        if current.dep_ not in {"dobj", "conj", "pobj", "nsubjpass", "acl", "compound"}:
            return False
        parent = current.head
        other = trigger_tokens.get(parent.i)
        if current.dep_ == "conj" and current.pos_ not in {"NOUN", "PROPN"}:
            return False
        if (
            other is not None
            and other is not match
            and current.dep_ in {"dobj", "conj", "compound"}
        ):
            return other.rule.sub_event_type in {
                "Disrupted weapons use",
                "Looting/property destruction",
                "Arrests",
            } or (current.dep_ == "conj" and other.rule.key == match.rule.key)
        current = parent
    return False


def _subject_lemmas(head: Any) -> set[str]:
    """Lemmas of the verb's own subject (not one inherited from a governing clause)."""
    out: set[str] = set()
    for child in head.children:
        if child.dep_ in {"nsubj", "nsubjpass"}:
            out |= {t.lemma_.casefold() for t in child.subtree}
    return out


def _generic_plural(head: Any, explicit: bool) -> bool:
    """'a launch pad for attacks on Morek': plural, undated, unattributed - not one event."""
    if head.pos_ != "NOUN" or head.tag_ != "NNS":
        return False
    if _tally(head):
        return True
    if explicit:
        return False
    generic_place = head.dep_ == "pobj" and head.head.lower_ in {
        "for",
        "of",
        "against",
        "about",
        "to",
        "from",
    }
    habitual = head.dep_ == "dobj" and head.head.tag_ in {"VB", "VBZ", "VBP"}
    if not (generic_place or habitual):
        return False
    # "relief from car bombs", "a launch pad for deadly attacks": kinds of events, not
    # events; a count, an owner or an article makes them particular
    return not any(c.dep_ in {"poss", "nummod", "det"} for c in head.children)


_TALLY_WORDS = frozenset({"since", "so far", "this year", "last year", "in total", "a total"})
TALLY_MIN = 3
"""A count of events from which a sentence is a record rather than a report of each."""


def _tally(head: Any) -> bool:
    """'has carried out 33 attacks and nine kidnappings since August': a count of events
    over a period is a record, not an event."""
    counts = [parse_number(c.text) for c in head.children if c.dep_ == "nummod"]
    if not any(n is not None and n >= TALLY_MIN for n in counts):
        return False  # "two attacks ..., the first since the ceasefire": two events
    said = head.sent.text.casefold()
    return any(re.search(rf"\b{w}\b", said) for w in _TALLY_WORDS)


def _object_lemmas(head: Any) -> set[str]:
    """Lemmas of what a verb acts on: its object, passive subject, or 'from/of' complement."""
    out: set[str] = set()
    for child in head.children:
        argument = child.dep_ in {"dobj", "nsubjpass", "attr"}
        if argument or (child.dep_ == "prep" and child.lower_ in {"from", "of", "over"}):
            out |= {t.lemma_.casefold() for t in child.subtree}
        elif child.dep_ == "prt":
            for grand in child.children:
                out |= {t.lemma_.casefold() for t in grand.subtree}
    return out


def trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def paragraph_text(doc: Any, sentence: Any) -> str:
    """The paragraph a sentence stands in, as far as the parser saw it: what a rule reads
    when a later sentence says how an event went ("Police used tear gas to disperse them")."""
    start, end = paragraph_bounds(doc.text, sentence.start_char, sentence.end_char)
    return str(doc.text[start:end])
