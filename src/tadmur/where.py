"""Toponyms in text, resolved to GeoNames places in the context of the whole article.

Recognition joins spaCy's GPE/LOC/FAC entities with a gazetteer phrase matcher (the small
English model tags "Palmyra" as a person and "Tadmur" as an organisation). Resolution
scores every candidate place of a name by population, the document's country focus
(demonyms, countries named, the dateline, places that are unambiguous), explicit
qualifiers ("Palmyra, New York", "Iraq's Anbar province") and proximity to the other
places of the article.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

import yaml

from tadmur.gazetteer import Gazetteer, Place, consonants, distance_km, fold_name

_ENTITY_LABELS = frozenset({"GPE", "LOC", "FAC"})
_BLOCKING_LABELS = frozenset({"PERSON", "ORG", "NORP", "WORK_OF_ART", "EVENT", "LAW", "PRODUCT"})
_ADMIN1_WORDS = frozenset(
    {"province", "governorate", "region", "state", "oblast", "county", "prefecture"}
)
_NOT_PLACE_AFTER = frozenset(
    {"river", "sea", "lake", "gulf", "mosque", "church", "stadium", "university", "hotel",
     "hospital", "dam", "mountains", "valley", "basin", "airlines", "times", "post", "club",
     "roundabout", "square", "bridge", "gate", "street", "road", "junction", "highway",
     "market", "fountain", "mills", "mill", "factory", "school", "college", "academy"}
)  # fmt: skip
_COMPOUND_ADJECTIVES = frozenset(
    {"based", "backed", "led", "born", "made", "funded", "supported", "allied", "aligned",
     "linked", "run", "held", "controlled", "headquartered"}
)  # fmt: skip
_PARENTHESIS = re.compile(
    r"^\s*(?:(?:village|town|city|township|district|area|municipality|county|sub-county|"
    r"neighbou?rhood|locality|community|kebele|woreda|commune|department|governorate|"
    r"province|region|state|tehsil|camp|corregimiento|groupement)\s*)?\((?P<inside>[^()]{2,120})\)",
    re.I,
)
"""ACLED's "Se Gyi village (Budalin township, Monywa district, Sagaing region)"."""
_ADMIN_WORDS = re.compile(
    r"\b(?:township|district|region|state|province|governorate|county|sub-county|"
    r"municipality|division|zone|department|oblast|raion|woreda|lga|tehsil)\b",
    re.I,
)
_LISTED_AFTER = frozenset(
    {
        "",
        "district",
        "region",
        "oblast",
        "province",
        "town",
        "city",
        "village",
        "township",
        "municipality",
        "county",
        "governorate",
        "state",
        "raion",
        "area",
    }
)
"""'Kryvyi Rih district, Dnipropetrovsk': what may stand between a place and the name of
its region after a comma."""
_LANDMARK_WORDS = frozenset(
    {
        "university",
        "stadium",
        "hospital",
        "market",
        "highway",
        "road",
        "school",
        "college",
        "junction",
        "airport",
        "prison",
        "barracks",
        "court",
        "mosque",
        "palace",
        "bridge",
        "station",
        "park",
        "square",
    }
)
"""Places named after a town: they say where the text is (its country, a fallback for
the event's place), never a second town."""
_DISTRICT_WORDS = frozenset(
    {"district", "neighbourhood", "neighborhood", "quarter", "suburb", "area", "camp"}
)
_NEAR = re.compile(
    r"(?:\bnear|\boutside|\boutskirts\s+of|\bclose\s+to|\baround|\bcountryside\s+of|"
    r"\bsuburbs?\s+of|\bperiphery\s+of|\bapproaches\s+to|\broad\s+(?:to|between)|"
    r"\b(?:north|south|east|west|northeast|northwest|southeast|southwest|north-east|north-west|"
    r"south-east|south-west)(?:ern)?\s+of|\b(?:km|kilometres|kilometers|miles)\s+"
    r"(?:\([^)]*\)\s+)?(?:\w+\s+){0,2}of)"
    r"\s+(?:the\s+)?(?:(?:town|city|village|port|capital|district)\s+of\s+)?$",
    re.I,
)


