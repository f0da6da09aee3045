"""Take the docs' screenshots: python -m tests.browser.screenshots [readme] [preview] [history]

readme: starts `classroom run` on the bundled default lesson and shows chosen states of the fit
walk (tests/browser/states.py: the real domain, thirty phones) on the projector, a phone and the
teacher's remote. preview and history: see screenshots_more.py. Writes docs/img/*.png; with
no argument, all of them.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import tempfile
import time

from playwright.sync_api import sync_playwright

from classroom.content.library import load_library
from tests.browser.conftest import ARGS, CHROMIUM, ROOT, free_port
from tests.browser.states import Walk

OUT = ROOT / "docs" / "img"
PUBLIC = "http://192.168.1.20:5000"  # what a classroom laptop would show
LESSON = "sexting-delen"
# (file, role, viewport, state name), the state named as Shot.name ends
SHOTS = [
    ("screen-lobby", "screen", (1280, 720), "- lobby lobby"),
    ("screen-results", "screen", (1280, 720), "step 11 choice revealed"),
    ("screen-flag", "screen", (1280, 720), "step 14 flag revealed"),
    ("screen-phrases", "screen", (1280, 720), "step 23 text revealed"),
    ("screen-help", "screen", (1280, 720), "step 29 help help"),
    ("student", "student", (360, 740), "step 11 choice voting"),
    ("teacher", "teach", (1366, 768), "step 23 text voting"),
    ("teacher-phone", "teach", (390, 844), "step 11 choice voting"),
]


def start(port: int, folder: str) -> tuple[subprocess.Popen, dict[str, str]]:
    """Start `classroom run` and return it with its printed links (pointed at 127.0.0.1)."""
    process = subprocess.Popen(
        [sys.executable, "-m", "classroom.cli", "run", "--no-browser", "--host", "127.0.0.1",
         "--port", str(port), "--public-url", PUBLIC],
        cwd=ROOT,
        env={**os.environ, "CLASSROOM_DB": f"{folder}/db.sqlite3", "CLASSROOM_DATA_DIR": folder},
        stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True,
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),
    )
    links = {}
    for line in process.stdout:
        name, _, url = line.strip().partition(": ")
        links[name] = url.replace(PUBLIC, f"http://127.0.0.1:{port}")
        if name == "Library":
            break
    time.sleep(1.5)
    return process, links


def readme() -> None:
    """Show the chosen states and save the README's screenshots."""
    OUT.mkdir(parents=True, exist_ok=True)
    shots = {shot.name: shot for shot in Walk(load_library(), LESSON, "nl")}
    urls = {"screen": "Screen", "teach": "Teacher", "student": "Join"}
    with tempfile.TemporaryDirectory() as folder, sync_playwright() as playwright:
        process, links = start(free_port(), folder)
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        for file, role, (width, height), name in SHOTS:
            context = browser.new_context(viewport={"width": width, "height": height},
                                          locale="nl-BE", reduced_motion="reduce")
            page = context.new_page()
            page.goto(links[urls[role]])
            page.wait_for_function("() => document.getElementById('texts') && window.io")
            page.wait_for_timeout(800)  # the first state from the server, then ours
            page.evaluate("() => document.fonts.ready.then(() => true)")
            (shot,) = [s for key, s in shots.items() if key.endswith(name)]
            page.evaluate("state => Classroom.show(state)", getattr(shot, role))
            page.wait_for_timeout(200)
            page.screenshot(path=OUT / f"{file}.png")
            context.close()
        browser.close()
        process.send_signal(signal.SIGINT)
        process.wait(timeout=15)


def main(wanted: list[str]) -> None:
    """Take the screenshots asked for (all without a name) and list what is in docs/img."""
    from tests.browser import screenshots_more

    jobs = {"readme": readme, "preview": screenshots_more.preview,
            "history": screenshots_more.history}
    for name in wanted or list(jobs):
        jobs[name]()
    for path in sorted(OUT.glob("*.png")):
        print(f"{path.relative_to(ROOT)}: {path.stat().st_size // 1024} KB")


if __name__ == "__main__":
    main(sys.argv[1:])
