"""Armed groups from ACLED's rows: the groups and militias ACLED codes that the dictionary
(`data/actors.yaml`) lacks, with the words notes call them by, so that tadmur writes
ACLED's name ("Pokot Ethnic Militia (Kenya)", "CV: Red Command").

Two kinds of line. An `alias` is a name the notes use for a group, its acronym or long form
("ADF", "Allied Democratic Forces"): kept when at least `MIN_ROWS` training notes using it
are coded with the group and at least `MIN_SHARE` of all notes using it are. A `people` is
the community word of an ACLED identity militia ("Pokot" of "Pokot Ethnic Militia
(Kenya)"): a text names that militia by the word and a militia noun ("Pokot raiders",
"Turkana and Pokot herders", `tadmur.who.MILITIA_NOUNS`). An alias's group is taken for an
armed one (inter 3) when its name says so ("Army", "Front", "Cartel", ...); the others,
mostly unions, parties and movements that ACLED names beside protesters, get inter 6, so
that they are never read as the hand behind an attack.

Only the training part of the fixed split (`tadmur.acled`) is read; only names are kept.
Rebuild: `python -m tadmur.groupfacts CSV [OUT]` (`make facts ACLED_CSV=...`).
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from tadmur.placefacts import facts_cli, table_lines, training, write_table

FIELDS = ("name", "country_code", "inter", "kind", "alias", "rows")
KINDS = ("alias", "people")
MIN_ROWS = 2
MIN_SHARE = 0.6
_IDENTITY = re.compile(
    r"^(?P<word>[A-Z][\w'-]+(?: [A-Z][\w'-]+)?) (?:Ethnic|Clan|Tribal) Militia "
    r"\((?P<country>[^)]+)\)$"
)
"""ACLED's identity militias named after a people. Communal militias are left out: most are
named after a place ("Zamfara Communal Militia"), whose word names much else."""
_ARMED = re.compile(
    r"\b(?:militia|army|front|forces?|rebels?|gangs?|cartel|command|brigades?|movement|group|"
    r"guerrillas?|defen[cs]e|liberation|resistance|jihad|mujahideen|islamic|tigers|battalion)\b",
    re.I,
)
_COUNTRY = re.compile(r"\((?P<country>[^)]+)\)$")
_ACRONYM = re.compile(r"^[A-Z0-9][A-Za-z0-9-]*[A-Z][A-Za-z0-9-]*$")
_GENERIC = ("Unidentified", "Private Security Forces", "Protesters", "Rioters", "Civilians")


@dataclass(frozen=True, slots=True)
class GroupFact:
    name: str
    country_code: str | None
    inter: int
    kind: str
    alias: str
    rows: int


def read_groups(text: str) -> list[GroupFact]:
    """The facts file: a header of `FIELDS`, then one tab-separated fact per line."""
    out = []
    for number, parts in table_lines(text, FIELDS, "group facts"):
        if parts[3] not in KINDS or not parts[0] or not parts[4]:
            raise ValueError(f"group facts line {number}: not a group fact")
        name, cc, inter, kind, alias, rows = parts
        if cc and len(cc) != 2:
            raise ValueError(f"group facts line {number}: {cc!r} is not a country code")
        try:
            out.append(GroupFact(name, cc or None, int(inter), kind, alias, int(rows)))
        except ValueError as exc:
            raise ValueError(f"group facts line {number}: {exc}") from exc
    return out


def packaged_groups_text() -> str:
    return resources.files("tadmur").joinpath("data/acled_groups.tsv").read_text("utf-8")


def _named(row: Mapping[str, str]) -> set[str]:
    names = set()
    for column in ("actor1", "actor2", "assoc_actor_1", "assoc_actor_2"):
        for part in (row.get(column) or "").split(";"):
            name = part.strip()
            if (
                name
                and not name.startswith(_GENERIC)
                and not name.startswith(("Military Forces of", "Police Forces of"))
            ):
                names.add(name)
    return names


def _candidates(name: str) -> list[str]:
    """'KNU/KNLA: Karen National Union/Karen National Liberation Army' -> its acronyms and
    long forms; a name without an acronym is its own alias."""
    base = name.split(" (", 1)[0].strip()
    if ":" not in base:
        return [base]
    acronyms, long = (part.strip() for part in base.split(":", 1))
    out = [a.strip() for a in acronyms.split("/") if _ACRONYM.match(a.strip())]
    return out + [part.strip() for part in long.split("/") if len(part.strip().split()) >= 2]


def _pattern(alias: str) -> re.Pattern[str]:
    flags = 0 if _ACRONYM.match(alias) else re.IGNORECASE
    return re.compile(rf"(?<![\w-]){re.escape(alias)}(?![\w-])", flags)


def collect(rows: Iterable[Mapping[str, str]], country_codes: Mapping[str, str]) -> list[GroupFact]:
    """The groups of the training rows that the dictionary lacks, with their aliases and
    the community words of identity militias."""
    from tadmur.who import fold_actor, load_yaml_actors

    known = load_yaml_actors()
    taken = {fold_actor(a) for actor in known for a in (actor.name, *actor.aliases)}
    known_names = {actor.name.split(" (", 1)[0].casefold() for actor in known}
    notes: list[str] = []
    coded: defaultdict[str, set[int]] = defaultdict(set)
    countries: defaultdict[str, Counter[str]] = defaultdict(Counter)
    for row in rows:
        if not training(row):
            continue
        index = len(notes)
        notes.append(row.get("notes") or "")
        for name in _named(row):
            coded[name].add(index)
            code = country_codes.get(row.get("country", ""))
            if code:
                countries[name][code] += 1
    facts: dict[tuple[str, str], GroupFact] = {}
    for name in sorted(coded):
        if name.split(" (", 1)[0].casefold() in known_names:
            continue
        rows_of = coded[name]
        country = _COUNTRY.search(name)
        code = country_codes.get(country["country"]) if country else None
        if code is None and countries[name]:
            top, n = countries[name].most_common(1)[0]
            code = top if n >= 0.8 * sum(countries[name].values()) else None
        identity = _IDENTITY.match(name)
        if identity:
            word = identity["word"]
            if word.split()[0] != "Unidentified" and len(rows_of) >= MIN_ROWS:
                facts[("people", f"{word}|{code}")] = GroupFact(
                    name, code, 4, "people", word, len(rows_of)
                )
            continue
        for alias in _candidates(name):
            if len(alias) < 2 or fold_actor(alias) in taken:
                continue
            pattern = _pattern(alias)
            hits = sum(1 for i in rows_of if pattern.search(notes[i]))
            if hits < MIN_ROWS:
                continue
            uses = sum(1 for text in notes if pattern.search(text))
            if hits / uses < MIN_SHARE:
                continue
            key = ("alias", fold_actor(alias))
            inter = 3 if _ARMED.search(name) else 6
            if key not in facts or facts[key].rows < hits:
                facts[key] = GroupFact(name, code, inter, "alias", alias, hits)
    return sorted(facts.values(), key=lambda f: (f.kind, f.name, f.alias))


def write_groups(facts: Sequence[GroupFact], out: Path) -> None:
    rows = [(f.name, f.country_code or "", f.inter, f.kind, f.alias, f.rows) for f in facts]
    write_table(FIELDS, rows, out)


def main(argv: Sequence[str] | None = None) -> int:
    default = Path(__file__).parent / "data/acled_groups.tsv"
    return facts_cli(argv, "tadmur.groupfacts", default, collect, write_groups)


if __name__ == "__main__":
    raise SystemExit(main())
