"""Whatever a client sends on a socket: a documented ack, an unchanged room, a usable socket."""

from __future__ import annotations

import dataclasses
import itertools

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from socketkit import BASE, STEPS, Phones, connect, device, states

from classroom.extensions import socketio
from classroom.live import questions
from classroom.live.errors import MESSAGES
from classroom.live.views import build

FUZZ = settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
FIELDS = ["step", "value", "pass", "seconds", "locked", "id", "approve", "code", "key", "device",
          "text", "answered"]
JSON = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(-(2**70), 2**70)
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(max_size=20)
    | st.integers(1000, 12_000).map(lambda n: "x" * n),  # under CLASSROOM_MAX_MESSAGE
    lambda children: st.lists(children, max_size=4)
    | st.dictionaries(st.sampled_from(FIELDS) | st.text(max_size=8), children, max_size=4),
    max_leaves=8,
)
# Each documented field, with values near the right ones (so some events succeed).
GOOD = {
    "step": st.integers(-2, 12),
    "value": st.integers(-1, 4),
    "pass": st.just(True),
    "seconds": st.integers(-5, 4000),
    "locked": st.booleans(),
    "id": st.sampled_from(["t1", "t2", "t99", "", "q1", "q2", "q3"]) | st.none(),
    "approve": st.booleans(),
    "text": st.sampled_from(["Is it legal?", "call 0470 12 34 56", "", "x" * 300]),
    "answered": st.booleans(),
}
EVENTS = {
    "/teach": {
        "go": ["step"], "next": [], "prev": [], "open": [], "close": [], "reveal": [],
        "hide": [], "reset": [], "timer": ["seconds"], "lock": ["locked"],
        "moderate": ["id", "approve"], "end": [],
        "question_approve": ["id", "text"], "question_edit": ["id", "text"],
        "question_hide": ["id"], "question_answered": ["id", "answered"], "question_show": ["id"],
    },
    "/student": {
        "answer": ["step", "value", "pass"], "sync": [],
        "ask": ["text"], "withdraw": ["id"], "me_too": ["id"],
    },
    "/screen": {},
}  # fmt: skip
ALL_EVENTS = sorted({event for events in EVENTS.values() for event in events})
QUESTION_EVENTS = {"ask", "withdraw", "me_too", *(e for e in ALL_EVENTS if "question_" in e)}
ODD_EVENTS = ["connect", "disconnect", "state", "unknown", "extra", "error", "message", ""]


def payload(fields: list[str], step: int):
    """Return a strategy of payloads for an event with these documented fields."""
    good = {**GOOD, "step": st.just(step) | GOOD["step"]}  # often the step on show
    value = {field: good.get(field, JSON) | JSON for field in fields}
    shaped = st.fixed_dictionaries({}, optional=value | {"x": JSON})
    # Every field an event needs (an answer has a value or a pass), each near or wrong.
    needs = [[f for f in fields if f != other] for other in ("pass", "value")]
    complete = st.one_of([st.fixed_dictionaries({f: value[f] for f in need}) for need in needs])
    return st.none() | st.just({}) | shaped | complete | complete | JSON


def snapshot(room) -> dict:
    """Return what the teacher sees and what the room stores (not the clock)."""
    view = build("teach", room, BASE)
    view.pop("now")
    return {
        "view": view,
        "record": dataclasses.asdict(room.record),
        "participants": sorted(room.participants),
        "answers": repr(sorted(room.answers.items())),
        "questions": repr(sorted(
            (qid, asked.record, sorted(asked.voters))
            for qid, asked in room.questions.questions.items()
        )),
    }


def assert_documented(ack, namespace: str, event: str) -> bool:
    """Check an ack is a documented success or error; return whether it is a success."""
    assert isinstance(ack, dict), ack
    if ack["ok"] is False:
        values = {key: ack[key] for key in set(ack) - {"ok", "error", "message"}}
        assert set(values) <= {"count"}, ack  # a limit says what it is
        assert ack["error"] in MESSAGES, ack
        assert ack["message"] == MESSAGES[ack["error"]]["en"].format(**values), ack
        return False
    assert ack["ok"] is True and event in EVENTS[namespace], (namespace, event, ack)
    if event == "answer":
        assert set(ack) == {"ok", "mine"} and ack["mine"]["answered"] is True
    elif event == "sync":
        assert set(ack) == {"ok", "state"}
    elif event in ("ask", "withdraw", "me_too"):
        assert set(ack) == {"ok", "my_questions"}
    else:
        assert ack == {"ok": True}
    return True


@pytest.fixture
def config():
    """Let every example's phone join (each example starts a new room)."""
    return {"CLASSROOM_JOIN_BURST": 100_000}


