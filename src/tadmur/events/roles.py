"""Who did it to whom: actor1, actor2 and assoc_actor_1 of one trigger, from the dependency
parse.

The subject (or the agent of a passive) is actor1, the object or the 'against/with/on'
complement actor2, 'alongside' or 'in coordination with' an associated actor; a noun
trigger takes its modifiers ("Russian air strikes") and 'between A and B'; pronouns and
"the group" go back to the latest actor named. Roles are read the same way whatever the
event type, so this reading is kept apart from the decisions that use it.
"""

from __future__ import annotations

import re
from typing import Any

from tadmur.events.draft import Context, Draft, paragraph_bounds
from tadmur.where import load_place_lexicon
from tadmur.who import (
    GROUP_WORDS,
    UNKNOWN_ARMED_WORDS,
    Actor,
    ActorDictionary,
    ActorMention,
)


def _actor_in(tokens: Any, by_token: dict[int, ActorMention]) -> Actor | None:
    for token in tokens:
        mention = by_token.get(token.i)
        if mention is not None:
            return mention.actor
    return None


def roles(
    doc: Any,
    head: Any,
    verb: Any,
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
        elif child.dep_ in {"nsubjpass", "dobj", "attr"}:
            actor2 = actor2 or _actor_in(child.subtree, by_token)
        elif child.dep_ in {"advcl", "xcomp", "acl"} and child.lemma_ in {"target", "hit"}:
            # "detonated an IED targeting a police convoy"
            for grandchild in child.children:
                if grandchild.dep_ == "dobj":
                    actor2 = actor2 or _actor_in(grandchild.subtree, by_token)
        elif child.dep_ == "prep" and child.lower_ in {
            "from", "against", "with", "on", "between", "at"
        }:  # fmt: skip
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
        if head.dep_ in {"dobj", "pobj"} and subject is not None and actor1 is None:
            # "launched an offensive", "engaged in an offensive": the verb's subject acts
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


def from_actor(head: Any, by_token: dict[int, ActorMention], actor1: Actor | None) -> Actor | None:
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
        subjects = [c for c in current.children if c.dep_ in {"nsubj", "csubj"}]
        if subjects:
            # "Movement of forces: ... Houthi forces deployed": a label before a colon is
            # parsed as a second subject; the one nearest the verb is the actor
            before = [c for c in subjects if c.i < current.i]
            return max(before, key=lambda c: c.i) if before else subjects[0]
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


def other_actor(
    sentence: Any, by_token: dict[int, ActorMention], exclude: Actor | None
) -> Actor | None:
    for token in sentence:
        mention = by_token.get(token.i)
        if mention is not None and (exclude is None or mention.actor.name != exclude.name):
            return mention.actor
    return None


_PERPETRATED = frozenset(
    {"Attack", "Abduction/forced disappearance", "Remote explosive/landmine/IED", "Grenade",
     "Sexual violence", "Looting/property destruction", "Suicide bomb", "Armed clash",
     "Shelling/artillery/missile attack"}
)  # fmt: skip
"""Violence whose perpetrator ACLED names from anywhere in its note."""


def _paragraph_mentions(doc: Any, draft: Draft, ctx: Context) -> list[ActorMention]:
    """The actors named in the paragraph of a draft's first evidence, in text order."""
    start, end = paragraph_bounds(doc.text, draft.evidence[0][0])
    return [m for m in sorted(ctx.actors, key=lambda m: m.start) if start <= doc[m.start].idx < end]


_MET_CROWDS = frozenset(
    {"Protest with intervention", "Excessive force against protesters", "Violent demonstration"}
)


def crowd_opponent(doc: Any, draft: Draft, ctx: Context) -> Actor | None:
    """'Students riot ... Police fired tear gas': the forces a paragraph says met a crowd
    are its second actor (ACLED), wherever in the paragraph they are named."""
    if draft.sub_event_type not in _MET_CROWDS or draft.actor2 is not None or draft.head < 0:
        return None
    if draft.actor1 is not None and draft.actor1.is_state:
        return None  # the crowd's actor is made later; the named forces become actor2
    for mention in _paragraph_mentions(doc, draft, ctx):
        if mention.actor.is_state:
            return mention.actor
    return None


def suspected_group(doc: Any, draft: Draft, ctx: Context, actors: ActorDictionary) -> Actor | None:
    """'Gunmen hurled explosives ... Perpetrators believed to be al Shabaab', 'Al Shabaab
    suspected': ACLED codes the armed group a note names, suspected or not, where the
    clause of the event names none. The first non-state armed group of the paragraph that
    is not the event's target."""
    if draft.sub_event_type not in _PERPETRATED or draft.head < 0:
        return None
    if draft.actor1 is not None and not draft.actor1.name.startswith("Unidentified Armed Group"):
        return None
    target = draft.actor2.name if draft.actor2 is not None else None
    for mention in _paragraph_mentions(doc, draft, ctx):
        actor = mention.actor
        if actor.is_state or actor.inter not in {2, 3, 4}:
            continue
        if actors.dated(actor, draft.first).is_state:
            continue  # the Taliban since 2021
        if actor.name == target or actor.name.startswith("Unidentified"):
            continue
        return actor
    return None


_WEAPONS = frozenset(
    {"drone", "drones", "missile", "missiles", "mine", "mines", "rocket", "rockets", "aircraft",
     "helicopter", "helicopters", "jet", "jets", "warplane", "plane", "uav", "shell", "shells"}
)  # fmt: skip
_EXPLOSIVES = re.compile(r"\b(?:IEDs?|bombs?|explosives?|mines?|landmines?|grenades?|devices?)\b")


def weapon_owner(doc: Any, draft: Draft, ctx: Context, actors: ActorDictionary) -> Actor | None:
    """Whose weapon was shot down or defused (ACLED's second actor of 'Disrupted weapons
    use'): the country of "a Russian drone", the group that planted it, else for a bomb
    nobody claims the unidentified armed group of the event's country."""
    if draft.sub_event_type != "Disrupted weapons use" or draft.actor2 is not None:
        return None
    start, end = paragraph_bounds(doc.text, draft.evidence[0][0])
    own = draft.actor1.country if draft.actor1 is not None else None
    demonyms = load_place_lexicon().demonyms
    for token in doc:
        if not start <= token.idx < end:
            continue
        cc = demonyms.get(token.text)
        later = doc[token.i + 1 : token.i + 4]
        if cc and cc != own and any(t.lower_ in _WEAPONS for t in later):
            return actors.state_forces("Military Forces of", cc)
    for mention in _paragraph_mentions(doc, draft, ctx):
        actor = mention.actor
        if actor.inter in {2, 3, 4, 8} and (
            draft.actor1 is None or actor.name != draft.actor1.name
        ):
            return actor
    place = draft.place.place if draft.place is not None else None
    country = place.country_code if place is not None else ctx.country
    if country and _EXPLOSIVES.search(doc.text[start:end]):
        return actors.fallback("Unidentified Armed Group", country)
    return None


REMOTE = frozenset(
    {"Remote explosive/landmine/IED", "Air/drone strike", "Shelling/artillery/missile attack"}
)
_CIVILIAN_VICTIMS = re.compile(
    r"\b(?:civilians?|people|residents|passengers|children|women|villagers|persons?|"
    r"worshippers|traders|farmers|students|famil(?:y|ies)|pedestrians|shoppers|motorists|"
    r"herders|man|woman|boys?|girls?|child|kids?|inhabitants|forester|workers?)\b",
    re.I,
)


def remote_target(doc: Any, draft: Draft, ctx: Context, actors: ActorDictionary) -> Actor | None:
    """Whom a strike, a shelling or a bomb hit when its clause does not say: in the event's
    sentence, then in its paragraph, an armed actor named beside the attacker (a group
    before a state's forces, which are as often the attacker's allies, and no state's
    forces when the attacker is unknown: they may be it), else the civilians of the
    event's country when people were hit ('One person died')."""
    if draft.sub_event_type not in REMOTE or draft.actor2 is not None or draft.head < 0:
        return None
    attacker = draft.actor1
    place = draft.place.place if draft.place is not None else None
    country = place.country_code if place is not None else ctx.country
    sentence = draft.evidence[0]
    paragraph = paragraph_bounds(doc.text, sentence[0])
    mentions = _paragraph_mentions(doc, draft, ctx)
    for start, end in (sentence, paragraph):
        named = [
            m.actor
            for m in mentions
            if start <= doc[m.start].idx < end
            and m.actor.inter in {1, 2, 3, 4, 8}
            and not m.actor.name.startswith("Unidentified")
            and not (attacker is None and m.actor.is_state)
            and not (
                attacker is not None
                and (m.actor.name == attacker.name or m.actor.country == attacker.country)
            )
        ]
        if named:
            return sorted(named, key=lambda a: a.is_state)[0]
        if country and _CIVILIAN_VICTIMS.search(doc.text[start:end]):
            return actors.fallback("Civilians", country)
    return None


def planter(doc: Any, draft: Draft, ctx: Context) -> Actor | None:
    """'an IED planted by JNIM militants', 'a mine planted by Russian forces': ACLED's first
    actor of a bomb or mine is whoever planted it, whoever stepped on it."""
    if draft.sub_event_type != "Remote explosive/landmine/IED" or draft.head < 0:
        return None
    start, end = paragraph_bounds(doc.text, draft.evidence[0][0])
    for found in re.finditer(r"\b(?:planted|laid|placed|left)\s+by\b", doc.text[start:end]):
        at = start + found.end()
        for mention in sorted(ctx.actors, key=lambda m: m.start):
            begins = doc[mention.start].idx
            if at <= begins <= at + 40:
                return mention.actor
    return None


_FOUGHT = frozenset(
    {"Armed clash", "Government regains territory", "Non-state actor overtakes territory"}
)
_STILL = frozenset({"Change to group/activity", "Headquarters or base established"})


def second_side(doc: Any, draft: Draft, ctx: Context) -> Actor | None:
    """'Russian forces attacked near Avdiivka but were repulsed by Ukrainian forces': the
    other armed side a clash's sentence names, wherever the parser hung it."""
    if draft.sub_event_type not in _FOUGHT or draft.actor2 is not None or draft.actor1 is None:
        return None
    start, end = draft.evidence[0]
    for mention in sorted(ctx.actors, key=lambda m: m.start):
        actor = mention.actor
        if not start <= doc[mention.start].idx < end or actor.name == draft.actor1.name:
            continue
        if actor.inter in {1, 2, 3, 4, 8}:
            return actor
    return None


def passive_mover(draft: Draft) -> None:
    """'300 soldiers have been deployed': a movement's passive subject is who moved."""
    if draft.sub_event_type in _STILL and draft.actor1 is None and draft.actor2 is not None:
        draft.actor1, draft.actor2 = draft.actor2, None
