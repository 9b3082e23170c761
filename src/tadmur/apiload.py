"""A load generator for the HTTP API, and `tadmur bench --api`.

A server that answers one request quickly may still fall over when thirty come at once,
so the API is measured the way a busy map page uses it: many clients at a time asking a
mix of event pages (default and filtered), single events, documents and the store's
counts, over real loopback HTTP against a real `tadmur serve` process. The figures are
requests per second and latency percentiles per concurrency level; the answers are
compared with the single-request answer for each URL, so speed never hides wrong data.
"""

from __future__ import annotations

import asyncio
import math
import os
import signal
import socket
import subprocess
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

import httpx

from tadmur.store import Store

__all__ = [
    "LoadResult",
    "Server",
    "fetch_each",
    "format_api_bench",
    "free_port",
    "request_mix",
    "run_api_bench",
    "run_load",
    "serving",
    "uncached_server",
]

CONCURRENCIES = (1, 8, 32)


@dataclass(frozen=True, slots=True)
class LoadResult:
    """What one load run saw: rate, latency percentiles, and every answer's status."""

    requests: int
    concurrency: int
    seconds: float
    latencies_ms: tuple[float, ...] = field(repr=False)
    statuses: Mapping[int, int]
    failures: int = 0
    """Requests that got no HTTP answer at all (refused, reset, timed out)."""
    mismatches: tuple[str, ...] = ()
    """URLs whose answer differed from the expected one (when answers were checked)."""

    @property
    def requests_per_s(self) -> float:
        return self.requests / self.seconds if self.seconds > 0 else 0.0

    def percentile(self, q: float) -> float:
        """The latency (ms) below which a fraction `q` of the answers came (nearest rank)."""
        ordered = sorted(self.latencies_ms)
        if not ordered:
            return 0.0
        rank = max(1, min(len(ordered), math.ceil(q * len(ordered))))
        return ordered[rank - 1]

    @property
    def server_errors(self) -> int:
        return sum(n for status, n in self.statuses.items() if status >= 500)

    def to_dict(self) -> dict[str, Any]:
        return {
            "concurrency": self.concurrency,
            "requests": self.requests,
            "seconds": round(self.seconds, 3),
            "requests_per_s": round(self.requests_per_s, 1),
            "p50_ms": round(self.percentile(0.50), 2),
            "p90_ms": round(self.percentile(0.90), 2),
            "p99_ms": round(self.percentile(0.99), 2),
            "max_ms": round(max(self.latencies_ms, default=0.0), 2),
            "statuses": {str(s): n for s, n in sorted(self.statuses.items())},
            "failures": self.failures,
            "mismatches": len(self.mismatches),
        }


class _Connection:
    """One kept-alive HTTP/1.1 connection asking GETs, one at a time.

    The load runs through this rather than httpx: on two cores httpx spends about 2 ms of
    CPU per request, more as connections are added, so with it the figures would be the
    client's. This reads exactly what `tadmur serve` sends (a status line, headers, a body
    sized by Content-Length or chunked, or ended by closing)."""

    def __init__(self, host: str, port: int) -> None:
        self.host = host
        self.port = port
        self._streams: tuple[asyncio.StreamReader, asyncio.StreamWriter] | None = None

    async def get(self, path: str) -> tuple[int, bytes]:
        if self._streams is None:
            self._streams = await asyncio.open_connection(self.host, self.port)
        reader, writer = self._streams
        try:
            writer.write(
                f"GET {path} HTTP/1.1\r\nHost: {self.host}:{self.port}\r\n"
                "User-Agent: tadmur-apiload\r\n\r\n".encode("latin-1")
            )
            head = await reader.readuntil(b"\r\n\r\n")
            status_line, *lines = head.decode("latin-1").split("\r\n")
            status = int(status_line.split(" ", 2)[1])
            headers = {}
            for line in lines:
                name, _, value = line.partition(":")
                headers[name.strip().lower()] = value.strip()
            if "content-length" in headers:
                body = await reader.readexactly(int(headers["content-length"]))
            elif headers.get("transfer-encoding", "").lower() == "chunked":
                body = await self._chunked(reader)
            else:
                body = await reader.read()
                headers["connection"] = "close"
        except BaseException:
            self.close()
            raise
        if headers.get("connection", "").lower() == "close":
            self.close()
        return status, body

    @staticmethod
    async def _chunked(reader: asyncio.StreamReader) -> bytes:
        parts: list[bytes] = []
        while True:
            size = int((await reader.readuntil(b"\r\n")).split(b";")[0], 16)
            if size == 0:
                while await reader.readuntil(b"\r\n") != b"\r\n":
                    pass  # trailers, up to the empty line that ends the message
                return b"".join(parts)
            parts.append(await reader.readexactly(size))
            await reader.readexactly(2)

    def close(self) -> None:
        if self._streams is not None:
            self._streams[1].close()
            self._streams = None


