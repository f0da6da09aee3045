"""The lesson report: aggregates per question, the minimum group, the shift, nothing individual."""

from __future__ import annotations

import json

import pytest
from livekit import CONTENT_PATHS, STEPS, device, join

from classroom.content.library import load_library
from classroom.live import actions
from classroom.live.registry import Rooms
from classroom.live.report import COLUMNS, build_report, export_rows

TWICE = """\
id: twice
title: {en: Asked twice}
audience: all
minutes: 10
languages: [en]
min_group: 3
help: test-help
steps:
  - ask: live-test/feel
  - ask: live-test/forwarded
  - ask: live-test/word
  - ask: live-test/feel
  - ask: live-test/word
"""


def answer_step(room, step: int, values, start: int = 0) -> list[str]:
    """Join one phone per value, show `step`, and answer it (None = pass)."""
    pids = join(room, len(values), start)
    actions.go(room, step)
    actions.open_voting(room)
    for pid, value in zip(pids, values, strict=True):
        room.answer(pid, step, value, passed=value is None)
    return pids


def question_at(report, step_index: int):
    """Return the report's entry for the step at 0-based `step_index`."""
    return next(q for q in report["questions"] if q["step"] == step_index + 1)


def seen(question):
    """Return the (label, count, percent, correct) of every item, as the page lists them."""
    return [(i["label"], i["count"], i["percent"], i["correct"]) for i in question["items"]]


def test_every_question_in_lesson_order_in_the_rooms_language(rooms):
    room = rooms.create("live-test", "nl")
    report = build_report(room)
    assert [q["step"] for q in report["questions"]] == [3, 4, 5, 6, 7, 8, 9]
    assert report["questions"][0]["text"] == "Sam krijgt een foto doorgestuurd. Wat doet Sam best?"
    assert report["questions"][0]["key"] == "live-test/forwarded"
    assert report["title"] == "Live testles"
    assert report["min_group"] == 3
    assert report["shifts"] == []


@pytest.mark.parametrize(
    ("kind", "values", "expected"),
    [
        ("choice", [0, 2, 2], [("Forward it", 1, 33, False), ("Delete it", 0, 0, False),
                               ("Tell the person and get help", 2, 67, False)]),
        ("check", [1, 1, 0, 1], [("14", 1, 25, False), ("16", 3, 75, True), ("18", 0, 0, False)]),
        ("multi", [[0], [0, 2], [0, 1]], [("Asking first", 3, 100, False),
                                          ("Sharing with friends", 1, 33, False),
                                          ("Deleting", 1, 33, False)]),
        ("scale", [5, 4, 4, 1], [("1 = Strongly disagree", 1, 25, False),
                                 ("2 = Disagree", 0, 0, False),
                                 ("3 = Neither agree nor disagree", 0, 0, False),
                                 ("4 = Agree", 2, 50, False),
                                 ("5 = Strongly agree", 1, 25, False)]),
    ],
)
def test_counts_per_option_with_the_correct_answer_marked(room, kind, values, expected):
    answer_step(room, STEPS[kind], values)
    question = question_at(build_report(room), STEPS[kind])
    assert question["shown"] is True
    assert (question["answers"], question["passed"]) == (len(values), 0)
    assert seen(question) == expected


def test_scale_has_its_mean(room):
    answer_step(room, STEPS["scale"], [5, 4, 4, 1])
    assert question_at(build_report(room), STEPS["scale"])["mean"] == 3.5


def test_flags_and_criteria_with_the_expected_flag_marked(room):
    values = [{"flag": "red", "criterion": "consent"}, {"flag": "red", "criterion": None},
              {"flag": "black", "criterion": "impact"}]
    answer_step(room, STEPS["flag"], values)
    items = question_at(build_report(room), STEPS["flag"])["items"]
    flags = [(i["id"], i["count"], i["correct"]) for i in items if i["group"] == "flag"]
    assert flags == [("green", 0, False), ("yellow", 0, False), ("red", 2, True),
                     ("black", 1, False)]
    criteria = {i["id"]: i["count"] for i in items if i["group"] == "criterion"}
    assert criteria == {"consent": 1, "voluntary": 0, "equality": 0, "development": 0,
                        "context": 0, "impact": 1}


def test_rank_lists_the_class_order_with_mean_places(room):
    answer_step(room, STEPS["rank"], [[2, 0, 1], [2, 1, 0], [0, 2, 1]])
    items = question_at(build_report(room), STEPS["rank"])["items"]
    assert [(i["label"], i["place"], i["score"]) for i in items] == [
        ("A helpline", 1, 1.3), ("A friend", 2, 2.0), ("A teacher", 3, 2.7)]


def test_free_text_counts_only_approved_phrases(room):
    answer_step(room, STEPS["text"], ["respect please", "SECRET-PENDING", "REJECTED-WORD"])
    actions.moderate(room, "t1", approve=True)
    actions.moderate(room, "t3", approve=False)
    question = question_at(build_report(room), STEPS["text"])
    assert [(i["label"], i["count"]) for i in question["items"]] == [("respect please", 1)]
    text = json.dumps(build_report(room)) + json.dumps(list(export_rows(build_report(room))))
    assert "pending" not in text.lower() and "rejected" not in text.lower()


