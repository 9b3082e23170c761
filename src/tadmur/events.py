"""Events from a parsed article: triggers, roles from the dependency parse, modality,
attribution, counts, and the merge of reports of the same event within the article.

ACLED's rules as applied here:
- one event per (sub_event_type, location, day); title, standfirst, captions and body
  that report the same event are one event with several evidence spans;
- background events ("had seized the town in May 2015") are events with their own date;
- negated, denied, planned, threatened, future, conditional or hypothetical actions are
  not events, nor are sporting or figurative uses ("a clash in the cup final");
- a territory verb is "Government regains territory" when its actor is a state force,
  "Non-state actor overtakes territory" otherwise;
- deaths caused by a strike, a bomb or a battle are that event's fatalities; a killing
  by an armed actor of civilians is "Attack", of armed men "Armed clash".
"""

from __future__ import annotations

import hashlib
import re
from collections import Counter
from dataclasses import dataclass, replace
from datetime import date, timedelta
from typing import Any

from tadmur.counts import displaced_in, fatalities_in
from tadmur.model import Displaced, Event, Location, Span
from tadmur.sources import SourceLexicon
from tadmur.triggers import SUB_EVENT_TYPES, TriggerLexicon, TriggerMatch
from tadmur.when import TimeExpression, precision_of
from tadmur.where import PlaceMention
from tadmur.who import (
    ARMED_VICTIM_WORDS,
    CIVILIAN_WORDS,
    GROUP_WORDS,
    UNKNOWN_ARMED_WORDS,
    Actor,
    ActorDictionary,
    ActorMention,
)

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
_ENTITY_SKIP = frozenset(
    {"DATE", "TIME", "ORG", "PERSON", "WORK_OF_ART", "LAW", "PRODUCT", "GPE", "FAC"}
)
_DESTINATION_PREPS = frozenset({"to", "towards", "toward", "into"})
_VIOLENCE_PRIORITY = (
    "Suicide bomb", "Air/drone strike", "Shelling/artillery/missile attack",
    "Remote explosive/landmine/IED", "Chemical weapon", "Grenade", "Attack", "Armed clash",
    "Excessive force against protesters", "Mob violence", "Violent demonstration",
    "Government regains territory", "Non-state actor overtakes territory",
)  # fmt: skip
_LETHAL_TYPES = frozenset(
    {"Suicide bomb", "Air/drone strike", "Shelling/artillery/missile attack",
     "Remote explosive/landmine/IED", "Chemical weapon", "Grenade", "Armed clash"}
)  # fmt: skip
ARMED_SUBJECTS = frozenset(
    {"attacker", "gunman", "gunmen", "assailant", "militant", "fighter", "soldier", "troop",
     "rebel", "jihadist", "insurgent", "bomber", "kidnapper", "suspect", "perpetrator"}
)  # fmt: skip
GROUP_ARMED = frozenset(
    {"militants", "fighters", "jihadists", "insurgents", "rebels", "soldiers", "troops",
     "police", "forces", "militia", "militiamen", "extremists", "terrorists", "army"}
)  # fmt: skip
PROTEST_TYPES = frozenset(
    {"Peaceful protest", "Protest with intervention", "Excessive force against protesters"}
)
PROTEST_CONTEXT = frozenset(
    {"protesters", "protester", "demonstrators", "demonstrator", "protest", "protests",
     "demonstration", "demonstrations", "rally", "marchers"}
)  # fmt: skip
PROTESTER_WORDS = frozenset(
    {"protester", "protesters", "demonstrator", "demonstrators", "marchers"}
)
PEOPLE_WORDS = frozenset(
    {"schoolgirl", "girl", "boy", "woman", "man", "child", "hostage", "people", "villager",
     "worker", "engineer", "passenger", "student", "civilian", "journalist", "fisherman",
     "farmer", "person", "resident", "pupil", "teacher", "doctor", "nurse", "tourist"}
)  # fmt: skip
WEAPON_WORDS = frozenset(
    {"weapon", "cache", "ammunition", "arm", "explosive", "rifle", "mine", "rocket", "munition"}
)
ARMED_TARGETS = frozenset(
    {"army", "base", "checkpoint", "post", "position", "barracks", "garrison", "convoy",
     "soldier", "troop", "police", "station", "outpost", "patrol", "military",
     "headquarters", "gendarmerie", "policeman", "peacekeeper"}
)  # fmt: skip
CIVILIAN_TARGETS = frozenset(
    {"village", "villager", "settlement", "market", "civilian", "mosque", "church", "school",
     "home", "house", "farmer", "herder", "worshipper", "bus", "wedding", "hospital",
     "passenger", "family", "resident", "people", "town", "woman", "girl", "child",
     "worker", "student", "pupil", "shop", "farm", "community", "displaced"}
)  # fmt: skip
ANAPHORIC_DETERMINERS = frozenset({"the", "this", "that", "its", "their", "these", "those"})
WEEK_DAYS = 11
MONTHS_2 = 62
"""ACLED codes to the month at worst: a report dated only by a year is background."""
PEACEFUL_TAKEOVER = frozenset({"take", "hand", "transfer", "receive", "assume", "enter"})
REGAIN_LEMMAS = frozenset({"recapture", "retake", "regain", "liberate", "reclaim"})
_PERFECT = frozenset({"has", "have", "had", "'s", "'ve", "'d"})


