"""The trained event classifier at run time: a linear model over n-grams and cues.

It answers, for a sentence or a short passage, whether it reports an event and of which
ACLED sub-event type, in microseconds and with numpy alone (scikit-learn is needed only to
train it, `tadmur.classify.train`). The model is one `.npz` file in the package (the
vocabularies, their idf weights, the weight matrix in float16, the classes) beside a JSON
file that says what data it was trained on and what it reached.
"""

from __future__ import annotations

import json
import os
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from importlib import resources
from itertools import repeat
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt

from tadmur.classify.features import (
    CueSet,
    load_cues,
    normalise,
    word_char_ngrams,
    word_ngrams,
)

NONE = "none"
"""The label of a text that reports no event."""
FORMAT_VERSION = 1
_WORD_CACHE = 200_000
MODEL_FILE = "data/event_classifier.npz"
PROVENANCE_FILE = "data/event_classifier.json"

FloatArray = npt.NDArray[np.float32]


@dataclass(frozen=True, slots=True)
class Prediction:
    """The most probable label, its probability, and the probability of every label."""

    label: str
    probability: float
    probabilities: dict[str, float]

    @property
    def event(self) -> float:
        """The probability that the text reports some event."""
        return 1.0 - self.probabilities.get(NONE, 0.0)


def _tfidf(counts: Counter[int], idf: FloatArray) -> tuple[npt.NDArray[np.int64], FloatArray]:
    """Sublinear term frequency times idf, L2-normalised within the block: the indices of
    the n-grams (already looked up in the vocabulary) and their values."""
    index = np.fromiter(counts.keys(), dtype=np.int64, count=len(counts))
    tf = np.fromiter(counts.values(), dtype=np.float32, count=len(counts))
    values = ((1.0 + np.log(tf)) * idf[index]).astype(np.float32)
    norm = float(np.sqrt(np.dot(values, values)))
    if norm > 0:
        values /= norm
    return index, values


def _known(grams: list[str], vocabulary: dict[str, int]) -> list[int]:
    return [k for k in map(vocabulary.get, grams, repeat(-1)) if k >= 0]


