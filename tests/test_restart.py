"""Kill the server in the middle of a question: no acknowledged answer is lost.

A real server process (`classroom run`, gevent) and real Socket.IO clients (python-socketio).
"""

from __future__ import annotations

import json
import os
import re
import signal
import socket
import sqlite3
import subprocess
import sys
import threading
import time
import urllib.request
from pathlib import Path

import pytest
import socketio

from classroom.live.ids import participant_id

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "live" / "fixtures"
CHOICE = 2  # the choice question of tests/live/fixtures/lessons/live-test.yaml
PHONES = 12

pytestmark = pytest.mark.slow


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class Server:
    """`classroom run` in its own process, on a database the test chooses."""

    def __init__(self, db: Path, port: int) -> None:
        self.db, self.port = db, port
        self.proc: subprocess.Popen | None = None
        self.lines: list[str] = []

    def start(self) -> dict[str, str]:
        """Start the server; return the links it printed once it listens."""
        env = {
            **os.environ,
            "CLASSROOM_DB": str(self.db),
            "CLASSROOM_CONTENT_PATHS": os.pathsep.join(
                [str(FIXTURES / "lessons"), str(FIXTURES / "quizzes")]
            ),
            "CLASSROOM_STATE_INTERVAL": "0.05",
            # Every phone changes its mind as fast as acks come back, so that answers are in
            # flight when the server dies: far faster than the answer limit lets a phone.
            "CLASSROOM_ANSWER_BURST": "100000",
        }
        command = [
            sys.executable,
            "-m",
            "classroom.cli",
            "run",
            "live-test",
            "--no-browser",
            "--host",
            "127.0.0.1",
            "--port",
            str(self.port),
            "--lang",
            "en",
        ]
        self.proc = subprocess.Popen(
            command, cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True
        )
        links: dict[str, str] = {}
        while "Teacher" not in links:
            line = self.proc.stdout.readline()
            assert line, "the server stopped:\n" + "".join(self.lines)
            self.lines.append(line)
            match = re.match(r"(Join|Teacher): (\S+)", line)
            if match:
                links[match.group(1)] = match.group(2)
        self.drain = threading.Thread(target=self._drain, daemon=True)
        self.drain.start()
        self._wait_listening()
        return links

    def _drain(self) -> None:
        for line in self.proc.stdout:
            self.lines.append(line)

    def _wait_listening(self) -> None:
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            try:
                socket.create_connection(("127.0.0.1", self.port), timeout=0.2).close()
                return
            except OSError:
                time.sleep(0.05)
        raise AssertionError("the server never listened:\n" + "".join(self.lines))

    def kill(self) -> None:
        """Kill the process at once (SIGKILL): no clean shutdown, no last flush."""
        self.proc.send_signal(signal.SIGKILL)
        self.proc.wait(5)
        self.drain.join(5)
        self.proc.stdout.close()


class Phone:
    """A phone: a python-socketio client that reconnects by itself, as the page does."""

    def __init__(self, url: str, code: str, n: int) -> None:
        self.client = socketio.Client(reconnection_delay=0.2, reconnection_delay_max=0.5)
        self.states: list[dict] = []
        self.acked: list[int] = []  # values the server acknowledged, in order
        self.sent: list[int] = []
        self.client.on("state", self.states.append, namespace="/student")
        self.device = f"restart-phone-{n:03d}-abcdefghij"
        self.client.connect(
            url,
            namespaces=["/student"],
            auth={"code": code, "device": self.device},
            wait_timeout=5,
        )

    def close(self) -> None:
        """Disconnect, and stop reconnecting: a phone still retrying a killed server would go on
        in a thread for the rest of the run, drawing from the global random module (its backoff
        jitter), which makes hypothesis fail later tests as inconsistent data generation."""
        self.client.shutdown()

    def answer(self, value: int, timeout: float = 5) -> bool:
        self.sent.append(value)
        try:
            ack = self.client.call(
                "answer", {"step": CHOICE, "value": value}, namespace="/student", timeout=timeout
            )
        except (socketio.exceptions.TimeoutError, socketio.exceptions.BadNamespaceError):
            return False
        if ack and ack.get("ok"):
            self.acked.append(value)
            return True
        return False