@dataclass(frozen=True, slots=True)
class Context:
    """Everything the events stage knows about one document besides its parse."""

    doc_id: str
    text: str
    published: date | None
    outlet: str | None
    dates: list[TimeExpression]
    places: list[PlaceMention]
    actors: list[ActorMention]
    country: str | None


@dataclass(slots=True)
class _Draft:
    sub_event_type: str
    actor1: Actor | None
    actor2: Actor | None
    assoc1: Actor | None
    place: PlaceMention | None
    place_from_text: bool
    first: date | None
    last: date | None
    date_explicit: bool
    evidence: list[tuple[int, int]]
    sources: set[str]
    fatalities: int | None
    displaced: tuple[int, str] | None
    support: bool
    order: int
    confidence: float
    since: bool = False
    headline: bool = False


def extract_events(
    doc: Any,
    ctx: Context,
    triggers: TriggerLexicon,
    actors: ActorDictionary,
    sources: SourceLexicon,
) -> list[Event]:
    """All events of one parsed document, merged within the document, in text order."""
    by_token = {i: m for m in ctx.actors for i in range(m.start, m.end)}
    focus = _focus_place(ctx.places)
    attribution = re.compile(
        r"\b(?:" + sources.alias_pattern() + r")\b(?!\s+(?:group|forces|army))"
    )
    drafts: list[_Draft] = []
    matches = triggers.match(doc)
    trigger_tokens = {i: m for m in matches for i in range(m.start, m.end)}
    scope = _Scope(doc, ctx, trigger_tokens, by_token, focus, actors)
    for order, match in enumerate(matches):
        sentence = doc[match.start].sent
        found: list[_Draft] = []
        for rule in match.rules:  # the first rule whose conditions hold
            found = _drafts(scope, match.with_rule(rule), order)
            if found:
                break
        for draft in found:
            draft.sources |= _sources_in(sentence.text, attribution, sources)
            if ctx.outlet:
                draft.sources.add(ctx.outlet)
            drafts.append(draft)
    drafts = _chemical_delivery(drafts)
    _assign_counts(doc, drafts, matches)
    merged = _merge(drafts)
    events = [_finish(d, ctx, actors) for d in merged if not d.support]
    events.sort(key=lambda e: (e.evidence[0].start, e.sub_event_type))
    return events


# --- one trigger -------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Scope:
    """One document's parse and what the earlier stages found in it."""

    doc: Any
    ctx: Context
    trigger_tokens: dict[int, TriggerMatch]
    by_token: dict[int, ActorMention]
    focus: PlaceMention | None
    actors: ActorDictionary


def _drafts(scope: _Scope, match: TriggerMatch, order: int) -> list[_Draft]:
    """One draft per place the trigger's clause names (coordinated places split)."""
    draft = _draft(scope, match, order)
    if draft is None:
        return []
    out = [draft]
    if draft.place is not None and draft.place_from_text:
        for other in _coordinated(scope.doc, draft.place, scope.ctx.places):
            out.append(
                replace(
                    draft, place=other, evidence=list(draft.evidence), sources=set(draft.sources)
                )
            )
    return out


