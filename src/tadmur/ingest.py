"""Reading raw inputs: bytes from files or stdin become decoded `RawInput`s.

Everything that can go wrong with a file (empty, binary, too large, undecodable)
is raised here as an `InputError` naming the path and the reason, so callers can
report it and go on with the rest of the batch. Nothing is read whole that could be
large: a file is read up to the article limit, JSONL line by line (each line up to the
limit) and WARC record by record, so memory does not grow with the size of the input.
"""

from __future__ import annotations

import os
import re
import sys
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass, replace
from datetime import date
from functools import cache
from pathlib import Path
from typing import Any, BinaryIO, Literal

MAX_ARTICLE_BYTES = 10 * 1024 * 1024
"""One article larger than this is not an article: a dump, a log or a mistake."""

MAX_REPORTED_PER_FILE = 20
"""Bad JSONL lines or WARC records reported one by one per file; the rest are counted."""

Media = Literal["text", "html"]

_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"%PDF", "a PDF file"),
    (b"PK\x03\x04", "a ZIP archive (or an office document)"),
    (b"\x89PNG", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF8", "a GIF image"),
    (b"\x1f\x8b", "gzip-compressed data"),
    (b"\x7fELF", "an executable"),
)
_HTML_START = re.compile(rb"^\s*(?:<!doctype\s+html|<html|<head|<body|<!--|<meta|<article)", re.I)
_HTML_SUFFIXES = {".html", ".htm", ".xhtml", ".shtml"}


class InputError(Exception):
    """An input that cannot be processed; the message names the path and the reason."""

    def __init__(self, path: str, reason: str) -> None:
        super().__init__(f"{path}: {reason}")
        self.path = path
        self.reason = reason


@dataclass(frozen=True, slots=True)
class RawInput:
    """A decoded input with what the caller already knows about it."""

    path: str
    content: str
    media: Media
    published: str | None = None
    url: str | None = None
    encoding_note: str | None = None
    """How the bytes were decoded, when it was not plain UTF-8."""
    notes: tuple[str, ...] = ()
    """Other things worth knowing about the input (a JSONL field that was ignored)."""


INPUT_NOTE_PREFIXES = (
    "decoded as ",
    "not UTF-8",
    "not valid UTF-8",
    "repaired mojibake",
    "ignored ",
)
"""How every note about an input's bytes or fields begins (see `is_input_note`)."""


def is_input_note(warning: str) -> bool:
    """Whether a warning is about the input itself (its encoding, a repair, an ignored
    field) rather than about the article's content."""
    return warning.startswith(INPUT_NOTE_PREFIXES)


def read_path(path: str, *, published: str | None = None, url: str | None = None) -> RawInput:
    """Read one file (or `-` for stdin) into a RawInput, or raise InputError."""
    if path == "-":
        data = sys.stdin.buffer.read(MAX_ARTICLE_BYTES + 1)
        name = "<stdin>"
        suffix = ""
    else:
        p = Path(path)
        name = path
        suffix = p.suffix.lower()
        try:
            size = p.stat().st_size
        except OSError as exc:
            raise InputError(path, f"cannot read: {exc.strerror or exc}") from exc
        if p.is_dir():
            raise InputError(path, "is a directory (use `tadmur ingest` for folders)")
        if size > MAX_ARTICLE_BYTES:
            raise InputError(
                path,
                f"too large for one article: {size / 1_048_576:.1f} MiB "
                f"(limit {MAX_ARTICLE_BYTES // 1_048_576} MiB)",
            )
        try:
            # Never more than the limit, even from a file that grows or a device.
            with p.open("rb") as handle:
                data = handle.read(MAX_ARTICLE_BYTES + 1)
        except OSError as exc:
            raise InputError(path, f"cannot read: {exc.strerror or exc}") from exc
    return decode_input(data, name, suffix=suffix, published=published, url=url)


