"""Shared test helpers: where fixtures live and where the shared development corpus is."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tadmur.store import Store

FIXTURES = Path(__file__).parent / "fixtures"
SHARED_CORPUS = Path(__file__).resolve().parents[1].parent / "shared" / "corpus"
SEED = SHARED_CORPUS / "palmyra-2016-03-27.txt"


@pytest.fixture(scope="session")
def seed_path() -> Path:
    """The shared seed article; tests that need it skip cleanly when it is absent."""
    if not SEED.exists():
        pytest.skip("../shared/corpus is not present")
    return SEED


@pytest.fixture(scope="module")
def store(db: Path) -> Iterator[Store]:
    """The store a module builds in its `db` fixture, opened read-only for its tests."""
    with Store(db, read_only=True) as opened:
        yield opened
