"""What an article tells beyond one sentence: the rules that read the whole article (its
lead, the day it dates, its demonstrations, its named weapons and actors) to decide about
one report in it. They hold for articles, texts of several paragraphs; a text of one
paragraph (a brief, an ACLED note) is one report, told as its writer chose, and the
callers leave it alone where ACLED's training rows said a rule would cost there.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable
from datetime import date, timedelta
from typing import Any

from tadmur.events.draft import Context, Draft
from tadmur.events.subtypes import PROTEST_TYPES
from tadmur.events.within import overlaps, place_key
from tadmur.when import MONTH_RE, PRECISION_MONTH, precision_of
from tadmur.who import Actor, ActorDictionary

_NAMED_WEAPONS = frozenset(
    {"Suicide bomb", "Air/drone strike", "Shelling/artillery/missile attack", "Grenade",
     "Chemical weapon"}
)  # fmt: skip
_BLAST_WORDS = frozenset({"explosion", "blast", "bombing"})


def blasts_of_named_weapons(drafts: list[Draft], doc: Any) -> None:
    """'the horror of the blast', 'died soon after the explosion': in an article whose
    explosions are a named weapon's (a suicide bomber, an air strike, shelling), a blast at
    its place and day that the text does not say was a planted device is that weapon's, not
    a bomb of its own."""
    named = [d for d in drafts if d.sub_event_type in _NAMED_WEAPONS and not d.support]
    if not named:
        return
    for d in drafts:
        if d.sub_event_type != "Remote explosive/landmine/IED" or d.head < 0:
            continue
        if doc[d.head].lemma_.casefold() not in _BLAST_WORDS:
            continue  # "a roadside bomb", "an IED": a planted device of its own
        same = [n for n in named if _same_scene(n, d)]
        if same:  # the explosion of the weapon named there that day
            nearest = min(same, key=lambda n: abs(n.order - d.order))
            d.sub_event_type, d.support = nearest.sub_event_type, True


def _same_scene(a: Draft, b: Draft) -> bool:
    """Two reports that may tell one event: dates that overlap, and the same place or one
    report without a place of its own."""
    places = place_key(a) == place_key(b) or not a.place_from_text or not b.place_from_text
    return places and overlaps(a, b)


_STATE_WEAPONS = frozenset({"Air/drone strike"})
_GROUP_WEAPONS = frozenset(
    {"Suicide bomb", "Remote explosive/landmine/IED", "Shelling/artillery/missile attack"}
)


def unnamed_hands(drafts: list[Draft], ctx: Context, actors: ActorDictionary) -> None:
    """Whose weapon an article's sentence leaves unsaid ("the air force targeted a
    motorcycle", "three suicide bombers drove their cars into the gate"): an air strike is
    the strike of the state forces the article names most; a bombing or shelling, of the
    armed group it names most; a suicide bombing of no group named, an unidentified armed
    group's. Only in articles: a note names its actors where it tells its event."""
    counts: Counter[str] = Counter(m.actor.name for m in ctx.actors)
    by_name = {m.actor.name: m.actor for m in ctx.actors}

    def most(wanted: Callable[[Actor], bool]) -> Actor | None:
        named = [n for n in sorted(counts) if wanted(by_name[n])]
        return by_name[max(named, key=lambda n: counts[n])] if named else None

    state = most(lambda a: a.is_state)
    group = most(_named_group)
    for d in drafts:
        if d.actor1 is not None or d.support:
            continue
        target = d.actor2.name if d.actor2 is not None else None
        if d.sub_event_type in _STATE_WEAPONS and state is not None and state.name != target:
            d.actor1 = state
        elif d.sub_event_type in _GROUP_WEAPONS and group is not None and group.name != target:
            d.actor1 = group
        elif d.sub_event_type == "Suicide bomb" and ctx.country:
            d.actor1 = actors.fallback("Unidentified Armed Group", ctx.country)


def lead_end(text: str) -> int:
    """Where an article's lead ends: after its title and first paragraph (0 for a text of
    one paragraph, which is all lead)."""
    lines = [m.end() for m in re.finditer(r"[^\n]+", text)]
    return lines[1] if len(lines) > 2 else 0


BACKGROUND_DAYS = 31