def decode_input(
    data: bytes,
    path: str,
    *,
    suffix: str = "",
    published: str | None = None,
    url: str | None = None,
) -> RawInput:
    """Decode bytes into text, refusing what is not text."""
    if len(data) > MAX_ARTICLE_BYTES:
        raise InputError(path, f"too large for one article (over {MAX_ARTICLE_BYTES} bytes)")
    if not data.strip():
        raise InputError(path, "empty file" if not data else "empty file (only whitespace)")
    for magic, what in _MAGIC:
        if data.startswith(magic):
            raise InputError(path, f"binary data, not an article: looks like {what}")
    text, note = _decode(data, path)
    if _control_ratio(text) > 0.02:
        raise InputError(path, "binary data, not an article: too many control characters")
    if not text.strip():
        raise InputError(path, "empty file (no text after decoding)")
    is_html = suffix in _HTML_SUFFIXES or bool(_HTML_START.match(text[:512].encode("utf-8")))
    return RawInput(
        path=path,
        content=text,
        media="html" if is_html else "text",
        published=published,
        url=url,
        encoding_note=note,
    )


def _decode(data: bytes, path: str) -> tuple[str, str | None]:
    """UTF-8 first; BOMs are honoured; UTF-8 with a few bad bytes keeps its UTF-8; anything
    else must be a legacy encoding that fits."""
    bom = 3 if data.startswith(b"\xef\xbb\xbf") else 0
    if bom:
        data = data[bom:]
    elif data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16"), "decoded as UTF-16 (byte order mark)"
        except UnicodeDecodeError as exc:
            raise InputError(path, "not decodable as UTF-16 despite its byte order mark") from exc
    if b"\x00" in data:
        # NULs are valid UTF-8, so UTF-16 without a BOM must be caught before UTF-8 is tried.
        utf16 = _guess_utf16_without_bom(data)
        if utf16 is not None:
            return utf16, "decoded as UTF-16 (no byte order mark)"
        raise InputError(path, "binary data, not an article: contains NUL bytes")
    try:
        return data.decode("utf-8"), None
    except UnicodeDecodeError as exc:
        first_bad = exc.start
    damaged = _damaged_utf8(data, bom + first_bad)
    if damaged is not None:
        return damaged
    legacy = _decode_legacy(data)
    if legacy is None:
        raise InputError(
            path,
            f"not valid UTF-8 (byte 0x{data[first_bad]:02x} at offset {bom + first_bad}) "
            "and no other text encoding fits",
        )
    text, encoding = legacy
    return text, f"not UTF-8; decoded as {encoding}"


def _damaged_utf8(data: bytes, first_bad: int) -> tuple[str, str] | None:
    """UTF-8 with a few broken bytes (a cut multi-byte character, a stray Latin-1 byte) is
    still UTF-8: its good characters would be garbled by any other encoding. It is UTF-8
    when it has at least as many valid multi-byte characters as bad sequences (text in a
    legacy encoding has almost none: its letters are single bytes that UTF-8 refuses)."""
    text = data.decode("utf-8", errors="replace")
    bad = text.count("\ufffd") - data.count(b"\xef\xbf\xbd")
    ascii_bytes = len(data) - len(data.translate(None, _ASCII))
    valid = len(text) - ascii_bytes - bad
    if valid < bad:
        return None
    return text, (
        f"not valid UTF-8: {bad} undecodable byte sequence{'s' if bad != 1 else ''} "
        f"replaced with U+FFFD (the first at byte {first_bad})"
    )


_LEGACY_ENCODINGS = (
    "cp1252",
    "cp1256",
    "cp1255",
    "cp1251",
    "cp1253",
    "koi8_r",
    "cp1254",
    "cp1250",
    "cp1257",
)
"""Single-byte code pages of the web, the commonest first (a tie goes to the earlier)."""
_ASCII = bytes(range(128))
_NON_ASCII_WORD = re.compile(r"\w*[^\W\x00-\x7f]\w*")
_NON_ASCII_OTHER = re.compile(r"[^\w\x00-\x7f]")
_LEGACY_SAMPLE = 64 * 1024


