"""The document stage against hand-checked fixtures and the shared seed."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tadmur.document import build_document, split_caption
from tadmur.ingest import read_path
from tadmur.model import Caption, Document
from tadmur.sources import load_sources

from .conftest import FIXTURES


def _built(
    tmp_path: Path, text: str, published: str | None = None, towns: set[str] | None = None
) -> tuple[Document, list[str]]:
    """The document of a text saved as a file, as `tadmur extract` would build it."""
    article = tmp_path / "article.txt"
    article.write_text(text, "utf-8")
    is_town = towns.__contains__ if towns is not None else None
    return build_document(read_path(str(article), published=published), load_sources(), is_town)


DOCS = FIXTURES / "documents"
CASES = sorted(p for p in DOCS.iterdir() if p.suffix in {".txt", ".html"})
FIELDS = ("title", "subtitle", "published", "outlet", "byline", "read_time_min")


def _expected(article: Path) -> dict[str, object]:
    return json.loads(article.with_suffix(".expected.json").read_text("utf-8"))  # type: ignore[no-any-return]


def _clean(article: Path) -> tuple[dict[str, object], list[str]]:
    exp = _expected(article)
    args = exp["args"]
    assert isinstance(args, dict)
    raw = read_path(str(article), published=args.get("published"), url=args.get("url"))
    doc, warnings = build_document(raw, load_sources())
    return doc.to_dict(), warnings


def test_fixture_set_is_large_enough() -> None:
    assert len(CASES) >= 12
    assert sum(1 for p in CASES if p.suffix == ".html") >= 3


@pytest.mark.parametrize("article", CASES, ids=lambda p: p.name)
def test_fixture_metadata(article: Path) -> None:
    exp = _expected(article)
    got, _ = _clean(article)
    for name in FIELDS:
        assert got[name] == exp[name], name
    assert got["captions"] == exp["captions"]
    text = got["text"]
    assert isinstance(text, str)
    for snippet in exp["text_includes"]:  # type: ignore[attr-defined]
        assert snippet in text
    for snippet in exp["text_excludes"]:  # type: ignore[attr-defined]
        assert snippet not in text
    assert text.count(str(exp["title"])) == 1


def test_metadata_accuracy_over_fixtures() -> None:
    """Field-level accuracy, printed for the closing note and floored at 0.95."""
    right = total = 0
    for article in CASES:
        exp = _expected(article)
        got, _ = _clean(article)
        for name in (*FIELDS, "captions"):
            total += 1
            right += got[name] == exp[name]
    accuracy = right / total
    print(f"document metadata accuracy: {right}/{total} = {accuracy:.3f}")
    assert accuracy >= 0.95


def test_seed_metadata_matches_gold(seed_path: Path) -> None:
    gold = json.loads(seed_path.with_suffix("").with_suffix(".gold.json").read_text("utf-8"))
    raw = read_path(str(seed_path))
    doc, _ = build_document(raw, load_sources())
    expected = gold["document"]
    assert doc.title == expected["title"]
    assert doc.subtitle == expected["subtitle"]
    assert doc.published == expected["published"]
    assert doc.outlet == expected["outlet"]
    assert doc.read_time_min == expected["read_time_min"]
    assert doc.language == expected["language"]
    assert [c.to_dict() for c in doc.captions] == expected["captions"]
    assert doc.text.count(expected["title"]) == 1
    assert "min read" not in doc.text


@pytest.mark.parametrize(
    ("line", "caption"),
    [
        (
            "Fighters gather near the front line [Getty]",
            Caption("Fighters gather near the front line", "Getty"),
        ),
        (
            "A damaged bridge north of the city (Reuters/SANA/Handout)",
            Caption("A damaged bridge north of the city", "Reuters/SANA/Handout"),
        ),
        (
            "Smoke rises over the harbour. Photo: AFP",
            Caption("Smoke rises over the harbour.", "AFP"),
        ),
        ("The monitor said the toll was likely to rise.", None),
        ("Rebels withdrew from the town (see map).", None),
    ],
)
def test_split_caption(line: str, caption: Caption | None) -> None:
    assert split_caption(line) == caption


def test_dateline_without_year_takes_published_and_warns_on_mismatch(tmp_path: Path) -> None:
    text = (
        "Rebels shell port\n\nADEN, Jan 3 (Reuters) - Rebels shelled the port on Friday, "
        "officials said.\n\nThe shelling lasted an hour, residents said.\n"
    )
    doc, warnings = _built(tmp_path, text, published="2020-01-03")
    assert (doc.published, doc.outlet, doc.dateline) == ("2020-01-03", "Reuters", "Aden")
    assert doc.text.startswith("Rebels shell port\n\nRebels shelled the port")
    assert warnings == []
    doc, warnings = _built(tmp_path, text, published="2020-06-30")
    assert doc.published == "2020-06-30"
    assert any("dateline" in w for w in warnings)


def test_dateline_year_from_text_is_flagged(tmp_path: Path) -> None:
    doc, warnings = _built(
        tmp_path,
        "Clashes resume\n\nSIRTE, Libya, March 4 (AFP) - Clashes resumed on Monday in the "
        "city, which changed hands in 2016 and again in 2020, officials said.\n",
    )
    assert doc.published == "2020-03-04"
    assert any("2020" in w and "assumed" in w for w in warnings)


def test_a_saved_pages_date_label_is_its_date_not_its_title(tmp_path: Path) -> None:
    text = (
        " date 2021-03-02 Gunmen stormed a school in the town overnight, officials said.\n\n"
        "The attackers left before dawn.\n"
    )
    doc, _ = _built(tmp_path, text)
    assert doc.published == "2021-03-02"
    assert doc.title.startswith("Gunmen stormed")
    assert "date 2021" not in doc.text
    doc, _ = _built(tmp_path, text, published="2021-03-04")
    assert doc.published == "2021-03-04"  # --published still wins


@pytest.mark.parametrize(
    ("first_line", "dateline"),
    [
        ("Bamako - At least 40 people died in fighting, the government said.", "Bamako"),
        ("Port Sudan — Shelling hit the market on Monday, residents said.", "Port Sudan"),
        ("At least 40 people died - the government said - in fighting.", None),
        ("Update - the toll rose to 12.", None),  # no capital after the dash
        ("Gaza city, Palestinian Territories: Two men were killed on Sunday.", "Gaza city"),
        ("Update: Two men were killed on Sunday.", None),  # no town, comma and country
        ("In Mopti, Mali: Gunmen killed five people.", None),  # "In Mopti" is no town
        ("Gunmen - some of them masked - killed five.", None),  # nor is "Gunmen"
    ],
)
def test_a_dateline_in_title_case(tmp_path: Path, first_line: str, dateline: str | None) -> None:
    text = f"Fighting in the centre\n\n{first_line}\n\nMore later.\n"
    towns = {"Bamako", "Port Sudan", "Gaza city", "Update", "At"}
    doc, _ = _built(tmp_path, text, published="2019-10-02", towns=towns)
    assert doc.dateline == dateline
    assert (first_line.split(" ", 1)[0] + " " in doc.text) == (dateline is None)


def test_a_saved_pages_lead_keeps_its_dateline_out_of_the_text(tmp_path: Path) -> None:
    doc, _ = _built(
        tmp_path,
        " date 2024-03-06 GOMA, Congo (AP) — Rebels seized a town in the east, residents "
        "said.\n\nThousands fled.\n",
    )
    assert (doc.published, doc.dateline, doc.outlet) == ("2024-03-06", "Goma", "AP")
    assert doc.text.startswith("Rebels seized")
