"""Past lessons and classes compared: the library key only, each room under its own rules."""

from __future__ import annotations

import csv
import io
import json

import pytest

from classroom.live import actions
from classroom.live.compare import NotComparable, compare
from classroom.live.report import build_report

# Step indexes of tests/web/fixtures/lessons/web-class.yaml.
FORWARD, LAW, FEEL, ORDER, WORD = 1, 2, 3, 6, 7


def device(n: int) -> str:
    return f"web-phone-{n:04d}-" + "z" * 16


def answer(room, step: int, values) -> None:
    """Show `step`, open voting, and let phones 0, 1, ... answer with `values` (None: pass)."""
    actions.go(room, step)
    actions.open_voting(room)
    for n, value in enumerate(values):
        room.answer(room.join(device(n)), step, value, passed=value is None)


@pytest.fixture
def classes(rooms, clock=None):
    """Return two ended rooms of the web lesson with known tallies (minimum group: 3).

    Class A (Dutch): forward 2, 2, 1 (shown); feel 5, 4 (too few: hidden).
    Class B (French): forward 0, 2 and a pass (two real answers: hidden); feel 5, 5, 3, 1.
    """
    a, b = rooms.create("web-class", "nl"), rooms.create("web-class", "fr")
    answer(a, FORWARD, [2, 2, 1])
    answer(a, FEEL, [5, 4])
    answer(b, FORWARD, [0, 2, None])
    answer(b, FEEL, [5, 5, 3, 1])
    actions.end(a)
    actions.end(b)
    return a, b


def report_url(key: str, *codes: str, suffix: str = "") -> str:
    rooms = "".join(f"&room={code}" for code in codes)
    return f"/history/report{suffix}?key={key}{rooms}"


def test_a_comparison_of_two_classes_against_known_tallies(classes):
    a, b = classes
    both = compare([build_report(a), build_report(b)])
    assert [r["code"] for r in both["rooms"]] == [a.code, b.code]
    forward = next(q for q in both["questions"] if q["key"] == "web-quiz/forward")
    assert [r["shown"] for r in forward["results"]] == [True, False]
    assert [r["answers"] for r in forward["results"]] == [3, None]  # not even how many
    cells = {row["id"]: row["cells"] for row in forward["rows"]}
    assert [(c["count"], c["percent"]) for c in (cells[0][0], cells[1][0], cells[2][0])] == [
        (0, 0), (1, 33), (2, 67)]
    assert all(c[1] is None for c in cells.values())  # class B shows nothing
    assert cells[2][0]["label"] == "Hulp zoeken"  # labels in the first room's language
    feel = next(q for q in both["questions"] if q["key"] == "web-quiz/feel")
    assert [r["shown"] for r in feel["results"]] == [False, True]
    points = {row["id"]: row["cells"][1]["count"] for row in feel["rows"]}
    assert points == {1: 1, 2: 0, 3: 1, 4: 0, 5: 2}
    assert feel["results"][1]["mean"] == 3.5
    law = next(q for q in both["questions"] if q["key"] == "web-quiz/law")
    assert [r["shown"] for r in law["results"]] == [False, False] and law["rows"] == []


def test_the_comparison_page_and_its_export(client, admin_key, classes):
    a, b = classes
    page = client.get(report_url(admin_key, a.code, b.code.lower()))
    assert page.status_code == 200 and page.headers["Cache-Control"] == "no-store"
    text = page.text
    assert "Klassen vergeleken" in text and "Delen of niet?" in text
    assert f"{a.code[:3]} {a.code[3:]}" in text and f"{b.code[:3]} {b.code[3:]}" in text
    assert "2 · 67%" in text
    assert "minder dan 3: niet getoond" in text
    rows = list(csv.reader(io.StringIO(
        client.get(report_url(admin_key, a.code, b.code, suffix=".csv")).text[1:]), delimiter=";"))
    head = rows[0]
    assert head[:7] == ["question_key", "kind", "question", "round", "group", "item_id", "item"]
    assert head[7:16] == [f"{a.code} {name}" for name in (
        "step", "answers", "passed", "shown", "count", "percent", "correct", "place", "mean")]
    assert head[16:] == [f"{b.code} {name}" for name in (
        "step", "answers", "passed", "shown", "count", "percent", "correct", "place", "mean")]
    table = [dict(zip(head, row, strict=True)) for row in rows[1:]]
    help_row = next(r for r in table if r["question_key"] == "web-quiz/forward"
                    and r["item_id"] == "2")
    assert (help_row[f"{a.code} count"], help_row[f"{a.code} percent"]) == ("2", "67")
    assert (help_row[f"{b.code} shown"], help_row[f"{b.code} count"]) == ("no", "")
    assert help_row[f"{b.code} answers"] == ""
    five = next(r for r in table if r["question_key"] == "web-quiz/feel" and r["item_id"] == "5")
    assert (five[f"{a.code} count"], five[f"{b.code} count"], five[f"{b.code} mean"]) == (
        "", "2", "3,5")
    data = json.loads(client.get(report_url(admin_key, a.code, b.code, suffix=".json")).text)
    assert data["columns"] == head and len(data["rows"]) == len(table)


