"""`classroom rooms` and `classroom report`: the rooms kept, and reports written without a server.

The command's figures are the report page's: the same JSON, the same CSV, the same figures in
the HTML and in the PDF (printed by Chromium, read back with pypdf).
"""

from __future__ import annotations

import io
import json
import os
from pathlib import Path

import pytest
from click.testing import CliRunner

from classroom.cli import main
from classroom.live import actions
from tests.browser.conftest import need_chromium
from tests.web.conftest import CONTENT_PATHS

FORWARD, LAW, FEEL = 1, 2, 3


def device(n: int) -> str:
    return f"cli-phone-{n:04d}-" + "q" * 16


def answer(room, step: int, values) -> None:
    actions.go(room, step)
    actions.open_voting(room)
    for n, value in enumerate(values):
        room.answer(room.join(device(n)), step, value)


@pytest.fixture
def kept(app, rooms, monkeypatch):
    """Return two ended Dutch rooms of the web lesson; the commands read the app's database."""
    monkeypatch.setenv("CLASSROOM_DB", app.config["CLASSROOM_DB"])
    monkeypatch.setenv("CLASSROOM_CONTENT_PATHS", os.pathsep.join(map(str, CONTENT_PATHS)))
    a, b = rooms.create("web-class", "nl"), rooms.create("web-class", "nl")
    answer(a, FORWARD, [2, 2, 1])
    answer(a, FEEL, [5, 4])  # too few
    answer(b, FORWARD, [0, 0, 0, 2])
    actions.end(a)
    actions.end(b)
    return a, b


def run(*args: str):
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


def test_rooms_lists_what_is_kept_newest_first(kept, rooms):
    a, b = kept
    running = rooms.create("web-second", "en")
    result = run("rooms")
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert lines[1].split() == ["CODE", "LESSON", "STARTED", "STATE", "JOINED", "ANSWERED",
                                "KEPT", "UNTIL"]
    codes = [line.split()[0] for line in lines[2:5]]
    assert codes == [running.code, b.code, a.code]
    assert lines[3].split()[4:7] == ["ended", "4", "4"]
    assert lines[4].split()[4:7] == ["ended", "3", "3"]
    assert lines[2].split()[4:7] == ["waiting", "0", "0"]
    listed = json.loads(run("rooms", "--format", "json").stdout)
    assert [(r["code"], r["state"], r["joined"], r["answered"]) for r in listed] == [
        (running.code, "waiting", 0, 0), (b.code, "ended", 4, 4), (a.code, "ended", 3, 3)]
    assert all(a.teacher_key not in line for line in lines)


def test_the_report_command_writes_what_the_report_page_shows(kept, client, tmp_path,
                                                               monkeypatch):
    a, _b = kept
    web = client.get(f"/teach/{a.code}/report.json?key={a.teacher_key}").text
    result = run("report", a.code.lower(), "--format", "json", "-o", "-")
    assert result.exit_code == 0
    assert json.loads(result.stdout) == json.loads(web)
    web_csv = client.get(f"/teach/{a.code}/report.csv?key={a.teacher_key}").data
    monkeypatch.chdir(tmp_path)
    result = run("report", f"{a.code[:3]} {a.code[3:]}", "--format", "csv")
    written = next(tmp_path.glob("report-web-class-*.csv"))
    assert f"Wrote {written.name}" in result.stderr
    assert written.read_bytes() == web_csv
    page = client.get(f"/teach/{a.code}/report?key={a.teacher_key}").text
    run("report", a.code, "-o", "page.html")
    html = (tmp_path / "page.html").read_text()
    for figure in ("2 · 67%", "1 · 33%", "Antwoorden: 3", "Minder dan 3 antwoorden: niet getoond."):
        assert figure in page and figure in html
    assert "<script" not in html and "<link" not in html and "/static/" not in html
    assert a.teacher_key not in html


def test_several_codes_put_the_classes_side_by_side(kept):
    a, b = kept
    result = run("report", a.code, b.code, "--format", "csv", "-o", "-")
    header = result.stdout.lstrip("\ufeff").splitlines()[0].split(";")
    assert f"{a.code} count" in header and f"{b.code} count" in header
    row = next(line.split(";") for line in result.stdout.splitlines()
               if line.startswith("web-quiz/forward;") and ";option;0;" in line)
    values = dict(zip(header, row, strict=True))
    assert (values[f"{a.code} count"], values[f"{b.code} count"]) == ("0", "3")


@pytest.mark.parametrize(("codes", "says"), [
    (["ZZZZZZ"], "No room ZZZZZZ is kept in"),
])
def test_an_unknown_room_says_where_it_looked(kept, codes, says):
    result = CliRunner().invoke(main, ["report", *codes])
    assert result.exit_code == 1 and says in result.stderr and "classroom rooms" in result.stderr


def test_rooms_of_two_lessons_are_not_compared(kept, rooms):
    other = rooms.create("web-second", "en")
    result = CliRunner().invoke(main, ["report", kept[0].code, other.code])
    assert result.exit_code == 1
    assert "Cannot compare these rooms: choose rooms of one lesson" in result.stderr


def test_a_running_room_is_reported_with_a_note(kept, rooms):
    running = rooms.create("web-second", "en")
    result = run("report", running.code, "--format", "json", "-o", "-")
    assert result.exit_code == 0
    assert f"Room {running.code} is still running" in result.stderr


def test_without_chromium_the_pdf_says_what_to_install(kept, monkeypatch):
    from classroom.cli import pdf

    monkeypatch.setattr(pdf, "find_browser", lambda: None)
    monkeypatch.setattr(pdf, "_playwright", lambda page, target: False)
    result = CliRunner().invoke(main, ["report", kept[0].code, "--format", "pdf"])
    assert result.exit_code == 1
    assert "sudo apt install chromium" in result.stderr
    assert f"classroom report {kept[0].code} --format html" in result.stderr


def pdf_text(data: bytes) -> str:
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(data))
    return "\n".join(page.extract_text() for page in reader.pages)


@pytest.mark.browser
def test_the_pdf_holds_the_report_pages_figures_on_a4(kept, tmp_path):
    need_chromium()
    a, b = kept
    target = tmp_path / "report.pdf"
    result = run("report", a.code, "--format", "pdf", "-o", str(target))
    assert result.exit_code == 0, result.stderr
    data = target.read_bytes()
    assert data.startswith(b"%PDF-")
    from pypdf import PdfReader

    first = PdfReader(io.BytesIO(data)).pages[0]
    assert (round(float(first.mediabox.width)), round(float(first.mediabox.height))) == (595, 842)
    text = pdf_text(data)
    for figure in ("LESVERSLAG", "Delen of niet?", "2 · 67%", "Antwoorden: 3",
                   "Minder dan 3 antwoorden: niet getoond."):
        assert figure in text, figure
    assert "CSV" not in text  # the buttons are left off paper
    both = tmp_path / "both.pdf"
    run("report", a.code, b.code, "--format", "pdf", "-o", str(both))
    page = PdfReader(both).pages[0]
    assert float(page.mediabox.width) > float(page.mediabox.height)  # A4 on its long side
    assert "3 · 75%" in pdf_text(both.read_bytes())


def test_the_print_style_sheet_leaves_the_buttons_off_paper():
    css = (Path(__file__).resolve().parents[2] / "static" / "css" / "report.css").read_text()
    printed = css[css.index("@media print"):]
    assert ".report-actions { display: none; }" in printed
    assert "@page { size: A4;" in css and "@page wide { size: A4 landscape; }" in css
