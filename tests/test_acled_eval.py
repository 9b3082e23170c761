"""SPEC §4b: reading ACLED rows, the fixed split, the balanced sample and the scoring.

The rows here are written for the project (no ACLED text is in the repository); the real
development rows are scored by `test_acled_gate.py` when their CSV is present."""

from __future__ import annotations

import csv
import json
from datetime import date
from pathlib import Path

import pytest

from tadmur.acled import AcledFileError, AcledRow, balanced_sample, read_rows, select
from tadmur.acled_eval import actor_key, evaluate_acled, score_row, summarise
from tadmur.cli import main
from tadmur.model import Event, Location, Span

COLUMNS = [
    "notes", "event_id_cnty", "event_date", "event_type", "sub_event_type", "actor1",
    "actor2", "latitude", "longitude", "fatalities", "country", "source_repo", "source_path",
]  # fmt: skip
ROWS = [
    ["On 3 May 2022, police fired tear gas to disperse hundreds of traders protesting "
     "against new market fees in Kisumu. [size=hundreds]", "TST1", "2022-05-03", "Protests",
     "Protest with intervention", "Protesters (Kenya)", "Police Forces of Kenya (2013-)",
     "-0.1022", "34.7617", "0", "Kenya", "", ""],
    ["On 9 May 2022, unidentified gunmen shot dead two farmers near Lokichar.", "TST2",
     "2022-05-09", "Violence against civilians", "Attack", "Unidentified Armed Group (Kenya)",
     "Civilians (Kenya)", "2.3833", "35.65", "2", "Kenya", "", ""],
    ["On 2 February 2022, residents marched peacefully through Nakuru to demand clean "
     "water. [size=some]", "TST3", "2 February 2022", "Protests", "Peaceful protest",
     "Protesters (Kenya)", "", "-0.2833", "36.0667", "0", "Kenya", "", ""],
    ["", "TST4", "2022-05-10", "Protests", "Peaceful protest", "", "", "", "", "", "", "", ""],
]  # fmt: skip


def _write(path: Path, rows: list[list[str]], columns: list[str] = COLUMNS) -> Path:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(columns)
        writer.writerows(rows)
    return path


def _event(sub: str, event_type: str, **fields: object) -> Event:
    values: dict[str, object] = {
        "id": "x", "event_type": event_type, "sub_event_type": sub, "date": "2022-05-09",
        "date_end": "2022-05-09", "time_precision": 1, "actor1": None, "actor2": None,
        "assoc_actor_1": None, "location": None, "evidence": (Span(0, 1, "O"),),
        "fatalities": None, "displaced": None, "sources": (), "confidence": 0.5,
    }  # fmt: skip
    values.update(fields)
    return Event(**values)  # type: ignore[arg-type]


def test_rows_are_read_with_their_part_and_skipped_without_notes(tmp_path: Path) -> None:
    rows = read_rows(_write(tmp_path / "rows.csv", ROWS))
    assert [r.event_id_cnty for r in rows] == ["TST1", "TST2", "TST3"]
    assert rows[2].event_date == date(2022, 2, 2)
    assert rows[1].fatalities == 2 and rows[0].latitude == pytest.approx(-0.1022)
    assert [r.part for r in rows] == ["heldout", "heldout", "train"]
    assert [r.event_id_cnty for r in select(rows, "train")] == ["TST3"]
    raw = rows[1].raw_input()
    assert raw.published == "2022-05-10" and raw.url == "acled:TST2"


def test_kenya_source_is_split_at_2017() -> None:
    def row(day: date, source: str) -> AcledRow:
        return AcledRow(
            "K", day, "Riots", "Mob violence", "", "", None, None, None, "n", "", source
        )

    kenya = "Carol0128/Data:acled_data.csv"
    assert row(date(2016, 12, 31), kenya).part == "train"
    assert row(date(2017, 1, 1), kenya).part == "heldout"
    assert row(date(2017, 1, 1), "other").part == "train"


def test_missing_columns_are_a_clear_error(tmp_path: Path) -> None:
    path = _write(tmp_path / "bad.csv", [["a", "b"]], ["notes", "event_date"])
    with pytest.raises(AcledFileError, match="missing columns"):
        read_rows(path)
    assert main(["eval", "--acled", str(path)]) == 2


def test_balanced_sample_caps_each_type_and_ignores_file_order() -> None:
    rows = [
        AcledRow(f"R{k}", date(2022, 5, 1), "Protests", sub, "", "", None, None, None, "n")
        for k, sub in enumerate(["Peaceful protest"] * 9 + ["Mob violence"] * 2)
    ]
    sample = balanced_sample(rows, per_type=3, seed=1)
    assert sorted(r.sub_event_type for r in sample).count("Peaceful protest") == 3
    assert sum(r.sub_event_type == "Mob violence" for r in sample) == 2
    assert balanced_sample(list(reversed(rows)), per_type=3, seed=1) == sample
    other_seeds = {tuple(balanced_sample(rows, per_type=3, seed=s)) for s in range(6)}
    assert len(other_seeds) > 1


