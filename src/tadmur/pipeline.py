"""The whole extraction, readable top to bottom.

One `Pipeline` loads its lexicons and models once and is reused by the CLI, the API and
worker processes. For one document: clean the page (document), check the language, parse
once (nlp), resolve dates (when) and places (where), name the actors (who), then find and
merge the events (events).
"""

from __future__ import annotations

import multiprocessing
import signal
import time
from collections import Counter, deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from contextlib import AbstractContextManager, contextmanager, nullcontext
from dataclasses import dataclass, replace
from datetime import date
from functools import cached_property
from typing import Any

from tadmur.classify import EventClassifier, load_classifier
from tadmur.document import build_document, is_input_warning
from tadmur.events import ClassifierPolicy, Context, extract_events
from tadmur.focus import SentenceFilter, build_filter
from tadmur.gazetteer import Gazetteer, consonants, load_gazetteer
from tadmur.ingest import InputError, RawInput, iter_raw
from tadmur.language import detect_language
from tadmur.model import Document, Extraction
from tadmur.nlp import lemma_tables, load_nlp
from tadmur.sources import SourceLexicon, load_sources
from tadmur.store import Store
from tadmur.triggers import TriggerLexicon, load_triggers
from tadmur.when import find_dates
from tadmur.where import PlaceLexicon, PlaceMention, PlaceResolver, load_place_lexicon
from tadmur.who import ActorDictionary, find_actor_mentions, load_actors

MAX_BATCH_CHARS = 150_000
"""A batch is parsed as soon as its texts reach this many characters: parsed documents
take about a kilobyte per character, so a batch of long articles would otherwise hold
gigabytes."""


class StageClock:
    """Seconds spent in each stage, summed over documents (for `tadmur bench`)."""

    def __init__(self) -> None:
        self.seconds: dict[str, float] = {}

    @contextmanager
    def __call__(self, stage: str) -> Iterator[None]:
        started = time.perf_counter()
        try:
            yield
        finally:
            self.seconds[stage] = self.seconds.get(stage, 0.0) + time.perf_counter() - started


@dataclass(frozen=True, slots=True)
class Failure:
    """An input that could not be processed, and why."""

    path: str
    reason: str

    def __str__(self) -> str:
        return f"{self.path}: {self.reason}"