async def _load(
    base_url: str,
    paths: Sequence[str],
    requests: int,
    concurrency: int,
    expected: Mapping[str, bytes] | None,
    timeout: float,
) -> LoadResult:
    url = httpx.URL(base_url)
    latencies: list[float] = []
    statuses: Counter[int] = Counter()
    mismatches: list[str] = []
    failures = 0
    issued = 0

    async def client_loop() -> None:
        nonlocal issued, failures
        connection = _Connection(url.host, url.port or 80)
        try:
            while issued < requests:
                path = paths[issued % len(paths)]
                issued += 1
                began = time.perf_counter()
                try:
                    async with asyncio.timeout(timeout):
                        status, body = await connection.get(path)
                except (OSError, ValueError, TimeoutError, asyncio.IncompleteReadError):
                    failures += 1
                    continue
                latencies.append((time.perf_counter() - began) * 1000)
                statuses[status] += 1
                if expected is not None and body != expected.get(path):
                    mismatches.append(path)
        finally:
            connection.close()

    began = time.perf_counter()
    await asyncio.gather(*(client_loop() for _ in range(concurrency)))
    seconds = time.perf_counter() - began
    return LoadResult(
        requests=requests,
        concurrency=concurrency,
        seconds=seconds,
        latencies_ms=tuple(latencies),
        statuses=dict(statuses),
        failures=failures,
        mismatches=tuple(mismatches),
    )


def run_load(
    base_url: str,
    paths: Sequence[str],
    requests: int,
    concurrency: int,
    *,
    expected: Mapping[str, bytes] | None = None,
    timeout: float = 60.0,
) -> LoadResult:
    """`requests` GETs of `paths` (in turn) against `base_url`, `concurrency` at a time on
    kept-alive connections; with `expected` (URL -> body), each answer is compared with it."""
    if not paths or requests < 1 or concurrency < 1:
        raise ValueError("run_load needs paths, requests >= 1 and concurrency >= 1")
    return asyncio.run(_load(base_url, paths, requests, concurrency, expected, timeout))


def fetch_each(base_url: str, paths: Sequence[str], *, timeout: float = 60.0) -> dict[str, bytes]:
    """Each distinct URL asked once, alone: the answers a loaded server must also give.
    Raises if any is not a 200, since a mix that hits errors measures nothing useful."""
    answers: dict[str, bytes] = {}
    with httpx.Client(base_url=base_url, timeout=timeout) as client:
        for path in dict.fromkeys(paths):
            response = client.get(path)
            if response.status_code != 200:
                raise RuntimeError(f"GET {path}: {response.status_code} {response.text[:200]}")
            answers[path] = response.content
    return answers


