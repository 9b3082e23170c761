"""Training the event classifier from ACLED rows, reproducibly (`tadmur train`).

The same CSV, written examples, configuration and seed give the same model file, byte for
byte. The rows are split in time (`tadmur.acled`): the model learns from the earlier part
only; within it, the last months tune the softmax temperature and give the tuning figures;
the later part, never looked at while choosing anything, gives the held-out figures that the
provenance file records.

Training data:
- each ACLED row's notes, labelled with its sub-event type, and (`first_sentence`) the
  note's first sentence alone with the same label, since the model is asked about single
  sentences of articles too;
- examples written for the project (`training/written/*.jsonl`: sentences that report no
  event, labelled `none`, and events of the sub-event types ACLED's rows hold few of).
scikit-learn is needed here only; the trained model runs with numpy.
"""

from __future__ import annotations

import hashlib
import json
import math
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass, field, replace
from datetime import date
from pathlib import Path
from typing import Any

import numpy as np
import yaml

from tadmur.acled import AcledRow, balanced_sample
from tadmur.classify.features import char_ngrams, load_cues, normalise, word_ngrams
from tadmur.classify.model import NONE, EventClassifier, FloatArray

TUNE_FROM: dict[str, date] = {"Carol0128/Data:acled_data.csv": date(2014, 1, 1)}
"""Within the training part of each source, the first day of the tuning rows."""
DEFAULT_TUNE_FROM = date(2022, 4, 1)
_FIRST_SENTENCE = re.compile(r"^(.+?[.!?])\s+(?=[\"'(]?[A-Z0-9])", re.DOTALL)


@dataclass(frozen=True, slots=True)
class TrainConfig:
    """Everything that decides the model besides the data; a YAML file may set any field."""

    seed: int = 0
    c: float = 0.05
    """Inverse regularisation of the linear SVM."""
    min_df: int = 2
    """An n-gram must occur in this many training texts to be a feature."""
    max_features: int = 200_000
    """Word and character n-grams kept after a first fit, by their largest weight."""
    cue_scale: float = 0.6
    first_sentence: bool = True
    written_weight: float = 1.0
    balance: float = 1.0
    """Class weights are (mean count / class count) to this power: 1 weighs every class
    alike, 0 every example alike."""

    @classmethod
    def from_file(cls, path: Path) -> TrainConfig:
        raw = yaml.safe_load(path.read_text("utf-8")) or {}
        if not isinstance(raw, dict):
            raise ValueError(f"{path}: a training config is a mapping")
        unknown = set(raw) - set(cls.__dataclass_fields__)
        if unknown:
            raise ValueError(f"{path}: unknown settings {sorted(unknown)}")
        return cls(**raw)


@dataclass(frozen=True, slots=True)
class Example:
    text: str
    label: str
    weight: float = 1.0
    tune: bool = False
    """Held back from fitting to tune the temperature and report the tuning figures."""


def _tuning(row: AcledRow) -> bool:
    return row.event_date >= TUNE_FROM.get(row.source, DEFAULT_TUNE_FROM)


def first_sentence(text: str) -> str | None:
    """The first sentence of a note that has more than one."""
    found = _FIRST_SENTENCE.match(text.strip())
    return found.group(1) if found else None


def row_examples(rows: Iterable[AcledRow], config: TrainConfig) -> list[Example]:
    out: list[Example] = []
    for row in rows:
        tune = _tuning(row)
        out.append(Example(row.notes, row.sub_event_type, tune=tune))
        lead = first_sentence(row.notes) if config.first_sentence else None
        if lead is not None:
            out.append(Example(lead, row.sub_event_type, tune=tune))
    return out


def read_written(paths: Iterable[Path], weight: float = 1.0) -> list[Example]:
    """Examples written for the project, one JSON object per line: {"text", "label"}. One
    in five (chosen by a hash of the text, so always the same ones) tunes."""
    out: list[Example] = []
    for path in sorted(paths):
        for number, line in enumerate(path.read_text("utf-8").splitlines(), start=1):
            if not line.strip():
                continue
            try:
                record = json.loads(line)
                text, label = str(record["text"]), str(record["label"])
            except (ValueError, KeyError, TypeError) as exc:
                raise ValueError(f"{path}:{number}: not a {{text, label}} object: {exc}") from exc
            tune = hashlib.sha256(text.encode()).digest()[0] % 5 == 0
            out.append(Example(text, label, weight, tune))
    return out


@dataclass(slots=True)
class _Vocabulary:
    words: list[str]
    chars: list[str]
    word_idf: FloatArray
    char_idf: FloatArray


