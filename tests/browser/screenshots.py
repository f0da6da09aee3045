"""Take the README's screenshots of the three screens: python -m tests.browser.screenshots

Starts `classroom run` on the bundled default lesson, plays a short class with ten phones,
and writes docs/img/{screen-lobby,screen-results,student,teacher}.png.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import tempfile
import time

from playwright.sync_api import sync_playwright

from tests.browser.conftest import ARGS, CHROMIUM, ROOT, free_port

OUT = ROOT / "docs" / "img"
PUBLIC = "http://192.168.1.20:5000"  # what a classroom laptop would show
QUESTION_STEP = 10  # scenarios/foto-ontvangen in lessons/sexting-delen.yaml
CHOICES = [2, 2, 2, 1, 2, 0, 2, 1, 2, 3]


def start(port: int, folder: str) -> tuple[subprocess.Popen, dict[str, str]]:
    """Start `classroom run` and return it with its printed links (pointed at 127.0.0.1)."""
    process = subprocess.Popen(
        [sys.executable, "-m", "classroom.cli", "run", "--no-browser", "--host", "127.0.0.1",
         "--port", str(port), "--public-url", PUBLIC],
        cwd=ROOT, env={**os.environ, "CLASSROOM_DB": f"{folder}/db.sqlite3"},
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


def main() -> None:
    """Play a short lesson and save the screenshots."""
    OUT.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as folder, sync_playwright() as playwright:
        process, links = start(free_port(), folder)
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        screen = browser.new_page(viewport={"width": 1280, "height": 720})
        screen.goto(links["Screen"])
        teacher = browser.new_page(viewport={"width": 1100, "height": 1000})
        teacher.goto(links["Teacher"])
        phones = []
        for _ in CHOICES:
            phone = browser.new_context(viewport={"width": 360, "height": 720}).new_page()
            phone.goto(links["Join"])
            phones.append(phone)
        screen.wait_for_selector(f"#phones:has-text('{len(CHOICES)}')")
        screen.screenshot(path=OUT / "screen-lobby.png")
        teacher.click(f"#outline li:nth-child({QUESTION_STEP + 1}) button")
        teacher.wait_for_selector("#voting:not([disabled])")
        teacher.click("#voting")
        for phone, choice in zip(phones, CHOICES, strict=True):
            phone.wait_for_selector(".answers > .option")
            if phone is phones[0]:
                phone.screenshot(path=OUT / "student.png")
            phone.locator(".answers > .option").nth(choice).click()
            phone.wait_for_selector("#heading:has-text('Antwoord ontvangen')")
        screen.keyboard.press("Enter")
        screen.wait_for_selector(".results .bar")
        screen.screenshot(path=OUT / "screen-results.png")
        teacher.wait_for_selector("#results .bar")
        teacher.screenshot(path=OUT / "teacher.png")
        browser.close()
        process.send_signal(signal.SIGINT)
        process.wait(timeout=15)
    for path in sorted(OUT.glob("*.png")):
        print(f"{path.relative_to(ROOT)}: {path.stat().st_size // 1024} KB")


if __name__ == "__main__":
    main()