_SITE_WORDS = (
    r"citadel|castle|fortress|airport|air\s?base|military\s+base|base|ruins|museum|old\s+city|"
    r"district|neighbou?rhood|quarter|prison|hospital|mosque|university|stadium|port|dam|"
    r"refinery|oil\s+field|camp|market|outskirts"
)
_SITE_BEFORE = re.compile(rf"\b(?P<site>{_SITE_WORDS})\s+of\s+(?:the\s+)?(?:town\s+of\s+)?$", re.I)
_SITE_AFTER = re.compile(rf"^(?:'s|’s)?\s+(?:\w+\s+)?(?P<site>{_SITE_WORDS})\b", re.I)


def _site(text: str, start: int, end: int) -> str | None:
    """'the citadel of Palmyra', 'Palmyra citadel', "Aleppo's Salaheddine district"."""
    before = _SITE_BEFORE.search(text[max(0, start - 40) : start])
    if before:
        return re.sub(r"\s+", " ", before["site"].casefold())
    after = _SITE_AFTER.match(text[end : end + 40])
    if after:
        return re.sub(r"\s+", " ", after["site"].casefold())
    return None


def _names_landmark(doc: Any, after: int) -> bool:
    """Is the name ending before token `after` part of a landmark's name: "Maseno
    University", "the Eldoret-Malaba highway"?"""
    if after < len(doc) and doc[after].lower_ in _LANDMARK_WORDS:
        return True
    route = after + 2 < len(doc) and doc[after].text == "-" and not doc[after].whitespace_
    return route and doc[after + 2].lower_ in _LANDMARK_WORDS


def _name_like(span: Any) -> bool:
    """A multi-word span that could be one transliterated name: words, hyphens and
    in-word apostrophes only, not starting with an article."""
    if len(span) < 2 or span[0].lower_ in {"a", "an", "the"}:
        return False
    for token in span:
        if token.lower_ in {"'s", "’s"}:
            return False
        if not (token.is_alpha or token.text in {"-", "'", "’"} or token.text[1:].isalpha()):
            return False
    return True


@dataclass(frozen=True, slots=True)
class PlaceMention:
    """A toponym in the text and the place it resolves to (geonameid None if unresolved)."""

    text: str
    start: int
    end: int
    place: Place | None
    admin1: str | None
    geo_precision: int
    candidates: int
    seat: Place | None = None
    """For a province or country: the town an event located there is coded at."""
    site: str | None = None
    """A part of the place the text names ("the citadel of Palmyra" -> "citadel")."""
    qualifies: bool = False
    """Names the region of the place before it ("Cartagena (Bolivar)", "Mariupol,
    Donetsk"): it says where that place is, not where anything happened."""
    landmark: bool = False
    """Part of a landmark's name ("Maseno University", "Eldoret-Malaba highway")."""
    qualified: bool = False
    """Followed by the name of its region ("Recife (Pernambuco)", "Irapuato, Guanajuato"):
    how a note names the place of its event."""
    speaker: bool = False
    """Where someone spoke from ("said by phone from the capital, Juba", "told reporters in
    Kabul"): where the news was told, not where it happened."""

    @property
    def secondary(self) -> bool:
        """Where the text is rather than where its event is: chosen only when nothing else is."""
        return self.qualifies or self.landmark or self.speaker

    def to_dict(self) -> dict[str, object]:
        p = self.place
        return {
            "text": self.text,
            "start": self.start,
            "end": self.end,
            "geonameid": p.geonameid if p else None,
            "name": p.name if p else None,
            "country_code": p.country_code if p else None,
            "admin1": self.admin1,
            "latitude": round(p.latitude, 5) if p else None,
            "longitude": round(p.longitude, 5) if p else None,
            "geo_precision": self.geo_precision,
            "kind": p.kind if p else None,
        }


@dataclass(frozen=True, slots=True)
class PlaceLexicon:
    demonyms: dict[str, str]
    country_aliases: dict[str, str]
    admin1_aliases: dict[str, tuple[str, str]]
    never_alone: frozenset[str]
    context_only: frozenset[str]
    context_before: frozenset[str]