def _vocabulary(texts: Sequence[str], min_df: int) -> _Vocabulary:
    word_df: Counter[str] = Counter()
    char_df: Counter[str] = Counter()
    for text in texts:
        normalised = normalise(text)
        word_df.update(word_ngrams(normalised).keys())
        char_df.update(char_ngrams(normalised).keys())
    n = len(texts)

    def keep(df: Counter[str]) -> tuple[list[str], FloatArray]:
        grams = sorted(g for g, k in df.items() if k >= min_df)
        idf = np.array([math.log((1 + n) / (1 + df[g])) + 1.0 for g in grams], dtype=np.float32)
        return grams, idf

    words, word_idf = keep(word_df)
    chars, char_idf = keep(char_df)
    return _Vocabulary(words, chars, word_idf, char_idf)


def _blank(vocab: _Vocabulary, classes: Sequence[str], cue_scale: float) -> EventClassifier:
    """A model with zero weights: its `vector` is the featurizer for these vocabularies."""
    n = len(vocab.words) + len(vocab.chars) + len(load_cues().names)
    return EventClassifier(
        classes, vocab.words, vocab.chars, vocab.word_idf, vocab.char_idf,
        np.zeros((n, len(classes)), dtype=np.float32), np.zeros(len(classes), dtype=np.float32),
        cue_scale=cue_scale,
    )  # fmt: skip


def _matrix(model: EventClassifier, texts: Sequence[str]) -> Any:
    from scipy.sparse import csr_matrix

    indptr, indices, data = [0], [], []
    for text in texts:
        index, values = model.vector(text)
        order = np.argsort(index, kind="stable")
        indices.append(index[order])
        data.append(values[order].astype(np.float64))
        indptr.append(indptr[-1] + len(index))
    return csr_matrix(
        (np.concatenate(data), np.concatenate(indices), np.array(indptr)),
        shape=(len(texts), model.features),
    )


def _fit(
    examples: Sequence[Example], classes: Sequence[str], vocab: _Vocabulary, config: TrainConfig
) -> EventClassifier:
    from sklearn.svm import LinearSVC

    blank = _blank(vocab, classes, config.cue_scale)
    matrix = _matrix(blank, [e.text for e in examples])
    labels = np.array([classes.index(e.label) for e in examples])
    counts = np.bincount(labels, minlength=len(classes)).astype(np.float64)
    # balanced class weights (see `balance`), times each example's own weight
    per_class = (len(labels) / (len(classes) * np.maximum(counts, 1.0))) ** config.balance
    weights = per_class[labels] * np.array([e.weight for e in examples])
    svm = LinearSVC(C=config.c, random_state=config.seed, max_iter=5000)
    svm.fit(matrix, labels, sample_weight=weights)
    coef = np.zeros((blank.features, len(classes)), dtype=np.float32)
    bias = np.zeros(len(classes), dtype=np.float32)
    present = [int(k) for k in svm.classes_]
    coef[:, present] = svm.coef_.T
    bias[present] = svm.intercept_
    bias[[k for k in range(len(classes)) if k not in present]] = -1e3
    return EventClassifier(
        classes, vocab.words, vocab.chars, vocab.word_idf, vocab.char_idf, coef, bias,
        cue_scale=config.cue_scale,
    )  # fmt: skip


def _prune(model: EventClassifier, vocab: _Vocabulary, keep: int) -> _Vocabulary:
    """The n-grams with the largest weights; the idf of each stays what it was."""
    n_words, n_chars = len(vocab.words), len(vocab.chars)
    if n_words + n_chars <= keep:
        return vocab
    strength = np.abs(model.weights[: n_words + n_chars]).max(axis=1)
    order = np.lexsort((np.arange(n_words + n_chars), -strength))[:keep]
    chosen = np.sort(order)
    word_ids = chosen[chosen < n_words]
    char_ids = chosen[chosen >= n_words] - n_words
    return _Vocabulary(
        [vocab.words[i] for i in word_ids],
        [vocab.chars[i] for i in char_ids],
        vocab.word_idf[word_ids],
        vocab.char_idf[char_ids],
    )


def fit_model(
    examples: Sequence[Example], classes: Sequence[str], config: TrainConfig
) -> EventClassifier:
    """Vocabulary, a first fit, pruning to `max_features`, and the final fit."""
    vocab = _vocabulary([e.text for e in examples], config.min_df)
    first = _fit(examples, classes, vocab, config)
    pruned = _prune(first, vocab, config.max_features)
    if pruned is vocab:
        return first
    return _fit(examples, classes, pruned, config)