def _draft(scope: _Scope, match: TriggerMatch, order: int) -> _Draft | None:
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
    if _irrealis(head):
        return None
    if _argument_of_other_trigger(head, match, trigger_tokens):
        return None
    verb = _clause_verb(head)
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
    if rule.sub_event_type == "Displacement" and subject_words & ARMED_SUBJECTS:
        return None  # "the attacker fled on foot"
    actor1, actor2, assoc1 = _roles(doc, head, verb, match, by_token, actors, ctx)
    sub = rule.sub_event_type
    place, from_text = _location(
        doc, head, verb, match, rule.sub_event_type or "", ctx.places, focus
    )
    where = place.place.country_code if place is not None and place.place is not None else None
    if rule.family == "territory" and actor2 is None:
        actor2 = _from_actor(head, by_token, actor1)
    if rule.family == "territory" and objects & PEOPLE_WORDS:
        sub = "Abduction/forced disappearance"  # "seized 276 schoolgirls"
    elif rule.family == "territory" and objects & WEAPON_WORDS:
        sub = "Disrupted weapons use"  # "seized a weapons cache"
    elif rule.family == "territory":
        if actor1 is None and actor2 is not None:
            actor1 = _other_actor(sentence, by_token, exclude=actor2)
        elif actor1 is None and actor2 is None and head.lemma_ in REGAIN_LEMMAS:
            # "Palmyra recaptured in victory against IS": retaken from the group named
            loser = _other_actor(sentence, by_token, exclude=None)
            if loser is not None and not loser.is_state:
                actor2 = loser
        # A state's forces at home regain territory; foreign forces, like rebels, overtake it.
        home = actor1 is not None and actor1.is_state and actor1.country in {None, where}
        state = home or (actor1 is None and actor2 is not None and not actor2.is_state)
        sub = "Government regains territory" if state else "Non-state actor overtakes territory"
        if (
            actor1 is not None
            and actor2 is not None
            and (actor1.is_state or actor1.inter == 8)
            and (actor2.is_state or actor2.inter == 8)
            and head.lemma_ in PEACEFUL_TAKEOVER
        ):
            sub = "Non-violent transfer of territory"  # "took over the base from French troops"
    elif rule.family == "kill":
        lethal = any(
            m.rule.sub_event_type in _LETHAL_TYPES and sentence.start <= m.start < sentence.end
            for m in set(trigger_tokens.values())
        )
        sub = None if lethal else _kill_type(head, verb, trigger_tokens, match)
        if sub == "Attack" and actor1 is None and not _armed_agent(head):
            sub = None  # "two civilians were killed": deaths of an event told elsewhere
    elif rule.family == "attack":
        sub = _attack_type(head, objects, lemmas)
        if sub is None:
            return None
    if sub is None:
        return None
    if sub in PROTEST_TYPES:
        sub = _protest_type(sentence)
    if sub == "Displacement":
        place, from_text = _location(doc, head, verb, match, sub, ctx.places, focus)
    heads = {
        _span_head(doc, m).i
        for m in set(trigger_tokens.values())
        if not (m.rule.objects or m.rule.subjects or m.rule.governors)
    }  # conditional triggers ("took", "hit") are too often not events to own a date
    first, last, explicit, since = _date(doc, head, verb, ctx, heads)
    sentence_span = (sentence.start_char, sentence.end_char)
    confidence = 0.45 + 0.15 * (actor1 is not None) + 0.15 * from_text + 0.1 * explicit
    confidence += 0.1 * (head.pos_ == "VERB")
    if (
        sub == "Armed clash"
        and head.pos_ in {"NOUN", "PROPN"}
        and not (from_text or explicit or actor1 is not None or actor2 is not None)
    ):
        return None  # "the military battle is over": no place, time or side
    return _Draft(
        sub_event_type=sub,
        actor1=actor1,
        actor2=actor2,
        assoc1=assoc1,
        place=place,
        place_from_text=from_text,
        first=first,
        last=last,
        date_explicit=explicit,
        evidence=[_trim(ctx.text, *sentence_span)],
        sources=set(),
        fatalities=None,
        displaced=displaced_in(sentence.text) if sub == "Displacement" else None,
        support=rule.support or (anaphor and not explicit) or _generic_plural(head, explicit),
        order=order,
        confidence=min(confidence, 0.95),
        since=since,
        headline=sentence.start_char == 0,
    )


def _span_head(doc: Any, match: TriggerMatch) -> Any:
    """The token of a trigger phrase whose head lies outside the phrase."""
    span = doc[match.start : match.end]
    for token in span:
        if not (match.start <= token.head.i < match.end) or token.head.i == token.i:
            return token
    return span[0]


def _clause_verb(token: Any) -> Any:
    """The verb a noun trigger hangs on ('launched air strikes' -> launched), or itself."""
    current = token
    for _ in range(4):
        if current.pos_ in {"VERB", "AUX"} or current.dep_ == "ROOT":
            return current
        current = current.head
    return token


def _irrealis(token: Any) -> bool:
    """Negated, denied, planned, threatened, future, conditional or hypothetical."""
    current = token
    for depth in range(5):
        for child in current.children:
            if child.dep_ == "neg":
                return True
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


def _kill_type(
    head: Any, verb: Any, trigger_tokens: dict[int, TriggerMatch], match: TriggerMatch
) -> str | None:
    """Killings: caused by another trigger -> no event of their own; else by victim type."""
    parent = trigger_tokens.get(head.head.i)
    if (
        head.dep_ in {"advcl", "xcomp", "conj", "acl"}
        and parent is not None
        and parent is not match
        and parent.rule.sub_event_type in _LETHAL_TYPES
    ):
        return None  # "shelled the town, killing four": the shelling's fatalities
    for child in head.children:
        causes = child.dep_ in {"nsubj", "agent", "prep"} or (
            child.dep_ == "advcl"
            and any(c.lower_ in {"when", "as", "after"} for c in child.children)
        )
        if causes:
            for token in child.subtree:
                other = trigger_tokens.get(token.i)
                if (
                    other is not None
                    and other is not match
                    and (
                        other.rule.sub_event_type in _LETHAL_TYPES or other.rule.family == "attack"
                    )
                ):
                    return None
    victims = [c for c in head.children if c.dep_ in {"dobj", "nsubjpass"}]
    words = {t.lower_ for v in victims for t in v.subtree}
    sentence = {t.lower_ for t in head.sent}
    if words & PROTESTER_WORDS or sentence & PROTEST_CONTEXT:
        return "Excessive force against protesters"
    if words & ARMED_VICTIM_WORDS and not words & CIVILIAN_WORDS:
        return "Armed clash"
    return "Attack"


def _armed_agent(head: Any) -> bool:
    """Does the killing name who did it ('gunmen killed', 'were killed by militants')?"""
    for child in head.children:
        if child.dep_ in {"nsubj", "agent"}:
            words = {t.lower_ for t in child.subtree}
            if words & (UNKNOWN_ARMED_WORDS | GROUP_ARMED):
                return True
    return False