_FUNCTION_WORDS = frozenset({"", "the", "a", "an", "of", "in", "on", "and", "to"})


@cache
def load_place_lexicon() -> PlaceLexicon:
    raw = yaml.safe_load(resources.files("tadmur").joinpath("data/places.yaml").read_text("utf-8"))
    demonyms = {w: cc for cc, words in raw["demonyms"].items() for w in words}
    countries = {fold_name(w): cc for cc, words in raw["country_aliases"].items() for w in words}
    admin1: dict[str, tuple[str, str]] = {}
    for cc, regions in raw["admin1_aliases"].items():
        for name, aliases in regions.items():
            for alias in aliases:
                admin1[fold_name(alias)] = (cc, name)
    for key in [*countries, *admin1]:
        if key in _FUNCTION_WORDS:  # "the US" folds to "the" ("us" is an Arabic article)
            raise ValueError(f"places.yaml: an alias folds to the common word {key!r}")
    return PlaceLexicon(
        demonyms=demonyms,
        country_aliases=countries,
        admin1_aliases=admin1,
        never_alone=frozenset(w.casefold() for w in raw["never_alone"]),
        context_only=frozenset(w.casefold() for w in raw["context_only"]),
        context_before=frozenset(w.casefold() for w in raw["place_context_before"]),
    )


@dataclass(slots=True)
class _Mention:
    start: int  # token indices
    end: int
    text: str
    char_start: int
    char_end: int
    candidates: list[Place]
    from_entity: bool
    approximate: bool = False
    landmark: bool = False


