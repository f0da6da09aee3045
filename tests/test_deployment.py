"""Several workers behind a real nginx, with a real redis-server: a worker dies, Redis restarts.

Rooms are spread over two workers by their codes; phones answer again and again while one
worker is killed with SIGKILL (or Redis restarts). Its phones reconnect through the proxy to
the other worker, which takes the rooms over from Redis; the teacher carries on; every room's
stored answers are exactly one per phone, each the phone's last acknowledged answer (or the
one it sent after it, whose ack was lost with the worker).
"""

from __future__ import annotations

import os
import signal
import threading
import time

import pytest
from deployment import CHOICE, Deployment, Phone, Teacher, keep_answering

pytestmark = pytest.mark.slow
PHONES = 6  # per room


class Lesson:
    """Rooms on every worker, each with its teacher and phones, the choice question open."""

    def __init__(self, deployment: Deployment) -> None:
        self.deployment = deployment
        self.rooms: dict[str, tuple[str, Teacher]] = {}
        self.phones: dict[str, list[Phone]] = {}
        while len({deployment.owner_pid(c) for c in self.rooms}) < deployment.workers:
            assert len(self.rooms) < 16, "the proxy sent every room to one worker"
            code, key = deployment.new_room()
            teacher = Teacher(deployment.base, code, key)
            self.rooms[code] = (key, teacher)
            teacher.do("go", {"step": CHOICE})
            teacher.do("open")
        for code in self.rooms:
            # One phone of each room on long polling: all its requests must reach one worker.
            self.phones[code] = [
                Phone(deployment.base, code, n, "polling" if n == 0 else "websocket")
                for n in range(PHONES)
            ]

    def all_phones(self) -> list[Phone]:
        return [phone for phones in self.phones.values() for phone in phones]

    def check_exact(self) -> None:
        """Every room holds one answer per phone: its last acknowledged one, or a later one."""
        store = self.deployment.store()
        try:
            for code, phones in self.phones.items():
                saved = store.load_room(code)
                answers = {a.participant: a.value for a in saved.answers if a.step == CHOICE}
                assert len(saved.participants) == PHONES
                assert set(answers) == {phone.pid(saved.record.salt) for phone in phones}
                for phone in phones:
                    assert answers[phone.pid(saved.record.salt)] in phone.may_hold()
        finally:
            store.close()

    def close(self) -> None:
        """Stop every client (after the deployment: their sockets are closed already)."""
        # shutdown(): also a client still reconnecting stops. All at once, and not waiting
        # long for any: websocket-client waits 3 s for a close frame that engineio's reader
        # takes, and a reader may sit in a long-polling request. Leftovers are swept at the
        # end of the module (conftest.py).
        clients = [p.client for p in self.all_phones()] + [t.client for _, t in self.rooms.values()]
        stopping = [threading.Thread(target=client.shutdown, daemon=True) for client in clients]
        for thread in stopping:
            thread.start()
        deadline = time.monotonic() + 10
        for thread in stopping:
            thread.join(max(0.0, deadline - time.monotonic()))


@pytest.fixture
def lesson(tmp_path):
    deployment = Deployment(tmp_path).start()
    made = None
    try:
        made = Lesson(deployment)
        yield made
    finally:
        deployment.stop()
        if made is not None:
            made.close()


def answer_through(lesson: Lesson, trouble, phones: list[Phone]) -> None:
    """Keep every phone answering while `trouble()` happens; stop once `phones` had 3 more acks."""
    for n, phone in enumerate(lesson.all_phones()):
        assert phone.answer(n % 3)
    stop = threading.Event()
    voters = keep_answering(lesson.all_phones(), stop)
    try:
        time.sleep(0.5)
        trouble()
        before = {id(p): len(p.acked) for p in phones}
        deadline = time.monotonic() + 45
        while any(len(p.acked) < before[id(p)] + 3 for p in phones):
            assert time.monotonic() < deadline, "some phones never got going again: " + repr(
                [(p.code, p.client.connected, len(p.acked) - before[id(p)]) for p in phones]
            ) + "".join(lesson.deployment.lines[-40:])
            time.sleep(0.1)
    finally:
        stop.set()
        for voter in voters:
            voter.join(10)


