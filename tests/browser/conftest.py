"""A real server (gevent, as `classroom run` starts it) and Debian's Chromium through Playwright."""

from __future__ import annotations

import os
import re
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

CHROMIUM = Path("/usr/bin/chromium")
ROOT = Path(__file__).resolve().parents[2]
ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--no-first-run",
]


def free_port() -> int:
    """Return a TCP port nobody listens on right now."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def need_chromium() -> None:
    """Skip without Chromium, except in CI, where a missing tool is a failure."""
    if CHROMIUM.exists():
        return
    message = f"{CHROMIUM} is missing: apt-get install chromium"
    if os.environ.get("CI") == "true":
        pytest.fail(message)
    pytest.skip(message)


@pytest.fixture(scope="session")
def server(tmp_path_factory):
    """Start the server in its own process; yield (base URL, library key)."""
    port = free_port()
    folder = tmp_path_factory.mktemp("browser")
    log = folder / "server.log"
    with open(log, "w") as errors:
        process = subprocess.Popen(
            [sys.executable, "-m", "tests.browser.serve", str(port), str(folder / "db.sqlite3")],
            cwd=ROOT, stdout=subprocess.PIPE, stderr=errors, text=True,
        )
    line = process.stdout.readline()
    assert line.startswith("ADMIN "), log.read_text()
    base = f"http://127.0.0.1:{port}"
    for _ in range(100):
        try:
            urllib.request.urlopen(base + "/", timeout=1).close()
            break
        except OSError:
            time.sleep(0.05)
    yield base, line.split()[1], log
    process.terminate()
    process.communicate(timeout=10)
    written = log.read_text()
    assert '"GET /j/' in written, "the access log is written"
    assert "127.0.0.1" not in written, "the access log must not hold client addresses"
    assert "key=" not in written, "the access log must not hold teacher keys"


@pytest.fixture(scope="session")
def chromium():
    """Launch Debian's Chromium once for all browser tests."""
    need_chromium()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        yield browser
        browser.close()


class Lesson:
    """One room started from the library, with the pages that take part in it."""

    def __init__(self, chromium, base: str, admin_key: str, log: Path) -> None:
        self.chromium, self.base, self.contexts, self.log = chromium, base, [], log
        self.problems: list[str] = []
        self.teacher = self.page()
        self.teacher.goto(f"{base}/library?key={admin_key}")
        self.teacher.select_option("#lang-web-class", "nl")
        self.teacher.click("#lesson-web-class button[type=submit]")
        try:
            self.teacher.wait_for_url(re.compile(r"/teach/\w{6}\?key="), timeout=10_000)
        except Exception as error:  # say what the server said
            raise AssertionError(f"no room started: {self.log.read_text()[-3000:]}") from error
        self.code, self.key = re.search(r"/teach/(\w{6})\?key=(\S+)", self.teacher.url).groups()
        self.teacher.wait_for_selector("#outline li")

    def page(self, width: int = 1280, height: int = 800):
        """Open a page in its own browser context (its own localStorage, like its own phone)."""
        # A Dutch class: phones read their browser's language when the lesson has it.
        context = self.chromium.new_context(
            viewport={"width": width, "height": height}, locale="nl-BE"
        )
        self.contexts.append(context)
        return self.watch(context.new_page())

    def watch(self, page):
        """Note the page's errors and any request to another host."""
        page.on("pageerror", lambda error: self.problems.append(f"error: {error}"))
        page.on("console", lambda m: self.problems.append(m.text) if m.type == "error" else None)
        page.on("request", self._same_host)
        return page

    def _same_host(self, request) -> None:
        """Note any request to another host: pages load everything from this server."""
        if not request.url.startswith((self.base + "/", self.base.replace("http", "ws") + "/")):
            self.problems.append(f"request to another host: {request.url}")

    def projector(self, teacher=None):
        """Open the projector as the teacher does: from the teacher page, whose window it steers."""
        teacher = teacher or self.teacher
        with teacher.expect_popup() as opened:
            teacher.click("#screen-link")
        page = self.watch(opened.value)
        page.set_viewport_size({"width": 1280, "height": 720})
        page.wait_for_selector("#phones:not(:empty)")
        return page

    def phone(self):
        """Open the student page on a small phone."""
        page = self.page(320, 640)
        page.goto(f"{self.base}/j/{self.code}")
        page.wait_for_selector("#heading:not(:has-text('Verbinden'))")
        return page

    def close(self) -> None:
        """Close every page of this lesson."""
        for context in self.contexts:
            context.close()


@pytest.fixture
def lesson(server, chromium):
    """Start a fresh room of the web test lesson; fail on any page error or CSP violation."""
    running = Lesson(chromium, *server)
    yield running
    running.close()
    assert running.problems == []
