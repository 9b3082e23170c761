"""Bad inputs, generated at test time by `tests/badinput.py`.

Through the real command line: every bad input gets a line on stderr naming its path and
the reason, the good articles of the same batch are stored, the exit code is 1, and memory
does not grow with the size of the inputs. Unit tests of `tadmur.ingest` and
`tadmur.document` pin the details quickly.
"""

from __future__ import annotations

import gzip
import json
import os
import re
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

import pytest

from tadmur.document import MAX_TEXT_CHARS, build_document, is_input_warning
from tadmur.ingest import (
    MAX_ARTICLE_BYTES,
    MAX_REPORTED_PER_FILE,
    InputError,
    RawInput,
    decode_input,
    iter_raw,
    read_path,
)
from tadmur.language import detect_language
from tadmur.sources import load_sources
from tadmur.store import Store

from . import badinput

CLI = [sys.executable, "-m", "tadmur.cli"]


@dataclass(frozen=True)
class Stored:
    path: str
    language: str | None
    text: str
    warnings: list[str]
    events: int


@dataclass(frozen=True)
class Run:
    returncode: int
    stderr: str
    stdout: str
    documents: dict[str, Stored]

    def lines_about(self, path: Path | str, kind: str = "error") -> list[str]:
        prefix = f"tadmur: {kind}: {path}"
        return [ln for ln in self.stderr.splitlines() if ln.startswith(prefix)]


def _stored(db: Path) -> dict[str, Stored]:
    with Store(db, read_only=True) as store:
        rows = store.db.execute(
            "SELECT d.path, d.language, d.text, d.warnings, "
            "(SELECT count(*) FROM events e WHERE e.document_id = d.id) FROM documents d"
        ).fetchall()
    return {r[0]: Stored(r[0], r[1], r[2], json.loads(r[3]), r[4]) for r in rows}


def _ingest(db: Path, paths: list[Path]) -> Run:
    proc = subprocess.run(
        [*CLI, "ingest", "--quiet", "--db", str(db), *map(str, paths)],
        capture_output=True,
        text=True,
        check=False,
    )
    return Run(proc.returncode, proc.stderr, proc.stdout, _stored(db))


@dataclass(frozen=True)
class Batch:
    folder: Path
    good: list[Path]
    foreign: list[Path]
    jsonl: badinput.JsonlCase
    warcs: list[badinput.WarcCase]
    paths: dict[str, Path]
    run: Run


@pytest.fixture(scope="module")
def batch(tmp_path_factory: pytest.TempPathFactory) -> Batch:
    """One `tadmur ingest` over every small bad input mixed with good articles."""
    folder = tmp_path_factory.mktemp("bad")
    good = badinput.write_good(folder)
    foreign = badinput.write_foreign(folder)
    utf16_bom, utf16_le = badinput.write_utf16(folder)
    paths = {
        "empty": badinput.write_empty(folder),
        "random": badinput.write_random_bytes(folder),
        "pdf": badinput.write_pdf_as_html(folder),
        "png": badinput.write_png(folder),
        "invalid-utf8": badinput.write_invalid_utf8(folder),
        "utf16-bom": utf16_bom,
        "utf16-le": utf16_le,
        "cp1256": badinput.write_cp1256(folder),
        "mojibake": badinput.write_mojibake(folder),
        "no-body": badinput.write_html_without_body(folder),
        "deep": badinput.write_deep_html(folder),
        "long-line": badinput.write_long_line(folder),
    }
    jsonl = badinput.write_broken_jsonl(folder)
    warc_dir = folder / "warc"
    warc_dir.mkdir()
    warcs = [badinput.write_damaged_warc(warc_dir, compressed=c) for c in (False, True)]
    inputs = [good[0], *paths.values(), *foreign, jsonl.path, *(w.path for w in warcs), good[1]]
    run = _ingest(folder / "store.duckdb", inputs)
    return Batch(folder, good, foreign, jsonl, warcs, paths, run)


def test_the_batch_exits_1_and_stores_the_good_articles(batch: Batch) -> None:
    run = batch.run
    assert run.returncode == 1, run.stderr
    assert "Traceback" not in run.stderr
    for path in batch.good:
        stored = run.documents[str(path)]
        assert stored.language == "en"
        assert stored.events > 0, f"{path} gave no events"
    # Nothing else reaches stderr: an error or a warning about one input per line, then
    # the summary (on stderr with --quiet).
    summary = re.compile(r"ingested \d+ new documents|store \S+: \d+ documents|  +\d+  \w")
    for line in run.stderr.splitlines():
        assert re.match(r"tadmur: (error|warning): \S", line) or summary.match(line), line