def _attack_type(head: Any, objects: set[str], sentence_lemmas: set[str]) -> str:
    """An attack on armed men or their posts is a battle; on villages or civilians, violence
    against civilians."""
    targets = set(objects)
    for child in head.children:
        if child.dep_ == "prep" and child.lower_ in {"on", "against", "in"}:
            targets |= {t.lemma_.casefold() for t in child.subtree}
    if targets & ARMED_TARGETS:
        return "Armed clash"
    if targets & CIVILIAN_TARGETS:
        return "Attack"
    if sentence_lemmas & CIVILIAN_TARGETS and not sentence_lemmas & ARMED_TARGETS:
        return "Attack"
    return "Armed clash"


def _protest_type(sentence: Any) -> str:
    """Police shooting at a protest makes it excessive force; tear gas, arrests or
    dispersal make it a protest with intervention."""
    text = sentence.text.casefold()
    if re.search(
        r"live (?:ammunition|fire|rounds)|opened fire|fired (?:at|on)|shot dead|"
        r"(?:killed|killing|kill|shot)\s+(?:\w+\s+){0,3}(?:protesters|demonstrators)",
        text,
    ):
        return "Excessive force against protesters"
    if re.search(
        r"tear ?gas|water cannon|to disperse|(?:were|was) dispersed|dispersed (?:the|a)|"
        r"broke up|break up|arrest|detain|baton|rubber bullets|beat|clashed with police",
        text,
    ):
        return "Protest with intervention"
    return "Peaceful protest"


def _subject_lemmas(head: Any) -> set[str]:
    """Lemmas of the verb's own subject (not one inherited from a governing clause)."""
    out: set[str] = set()
    for child in head.children:
        if child.dep_ in {"nsubj", "nsubjpass"}:
            out |= {t.lemma_.casefold() for t in child.subtree}
    return out


def _generic_plural(head: Any, explicit: bool) -> bool:
    """'a launch pad for attacks on Morek': plural, undated, unattributed - not one event."""
    if explicit or head.pos_ != "NOUN" or head.tag_ != "NNS":
        return False
    generic_place = head.dep_ == "pobj" and head.head.lower_ in {
        "for",
        "of",
        "against",
        "about",
        "to",
    }
    habitual = head.dep_ == "dobj" and head.head.tag_ in {"VB", "VBZ", "VBP"}
    if not (generic_place or habitual):
        return False
    return not any(c.dep_ in {"amod", "compound", "poss", "nummod", "det"} for c in head.children)


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


# --- roles -------------------------------------------------------------------------------


def _actor_in(tokens: Any, by_token: dict[int, ActorMention]) -> Actor | None:
    for token in tokens:
        mention = by_token.get(token.i)
        if mention is not None:
            return mention.actor
    return None


def _roles(
    doc: Any,
    head: Any,
    verb: Any,
    match: TriggerMatch,
    by_token: dict[int, ActorMention],
    actors: ActorDictionary,
    ctx: Context,
) -> tuple[Actor | None, Actor | None, Actor | None]:
    actor1 = actor2 = assoc1 = None
    owner = head if head.pos_ in {"VERB", "AUX"} else verb
    subject = _inherited_subject(owner)
    for child in owner.children:
        if child.dep_ == "agent":
            actor1 = actor1 or _actor_in(child.subtree, by_token)
        elif (
            (child.dep_ == "nsubjpass" and match.rule.family != "territory")
            or child.dep_ == "nsubjpass"
            or child.dep_ in {"dobj", "attr"}
        ):
            actor2 = actor2 or _actor_in(child.subtree, by_token)
        elif child.dep_ == "prep" and child.lower_ in {"from", "against", "with", "on", "between"}:
            found = _actor_in(child.subtree, by_token)
            if child.lower_ == "between":
                pair = _pair(child, by_token)
                if pair:
                    actor1, actor2 = pair
                    continue
            actor2 = actor2 or found
        elif child.dep_ == "prep" and child.lower_ in {"alongside"}:
            assoc1 = _actor_in(child.subtree, by_token)
    if head.pos_ in {"NOUN", "PROPN"}:
        # a noun trigger's own modifiers: "Russian air strikes", "IS's offensive", "between A and B"
        for between in head.sent:
            if between.lower_ == "between" and head in (between.head, between.head.head):
                pair = _pair(between, by_token)
                if pair:
                    return pair[0], pair[1], assoc1
        for child in head.children:
            if child.dep_ in {"amod", "compound", "poss", "nmod"}:
                actor1 = actor1 or _actor_in(child.subtree, by_token)

            if child.dep_ == "prep" and child.lower_ in {"by"}:
                actor1 = actor1 or _actor_in(child.subtree, by_token)
            if child.dep_ == "prep" and child.lower_ in {"against", "with", "on"}:
                actor2 = actor2 or _actor_in(child.subtree, by_token)
        if head.dep_ in {"dobj"} and subject is not None and actor1 is None:
            actor1 = _subject_actor(subject, by_token, doc, ctx, actors)
    elif subject is not None:
        actor1 = _subject_actor(subject, by_token, doc, ctx, actors)
        for token in subject.subtree:
            if token.dep_ == "pobj" and token.head.lower_ in {"with", "alongside"}:
                assoc1 = assoc1 or _actor_in(token.subtree, by_token)
        for child in owner.children:
            if (
                child.dep_ == "prep"
                and child.lower_ == "in"
                and any(
                    t.lower_ in {"coordination", "cooperation", "alongside"} for t in child.subtree
                )
            ):
                assoc1 = assoc1 or _actor_in(child.subtree, by_token)
    if actor1 is not None and actor2 is not None and actor1.name == actor2.name:
        actor2 = None
    if assoc1 is not None and actor1 is not None and assoc1.name == actor1.name:
        assoc1 = None
    return actor1, actor2, assoc1