@pytest.mark.parametrize("suffix", ["", ".csv", ".json"])
def test_comparing_and_the_history_need_the_library_key(client, admin_key, classes, suffix):
    a, b = classes
    for key in ("", "wrong", a.teacher_key, a.screen_key):
        assert client.get(report_url(key, a.code, b.code, suffix=suffix)).status_code == 403
        assert client.get(f"/history?key={key}").status_code == 403


def test_one_room_through_the_history_is_its_report(client, admin_key, classes):
    a, _b = classes
    page = client.get(report_url(admin_key, a.code))
    assert page.status_code == 200 and "Lesverslag" in page.text and "2 · 67%" in page.text
    assert f'href="/history?key={admin_key}"' in page.text
    export = client.get(report_url(admin_key, a.code, suffix=".json"))
    assert json.loads(export.text)["questions"] == build_report(a)["questions"]


def test_rooms_of_another_lesson_are_not_compared(client, admin_key, rooms):
    a, b = rooms.create("web-class", "nl"), rooms.create("web-second", "en")
    page = client.get(report_url(admin_key, a.code, b.code))
    assert page.status_code == 400
    assert "verschillende lessen" in page.text
    with pytest.raises(NotComparable, match="one lesson"):
        compare([build_report(a), build_report(b)])


@pytest.mark.parametrize("codes", [["ZZZZZZ"], ["nonsense!"]])
def test_an_unknown_room_is_a_plain_404(client, admin_key, codes):
    page = client.get(report_url(admin_key, *codes))
    assert page.status_code == 404 and "is geen les met de code" in page.text


def test_the_history_lists_every_room_by_lesson_with_links(client, admin_key, classes, rooms):
    a, b = classes
    running = rooms.create("web-second", "en")
    page = client.get(f"/history?key={admin_key}")
    assert page.status_code == 200 and page.headers["Cache-Control"] == "no-store"
    text = page.text
    assert text.index('id="history-web-second"') < text.index('id="history-web-class"')
    assert text.index(f'id="room-{b.code}"') < text.index(f'id="room-{a.code}"')  # newest first
    assert f'href="/history/report?key={admin_key}&amp;room={a.code}"' in text
    assert f'value="{a.code}"' in text and f'value="{running.code}"' not in text  # one room
    assert text.count("afgelopen") >= 2 and "wacht op de start" in text
    assert a.teacher_key not in text and running.teacher_key not in text
    library = client.get(f"/library?key={admin_key}").text
    assert f'href="/history?key={admin_key}"' in library


def test_a_finished_room_is_in_the_history_after_a_restart(make_app, admin_key, classes, app):
    from tests.web.conftest import CONTENT_PATHS

    a, b = classes
    before = app.test_client().get(report_url(admin_key, a.code, b.code, suffix=".csv")).text
    app.extensions["classroom.store"].close()
    again = make_app(CONTENT_PATHS, CLASSROOM_DB=app.config["CLASSROOM_DB"])
    client = again.test_client()
    assert client.get(report_url(admin_key, a.code, b.code, suffix=".csv")).text == before
    assert f'id="room-{a.code}"' in client.get(f"/history?key={admin_key}").text
