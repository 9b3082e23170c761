"""`tadmur bench`: throughput and memory, per stage and end to end, beside the naive way.

Four measurements in one run, on one corpus (a deterministic synthetic one by default):

1. per stage, in this process, with every stage timed (`StageClock`);
2. end to end, `ingest` into a fresh store with worker processes already started: read,
   clean, parse, resolve, store, and the cross-article merge at the end;
3. the naive baseline, on the first articles of the same corpus: the same ingest in one
   process with the full spaCy pipeline over every sentence (no sentence filter);
4. the gold sets scored with and without the sentence filter, to show that it changes
   nothing (and, given `acled`, the held-out ACLED rows scored as SPEC §4b says);
5. the event classifier alone: how long its model takes to load, how fast it classifies
   the corpus's sentences on one core, and the size of its file.

Peak RSS is read from the kernel's accounting for this process and for its children (the
workers, once they have exited).
"""

from __future__ import annotations

import os
import resource
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from itertools import islice
from pathlib import Path
from typing import Any

from tadmur.evaluate import evaluate
from tadmur.model import Extraction
from tadmur.pipeline import Pipeline, StageClock, ingest, read_inputs
from tadmur.store import Store

STAGES = ("read", "clean", "focus", "parse", "when", "where", "who", "events", "store", "merge")


@dataclass(slots=True)
class BenchResult:
    articles: int
    words: int
    workers: int
    seconds: float
    startup_seconds: float
    baseline_articles: int
    baseline_seconds: float
    peak_rss_mb: float
    stage_seconds: dict[str, float]
    stage_articles: int
    stage_words: int
    corpus: dict[str, Any] = field(default_factory=dict)
    eval: dict[str, Any] = field(default_factory=dict)
    classifier: dict[str, Any] = field(default_factory=dict)

    @property
    def articles_per_s(self) -> float:
        return self.articles / self.seconds if self.seconds else 0.0

    @property
    def baseline_articles_per_s(self) -> float:
        return self.baseline_articles / self.baseline_seconds if self.baseline_seconds else 0.0

    def to_dict(self) -> dict[str, Any]:
        stages = {
            name: {
                "seconds": round(seconds, 4),
                "articles_per_s": _rate(self.stage_articles, seconds),
                "words_per_s": _rate(self.stage_words, seconds),
            }
            for name, seconds in self.stage_seconds.items()
        }
        return {
            "articles": self.articles,
            "words": self.words,
            "workers": self.workers,
            "seconds": round(self.seconds, 3),
            "startup_seconds": round(self.startup_seconds, 3),
            "articles_per_s": round(self.articles_per_s, 2),
            "words_per_s": round(self.words / self.seconds, 1) if self.seconds else 0.0,
            "peak_rss_mb": round(self.peak_rss_mb, 1),
            "baseline_articles": self.baseline_articles,
            "baseline_articles_per_s": round(self.baseline_articles_per_s, 2),
            "speedup": (
                round(self.articles_per_s / self.baseline_articles_per_s, 2)
                if self.baseline_articles_per_s
                else None
            ),
            "stages": stages,
            "corpus": self.corpus,
            "eval": self.eval,
            "classifier": self.classifier,
        }


def _rate(count: int, seconds: float) -> float:
    return round(count / seconds, 1) if seconds > 0 else 0.0


def _peak_rss_mb() -> float:
    """Largest resident set of this process or any of its finished children (Linux: KiB)."""
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return max(own, children) / 1024


def _words(extractions: list[Extraction]) -> int:
    return sum(len(e.document.text.split()) for e in extractions)