def _decode_legacy(data: bytes) -> tuple[str, str] | None:
    """Text in a legacy encoding: the decoding whose non-ASCII characters read most like
    words (see `_plausibility`), among the web's single-byte code pages and the multi-byte
    encodings (East Asian) that charset_normalizer guesses. A tie goes to the commoner
    code page: an English text with a few foreign words has too few other bytes for the
    letter statistics of charset_normalizer, which then guesses wildly."""
    from charset_normalizer import from_bytes

    sample = data[:_LEGACY_SAMPLE]
    candidates = list(_LEGACY_ENCODINGS)
    for match in list(from_bytes(sample))[:3]:
        if match.encoding not in candidates and _multibyte(match.encoding):
            candidates.append(match.encoding)
    scored: list[tuple[int, int, str]] = []
    for rank, encoding in enumerate(candidates):
        try:
            scored.append((_plausibility(sample.decode(encoding)), -rank, encoding))
        except (UnicodeDecodeError, LookupError):
            continue
    for _, _, encoding in sorted(scored, reverse=True):
        try:
            return data.decode(encoding), encoding
        except UnicodeDecodeError:
            continue
    return None


@cache
def _multibyte(encoding: str) -> bool:
    """Whether an encoding writes a character in several bytes (as East Asian ones do);
    of the single-byte ones, only the web's commonest (`_LEGACY_ENCODINGS`) are tried."""
    high = bytes(range(0xA1, 0xFF))
    try:
        return len(high.decode(encoding, errors="replace")) < len(high)
    except LookupError:
        return False


def _plausibility(text: str) -> int:
    """How much the non-ASCII characters of a decoding look like writing: letters in words
    of one script, in a plausible case, without stray symbols or controls."""
    score = 0
    for match in _NON_ASCII_WORD.finditer(text):
        word = match.group()
        letters = [ch for ch in word if ch.isalpha()]
        weight = sum(1 for ch in letters if not ch.isascii())
        if weight <= 1 and any(ch.isdigit() for ch in word):
            continue  # '66²', '3ј', '1º': one sign by a number says nothing of the script
        scripts = {_script(ch) for ch in letters}
        if len(scripts) != 1:
            score -= 2 * weight
            continue
        cased = word in {word.lower(), word.upper()} or (
            word[:1].isupper() and word[1:] == word[1:].lower()
        )
        # 'ÍáÈ': Latin words of accented letters only are what other scripts become.
        latin_garble = (
            scripts == {"LATIN"} and len(letters) > 1 and not any(ch.isascii() for ch in letters)
        )
        score += weight if cased and not latin_garble else -weight
    for match in _NON_ASCII_OTHER.finditer(text):
        category = unicodedata.category(match.group())
        if category == "Mn":
            previous = text[match.start() - 1] if match.start() else " "
            score -= 0 if previous.isalpha() else 1  # a mark belongs after a letter
        elif category[0] == "C" and category != "Cf":
            score -= 3
        elif category[0] not in "PZ" and category != "Sc":
            score -= 1
    return score


_EAST_ASIAN = frozenset({"CJK", "HIRAGANA", "KATAKANA", "HANGUL", "HALFWIDTH", "FULLWIDTH"})


def _script(ch: str) -> str:
    """The script of a letter, by the first word of its Unicode name; the scripts that
    East Asian writing mixes count as one."""
    if ch.isascii():
        return "LATIN"
    script = unicodedata.name(ch, "UNKNOWN").split(" ", 1)[0]
    return "CJK" if script in _EAST_ASIAN else script


def _guess_utf16_without_bom(data: bytes) -> str | None:
    """ASCII-heavy UTF-16 has a NUL in every other byte; nothing else looks like that."""
    sample = data[:4096]
    if len(sample) < 4:
        return None
    even_nuls = sample[0::2].count(0) / (len(sample) / 2)
    odd_nuls = sample[1::2].count(0) / (len(sample) / 2)
    encoding = None
    if odd_nuls > 0.3 and even_nuls < 0.05:
        encoding = "utf-16-le"
    elif even_nuls > 0.3 and odd_nuls < 0.05:
        encoding = "utf-16-be"
    if encoding is None:
        return None
    try:
        return data.decode(encoding)
    except UnicodeDecodeError:
        return None


