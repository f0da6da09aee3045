"""The lesson report page and its CSV and JSON downloads: teacher key only, aggregates only."""

from __future__ import annotations

import csv
import io

import pytest

from classroom.live import actions
from tests.web.conftest import CONTENT_PATHS, PUBLIC_URL

# Step indexes of tests/web/fixtures/lessons/web-class.yaml.
FORWARD, LAW, FEEL, WORD = 1, 2, 3, 7
TWICE = """\
id: twice
title: {nl: "Twee keer", en: "Twice", fr: "Deux fois"}
audience: all
minutes: 10
languages: [nl, en, fr]
min_group: 3
help: web-help
steps:
  - ask: web-quiz/feel
  - ask: web-quiz/forward
  - ask: web-quiz/feel
  - ask: web-quiz/order
  - ask: web-quiz/order
"""


def device(n: int) -> str:
    return f"web-phone-{n:04d}-" + "y" * 16


def answer(room, step: int, values, start: int = 0) -> list[str]:
    """Join one phone per value and answer `step` with it."""
    pids = [room.join(device(n)) for n in range(start, start + len(values))]
    actions.go(room, step)
    actions.open_voting(room)
    for pid, value in zip(pids, values, strict=True):
        room.answer(pid, step, value)
    return pids


@pytest.fixture
def answered(room):
    """Return the Dutch room, ended: three choice, three check, two scale and three text answers."""
    pids = answer(room, FORWARD, [2, 2, 1])
    answer(room, LAW, [1, 1, 0])
    answer(room, FEEL, [5, 4])
    answer(room, WORD, ["geen toestemming", "WACHT-NOG", "respect"], start=10)
    actions.moderate(room, "t1", approve=True)
    actions.moderate(room, "t3", approve=True)
    actions.end(room)
    return pids


def url(room, suffix: str = "", key: str | None = None) -> str:
    return f"/teach/{room.code}/report{suffix}?key={room.teacher_key if key is None else key}"


@pytest.mark.parametrize("suffix", ["", ".csv", ".json"])
@pytest.mark.parametrize("key", ["", "wrong", "{admin}", "{projector}"])
def test_the_report_needs_the_teacher_key(client, room, admin_key, suffix, key):
    page = client.get(url(room, suffix, key.format(admin=admin_key, projector=room.screen_key)))
    assert page.status_code == 403
    assert "Geen toegang" in page.text
    assert room.teacher_key not in page.text


@pytest.mark.parametrize("suffix", ["", ".csv", ".json"])
def test_the_report_of_an_unknown_room(client, suffix):
    page = client.get(f"/teach/KKKKKK/report{suffix}?key=whatever")
    assert page.status_code == 404
    assert "Er loopt geen les met de code KKKKKK." in page.text


def test_the_teacher_page_links_to_the_report(client, room):
    page = client.get(f"/teach/{room.code}?key={room.teacher_key}")
    link = f'href="/teach/{room.code}/report?key={room.teacher_key}"'
    assert page.text.count(link) == 2  # next to "End the lesson", and large once it ended
    assert 'id="report-ended" hidden' in page.text
    assert "Lesverslag" in page.text


def test_the_report_page_shows_the_aggregates(client, room, answered):
    page = client.get(url(room))
    assert page.status_code == 200
    assert page.headers["Cache-Control"] == "no-store"
    text = page.text
    assert "Lesverslag" in text and "Delen of niet?" in text
    assert "De les is afgelopen." in text
    assert "Sam krijgt een foto doorgestuurd. Wat doet Sam best?" in text
    assert "Antwoorden: 3" in text and "Liever niet geantwoord: 0" in text
    assert "2 · 67%" in text  # two of three chose "Hulp zoeken"
    assert "✓ Juist antwoord" in text  # the check question's 16
    assert "Minder dan 3 antwoorden: niet getoond." in text  # the scale had two answers
    assert "respect" in text and "toestemming" in text
    assert "WACHT-NOG" not in text and "wacht" not in text
    assert "NOTITIE" not in text  # teacher notes are not part of the report
    assert f'href="/teach/{room.code}/report.csv?key={room.teacher_key}"' in text
    assert f'href="/teach/{room.code}/report.json?key={room.teacher_key}"' in text