def run_bench(
    corpus: list[str] | None = None,
    *,
    articles: int = 1000,
    seed: int = 0,
    workers: int | None = None,
    baseline_articles: int = 150,
    stage_articles: int = 300,
    gold: list[Path] | None = None,
    acled: Path | None = None,
    on_step: Callable[[str], None] | None = None,
) -> BenchResult:
    """Measure on `corpus` (paths), or on `articles` synthetic articles written to a
    temporary folder."""
    say = on_step or (lambda _: None)
    workers = workers or os.cpu_count() or 1
    with tempfile.TemporaryDirectory(prefix="tadmur-bench-") as tmp:
        root = Path(tmp)
        info: dict[str, Any] = {}
        if corpus is None:
            from tadmur.benchcorpus import corpus_stats, generate, write_corpus

            say(f"writing {articles} synthetic articles (seed {seed})")
            write_corpus(root / "corpus", articles, seed)
            info = {"synthetic": True, "seed": seed, **corpus_stats(generate(articles, seed))}
            corpus = [str(root / "corpus")]
        else:
            info = {"synthetic": False, "paths": corpus}

        say("per-stage timing in one process")
        clock = StageClock()
        single = Pipeline(clock=clock).warm()
        started = time.perf_counter()
        raws = list(islice(read_inputs(corpus), stage_articles))
        clock.seconds["read"] = time.perf_counter() - started
        sample = [e for e in single.extract_many(raws) if isinstance(e, Extraction)]
        with Store(root / "stages.duckdb") as store, clock("store"):
            store.add(sample)
        with Store(root / "stages.duckdb") as store, clock("merge"):
            store.refresh_merged()
        stage_seconds = {name: clock.seconds.get(name, 0.0) for name in STAGES}

        say(f"end to end with {workers} worker process(es)")
        started = time.perf_counter()
        pipeline = Pipeline(workers=workers).start()
        startup = time.perf_counter() - started
        with Store(root / "bench.duckdb") as store:
            report = ingest(store, corpus, pipeline)
            words = sum(
                len(str(text).split())
                for (text,) in store.db.execute("SELECT text FROM documents").fetchall()
            )
        pipeline.close()

        say(f"naive baseline on {baseline_articles} articles")
        naive = Pipeline(focus=False).warm()
        baseline_raws = list(islice(read_inputs(corpus), baseline_articles))
        started = time.perf_counter()
        with Store(root / "baseline.duckdb") as store:
            kept = [e for e in naive.extract_many(baseline_raws) if isinstance(e, Extraction)]
            store.add(kept)
            store.refresh_merged()
        baseline_seconds = time.perf_counter() - started

        scores: dict[str, Any] = {}
        for directory in gold or []:
            say(f"scoring {directory} with and without the sentence filter")
            focused = evaluate(directory, single).to_dict()
            full = evaluate(directory, naive).to_dict()
            scores[str(directory)] = {
                "events": focused["events"],
                "without_filter": full["events"],
                "unchanged": _scores(focused) == _scores(full),
            }
        if acled is not None:
            from tadmur.acled import read_rows, select
            from tadmur.acled_eval import evaluate_acled

            say(f"scoring the held-out rows of {acled} (SPEC §4b)")
            with Pipeline(workers=workers) as scorer:
                report_acled = evaluate_acled(select(read_rows(acled), "heldout"), scorer)
            scores["acled_heldout"] = report_acled.to_dict()

        say("the event classifier alone, one core")
        classifier = _classifier_speed(sample)

    return BenchResult(
        articles=report.documents + report.skipped,
        words=words,
        workers=workers,
        seconds=report.seconds,
        startup_seconds=startup,
        baseline_articles=len(kept),
        baseline_seconds=baseline_seconds,
        peak_rss_mb=_peak_rss_mb(),
        stage_seconds=stage_seconds,
        stage_articles=len(sample),
        stage_words=_words(sample),
        corpus=info,
        eval=scores,
        classifier=classifier,
    )


def _classifier_speed(sample: list[Extraction]) -> dict[str, Any]:
    """Load time of the shipped model, sentences/s over the sample's sentences, file size."""
    import re
    from importlib import resources

    from tadmur.classify.model import MODEL_FILE, EventClassifier

    with resources.as_file(resources.files("tadmur").joinpath(MODEL_FILE)) as path:
        started = time.perf_counter()
        model = EventClassifier.load(path)
        load_seconds = time.perf_counter() - started
        size_mb = path.stat().st_size / 2**20
    sentences = [
        s
        for e in sample
        for s in re.split(r"(?<=[.!?])\s+|\n+", e.document.text)
        if len(s.split()) >= 3
    ]
    started = time.perf_counter()
    model.predict(sentences)
    seconds = time.perf_counter() - started
    return {
        "load_seconds": round(load_seconds, 3),
        "sentences": len(sentences),
        "sentences_per_s": round(len(sentences) / seconds, 1) if seconds else 0.0,
        "model_mb": round(size_mb, 2),
        "features": model.features,
    }


def _scores(report: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in report.items() if k not in {"extras", "misses"}}


def format_bench(result: BenchResult) -> str:
    data = result.to_dict()
    lines = [
        f"corpus: {data['articles']} articles, {data['words']} words"
        + (
            f", {data['corpus'].get('event_sentence_fraction')} of sentences report events"
            if data["corpus"].get("synthetic")
            else ""
        ),
        "",
        f"{'stage (1 process)':<20}{'seconds':>10}{'articles/s':>14}{'words/s':>14}",
    ]
    for name, row in data["stages"].items():
        lines.append(
            f"{name:<20}{row['seconds']:>10.3f}{row['articles_per_s']:>14.1f}"
            f"{row['words_per_s']:>14.1f}"
        )
    lines += [
        "",
        f"end to end ({data['workers']} workers): {data['articles_per_s']} articles/s, "
        f"{data['words_per_s']} words/s ({data['seconds']} s; workers started in "
        f"{data['startup_seconds']} s)",
        f"naive baseline (full spaCy on every sentence, 1 process, "
        f"{data['baseline_articles']} articles): {data['baseline_articles_per_s']} articles/s",
        f"speedup over the baseline: {data['speedup']}x",
        f"peak RSS of any process: {data['peak_rss_mb']} MB",
    ]
    if data["classifier"]:
        c = data["classifier"]
        lines.append(
            f"event classifier: {c['sentences_per_s']} sentences/s on one core "
            f"({c['sentences']} sentences), loads in {c['load_seconds']} s, "
            f"{c['model_mb']} MB, {c['features']} features"
        )
    for directory, score in data["eval"].items():
        if directory == "acled_heldout":
            b, w = score["balanced"], score["whole"]
            lines.append(
                f"ACLED held-out rows (balanced / whole): sub-event type macro "
                f"{b['sub_event_type_macro']} / {w['sub_event_type_macro']}, event type "
                f"{b['event_type']} / {w['event_type']}, exactly one {b['exactly_one']} / "
                f"{w['exactly_one']}, date {b['date']} / {w['date']}"
            )
            continue
        ev, full = score["events"], score["without_filter"]
        lines.append(
            f"eval {directory}: P {ev['precision']} R {ev['recall']} F1 {ev['f1']} "
            f"(without the filter: F1 {full['f1']}; unchanged: {score['unchanged']})"
        )
    return "\n".join(lines)
