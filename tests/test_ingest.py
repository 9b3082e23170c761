"""Decoding raw bytes: what is text gets decoded, what is not gets a clear reason."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tadmur.ingest import MAX_ARTICLE_BYTES, InputError, decode_input

ARTICLE = (
    "Fighting near Kidal\n\nGunmen attacked an army post near Kidal on Monday, officials said."
)


@pytest.mark.parametrize(
    ("data", "encoding_note"),
    [
        (ARTICLE.encode("utf-8"), None),
        (b"\xef\xbb\xbf" + ARTICLE.encode("utf-8"), None),
        (ARTICLE.encode("utf-16"), "decoded as UTF-16 (byte order mark)"),
        (ARTICLE.encode("utf-16-le"), "decoded as UTF-16 (no byte order mark)"),
    ],
)
def test_text_encodings_decode(data: bytes, encoding_note: str | None) -> None:
    raw = decode_input(data, "a.txt")
    assert raw.content == ARTICLE
    assert raw.encoding_note == encoding_note
    assert raw.media == "text"


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"", "empty file"),
        (b"  \n\t\n", "empty file (only whitespace)"),
        (b"%PDF-1.7\n%\xe2\xe3", "binary data, not an article: looks like a PDF file"),
        (b"PK\x03\x04rest", "binary data, not an article: looks like a ZIP archive"),
        (bytes(range(1, 32)) * 50, "binary data, not an article: too many control characters"),
    ],
)
def test_non_text_is_refused_with_reason(data: bytes, reason: str) -> None:
    with pytest.raises(InputError) as info:
        decode_input(data, "bad.txt")
    assert info.value.path == "bad.txt"
    assert info.value.reason.startswith(reason)


def test_too_large_is_refused() -> None:
    with pytest.raises(InputError, match="too large"):
        decode_input(b"a" * (MAX_ARTICLE_BYTES + 1), "big.txt")


def test_windows_1256_arabic_is_decoded_with_a_note() -> None:
    text = "اشتباكات عنيفة في مدينة حلب بين القوات الحكومية ومسلحي المعارضة " * 5
    raw = decode_input(text.encode("cp1256"), "ar.txt")
    assert raw.encoding_note is not None and "not UTF-8" in raw.encoding_note
    assert "حلب" in raw.content


def test_html_is_recognised_by_content_or_suffix() -> None:
    assert decode_input(b"<!DOCTYPE html><html><p>x</p></html>", "page").media == "html"
    assert decode_input(b"<p>Fighting resumed.</p>", "page.htm", suffix=".htm").media == "html"


@given(st.binary(max_size=2000))
def test_arbitrary_bytes_decode_or_fail_cleanly(data: bytes) -> None:
    try:
        raw = decode_input(data, "fuzz.bin")
    except InputError as exc:
        assert exc.reason
    else:
        assert raw.content.strip()