def fit_temperature(model: EventClassifier, examples: Sequence[Example]) -> float:
    """The softmax temperature that makes the decision values most likely on tuning texts."""
    if not examples:
        return 1.0
    scores = model.scores([e.text for e in examples]).astype(np.float64)
    labels = np.array([model.classes.index(e.label) for e in examples])
    best, best_loss = 1.0, math.inf
    for temperature in np.geomspace(0.25, 64.0, 49):
        z = scores * temperature
        z -= z.max(axis=1, keepdims=True)
        log_p = z - np.log(np.exp(z).sum(axis=1, keepdims=True))
        loss = -float(log_p[np.arange(len(labels)), labels].mean())
        if loss < best_loss - 1e-12:
            best, best_loss = float(temperature), loss
    return round(best, 4)


def note_figures(
    model: EventClassifier, rows: Sequence[AcledRow], per_type: int = 40, seed: int = 0
) -> dict[str, Any]:
    """The classifier alone on whole notes: the share whose most probable event type is
    ACLED's (on the balanced sample, its macro average, and on all rows), and the share
    the model calls no event."""

    def shares(group: Sequence[AcledRow]) -> dict[str, Any]:
        if not group:
            return {"rows": 0}
        probabilities = model.probabilities([r.notes for r in group])
        event_columns = [k for k, c in enumerate(model.classes) if c != NONE]
        best = [
            model.classes[event_columns[int(np.argmax(p[event_columns]))]] for p in probabilities
        ]
        none = [model.classes[int(np.argmax(p))] == NONE for p in probabilities]
        right: dict[str, list[bool]] = {}
        for row, label in zip(group, best, strict=True):
            right.setdefault(row.sub_event_type, []).append(label == row.sub_event_type)
        per_type_share = {t: round(sum(v) / len(v), 4) for t, v in sorted(right.items())}
        return {
            "rows": len(group),
            "sub_event_type": round(sum(sum(v) for v in right.values()) / len(group), 4),
            "sub_event_type_macro": round(sum(per_type_share.values()) / len(per_type_share), 4),
            "called_no_event": round(sum(none) / len(group), 4),
            "by_sub_event_type": per_type_share,
        }

    return {"balanced": shares(balanced_sample(rows, per_type, seed)), "whole": shares(rows)}


@dataclass(slots=True)
class TrainResult:
    model: EventClassifier
    provenance: dict[str, Any] = field(default_factory=dict)


def train(
    rows: Sequence[AcledRow],
    written: Sequence[Example],
    config: TrainConfig,
    *,
    data: dict[str, Any],
) -> TrainResult:
    """Fit on the training part minus its tuning months, fit the temperature on those, then
    refit on the whole training part; score the tuning rows and the held-out rows."""
    train_rows = [r for r in rows if r.part == "train"]
    held_out = [r for r in rows if r.part == "heldout"]
    examples = [*row_examples(train_rows, config), *written]
    classes = [*sorted({e.label for e in examples} - {NONE}), NONE]
    fitting = [e for e in examples if not e.tune]
    tuning = [e for e in examples if e.tune]
    draft = fit_model(fitting, classes, config)
    temperature = fit_temperature(draft, tuning)
    tune_rows = [r for r in train_rows if _tuning(r)]
    draft.temperature = temperature
    tuning_figures = note_figures(draft, tune_rows)
    written_tuning = [e for e in tuning if e.label == NONE]
    if written_tuning:
        predicted = draft.predict([e.text for e in written_tuning])
        tuning_figures["written_none_called_none"] = round(
            sum(p.label == NONE for p in predicted) / len(predicted), 4
        )
    model = fit_model(examples, classes, config)
    model.temperature = temperature
    provenance = {
        "model": "linear SVM (scikit-learn LinearSVC, one-vs-rest) over word 1-2-grams, "
        "character 3-6-grams within words and cue flags; softmax temperature fitted on the "
        "tuning rows",
        "config": asdict(config),
        "classes": list(classes),
        "features": model.features,
        "temperature": temperature,
        "data": data,
        "examples": {
            "acled_rows_train": len(train_rows),
            "acled_rows_tuning": len(tune_rows),
            "acled_rows_held_out": len(held_out),
            "written": len(written),
            "by_label": dict(sorted(Counter(e.label for e in examples).items())),
        },
        "split": {
            "held_out_from": "per source: Carol0128/Data:acled_data.csv 2017-01-01, "
            "others 2022-05-01 (tadmur.acled.HELD_OUT_FROM)",
            "tuning_from": "within the training part: Carol0128/Data:acled_data.csv "
            "2014-01-01, others 2022-04-01; written examples: one in five by text hash",
        },
        "figures": {
            "tuning_rows": tuning_figures,
            "held_out_rows": note_figures(model, held_out) if held_out else None,
        },
    }
    return TrainResult(model, provenance)


def file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def with_seed(config: TrainConfig, seed: int | None) -> TrainConfig:
    return config if seed is None else replace(config, seed=seed)
