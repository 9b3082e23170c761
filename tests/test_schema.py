"""The published JSON Schema of `tadmur extract` output (`tadmur/data/extract.schema.json`):
every real output validates, and mutated outputs do not, so the check cannot pass vacuously."""

from __future__ import annotations

import copy
import json
from collections.abc import Callable
from functools import cache
from pathlib import Path
from typing import Any

import pytest
from jsonschema import Draft202012Validator

from tadmur.model import Extraction, extract_schema
from tadmur.pipeline import Failure, Pipeline, read_inputs
from tadmur.triggers import SUB_EVENT_TYPES

ROOT = Path(__file__).resolve().parents[1]
CORPUS = sorted((ROOT / "examples" / "corpus").glob("*.txt"))
FIXTURES = sorted((ROOT / "tests" / "fixtures" / "events").glob("*.txt"))


@cache
def _validator() -> Draft202012Validator:
    schema = extract_schema()
    Draft202012Validator.check_schema(schema)
    return Draft202012Validator(schema, format_checker=Draft202012Validator.FORMAT_CHECKER)


def schema_errors(output: Any) -> list[str]:
    """Every way `output` (a decoded extract object) breaks the schema, as readable lines."""
    return [
        f"{'/'.join(str(p) for p in e.absolute_path) or '<root>'}: {e.message}"
        for e in _validator().iter_errors(output)
    ]


def printed(extraction: Extraction) -> Any:
    """What `tadmur extract` prints for one document (its jsonl line), decoded again."""
    return json.loads(extraction.to_json())


@pytest.fixture(scope="module")
def pipeline() -> Pipeline:
    return Pipeline()


def _gold_options(article: Path) -> dict[str, str | None]:
    gold = article.with_suffix(".gold.json")
    if not gold.exists():
        return {}
    data = json.loads(gold.read_text("utf-8"))
    return {"published": data.get("published"), "url": data.get("url")}


@pytest.fixture(scope="module")
def outputs(pipeline: Pipeline) -> dict[str, Any]:
    """Every corpus and fixture article as the CLI reads it, and the fixtures once more
    with the `--published`/`--url` their gold files give (as `tadmur eval` passes them)."""
    found: dict[str, Any] = {}
    paths = [str(p) for p in CORPUS + FIXTURES]
    for path, result in zip(paths, pipeline.extract_many(read_inputs(paths)), strict=True):
        assert not isinstance(result, Failure), result
        found[path] = printed(result)
    for article in FIXTURES:
        options = _gold_options(article)
        if options.get("published") or options.get("url"):
            (result,) = pipeline.extract_many(read_inputs([str(article)], **options))
            assert not isinstance(result, Failure), result
            found[f"{article} with gold options"] = printed(result)
    return found


def test_the_inputs_exist() -> None:
    assert len(CORPUS) >= 10
    assert len(FIXTURES) >= 40


def test_the_schema_is_a_valid_draft_2020_12_schema() -> None:
    schema = extract_schema()
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    Draft202012Validator.check_schema(schema)


def test_extract_schema_returns_a_fresh_copy() -> None:
    first = extract_schema()
    first["required"].clear()
    assert extract_schema()["required"] == ["document", "events", "warnings"]


def test_the_schema_pairs_types_exactly_as_the_taxonomy() -> None:
    event = extract_schema()["$defs"]["event"]
    pairs = {
        sub: rule["if"]["properties"]["event_type"]["const"]
        for rule in event["allOf"]
        if "event_type" in rule["if"]["properties"]
        for sub in rule["then"]["properties"]["sub_event_type"]["enum"]
    }
    assert pairs == SUB_EVENT_TYPES
    assert event["properties"]["sub_event_type"]["enum"] == list(SUB_EVENT_TYPES)
    assert sorted(event["properties"]["event_type"]["enum"]) == sorted(
        set(SUB_EVENT_TYPES.values())
    )


def test_every_output_validates(outputs: dict[str, Any]) -> None:
    failures = {path: errors for path, out in outputs.items() if (errors := schema_errors(out))}
    assert not failures, json.dumps(failures, indent=2)
    events = [e for out in outputs.values() for e in out["events"]]
    # The outputs exercise the schema's branches, not only its happy path.
    documents = [out["document"] for out in outputs.values()]
    assert {e["event_type"] for e in events} == set(SUB_EVENT_TYPES.values())
    assert {e["time_precision"] for e in events} == {1, 2, 3}
    assert any(e["date"] is None for e in events)
    assert {e["location"]["geo_precision"] for e in events if e["location"]} == {1, 2, 3}
    assert any(e["displaced"] is not None for e in events)
    assert any(e["sources"] for e in events)
    assert any(c["credit"] for d in documents for c in d["captions"])
    assert any(d["dateline"] for d in documents)


def test_evidence_offsets_point_into_the_text(outputs: dict[str, Any]) -> None:
    for out in outputs.values():
        text = out["document"]["text"]
        for event in out["events"]:
            for span in event["evidence"]:
                assert 0 <= span["start"] < span["end"] <= len(text)
                assert text[span["start"] : span["end"]] == span["text"]


# --- the schema rejects what the contract forbids -------------------------------------------


@pytest.fixture(scope="module")
def sample(outputs: dict[str, Any]) -> Any:
    """A real output with at least one located, dated event with fatalities."""
    for out in outputs.values():
        if any(e["location"] and e["date"] and e["fatalities"] is not None for e in out["events"]):
            return out
    raise AssertionError("no output with a located, dated event with fatalities")