def _from_actor(head: Any, by_token: dict[int, ActorMention], actor1: Actor | None) -> Actor | None:
    """'took over the base in Timbuktu from French troops': the loser, wherever the parser
    hung the 'from'."""
    for token in head.subtree:
        if token.dep_ == "prep" and token.lower_ == "from":
            found = _actor_in(token.subtree, by_token)
            if found is not None and found != actor1:
                return found
    return None


def _inherited_subject(verb: Any) -> Any:
    """The subject of a verb, or of the verb it depends on ('troops began the operation to
    defuse mines': troops defuse; 'the group blew up temples and murdered': the group)."""
    current = verb
    for _ in range(4):
        for child in current.children:
            if child.dep_ in {"nsubj", "csubj"}:
                return child
        if current.dep_ not in {
            "xcomp",
            "acl",
            "conj",
            "advcl",
            "pcomp",
            "pobj",
            "prep",
            "dobj",
            "relcl",
        }:
            return None
        current = current.head
    return None


def _pair(prep: Any, by_token: dict[int, ActorMention]) -> tuple[Actor, Actor] | None:
    """'between A and B': the first two actors after 'between' (the parser often hangs
    'and B' elsewhere)."""
    seen: list[Actor] = []
    doc = prep.doc
    for token in doc[prep.i + 1 : min(prep.i + 16, prep.sent.end)]:
        mention = by_token.get(token.i)
        if mention is not None and (not seen or seen[-1].name != mention.actor.name):
            seen.append(mention.actor)
            if len(seen) == 2:
                return seen[0], seen[1]
    return None


def _subject_actor(
    subject: Any, by_token: dict[int, ActorMention], doc: Any, ctx: Context, actors: ActorDictionary
) -> Actor | None:
    found = _actor_in(subject.subtree, by_token)
    if found is not None:
        return found
    words = " ".join(t.lower_ for t in subject.subtree if t.dep_ not in {"punct"})
    head_word = subject.lower_
    if (
        head_word in {"they", "he", "she", "it", "we"}
        or words in GROUP_WORDS
        or head_word in GROUP_WORDS
    ):
        found = _antecedent(subject.i, ctx, non_state=head_word not in {"they", "we", "he", "she"})
        if found is None and head_word not in {"they", "he", "she", "it", "we"} and ctx.country:
            found = actors.fallback("Unidentified Armed Group", ctx.country)
        return found
    if head_word in UNKNOWN_ARMED_WORDS or words in UNKNOWN_ARMED_WORDS:
        country = ctx.country
        return actors.fallback("Unidentified Armed Group", country) if country else None
    return None


def _antecedent(before: int, ctx: Context, *, non_state: bool) -> Actor | None:
    """The latest actor named before a token (for 'they', 'the group', 'the militants')."""
    for mention in sorted(ctx.actors, key=lambda m: -m.start):
        if mention.start >= before:
            continue
        if non_state and mention.actor.is_state:
            continue
        if mention.actor.inter in {6, 7}:
            continue
        return mention.actor
    return None


def _other_actor(
    sentence: Any, by_token: dict[int, ActorMention], exclude: Actor | None
) -> Actor | None:
    for token in sentence:
        mention = by_token.get(token.i)
        if mention is not None and (exclude is None or mention.actor.name != exclude.name):
            return mention.actor
    return None


# --- where and when ----------------------------------------------------------------------


def _focus_place(places: list[PlaceMention]) -> PlaceMention | None:
    """The city the article is most about: the most mentioned resolved city."""
    cities = [m for m in places if m.place is not None and m.place.kind == "city"]
    if not cities:
        return None
    counts = Counter(m.place.geonameid for m in cities if m.place)
    best = max(
        counts,
        key=lambda gid: (
            counts[gid],
            -min(m.start for m in cities if m.place and m.place.geonameid == gid),
        ),
    )
    return next(m for m in cities if m.place and m.place.geonameid == best)