class Pipeline:
    """Holds everything that is expensive to load; each part loads on first use."""

    def __init__(
        self,
        sources: SourceLexicon | None = None,
        batch_size: int = 16,
        *,
        focus: bool = True,
        workers: int = 1,
        clock: StageClock | None = None,
        classify: bool = True,
        policy: ClassifierPolicy | None = None,
    ) -> None:
        self.sources = sources or load_sources()
        self.batch_size = batch_size
        self.focus = focus
        """Parse only the sentences that could report an event (see `focus`)."""
        self.classify = classify
        """Let the trained event classifier type events and add those the rules miss."""
        self.policy = policy or ClassifierPolicy()
        self.workers = workers
        """Worker processes for `extract_many`, each with its own models; 1 = this one."""
        self.clock = clock
        self._pool: ProcessPoolExecutor | None = None

    def _timed(self, stage: str) -> AbstractContextManager[None]:
        return self.clock(stage) if self.clock is not None else nullcontext()

    def start(self) -> Pipeline:
        """Start the worker processes (or load the models here) and wait until they are
        ready, so that the first batch does not pay for it."""
        if self.workers <= 1:
            return self.warm()
        if self._pool is None:
            settings = (self.sources, self.batch_size, self.focus, self.classify, self.policy)
            self._pool = ProcessPoolExecutor(
                self.workers,
                mp_context=multiprocessing.get_context("forkserver"),
                initializer=_start_worker,
                initargs=settings,
            )
            ready = [self._pool.submit(_worker_ready) for _ in range(self.workers * 2)]
            for future in ready:
                future.result()
        return self

    def close(self, *, cancel: bool = False) -> None:
        """Stop the worker processes; with `cancel`, drop the chunks not yet started."""
        if self._pool is not None:
            self._pool.shutdown(cancel_futures=cancel)
            self._pool = None

    def __enter__(self) -> Pipeline:
        return self.start()

    def __exit__(self, kind: type[BaseException] | None, *exc: object) -> None:
        self.close(cancel=kind is not None)

    @cached_property
    def nlp(self) -> Any:
        return load_nlp()

    @cached_property
    def gazetteer(self) -> Gazetteer:
        return load_gazetteer()

    @cached_property
    def place_lexicon(self) -> PlaceLexicon:
        return load_place_lexicon()

    @cached_property
    def places(self) -> PlaceResolver:
        return PlaceResolver(self.gazetteer, self.place_lexicon)

    @cached_property
    def actors(self) -> ActorDictionary:
        return load_actors()

    @cached_property
    def classifier(self) -> EventClassifier:
        return load_classifier()

    @cached_property
    def triggers(self) -> TriggerLexicon:
        return load_triggers()

    @cached_property
    def sentence_filter(self) -> SentenceFilter:
        return build_filter(self.triggers, *lemma_tables(self.nlp))

    def parse_text(self, document: Document) -> str:
        """What the parser sees: the text, or with `focus` its event sentences only."""
        return self.sentence_filter.mask(document.text) if self.focus else document.text

    def extract(self, raw: RawInput) -> Extraction:
        result = next(self.extract_many([raw]))
        if isinstance(result, Failure):
            raise InputError(result.path, result.reason)
        return result

    def warm(self) -> Pipeline:
        """Load every model now rather than on the first document."""
        _ = (self.nlp, self.places, self.actors, self.sentence_filter)
        detect_language("English")  # loads the language model
        if self.classify:
            _ = self.classifier
        return self

    def extract_many(self, raws: Iterable[RawInput | Failure]) -> Iterator[Extraction | Failure]:
        """Extract inputs in batches (one `nlp.pipe` call per batch); a bad input yields a
        Failure and the rest go on. Output order is input order."""
        if self.workers > 1:
            yield from self._extract_in_workers(raws)
            return
        batch: list[tuple[Document, list[str]] | Failure] = []
        for raw in raws:
            if isinstance(raw, Failure):
                batch.append(raw)
            else:
                try:
                    with self._timed("clean"):
                        batch.append(build_document(raw, self.sources, self._is_town))
                except InputError as exc:
                    batch.append(Failure(exc.path, exc.reason))
            chars = sum(len(item[0].text) for item in batch if not isinstance(item, Failure))
            if len(batch) >= self.batch_size or chars >= MAX_BATCH_CHARS:
                yield from self._finish_batch(batch)
                batch = []
        if batch:
            yield from self._finish_batch(batch)

    def _extract_in_workers(
        self, raws: Iterable[RawInput | Failure]
    ) -> Iterator[Extraction | Failure]:
        """Batches go to worker processes (started by a fork server, so that no thread of
        this process is copied), a few batches ahead of the results, which come back in
        input order."""
        started_here = self._pool is None
        pool = self.start()._pool
        assert pool is not None
        try:
            pending: deque[Future[list[Extraction | Failure]]] = deque()
            chunk: list[RawInput | Failure] = []
            for raw in raws:
                chunk.append(raw)
                if len(chunk) >= self.batch_size:
                    pending.append(pool.submit(_extract_chunk, chunk))
                    chunk = []
                while len(pending) > 2 * self.workers:
                    yield from pending.popleft().result()
            if chunk:
                pending.append(pool.submit(_extract_chunk, chunk))
            while pending:
                yield from pending.popleft().result()
        finally:
            if started_here:
                self.close()

    def _finish_batch(
        self, batch: list[tuple[Document, list[str]] | Failure]
    ) -> Iterator[Extraction | Failure]:
        with self._timed("focus"):
            english = [
                self.parse_text(item[0])
                for item in batch
                if not isinstance(item, Failure) and item[0].language == "en"
            ]
        with self._timed("parse"):
            parsed = iter(list(self.nlp.pipe(english)) if english else [])
        for item in batch:
            if isinstance(item, Failure):
                yield item
                continue
            document, warnings = item
            if document.language != "en":
                yield Extraction(document=document, events=(), warnings=tuple(warnings))
                continue
            events = self._events(document, next(parsed))
            yield Extraction(document=document, events=events, warnings=tuple(warnings))

    def _events(self, document: Document, doc: Any) -> tuple[Any, ...]:
        published = date.fromisoformat(document.published) if document.published else None
        with self._timed("when"):
            # In the parsed text: the sentences the parser did not see offer no dates.
            dates = find_dates(doc.text, published)
        # Actors first, without a country: their names ("Islamic State West Africa
        # Province", "al-Shabab") are then not read as places.
        with self._timed("who"):
            named = find_actor_mentions(doc, self.actors, None, self.place_lexicon.demonyms)
        blocked = frozenset(i for m in named for i in range(m.start, m.end))
        with self._timed("where"):
            hints = self._dateline_country(document)
            # "KDF", "CORD protesters", "Pokot raiders": the actors' countries weigh a little
            named_in = tuple(sorted(m.actor.country for m in named if m.actor.country))
            places = self.places.find(doc, hints, blocked, named_in)
            country = self._country(doc, places, hints)
            places = self._without_strays(doc, places, hints, country)
        with self._timed("who"):
            mentions = find_actor_mentions(doc, self.actors, country, self.place_lexicon.demonyms)
        ctx = Context(
            doc_id=document.id,
            text=document.text,
            published=published,
            outlet=document.outlet,
            dates=dates,
            places=places,
            actors=mentions,
            country=country,
            visible=doc.text if self.focus else self.sentence_filter.mask(document.text),
        )
        with self._timed("events"):
            classifier = self.classifier if self.classify else None
            return tuple(
                extract_events(
                    doc, ctx, self.triggers, self.actors, self.sources, classifier, self.policy
                )
            )

    def _is_town(self, name: str) -> bool:
        return any(p.kind == "city" for p in self.gazetteer.candidates(name))

    def _dateline_country(self, document: Document) -> tuple[str, ...]:
        if not document.dateline:
            return ()
        cities = [p for p in self.gazetteer.candidates(document.dateline) if p.kind == "city"]
        if not cities:
            return ()
        return (max(cities, key=lambda p: (p.population, -(p.geonameid or 0))).country_code,)

    def _country(self, doc: Any, places: list[PlaceMention], hints: tuple[str, ...]) -> str | None:
        """The article's country: where its places are, what its demonyms say."""
        votes: Counter[str] = Counter()
        first: dict[str, int] = {cc: -1 for cc in hints}
        for mention in places:
            if mention.place is not None and not mention.landmark:
                # a landmark's name ("Nasr Square") is a weak reading of a town
                votes[mention.place.country_code] += 2 if mention.place.kind == "city" else 1
                first.setdefault(mention.place.country_code, mention.start)
        for token in doc:
            cc = self.place_lexicon.demonyms.get(token.text)
            if cc:
                votes[cc] += 1
                first[cc] = min(first.get(cc, token.idx), token.idx)
        for cc in hints:
            votes[cc] += 2
        if not votes:
            return None
        # a tie goes to the country the article names first: its lead says where it is
        return max(sorted(votes), key=lambda cc: (votes[cc], -first[cc]))

    def _without_strays(
        self,
        doc: Any,
        places: list[PlaceMention],
        hints: tuple[str, ...],
        country: str | None,
    ) -> list[PlaceMention]:
        """A town of a country the article never names, read from a name that has other
        readings or is only one of its aliases, is a misreading ("Paola" the person as
        Paola, Italy; "Plain" as a town in the United States): it is left unresolved.
        Cities of a million people are known without their country (Houston, Moscow), and
        so are the main towns of provinces."""
        named = {country, *hints}
        named |= {m.place.country_code for m in places if m.place and m.place.kind != "city"}
        named |= {cc for t in doc if (cc := self.place_lexicon.demonyms.get(t.text))}
        return [
            m
            if m.place is None
            or m.place.kind != "city"
            or (m.candidates < 2 and consonants(m.text) == consonants(m.place.name))
            or m.place.country_code in named
            or m.place.population >= STRAY_POPULATION
            or (m.place.population >= SEAT_POPULATION and self.gazetteer.is_seat(m.place))
            else replace(m, place=None, admin1=None, seat=None)
            for m in places
        ]