REFUSED = {
    "empty": "empty file",
    "random": "binary data, not an article: contains NUL bytes",
    "pdf": "binary data, not an article: looks like a PDF file",
    "png": "binary data, not an article: looks like a PNG image",
    "no-body": "HTML page without article text: it has no <body>",
    "deep": "HTML page without article text: its elements nest 100,000 deep and the HTML "
    "parser stops at 255",
    "long-line": "article text too long: about 5,242,880 characters after cleanup "
    f"(limit {MAX_TEXT_CHARS:,})",
}


@pytest.mark.parametrize("case", sorted(REFUSED))
def test_refused_inputs_are_reported_with_path_and_reason(batch: Batch, case: str) -> None:
    path = batch.paths[case]
    lines = batch.run.lines_about(path)
    assert len(lines) == 1, batch.run.stderr
    assert lines[0].startswith(f"tadmur: error: {path}: {REFUSED[case]}")
    assert str(path) not in batch.run.documents


def test_broken_jsonl_lines_are_reported_with_their_line_numbers(batch: Batch) -> None:
    case = batch.jsonl
    for number, reason in case.bad_lines.items():
        lines = batch.run.lines_about(f"{case.path}:{number}:")
        assert len(lines) == 1 and reason in lines[0], (number, batch.run.stderr)
    # A record is known by its URL when it has one, else by its file and line.
    assert "https://news.test/kismayo" in batch.run.documents
    assert f"{case.path}:{case.good_lines[-1]}" in batch.run.documents
    # A 'published' that is not a date is ignored with a warning, not trusted.
    last = f"{case.path}:{case.good_lines[-1]}"
    assert any("ignored 'published'" in w for w in batch.run.documents[last].warnings)
    assert batch.run.lines_about(last, "warning")


def test_damaged_warc_records_are_reported_and_reading_resumes(batch: Batch) -> None:
    for case in batch.warcs:
        lines = batch.run.lines_about(f"{case.path}:")
        assert len(lines) == case.damaged, batch.run.stderr
        assert "unreadable WARC record at byte" in lines[0]
        assert "reading resumed at the next record" in lines[0]
        assert "truncated WARC record" in lines[1] and "https://news.test/marib" in lines[1]
        for url in case.good_urls:  # the record after the garbage too
            assert url in batch.run.documents
    # The record cut short is not stored in part.
    assert "https://news.test/marib" not in batch.run.documents


DECODED = {
    "utf16-bom": ("decoded as UTF-16 (byte order mark)", "near Binnish"),
    "utf16-le": ("decoded as UTF-16 (no byte order mark)", "near Saraqib"),
    "cp1256": ("not UTF-8; decoded as cp1256", "west of Aleppo (حلب) on Thursday"),
    "mojibake": (
        "repaired mojibake (UTF-8 text that had been decoded as another encoding) in 3 lines: "
        "'Syriaâ€™s' became 'Syria’s'",
        "attack on Syria’s Deir ez-Zor airport",
    ),
    "invalid-utf8": (
        "not valid UTF-8: 3 undecodable byte sequences replaced with U+FFFD",
        "attack on Syria’s Deir ez-Zor",
    ),
}


@pytest.mark.parametrize("case", sorted(DECODED))
def test_odd_encodings_are_decoded_stored_and_noted(batch: Batch, case: str) -> None:
    path = batch.paths[case]
    note, snippet = DECODED[case]
    warnings = batch.run.lines_about(path, "warning")
    assert any(line.startswith(f"tadmur: warning: {path}: {note}") for line in warnings)
    assert not batch.run.lines_about(path, "error")
    stored = batch.run.documents[str(path)]
    assert snippet in stored.text
    assert stored.language == "en" and stored.events > 0
    assert "â€" not in stored.text


def test_invalid_utf8_keeps_its_utf8_and_marks_each_damage(batch: Batch) -> None:
    stored = batch.run.documents[str(batch.paths["invalid-utf8"])]
    assert stored.text.count("\ufffd") == len(badinput.INVALID_UTF8_DAMAGE)
    assert "“the Zor”" in stored.text