def _location(
    doc: Any,
    head: Any,
    verb: Any,
    match: TriggerMatch,
    sub: str,
    places: list[PlaceMention],
    focus: PlaceMention | None,
) -> tuple[PlaceMention | None, bool]:
    sentence = head.sent
    in_sentence = [
        m
        for m in places
        if sentence.start_char <= m.start < sentence.end_char and m.place is not None
    ]
    allowed = []
    for m in in_sentence:
        token = doc.char_span(m.start, m.end, alignment_mode="expand")
        if token is None:
            continue
        tok = token.root
        preps = [a for a in tok.ancestors if a.dep_ == "prep"][:1]
        if preps and preps[0].lower_ in _DESTINATION_PREPS:
            continue
        if sub == "Displacement" and preps and preps[0].lower_ in {"to", "towards"}:
            continue
        in_clause = verb.i == tok.i or verb in tok.ancestors or head in tok.ancestors
        kind = {"city": 0, "admin1": 1, "country": 2}[m.place.kind] if m.place else 3
        allowed.append((not in_clause, kind, abs(tok.i - head.i), m))
    allowed.sort(key=lambda x: (x[0], x[1], x[2]))
    if allowed and allowed[0][1] == 2 and focus is not None and focus.place is not None:
        region = allowed[0][3].place
        inside = (
            region is not None
            and focus.place.country_code == region.country_code
            and (region.kind == "country" or focus.place.admin1_code == region.admin1_code)
        )
        if inside:  # "in a neighbourhood of Somalia's Baidoa..." told by the article's city
            return PlaceMention(
                focus.text, focus.start, focus.end, focus.place, focus.admin1, 2,
                focus.candidates,
            ), False  # fmt: skip
    if allowed and (not allowed[0][0] or focus is None):
        return allowed[0][3], True
    if focus is not None:
        return PlaceMention(
            focus.text, focus.start, focus.end, focus.place, focus.admin1, 2, focus.candidates
        ), False
    if allowed:
        return allowed[0][3], True
    return None, False


def _coordinated(doc: Any, best: PlaceMention, places: list[PlaceMention]) -> list[PlaceMention]:
    """'shelled Hama and Mhardeh': places coordinated with the event's place are events too."""
    span = doc.char_span(best.start, best.end, alignment_mode="expand")
    if span is None:
        return []
    root = span.root
    out = []
    for other in places:
        if other is best or other.place is None:
            continue
        o = doc.char_span(other.start, other.end, alignment_mode="expand")
        if o is None:
            continue
        chain = o.root
        for _ in range(3):
            if chain.dep_ != "conj":
                break
            chain = chain.head
            if chain.i == root.i or (span.start <= chain.i < span.end):
                out.append(other)
                break
    return out


REPORTING_VERBS = frozenset(
    {"say", "tell", "report", "announce", "add", "confirm", "state", "claim", "write", "tweet",
     "post", "publish", "note", "explain", "warn", "deny", "accuse", "allege", "estimate"}
)  # fmt: skip


def _reporting_date(doc: Any, expression: TimeExpression) -> bool:
    """'residents said on Thursday': the day of the report, not of the event."""
    span = doc.char_span(expression.start, expression.end, alignment_mode="expand")
    if span is None:
        return False
    for ancestor in span.root.ancestors:
        if ancestor.pos_ in {"VERB", "AUX"}:
            # "killed on Sunday, a local official told AFP": a date before the reporting
            # verb is the event's, whatever the parser attached it to
            return bool(ancestor.lemma_ in REPORTING_VERBS and expression.start > ancestor.idx)
    return False


def _date_owner(doc: Any, expression: TimeExpression, trigger_heads: set[int]) -> int | None:
    """The trigger a date expression modifies: the nearest trigger among its ancestors."""
    span = doc.char_span(expression.start, expression.end, alignment_mode="expand")
    if span is None:
        return None
    for ancestor in span.root.ancestors:
        if ancestor.i in trigger_heads and ancestor.pos_ in {"VERB", "AUX"}:
            return int(ancestor.i)
    return None


def _date(
    doc: Any, head: Any, verb: Any, ctx: Context, trigger_heads: set[int]
) -> tuple[date | None, date | None, bool, bool]:
    """The date of an event: a date the clause hangs on ('on Saturday, when gunmen killed'),
    else the clause's own temporal expression (one attached to the verb first), else the
    sentence's; perfect aspect with 'since' and no date is undated; else the publication
    date with precision 2. Dates of reporting verbs ('officials said on Tuesday') and of
    other events in the clause do not count."""
    sentence = head.sent
    while verb.dep_ == "conj" and verb.head.pos_ in {"VERB", "AUX"}:
        verb = verb.head  # "has since blown up ... and murdered": one tense for both
    clause = list(verb.subtree)
    lo = min(t.idx for t in clause)
    hi = max(t.idx + len(t) for t in clause)
    dated = [e for e in ctx.dates if e.date is not None and not _reporting_date(doc, e)]
    for ancestor in list(head.ancestors)[:4]:
        for e in dated:
            if e.start <= ancestor.idx < e.end:  # "since Saturday, when jihadists killed"
                since = e.rule.startswith("since")
                return e.date, e.date if since else e.date_end, True, False
    own = [e for e in dated if _date_owner(doc, e, trigger_heads) in {None, head.i}]
    in_clause = [e for e in own if lo <= e.start and e.end <= hi]
    in_sentence = [e for e in own if sentence.start_char <= e.start < sentence.end_char]
    for group in (in_clause, in_sentence):
        if group:
            best = min(
                group, key=lambda e: (not _attached(doc, e, verb, head), abs(e.start - head.idx))
            )
            return best.date, best.date_end, True, best.rule.startswith("since")
    if any(c.dep_ == "aux" and c.lower_ in _PERFECT for c in verb.children) and any(
        c.lower_ == "since" for c in verb.children
    ):
        return None, None, False, False
    if ctx.published is None:
        return None, None, False, False
    day_before = ctx.published - timedelta(days=1) if ctx.published > date.min else date.min
    return day_before, ctx.published, False, False