STRAY_POPULATION = 1_000_000
"""A city this large may be named without its country."""
SEAT_POPULATION = 100_000
"""... and so may the main town of a province, from this size (Islamabad, Quetta)."""

_WORKER: list[Pipeline] = []
"""The pipeline of a worker process, loaded once by `_start_worker` (empty elsewhere)."""


def _start_worker(
    sources: SourceLexicon,
    batch_size: int,
    focus: bool,
    classify: bool,
    policy: ClassifierPolicy,
) -> None:
    # Ctrl-C reaches the whole process group: the parent decides what an interrupt ends
    # (and says so in one line); a worker carries on with its chunk until shut down.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    pipeline = Pipeline(sources, batch_size, focus=focus, classify=classify, policy=policy)
    _WORKER.append(pipeline.warm())


def _worker_ready() -> bool:
    return bool(_WORKER)


def _extract_chunk(chunk: list[RawInput | Failure]) -> list[Extraction | Failure]:
    return list(_WORKER[0].extract_many(chunk))


def read_inputs(
    paths: Iterable[str], *, published: str | None = None, url: str | None = None
) -> Iterator[RawInput | Failure]:
    """Read paths (files, folders, JSONL, WARC, `-`) one by one; bad ones become Failures."""
    for item in iter_raw(list(paths), published=published, url=url):
        yield Failure(item.path, item.reason) if isinstance(item, InputError) else item


