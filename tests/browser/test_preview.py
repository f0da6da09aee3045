"""`classroom preview` in a real browser: an author breaks a line, sees where, fixes it.

A real `classroom preview` process on a copy of a bundled lesson, as an author runs it; the
page follows the saves by itself (no reload, no restart), and the frames are the real
projector and phone pages.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from classroom.cli import main
from tests.browser.conftest import ROOT, free_port

pytestmark = pytest.mark.browser

LESSON = "lessons/sexting-delen.yaml"
# Step 3 is a slide; its English text, one space short of its indentation, breaks the file.
GOOD = "      en: |-\n        # Sexting: to share or not?"
BROKEN = "     en: |-\n        # Sexting: to share or not?"


@pytest.fixture
def author(tmp_path):
    """Return (folder, preview URL): a copy of a bundled lesson and its preview, running."""
    (tmp_path / "lessons").mkdir()
    shutil.copy(ROOT / LESSON, tmp_path / LESSON)
    process = subprocess.Popen(
        [sys.executable, "-m", "classroom.cli", "preview", "lessons", "--no-browser",
         "--port", str(free_port())],
        cwd=tmp_path, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )
    line = process.stdout.readline()
    match = re.match(r"Preview: (http://127\.0\.0\.1:\d+/)", line)
    assert match, line + process.stdout.read() if process.poll() is not None else line
    yield tmp_path, match.group(1), process
    process.terminate()
    process.communicate(timeout=10)


def save(path: Path, text: str) -> None:
    """Write a file as an editor does, its time a moment later than before."""
    path.write_text(text, encoding="utf-8")
    later = time.time() + 1
    os.utime(path, (later, later))


def validate(folder: Path) -> list[str]:
    """Return what `classroom validate` prints for the folder, run from it."""
    old = os.getcwd()
    os.chdir(folder)
    try:
        return CliRunner().invoke(main, ["validate", "lessons"]).stdout.splitlines()
    finally:
        os.chdir(old)


def test_a_broken_line_shows_at_its_step_and_the_fix_brings_the_step_back(chromium, author):
    folder, url, process = author
    problems: list[str] = []
    context = chromium.new_context(viewport={"width": 1400, "height": 900})
    page = context.new_page()
    page.on("pageerror", lambda error: problems.append(str(error)))
    page.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
    page.on("request", lambda r: None if r.url.startswith(url) else problems.append(r.url))
    try:
        page.goto(url + "?lang=en", timeout=30_000)
        step = page.locator("#step-3")
        projector = page.frame_locator("#step-3 .projector iframe")
        phone = page.frame_locator("#step-3 .phone iframe")
        assert projector.locator("#body h1").text_content(timeout=15_000) == (
            "Sexting: to share or not?")
        assert phone.locator("#heading").text_content() == "Sexting: to share or not?"
        page.evaluate("() => { window.notReloaded = true; }")

        lesson = folder / LESSON
        text = lesson.read_text(encoding="utf-8")
        assert text.count(GOOD) == 1
        save(lesson, text.replace(GOOD, BROKEN))
        expected = validate(folder)[0]
        assert expected == ("lessons/sexting-delen.yaml:83:6: syntax error: the indentation "
                            "does not line up with the lines above")
        step.locator(".problem").wait_for(timeout=15_000)
        assert step.locator(".problem code").text_content() == expected
        assert step.locator("iframe").count() == 0  # this step: its problem, not a blank page
        assert "cannot be shown until the error above is fixed" in step.text_content()
        assert page.locator("#step-4 .projector iframe").count() == 1  # the others still show
        assert page.locator(".problem").count() == 1

        save(lesson, text)
        page.locator("#step-3 .projector iframe").wait_for(timeout=15_000)
        assert step.locator(".problem").count() == 0
        assert projector.locator("#body h1").text_content(timeout=15_000) == (
            "Sexting: to share or not?")
        assert page.evaluate("() => window.notReloaded") is True  # followed, not reloaded
        assert process.poll() is None  # and not restarted

        # A question: while voting, then revealed with sample results, said to be made up.
        question = page.locator("#step-5")
        question.scroll_into_view_if_needed()
        assert "Sample results: made up" in question.locator(".sample-label").text_content()
        revealed = page.frame_locator("#step-5 .views.sample .projector iframe")
        revealed.locator(".scale-chart").wait_for(timeout=15_000)  # step 5 is a scale
        counts = revealed.locator(".column-count").all_text_contents()
        assert sum(map(int, counts)) == 22  # 24 sample phones, 2 of which would rather not
        notes = question.locator(".notes").text_content()
        assert "Teacher notes" in notes and len(notes) > 40

        page.click("a[lang=nl]")  # the languages, switched at the top
        page.locator("#step-3 .projector iframe").wait_for()
        assert page.frame_locator("#step-3 .projector iframe").locator("#body h1").text_content(
            timeout=15_000) == "Sexting: delen of niet?"
    finally:
        context.close()
    assert problems == []
