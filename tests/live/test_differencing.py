"""No differencing: no view can be subtracted from the one before to learn one person's answer.

Hypothesis plays a class: answers, changes, passes, free texts moderated, voting opened and
closed, results revealed and hidden, a reset. After every move the test reads what each
audience sees (the projector, a phone, the teacher's page, the report and its export) and
checks, for each of them, that whenever what it shows changes, it shows the class as it was at
some moment (computed here, apart from the views), and the answers of that moment differ from
the answers behind the last thing it showed in at least `min_group` participants (added,
changed, passed, moderated, reset).
"""

from __future__ import annotations

import json
from collections import Counter

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from livekit import STEPS, join

from classroom.live import actions
from classroom.live.errors import LiveError
from classroom.live.report import build_report, export_rows
from classroom.live.views import screen_view, student_view, teach_view

BASE = "http://192.0.2.10:5000"
PHONES = 9
TEXTS = ["respect", "ask first", "delete photo", "talk someone", "trust"]  # none alike

moves = st.lists(
    st.one_of(
        st.tuples(st.just("answer"), st.integers(0, PHONES - 1), st.integers(0, 2)),
        st.tuples(st.just("pass"), st.integers(0, PHONES - 1)),
        st.tuples(st.just("write"), st.integers(0, PHONES - 1), st.sampled_from(TEXTS)),
        st.tuples(st.just("moderate"), st.integers(0, PHONES - 1), st.booleans()),
        st.sampled_from([("open",), ("close",), ("reveal",), ("hide",), ("reset",)]),
    ),
    min_size=1,
    max_size=60,
)


def truth(room) -> dict[str, tuple]:
    """Return every participant's answer to the step on show, as a result could count it."""
    return {
        pid: (json.dumps(a.value), a.passed, a.status) for pid, a in room.step_answers().items()
    }


def given_or_passed(answers: dict[str, tuple]) -> dict[str, bool]:
    """Return what a count can show of each answer: given, or passed."""
    return {pid: passed for pid, (_, passed, _) in answers.items()}


def differing(before: dict, now: dict) -> int:
    return sum(before.get(pid) != now.get(pid) for pid in before.keys() | now.keys())


def expected_aggregate(room, answers: dict[str, tuple]) -> dict:
    """Return the counts the class's answers now add up to, computed apart from the views."""
    real = [(json.loads(value), status) for value, passed, status in answers.values() if not passed]
    if room.question.kind == "text":  # whole approved answers, the same ones counted together
        phrases = Counter(value for value, status in real if status == "approved")
        return {"phrases": dict(phrases), "total": len(real), "passed": len(answers) - len(real)}
    counts = [sum(1 for value, _ in real if value == i) for i in range(3)]
    return {"counts": counts, "total": len(real), "passed": len(answers) - len(real)}


def shown_aggregate(result: dict) -> dict:
    """Return the same fields of a result as a view or the report shows it."""
    if "phrases" in result:
        phrases = {p["text"]: p["count"] for p in result["phrases"]}
        return {"phrases": phrases, "total": result["total"], "passed": result["passed"]}
    return {"counts": result["counts"], "total": result["total"], "passed": result["passed"]}


def report_entry(room) -> tuple[dict | None, None]:
    """Return the report's result for the step on show (None: not shown); it has no count."""
    report = build_report(room)
    question = next(q for q in report["questions"] if q["step"] == room.index + 1)
    rows = [r for r in export_rows(report) if r["step"] == room.index + 1]
    assert {r["answers"] for r in rows} == {question["answers"]}  # the export says the same
    if not question["shown"]:
        assert question["answers"] is None and question["passed"] is None
        return None, None
    result = {"total": question["answers"], "passed": question["passed"]}
    if question["kind"] == "text":
        result["phrases"] = {i["label"]: i["count"] for i in question["items"]}
    else:
        result["counts"] = [i["count"] for i in question["items"]]
    return result, None


def views(room) -> dict[str, tuple[dict | None, tuple[int, int] | None]]:
    """Return (result, counts) as each audience sees them now; None where it sees none."""
    screen, teach = screen_view(room, BASE), teach_view(room, BASE)
    phone = student_view(room, BASE)

    def of(view):
        result = shown_aggregate(view["results"]) if view["results"] else None
        answers = view["answers"]
        return result, (answers["count"], answers["passed"]) if answers else None

    return {"projector": of(screen), "teacher": of(teach), "phone": of(phone),
            "report": report_entry(room)}


class Watcher:
    """What one audience saw last, and the class's answers behind it."""

    def __init__(self, group: int, history: list[dict]) -> None:
        self.group, self.history = group, history  # every moment's answers so far
        self.result, self.result_truth = None, None
        self.counts, self.counts_truth = (0, 0), {}

    def see(self, room, result: dict | None, counts: tuple[int, int] | None) -> None:
        if result is not None and result != self.result:
            # The moments whose answers add up to what is shown, latest first.
            moments = [m for m in reversed(self.history) if expected_aggregate(room, m) == result]
            assert moments, f"{result} is not the class at any moment"
            if self.result_truth is not None:
                moments = [m for m in moments if differing(self.result_truth, m) >= self.group]
                assert moments, f"{self.result} -> {result}: fewer than {self.group} differ"
            self.result, self.result_truth = result, moments[0]
        if counts is not None and counts != self.counts:
            moments = [given_or_passed(m) for m in reversed(self.history)]
            moments = [m for m in moments if counts == (len(m), sum(m.values()))]
            assert moments, f"{counts} is not the class's count at any moment"
            moments = [m for m in moments if differing(self.counts_truth, m) >= self.group]
            assert moments, f"{self.counts} -> {counts}: fewer than {self.group} differ"
            self.counts, self.counts_truth = counts, moments[0]