def test_the_report_page_while_the_lesson_runs(client, room):
    page = client.get(url(room))
    assert "De les loopt nog: dit verslag toont de antwoorden tot nu toe." in page.text
    assert page.text.count("Minder dan 3 antwoorden: niet getoond.") == 7


def read_csv(page) -> list[list[str]]:
    body = page.data.decode("utf-8")
    assert body.startswith("\ufeff")  # the byte-order mark that makes Excel read UTF-8
    return list(csv.reader(io.StringIO(body[1:]), delimiter=";"))


def test_the_csv_download(client, room, answered):
    page = client.get(url(room, ".csv"))
    assert page.status_code == 200
    assert page.headers["Content-Type"] == "text/csv; charset=utf-8"
    assert page.headers["Content-Disposition"].startswith('attachment; filename="report-web-class-')
    rows = read_csv(page)
    header = rows[0]
    assert header[:8] == ["step", "question_key", "kind", "question", "round", "answers",
                          "passed", "shown"]
    records = [dict(zip(header, row, strict=True)) for row in rows[1:]]
    forward = [r for r in records if r["question_key"] == "web-quiz/forward"]
    assert [(r["item"], r["count"], r["percent"]) for r in forward] == [
        ("Doorsturen", "0", "0"), ("Verwijderen", "1", "33"), ("Hulp zoeken", "2", "67")]
    law = [(r["item"], r["correct"]) for r in records if r["question_key"] == "web-quiz/law"]
    assert law == [("14", "no"), ("16", "yes"), ("18", "no")]
    feel = [r for r in records if r["question_key"] == "web-quiz/feel"]
    # Two answers, fewer than the group of three: not even how many is given away.
    assert [(r["shown"], r["count"], r["answers"]) for r in feel] == [("no", "", "")]
    assert "WACHT-NOG" not in page.text and room.teacher_key not in page.text


def test_the_csv_writes_decimals_the_way_the_rooms_language_does(client, rooms):
    for lang, mean in (("nl", "4,5"), ("en", "4.5")):
        room = rooms.create("web-class", lang)
        answer(room, FEEL, [5, 4, 5, 4])
        records = read_csv(client.get(url(room, ".csv")))
        means = {row[-1] for row in records[1:] if row[1] == "web-quiz/feel"}
        assert means == {mean}, lang


def test_the_json_download(client, room, answered):
    page = client.get(url(room, ".json"))
    assert page.status_code == 200
    assert page.headers["Content-Type"] == "application/json"
    assert page.headers["Content-Disposition"].endswith('.json"')
    data = page.get_json()
    assert data["lesson"] == "web-class" and data["min_group"] == 3
    forward = next(q for q in data["questions"] if q["key"] == "web-quiz/forward")
    assert [i["count"] for i in forward["items"]] == [0, 1, 2]
    assert len([r for r in data["rows"] if r["question_key"] == "web-quiz/forward"]) == 3
    text = page.text
    for secret in [*answered, device(0), room.teacher_key, room.salt, room.screen_key,
                   "WACHT-NOG"]:
        assert secret not in text, secret


@pytest.fixture
def twice_app(tmp_path, make_app):
    """Return an app whose lesson `twice` asks the scale question at the start and the end."""
    folder = tmp_path / "twice"
    folder.mkdir()
    (folder / "twice.yaml").write_text(TWICE, encoding="utf-8")
    return make_app([*CONTENT_PATHS, folder], CLASSROOM_PUBLIC_URL=PUBLIC_URL)