def _mutated(sample: Any, change: Callable[[Any], None]) -> Any:
    out = copy.deepcopy(sample)
    assert not schema_errors(out)
    change(out)
    return out


def _event_of(out: Any) -> Any:
    """The output's first located, dated event with fatalities."""
    for event in out["events"]:
        if event["location"] and event["date"] and event["fatalities"] is not None:
            return event
    raise AssertionError("no such event")


def _node(out: Any, keys: list[str]) -> Any:
    if not keys:
        return out
    node = _event_of(out) if keys[0] == "event" else out[keys[0]]
    for key in keys[1:]:
        node = node[key]
    return node


def _set(path: str, value: Any) -> Callable[[Any], None]:
    """A change that sets `path` ('document.published', 'event.location.latitude', ...);
    'event' is the sample's located, dated event."""

    def change(out: Any) -> None:
        keys = path.split(".")
        _node(out, keys[:-1])[keys[-1]] = value

    return change


def _delete(path: str) -> Callable[[Any], None]:
    def change(out: Any) -> None:
        keys = path.split(".")
        del _node(out, keys[:-1])[keys[-1]]

    return change


def _foreign_sub_event_type(out: Any) -> None:
    """A sub-event type of another event type than the event's."""
    event = _event_of(out)
    event["sub_event_type"] = next(
        sub for sub, kind in SUB_EVENT_TYPES.items() if kind != event["event_type"]
    )


MUTATIONS: dict[str, Callable[[Any], None]] = {
    # event and sub-event types: wrong pairs and unknown names
    "sub_event_type of another event_type": _foreign_sub_event_type,
    "unknown sub_event_type": _set("event.sub_event_type", "Airstrike"),
    "unknown event_type": _set("event.event_type", "Remote violence"),
    # dates
    "impossible date": _set("event.date", "2019-02-30"),
    "date not ISO": _set("event.date", "16/08/2019"),
    "date_end without zero padding": _set("event.date_end", "2019-8-16"),
    "date without date_end": _set("event.date_end", None),
    "published in words": _set("document.published", "yesterday"),
    "published month 13": _set("document.published", "2019-13-01"),
    # ranges and shapes
    "time_precision 0": _set("event.time_precision", 0),
    "time_precision 4": _set("event.time_precision", 4),
    "time_precision 1.5": _set("event.time_precision", 1.5),
    "geo_precision 0": _set("event.location.geo_precision", 0),
    "geo_precision 4": _set("event.location.geo_precision", 4),
    "latitude 90.5": _set("event.location.latitude", 90.5),
    "longitude -180.01": _set("event.location.longitude", -180.01),
    "latitude without longitude": _set("event.location.longitude", None),
    "lowercase country_code": _set("event.location.country_code", "sy"),
    "negative fatalities": _set("event.fatalities", -1),
    "fatalities as a string": _set("event.fatalities", "12"),
    "negative displaced": _set("event.displaced", {"count": -3, "unit": "people"}),
    "displaced in households": _set("event.displaced", {"count": 30, "unit": "households"}),
    "confidence 1.2": _set("event.confidence", 1.2),
    "no evidence": _set("event.evidence", []),
    "negative offset": _set("event.evidence", [{"start": -1, "end": 5, "text": "words"}]),
    "a source twice": _set("event.sources", ["AFP", "AFP"]),
    "event id not a short hash": _set("event.id", "not-a-hash"),
    "document id not a sha256": _set("document.id", "ABC"),
    "empty text": _set("document.text", ""),
    "negative read time": _set("document.read_time_min", -2),
    "language as a name": _set("document.language", "English"),
    "caption without credit key": _set("document.captions", [{"text": "A caption"}]),
    "empty warning": _set("warnings", [""]),
    # missing and undeclared keys
    "no document": _delete("document"),
    "no warnings": _delete("warnings"),
    "no document.text": _delete("document.text"),
    "no document.published": _delete("document.published"),
    "no evidence key": _delete("event.evidence"),
    "no sub_event_type": _delete("event.sub_event_type"),
    "no geonameid": _delete("event.location.geonameid"),
    "undeclared event field": _set("event.notes", "an undeclared field"),
    "undeclared document field": _set("document.author", "an undeclared field"),
}


@pytest.mark.parametrize("name", list(MUTATIONS))
def test_the_schema_rejects_a_mutated_output(sample: Any, name: str) -> None:
    assert schema_errors(_mutated(sample, MUTATIONS[name]))


def test_an_undated_event_must_have_precision_3(sample: Any) -> None:
    def undate(precision: int) -> Callable[[Any], None]:
        def change(out: Any) -> None:
            event = _event_of(out)
            out["events"] = [event]
            event["date"] = event["date_end"] = None
            event["time_precision"] = precision

        return change

    assert not schema_errors(_mutated(sample, undate(3)))
    assert schema_errors(_mutated(sample, undate(1)))
    assert schema_errors(_mutated(sample, undate(2)))


@pytest.mark.parametrize("sub_event_type", list(SUB_EVENT_TYPES))
def test_each_pair_is_accepted_and_every_other_type_rejected(
    sample: Any, sub_event_type: str
) -> None:
    for event_type in sorted(set(SUB_EVENT_TYPES.values())):
        out = _mutated(sample, _set("event.sub_event_type", sub_event_type))
        _event_of(out)["event_type"] = event_type
        ok = event_type == SUB_EVENT_TYPES[sub_event_type]
        assert (not schema_errors(out)) == ok, (event_type, sub_event_type)
