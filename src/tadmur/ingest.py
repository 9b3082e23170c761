"""Reading raw inputs: bytes from files or stdin become decoded `RawInput`s.

Everything that can go wrong with a file (empty, binary, too large, undecodable)
is raised here as an `InputError` naming the path and the reason, so callers can
report it and go on with the rest of the batch.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO, Literal

MAX_ARTICLE_BYTES = 10 * 1024 * 1024
"""One article larger than this is not an article: a dump, a log or a mistake."""

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
            data = p.read_bytes()
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
    is_html = suffix in _HTML_SUFFIXES or bool(_HTML_START.match(text.encode("utf-8")[:512]))
    return RawInput(
        path=path,
        content=text,
        media="html" if is_html else "text",
        published=published,
        url=url,
        encoding_note=note,
    )


def _decode(data: bytes, path: str) -> tuple[str, str | None]:
    """UTF-8 first; BOMs are honoured; anything else must be confidently detected."""
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="replace"), None
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
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
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None or best.encoding is None:
        raise InputError(path, "not valid UTF-8 and no other text encoding fits")
    return str(best), f"not UTF-8; decoded as {best.encoding}"


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
    return name.endswith((".jsonl", ".warc", ".warc.gz")) or Path(name).suffix in ARTICLE_SUFFIXES


def _open_stream(path: str) -> BinaryIO | InputError:
    """A file to stream from, or the reason it cannot be read."""
    try:
        return open(path, "rb")
    except OSError as exc:
        return InputError(path, f"cannot read: {exc.strerror or exc}")


def _iter_jsonl(path: str) -> Iterator[RawInput | InputError]:
    import json

    handle = _open_stream(path)
    if isinstance(handle, InputError):
        yield handle
        return
    with handle:
        for number, line in enumerate(handle, start=1):
            where = f"{path}:{number}"
            if not line.strip():
                continue
            if len(line) > MAX_ARTICLE_BYTES:
                yield InputError(where, "line too large for one article")
                continue
            try:
                record = json.loads(line)
            except (json.JSONDecodeError, UnicodeDecodeError) as exc:
                yield InputError(where, f"not a JSON object: {exc}")
                continue
            if not isinstance(record, dict):
                yield InputError(where, "not a JSON object")
                continue
            body = record.get("html") if record.get("html") else record.get("text")
            if not isinstance(body, str) or not body.strip():
                yield InputError(where, "record has no 'text' or 'html' field")
                continue
            published = record.get("published")
            record_url = record.get("url")
            try:
                raw = decode_input(
                    body.encode("utf-8"),
                    where,
                    suffix=".html" if record.get("html") else "",
                    published=published if isinstance(published, str) else None,
                    url=record_url if isinstance(record_url, str) else None,
                )
            except InputError as exc:
                yield exc
                continue
            yield raw


def _iter_warc(path: str) -> Iterator[RawInput | InputError]:
    from warcio.archiveiterator import ArchiveIterator
    from warcio.exceptions import ArchiveLoadFailed

    handle = _open_stream(path)
    if isinstance(handle, InputError):
        yield handle
        return
    with handle:
        records = ArchiveIterator(handle)
        while True:
            try:
                record = next(records)
            except StopIteration:
                break
            except (ArchiveLoadFailed, OSError, ValueError, EOFError) as exc:
                yield InputError(path, f"WARC record unreadable, rest of file skipped: {exc}")
                return
            if record.rec_type != "response":
                continue
            target = record.rec_headers.get_header("WARC-Target-URI") or path
            content_type = (
                (record.http_headers.get_header("Content-Type") or "")
                if record.http_headers
                else ""
            )
            if "html" not in content_type.casefold():
                continue
            try:
                data = record.content_stream().read(MAX_ARTICLE_BYTES + 1)
            except (OSError, ValueError, EOFError) as exc:
                yield InputError(f"{path} {target}", f"truncated WARC record: {exc}")
                return
            try:
                yield decode_input(data, target, suffix=".html", url=target)
            except InputError as exc:
                yield exc
    if path.casefold().endswith(".gz") and not _gzip_complete(path):
        yield InputError(path, "truncated WARC: the compressed stream ends early, last record lost")


def _gzip_complete(path: str) -> bool:
    """warcio stops quietly at a cut-off gzip member; reading the stream through tells."""
    import gzip
    import zlib

    try:
        with gzip.open(path, "rb") as fh:
            while fh.read(1 << 20):
                pass
    except (EOFError, OSError, zlib.error):
        return False
    return True