def stored_answers(db: Path, code: str) -> dict[str, int]:
    """Return the stored answers to the question: participant id -> value."""
    conn = sqlite3.connect(db)
    try:
        rows = conn.execute(
            "SELECT participant, value FROM answers WHERE room = ? AND step = ?", (code, CHOICE)
        )
        return {participant: json.loads(value) for participant, value in rows}
    finally:
        conn.close()


def room_salt(db: Path, code: str) -> str:
    conn = sqlite3.connect(db)
    try:
        return conn.execute("SELECT salt FROM rooms WHERE code = ?", (code,)).fetchone()[0]
    finally:
        conn.close()


def started(db: Path) -> tuple[Server, dict[str, str], str, str, str]:
    """Start a server on a free port: it, its links, its address, the room's code and key."""
    server = Server(db, free_port())
    links = server.start()
    code = links["Join"].rsplit("/", 1)[1]
    key = links["Teacher"].split("key=", 1)[1]
    return server, links, f"http://127.0.0.1:{server.port}", code, key


def test_a_killed_server_loses_no_acknowledged_answer(tmp_path):
    server, links, base, code, key = started(tmp_path / "restart.sqlite3")
    phones: list[Phone] = []
    try:
        teach = socketio.Client(reconnection=False)
        teach.connect(base, namespaces=["/teach"], auth={"code": code, "key": key}, wait_timeout=5)
        for event, data in (("go", {"step": CHOICE}), ("open", {})):
            assert teach.call(event, data, namespace="/teach", timeout=5) == {"ok": True}
        teach.disconnect()
        phones = [Phone(base, code, n) for n in range(PHONES)]
        for n, phone in enumerate(phones):
            assert phone.answer(n % 3)

        # Mid-question: every phone changes its mind again and again while the server dies.
        def keep_answering(phone: Phone, n: int) -> None:
            for round_ in range(1, 200):
                if not phone.answer((n + round_) % 3, timeout=2):
                    return

        voters = [
            threading.Thread(target=keep_answering, args=(p, n)) for n, p in enumerate(phones)
        ]
        for voter in voters:
            voter.start()
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline and min(len(p.acked) for p in phones) < 3:
            time.sleep(0.02)
        server.kill()  # while every phone still has an answer on its way
        for voter in voters:
            voter.join(10)

        # Every acknowledged answer is durable: each phone's row holds its last acked value,
        # or the later one that was stored but whose ack never made it back before the kill.
        stored = stored_answers(server.db, code)
        salt = room_salt(server.db, code)
        assert len(stored) == PHONES
        for phone in phones:
            assert len(phone.acked) >= 3
            assert stored[participant_id(salt, phone.device)] in (phone.acked[-1], phone.sent[-1])

        rows_before = stored_answers(server.db, code)
        seen_before = [len(p.states) for p in phones]
        links_again = server.start()
        assert links_again["Teacher"] == links["Teacher"]  # the same secret link resumes
        assert "Resuming room" in "".join(server.lines)

        teach = socketio.Client(reconnection=False)
        teach_states: list[dict] = []
        teach.on("state", teach_states.append, namespace="/teach")
        teach.connect(base, namespaces=["/teach"], auth={"code": code, "key": key}, wait_timeout=5)
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline and not all(
            p.client.connected and "/student" in p.client.namespaces for p in phones
        ):
            time.sleep(0.1)
        assert all("/student" in p.client.namespaces for p in phones), "phones did not reconnect"
        time.sleep(0.3)
        state = teach_states[-1]
        assert state["step"]["index"] == CHOICE and state["voting"]["open"] is True
        assert state["answers"]["count"] == PHONES
        assert stored_answers(server.db, code) == rows_before
        for phone, seen in zip(phones, seen_before, strict=True):
            assert len(phone.states) > seen  # a fresh state from the restarted server
            mine = phone.states[-1]["mine"]
            assert mine["answered"] is True
            last_acked = phone.acked[-1]
            in_flight = phone.sent[len(phone.sent) - 1]
            assert mine["value"] in (last_acked, in_flight)
        # And the room goes on: a phone changes its answer after the restart.
        assert phones[0].answer(2)
        teach.disconnect()
    finally:
        for phone in phones:
            phone.close()
        if server.proc and server.proc.poll() is None:
            server.kill()


