"""The screenshots of docs/authoring.md and docs/teachers.md (run through screenshots.py).

preview: `classroom preview` on a copy of the bundled default lesson, one of its lines broken,
as an author sees it. history: three classes of that lesson given on a laptop (answers made up
by the preview's sample class, so every figure is a sample), then `classroom run` on that
database: the past lessons, two classes side by side, and a report as it prints.
"""

from __future__ import annotations

import os
import random
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from playwright.sync_api import sync_playwright

from classroom.content.library import load_library
from classroom.live import actions
from classroom.live.registry import Rooms
from classroom.preview.samples import sample_value, weights_for
from classroom.store import open_store
from tests.browser.conftest import ARGS, CHROMIUM, ROOT, free_port
from tests.browser.screenshots import OUT, PUBLIC
from tests.browser.test_preview import BROKEN, GOOD

LESSON = "sexting-delen"


def _browser(playwright):
    return playwright.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)


def _page(browser, width: int, height: int, locale: str = "nl-BE"):
    context = browser.new_context(viewport={"width": width, "height": height}, locale=locale,
                                  reduced_motion="reduce")
    return context, context.new_page()


def _top(page, selector: str) -> None:
    """Scroll so that `selector` starts just under the preview's sticky bar."""
    page.evaluate("""selector => {
        document.querySelector(selector).scrollIntoView({block: "start"});
        window.scrollBy(0, -document.getElementById("preview-bar").offsetHeight - 12);
    }""", selector)


def _settle(page, wait: int = 1500) -> None:
    page.wait_for_timeout(wait)
    page.evaluate("() => document.fonts.ready.then(() => true)")


def preview() -> None:
    """Shoot the preview: a question while voting and revealed, then a broken line at its step."""
    with tempfile.TemporaryDirectory() as folder, sync_playwright() as playwright:
        lessons = Path(folder) / "lessons"
        lessons.mkdir()
        copy = lessons / f"{LESSON}.yaml"
        shutil.copy(ROOT / "lessons" / copy.name, copy)
        process = subprocess.Popen(
            [sys.executable, "-m", "classroom.cli", "preview", "lessons", "--no-browser",
             "--port", str(free_port())],
            cwd=folder, stdout=subprocess.PIPE, text=True,
            env={**os.environ, "PYTHONPATH": str(ROOT)})
        url = re.search(r"http://\S+", process.stdout.readline()).group(0)
        browser = _browser(playwright)
        context, page = _page(browser, 1440, 900, "en-GB")
        page.goto(url + "?lang=en", timeout=60_000)
        _top(page, "#step-6")
        _settle(page, 3000)
        page.screenshot(path=OUT / "preview.png")
        text = copy.read_text(encoding="utf-8")
        copy.write_text(text.replace(GOOD, BROKEN), encoding="utf-8")
        page.locator("#step-3 .problem").wait_for(timeout=20_000)
        _top(page, "#step-3")
        _settle(page, 2500)
        page.screenshot(path=OUT / "preview-error.png")
        context.close()
        browser.close()
        process.send_signal(signal.SIGINT)
        process.wait(timeout=15)


def _class(rooms: Rooms, lang: str, seed: int, phones: int, skip: set[int]) -> str:
    """Give the lesson to a made-up class; `skip`: steps most of the class did not answer."""
    room = rooms.create(LESSON, lang)
    pids = [room.join(f"shot-{seed}-phone-{n:04d}-abcdefghijkl") for n in range(phones)]
    for planned in room.plan:
        if planned.question is None:
            continue
        actions.go(room, planned.index)
        actions.open_voting(room)
        rng = random.Random(f"{seed}:{planned.key}:{planned.index}")
        weights = weights_for(planned.question, rng)
        answering = pids[:4] if planned.index in skip else pids
        for n, pid in enumerate(answering):
            passed = n % 9 == 8
            value = None if passed else sample_value(planned.question, rng, weights, lang)
            room.answer(pid, planned.index, value, passed)
        if planned.question.kind == "text":
            texts = [a.mod_id for a in room.step_answers().values() if a.mod_id]
            actions.moderate_many(room, texts, True)
        actions.reveal(room)
    actions.end(room)
    return room.code


def _kept_classes(folder: str) -> list[str]:
    """Keep three made-up classes of the lesson in a database of the folder; return their codes."""
    rooms = Rooms(load_library(), open_store(f"{folder}/db.sqlite3"))
    try:
        found = rooms.library.plan(rooms.library.lessons[LESSON])
        scenario = next(p.index for p in found if p.key == "scenarios/foto-ontvangen")
        clock = [time.time() - 9 * 86400]
        rooms.clock = lambda: clock[0]
        codes = []
        for seed, lang, phones, skip in ((1, "nl", 24, set()), (2, "nl", 19, {scenario}),
                                         (3, "fr", 22, set())):
            codes.append(_class(rooms, lang, seed, phones, skip))
            clock[0] += 3 * 86400
        return codes
    finally:
        rooms.store.close()


def history() -> None:
    """Shoot the past lessons, two classes side by side, and a report as it prints."""
    with tempfile.TemporaryDirectory() as folder, sync_playwright() as playwright:
        first, second, _third = _kept_classes(folder)
        port = free_port()
        process = subprocess.Popen(
            [sys.executable, "-m", "classroom.cli", "run", "--no-browser", "--host", "127.0.0.1",
             "--port", str(port), "--public-url", PUBLIC],
            cwd=ROOT, env={**os.environ, "CLASSROOM_DB": f"{folder}/db.sqlite3",
                           "CLASSROOM_DATA_DIR": folder},
            stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True,
            preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))
        key = None
        for line in process.stdout:
            if line.startswith("Library: "):
                key = line.split("key=", 1)[1].strip()
                break
        base = f"http://127.0.0.1:{port}"
        browser = _browser(playwright)
        context, page = _page(browser, 1280, 760)
        page.goto(f"{base}/history?key={key}")
        _settle(page)
        page.screenshot(path=OUT / "history.png")
        page.goto(f"{base}/history/report?key={key}&room={first}&room={second}")
        page.evaluate("""() => {
            document.querySelector("[data-key='scenarios/foto-ontvangen']").scrollIntoView();
            window.scrollBy(0, -16);
        }""")
        _settle(page)
        page.screenshot(path=OUT / "compare.png")
        context.close()
        context, page = _page(browser, 794, 1123)  # A4 at 96 dpi
        page.goto(f"{base}/history/report?key={key}&room={first}")
        page.emulate_media(media="print")
        _settle(page)
        page.screenshot(path=OUT / "report-print.png")
        context.close()
        browser.close()
        process.send_signal(signal.SIGINT)
        process.wait(timeout=15)