def _control_ratio(text: str) -> float:
    sample = text[:20000]
    controls = sum(1 for ch in sample if ord(ch) < 32 and ch not in "\n\r\t\f")
    return controls / max(len(sample), 1)


# --- corpora: folders, JSONL, WARC -------------------------------------------------------

ARTICLE_SUFFIXES = frozenset({".txt", ".html", ".htm", ".xhtml", ".shtml"})


def iter_raw(
    paths: list[str], *, published: str | None = None, url: str | None = None
) -> Iterator[RawInput | InputError]:
    """Every article in `paths`: files, folders (recursively, in name order), `.jsonl`
    (fields `text` or `html`, optional `url`, `published`), `.warc`/`.warc.gz` (HTML
    responses) and `-` for stdin. A bad file or record is yielded as an InputError and the
    rest goes on."""
    for path in paths:
        p = Path(path)
        if path != "-" and p.is_dir():
            yield from iter_raw(corpus_files(p), published=published, url=url)
            continue
        name = path.casefold()
        if name.endswith(".jsonl"):
            yield from _iter_jsonl(path)
        elif name.endswith((".warc", ".warc.gz")):
            yield from _iter_warc(path)
        else:
            try:
                yield read_path(path, published=published, url=url)
            except InputError as exc:
                yield exc


def corpus_files(folder: Path) -> list[str]:
    """The inputs in a folder, recursively, in name order."""
    files = (f for f in folder.rglob("*") if f.is_file() and _is_corpus_file(f.name.casefold()))
    return [str(f) for f in sorted(files)]


def _is_corpus_file(name: str) -> bool:
    return is_collection(name) or Path(name).suffix in ARTICLE_SUFFIXES


def is_collection(path: str) -> bool:
    """A file that holds many articles (JSONL, WARC), not one."""
    return path.casefold().endswith((".jsonl", ".warc", ".warc.gz"))


def _open_stream(path: str) -> BinaryIO | InputError:
    """A file to stream from, or the reason it cannot be read."""
    try:
        return open(path, "rb")
    except OSError as exc:
        return InputError(path, f"cannot read: {exc.strerror or exc}")


class _Problems:
    """Bad lines or records of one file: the first `MAX_REPORTED_PER_FILE` are reported one
    by one, the rest only counted, so that a file of garbage gives a bounded report and
    holds no list of errors in memory."""

    def __init__(self, path: str, unit: str) -> None:
        self.path = path
        self.unit = unit
        self.count = 0
        self.unlisted = 0
        self.first_unlisted = ""
        self.last_unlisted = ""

    def admit(self, error: InputError, where: str) -> InputError | None:
        """The error if it is to be reported, else None (it is counted)."""
        self.count += 1
        if self.count <= MAX_REPORTED_PER_FILE:
            return error
        self.unlisted += 1
        self.first_unlisted = self.first_unlisted or where
        self.last_unlisted = where
        return None

    def summary(self) -> InputError | None:
        if not self.unlisted:
            return None
        return InputError(
            self.path,
            f"{self.unlisted:,} more bad {self.unit}s not listed one by one "
            f"({self.first_unlisted} to {self.last_unlisted}); "
            f"{self.count:,} bad {self.unit}s in all",
        )


def _excerpt(text: str, limit: int = 80) -> str:
    """A message from a parser, printable and short (it may quote the bad bytes)."""
    clean = "".join(ch if ch.isprintable() else f"\\x{ord(ch):02x}" for ch in text[:limit])
    return clean + ("…" if len(text) > limit else "")


def _bounded_lines(handle: BinaryIO, limit: int) -> Iterator[tuple[int, bytes | int]]:
    """(line number, line) for each line; a line longer than `limit` bytes is skipped
    without being held in memory and comes as its length instead."""
    number = 0
    while True:
        line = handle.readline(limit + 2)
        if not line:
            return
        number += 1
        if len(line.rstrip(b"\r\n")) <= limit:
            yield number, line
            continue
        length = len(line)
        while not line.endswith(b"\n"):
            line = handle.readline(1 << 20)
            if not line:
                break
            length += len(line)
        yield number, len(line.rstrip(b"\r\n")) + length - len(line)