TEXT = 7  # the free-text question of the same lesson


def fetch(url: str) -> str:
    with urllib.request.urlopen(url, timeout=10) as answer:
        return answer.read().decode("utf-8")


def figures(page: str) -> list[str]:
    """Return the figures a report page shows: counts with percentages, totals, hidden notes."""
    return re.findall(r"\d+ · \d+%|Answers: \d+|Fewer than \d+ answers: not shown\.", page)


def test_a_finished_room_keeps_its_report_and_export_over_a_restart(tmp_path):
    server, _, base, code, key = started(tmp_path / "lasting.sqlite3")
    phones: list[Phone] = []
    try:
        teach = socketio.Client(reconnection=False)
        teach_states: list[dict] = []
        teach.on("state", teach_states.append, namespace="/teach")
        teach.connect(base, namespaces=["/teach"], auth={"code": code, "key": key}, wait_timeout=5)

        def act(event: str, data: dict | None = None) -> None:
            assert teach.call(event, data or {}, namespace="/teach", timeout=5) == {"ok": True}

        act("go", {"step": CHOICE})
        act("open")
        phones = [Phone(base, code, n) for n in range(5)]
        for n, phone in enumerate(phones):
            assert phone.answer([0, 1, 1, 2, 1][n])
        act("go", {"step": TEXT})
        act("open")
        for n, phone in enumerate(phones[:4]):
            ack = phone.client.call("answer", {"step": TEXT, "value": ["trust", "respect", "ask",
                                    "WAITING-TEXT"][n]}, namespace="/student", timeout=5)
            assert ack["ok"]
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline and len(teach_states[-1]["pending"]) < 4:
            time.sleep(0.05)
        pending = [t["id"] for t in teach_states[-1]["pending"] if t["text"] != "WAITING-TEXT"]
        act("moderate_many", {"ids": pending, "approve": True})
        act("end")
        teach.disconnect()
        report = f"{base}/teach/{code}/report?key={key}"
        before = {suffix: fetch(report.replace("/report?", f"/report{suffix}?"))
                  for suffix in ("", ".json", ".csv")}
        assert "2 · 67%" not in before[""] and "3 · 60%" in before[""]  # 3 of 5 chose B
        server.kill()

        server.start()  # the same database: a new room of the lesson, the old one kept
        after = {suffix: fetch(report.replace("/report?", f"/report{suffix}?"))
                 for suffix in ("", ".json", ".csv")}
        assert after[".json"] == before[".json"]
        assert after[".csv"] == before[".csv"]
        assert figures(after[""]) == figures(before[""]) and figures(after[""])
        assert "WAITING-TEXT" not in after[".json"]
        assert fetch(f"{base}/teach/{code}?key={key}")  # the teacher link still opens the room

        # `classroom report` reads the same database without the server: the same figures.
        env = {**os.environ, "CLASSROOM_DB": str(server.db),
               "CLASSROOM_CONTENT_PATHS": os.pathsep.join(
                   [str(FIXTURES / "lessons"), str(FIXTURES / "quizzes")])}
        written = subprocess.run(
            [sys.executable, "-m", "classroom.cli", "report", code, "--format", "json", "-o", "-"],
            cwd=ROOT, env=env, capture_output=True, text=True, timeout=60)
        assert written.returncode == 0, written.stderr
        assert json.loads(written.stdout) == json.loads(after[".json"])
        page = subprocess.run(
            [sys.executable, "-m", "classroom.cli", "report", code, "-o", "-"],
            cwd=ROOT, env=env, capture_output=True, text=True, timeout=60).stdout
        assert figures(page) == figures(after[""])
    finally:
        for phone in phones:
            phone.close()
        if server.proc and server.proc.poll() is None:
            server.kill()
