"""News sources: outlets, wire agencies, state media and monitors, from `data/outlets.yaml`.

The document stage names an article's outlet with it; the events stage normalizes
attributions ("told AFP", "according to the Syrian Observatory") with it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Literal

import yaml

SourceKind = Literal["agency", "outlet", "state_media", "monitor"]
_KINDS = frozenset({"agency", "outlet", "state_media", "monitor"})


@dataclass(frozen=True, slots=True)
class Source:
    name: str
    kind: SourceKind
    aliases: tuple[str, ...]
    domains: tuple[str, ...]


def _key(name: str) -> str:
    """Compare names without case, a leading 'the', punctuation or repeated spaces."""
    folded = re.sub(r"[^\w/]+", " ", name.casefold()).strip()
    return re.sub(r"^the\s+", "", folded)


@dataclass(frozen=True, slots=True)
class SourceLexicon:
    sources: tuple[Source, ...]

    def lookup(self, name: str) -> Source | None:
        """The source a name refers to, or None. Short all-caps aliases match case-sensitively."""
        wanted = _key(name)
        for source in self.sources:
            for alias in source.aliases:
                if alias.isupper() and len(alias) <= 4:
                    if name.strip() == alias:
                        return source
                elif _key(alias) == wanted:
                    return source
        return None

    def by_domain(self, host: str) -> Source | None:
        host = host.casefold().removeprefix("www.")
        for source in self.sources:
            if any(host == d or host.endswith("." + d) for d in source.domains):
                return source
        return None

    def alias_pattern(self, kinds: frozenset[str] = _KINDS) -> str:
        """A regex alternation of every alias of the given kinds, longest first."""
        names = {a for s in self.sources if s.kind in kinds for a in s.aliases}
        return "|".join(re.escape(a) for a in sorted(names, key=lambda a: (-len(a), a)))


def parse_sources(raw: object) -> SourceLexicon:
    """Validate the YAML structure; a malformed entry is an error, not a silent skip."""
    if not isinstance(raw, list):
        raise ValueError("outlets file must be a list of entries")
    out: list[Source] = []
    for entry in raw:
        if not isinstance(entry, dict) or not isinstance(entry.get("name"), str):
            raise ValueError(f"outlet entry without a name: {entry!r}")
        kind = entry.get("kind")
        if kind not in _KINDS:
            raise ValueError(f"outlet {entry['name']!r} has unknown kind {kind!r}")
        aliases = tuple(str(a) for a in entry.get("aliases", []))
        if entry["name"] not in aliases:
            aliases = (entry["name"], *aliases)
        out.append(
            Source(
                name=entry["name"],
                kind=kind,
                aliases=aliases,
                domains=tuple(str(d) for d in entry.get("domains", [])),
            )
        )
    return SourceLexicon(tuple(out))


@cache
def load_sources() -> SourceLexicon:
    """The packaged lexicon, parsed once per process (it is immutable)."""
    text = resources.files("tadmur").joinpath("data/outlets.yaml").read_text("utf-8")
    return parse_sources(yaml.safe_load(text))
