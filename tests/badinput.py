"""A corpus of bad inputs, generated at test time (nothing binary is committed).

Each `write_*` function writes one case into a folder and returns what it wrote, so that a
test can check what tadmur says about it. The good articles are short synthetic English
reports written for these tests; the French, Spanish and Arabic ones retell the first of them.
"""

from __future__ import annotations

import gzip
import json
import random
from dataclasses import dataclass
from io import BytesIO
from pathlib import Path

MIB = 1024 * 1024
HUGE_BYTES = 200 * MIB
"""The size of the huge inputs: far more than one article, far less than the disk."""

GOOD_TXT = """Rebels storm army checkpoint near Idlib

March 5, 2019

IDLIB, Syria (AP) — Rebel fighters stormed an army checkpoint on the southern edge of Idlib
on Monday, killing four soldiers, a monitoring group said.

The Syrian Observatory for Human Rights said the fighting lasted for several hours before the
government troops withdrew from the position.
"""

GOOD_HTML = """<!DOCTYPE html>
<html><head><title>Clashes in western Mosul</title>
<meta property="og:site_name" content="Tigris Daily"></head>
<body><article>
<h1>Clashes in western Mosul</h1>
<p>Iraqi forces clashed with Islamic State militants in the old city of Mosul on Sunday,
officials said, in the heaviest fighting in the area for weeks.</p>
<p>A police officer said three soldiers were killed and several militants were captured.</p>
</article></body></html>
"""

GOOD_JSONL_TEXT = (
    "Militants attack base near Kismayo\n\n"
    "Al-Shabaab militants attacked a military base near Kismayo on Friday, killing at least "
    "six soldiers, a regional official said.\n\n"
    "The attackers used a car bomb before gunmen stormed the gates, residents said."
)

GOOD_WARC_HTML = """<html><head><title>Airstrike hits market in Saada</title></head>
<body><article><h1>Airstrike hits market in Saada</h1>
<p>An airstrike hit a crowded market in the Yemeni city of Saada on Wednesday, killing
eleven civilians, medical sources said.</p>
<p>Residents said the warplanes returned an hour later and struck a nearby road.</p>
</article></body></html>
"""

FRENCH = """Des rebelles prennent un poste de l'armée près d'Idlib

Des combattants rebelles ont pris d'assaut un poste de contrôle de l'armée à la sortie sud
d'Idlib lundi, tuant quatre soldats, selon une organisation de surveillance.

Les combats ont duré plusieurs heures avant que les troupes du gouvernement ne se retirent de
la position, a précisé l'Observatoire syrien des droits de l'homme.
"""

SPANISH = """Rebeldes asaltan un puesto del ejército cerca de Idlib

Combatientes rebeldes asaltaron el lunes un puesto de control del ejército en las afueras del
sur de Idlib y mataron a cuatro soldados, según un grupo de observadores.

Los combates duraron varias horas antes de que las tropas del gobierno se retiraran de la
posición, dijo el Observatorio Sirio de Derechos Humanos.
"""

ARABIC = """مقاتلون معارضون يقتحمون حاجزا للجيش قرب إدلب

اقتحم مقاتلون من المعارضة حاجزا للجيش عند المدخل الجنوبي لمدينة إدلب يوم الاثنين، ما أدى إلى
مقتل أربعة جنود، بحسب مجموعة للرصد.

وقال المرصد السوري لحقوق الإنسان إن الاشتباكات استمرت عدة ساعات قبل أن تنسحب القوات الحكومية
من الموقع.
"""

CP1256_ENGLISH = """Shelling hits villages around Aleppo

Government artillery shelled three villages west of Aleppo (حلب) on Thursday, killing two
civilians, residents said.

Local council members in Atarib (الأتارب) said the shells fell near a school and a bakery,
and families fled towards the Turkish border.
"""

MOJIBAKE_SOURCE = """Troops repel attack on Syria’s Deir ez-Zor airport

Government troops repelled an attack by Islamic State militants on the airport of Deir ez-Zor
on Saturday — the army’s command said — in what it called a decisive defeat for the group.

Fighting continued near the airport’s southern perimeter, residents said.
"""
MOJIBAKE = MOJIBAKE_SOURCE.encode("utf-8").decode("cp1252").encode("utf-8")
"""UTF-8 read as Windows-1252 and saved again as UTF-8: 'Syria’s' becomes 'Syriaâ€™s'."""


def write_good(folder: Path) -> list[Path]:
    """The English articles that must be stored whatever else is in the batch."""
    folder.mkdir(parents=True, exist_ok=True)
    txt = folder / "good-idlib.txt"
    txt.write_text(GOOD_TXT, "utf-8")
    html = folder / "good-mosul.html"
    html.write_text(GOOD_HTML, "utf-8")
    return [txt, html]


def write_empty(folder: Path) -> Path:
    path = folder / "empty.txt"
    path.write_bytes(b"")
    return path