class EventClassifier:
    """Vocabularies, idf weights and a weight matrix; `predict` is stateless."""

    def __init__(
        self,
        classes: Sequence[str],
        words: Sequence[str],
        chars: Sequence[str],
        word_idf: FloatArray,
        char_idf: FloatArray,
        weights: FloatArray,
        bias: FloatArray,
        *,
        cue_scale: float,
        temperature: float = 1.0,
        cues: CueSet | None = None,
    ) -> None:
        self.classes = tuple(classes)
        self.words = {w: i for i, w in enumerate(words)}
        self.chars = {c: i for i, c in enumerate(chars)}
        self.word_idf = word_idf
        self.char_idf = char_idf
        self.cues = cues or load_cues()
        expected = len(self.words) + len(self.chars) + len(self.cues.names)
        if weights.shape != (expected, len(self.classes)) or bias.shape != (len(self.classes),):
            raise ValueError(
                f"weights {weights.shape} and bias {bias.shape} do not fit {expected} features "
                f"and {len(self.classes)} classes"
            )
        self.weights = weights
        self.bias = bias
        self.cue_scale = cue_scale
        self.temperature = temperature
        self._word_chars: dict[str, list[int]] = {}
        """A word's known character n-grams: words repeat, looking them up once is faster."""

    @property
    def features(self) -> int:
        return int(self.weights.shape[0])

    def vector(self, text: str) -> tuple[npt.NDArray[np.int64], FloatArray]:
        """The text's feature indices and values (the same at training time)."""
        normalised = normalise(text)
        word_ids = _known(list(word_ngrams(normalised).elements()), self.words)
        char_ids: list[int] = []
        for word in normalised.split(" "):
            found = self._word_chars.get(word)
            if found is None:
                found = _known(word_char_ngrams(word), self.chars)
                if len(self._word_chars) < _WORD_CACHE:
                    self._word_chars[word] = found
            char_ids += found
        words, word_values = _tfidf(Counter(word_ids), self.word_idf)
        chars, char_values = _tfidf(Counter(char_ids), self.char_idf)
        base = len(self.words) + len(self.chars)
        cues = [base + k for k, flag in enumerate(self.cues.flags(text)) if flag]
        index = np.concatenate((words, chars + len(self.words), np.array(cues, dtype=np.int64)))
        values = np.concatenate(
            (word_values, char_values, np.full(len(cues), self.cue_scale, dtype=np.float32))
        )
        return index, values

    def scores(self, texts: Sequence[str]) -> FloatArray:
        """Decision values, one row per text and one column per class: the weights of all
        the texts' features gathered at once and summed per text (each text gets a feature
        of value 0 first, so that none is empty)."""
        if not texts:
            return np.zeros((0, len(self.classes)), dtype=np.float32)
        vectors = [self.vector(text) for text in texts]
        zero_i, zero_v = np.zeros(1, dtype=np.int64), np.zeros(1, dtype=np.float32)
        index = np.concatenate([part for i, _ in vectors for part in (zero_i, i)])
        values = np.concatenate([part for _, v in vectors for part in (zero_v, v)])
        starts = np.cumsum([0] + [len(i) + 1 for i, _ in vectors[:-1]])
        summed = np.add.reduceat(self.weights[index] * values[:, None], starts, axis=0)
        result: FloatArray = (summed + self.bias).astype(np.float32)
        return result

    def probabilities(self, texts: Sequence[str]) -> FloatArray:
        """A softmax of the decision values at the temperature fitted on tuning rows."""
        scores = self.scores(texts) * self.temperature
        scores -= scores.max(axis=1, keepdims=True)
        exp = np.exp(scores)
        result: FloatArray = exp / exp.sum(axis=1, keepdims=True)
        return result

    def predict(self, texts: Sequence[str]) -> list[Prediction]:
        out = []
        for row in self.probabilities(texts):
            best = int(np.argmax(row))
            out.append(
                Prediction(
                    label=self.classes[best],
                    probability=float(row[best]),
                    probabilities={c: float(p) for c, p in zip(self.classes, row, strict=True)},
                )
            )
        return out

    def save(self, path: Path, provenance: dict[str, Any]) -> None:
        """The model as one compressed .npz, and its provenance beside it (.json)."""
        config = {
            "format": FORMAT_VERSION,
            "cue_scale": self.cue_scale,
            "temperature": self.temperature,
            "cues": list(self.cues.names),
        }
        with path.open("wb") as handle:
            np.savez_compressed(
                handle,
                classes=np.array("\n".join(self.classes)),
                words=np.array("\n".join(self.words)),
                chars=np.array("\n".join(self.chars)),
                word_idf=self.word_idf.astype(np.float32),
                char_idf=self.char_idf.astype(np.float32),
                weights=self.weights.astype(np.float16),
                bias=self.bias.astype(np.float32),
                config=np.array(json.dumps(config, sort_keys=True)),
            )
        text = json.dumps(provenance, indent=2, sort_keys=True, ensure_ascii=False) + "\n"
        path.with_suffix(".json").write_text(text, "utf-8")

    @classmethod
    def load(cls, path: Path) -> EventClassifier:
        with np.load(path, allow_pickle=False) as data:
            config = json.loads(str(data["config"]))
            if config.get("format") != FORMAT_VERSION:
                raise ValueError(
                    f"{path}: model format {config.get('format')}, expected {FORMAT_VERSION}"
                )
            cues = load_cues()
            if list(cues.names) != config["cues"]:
                raise ValueError(
                    f"{path}: trained with other cues than data/event_cues.yaml; retrain"
                )
            return cls(
                classes=str(data["classes"]).split("\n"),
                words=_lines(str(data["words"])),
                chars=_lines(str(data["chars"])),
                word_idf=data["word_idf"],
                char_idf=data["char_idf"],
                weights=data["weights"].astype(np.float32),
                bias=data["bias"],
                cue_scale=float(config["cue_scale"]),
                temperature=float(config["temperature"]),
                cues=cues,
            )


def _lines(joined: str) -> list[str]:
    return joined.split("\n") if joined else []


MODEL_ENV = "TADMUR_EVENT_MODEL"
"""Names a model file to use instead of the shipped one (a retrained model, before it is
copied into the package)."""


@cache
def load_classifier() -> EventClassifier:
    """The model shipped in the package (or the one $TADMUR_EVENT_MODEL names), loaded once
    per process."""
    chosen = os.environ.get(MODEL_ENV)
    if chosen:
        return EventClassifier.load(Path(chosen))
    with resources.as_file(resources.files("tadmur").joinpath(MODEL_FILE)) as path:
        return EventClassifier.load(path)


def provenance() -> dict[str, Any]:
    """What the shipped model was trained on and what it reached."""
    text = resources.files("tadmur").joinpath(PROVENANCE_FILE).read_text("utf-8")
    result: dict[str, Any] = json.loads(text)
    return result