@pytest.mark.parametrize(
    ("values", "shown", "counts"),
    [
        ([], False, (None, None)),
        ([0, 1], False, (None, None)),  # fewer than the group: not even how many
        ([0, 1, None, None, None, None], False, (None, None)),  # passes do not count
        ([0, 1, 2], True, (3, 0)),
        ([0, 1, 2, None], True, (3, 1)),
    ],
)
def test_aggregates_wait_for_the_minimum_group(room, values, shown, counts):
    if values:
        answer_step(room, STEPS["choice"], values)
    question = question_at(build_report(room), STEPS["choice"])
    assert question["shown"] is shown
    assert (question["answers"], question["passed"]) == counts
    assert bool(question["items"]) is shown
    rows = [r for r in export_rows(build_report(room)) if r["step"] == STEPS["choice"] + 1]
    assert [r["count"] for r in rows] == ([1, 1, 1] if shown else [None])


def test_a_lesson_may_raise_the_minimum_group(room):
    room.lesson = room.lesson.model_copy(update={"min_group": 5})
    answer_step(room, STEPS["choice"], [0, 1, 2, 0])
    report = build_report(room)
    assert report["min_group"] == 5
    assert question_at(report, STEPS["choice"])["shown"] is False


@pytest.fixture
def twice_rooms(tmp_path, store, clock):
    """Return a registry whose lesson `twice` asks a scale and a text question twice."""
    folder = tmp_path / "twice"
    folder.mkdir()
    (folder / "twice.yaml").write_text(TWICE, encoding="utf-8")
    library = load_library([*CONTENT_PATHS, folder])
    assert library.errors == []
    return Rooms(library, store, clock=clock)


def test_a_question_asked_twice_shows_before_and_after(twice_rooms):
    room = twice_rooms.create("twice")
    answer_step(room, 0, [1, 2, 2, 3])
    answer_step(room, 3, [4, 5, 5, None], start=100)
    report = build_report(room)
    assert [q["round"] for q in report["questions"]] == [1, None, 1, 2, 2]
    (shift,) = report["shifts"]  # free text is asked twice too, but words do not pair up
    assert (shift["key"], shift["steps"], shift["shown"]) == ("live-test/feel", [1, 4], True)
    assert shift["answers"] == [4, 3]
    assert shift["means"] == [2.0, 4.7]
    assert [(r["label"], r["before"]["count"], r["after"]["count"]) for r in shift["rows"]] == [
        ("1 = Strongly disagree", 1, 0), ("2 = Disagree", 2, 0),
        ("3 = Neither agree nor disagree", 1, 0), ("4 = Agree", 0, 1), ("5 = Strongly agree", 0, 2)]


@pytest.mark.parametrize(("before", "after"), [([1, 2], [4, 5, 5]), ([1, 2, 3], [4, 5])])
def test_the_shift_needs_the_minimum_group_in_both_rounds(twice_rooms, before, after):
    room = twice_rooms.create("twice")
    answer_step(room, 0, before)
    answer_step(room, 3, after, start=100)
    (shift,) = build_report(room)["shifts"]
    assert shift["shown"] is False
    assert shift["rows"] == [] and shift["means"] == [None, None]
    # A round with fewer answers than the group does not even show how many.
    assert shift["answers"] == [len(x) if len(x) >= 3 else None for x in (before, after)]


def test_the_bundled_lesson_pairs_its_attitude_questions(store):
    rooms = Rooms(load_library(), store)
    room = rooms.create("sexting-delen", "nl")
    shifts = build_report(room)["shifts"]
    assert [(s["key"], s["steps"]) for s in shifts] == [
        ("houding/schuld-bij-doorsturer", [5, 25]),
        ("houding/steun-verdient", [6, 26]),
        ("houding/weet-waar-hulp", [7, 27]),
    ]
    assert all(s["kind"] == "scale" and not s["shown"] for s in shifts)


def test_the_export_holds_aggregates_only(room, store):
    pids = answer_step(room, STEPS["choice"], [n % 3 for n in range(30)])
    answer_step(room, STEPS["text"], ["hello class", "CALL-ME-LATER", "hello"], start=30)
    actions.moderate(room, "t1", approve=True)
    actions.moderate(room, "t3", approve=True)
    actions.end(room)
    report = build_report(room)
    rows = list(export_rows(report))
    text = json.dumps({**report, "rows": rows}, ensure_ascii=False)
    assert all(set(row) == set(COLUMNS) for row in rows)
    assert len([r for r in rows if r["step"] == STEPS["choice"] + 1]) == 3  # options, not phones
    forbidden = [*pids, device(0), device(29), room.salt, room.teacher_key, room.screen_key,
                 "CALL-ME-LATER", "SECRET-NOTE"]
    for secret in forbidden:
        assert secret not in text, secret
    phrases = question_at(report, STEPS["text"])["items"]
    assert [(p["label"], p["count"]) for p in phrases] == [("hello", 1), ("hello class", 1)]
    assert report["joined"] == 33