def request_mix(db: str | Path, *, ids: int = 100) -> list[str]:
    """URLs as a map page asks them, built from what the store at `db` holds: per round,
    one event and one document (up to `ids` distinct of each), two event pages (the
    default one, or filtered by country, type, date, actor, place, distance, as GeoJSON,
    a later page) and, every other round, the counts."""
    with Store(db, read_only=True, hold=False) as store, store.session() as db_:
        events = [r[0] for r in db_.execute("SELECT id FROM merged_events ORDER BY id").fetchall()]
        documents = [r[0] for r in db_.execute("SELECT id FROM documents ORDER BY id").fetchall()]
        common = db_.execute(
            "SELECT country_code, event_type, actor1, location_name, latitude, longitude, date "
            "FROM merged_events WHERE country_code IS NOT NULL AND actor1 IS NOT NULL "
            "AND latitude IS NOT NULL AND date IS NOT NULL "
            "ORDER BY reports DESC, id LIMIT 1"
        ).fetchone()
    if not events or not documents or common is None:
        raise ValueError(f"{db}: the store has no located, dated events to ask for")
    country, kind, actor, place, lat, lon, day = common
    pages: list[dict[str, Any]] = [
        {},
        {"country": country},
        {"type": kind},
        {"since": day.isoformat()},
        {},
        {"actor": actor.split()[0]},
        {"place": place},
        {"near": f"{lat:.2f},{lon:.2f},100"},
        {"format": "geojson", "limit": 500},
        {"limit": 20, "offset": 20},
    ]
    urls = [f"/api/events?{urlencode(p)}" if p else "/api/events" for p in pages]
    mix: list[str] = []
    for n in range(max(ids, len(urls))):
        mix.append(f"/api/events/{events[n * 7919 % len(events)]}")
        mix.append(f"/api/documents/{documents[n * 7919 % len(documents)]}")
        mix.append(urls[n % len(urls)])
        mix.append(urls[(n + len(urls) // 2 + 1) % len(urls)])
        if n % 2 == 0:
            mix.append("/api/stats")
    return mix


def free_port() -> int:
    """A loopback port nobody listens on now (the OS picks it)."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@dataclass(frozen=True, slots=True)
class Server:
    """A running `tadmur serve` process and the URL it answers on."""

    base_url: str
    process: subprocess.Popen[bytes]
    log: Path


@contextmanager
def serving(
    db: str | Path,
    *,
    env: Mapping[str, str] | None = None,
    command: Sequence[str] | None = None,
    start_timeout: float = 60.0,
) -> Iterator[Server]:
    """`tadmur serve --db DB` on a free loopback port, from its first answer until the
    block ends (then stopped). `command` replaces the CLI (it gets `--port P` appended)."""
    port = free_port()
    argv = [
        *(command or [sys.executable, "-m", "tadmur.cli", "serve", "--db", str(db)]),
        "--port",
        str(port),
    ]
    with tempfile.TemporaryDirectory(prefix="tadmur-serve-") as folder:
        log = Path(folder) / "stderr.log"
        with log.open("wb") as sink:
            process = subprocess.Popen(
                argv,
                stdout=subprocess.DEVNULL,
                stderr=sink,
                env=dict(os.environ if env is None else env),
            )
            try:
                server = Server(f"http://127.0.0.1:{port}", process, log)
                _wait_until_answering(server, start_timeout)
                yield server
            finally:
                _stop(process)


def _wait_until_answering(server: Server, timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while True:
        if server.process.poll() is not None:
            raise RuntimeError(
                f"tadmur serve exited with {server.process.returncode}: "
                + server.log.read_text("utf-8", "replace")[-2000:]
            )
        try:
            httpx.get(server.base_url + "/openapi.json", timeout=5.0)
            return
        except httpx.HTTPError:
            if time.monotonic() > deadline:
                raise RuntimeError(f"tadmur serve did not answer within {timeout:g} s") from None
            time.sleep(0.1)


def _stop(process: subprocess.Popen[bytes]) -> None:
    if process.poll() is None:
        process.send_signal(signal.SIGINT)  # uvicorn's clean shutdown
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=10)


UNCACHED_SERVER = """
import sys, uvicorn
from tadmur.api import create_app
uvicorn.run(create_app(sys.argv[1], cache_mb=0), host="127.0.0.1", port=int(sys.argv[3]),
            log_level="warning")
"""
"""`tadmur serve` without the answer cache (argv: DB --port P), to measure store reads."""


def uncached_server(db: str | Path) -> list[str]:
    """The command `serving` runs for a server that reads the store for every request."""
    return [sys.executable, "-c", UNCACHED_SERVER, str(db)]


def run_api_bench(
    db: str | Path,
    *,
    requests: int = 3000,
    uncached_requests: int = 300,
    concurrencies: Sequence[int] = CONCURRENCIES,
    ids: int = 100,
    on_step: Callable[[str], None] | None = None,
) -> dict[str, Any]:
    """`tadmur bench --api DB`: requests per second and latency percentiles of the API
    over DB at each concurrency, over loopback HTTP, as a dict for JSON.

    Three ways, each at every concurrency: `warm`, `tadmur serve` after each URL of the
    mix was asked once (repeats come from its answer cache: a server in steady use);
    `cold`, a fresh `tadmur serve` per level (each URL's first request reads the store:
    just started, or just after an ingest); `uncached`, the app without the cache
    (`uncached_requests` per level, 0 to skip: every request reads the store, the floor).
    Every answer is checked against the single-request answer for its URL."""
    step = on_step or (lambda _message: None)
    paths = request_mix(db, ids=ids)
    with Store(db, read_only=True, hold=False) as store:
        counts = store.counts()
    runs: dict[str, list[dict[str, Any]]] = {"warm": [], "cold": [], "uncached": []}

    def measure(label: str, server: Server, count: int, concurrency: int) -> None:
        step(f"{label}: {count} requests at concurrency {concurrency}")
        result = run_load(server.base_url, paths, count, concurrency, expected=expected)
        runs[label].append(result.to_dict())

    with serving(db) as server:
        step(f"serving {db} at {server.base_url}; asking {len(set(paths))} URLs once each")
        expected = fetch_each(server.base_url, paths)
        for concurrency in concurrencies:
            measure("warm", server, requests, concurrency)
    for concurrency in concurrencies:
        with serving(db) as server:
            measure("cold", server, requests, concurrency)
    if uncached_requests > 0:
        with serving(db, command=uncached_server(db)) as server:
            for concurrency in concurrencies:
                measure("uncached", server, uncached_requests, concurrency)
    return {
        "store": {
            "path": str(db),
            "megabytes": round(Path(db).stat().st_size / 2**20, 1),
            "documents": counts["documents"],
            "merged_events": counts["merged_events"],
        },
        "cores": os.cpu_count(),
        "distinct_urls": len(set(paths)),
        **runs,
    }


def format_api_bench(result: Mapping[str, Any]) -> str:
    """`run_api_bench`'s result as the table `tadmur bench --api` prints."""
    store = result["store"]
    lines = [
        f"API over {store['documents']} documents, {store['merged_events']} merged events "
        f"({store['megabytes']} MB), {result['distinct_urls']} distinct URLs, "
        f"{result['cores']} cores",
        "",
        f"{'server':<10}{'concurrency':>12}{'requests':>10}{'req/s':>9}{'p50 ms':>9}"
        f"{'p90 ms':>9}{'p99 ms':>9}{'5xx':>6}{'failed':>8}{'wrong':>7}",
    ]
    for label in ("warm", "cold", "uncached"):
        for row in result.get(label, []):
            errors = sum(n for s, n in row["statuses"].items() if int(s) >= 500)
            lines.append(
                f"{label:<10}{row['concurrency']:>12}{row['requests']:>10}"
                f"{row['requests_per_s']:>9.1f}{row['p50_ms']:>9.1f}{row['p90_ms']:>9.1f}"
                f"{row['p99_ms']:>9.1f}{errors:>6}{row['failures']:>8}{row['mismatches']:>7}"
            )
    lines += [
        "",
        "warm: `tadmur serve` after one request per URL (repeats come from its cache); "
        "cold: a fresh `tadmur serve` per level; uncached: every request reads the store",
    ]
    return "\n".join(lines)