@pytest.mark.parametrize(
    ("after", "shown"), [([4, 5, 5], True), ([4, 5], False)]
)
def test_the_page_shows_before_and_after_side_by_side(twice_app, after, shown):
    room = twice_app.extensions["classroom.rooms"].create("twice", "nl")
    answer(room, 0, [1, 2, 3])
    answer(room, 2, after, start=100)
    page = twice_app.test_client().get(url(room)).text
    assert "Voor en na" in page
    text = page[page.index('data-key="web-quiz/feel"'):page.index('data-key="web-quiz/order"')]
    assert ("Voor (stap 1)" in text and "Na (stap 3)" in text) is shown
    assert ("Gemiddelde" in text and "4,7" in text) is shown
    not_shown = "Minder dan 3 antwoorden in een van de twee rondes: niet getoond."
    assert (not_shown in text) is not shown


def test_a_rank_asked_twice_shows_the_mean_places_side_by_side(twice_app):
    room = twice_app.extensions["classroom.rooms"].create("twice", "en")
    answer(room, 3, [[0, 1, 2], [0, 2, 1], [1, 0, 2]])
    answer(room, 4, [[2, 1, 0], [2, 0, 1], [2, 1, 0]], start=100)
    text = twice_app.test_client().get(url(room)).text
    table = text[text.index("Before (step 4)"):text.index("Every question")]
    assert "The person in the picture" in table
    assert "average place 1.3" in table and "average place 1.0" in table
    assert "None" not in table


def ask(room, n: int, text: str) -> str:
    """Let phone `n` ask `text`; return the question's id."""
    pid, key = room.join(device(n)), room.questions.key_of(device(n))
    room.questions.recognise(pid, key)
    return room.questions.ask(pid, key, text)["asked"][-1]["id"]


def me_too(room, qid: str, phones: range) -> None:
    for n in phones:
        pid, key = room.join(device(n)), room.questions.key_of(device(n))
        room.questions.recognise(pid, key)
        room.questions.me_too(pid, key, qid)


@pytest.fixture
def asked(room):
    """Return the ended room with questions: two approved (one answered, one with 3 "me too")."""
    from classroom.live import question_actions

    wanted = ask(room, 1, "Mag je een naaktfoto van jezelf sturen als je 15 bent?")
    answered_one = ask(room, 2, "Wat doet de politie met een klacht?")
    ask(room, 3, "NOOIT-GOEDGEKEURD wie is die jongen uit 3B")
    hidden = ask(room, 4, "VERBORGEN vraag")
    for qid in (wanted, answered_one):
        question_actions.approve(room, qid)
    question_actions.answered(room, answered_one, True)
    question_actions.hide(room, hidden)
    me_too(room, wanted, range(10, 13))
    box = room.questions
    for _ in range(2):  # two turns of the slot: the count the class saw moves to 3
        box.slot -= 1
        box.publish()
    actions.end(room)
    return wanted, answered_one


def test_the_report_lists_the_approved_questions_with_their_me_too(client, room, asked):
    text = client.get(url(room)).text
    assert "Vragen van de klas" in text
    assert text.index("Mag je een naaktfoto") < text.index("Wat doet de politie")  # open first
    assert "“ik ook”: 3" in text and "“ik ook”: minder dan 3" in text
    assert "NOOIT-GOEDGEKEURD" not in text and "VERBORGEN" not in text


def test_the_exports_hold_the_approved_questions_and_nothing_else(client, room, asked):
    records = read_csv(client.get(url(room, ".csv")))
    header = records[0]
    rows = [dict(zip(header, row, strict=True)) for row in records[1:] if row[2] == "asked"]
    assert [(r["question"], r["item_id"], r["count"], r["shown"]) for r in rows] == [
        ("Mag je een naaktfoto van jezelf sturen als je 15 bent?", "approved", "3", "yes"),
        ("Wat doet de politie met een klacht?", "answered", "", "no"),
    ]
    data = client.get(url(room, ".json")).get_json()
    assert data["asked"] == [
        {"text": "Mag je een naaktfoto van jezelf sturen als je 15 bent?", "answered": False,
         "me_too": 3},
        {"text": "Wat doet de politie met een klacht?", "answered": True, "me_too": None},
    ]
    for page in (client.get(url(room, ".csv")), client.get(url(room, ".json"))):
        assert "NOOIT-GOEDGEKEURD" not in page.text and "VERBORGEN" not in page.text
        assert "owner" not in page.text