def test_articles_not_in_english_are_reported_and_never_coded(batch: Batch) -> None:
    english = batch.run.documents[str(batch.good[0])]
    assert english.events > 0
    for path, lang in zip(batch.foreign, ("fr", "es", "ar"), strict=True):
        stored = batch.run.documents[str(path)]
        assert (stored.language, stored.events) == (lang, 0)
        assert batch.run.lines_about(path, "warning") == [
            f"tadmur: warning: {path}: language detected as {lang}, not English: "
            "events are not coded"
        ]


def test_extract_reports_the_same_and_prints_the_rest(batch: Batch) -> None:
    paths = [batch.good[0], batch.paths["empty"], batch.paths["pdf"], batch.foreign[0]]
    paths.append(batch.paths["mojibake"])
    proc = subprocess.run(
        [*CLI, "extract", "--format", "jsonl", *map(str, paths)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert proc.returncode == 1
    docs = [json.loads(line) for line in proc.stdout.splitlines()]
    assert [d["document"]["path"] for d in docs] == [
        str(batch.good[0]),
        str(batch.foreign[0]),
        str(batch.paths["mojibake"]),
    ]
    assert docs[1]["document"]["language"] == "fr" and docs[1]["events"] == []
    assert "Syria’s" in docs[2]["document"]["text"]
    err = proc.stderr
    assert f"tadmur: error: {batch.paths['empty']}: empty file" in err
    assert f"tadmur: error: {batch.paths['pdf']}: binary data" in err


# --- huge inputs and memory -----------------------------------------------------------------

RSS_MARGIN = 100 * 1024 * 1024
"""How much more the ingest of the huge inputs may hold than the same ingest without them.
Reading either file whole would add at least 200 MiB; a JSONL line is held up to 10 MiB."""
RSS_LIMIT = 1024 * 1024 * 1024
"""The bound the README states for an ingest in one process (about 320 MB measured)."""


def _measured(args: list[str]) -> tuple[int, str, int]:
    """Run a command; its exit code, stderr and peak resident set size in bytes."""
    with tempfile.TemporaryFile() as err:
        proc = subprocess.Popen(args, stdout=subprocess.DEVNULL, stderr=err)
        _, status, usage = os.wait4(proc.pid, 0)
        proc.returncode = os.waitstatus_to_exitcode(status)
        err.seek(0)
        return proc.returncode, err.read().decode(), usage.ru_maxrss * 1024  # Linux: KiB


@pytest.mark.slow
@pytest.mark.skipif(sys.platform != "linux", reason="ru_maxrss units and wait4 as on Linux")
def test_huge_inputs_are_streamed_in_bounded_memory(tmp_path: Path) -> None:
    good = badinput.write_good(tmp_path / "good")
    huge_txt = badinput.write_huge_txt(tmp_path)
    dump = badinput.write_huge_jsonl(tmp_path)
    assert huge_txt.stat().st_size >= badinput.HUGE_BYTES
    assert dump.path.stat().st_size >= badinput.HUGE_BYTES

    base_args = [*CLI, "ingest", "--quiet", "--db"]
    code, _, baseline = _measured([*base_args, str(tmp_path / "a.duckdb"), *map(str, good)])
    assert code == 0
    db = tmp_path / "b.duckdb"
    code, err, peak = _measured(
        [*base_args, str(db), str(dump.path), str(huge_txt), *map(str, good)]
    )
    assert code == 1, err
    assert peak <= baseline + RSS_MARGIN, (peak, baseline)
    assert peak <= RSS_LIMIT

    lines = err.splitlines()
    assert (
        f"tadmur: error: {huge_txt}: too large for one article: 200.0 MiB (limit 10 MiB)" in lines
    )
    about_dump = [ln for ln in lines if ln.startswith(f"tadmur: error: {dump.path}")]
    listed = [ln for ln in about_dump if re.match(rf"tadmur: error: {dump.path}:\d+: ", ln)]
    assert len(listed) == MAX_REPORTED_PER_FILE
    assert listed[0] == (
        f"tadmur: error: {dump.path}:{dump.first_bad}: line too large for one article: "
        "100.0 MiB (limit 10 MiB)"
    )
    unlisted = dump.bad_lines - MAX_REPORTED_PER_FILE
    assert about_dump[-1] == (
        f"tadmur: error: {dump.path}: {unlisted:,} more bad lines not listed one by one "
        f"(line {dump.first_bad + MAX_REPORTED_PER_FILE:,} to line {dump.good_lines[-1] - 1:,}); "
        f"{dump.bad_lines:,} bad lines in all"
    )
    stored = _stored(db)
    for number in dump.good_lines:  # the record after 200 MiB of garbage too
        assert f"{dump.path}:{number}" in stored
    assert {str(p) for p in good} <= set(stored)


# --- units: ingest ----------------------------------------------------------------------------


def test_cp1256_english_decodes_exactly() -> None:
    raw = decode_input(badinput.CP1256_ENGLISH.encode("cp1256"), "a.txt")
    assert raw.content == badinput.CP1256_ENGLISH
    assert raw.encoding_note == "not UTF-8; decoded as cp1256"


@pytest.mark.parametrize(
    ("encoding", "text"),
    [
        ("cp1252", "Protesters in Bogotá and São Paulo marched on the ministry’s offices."),
        ("cp1251", "Troops shelled Bakhmut (Бахмут) and Avdiivka (Авдіївка) on Monday."),
        ("cp1253", "Police in Athens (Αθήνα) fired tear gas at protesters on Sunday."),
        ("cp1255", "Rockets hit Sderot (שדרות) and Ashkelon (אשקלון) on Friday."),
        ("cp1256", badinput.ARABIC),
        ("cp1251", "Правительственные войска обстреляли город в понедельник, убив трех человек."),
    ],
)
def test_legacy_encodings_decode_to_the_original(encoding: str, text: str) -> None:
    assert decode_input(text.encode(encoding), "a.txt").content == text


def test_mostly_valid_utf8_is_not_taken_for_a_legacy_encoding() -> None:
    data = "The army’s “final push” on the café district began.".encode() + b" \xff end"
    raw = decode_input(data, "a.txt")
    assert raw.content.startswith("The army’s “final push” on the café")
    assert raw.encoding_note is not None
    assert raw.encoding_note.startswith("not valid UTF-8: 1 undecodable byte sequence replaced")


def test_reading_stops_at_the_article_limit() -> None:
    if not Path("/dev/zero").exists():
        pytest.skip("no /dev/zero")
    with pytest.raises(InputError, match="too large"):
        read_path("/dev/zero")  # a size of 0 on stat, and no end


def test_sparse_huge_file_is_refused_on_its_size(tmp_path: Path) -> None:
    path = tmp_path / "sparse.txt"
    with path.open("wb") as fh:
        fh.truncate(3 * 1024**3)
    with pytest.raises(InputError, match=r"too large for one article: 3072\.0 MiB"):
        read_path(str(path))


def _jsonl(tmp_path: Path, lines: list[bytes]) -> list[RawInput | InputError]:
    path = tmp_path / "x.jsonl"
    path.write_bytes(b"\n".join(lines))
    return list(iter_raw([str(path)]))


def test_jsonl_reports_are_capped_with_a_count(tmp_path: Path) -> None:
    good = json.dumps({"text": badinput.GOOD_JSONL_TEXT}).encode()
    items = _jsonl(tmp_path, [b"nope"] * 50 + [good])
    errors = [i for i in items if isinstance(i, InputError)]
    assert len(errors) == MAX_REPORTED_PER_FILE + 1
    assert errors[-1].reason == (
        "30 more bad lines not listed one by one (line 21 to line 50); 50 bad lines in all"
    )
    assert [i.path for i in items if isinstance(i, RawInput)] == [f"{tmp_path / 'x.jsonl'}:51"]


def test_jsonl_line_over_the_limit_without_newline_is_skipped(tmp_path: Path) -> None:
    good = json.dumps({"text": badinput.GOOD_JSONL_TEXT}).encode()
    long_line = b'{"text": "' + b"a" * (MAX_ARTICLE_BYTES + 10)
    items = _jsonl(tmp_path, [good, long_line])
    assert isinstance(items[0], RawInput)
    assert isinstance(items[1], InputError)
    assert items[1].path.endswith(":2")
    assert items[1].reason == "line too large for one article: 10.0 MiB (limit 10 MiB)"


@pytest.mark.parametrize(
    ("record", "reason"),
    [
        (b'{"text": "a", }', "not valid JSON: Expecting property name"),
        (b'"just a string"', "not a JSON object but a string"),
        (b"null", "not a JSON object but null"),
        (b'{"text": null, "html": null}', "record has no 'text' or 'html' field"),
        (b'{"text": "  "}', "record's 'text' and 'html' are empty"),
        (b'{"text": {"body": "x"}}', "'text' is not a string but an object"),
        (b'{"text": "caf\xe9"}', "not valid UTF-8 (byte 0xe9 at column 14)"),
        (b'{"text": "\\u0000\\u0001\\u0002\\u0003"}', "binary data"),
    ],
)
def test_jsonl_record_problems(tmp_path: Path, record: bytes, reason: str) -> None:
    (item,) = _jsonl(tmp_path, [record])
    assert isinstance(item, InputError)
    assert item.reason.startswith(reason)


def test_jsonl_fields_of_the_wrong_kind_are_ignored_with_a_note(tmp_path: Path) -> None:
    record = {"text": badinput.GOOD_JSONL_TEXT, "published": "2019-03-01T10:00:00Z", "url": 7}
    (item,) = _jsonl(tmp_path, [json.dumps(record).encode()])
    assert isinstance(item, RawInput)
    assert (item.published, item.url) == ("2019-03-01", None)
    assert item.notes == ("ignored 'url': not a string: 7",)
    (item,) = _jsonl(tmp_path, [json.dumps({**record, "published": "1 March 2019"}).encode()])
    assert isinstance(item, RawInput) and item.published is None
    assert item.notes[0] == "ignored 'published': not a YYYY-MM-DD date: '1 March 2019'"
    assert all(is_input_warning(n) for n in item.notes)


def test_warc_cut_inside_a_record_header_is_reported(tmp_path: Path) -> None:
    case = badinput.write_damaged_warc(tmp_path, compressed=True)
    data = case.path.read_bytes()
    # Keep the first record whole and half of the second's gzip member.
    first_end = data.index(b"\x1f\x8b\x08", 1)
    second_end = data.index(b"\x1f\x8b\x08", first_end + 1)
    cut = tmp_path / "cut.warc.gz"
    cut.write_bytes(data[: first_end + (second_end - first_end) // 4])
    items = list(iter_raw([str(cut)]))
    assert [i.url for i in items if isinstance(i, RawInput)] == [case.good_urls[0]]
    errors = [i for i in items if isinstance(i, InputError)]
    assert len(errors) == 1 and errors[0].path == str(cut)
    assert "WARC record" in errors[0].reason


def test_gzip_member_magic_across_a_read_boundary_is_found(tmp_path: Path) -> None:
    from tadmur.ingest import _next_record_start

    path = tmp_path / "x.bin"
    path.write_bytes(b"z" * ((1 << 20) - 1) + b"\x1f\x8b\x08" + gzip.compress(b"x"))
    with path.open("rb") as fh:
        assert _next_record_start(fh, 0, compressed=True) == (1 << 20) - 1


# --- units: document ------------------------------------------------------------------------


def _doc(text: str, media: str = "text") -> tuple[str, list[str]]:
    raw = RawInput("a.txt", text, "html" if media == "html" else "text")
    doc, warnings = build_document(raw, load_sources())
    return doc.text, warnings


def test_text_length_limit_is_exact() -> None:
    line = "Fighters exchanged fire with troops near the town on Monday. " * 50
    paragraphs = "\n\n".join([line.strip()] * (MAX_TEXT_CHARS // len(line) + 1))
    short = "Title\n\n" + paragraphs[: MAX_TEXT_CHARS - 7]
    assert len(_doc(short)[0]) == MAX_TEXT_CHARS
    with pytest.raises(InputError, match=rf"article text too long: {MAX_TEXT_CHARS + 1:,} "):
        _doc(short + "x")


@pytest.mark.parametrize(("depth", "ok"), [(200, True), (300, False)])
def test_deep_html_is_read_or_refused_with_the_depth(tmp_path: Path, depth: int, ok: bool) -> None:
    path = badinput.write_deep_html(tmp_path, depth)
    raw = read_path(str(path))
    if ok:
        assert "shelled rebel positions near Daraa" in _doc(raw.content, "html")[0]
    else:
        with pytest.raises(InputError, match=f"its elements nest {depth} deep"):
            _doc(raw.content, "html")


def test_mojibake_repair_leaves_good_text_alone() -> None:
    text, warnings = _doc(badinput.MOJIBAKE_SOURCE)
    assert text.startswith("Troops repel attack on Syria’s")
    assert not any("mojibake" in w for w in warnings)
    fixed, warnings = _doc(badinput.MOJIBAKE.decode("utf-8"))
    assert fixed == text
    assert next(w for w in warnings if is_input_warning(w)).startswith("repaired mojibake")


@pytest.mark.parametrize(
    ("text", "lang"),
    [(badinput.FRENCH, "fr"), (badinput.SPANISH, "es"), (badinput.ARABIC, "ar")],
)
def test_foreign_articles_are_detected(text: str, lang: str) -> None:
    assert detect_language(text) == lang