def _iter_jsonl(path: str) -> Iterator[RawInput | InputError]:
    handle = _open_stream(path)
    if isinstance(handle, InputError):
        yield handle
        return
    problems = _Problems(path, "line")
    with handle:
        for number, line in _bounded_lines(handle, MAX_ARTICLE_BYTES):
            where = f"{path}:{number}"
            if isinstance(line, int):
                item: RawInput | InputError = InputError(
                    where,
                    f"line too large for one article: {line / 1_048_576:.1f} MiB "
                    f"(limit {MAX_ARTICLE_BYTES // 1_048_576} MiB)",
                )
            elif not line.strip():
                continue
            else:
                item = _jsonl_record(line, where)
            if isinstance(item, RawInput):
                yield item
                continue
            reported = problems.admit(item, f"line {number:,}")
            if reported is not None:
                yield reported
    summary = problems.summary()
    if summary is not None:
        yield summary


_JSON_KINDS = {
    list: "an array",
    str: "a string",
    int: "a number",
    float: "a number",
    bool: "true or false",
    type(None): "null",
    dict: "an object",
}


def _jsonl_record(line: bytes, where: str) -> RawInput | InputError:
    """One JSONL line: an object with `text` or `html`, optional `url` and `published`."""
    import json

    line = line.rstrip(b"\r\n")
    try:
        decoded = line.decode("utf-8")
    except UnicodeDecodeError as exc:
        return InputError(
            where, f"not valid UTF-8 (byte 0x{line[exc.start]:02x} at column {exc.start + 1})"
        )
    try:
        record = json.loads(decoded)
    except json.JSONDecodeError as exc:
        said = exc.msg if exc.msg.endswith(" at") else f"{exc.msg} at"
        return InputError(where, f"not valid JSON: {said} column {exc.colno}")
    except RecursionError:
        return InputError(where, "not valid JSON: nested too deeply")
    if not isinstance(record, dict):
        return InputError(
            where, f"not a JSON object but {_JSON_KINDS.get(type(record), 'a value')}"
        )
    for key in ("html", "text"):
        value = record.get(key)
        if value is not None and not isinstance(value, str):
            kind = _JSON_KINDS.get(type(value), "a value")
            return InputError(where, f"'{key}' is not a string but {kind}")
    html, text = record.get("html"), record.get("text")
    if html is None and text is None:
        return InputError(where, "record has no 'text' or 'html' field")
    body = html if html and html.strip() else text
    if not body or not body.strip():
        return InputError(where, "record's 'text' and 'html' are empty")
    notes: list[str] = []
    published = record.get("published")
    if published is not None and not _iso_day(published):
        notes.append(f"ignored 'published': not a YYYY-MM-DD date: {_excerpt(repr(published), 40)}")
        published = None
    record_url = record.get("url")
    if record_url is not None and not isinstance(record_url, str):
        notes.append(f"ignored 'url': not a string: {_excerpt(repr(record_url), 40)}")
        record_url = None
    try:
        raw = decode_input(
            body.encode("utf-8", errors="replace"),
            where,
            suffix=".html" if body is html else "",
            published=published[:10] if isinstance(published, str) else None,
            url=record_url,
        )
    except InputError as exc:
        return exc
    return replace(raw, notes=tuple(notes))


def _iso_day(value: object) -> bool:
    """A date as `YYYY-MM-DD`, or a timestamp that starts with one."""
    if not isinstance(value, str) or not re.match(r"\d{4}-\d\d-\d\d(?:$|[T ])", value):
        return False
    try:
        date.fromisoformat(value[:10])
    except ValueError:
        return False
    return True


_WARC_TYPES = frozenset(
    {"warcinfo", "response", "resource", "request", "metadata", "revisit", "conversion",
     "continuation"}
)  # fmt: skip