class PlaceResolver:
    """Loads the gazetteer and lexicon once; `find` is then pure."""

    def __init__(self, gazetteer: Gazetteer, lexicon: PlaceLexicon | None = None) -> None:
        self.gazetteer = gazetteer
        self.lexicon = lexicon or load_place_lexicon()
        regions = gazetteer.regions()
        self._countries = {p.country_code: p for p in regions if p.kind == "country"}
        self._admin1 = {(p.country_code, p.name): p for p in regions if p.kind == "admin1"}

    # -- recognition ---------------------------------------------------------------------

    def _lookup(self, text: str) -> list[Place]:
        key = fold_name(text)
        found = list(self.gazetteer.candidates(text))
        cc = self.lexicon.country_aliases.get(key)
        if cc and cc in self._countries:
            found.append(self._countries[cc])
        alias = self.lexicon.admin1_aliases.get(key)
        if alias:
            region = self._admin1.get(alias)
            if region is not None and region not in found:
                found.append(region)
        return found

    def _is_known(self, text: str) -> bool:
        key = fold_name(text)
        return (
            self.gazetteer.has_name(key)
            or key in self.lexicon.country_aliases
            or key in self.lexicon.admin1_aliases
        )

    def _mentions(self, doc: Any, outside: frozenset[int] = frozenset()) -> list[_Mention]:
        blocked: dict[int, tuple[int, int]] = {i: (-1, -1) for i in outside}
        for ent in doc.ents:
            # "Barranquilla (Atlantico", "Novovorontsovka, Kherson": an entity across a
            # parenthesis or a comma is a misreading of "Town (Province)", not a name
            torn = any(t.text in {"(", ")", ","} for t in ent)
            # "Maseno University", "Eldoret-Malaba highway"
            named_for = ent[-1].lower_ in _LANDMARK_WORDS or _names_landmark(doc, ent.end)
            if ent.label_ in _BLOCKING_LABELS and len(ent) > 1 and not torn and not named_for:
                for i in range(ent.start, ent.end):
                    blocked.setdefault(i, (ent.start, ent.end))
        entity_spans = {(e.start, e.end): e for e in doc.ents if e.label_ in _ENTITY_LABELS}
        persons = {i for e in doc.ents if e.label_ == "PERSON" for i in range(e.start, e.end)}
        mentions: list[_Mention] = []
        max_words = min(self.gazetteer.max_words, 6)
        i = 0
        n_tokens = len(doc)
        while i < n_tokens:
            tok = doc[i]
            if not tok.text[:1].isupper():
                i += 1
                continue
            matched = False
            for n in range(min(max_words + 2, n_tokens - i), 0, -1):
                span = doc[i : i + n]
                last = span[-1]
                glued = n > 1 and not doc[i + n - 2].whitespace_
                if not re.search(r"[^\W\d_]", last.text) or not (last.text[:1].isupper() or glued):
                    continue
                if last.lower_ in {"'s", "’s"}:
                    continue  # "Mali's centre": the name is "Mali", never "Mali's"
                if any(j in blocked and blocked[j] != (i, i + n) for j in range(i, i + n)):
                    continue
                approximate = False
                if not self._is_known(span.text):
                    if not _name_like(span) or not self.gazetteer.approximate(span.text):
                        continue
                    approximate = True
                if n == 1 and not self._single_word_ok(doc, i, (i, i + 1) in entity_spans):
                    break
                landmark = not approximate and _names_landmark(doc, i + n)
                if self._not_a_place(doc, i, i + n) and not landmark:
                    if approximate:
                        continue  # "Eldoret-Malaba highway": try "Eldoret" alone
                    break
                found = (
                    self.gazetteer.approximate(span.text)
                    if approximate
                    else self._lookup(span.text)
                )
                if (
                    n == 1
                    and i in persons
                    and not any(consonants(p.name) == consonants(span.text) for p in found)
                ):
                    break  # "Khan" the man, not Wuhan by one of its other names
                mentions.append(
                    _Mention(i, i + n, span.text, span.start_char, span.end_char, found,
                             (i, i + n) in entity_spans, approximate, landmark)
                )  # fmt: skip
                i += n
                matched = True
                break
            if not matched:
                i += 1
        covered = {j for m in mentions for j in range(m.start, m.end)}
        for (start, end), ent in sorted(entity_spans.items()):
            if any(j in covered or j in outside for j in range(start, end)):
                continue
            span = ent
            if span[0].lower_ == "the":
                span = doc[start + 1 : end]
            if len(span) == 0 or span.text in self.lexicon.demonyms:
                continue
            if span.text.casefold() in self.lexicon.never_alone or self._not_a_place(
                doc, span.start, span.end
            ):
                continue
            if span[-1].lower_ in _DISTRICT_WORDS or (
                span.start >= 1 and doc[span.start - 1].text in {"'s", "’s"}
            ):
                continue  # a district or site of a place named before it
            mentions.append(
                _Mention(span.start, span.end, span.text, span.start_char, span.end_char, [], True)
            )
        mentions.sort(key=lambda m: m.start)
        return mentions

    def _single_word_ok(self, doc: Any, i: int, is_entity: bool) -> bool:
        tok = doc[i]
        word = tok.text.casefold()
        if word in self.lexicon.never_alone or tok.text in self.lexicon.demonyms:
            return False
        if tok.text.isupper() and len(tok.text) <= 5 and not is_entity:
            return False  # acronyms: UN, NATO
        in_context = i > 0 and doc[i - 1].lower_ in self.lexicon.context_before
        followed = i + 1 < len(doc) and doc[i + 1].lower_ in _ADMIN1_WORDS
        qualified = i + 2 < len(doc) and doc[i + 1].text == "," and doc[i + 2].text[:1].isupper()
        if word in self.lexicon.context_only:
            return followed or (in_context and (qualified or tok.pos_ == "PROPN"))
        if is_entity or tok.pos_ == "PROPN":
            return True
        return in_context or followed

    def _a_town(self, name: str) -> bool:
        """Whether a name is a town's and not a country's or a province's."""
        found = self._lookup(name)
        return any(p.kind == "city" for p in found) and not any(p.kind == "country" for p in found)

    def _not_a_place(self, doc: Any, start: int, end: int) -> bool:
        """Water bodies, buildings named after places, and districts of another place."""
        after = doc[end].lower_ if end < len(doc) else ""
        if after in _NOT_PLACE_AFTER:
            return True
        if after == "-" and end + 1 < len(doc) and doc[end + 1].lower_ in _COMPOUND_ADJECTIVES:
            return True  # "London-based", "Russian-backed"
        before = doc[max(0, start - 2) : start].text.casefold()
        if before in {"gulf of", "sea of", "bay of", "strait of", "lake of"}:
            return True
        if start >= 2 and doc[start - 1].lower_ == "of" and doc[start - 2].text in _ORG_HEADS:
            return True  # "the Popular Front for the Liberation of Palestine"
        part = _PART_OF.match(doc[end:].text[:80] if end < len(doc) else "")
        if part and self._a_town(part["town"]):
            return True  # "the San Carlos Plaza area of San Cristobal": a part of a town
        possessive = start >= 2 and doc[start - 1].text in {"'s", "’s"}
        return possessive and after in _DISTRICT_WORDS

    # -- resolution ----------------------------------------------------------------------

    def find(
        self,
        doc: Any,
        hint_countries: tuple[str, ...] = (),
        blocked: frozenset[int] = frozenset(),
        soft_hints: tuple[str, ...] = (),
    ) -> list[PlaceMention]:
        """Every toponym of a parsed document, resolved in the context of all of them;
        `blocked` tokens (names of actors) are not places. `hint_countries` (the dateline's)
        weigh like a named country, `soft_hints` (the countries of the actors named) like a
        demonym."""
        mentions = self._mentions(doc, blocked)
        focus: Counter[str] = Counter()
        for tok in doc:
            cc = self.lexicon.demonyms.get(tok.text)
            if cc:
                focus[cc] += 1
        for cc in hint_countries:
            focus[cc] += 3
        for cc in soft_hints:
            focus[cc] += 1
        by_places: Counter[str] = Counter()  # focus from the places alone, not demonyms
        for m in mentions:
            if m.approximate:
                continue  # a spelling matched by its consonants does not say the country
            countries = {p.country_code for p in m.candidates}
            if any(p.kind == "country" for p in m.candidates) and len(m.candidates) <= 2:
                countries = {p.country_code for p in m.candidates if p.kind == "country"}
                focus[next(iter(countries))] += 3
                by_places[next(iter(countries))] += 3
            elif len(countries) == 1:
                focus[next(iter(countries))] += 1
                by_places[next(iter(countries))] += 1
        # A spelling matched only by its consonants counts only in a country the text is about.
        for m in mentions:
            if m.approximate:
                m.candidates = [p for p in m.candidates if focus[p.country_code] > 0]
        # In an article about one country, a one-word name found only abroad (Boni, Mali ->
        # Bonn) is more likely a village the gazetteer lacks than a foreign city.
        total = sum(by_places.values())
        if total >= 3:
            _, weight = max(sorted(by_places.items()), key=lambda kv: kv[1])
            if weight / total >= 0.7:
                for m in mentions:
                    countries = {p.country_code for p in m.candidates}
                    single_word = " " not in m.text.strip() and "-" not in m.text
                    if (
                        single_word
                        and countries
                        and not any(focus[c] for c in countries)
                        and not any(p.kind == "country" for p in m.candidates)
                        and not m.from_entity
                    ):
                        m.candidates = []
        text = doc.text
        named = frozenset(fold_name(m.text) for m in mentions)
        chosen: list[Place | None] = [self._best(doc, m, focus, [], text, named) for m in mentions]
        # Second pass: proximity to the places chosen for the other mentions.
        final: list[Place | None] = []
        for m in mentions:
            others = [
                p
                for j, p in enumerate(chosen)
                if p is not None and p.kind == "city" and mentions[j].text != m.text
            ]
            final.append(self._best(doc, m, focus, others, text, named))
        qualifying, confirmed = self._qualifying(doc, mentions, final)
        out: list[PlaceMention] = []
        for index, (m, place) in enumerate(zip(mentions, final, strict=True)):
            precision = self._precision(doc, m, place, text)
            admin1 = self.gazetteer.admin1_name(place) if place else None
            seat = self.gazetteer.seat(place) if place is not None else None
            out.append(
                PlaceMention(m.text, m.char_start, m.char_end, place, admin1, precision,
                             len(m.candidates), seat, _site(text, m.char_start, m.char_end),
                             index in qualifying, m.landmark, index in confirmed,
                             _speaker_place(text, m.char_start))
            )  # fmt: skip
        return out

    def _qualifying(
        self, doc: Any, mentions: list[_Mention], places: list[Place | None]
    ) -> tuple[set[int], set[int]]:
        """The mentions that name the region of the place before them (inside the
        parenthesis right after it, or after a comma when they are its region's name), and
        the places whose region is so confirmed: "in Recife (Pernambuco)", "in Irapuato,
        Guanajuato", the way ACLED's notes name an event's place."""
        text = doc.text
        out: set[int] = set()
        confirmed: set[int] = set()
        for i, m in enumerate(mentions):
            place = places[i]
            if place is None or i in out:
                continue
            brackets = _PARENTHESIS.match(text[m.char_end : m.char_end + 160])
            if brackets is not None:
                start = m.char_end + brackets.start("inside")
                end = m.char_end + brackets.end("inside")
                out |= {j for j, o in enumerate(mentions) if start <= o.char_start < end}
                # ACLED's spellings of regions differ from GeoNames' ("Sagaing" / "Sagain"):
                # the first five letters decide
                heads = {n[:5] for n in self._names_of(place) if len(n) >= 4}
                if any(n[:5] in heads for n in self._bracketed(doc, m) if len(n) >= 4):
                    confirmed.add(i)
                continue
            if i + 1 < len(mentions):
                nxt = mentions[i + 1]
                between = text[m.char_end : nxt.char_start]
                descriptor = between.strip().removesuffix(",").strip().casefold()
                listed = between.strip().endswith(",") and descriptor in _LISTED_AFTER
                if listed and fold_name(nxt.text) in self._names_of(place):
                    out.add(i + 1)
                    confirmed.add(i)
        return out, confirmed

    def _best(
        self,
        doc: Any,
        m: _Mention,
        focus: Counter[str],
        others: list[Place],
        text: str,
        named: frozenset[str] = frozenset(),
    ) -> Place | None:
        """The candidate the context favours; `named` holds the folded names of every place
        the text mentions: a town of a province the article names is the one meant
        ("Daglica" beside "Hakkari" is Hakkari's Dağlıca, not Sirnak's)."""
        if not m.candidates:
            return None
        total_focus = sum(focus.values()) or 1
        next_word = doc[m.end].lower_ if m.end < len(doc) else ""
        qualifier = self._qualifier(doc, m)
        bracketed = self._bracketed(doc, m)
        possessor = self._possessor(doc, m)
        own = fold_name(m.text)

        def score(p: Place) -> tuple[float, int]:
            s = math.log10(p.population + 10) / 2.0
            s += 4.0 * focus[p.country_code] / total_focus
            if p.kind == "country":
                s += -3.0 if next_word in _ADMIN1_WORDS else 3.0
            if p.kind == "admin1":
                s += 3.0 if next_word in _ADMIN1_WORDS else -1.0
            elif next_word in _ADMIN1_WORDS and p.kind == "city":
                s -= 0.5
            if (qualifier and qualifier in self._names_of(p)) or bracketed & self._names_of(p):
                s += 8.0
            if possessor and possessor in self._names_of(p):
                s += 6.0
            if fold_name(p.name) == fold_name(m.text):
                s += 0.3
            if p.kind == "city":
                region = self.gazetteer.admin1_name(p)
                if region and fold_name(region) in named and fold_name(region) != own:
                    s += 1.5
            if others and p.kind == "city":
                nearest = min(
                    distance_km(p.latitude, p.longitude, o.latitude, o.longitude) for o in others
                )
                if nearest < 150:
                    s += 1.5
                elif nearest > 1500:
                    s -= 0.5
            return (s, -(p.geonameid or 0))

        return max(m.candidates, key=score)

    def _names_of(self, p: Place) -> set[str]:
        """Folded names of the region and country a place lies in."""
        names = set()
        admin1 = self.gazetteer.admin1_name(p)
        if admin1:
            names.add(fold_name(admin1))
        if p.country_code == "US" and p.admin1_code:
            names.add(p.admin1_code.casefold())
        country = self.gazetteer.country_name(p.country_code)
        if country:
            names.add(fold_name(country))
        for alias, cc in self.lexicon.country_aliases.items():
            if cc == p.country_code:
                names.add(alias)
        for alias, (cc, region) in self.lexicon.admin1_aliases.items():
            if cc == p.country_code and admin1 and fold_name(region) == fold_name(admin1):
                names.add(alias)
        return names

    @staticmethod
    def _bracketed(doc: Any, m: _Mention) -> set[str]:
        """'Cartagena (Bolivar)', 'Se Gyi village (Budalin township, Sagaing region)': the
        folded names in the parenthesis after a place, without their administrative words."""
        found = _PARENTHESIS.match(doc.text[m.char_end : m.char_end + 160])
        if found is None:
            return set()
        names = set()
        for part in re.split(r"[,;]", found["inside"]):
            name = _ADMIN_WORDS.sub(" ", part)
            name = re.sub(r"\s+", " ", name).strip()
            if name:
                names.add(fold_name(name))
        return names

    @staticmethod
    def _qualifier(doc: Any, m: _Mention) -> str | None:
        """'Palmyra, New York' -> 'new york'."""
        if m.end + 1 < len(doc) and doc[m.end].text == ",":
            words = []
            for tok in doc[m.end + 1 : m.end + 4]:
                if not tok.text[:1].isupper():
                    break
                words.append(tok.text)
            if words:
                return fold_name(" ".join(words).replace(".", ""))
        return None

    @staticmethod
    def _possessor(doc: Any, m: _Mention) -> str | None:
        """ "Iraq's Anbar province" -> 'iraq'."""
        if m.start >= 2 and doc[m.start - 1].text in {"'s", "’s"}:
            j = m.start - 2
            words = [doc[j].text]
            while j > 0 and doc[j - 1].text[:1].isupper() and j > m.start - 4:
                j -= 1
                words.insert(0, doc[j].text)
            return fold_name(" ".join(words))
        return None

    @staticmethod
    def _precision(doc: Any, m: _Mention, place: Place | None, text: str) -> int:
        if place is None or place.kind in {"admin1", "country"}:
            return 3
        before = text[max(0, m.char_start - 60) : m.char_start]
        return 2 if _NEAR.search(before) else 1