def write_random_bytes(folder: Path, size: int = 64 * 1024) -> Path:
    path = folder / "random.txt"
    path.write_bytes(random.Random(9).randbytes(size))
    return path


def write_pdf_as_html(folder: Path) -> Path:
    """A PDF saved with an .html name, as a crawler that trusts the link text would."""
    path = folder / "report.html"
    body = b"1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n" + random.Random(3).randbytes(
        4096
    )
    path.write_bytes(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n" + body + b"\n%%EOF\n")
    return path


def write_png(folder: Path) -> Path:
    path = folder / "photo.txt"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + random.Random(4).randbytes(2048))
    return path


INVALID_UTF8_DAMAGE = (b"\xff", b"\xe9", b"\xe2\x80")
"""A byte no UTF-8 holds, a Latin-1 'é', a curly quote cut after two of its three bytes."""


def write_invalid_utf8(folder: Path) -> Path:
    """A UTF-8 article (curly quotes, accents) damaged in three places, as a crawler that
    splices buffers or mixes encodings leaves it."""
    path = folder / "invalid-utf8.txt"
    text = MOJIBAKE_SOURCE.replace("Deir ez-Zor", "Deir ez-Zor (Dayr az-Zawr, “the Zor”)")
    data = text.encode("utf-8")
    head, middle, tail = data.partition(b"Government")
    damaged = (
        head + INVALID_UTF8_DAMAGE[0] + middle + tail.replace(b"the airport", b"the caf\xe9", 1)
    )
    path.write_bytes(damaged + INVALID_UTF8_DAMAGE[2])
    return path


def write_utf16(folder: Path) -> tuple[Path, Path]:
    """The Idlib article in UTF-16 with a byte order mark, and another without one."""
    with_bom = folder / "utf16-bom.txt"
    with_bom.write_bytes(GOOD_TXT.replace("Idlib", "Binnish").encode("utf-16"))
    without_bom = folder / "utf16-le.txt"
    without_bom.write_bytes(GOOD_TXT.replace("Idlib", "Saraqib").encode("utf-16-le"))
    return with_bom, without_bom


def write_cp1256(folder: Path) -> Path:
    path = folder / "aleppo-cp1256.txt"
    path.write_bytes(CP1256_ENGLISH.encode("cp1256"))
    return path


def write_mojibake(folder: Path) -> Path:
    path = folder / "mojibake.txt"
    path.write_bytes(MOJIBAKE)
    return path


def write_html_without_body(folder: Path) -> Path:
    path = folder / "no-body.html"
    path.write_text(
        "<!DOCTYPE html><html><head><title>Clashes in Sirte</title>"
        '<meta name="description" content="Fighting in Sirte"></head></html>',
        "utf-8",
    )
    return path


def write_deep_html(folder: Path, depth: int = 100_000) -> Path:
    """A page whose article sits under `depth` nested <div>s."""
    path = folder / "deep.html"
    paragraph = (
        "<p>Government forces shelled rebel positions near Daraa on Tuesday, "
        "killing five fighters, activists said.</p>"
    )
    path.write_text(
        "<!DOCTYPE html><html><head><title>Shelling near Daraa</title></head><body>"
        + "<div>" * depth
        + paragraph
        + "</div>" * depth
        + "</body></html>",
        "utf-8",
    )
    return path