def background(draft: Draft, published: date | None, text: str) -> bool:
    """'protests broke out last October', 'in April, two brothers were beaten': an event an
    article dates only by its month, more than a month before the article, is its
    background, told by the articles of its day (measured on the real-news tuning half:
    none of the eight such events was coded by its coders); so is a month's tally."""
    if published is None or not draft.date_explicit or draft.first is None or draft.last is None:
        return False
    if precision_of(draft.first, draft.last) != PRECISION_MONTH:
        return False
    if (published - draft.last).days > BACKGROUND_DAYS:
        return True
    # "in September alone, 216 people were murdered": a month's tally, not an event
    return any(_MONTHS_TALLY.search(text[start:end]) for start, end in draft.evidence)


_MONTHS_TALLY = re.compile(
    rf"\b(?:in|during|for)\s+(?:the\s+month\s+of\s+)?(?:{MONTH_RE})\s+alone\b"
    r"|\bin total\b|\bso far\b|\ba total of\b",
    re.I,
)


NEWS_DAYS = 7
"""How far before publication the day an article's news happened may lie."""


def date_by_news_day(drafts: list[Draft], published: date | None) -> None:
    """An event the text does not date happened on the article's news day: the day of the
    first event it dates to one day, within a week before publication. Without one, the
    event keeps the day before publication to the day of publication."""
    if published is None:
        return
    dated = [
        d
        for d in drafts
        if d.date_explicit
        and d.first is not None
        and d.first == d.last
        and timedelta(0) <= published - d.first <= timedelta(days=NEWS_DAYS)
    ]
    if not dated:
        return
    first = min(dated, key=lambda d: d.evidence[0][0] if d.evidence else 0)
    for d in drafts:
        if not d.date_explicit and d.first is not None:
            d.first = d.last = first.first


_LYNCHING = re.compile(
    r"\blynch|\bto death\b|\baccused of\b|\bsuspected (?:of\b|thie|robber|kidnapper|witch)|"
    r"\b(?:thie(?:f|ves)|robbers?|witch(?:es|craft)?)\b",
    re.I,
)
"""A crowd punishing someone it accuses: mob violence wherever it happens."""


_DEMONSTRATIONS = PROTEST_TYPES | {"Violent demonstration"}


def riots_of_demonstrations(drafts: list[Draft], text: str) -> None:
    """ACLED's mob violence is a crowd's violence outside a demonstration: in an article of
    demonstrations, a crowd that riots on a day of demonstrations is demonstrating, unless
    it is lynching someone. (In a text of one paragraph, a brief or a coder's note, the
    crowd and the demonstration are one event, told as its coder chose: ACLED's training
    rows keep their mob violence.)"""
    demonstrations = [d for d in drafts if d.sub_event_type in _DEMONSTRATIONS]
    for d in drafts:
        if d.sub_event_type != "Mob violence" or not any(overlaps(o, d) for o in demonstrations):
            continue
        if not any(_LYNCHING.search(text[start:end]) for start, end in d.evidence):
            d.sub_event_type = "Violent demonstration"
    demonstrations = [d for d in drafts if d.sub_event_type in _DEMONSTRATIONS]
    for d in drafts:
        if d.sub_event_type not in _DEMONSTRATORS_DO or place_key(d) is None:
            continue
        if d.sub_event_type == "Armed clash" and any(_armed(a) for a in (d.actor1, d.actor2)):
            continue
        same = any(place_key(o) == place_key(d) and overlaps(o, d) for o in demonstrations)
        unowned = d.sub_event_type == "Looting/property destruction" and d.actor1 is None
        nearby = any(_same_province(o, d) and overlaps(o, d) for o in demonstrations)
        if same or (unowned and nearby):
            # "supporters torched vehicles in Faisalabad", "stray clashes broke out" where
            # the demonstration was that day, "the toll gate set ablaze" that day, in its
            # province, by no one named: the demonstrators' violence, not another event
            d.sub_event_type = "Violent demonstration"


_DEMONSTRATORS_DO = frozenset({"Looting/property destruction", "Armed clash"})


def _armed(actor: Actor | None) -> bool:
    """A rebel group, a militia or gunmen: a clash with them is a battle, not a riot."""
    return actor is not None and actor.inter in {2, 3, 4}


def _named_group(actor: Actor) -> bool:
    """An armed group the text names (not ACLED's unidentified one)."""
    return _armed(actor) and not actor.name.startswith("Unidentified")


def _same_province(a: Draft, b: Draft) -> bool:
    if a.place is None or b.place is None or a.place.place is None or b.place.place is None:
        return False
    pa, pb = a.place.place, b.place.place
    return pa.country_code == pb.country_code and pa.admin1_code == pb.admin1_code