def test_a_row_is_scored_on_the_events_of_its_type() -> None:
    row = AcledRow(
        "R1", date(2022, 5, 9), "Violence against civilians", "Attack",
        "Unidentified Armed Group (Kenya)", "Civilians (Kenya)", 2.3833, 35.65, 2, "n",
    )  # fmt: skip
    near = Location("Lokichar", 1, "KE", None, 2.38, 35.65, 1)
    right = _event(
        "Attack", "Violence against civilians", actor1="Unidentified Armed Group (Kenya)",
        actor2="civilians (kenya)", location=near, fatalities=2,
    )  # fmt: skip
    wrong = _event("Armed clash", "Battles", date="2022-05-01")
    score = score_row(row, [wrong, right])
    assert (score.events, score.exactly_one, score.sub_event_type) == (2, False, True)
    assert score.geo_25km and score.date and score.actor1 and score.actor2 and score.fatalities
    # only the event of ACLED's type is read for the fields
    score = score_row(row, [wrong])
    assert not score.sub_event_type and not score.date and not score.geo_25km
    assert score_row(row, []).some_event is False


def test_displacement_compares_as_acleds_other() -> None:
    row = AcledRow(
        "R2", date(2022, 5, 9), "Strategic developments", "Other", "", "", None, None, None, "n"
    )
    score = score_row(row, [_event("Displacement", "Strategic developments")])
    assert score.sub_event_type and score.predicted == ("Other",)
    assert score.actor2 is None and score.fatalities is None
    assert score.fatalities_invented is None  # ACLED gave no figure at all


def test_a_count_where_acled_codes_no_deaths_is_invented() -> None:
    row = AcledRow(
        "R3", date(2022, 5, 9), "Riots", "Mob violence", "Rioters (Kenya)", "", None, None, 0, "n"
    )
    counted = _event("Mob violence", "Riots", fatalities=1)
    assert score_row(row, [counted]).fatalities_invented is True
    assert score_row(row, [_event("Mob violence", "Riots")]).fatalities_invented is False
    assert score_row(row, [counted]).fatalities is None


def test_actor_names_compare_up_to_the_period() -> None:
    assert actor_key("Military Forces of Russia (2000-)") == "military forces of russia"
    assert actor_key("Military Forces of Iraq (2020-) Popular Mobilization Forces") == (
        "military forces of iraq"
    )
    assert actor_key(None) == ""


def test_summary_has_macro_table_and_confusions() -> None:
    rows = [
        AcledRow(f"R{k}", date(2022, 5, 9), "Riots", sub, "", "", None, None, None, "n")
        for k, sub in enumerate(["Mob violence", "Mob violence", "Violent demonstration"])
    ]
    events = [[_event("Mob violence", "Riots")], [], [_event("Mob violence", "Riots")]]
    summary = summarise(score_row(r, e) for r, e in zip(rows, events, strict=True))
    assert summary["sub_event_type"] == pytest.approx(1 / 3, abs=1e-3)
    assert summary["sub_event_type_macro"] == pytest.approx(0.25)
    assert summary["by_sub_event_type"]["Mob violence"]["rows"] == 2
    pairs = {(c["acled"], c["predicted"]) for c in summary["confusions"]}
    assert pairs == {("Mob violence", "(no event)"), ("Violent demonstration", "Mob violence")}


def test_the_pipeline_is_scored_on_written_notes(tmp_path: Path) -> None:
    rows = read_rows(_write(tmp_path / "rows.csv", ROWS))
    report = evaluate_acled(rows, per_type=1)
    assert report.whole["rows"] == 3 and report.balanced["rows"] == 3
    assert report.whole["some_event"] == 1.0
    assert report.whole["date"] == 1.0
    by_type = report.whole["by_sub_event_type"]
    assert by_type["Protest with intervention"]["sub_event_type"] == 1.0
    assert by_type["Attack"]["sub_event_type"] == 1.0


def test_cli_prints_the_same_numbers_as_json(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = _write(tmp_path / "rows.csv", ROWS)
    assert (
        main(["eval", "--acled", str(path), "--json", "--per-type", "2", "--part", "heldout"]) == 0
    )
    out = json.loads(capsys.readouterr().out)
    assert out["balanced"]["rows"] == 2 and out["balanced"]["per_type"] == 2
    assert out["whole"]["rows"] == 2
    assert main(["eval", "--acled", str(path), "--part", "heldout"]) == 0
    table = capsys.readouterr().out
    assert "sub-event type (macro)" in table and "commonest confusions" in table
