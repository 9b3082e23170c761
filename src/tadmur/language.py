"""Which language an article is in, cheaply and without a model.

Non-English articles must be reported and skipped, never coded as English events.
Scripts decide first (Arabic, Cyrillic, ...); within the Latin alphabet, the share
of each language's commonest function words decides.
"""

from __future__ import annotations

import re
from functools import cache
from importlib import resources

import yaml

_WORD = re.compile(r"[^\W\d_]+")
_SCRIPTS: tuple[tuple[str, str], ...] = (
    ("\u0600-\u06ff\u0750-\u077f", "arabic"),
    ("\u0400-\u04ff", "cyrillic"),
    ("\u0590-\u05ff", "he"),
    ("\u4e00-\u9fff", "zh"),
    ("\u3040-\u30ff", "ja"),
    ("\uac00-\ud7af", "ko"),
    ("\u0900-\u097f", "hi"),
    ("\u0e00-\u0e7f", "th"),
    ("\u0370-\u03ff", "el"),
    ("\u1200-\u137f", "am"),
)
_SAMPLE = 20_000


@cache
def _stopwords() -> dict[str, frozenset[str]]:
    text = resources.files("tadmur").joinpath("data/stopwords.yaml").read_text("utf-8")
    raw = yaml.safe_load(text)
    return {lang: frozenset(str(w) for w in words) for lang, words in raw.items()}


def detect_language(text: str) -> str | None:
    """An ISO 639-1 code, or None when the text has too few words to tell."""
    sample = text[:_SAMPLE]
    letters = sum(1 for ch in sample if ch.isalpha())
    if letters == 0:
        return None
    for span, name in _SCRIPTS:
        count = len(re.findall(f"[{span}]", sample))
        if count / letters > 0.3:
            return _refine_script(name, sample)
    words = [w.casefold() for w in _WORD.findall(sample)]
    if len(words) < 5:
        return "en" if words else None
    scores = {
        lang: sum(1 for w in words if w in stops) / len(words)
        for lang, stops in _stopwords().items()
    }
    best = max(sorted(scores), key=lambda lang: scores[lang])
    if scores[best] < 0.05:
        return None
    return best


def _refine_script(name: str, sample: str) -> str:
    if name == "arabic":
        if re.search("[\u067e\u0686\u0698\u06af\u06cc]", sample):
            return "fa"
        return "ar"
    if name == "cyrillic":
        return "uk" if re.search("[іїєґІЇЄҐ]", sample) else "ru"
    return name
