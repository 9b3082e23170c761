"""Actor facts from ACLED's rows: the names ACLED gives a country's military and police for
each government's period ("Police Forces of Kenya (2002-2013)", "... (2013-)"), so that an
event is written with the period of its date, as SPEC §3 asks.

Only the training part of the fixed split (`tadmur.acled`) is read; only names are kept.
One line per (kind, country, period), with the number of rows naming it. Units after the
period ("... (2013-) General Service Unit") are not periods of their own. Rebuild:
`python -m tadmur.actorfacts CSV [OUT]` (`make facts ACLED_CSV=...`).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from tadmur.placefacts import facts_cli, table_lines, training, write_table
from tadmur.who import STATE_KINDS

FIELDS = ("kind", "country_code", "name", "start", "end", "rows")
KINDS = STATE_KINDS
_STATE = re.compile(r"^(Military Forces of|Police Forces of) (.+?) \((\d{4})-(\d{4})?\)(?: .*)?$")


@dataclass(frozen=True, slots=True)
class StatePeriod:
    kind: str
    country_code: str
    name: str
    """Without the period: "Military Forces of the Democratic Republic of Congo"."""
    start: int
    end: int | None
    rows: int

    @property
    def label(self) -> str:
        return f"{self.name} ({self.start}-{self.end or ''})"


def read_periods(text: str) -> list[StatePeriod]:
    out = []
    for number, parts in table_lines(text, FIELDS, "state periods"):
        if parts[0] not in KINDS or len(parts[1]) != 2:
            raise ValueError(f"state periods line {number}: not a period")
        try:
            end = int(parts[4]) if parts[4] else None
            period = StatePeriod(parts[0], parts[1], parts[2], int(parts[3]), end, int(parts[5]))
        except ValueError as exc:
            raise ValueError(f"state periods line {number}: {exc}") from exc
        if not period.name.startswith(period.kind) or (end is not None and end < period.start):
            raise ValueError(f"state periods line {number}: not a period")
        out.append(period)
    return out


def packaged_periods_text() -> str:
    return resources.files("tadmur").joinpath("data/acled_state_forces.tsv").read_text("utf-8")


def collect(
    rows: Iterable[Mapping[str, str]], country_codes: Mapping[str, str]
) -> list[StatePeriod]:
    """Every state force with a period named in the training rows, by the country its name
    says (which is not always the row's: Russian forces fight in Ukraine)."""
    seen: Counter[tuple[str, str, str, int, int | None]] = Counter()
    for row in rows:
        if not training(row):
            continue
        for column in ("actor1", "actor2", "assoc_actor_1", "assoc_actor_2"):
            found = _STATE.match((row.get(column) or "").strip())
            if found is None:
                continue
            kind, country, start, end = found.groups()
            code = country_codes.get(country) or country_codes.get(country.removeprefix("the "))
            if code:
                name = f"{kind} {country}"
                seen[(kind, code, name, int(start), int(end) if end else None)] += 1
    return [
        StatePeriod(kind, code, name, start, end, n)
        for (kind, code, name, start, end), n in sorted(
            seen.items(), key=lambda kv: (kv[0][0], kv[0][1], kv[0][3], kv[0][2])
        )
    ]


def write_periods(periods: Sequence[StatePeriod], out: Path) -> None:
    rows = [
        (p.kind, p.country_code, p.name, p.start, "" if p.end is None else p.end, p.rows)
        for p in periods
    ]
    write_table(FIELDS, rows, out)


def main(argv: Sequence[str] | None = None) -> int:
    default = Path(__file__).parent / "data/acled_state_forces.tsv"
    return facts_cli(argv, "tadmur.actorfacts", default, collect, write_periods)


if __name__ == "__main__":
    raise SystemExit(main())
