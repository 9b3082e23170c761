"""Faults end in one clear line and an exit code of their own (SPEC §1): a truncated or
overwritten store, a full disk, an interrupt. Each is made for real: the store file is
cut or overwritten, a small file system is filled, a real ingest process gets SIGINT."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from tadmur.benchcorpus import write_corpus
from tadmur.pipeline import Pipeline, ingest
from tadmur.store import Store

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples" / "corpus"
TADMUR = [sys.executable, "-m", "tadmur.cli"]
BLOCK, HEADERS = 262_144, 3 * 4096
"""DuckDB's block size, and the file and database headers before the first block."""


def _run(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [*TADMUR, *args], capture_output=True, text=True, check=False, env=env, timeout=600
    )


def _one_line_error(result: subprocess.CompletedProcess[str]) -> str:
    """The last stderr line, checked to be tadmur's error line and no traceback."""
    assert "Traceback" not in result.stderr, result.stderr
    last = result.stderr.strip().splitlines()[-1]
    assert last.startswith("tadmur: error: "), result.stderr
    return last


@pytest.fixture(scope="module")
def sound(tmp_path_factory: pytest.TempPathFactory) -> Path:
    db = tmp_path_factory.mktemp("sound") / "sound.duckdb"
    with Store(db) as store:
        report = ingest(store, [str(EXAMPLES)], Pipeline())
    assert report.documents >= 10 and report.events > 0
    return db


def _copy(sound: Path, folder: Path, name: str) -> Path:
    target = folder / name
    shutil.copy(sound, target)
    return target


def _truncated(sound: Path, folder: Path) -> Path:
    db = _copy(sound, folder, "truncated.duckdb")
    with db.open("r+b") as handle:
        handle.truncate(db.stat().st_size // 2)
    return db


def _overwritten(sound: Path, folder: Path) -> Iterator[Path]:
    """Copies of the store with 4 KB of one block overwritten, a block after another."""
    blocks = (sound.stat().st_size - HEADERS) // BLOCK
    noise = bytes((i * 131 + 7) % 256 for i in range(4096))
    for block in range(blocks):
        db = _copy(sound, folder, f"overwritten-{block}.duckdb")
        with db.open("r+b") as handle:
            handle.seek(HEADERS + block * BLOCK + 1024)
            handle.write(noise)
        yield db


def _damaged_by_overwrite(sound: Path, folder: Path) -> Path:
    """The first overwritten copy whose damage lies in data the store holds (a block in
    use); blocks the store does not use can be overwritten harmlessly."""
    for db in _overwritten(sound, folder):
        try:
            with Store(db, read_only=True) as store:
                if store.check():
                    return db
        except Exception:
            return db
    raise AssertionError("no overwritten block was in use")


@pytest.mark.parametrize("damage", ["truncated", "overwritten"])
@pytest.mark.parametrize(
    "command",
    [
        ["events"],
        ["export", "--format", "acled-csv", "OUT"],
        ["ingest", str(EXAMPLES / "01-kafr-nabl-airstrikes-ap.txt"), "--quiet"],
        ["check"],
        ["control", "Kafr Nabl"],
    ],
)
def test_a_damaged_store_is_refused_in_one_line_with_exit_3(
    sound: Path, tmp_path: Path, damage: str, command: list[str]
) -> None:
    db = (
        _truncated(sound, tmp_path)
        if damage == "truncated"
        else _damaged_by_overwrite(sound, tmp_path)
    )
    before = db.read_bytes()
    args = [str(tmp_path / "out.csv") if a == "OUT" else a for a in command]
    result = _run(*args, "--db", str(db))
    assert result.returncode == 3, result.stderr
    line = _one_line_error(result)
    assert "damaged" in line and ("restore" in line or "check" in line)
    assert not (tmp_path / "out.csv").exists()  # nothing exported from damaged data
    if command[0] == "ingest":
        assert db.read_bytes() == before  # refused before writing anything


def test_check_says_sound_for_a_sound_store(sound: Path) -> None:
    result = _run("check", "--db", str(sound))
    assert result.returncode == 0, result.stderr
    assert "sound" in result.stdout


def test_check_finds_a_merge_that_disagrees_and_repair_mends_it(
    sound: Path, tmp_path: Path
) -> None:
    db = _copy(sound, tmp_path, "lagging.duckdb")
    with Store(db) as store:
        store.db.execute("DELETE FROM merged_members")
        store.db.execute("DELETE FROM merged_events")
    result = _run("check", "--db", str(db))
    assert result.returncode == 3
    assert "--repair" in _one_line_error(result)
    repaired = _run("check", "--repair", "--db", str(db))
    assert repaired.returncode == 0, repaired.stderr
    with Store(db, read_only=True) as one, Store(sound, read_only=True) as other:
        assert one.fingerprint() == other.fingerprint()


def test_a_read_brings_a_lagging_merge_up_to_date_and_says_so(sound: Path, tmp_path: Path) -> None:
    db = _copy(sound, tmp_path, "lagging.duckdb")
    with Store(db) as store:
        expected = store.merged_count()
        store.db.execute("DELETE FROM merged_members")
        store.db.execute("DELETE FROM merged_events")
    result = _run("events", "--db", str(db), "--format", "jsonl")
    assert result.returncode == 0, result.stderr
    assert len(result.stdout.splitlines()) == expected > 0
    assert "recomputed" in result.stderr


def _mount_small_fs(folder: Path, size: str) -> bool:
    folder.mkdir()
    if shutil.which("mount") is None:
        return False
    made = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(folder)],
        capture_output=True,
        check=False,
    )
    return made.returncode == 0


