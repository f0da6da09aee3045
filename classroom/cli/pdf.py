"""Print a report page to PDF with a Chromium-like browser (headless), or say what to install.

The page has its own print style sheet (report.css, `@media print`), so the PDF is what the
browser's Print → Save as PDF makes from the report page: A4, no buttons, bars in colour.
Chromium on the laptop is used first; the Chromium of Playwright when that is installed.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

BROWSERS = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable", "chrome",
            "microsoft-edge")
TIMEOUT = 120  # seconds: a long comparison on a slow laptop
INSTALL = (
    "Making a PDF needs Chromium (or Google Chrome), and none was found.\n"
    "  - Debian or Ubuntu: sudo apt install chromium\n"
    "  - or point CLASSROOM_CHROMIUM at a Chromium or Chrome you have\n"
    "  - or write the page and print it from your browser (Print, then Save as PDF):\n"
    "      classroom report {codes} --format html"
)


class PdfUnavailable(Exception):
    """No browser could print the page; the message says what to install."""


def find_browser() -> str | None:
    """Return the path of a Chromium-like browser: CLASSROOM_CHROMIUM, else one on the PATH."""
    chosen = os.environ.get("CLASSROOM_CHROMIUM")
    if chosen:
        return chosen if Path(chosen).is_file() else None
    return next((path for name in BROWSERS if (path := shutil.which(name))), None)


def _chromium(browser: str, page: Path, target: Path, folder: str) -> None:
    command = [
        browser, "--headless", "--disable-gpu", "--no-first-run", "--disable-sync",
        "--disable-background-networking", "--disable-component-update",
        "--no-pdf-header-footer", "--print-to-pdf-no-header",  # new and older Chromiums
        f"--user-data-dir={folder}/profile", f"--print-to-pdf={target}", page.as_uri(),
    ]
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        command.insert(1, "--no-sandbox")  # Chromium will not start as root otherwise
    try:
        done = subprocess.run(command, capture_output=True, text=True, timeout=TIMEOUT)
    except (OSError, subprocess.TimeoutExpired) as error:
        raise PdfUnavailable(f"{browser} could not print the report: {error}") from None
    if done.returncode != 0 or not _is_pdf(target):
        tail = (done.stderr or "").strip().splitlines()[-3:]
        raise PdfUnavailable(f"{browser} could not print the report (exit code "
                             f"{done.returncode}): {' '.join(tail) or 'no PDF written'}")


def _playwright(page: Path, target: Path) -> bool:
    """Print with Playwright's own Chromium; False when Playwright or its browser is missing."""
    try:
        from playwright.sync_api import Error, sync_playwright
    except ImportError:
        return False
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch()
            try:
                opened = browser.new_page()
                opened.goto(page.as_uri())
                opened.pdf(path=str(target), prefer_css_page_size=True, print_background=True)
            finally:
                browser.close()
    except Error:
        return False  # no browser downloaded for it
    return _is_pdf(target)


def _is_pdf(path: Path) -> bool:
    try:
        with open(path, "rb") as file:
            return file.read(5) == b"%PDF-"
    except OSError:
        return False


def print_pdf(html: str, codes: str) -> bytes:
    """Return the PDF of a page, printed by Chromium; raise PdfUnavailable saying what to do."""
    with tempfile.TemporaryDirectory(prefix="classroom-pdf-") as folder:
        page, target = Path(folder) / "report.html", Path(folder) / "report.pdf"
        page.write_text(html, encoding="utf-8")
        browser = find_browser()
        if browser is not None:
            _chromium(browser, page, target, folder)
        elif not _playwright(page, target):
            raise PdfUnavailable(INSTALL.format(codes=codes))
        return target.read_bytes()
