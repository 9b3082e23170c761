"""`tadmur` on the command line: formats, stdin, several paths, errors and exit codes."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from tadmur.cli import build_parser, main

from .conftest import FIXTURES

README = Path(__file__).resolve().parents[1] / "README.md"
WIRE = FIXTURES / "documents" / "ap_kabul_wire.txt"
SITE = FIXTURES / "documents" / "newarab_doubled_title.txt"


def _run(*args: str, stdin: bytes | None = None) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        [sys.executable, "-m", "tadmur.cli", *args],
        input=stdin,
        capture_output=True,
        check=False,
    )


def test_extract_jsonl_several_paths(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["extract", "--format", "jsonl", str(WIRE), str(SITE)]) == 0
    lines = capsys.readouterr().out.splitlines()
    docs = [json.loads(line) for line in lines]
    assert [d["document"]["outlet"] for d in docs] == ["AP", "The New Arab"]
    for d in docs:
        assert list(d) == ["document", "events", "warnings"]
        for event in d["events"]:
            for span in event["evidence"]:
                assert d["document"]["text"][span["start"] : span["end"]] == span["text"]


def test_extract_json_is_one_indented_object(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["extract", "--format", "json", str(WIRE)]) == 0
    out = capsys.readouterr().out
    assert out.startswith('{\n  "document"')
    assert json.loads(out)["document"]["published"] == "2020-05-07"


def test_stdin_published_and_url_win(capsys: pytest.CaptureFixture[str]) -> None:
    proc = _run(
        "extract",
        "-",
        "--published",
        "2021-02-03",
        "--url",
        "https://www.aljazeera.com/news/2021/2/3/x",
        stdin=b"Clashes near Marib\n\nFighting went on near Marib on Tuesday, residents said.\n",
    )
    assert proc.returncode == 0, proc.stderr
    doc = json.loads(proc.stdout)["document"]
    assert doc["published"] == "2021-02-03"
    assert doc["path"] == "https://www.aljazeera.com/news/2021/2/3/x"
    assert doc["outlet"] == "Al Jazeera"


def test_bad_inputs_are_reported_and_the_rest_processed(tmp_path: Path) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    binary = tmp_path / "image.txt"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4)
    missing = tmp_path / "missing.txt"
    proc = _run("extract", str(empty), str(WIRE), str(binary), str(missing))
    assert proc.returncode == 1
    assert len(proc.stdout.splitlines()) == 1
    err = proc.stderr.decode()
    assert f"{empty}: empty file" in err
    assert f"{binary}: binary data" in err
    assert f"{missing}: cannot read" in err


def test_bad_usage_exits_2() -> None:
    assert _run("extract").returncode == 2
    assert _run("extract", str(WIRE), "--published", "27/03/2016").returncode == 2
    assert _run("no-such-command").returncode == 2


def test_output_is_byte_identical_across_runs() -> None:
    paths = sorted(str(p) for p in (FIXTURES / "documents").iterdir() if p.suffix != ".json")
    first = _run("extract", *paths)
    second = _run("extract", *paths)
    assert first.returncode == 0
    assert first.stdout == second.stdout


def test_every_command_is_documented_in_readme() -> None:
    readme = README.read_text("utf-8")
    parser = build_parser()
    subparsers = next(a for a in parser._actions if a.dest == "command")
    names = list(subparsers.choices)  # type: ignore[arg-type]
    assert names
    for name in names:
        assert re.search(rf"`tadmur {name}\b", readme), f"README does not document {name}"