def play(room, pids: list[str], move: tuple) -> None:
    """Make one move of the class or the teacher; a refused move changes nothing."""
    kind, *args = move
    step = room.index
    try:
        if kind == "answer" and room.question.kind != "text":
            room.answer(pids[args[0]], step, args[1])
        elif kind == "write" and room.question.kind == "text":
            room.answer(pids[args[0]], step, args[1])
        elif kind == "pass":
            room.answer(pids[args[0]], step, passed=True)
        elif kind == "moderate":
            answer = room.step_answers().get(pids[args[0]])
            if answer is not None and answer.mod_id:
                actions.moderate(room, answer.mod_id, args[1])
        elif kind in ("open", "close", "reveal", "hide", "reset"):
            getattr(actions, {"open": "open_voting", "close": "close_voting"}.get(kind, kind))(room)
    except LiveError:
        pass


@settings(max_examples=300, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(kind=st.sampled_from(["choice", "text"]), script=moves)
def test_no_two_views_in_a_row_differ_by_fewer_than_the_minimum_group(rooms, kind, script):
    room = rooms.create("live-test", "en")
    pids = join(room, PHONES)
    actions.go(room, STEPS[kind])
    actions.open_voting(room)
    history = [truth(room)]
    watchers = {name: Watcher(room.min_group, history) for name in views(room)}
    for move in script:
        play(room, pids, move)
        history.append(truth(room))
        for name, (result, counts) in views(room).items():
            watchers[name].see(room, result, counts)


def test_the_sixth_answer_after_a_reveal_of_five_is_not_given_away(room):
    """The attack of issue 8: reveal five, reopen, one more answers, reveal again."""
    pids = join(room, 10)
    actions.go(room, STEPS["choice"])
    actions.open_voting(room)
    for pid, value in zip(pids[:5], [0, 0, 1, 2, 2], strict=True):
        room.answer(pid, STEPS["choice"], value)
    actions.reveal(room)
    first = screen_view(room, BASE)
    assert first["results"]["counts"] == [2, 1, 2]
    actions.open_voting(room)
    room.answer(pids[5], STEPS["choice"], 1)
    actions.reveal(room)
    again = screen_view(room, BASE)
    assert again["results"] == first["results"] and again["answers"] == first["answers"]
    assert teach_view(room, BASE)["results"] == first["results"]
    report = next(q for q in build_report(room)["questions"] if q["step"] == STEPS["choice"] + 1)
    assert [i["count"] for i in report["items"]] == [2, 1, 2]
    # A changed answer is no different: it waits for the group too.
    actions.open_voting(room)
    room.answer(pids[0], STEPS["choice"], 2)
    actions.reveal(room)
    assert screen_view(room, BASE)["results"] == first["results"]
    # Once the group has moved (six new answers and a change since), the class's view moves.
    actions.open_voting(room)
    for pid in pids[6:]:
        room.answer(pid, STEPS["choice"], 0)
    actions.reveal(room)
    assert screen_view(room, BASE)["results"]["counts"] == [5, 2, 3]


def test_swapping_answers_back_and_forth_does_not_move_the_baseline(room):
    """Swaps that show nothing new, undone as one more answers, show nothing either."""
    pids = join(room, 6)
    actions.go(room, STEPS["choice"])
    actions.open_voting(room)
    for pid, value in zip(pids[:4], [0, 1, 0, 1], strict=True):
        room.answer(pid, STEPS["choice"], value)
    actions.reveal(room)
    shown = screen_view(room, BASE)["results"]["counts"]
    assert shown == [2, 2, 0]
    actions.open_voting(room)
    for pid, value in zip(pids[:4], [1, 0, 1, 0], strict=True):  # four swap: same counts
        room.answer(pid, STEPS["choice"], value)
    actions.reveal(room)
    assert screen_view(room, BASE)["results"]["counts"] == shown
    actions.open_voting(room)
    for pid, value in zip(pids[:4], [0, 1, 0, 1], strict=True):  # and swap back...
        room.answer(pid, STEPS["choice"], value)
    room.answer(pids[4], STEPS["choice"], 2)  # ...as a fifth phone answers
    actions.reveal(room)
    assert screen_view(room, BASE)["results"]["counts"] == shown


def test_the_live_count_moves_in_steps_of_the_minimum_group(room):
    pids = join(room, 7)
    actions.go(room, STEPS["choice"])
    actions.open_voting(room)
    seen = []
    for pid in pids:
        room.answer(pid, STEPS["choice"], 0)
        seen.append(screen_view(room, BASE)["answers"]["count"])
    assert seen == [0, 0, 3, 3, 3, 6, 6]
    assert room.min_group == 3