@pytest.fixture
def lesson(app, rooms, monkeypatch):
    """Return a function that starts a room on a step (voting open on a question), with clients."""
    clients = []
    numbers = itertools.count(1)
    # Question ids are random: here q1, q2, ... of each room, so that the fuzzer can name them.
    monkeypatch.setattr(questions, "new_question_id", lambda: f"q{next(numbers)}")

    def start(kind: str = "choice", asked: bool = False):
        nonlocal numbers
        numbers = itertools.count(1)
        room = rooms.create("live-test", "en")
        phones = Phones(app, room)
        teach, screen, phone = phones.teacher(), phones.teacher("screen"), phones.student(1)
        teach.emit("go", {"step": STEPS[kind]}, namespace="/teach", callback=True)
        teach.emit("open", {}, namespace="/teach", callback=True)  # not-allowed on a slide
        if kind == "text":  # something to moderate
            text = {"step": STEPS["text"], "value": "call me 0475 12 34 56"}
            assert phone.emit("answer", text, namespace="/student", callback=True)["ok"]
        if asked:  # questions the fuzzer can name: q1, q2 of this phone, q3 of another
            other = phones.student(2)
            for asker in (phone, phone, other):
                ack = asker.emit("ask", {"text": "Why?"}, namespace="/student", callback=True)
                assert ack["ok"], ack
            for qid in ("q2", "q3"):  # approved; q1 waits
                teach.emit("question_approve", {"id": qid}, namespace="/teach", callback=True)
            other.disconnect(namespace="/student")  # one phone connected, as checks expect
        clients.extend([(teach, "/teach"), (screen, "/screen"), (phone, "/student")])
        return room, {"/teach": teach, "/screen": screen, "/student": phone}

    yield start
    for client, namespace in clients:
        if client.is_connected(namespace):
            client.disconnect(namespace)


def assert_still_usable(room, clients) -> None:
    """Check each socket still works: a teacher action reaches the screen; a phone syncs."""
    teach, screen, phone = clients["/teach"], clients["/screen"], clients["/student"]
    for namespace, client in clients.items():
        assert client.is_connected(namespace), namespace
    states(screen, "/screen")
    lock = teach.emit("lock", {"locked": room.locked}, namespace="/teach", callback=True)
    if room.phase == "ended":
        assert lock["error"] == "room-ended"
    else:
        assert lock == {"ok": True}
        assert states(screen, "/screen"), "the screen got no state after a teacher action"
    assert phone.emit("sync", {}, namespace="/student", callback=True)["ok"] is True


@st.composite
def event_and_args(draw, step: int):
    """Draw a namespace, an event name (mostly its own, else odd or random) and 0-2 payloads."""
    namespace = draw(st.sampled_from(["/teach", "/teach", "/student", "/student", "/screen"]))
    own = st.sampled_from(sorted(EVENTS[namespace]) or ODD_EVENTS)
    others = st.sampled_from(ALL_EVENTS + ODD_EVENTS) | st.text(max_size=12) | JSON
    event = draw(st.one_of(own, own, own, others))
    known = {**EVENTS["/teach"], **EVENTS["/student"]}
    fields = known.get(event, []) if isinstance(event, str) else []
    count = draw(st.sampled_from([1, 1, 1, 0, 2]))
    return namespace, event, [draw(payload(fields, step)) for _ in range(count)]


@FUZZ
@given(kind=st.sampled_from(sorted(STEPS)), data=st.data())
def test_any_event_gets_a_documented_ack_and_a_rejected_one_changes_nothing(lesson, kind, data):
    room, clients = lesson(kind, data.draw(st.booleans()))
    sent = data.draw(st.lists(event_and_args(STEPS[kind]), min_size=1, max_size=4))
    for namespace, event, args in sent:
        before = snapshot(room)
        ack = clients[namespace].emit(event, *args, namespace=namespace, callback=True)
        if not assert_documented(ack, namespace, event):
            assert snapshot(room) == before, (namespace, event, args, ack)
        assert_still_usable(room, clients)


@pytest.mark.parametrize(
    ("namespace", "event"), [(ns, event) for ns in ("/teach", "/student") for event in EVENTS[ns]]
)
@settings(FUZZ, max_examples=25)
@given(kind=st.sampled_from(sorted(STEPS)), data=st.data())
def test_each_event_with_any_payload_acts_or_changes_nothing(lesson, namespace, event, kind, data):
    room, clients = lesson(kind, asked=event in QUESTION_EVENTS)
    sent = data.draw(payload(EVENTS[namespace][event], STEPS[kind]))
    before = snapshot(room)
    ack = clients[namespace].emit(event, sent, namespace=namespace, callback=True)
    if not assert_documented(ack, namespace, event):
        assert snapshot(room) == before, (sent, ack)
    assert_still_usable(room, clients)