def test_a_killed_worker_loses_no_acknowledged_answer_and_its_rooms_carry_on(lesson):
    deployment = lesson.deployment
    victim = deployment.owner_pid(next(iter(lesson.rooms)))
    moved = [code for code in lesson.rooms if deployment.owner_pid(code) == victim]
    stayed = [code for code in lesson.rooms if code not in moved]
    assert moved and stayed  # rooms on both workers

    answer_through(lesson, lambda: os.kill(victim, signal.SIGKILL),
                   [p for code in moved for p in lesson.phones[code]])

    lesson.check_exact()
    for code in moved:  # now run by a live worker (the other one, or the victim started again)
        assert deployment.owner_pid(code) != victim
    for _, teacher in lesson.rooms.values():  # every teacher carries on
        teacher.do("close")
        teacher.do("reveal")
        deadline = time.monotonic() + 10
        while not (teacher.states and teacher.states[-1]["voting"]["revealed"]
                   and teacher.states[-1]["answers"]["count"] == PHONES):
            assert time.monotonic() < deadline, teacher.states[-1:]
            time.sleep(0.1)
        assert teacher.states[-1]["results"]["total"] == PHONES
    assert "stopped (signal 9)" in "".join(deployment.lines)


def test_a_redis_restart_loses_no_acknowledged_answer(lesson):
    answer_through(lesson, lambda: lesson.deployment.redis.restart(), lesson.all_phones())
    lesson.check_exact()
    for _, teacher in lesson.rooms.values():
        teacher.do("next")


def test_a_phone_cannot_pull_a_room_to_another_worker(lesson):
    """A script that names another room in `?room=`, or types the code in the join form,
    reaches a worker that does not run the room: the room stays where it is."""
    import requests
    import socketio

    deployment = lesson.deployment
    owners = {code: deployment.owner_pid(code) for code in lesson.rooms}
    target = next(iter(owners))
    decoy = next(code for code, pid in owners.items() if pid != owners[target])
    intruder = socketio.Client(reconnection=False)
    refusals = []
    intruder.on("connect_error", refusals.append, namespace="/student")
    with pytest.raises(socketio.exceptions.ConnectionError):
        intruder.connect(f"{deployment.base}?room={decoy}", namespaces=["/student"],
                         auth={"code": target, "device": "intruder-device-abcdefghijkl"},
                         transports=["websocket"], wait_timeout=10)
    intruder.shutdown()
    assert "moving" in repr(refusals), refusals
    for _ in range(3):
        joined = requests.post(deployment.base + "/", data={"code": target},
                               allow_redirects=False, timeout=10)
        assert joined.status_code == 302 and f"/j/{target}" in joined.headers["Location"]
    time.sleep(1.5)  # longer than the keeper's round: a room asked for would have moved
    assert {code: deployment.owner_pid(code) for code in lesson.rooms} == owners
    assert all(phone.client.connected for phone in lesson.all_phones())


def test_a_question_asked_on_one_worker_reaches_the_teacher_on_another(lesson):
    """The question box lives in Redis: the room's next worker has every question."""
    deployment = lesson.deployment
    code = next(iter(lesson.rooms))
    teacher = lesson.rooms[code][1]
    phone = lesson.phones[code][1]
    text = "Is it a crime to forward a nude?"
    ack = phone.client.call("ask", {"text": text}, namespace="/student", timeout=10)
    assert ack["ok"] and [q["text"] for q in ack["my_questions"]["asked"]] == [text]
    victim = deployment.owner_pid(code)
    os.kill(victim, signal.SIGKILL)
    teacher.states.clear()
    deadline = time.monotonic() + 30
    while not (teacher.states and [q["text"] for q in teacher.states[-1]["questions"]["queue"]]
               == [text]):
        assert time.monotonic() < deadline, teacher.states[-1:]
        time.sleep(0.1)
    assert deployment.owner_pid(code) != victim
