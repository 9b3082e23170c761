"""Where an event happened: the place of one trigger's clause, the article's focus city
when the clause names none, and places coordinated with it.

A place in the trigger's own clause wins over one elsewhere in the sentence, a city over
a province over a country; destinations ("fled to Turkey") are not where the event
happened. A region that contains the article's focus city yields that city with
precision 2. Placing is separate from dating and roles because it reads only the
resolved places (`tadmur.where`), never actors or dates.
"""

from __future__ import annotations

import re
from collections import Counter
from typing import Any

from tadmur.events.draft import paragraph_bounds
from tadmur.where import PlaceMention

_DESTINATION_PREPS = frozenset({"to", "towards", "toward", "into"})
_JOURNEYS = frozenset(
    {"travel", "come", "return", "drive", "fly", "move", "arrive", "head", "walk", "journey",
     "commute", "relocate", "transfer"}
)  # fmt: skip
"""Where a journey began is not where what happened at its end happened."""


LEAD_WEIGHT = 3


def focus_place(
    places: list[PlaceMention], country: str | None = None, lead_end: int = 0
) -> PlaceMention | None:
    """The city the article is most about: the most mentioned resolved city of the article's
    `country` (Moscow, where a statement on Idlib was made, is not where Idlib's events are),
    a mention in its lead (the text before `lead_end`) counting as LEAD_WEIGHT: a lead says
    where the news is, later paragraphs where else things are."""
    cities = [
        m
        for m in places
        if m.place is not None
        and m.place.kind == "city"
        and not m.secondary
        and (country is None or m.place.country_code == country)
    ]
    if not cities:
        return None
    counts: Counter[int | None] = Counter()
    for m in cities:
        if m.place is not None:
            counts[m.place.geonameid] += LEAD_WEIGHT if m.start < lead_end else 1
    best = max(
        counts,
        key=lambda gid: (
            counts[gid],
            -min(m.start for m in cities if m.place and m.place.geonameid == gid),
        ),
    )
    return next(m for m in cities if m.place and m.place.geonameid == best)


_CODED_TO = re.compile(r"\bcoded\s+(?:to|at|as)\s+(?:the\s+)?(?:nearby\s+)?(?:\w+\s+){0,2}?$", re.I)
"""A coder's note of where an event is placed: "[coded to Zaranj]", "coded to nearby Masambo"."""


def location(
    doc: Any,
    head: Any,
    verb: Any,
    sub: str,
    places: list[PlaceMention],
    focus: PlaceMention | None,
) -> tuple[PlaceMention | None, bool]:
    sentence = head.sent
    coded = _coded_to(doc.text, sentence, places)
    if coded is not None:
        return coded, True
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
        if _owns_an_actor(tok, m) or _acts(tok, m):
            continue
        chain = _up_to(tok, verb)
        preps = [a for a in chain if a.dep_ == "prep"][:1]
        if preps and preps[0].lower_ in _DESTINATION_PREPS:
            continue
        below_way = next((chain[:k] for k, a in enumerate(chain) if a.lower_ == "way"), [])
        if any(a.dep_ == "prep" and a.lower_ in _DESTINATION_PREPS for a in below_way):
            continue  # "kidnapped on their way to the French Village in Badagry"
        if preps and preps[0].lower_ == "from" and preps[0].head.lemma_ in _JOURNEYS:
            continue  # "Khan, who travelled from Lahore to Islamabad, was arrested"
        if sub == "Displacement" and preps and preps[0].lower_ in {"to", "towards"}:
            continue
        in_clause = m.qualified or verb.i == tok.i or verb in tok.ancestors or head in tok.ancestors
        kind = {"city": 0, "admin1": 1, "country": 2}[m.place.kind] if m.place else 3
        allowed.append((not in_clause, kind, (not m.qualified, abs(tok.i - head.i)), m))
    if any(not x[3].secondary for x in allowed):
        # "in Budalin township (Monywa district, Sagaing region)": the bracket says where
        # Budalin is; the event is in Budalin
        allowed = [x for x in allowed if not x[3].secondary]
        allowed.sort(key=lambda x: (x[0], x[1], x[2]))
    else:  # only a bracket's names: the first, finest one ("(Pauk township, Pakokku district)")
        allowed.sort(key=lambda x: (x[1] == 2, x[3].start))
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
                focus.candidates, focus.seat, focus.site,
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


_ACTOR_NOUNS = frozenset(
    {"army", "force", "military", "government", "police", "troop", "soldier", "president",
     "minister", "ministry", "official", "authority", "leader", "navy", "junta", "regime",
     "embassy", "envoy", "spokesman", "spokesperson", "parliament"}
)  # fmt: skip


def _owns_an_actor(token: Any, mention: PlaceMention) -> bool:
    """'South Sudan's army', 'Iraq's prime minister': a country or province that owns an
    actor says whose the actor is, not where the event happened."""
    if mention.place is None or mention.place.kind == "city":
        return False
    if token.dep_ == "compound" and token.head.dep_ == "poss":
        token = token.head
    return token.dep_ == "poss" and token.head.lemma_.casefold() in _ACTOR_NOUNS


def _up_to(token: Any, verb: Any) -> list[Any]:
    """The words above `token`, nearest first, up to the event's verb."""
    out = []
    for ancestor in token.ancestors:
        if ancestor.i == verb.i:
            break
        out.append(ancestor)
    return out


def _acts(token: Any, mention: PlaceMention) -> bool:
    """'prompting Russia to accuse Turkey': a country that acts or is acted on is its
    government, not a place."""
    if mention.place is None or mention.place.kind != "country":
        return False
    return token.dep_ in {"nsubj", "nsubjpass", "dobj", "dative", "agent"}


def _coded_to(text: str, sentence: Any, places: list[PlaceMention]) -> PlaceMention | None:
    """The place the paragraph says its event is coded to, if it says so."""
    start, end = paragraph_bounds(text, sentence.start_char, sentence.end_char)
    for m in places:
        inside = start <= m.start < end and m.place is not None
        if inside and _CODED_TO.search(text[max(start, m.start - 40) : m.start]):
            return m
    return None


def coordinated(doc: Any, best: PlaceMention, places: list[PlaceMention]) -> list[PlaceMention]:
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
