"""End to end in a real headless Chromium (Debian's, driven by Playwright): the page shows
the markers, brushing the timeline changes the count, an event shows its evidence."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tadmur.pipeline import Pipeline, ingest
from tadmur.store import Store

from .conftest import FIXTURES

CHROMIUM = Path("/usr/bin/chromium")
ARTIFACTS = Path(__file__).resolve().parents[1] / "artifacts"


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> object:
    if not CHROMIUM.exists():
        if os.environ.get("CI"):
            pytest.fail("Debian's chromium is missing: `make test` installs it")
        pytest.skip("Debian's chromium is not installed (make browser)")
    db = tmp_path_factory.mktemp("web") / "web.duckdb"
    with Store(db) as store:
        ingest(store, [str(FIXTURES / "merge"), str(FIXTURES / "events")], Pipeline())
    port = _free_port()
    proc = subprocess.Popen(
        [sys.executable, "-m", "tadmur.cli", "serve", "--db", str(db), "--port", str(port)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            break
        except OSError:
            time.sleep(0.3)
    yield f"http://127.0.0.1:{port}"
    proc.terminate()
    proc.wait(timeout=10)


def test_map_timeline_and_evidence(server: str) -> None:
    from playwright.sync_api import sync_playwright

    errors: list[str] = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM),
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                  "--disable-component-update", "--disable-sync", "--no-first-run"],
        )  # fmt: skip
        page = browser.new_page(viewport={"width": 1300, "height": 900})
        page.on("pageerror", lambda e: errors.append(str(e)))
        outside: list[str] = []
        page.on("request", lambda r: None if r.url.startswith(server) else outside.append(r.url))
        page.goto(server + "/")
        page.wait_for_selector("body[data-ready='1']", state="attached", timeout=30_000)
        total = int(page.get_attribute("#count", "data-count") or 0)
        assert total > 20
        markers = page.locator(".leaflet-marker-icon").count()
        assert markers > 0

        box = page.locator("#timeline").bounding_box()
        assert box is not None
        page.mouse.move(box["x"] + box["width"] * 0.6, box["y"] + box["height"] / 2)
        page.mouse.down()
        page.mouse.move(box["x"] + box["width"] * 0.95, box["y"] + box["height"] / 2, steps=5)
        page.mouse.up()
        brushed = int(page.get_attribute("#count", "data-count") or 0)
        assert 0 < brushed < total

        page.locator("#list .item").first.click()
        page.wait_for_selector("#doc mark.evidence", timeout=15_000)
        assert page.locator("#doc mark.evidence").count() >= 1
        assert "Type" in page.inner_text("#panel")
        ARTIFACTS.mkdir(exist_ok=True)
        page.screenshot(path=str(ARTIFACTS / "web-map.png"))
        browser.close()
    assert errors == []
    assert outside == []