def write_long_line(folder: Path, size: int = 5 * MIB) -> Path:
    """One line of ordinary sentences, `size` bytes long, with no line break."""
    path = folder / "one-line.txt"
    sentence = b"Fighters exchanged fire with troops near the border town on Monday. "
    path.write_bytes((sentence * (size // len(sentence) + 1))[:size])
    return path


def write_foreign(folder: Path) -> list[Path]:
    paths = []
    for lang, text in (("fr", FRENCH), ("es", SPANISH), ("ar", ARABIC)):
        path = folder / f"idlib-{lang}.txt"
        path.write_text(text, "utf-8")
        paths.append(path)
    return paths


@dataclass(frozen=True, slots=True)
class JsonlCase:
    path: Path
    good_lines: tuple[int, ...]
    """Line numbers of the valid records."""
    bad_lines: dict[int, str]
    """Line number -> what is wrong with it."""


def write_broken_jsonl(folder: Path) -> JsonlCase:
    """Valid records between invalid JSON, a non-object, a missing and a mistyped field."""
    path = folder / "feed.jsonl"
    lines = [
        json.dumps({"text": GOOD_JSONL_TEXT, "url": "https://news.test/kismayo"}),
        '{"text": "Unterminated',
        "[1, 2, 3]",
        json.dumps({"title": "A record with no body"}),
        json.dumps({"text": 42}),
        json.dumps({"html": ["<p>not a string</p>"]}),
        json.dumps({"text": GOOD_JSONL_TEXT.replace("Kismayo", "Baidoa"), "published": 20190301}),
    ]
    path.write_text("\n".join(lines) + "\n", "utf-8")
    return JsonlCase(
        path,
        good_lines=(1, 7),
        bad_lines={
            2: "not valid JSON",
            3: "not a JSON object",
            4: "no 'text' or 'html'",
            5: "'text' is not a string",
            6: "'html' is not a string",
        },
    )


@dataclass(frozen=True, slots=True)
class WarcCase:
    path: Path
    good_urls: tuple[str, ...]
    """The responses that can be read in full."""
    damaged: int
    """How many places are damaged (a garbage record, a truncated record)."""


def _warc_response(writer: object, url: str, html: str) -> None:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    assert isinstance(writer, WARCWriter)
    headers = StatusAndHeaders(
        "200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1"
    )
    record = writer.create_warc_record(
        url, "response", payload=BytesIO(html.encode("utf-8")), http_headers=headers
    )
    writer.write_record(record)


def write_damaged_warc(folder: Path, *, compressed: bool) -> WarcCase:
    """Good responses, then a record of garbage, then a good response, then a record cut short
    by the end of the file."""
    from warcio.warcwriter import WARCWriter

    def one(url: str, html: str) -> bytes:
        buffer = BytesIO()
        _warc_response(WARCWriter(buffer, gzip=compressed), url, html)
        return buffer.getvalue()

    first = one("https://news.test/saada", GOOD_WARC_HTML)
    second = one("https://news.test/hodeidah", GOOD_WARC_HTML.replace("Saada", "Hodeidah"))
    third = one("https://news.test/taiz", GOOD_WARC_HTML.replace("Saada", "Taiz"))
    last = one("https://news.test/marib", GOOD_WARC_HTML.replace("Saada", "Marib"))
    if compressed:
        # A gzip member cut short and followed by noise, as a broken download leaves it.
        junk = gzip.compress(b"WARC/1.0\r\nWARC-Type: response\r\n" + bytes(200))[:-30]
        junk += random.Random(6).randbytes(40).replace(b"\x1f", b"")
    else:
        junk = b"NOT A WARC RECORD\x00\x01\r\n" + random.Random(5).randbytes(300) + b"\r\n\r\n"
        junk = junk.replace(b"WARC/1.", b"")
    path = folder / ("crawl.warc.gz" if compressed else "crawl.warc")
    path.write_bytes(first + second + junk + third + last[: len(last) * 2 // 3])
    return WarcCase(
        path,
        good_urls=(
            "https://news.test/saada",
            "https://news.test/hodeidah",
            "https://news.test/taiz",
        ),
        damaged=2,
    )


def write_huge_txt(folder: Path, size: int = HUGE_BYTES) -> Path:
    """An article-looking text file of `size` bytes, written a chunk at a time."""
    path = folder / "huge.txt"
    chunk = (GOOD_TXT + "\n") * (MIB // len(GOOD_TXT))
    data = chunk.encode("utf-8")
    with path.open("wb") as fh:
        written = 0
        while written < size:
            piece = data[: size - written]
            fh.write(piece)
            written += len(piece)
    return path


@dataclass(frozen=True, slots=True)
class HugeJsonl:
    path: Path
    good_lines: tuple[int, ...]
    bad_lines: int
    """How many lines are bad (oversized or not JSON)."""
    first_bad: int


def write_huge_jsonl(folder: Path, size: int = HUGE_BYTES) -> HugeJsonl:
    """A JSONL dump of at least `size` bytes: a good record, one line of about half the size
    with no line break in it, a few 12 MiB lines, then short lines of garbage until the size
    is reached, and a good record at the end. Written a chunk at a time."""
    path = folder / "dump.jsonl"
    good = json.dumps({"text": GOOD_JSONL_TEXT.replace("Kismayo", "Afgooye")}).encode() + b"\n"
    last = json.dumps({"text": GOOD_JSONL_TEXT.replace("Kismayo", "Jowhar")}).encode() + b"\n"
    block = b"x" * MIB
    line_no = 1
    bad = 0
    rng = random.Random(11)
    with path.open("wb") as fh:
        fh.write(good)
        written = len(good)

        def long_line(n_mib: int) -> None:
            nonlocal written, line_no, bad
            fh.write(b'{"text": "')
            for _ in range(n_mib):
                fh.write(block)
            fh.write(b'"}\n')
            written += n_mib * MIB + 13
            line_no += 1
            bad += 1

        long_line(size // MIB // 2)
        for _ in range(4):
            long_line(12)
        pad = b"y" * 2000
        garbage = [
            b"{'single': 'quotes', 'pad': '" + pad + b"'}\n",
            b"\x00\x01\x02 binary garbage \xff\xfe" + pad + b"\n",
            b"<html><body>not json " + pad + b"</body></html>\n",
            b'{"text": "truncated ' + pad + b"\n",
        ]
        while written < size:
            lines = b"".join(rng.choice(garbage) for _ in range(1000))
            fh.write(lines)
            written += len(lines)
            line_no += 1000
            bad += 1000
        fh.write(last)
        line_no += 1
    return HugeJsonl(path, good_lines=(1, line_no), bad_lines=bad, first_bad=2)