def _iter_warc(path: str) -> Iterator[RawInput | InputError]:
    """HTML responses of a WARC file, record by record. A damaged record is reported and
    reading resumes at the next record that can be found (the next gzip member of a
    `.warc.gz`, the next `WARC/1.x` line of a `.warc`); a record cut short by the end of the
    file is reported, never stored in part."""
    from warcio.archiveiterator import ArchiveIterator

    handle = _open_stream(path)
    if isinstance(handle, InputError):
        yield handle
        return
    problems = _Problems(path, "record")
    compressed = path.casefold().endswith(".gz")
    with handle:
        size = os.fstat(handle.fileno()).st_size
        start: int | None = 0
        while start is not None:
            handle.seek(start)
            records = ArchiveIterator(handle)
            first = True
            damaged: tuple[int, Exception] | None = None
            while damaged is None:
                try:
                    record = next(records)
                except StopIteration:
                    break
                except Exception as exc:  # warcio raises many kinds on bad bytes
                    damaged = (start if first else records.offset, exc)
                    break
                offset = start if first else records.offset
                first = False
                try:
                    item = _warc_item(record, path, offset)
                except Exception as exc:
                    damaged = (offset, exc)
                    break
                if isinstance(item, RawInput):
                    yield item
                elif item is not None:
                    reported = problems.admit(item, f"byte {offset:,}")
                    if reported is not None:
                        yield reported
            if damaged is None:
                end = start if first else records.offset
                start = None
                if size - end <= 4:
                    continue
                error = InputError(
                    path,
                    f"the file ends inside a WARC record at byte {end:,}: that record is "
                    "incomplete and was skipped",
                )
                at = end
            else:
                at, cause = damaged
                start = _next_record_start(handle, at + 1, compressed)
                then = (
                    f"reading resumed at the next record, byte {start:,}"
                    if start is not None
                    else "no readable record after it"
                )
                error = InputError(
                    path, f"unreadable WARC record at byte {at:,} ({_excerpt(str(cause))}); {then}"
                )
            reported = problems.admit(error, f"byte {at:,}")
            if reported is not None:
                yield reported
    summary = problems.summary()
    if summary is not None:
        yield summary


def _warc_item(record: Any, path: str, offset: int) -> RawInput | InputError | None:
    """The article of one WARC record: an HTML response read whole, else None."""
    if record.rec_type not in _WARC_TYPES:
        return InputError(
            path,
            f"malformed WARC record at byte {offset:,}: "
            f"WARC-Type {_excerpt(repr(record.rec_type), 40)}",
        )
    if record.rec_type != "response":
        return None
    target = record.rec_headers.get_header("WARC-Target-URI") or path
    headers = record.http_headers
    content_type = (headers.get_header("Content-Type") or "") if headers else ""
    if "html" not in content_type.casefold():
        return None
    data = record.content_stream().read(MAX_ARTICLE_BYTES + 1)
    missing = getattr(record.raw_stream, "limit", 0)
    if len(data) <= MAX_ARTICLE_BYTES and missing > 0:
        return InputError(
            path,
            f"truncated WARC record at byte {offset:,} ({_excerpt(target)}): "
            f"{missing:,} of its {record.length:,} bytes are missing; skipped",
        )
    try:
        return decode_input(data, target, suffix=".html", url=target)
    except InputError as exc:
        return exc


def _next_record_start(handle: BinaryIO, position: int, compressed: bool) -> int | None:
    """Where the next WARC record may begin at or after `position`: a gzip member's magic
    bytes, or a `WARC/1.` line."""
    marker = b"\x1f\x8b\x08" if compressed else b"\nWARC/1."
    skip = 0 if compressed else 1
    handle.seek(position)
    carry = b""
    base = position
    while True:
        chunk = handle.read(1 << 20)
        if not chunk:
            return None
        window = carry + chunk
        found = window.find(marker)
        if found >= 0:
            return base - len(carry) + found + skip
        carry = window[-(len(marker) - 1) :]
        base += len(chunk)