@dataclass(frozen=True, slots=True)
class IngestReport:
    documents: int
    skipped: int
    events: int
    failures: tuple[Failure, ...]
    merged: int
    seconds: float


def ingest(
    store: Store,
    paths: Iterable[str],
    pipeline: Pipeline | None = None,
    *,
    batch_size: int = 64,
    on_progress: Callable[[int, float], None] | None = None,
    on_warning: Callable[[str, str], None] | None = None,
) -> IngestReport:
    """Extract a corpus into the store, a batch per transaction, then refresh the merge.
    Re-running after an interruption completes the work: stored documents are skipped.
    `on_warning(path, warning)` hears, as documents go by, what was noticed about an input
    that is stored nonetheless (a guessed or repaired encoding, a language not coded)."""
    pipeline = pipeline or Pipeline()
    started = time.perf_counter()
    failures: list[Failure] = []
    documents = skipped = events = 0
    batch: list[Extraction] = []

    def flush() -> None:
        nonlocal documents, skipped, events
        counts = store.add(batch)
        documents += counts.documents
        skipped += counts.skipped
        events += counts.events
        batch.clear()

    for seen, result in enumerate(pipeline.extract_many(read_inputs(paths)), start=1):
        if isinstance(result, Failure):
            failures.append(result)
        else:
            if on_warning is not None:
                for warning in filter(is_input_warning, result.warnings):
                    on_warning(result.document.path, warning)
            batch.append(result)
            if len(batch) >= batch_size:
                flush()
        if on_progress is not None:
            on_progress(seen, time.perf_counter() - started)
    if batch:
        flush()
    merged = store.merged_count()
    return IngestReport(
        documents, skipped, events, tuple(failures), merged, time.perf_counter() - started
    )