_PART_OF = re.compile(
    r"(?:[A-Z]\w+\s+){0,2}(?:area|neighbou?rhood|quarter|suburb|section)s?\s+"
    r"of\s+(?:the\s+)?(?:city\s+of\s+)?(?P<town>[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+)?)"
    r"(?!\s+(?:district|province|region|state|county|governorate))"
)
"""What follows the name of a part of a town: "(Plaza) area of San Cristobal"."""

_ORG_HEADS = frozenset(
    {"Liberation", "Front", "Movement", "Party", "Army", "Council", "Brigade",
     "Brigades", "Coalition", "Alliance", "Congress", "Federation", "Association",
     "Organisation", "Organization", "Ministry", "Government", "Forces", "Force", "Emirate",
     "Caliphate"}
)  # fmt: skip
"""Capitalised heads of organisations' names: the place after "Front for the Liberation
of" names the organisation, not where anything happened ("State" is not one: "the State
of Mexico" is a place)."""

_SPEAKER_PLACE = re.compile(
    r"\b(?:said|says|told|spoke|speaking|interview|statement|briefing)"
    r"(?:\s+(?:tonight|late|earlier|later|by|(?:tele)?phone|on|\w+day|"
    r"reporters|journalists|to|the|press|a|news|conference|briefing|video|link))*"
    r"\s+(?:from|in)\s+(?:the\s+(?:\w+\s+)?capital(?:\s+city)?,?\s+)?$",
    re.I,
)
"""Only words that say when or how the speaker spoke may stand between the speech and the
place: "said five people were killed in Kabul" names where the killing was."""


def _speaker_place(text: str, start: int) -> bool:
    """Whether the place starting at `start` is where a speaker was ("said ... from Juba")."""
    return bool(_SPEAKER_PLACE.search(text[max(0, start - 120) : start]))