def _attached(doc: Any, expression: TimeExpression, verb: Any, head: Any) -> bool:
    """Does the expression modify the event's verb itself ('surrendered ... on Monday')?"""
    span = doc.char_span(expression.start, expression.end, alignment_mode="expand")
    if span is None:
        return False
    parent = span.root.head
    return parent in (verb, head) or parent.head in (verb, head)


# --- attribution and counts --------------------------------------------------------------


def _sources_in(sentence: str, pattern: re.Pattern[str], lexicon: SourceLexicon) -> set[str]:
    found = set()
    for m in pattern.finditer(sentence):
        source = lexicon.lookup(m[0])
        if source is not None:
            found.add(source.name)
    return found


def _chemical_delivery(drafts: list[_Draft]) -> list[_Draft]:
    """A chemical attack delivered by air or by rocket is one Chemical weapon event."""
    chemical = {d.evidence[0] for d in drafts if d.sub_event_type == "Chemical weapon"}
    return [
        d
        for d in drafts
        if not (
            d.sub_event_type in {"Air/drone strike", "Shelling/artillery/missile attack"}
            and d.evidence[0] in chemical
        )
    ]


def _assign_counts(doc: Any, drafts: list[_Draft], matches: list[TriggerMatch]) -> None:
    """A sentence's fatality figure goes to its most violent event."""
    by_sentence: dict[int, list[_Draft]] = {}
    for draft in drafts:
        start = draft.evidence[0][0]
        by_sentence.setdefault(start, []).append(draft)
    for start, group in by_sentence.items():
        span = doc.char_span(start, group[0].evidence[0][1], alignment_mode="expand")
        if span is None:
            continue
        count = fatalities_in(span.text)
        if count is None:
            continue
        ranked = sorted(
            (d for d in group if d.sub_event_type in _VIOLENCE_PRIORITY),
            key=lambda d: _VIOLENCE_PRIORITY.index(d.sub_event_type),
        )
        if ranked:
            ranked[0].fatalities = count.value


# --- merge within the document -----------------------------------------------------------


def _place_key(draft: _Draft) -> object:
    if draft.place is None or draft.place.place is None:
        return None
    return draft.place.place.geonameid or (draft.place.place.country_code, draft.place.place.name)


def _overlaps(a: _Draft, b: _Draft) -> bool:
    if a.first is None or b.first is None or a.last is None or b.last is None:
        return a.first is None and b.first is None
    return a.first <= b.last and b.first <= a.last


def _merge(drafts: list[_Draft]) -> list[_Draft]:
    """Reports of one event in one article become one event: same sub-event type, places
    that agree (the same place, or one report without a place of its own, or a country or
    province containing the other's place), and dates that agree (overlapping, or one
    report without a date of its own). The best-placed, best-dated report comes first."""
    drafts = [
        d
        for d in drafts
        if not (d.date_explicit and d.first and d.last and (d.last - d.first).days > MONTHS_2)
        and not (
            d.since
            and d.sub_event_type != "Displacement"
            and d.first
            and d.last
            and (d.last - d.first).days > WEEK_DAYS
        )
    ]  # "since 2009", "fighting since early 2020": a state of affairs, not an event
    drafts = _unify_protests(drafts)
    ranked = sorted(
        drafts,
        key=lambda d: (
            not d.date_explicit,
            not d.place_from_text or _coarse(d),
            d.support,
            d.order,
        ),
    )
    merged: list[_Draft] = []
    for draft in ranked:
        candidates = [m for m in merged if _same_event(m, draft)]
        target = min(candidates, key=lambda m: abs(m.order - draft.order)) if candidates else None
        if target is not None:
            _absorb(target, draft)
        elif not draft.support:
            merged.append(draft)
    return merged


def _same_event(a: _Draft, b: _Draft) -> bool:
    if a.sub_event_type != b.sub_event_type:
        return False
    places_agree = (
        _place_key(a) == _place_key(b)
        or not a.place_from_text
        or not b.place_from_text
        or _within(a, b)
        or _within(b, a)
        or ((a.headline or b.headline) and _country(a) == _country(b))
    )
    dates_agree = not a.date_explicit or not b.date_explicit or _overlaps(a, b)
    return places_agree and dates_agree


def _country(draft: _Draft) -> str | None:
    if draft.place is None or draft.place.place is None:
        return None
    return draft.place.place.country_code


def _coarse(draft: _Draft) -> bool:
    """Located only by a country or a province ("in Libya's south")."""
    return (
        draft.place is not None
        and draft.place.place is not None
        and (draft.place.place.kind in {"country", "admin1"})
    )


def _within(event: _Draft, coarse: _Draft) -> bool:
    """Does `event` lie in the country or province that locates `coarse`?"""
    if not _coarse(coarse) or event.place is None or event.place.place is None:
        return False
    if coarse.place is None or coarse.place.place is None:
        return False
    region, place = coarse.place.place, event.place.place
    if place.country_code != region.country_code:
        return False
    return region.kind == "country" or place.admin1_code == region.admin1_code


def _unify_protests(drafts: list[_Draft]) -> list[_Draft]:
    """One protest per place and day: reports of it take its most severe form."""
    severity = {
        "Peaceful protest": 0, "Protest with intervention": 1,
        "Excessive force against protesters": 2,
    }  # fmt: skip
    protests = [d for d in drafts if d.sub_event_type in severity]
    for d in protests:
        for other in protests:
            if (
                _place_key(other) == _place_key(d)
                and _overlaps(other, d)
                and severity[other.sub_event_type] > severity[d.sub_event_type]
            ):
                d.sub_event_type = other.sub_event_type
    return drafts


