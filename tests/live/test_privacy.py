"""The privacy rules, each proven on the views that leave the server."""

import json

import pytest
from livekit import STEPS, device, join, open_question

from classroom.live import actions
from classroom.live.views import screen_view, student_view, teach_view

BASE = "http://192.0.2.10:5000"
SECRETS = ("SECRET-NOTE", "SECRET-EXPLANATION", "GEHEIME")


def text_of(view) -> str:
    return json.dumps(view, ensure_ascii=False)


def public_views(room, pid=None):
    return {"student": student_view(room, BASE, pid), "screen": screen_view(room, BASE)}


def answer_all(room, kind, values):
    pids = join(room, len(values))
    open_question(room, kind)
    for pid, value in zip(pids, values, strict=True):
        room.answer(pid, STEPS[kind], value)
    return pids


@pytest.mark.parametrize(
    ("answers", "reveal", "shown"),
    [
        (2, False, False),
        (2, True, False),  # fewer than min_group (3): only the count is shown
        (3, False, False),  # voting open: hidden until the reveal
        (3, True, True),
        (30, False, False),
        (30, True, True),
    ],
)
def test_results_wait_for_the_reveal_and_the_minimum_group(room, answers, reveal, shown):
    answer_all(room, "choice", [n % 3 for n in range(answers)])
    if reveal:
        actions.reveal(room)
    for role, view in {**public_views(room), "teach": teach_view(room, BASE)}.items():
        assert (view["results"] is not None) == shown, role
    # Fewer answers than the group (3) do not even move the count.
    count = answers if answers >= 3 else 0
    assert screen_view(room, BASE)["answers"] == {"count": count, "passed": 0, "group": 3}


def test_passes_do_not_count_towards_the_minimum_group(room):
    pids = answer_all(room, "choice", [0, 1])
    extra = join(room, 5, start=100)
    for pid in extra:
        room.answer(pid, STEPS["choice"], passed=True)
    actions.reveal(room)
    assert screen_view(room, BASE)["results"] is None
    assert screen_view(room, BASE)["answers"] == {"count": 7, "passed": 5, "group": 3}
    assert len(pids) == 2


def test_the_minimum_group_never_goes_below_three(room):
    room.lesson = room.lesson.model_copy(update={"min_group": 1})
    answer_all(room, "choice", [0, 1])
    actions.reveal(room)
    assert screen_view(room, BASE)["results"] is None


def test_live_results_show_while_voting_but_without_the_correct_answer(rooms):
    room = rooms.create("live-live")
    pids = join(room, 3)
    actions.go(room, 0)  # live-live has one step: its question
    actions.open_voting(room)
    for pid in pids:
        room.answer(pid, 0, 1)
    results = screen_view(room, BASE)["results"]
    assert results == {"kind": "choice", "counts": [0, 3, 0], "total": 3, "passed": 0}


@pytest.mark.parametrize("kind", ["choice", "check", "multi", "scale", "flag", "text", "rank"])
def test_students_and_projector_never_see_notes_or_answers_before_the_reveal(room, kind):
    open_question(room, kind)
    pid = room.join(device(1))
    for role, view in public_views(room, pid).items():
        text = text_of(view)
        assert not any(secret in text for secret in SECRETS), role
        assert '"correct"' not in text and '"expected"' not in text, role
        assert '"explanation"' not in text and '"notes"' not in text, role


def test_after_the_reveal_the_correct_answer_shows_but_never_the_notes(room):
    answer_all(room, "check", [1, 1, 0])
    actions.reveal(room)
    for role, view in public_views(room).items():
        assert view["results"]["correct"] == 1, role
        assert "SECRET-NOTE" not in text_of(view), role


def test_the_teacher_sees_the_notes_of_the_step(room):
    open_question(room, "choice")
    assert teach_view(room, BASE)["notes"] == ["SECRET-NOTE-forwarded: who is the victim here?"]
    actions.go(room, STEPS["discuss"])
    assert teach_view(room, BASE)["notes"] == ["SECRET-NOTE-discuss"]


def test_no_view_names_a_participant_or_their_answer(room):
    pids = answer_all(
        room, "flag", [{"flag": f, "criterion": None} for f in ("red", "red", "green")]
    )
    actions.reveal(room)
    for view in (*public_views(room).values(), teach_view(room, BASE)):
        text = text_of(view)
        assert not any(pid in text for pid in pids)
        assert "phone-0" not in text  # nor a device key


def test_a_phone_sees_only_its_own_answer(room):
    pids = answer_all(room, "choice", [0, 2, 1])
    view = student_view(room, BASE, pids[1])
    assert view["mine"] == {"answered": True, "passed": False, "value": 2}
    assert view["answers"] is None and view["room"]["connected"] is None


def test_free_text_reaches_the_projector_only_approved_and_masked(room):
    pids = answer_all(room, "text", ["call 0470 12 34 56 now", "ask @sam_x first", "shit happens"])
    more = join(room, 2, start=50)
    for pid, text in zip(more, ["ask and listen", "just ask"], strict=True):
        room.answer(pid, STEPS["text"], text)
    teach = teach_view(room, BASE)
    assert [(p["text"], p["flagged"]) for p in teach["pending"]][:3] == [
        ("call ••• now", False),
        ("ask ••• first", False),
        ("shit happens", True),
    ]
    ids = [p["id"] for p in teach["pending"]]
    actions.reveal(room)
    assert screen_view(room, BASE)["results"]["phrases"] == []
    for view in public_views(room).values():
        assert "happens" not in text_of(view) and "first" not in text_of(view)
    actions.moderate(room, ids[1], True)
    # One approval alone would show one student's text the moment it is approved: the
    # phrases wait until the group (3) of answers has changed since they were last shown.
    assert screen_view(room, BASE)["results"]["phrases"] == []
    actions.moderate(room, ids[3], True)
    actions.moderate(room, ids[2], False)
    assert screen_view(room, BASE)["results"]["phrases"] == [
        {"text": "ask and listen", "count": 1},
        {"text": "ask ••• first", "count": 1},
    ]
    assert "happens" not in text_of(screen_view(room, BASE))
    assert [p["id"] for p in teach_view(room, BASE)["pending"]] == [ids[0], ids[4]]
    assert len(pids) == 3


def test_no_phone_or_projector_view_holds_the_teacher_key_or_the_salt(room):
    pids = answer_all(room, "choice", [0, 2, 1])
    actions.reveal(room)
    for role, view in public_views(room, pids[0]).items():
        text = text_of(view)
        assert room.teacher_key not in text and room.salt not in text, role
        assert room.screen_key not in text, role  # the projector gets it from its link only
    teach = text_of(teach_view(room, BASE))
    assert room.teacher_key in teach and room.screen_key in teach  # the teacher's own links
    assert room.salt not in teach