def test_a_full_disk_ends_in_one_line_with_exit_4_and_keeps_what_was_committed(
    tmp_path: Path,
) -> None:
    small = tmp_path / "small"
    if not _mount_small_fs(small, "900k"):
        pytest.skip("cannot mount a small file system here (needs root)")
    try:
        db = small / "store.duckdb"
        result = _run("ingest", str(EXAMPLES), "--db", str(db), "--batch-size", "2", "--quiet")
        assert result.returncode == 4, result.stderr
        line = _one_line_error(result)
        assert "no space left" in line and "free some space" in line
        checked = _run("check", "--db", str(db))
        assert checked.returncode == 0, checked.stderr  # committed batches are whole
    finally:
        subprocess.run(["umount", str(small)], check=False)


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("corpus") / "articles"
    write_corpus(folder, 40, seed=11)
    return folder


@pytest.mark.slow
def test_ctrl_c_ends_an_ingest_in_one_line_with_exit_130_and_a_rerun_completes_it(
    corpus: Path, tmp_path: Path
) -> None:
    db, clean = tmp_path / "interrupted.duckdb", tmp_path / "clean.duckdb"
    command = [*TADMUR, "ingest", str(corpus), "--db", str(db), "--batch-size", "4"]
    proc = subprocess.Popen(
        command,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,  # its own process group, as a terminal's foreground job
        # a shell that starts a job in the background (as CI may) makes it ignore SIGINT
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),  # noqa: PLW1509
    )
    assert proc.stderr is not None
    progress = 0
    while progress < 2:  # 20 inputs read: some batches committed
        line = proc.stderr.readline()
        assert line, "the ingest ended before it could be interrupted"
        progress += line.startswith("ingest: ")
    os.killpg(proc.pid, signal.SIGINT)  # Ctrl-C: to the whole group, workers included
    rest = proc.stderr.read()
    assert proc.wait(timeout=120) == 130
    assert "Traceback" not in rest and "KeyboardInterrupt" not in rest
    assert rest.strip().splitlines()[-1].startswith("tadmur: error: interrupted")
    events = _run("events", "--db", str(db), "--format", "jsonl")
    assert events.returncode == 0 and events.stdout.strip()  # never a silently empty answer
    with Store(db, read_only=True) as store:
        assert store.check() == []
        assert 0 < store.counts()["documents"] < 40
    again = _run("ingest", str(corpus), "--db", str(db), "--batch-size", "4", "--quiet")
    assert again.returncode == 0, again.stderr
    whole = _run("ingest", str(corpus), "--db", str(clean), "--batch-size", "4", "--quiet")
    assert whole.returncode == 0, whole.stderr
    with Store(db, read_only=True) as one, Store(clean, read_only=True) as other:
        assert one.fingerprint() == other.fingerprint()


def test_a_store_that_is_not_a_store_is_said_in_one_line(tmp_path: Path) -> None:
    folder = tmp_path / "a-folder.duckdb"
    folder.mkdir()
    junk = tmp_path / "junk.duckdb"
    junk.write_bytes(b"not a database " * 1000)
    for db in (folder, junk):
        result = _run("events", "--db", str(db))
        assert result.returncode in {2, 3}, result.stderr
        assert str(db.name) in _one_line_error(result)


def test_a_duckdb_file_of_someone_else_is_not_taken_for_a_store(tmp_path: Path) -> None:
    import duckdb

    other = tmp_path / "sales.duckdb"
    with duckdb.connect(str(other)) as db:
        db.execute("CREATE TABLE sales (id INTEGER)")
    for command in (["events"], ["ingest", str(EXAMPLES / "01-kafr-nabl-airstrikes-ap.txt")]):
        result = _run(*command, "--db", str(other))
        assert result.returncode == 3, result.stderr
        assert "not a tadmur store" in _one_line_error(result)
    with duckdb.connect(str(other), read_only=True) as db:
        tables = db.execute("SELECT table_name FROM information_schema.tables").fetchall()
    assert tables == [("sales",)]  # nothing of tadmur's was written into it


def test_a_read_does_not_write_to_a_damaged_store(sound: Path, tmp_path: Path) -> None:
    db = _copy(sound, tmp_path, "orphan.duckdb")
    with Store(db) as store:
        store.db.execute(
            "INSERT INTO events (id, document_id, event_type, sub_event_type, time_precision, "
            "confidence) VALUES ('orphan', 'no-such-document', 'Battles', 'Armed clash', 1, 0.5)"
        )
        merged = store.merged_count()
    result = _run("events", "--db", str(db))
    assert result.returncode == 3
    assert "damaged" in _one_line_error(result)
    with Store(db, read_only=True) as store:
        assert store.merged_count() == merged  # refused before mending anything


def test_usage_faults_are_exit_2_in_one_line(sound: Path, tmp_path: Path) -> None:
    env = {**os.environ, "TADMUR_STORE_WAIT": "soon"}
    result = _run("events", "--db", str(sound), env=env)
    assert result.returncode == 2 and "TADMUR_STORE_WAIT" in _one_line_error(result)
    out = tmp_path / "no-such-folder" / "x.parquet"
    result = _run("export", "--db", str(sound), "--format", "parquet", str(out))
    assert result.returncode == 2 and "no such folder" in _one_line_error(result)