def _absorb(target: _Draft, other: _Draft) -> None:
    for span in other.evidence:
        if span not in target.evidence:
            target.evidence.append(span)
    target.sources |= other.sources
    if other.support:
        return  # a mention of an event told elsewhere adds its words, not its details
    complete = target.actor1 is not None and target.actor2 is not None
    if not complete and other.actor1 is not None and other.actor2 is not None:
        target.actor1, target.actor2 = other.actor1, other.actor2
    else:
        target.actor1 = target.actor1 or other.actor1
        if target.actor2 is None and other.actor2 is not None:
            target.actor2 = other.actor2
    if target.actor2 is not None and target.actor2 == target.actor1:
        target.actor2 = None
    if target.assoc1 is None and other.assoc1 is not None and other.assoc1 != target.actor1:
        target.assoc1 = other.assoc1
    if other.fatalities is not None:
        target.fatalities = (
            other.fatalities
            if target.fatalities is None
            else min(target.fatalities, other.fatalities)
        )
    target.displaced = target.displaced or other.displaced
    better_place = other.place_from_text and (
        not target.place_from_text
        or (_coarse(target) and not _coarse(other))
        or (target.headline and not other.headline)
    )
    if better_place:
        target.place, target.place_from_text = other.place, True
    if other.date_explicit and not target.date_explicit:
        target.first, target.last, target.date_explicit = other.first, other.last, True
    target.headline = target.headline and other.headline
    narrower = (
        other.date_explicit
        and target.first
        and other.first
        and target.last
        and other.last
        and (other.last - other.first) < (target.last - target.first)
    )
    if narrower:
        target.first, target.last = other.first, other.last
    target.confidence = min(0.98, max(target.confidence, other.confidence) + 0.03)


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


# --- output ------------------------------------------------------------------------------


def _finish(draft: _Draft, ctx: Context, actors: ActorDictionary) -> Event:
    country = None
    location = None
    if draft.place is not None and draft.place.place is not None:
        p = draft.place.seat or draft.place.place  # a province's event sits at its main town
        country = p.country_code
        location = Location(
            name=p.name,
            geonameid=p.geonameid,
            country_code=p.country_code,
            admin1=draft.place.admin1,
            latitude=round(p.latitude, 5),
            longitude=round(p.longitude, 5),
            geo_precision=draft.place.geo_precision,
            site=draft.place.site,
        )
    country = country or ctx.country
    on = draft.first
    actor1 = actors.current(draft.actor1, on) if draft.actor1 else None
    actor2 = actors.current(draft.actor2, on) if draft.actor2 else None
    sub = draft.sub_event_type
    if sub == "Displacement" and actor1 is None and country:
        actor1 = actors.fallback("Civilians", country)
    if sub == "Attack" and actor2 is None and country:
        actor2 = actors.fallback("Civilians", country)
    if (
        sub
        in {"Peaceful protest", "Protest with intervention", "Excessive force against protesters"}
        and country
    ):
        actor1 = (
            actor1
            if actor1 and actor1.inter == 6
            else actors.fallback("Protesters", country) or actor1
        )
    precision = (
        3 if draft.first is None or draft.last is None else precision_of(draft.first, draft.last)
    )
    if not draft.date_explicit and draft.first is not None:
        precision = 2
    date_text = draft.first.isoformat() if draft.first else None
    place_text = str(location.geonameid or location.name) if location else ""
    digest = hashlib.sha256(f"{ctx.doc_id}|{sub}|{place_text}|{date_text}".encode()).hexdigest()
    evidence = tuple(Span(s, e, ctx.text[s:e]) for s, e in sorted(draft.evidence))
    displaced = Displaced(*draft.displaced) if draft.displaced else None
    fatalities = draft.fatalities
    if sub == "Attack" and fatalities is None:
        fatalities = _single_victim(evidence)
    return Event(
        id=digest[:16],
        event_type=SUB_EVENT_TYPES[sub],
        sub_event_type=sub,
        date=date_text,
        date_end=draft.last.isoformat() if draft.last else None,
        time_precision=precision,
        actor1=actor1.name if actor1 else None,
        actor2=actor2.name if actor2 else None,
        assoc_actor_1=draft.assoc1.name if draft.assoc1 else None,
        location=location,
        evidence=evidence,
        fatalities=fatalities,
        displaced=displaced,
        sources=tuple(sorted(draft.sources)),
        confidence=draft.confidence,
    )


def _single_victim(evidence: tuple[Span, ...]) -> int | None:
    """'murdered the former antiquities chief' -> 1: one named or singular victim."""
    for span in evidence:
        if re.search(
            r"\b(?:murder|kill|execut|assassinat|behead|shot)\w*\s+(?:the|a|an|his|her)\s+(?:former\s+)?[a-z]+(?:\s+[a-z]+)?\s+(?:chief|official|journalist|doctor|teacher|man|woman|boy|girl|priest|imam|judge|activist|leader|mayor|governor|director|head)\b",
            span.text,
        ):
            return 1
    return None
