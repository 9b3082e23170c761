"""The sub-event type where a rule, not the trigger lexicon, decides it.

A trigger of the territory, kill or attack family, or a protest, names a family of
events; which ACLED sub-event type it is depends on who did what to whom: a state force
at home regains territory, others overtake it; a killing of civilians is an attack, of
armed men a battle; an attack on a post is a battle, on a village violence against
civilians; police shooting at a protest is excessive force. These decisions are ACLED's
coding rules rather than parsing, so they sit together here, apart from the reading of
the clause (`candidates`) that asks for them.
"""

from __future__ import annotations

import re
from typing import Any

from tadmur.events.roles import from_actor, other_actor
from tadmur.triggers import TriggerMatch
from tadmur.where import PlaceMention
from tadmur.who import (
    ARMED_VICTIM_WORDS,
    CIVILIAN_WORDS,
    UNKNOWN_ARMED_WORDS,
    Actor,
    ActorMention,
)

LETHAL_TYPES = frozenset(
    {"Suicide bomb", "Air/drone strike", "Shelling/artillery/missile attack",
     "Remote explosive/landmine/IED", "Chemical weapon", "Grenade", "Armed clash"}
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
PEACEFUL_TAKEOVER = frozenset({"take", "hand", "transfer", "receive", "assume", "enter"})
REGAIN_LEMMAS = frozenset({"recapture", "retake", "regain", "liberate", "reclaim"})


TERRITORY_TYPES = frozenset(
    {"Government regains territory", "Non-state actor overtakes territory",
     "Non-violent transfer of territory"}
)  # fmt: skip


def territory_type(
    head: Any,
    objects: set[str],
    place: PlaceMention | None,
    actor1: Actor | None,
    actor2: Actor | None,
    by_token: dict[int, ActorMention],
    country: str | None = None,
) -> tuple[str, Actor | None, Actor | None]:
    """A territory verb ('seized', 'recaptured', 'took over'): what was taken, and who took
    it from whom, decide the sub-event type. The side the clause leaves out is looked for
    in the sentence first; returns the type and the two actors as completed. Where the
    place is not resolved, the article's `country` says whether the forces are at home."""
    sentence = head.sent
    where = place.place.country_code if place is not None and place.place is not None else None
    if actor2 is None:
        actor2 = from_actor(head, by_token, actor1)
    if objects & PEOPLE_WORDS:
        return "Abduction/forced disappearance", actor1, actor2  # "seized 276 schoolgirls"
    if objects & WEAPON_WORDS:
        return "Disrupted weapons use", actor1, actor2  # "seized a weapons cache"
    if actor1 is None and actor2 is not None:
        actor1 = other_actor(sentence, by_token, exclude=actor2)
    elif actor1 is None and actor2 is None and head.lemma_ in REGAIN_LEMMAS:
        # "Palmyra recaptured in victory against IS": retaken from the group named
        loser = other_actor(sentence, by_token, exclude=None)
        if loser is not None and not loser.is_state:
            actor2 = loser
    # A state's forces at home regain territory; foreign forces, like rebels, overtake it.
    where = where or country
    home = actor1 is not None and actor1.is_state and actor1.country in {None, where}
    state = home or (actor1 is None and actor2 is not None and not actor2.is_state)
    foreign_loser = (
        actor2 is not None
        and (actor2.is_state or actor2.inter == 8)
        and actor2.country not in {None, where}
    )
    if actor1 is None and (actor2 is None or foreign_loser) and head.lemma_ in REGAIN_LEMMAS:
        # "FARDC regained control of the hill", "the village was liberated from Russian
        # forces": taking back, or from foreign forces, is the state's act
        state = True
    sub = "Government regains territory" if state else "Non-state actor overtakes territory"
    if (
        actor1 is not None
        and actor2 is not None
        and (actor1.is_state or actor1.inter == 8)
        and (actor2.is_state or actor2.inter == 8)
        and head.lemma_ in PEACEFUL_TAKEOVER
    ):
        sub = "Non-violent transfer of territory"  # "took over the base from French troops"
    return sub, actor1, actor2


def kill_type(
    head: Any, verb: Any, trigger_tokens: dict[int, TriggerMatch], match: TriggerMatch
) -> str | None:
    """Killings: caused by another trigger -> no event of their own; else by victim type."""
    parent = trigger_tokens.get(head.head.i)
    if (
        head.dep_ in {"advcl", "xcomp", "conj", "acl"}
        and parent is not None
        and parent is not match
        and parent.rule.sub_event_type in LETHAL_TYPES
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
                    and (other.rule.sub_event_type in LETHAL_TYPES or other.rule.family == "attack")
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


def armed_agent(head: Any) -> bool:
    """Does the killing name who did it ('gunmen killed', 'were killed by militants')?"""
    for child in head.children:
        if child.dep_ in {"nsubj", "agent"}:
            words = {t.lower_ for t in child.subtree}
            if words & (UNKNOWN_ARMED_WORDS | GROUP_ARMED):
                return True
    return False


def attack_type(head: Any, objects: set[str], sentence_lemmas: set[str]) -> str:
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


_STATE = (
    r"(?:police|policemen|security (?:forces|agents|personnel)|soldiers|troops|officers|"
    r"army|military|gendarmes?|riot police|guards)"
)
DEMONSTRATORS_VIOLENT = re.compile(
    r"(?:threw|throw|throwing|hurled|hurling|pelted|pelting)\s+(?:\w+\s+){0,3}"
    r"(?:stones|rocks|bottles|petrol bombs|molotov|objects|projectiles|missiles)|"
    r"\bston(?:ed|ing)\b|set (?:fire|ablaze)|\btorch(?:ed|ing)\b|"
    r"\bburn(?:t|ed|ing)?\s+(?:\w+\s+){0,2}(?:tyres|tires|vehicles?|cars?|buses|buildings?|"
    r"police|property|houses|shops|offices?)|bonfires?|vandali[sz]|ransack|\bloot(?:ed|ing)\b|"
    r"rampage|running battles?|\bclash(?:ed|es)? with (?:the )?(?:police|security|officers|"
    r"counter|rival)|\bfought\b|\bsmash(?:ed|ing)\b|damag(?:ed|ing)\s+(?:\w+\s+){0,2}"
    r"(?:property|vehicles?|shops?|cars?|buildings?)|"
    r"(?<!anti-)\briot(?:ed|ing|s|ous)?\b(?!\s+(?:police|squad|gear|control|unit|officers))|"
    r"\bviolently\b|(?:turned|became|turn) violent|violent (?:protests?|demonstrations?|"
    r"clash(?:es)?|riots?)|\blit (?:\w+ )?(?:fires?|bonfires?)|set (?:\w+ ){1,2}(?:on fire|alight)|"
    r"broke (?:\w+ ){0,3}windows|property damage|beat up|demolish|chaotic|"
    r"(?:vehicles?|cars?|houses|shops|buildings?|tyres|tires|offices?) (?:were |was )?"
    r"(?:\w+ )?(?:burnt|burned|torched|damaged|destroyed|vandali[sz]ed)",
    re.IGNORECASE,
)
"""Demonstrators' own violence: ACLED codes the demonstration as a violent one, whatever
the police did."""
STATE_LETHAL_FORCE = re.compile(
    r"live (?:ammunition|fire|rounds|bullets)|opened fire|open fire|fired (?:at|on|into) "
    r"(?:the )?(?:crowd|protesters|demonstrators)|shot dead|"
    r"\bshoot(?:s|ing)?\s+(?:\w+\s+){0,2}(?:protesters?|demonstrators?|crowds?)|"
    rf"(?:shot|killed|wounded|seriously injured|critically injured|hospitali[sz]ed)\b[^.]{{0,40}}"
    rf"\bby (?:the )?{_STATE}|"
    r"(?:killed|killing|kill|shot|shooting)\s+(?:\w+\s+){0,3}(?:protesters|demonstrators)|"
    r"(?:protesters?|demonstrators?|students?|people|persons|youths?)\s+(?:were|was)\s+"
    r"(?:shot|killed)|(?:protesters?|demonstrators?) (?:\w+ )?(?:died|killed)",
    re.IGNORECASE,
)
"""State forces killing or gravely hurting protesters (ACLED: excessive force)."""
INTERVENTION = re.compile(
    r"tear ?gas|water cannon|dispers|broke up|break up|\barrest|detain|baton|rubber bullets|"
    r"\bbeat|clashed with police|pepper spray|stun grenade|in(?:to)? the air|"
    r"interven(?:e|ed|es|ing)\b|"
    r"forcibly (?:removed|evicted)|prevented (?:them|the|protesters|demonstrators)|"
    r"\bstopped (?:a |the )?(?:\w+ )?(?:demonstration|protest|march|rally|procession|"
    r"protesters|demonstrators)|(?:were|was) (?:\w+ )?stopped from",
    re.IGNORECASE,
)
"""Force short of the lethal, arrests or dispersal (ACLED: protest with intervention)."""


def protest_type(text: str) -> tuple[str, bool]:
    """A demonstration's type from how its paragraph tells it, with ACLED's order:
    demonstrators' violence makes it a violent demonstration; else state forces killing or
    gravely hurting protesters, excessive force; else tear gas, arrests or dispersal, a
    protest with intervention; else a peaceful protest. The flag says whether a cue
    decided it (a peaceful protest is only the absence of cues)."""
    if DEMONSTRATORS_VIOLENT.search(text):
        return "Violent demonstration", True
    if STATE_LETHAL_FORCE.search(text):
        return "Excessive force against protesters", True
    if INTERVENTION.search(text):
        return "Protest with intervention", True
    return "Peaceful protest", False


DISAPPEARED = re.compile(
    r"whereabouts|disappear|incommunicado|(?:unknown|undisclosed|secret) (?:location|place)",
    re.IGNORECASE,
)
ARREST_VIOLENCE = re.compile(
    r"\b(?:beat|beaten|beating|tortur\w*|kicked|whipped|flogged|brutali[sz]\w*)",
    re.IGNORECASE,
)
_DEMONSTRATION = re.compile(r"protest|demonstrat|\brall(?:y|ies)\b|\bmarch", re.IGNORECASE)


def arrest_type(text: str) -> str:
    """An arrest as ACLED codes it from its paragraph: a detainee who vanishes is a forced
    disappearance; one beaten or tortured, an attack; else an arrest. Arrests at a
    demonstration stay arrests: they are its intervention (`within`)."""
    if _DEMONSTRATION.search(text):
        return "Arrests"
    if DISAPPEARED.search(text):
        return "Abduction/forced disappearance"
    if ARREST_VIOLENCE.search(text):
        return "Attack"
    return "Arrests"


NON_VIOLENT = re.compile(
    r"without (?:a |any )?(?:fight|fighting|resistance|confrontation|clash(?:es)?|violence|"
    r"bloodshed|a shot)|no (?:violence|fighting|clashes|resistance|casualties) "
    r"(?:was |were )?reported|(?:violence|fighting|clashes|resistance) (?:was|were) not "
    r"reported|unopposed|peacefully|no information on whether fighting|"
    r"(?:had )?(?:fled|withdrawn|withdrew|retreated|abandoned)\b[^.]{0,60}\b(?:before|prior)",
    re.IGNORECASE,
)
"""A change of control told as happening without fighting (ACLED: non-violent transfer)."""

CROWD_LEMMAS = frozenset(
    {"resident", "villager", "youth", "student", "mob", "crowd", "supporter", "local",
     "colleague", "trader", "vigilante", "passer-by", "neighbour", "neighbor", "worker",
     "rioter", "community", "member", "people", "relative", "pupil", "fan"}
)  # fmt: skip
"""Who commits mob violence: people, not an armed group or a state's forces."""


def crowd_attack(head: Any) -> bool:
    """'Residents attacked and killed a suspected robber', 'killed by a band of vigilantes':
    violence by a crowd, which ACLED codes as mob violence, not as an attack."""
    for child in head.children:
        if child.dep_ in {"nsubj", "agent"}:
            words = {t.lemma_.casefold() for t in child.subtree}
            if words & CROWD_LEMMAS and not words & (UNKNOWN_ARMED_WORDS | GROUP_ARMED):
                return True
    return False
