"""The whole extraction, readable top to bottom.

One `Pipeline` loads its lexicons and models once and is reused by the CLI,
the API and worker processes; `extract` is the pipeline for one document.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from tadmur.document import build_document
from tadmur.ingest import InputError, RawInput, read_path
from tadmur.model import Extraction
from tadmur.sources import SourceLexicon, load_sources


@dataclass(frozen=True, slots=True)
class Failure:
    """An input that could not be processed, and why."""

    path: str
    reason: str

    def __str__(self) -> str:
        return f"{self.path}: {self.reason}"


class Pipeline:
    """Holds everything that is expensive to load; `extract` is pure given it."""

    def __init__(self, sources: SourceLexicon | None = None) -> None:
        self.sources = sources or load_sources()

    def extract(self, raw: RawInput) -> Extraction:
        document, warnings = build_document(raw, self.sources)
        return Extraction(document=document, events=(), warnings=tuple(warnings))

    def extract_many(self, raws: Iterable[RawInput | Failure]) -> Iterator[Extraction | Failure]:
        """Extract each input in turn; a bad input yields a Failure and the rest go on."""
        for raw in raws:
            if isinstance(raw, Failure):
                yield raw
                continue
            try:
                yield self.extract(raw)
            except InputError as exc:
                yield Failure(exc.path, exc.reason)


def read_inputs(
    paths: Iterable[str], *, published: str | None = None, url: str | None = None
) -> Iterator[RawInput | Failure]:
    """Read paths one by one, turning unreadable ones into Failures."""
    for path in paths:
        try:
            yield read_path(path, published=published, url=url)
        except InputError as exc:
            yield Failure(exc.path, exc.reason)
