"""Decoding raw bytes: what is text gets decoded, what is not gets a clear reason."""

from __future__ import annotations

from pathlib import Path

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


def test_jsonl_records_and_broken_lines(tmp_path: Path) -> None:
    from tadmur.ingest import iter_raw

    path = tmp_path / "feed.jsonl"
    path.write_text(
        '{"text": "Clashes in Sirte\\n\\nFighting resumed in Sirte.", "url": "https://x.test/a",'
        ' "published": "2019-04-07"}\n'
        "{not json\n"
        '{"title": "no body"}\n'
        '{"html": "<html><body><article><h1>T</h1><p>Shelling hit Derna on Monday, '
        'officials said, and residents fled the town.</p></article></body></html>"}\n',
        "utf-8",
    )
    items = list(iter_raw([str(path)]))
    good = [i for i in items if not isinstance(i, InputError)]
    bad = [i for i in items if isinstance(i, InputError)]
    assert [(g.url, g.published, g.media) for g in good] == [
        ("https://x.test/a", "2019-04-07", "text"),
        (None, None, "html"),
    ]
    assert [b.path for b in bad] == [f"{path}:2", f"{path}:3"]


def test_warc_responses_and_truncation(tmp_path: Path) -> None:
    from io import BytesIO

    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    from tadmur.ingest import iter_raw

    path = tmp_path / "crawl.warc.gz"
    with path.open("wb") as fh:
        writer = WARCWriter(fh, gzip=True)
        for n in range(2):
            body = f"<html><body><p>Report {n}: gunmen attacked a post near Gao.</p></body></html>"
            headers = StatusAndHeaders(
                "200 OK", [("Content-Type", "text/html")], protocol="HTTP/1.1"
            )
            record = writer.create_warc_record(
                f"https://news.test/{n}", "response", payload=BytesIO(body.encode()),
                http_headers=headers,
            )  # fmt: skip
            writer.write_record(record)
    items = list(iter_raw([str(path)]))
    assert [i.url for i in items if not isinstance(i, InputError)] == [
        "https://news.test/0",
        "https://news.test/1",
    ]
    truncated = tmp_path / "cut.warc.gz"
    truncated.write_bytes(path.read_bytes()[: len(path.read_bytes()) // 2 + 10])
    cut = list(iter_raw([str(truncated)]))
    assert any(isinstance(i, InputError) and "WARC" in i.reason for i in cut)


def test_folders_are_walked_in_order(tmp_path: Path) -> None:
    from tadmur.ingest import iter_raw

    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "2.txt").write_text("Second\n\nTroops shelled the town.", "utf-8")
    (tmp_path / "1.txt").write_text("First\n\nRebels attacked a post.", "utf-8")
    (tmp_path / "notes.pdf").write_bytes(b"%PDF-1.4")
    items = list(iter_raw([str(tmp_path)]))
    assert [Path(i.path).name for i in items] == ["1.txt", "2.txt"]
