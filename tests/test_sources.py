"""The outlets data file: well formed, unambiguous, and resolving its own aliases."""

from __future__ import annotations

import pytest

from tadmur.sources import load_sources, parse_sources


def test_every_alias_resolves_to_its_own_source() -> None:
    lexicon = load_sources()
    for source in lexicon.sources:
        for alias in source.aliases:
            found = lexicon.lookup(alias)
            assert found is not None and found.name == source.name, alias


def test_names_are_unique() -> None:
    names = [s.name for s in load_sources().sources]
    assert len(names) == len(set(names))


def test_lookup_ignores_case_and_article_but_not_for_short_acronyms() -> None:
    lexicon = load_sources()
    assert lexicon.lookup("the syrian observatory for human rights").name == "SOHR"  # type: ignore[union-attr]
    assert lexicon.lookup("new arab").name == "The New Arab"  # type: ignore[union-attr]
    assert lexicon.lookup("ap") is None
    assert lexicon.lookup("Nobody Times") is None


def test_domains() -> None:
    lexicon = load_sources()
    assert lexicon.by_domain("www.reuters.com").name == "Reuters"  # type: ignore[union-attr]
    assert lexicon.by_domain("english.alaraby.co.uk").name == "The New Arab"  # type: ignore[union-attr]
    assert lexicon.by_domain("example.org") is None


@pytest.mark.parametrize(
    "raw",
    [{"name": "X"}, [{"kind": "agency"}], [{"name": "X", "kind": "blog"}]],
)
def test_malformed_entries_are_errors(raw: object) -> None:
    with pytest.raises(ValueError):
        parse_sources(raw)