@pytest.mark.parametrize("namespace", sorted(EVENTS))
@pytest.mark.parametrize(
    "args",
    [(), ({},), ({"code": "ROOM"},), ("x", {"code": "ROOM", "device": device(2), "key": "KEY"})],
    ids=["bare", "empty", "code", "auth"],
)
@pytest.mark.parametrize("event", ["connect", "disconnect"])
def test_a_client_cannot_send_the_servers_own_connect_or_disconnect(
    lesson, namespace, event, args
):
    room, clients = lesson()
    args = [
        {k: {"ROOM": room.code, "KEY": room.teacher_key}.get(v, v) for k, v in a.items()}
        if isinstance(a, dict)
        else a
        for a in args
    ]
    before = snapshot(room)
    ack = clients[namespace].emit(event, *args, namespace=namespace, callback=True)
    assert ack == {"ok": False, "error": "not-allowed", "message": MESSAGES["not-allowed"]["en"]}
    assert snapshot(room) == before
    assert room.presence.connected == 1
    assert_still_usable(room, clients)


CONNECT_CODES = {
    "/student": {"room-not-found", "bad-device", "room-locked", "room-ended", "rate-limited"},
    "/screen": {"bad-key", "rate-limited"},  # an address that guessed too often
    "/teach": {"bad-key", "rate-limited"},
}


@FUZZ
@given(
    namespace=st.sampled_from(sorted(EVENTS)),
    # Not a bare number: on the wire it would read as the packet's id (`0/teach,0.5`), which
    # python-socketio fails to parse before any of our code runs (and no browser sends).
    auth=st.one_of(
        JSON.filter(lambda auth: not isinstance(auth, int | float) or isinstance(auth, bool)),
        st.fixed_dictionaries(
            {},
            optional={
                "code": st.sampled_from(["ROOM", "room", " ROOM "]) | JSON,
                "device": st.just(device(7)) | JSON,
                "key": st.just("KEY") | JSON,
            },
        ),
    ),
)
def test_any_connect_auth_is_let_in_or_refused_with_a_documented_reason(
    app, room, phones, namespace, auth
):
    if isinstance(auth, dict):
        real = {"ROOM": room.code, "room": room.code.lower(), " ROOM ": f" {room.code} "}
        real["KEY"] = room.teacher_key
        auth = {k: real.get(v, v) if isinstance(v, str) else v for k, v in auth.items()}
    before = snapshot(room)
    client, refusal = connect(phones, namespace, auth)
    if refusal is None:
        assert client.is_connected(namespace)
        assert isinstance(auth, dict) and room.code == auth["code"].strip().upper()
        if namespace == "/student":
            assert auth["device"] == device(7)
        else:
            assert auth["key"] == room.teacher_key
        client.disconnect(namespace)
    else:
        assert not client.is_connected(namespace)
        assert set(refusal) == {"error", "message"}, refusal
        assert refusal["error"] in CONNECT_CODES[namespace], refusal
        assert refusal["message"] == MESSAGES[refusal["error"]]["en"]
        assert snapshot(room) == before


@pytest.mark.parametrize(
    ("namespace", "event"), [("/student", "answer"), ("/student", "sync"), ("/teach", "go")]
)
def test_two_payloads_are_a_bad_request_not_a_logged_crash(lesson, caplog, namespace, event):
    room, clients = lesson()
    before = snapshot(room)
    ack = clients[namespace].emit(event, {"step": 2, "value": 1}, 2, namespace=namespace,
                                  callback=True)
    assert ack == {"ok": False, "error": "bad-request", "message": MESSAGES["bad-request"]["en"]}
    assert snapshot(room) == before
    assert not [r for r in caplog.records if r.levelname == "ERROR"]



RAW_PACKETS = ["2/student,1[]", "2/student,2", '2/student,3{"a":1}', '2/student,["sync"',
               "2/student," + "[" * 5000 + "]" * 5000]


@pytest.mark.parametrize("data", RAW_PACKETS, ids=range(len(RAW_PACKETS)))
def test_a_malformed_raw_packet_is_dropped_with_one_line(app, caplog, data):
    server = socketio.server
    try:  # what python-socketio's own decoder does with it: it raises
        server._handle_eio_message("no-such-socket", data)
        raised = None
    except Exception as exc:
        raised = type(exc).__name__
    assert raised is not None
    caplog.clear()
    server.eio.handlers["message"]("no-such-socket", data)  # what Engine.IO calls
    assert [r.getMessage() for r in caplog.records] == [
        f"dropped a malformed Socket.IO packet ({raised})"]
    assert not any(r.exc_info for r in caplog.records)
