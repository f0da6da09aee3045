"""What a lesson must survive, measured on a real `classroom run` (docs/reliability.md).

    python benchmarks/stays_up.py flood --answers 20000
    python benchmarks/stays_up.py fdlimit --open-files 300 --phones 160 --latecomers 4 --idle 12
    python benchmarks/stays_up.py slowloris --connections 3000 --open-files 2048
    python benchmarks/stays_up.py bigpost --posts 300
    python benchmarks/stays_up.py corrupt

Each prints one JSON line of figures. The tests under tests/reliability/ run the same
scenarios, smaller, and assert what a teacher or a phone would see.
"""

from __future__ import annotations

import argparse
import asyncio
import base64
import json
import os
import socket
import sqlite3
import struct
import subprocess
import sys
import tempfile
import time
from collections.abc import Awaitable, Callable
from pathlib import Path

import websockets

sys.path.insert(0, str(Path(__file__).parent))
from phones import Client, phone, teacher, wait_for  # noqa: E402

import run as harness  # noqa: E402
from run import (  # noqa: E402
    connect_all,
    free_port,
    open_question,
    sample_value,
    start_classroom,
    stop,
)


def proc_status(pid: int, field: str) -> float:
    """Return a memory figure of /proc/PID/status (VmRSS, VmHWM) in MB."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1]) / 1024
    return float("nan")


def open_fds(pid: int) -> int:
    """Return how many file descriptors a process holds."""
    return len(os.listdir(f"/proc/{pid}/fd"))


class Lesson:
    """A running `classroom run` in a fresh folder, with its room code and teacher key."""

    def __init__(self, env: dict[str, str] | None = None, open_files: int | None = None):
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        self._dir = tempfile.TemporaryDirectory()
        self.proc, self.code, self.key = start_classroom(self.port, self._dir.name, env,
                                                         open_files)
        self.pid = self.proc.pid
        self.open_files = open_files
        deadline = time.monotonic() + 20
        while True:  # the links are printed before the server listens
            try:
                socket.create_connection(("127.0.0.1", self.port), timeout=1).close()
                break
            except OSError:
                if time.monotonic() > deadline or self.proc.poll() is not None:
                    self.close()
                    raise RuntimeError("classroom run never listened:\n" + self.log) from None
                time.sleep(0.05)

    @property
    def log(self) -> str:
        """Return everything the server printed so far."""
        return "".join(self.proc.lines)

    def close(self) -> None:
        """Stop the server and remove its folder."""
        stop(self.proc)
        self._dir.cleanup()

    def __enter__(self) -> Lesson:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


async def question(lesson: Lesson) -> tuple[Client, dict, object]:
    """Connect the teacher, open the first question; return (teacher, step, a valid value)."""
    teach = teacher(lesson.base, lesson.code, lesson.key)
    await teach.connect()
    step = await open_question(teach)
    return teach, step, sample_value(step["question"])


async def answer_ms(client: Client, step: dict, value: object, timeout: float = 30) -> float:
    """Answer and return the milliseconds until the ack (inf when refused or too late)."""
    start = time.perf_counter()
    try:
        ack = await asyncio.wait_for(
            client.emit("answer", {"step": step["index"], "value": value}), timeout)
    except (TimeoutError, websockets.ConnectionClosed):
        return float("inf")
    return (time.perf_counter() - start) * 1000 if ack.get("ok") else float("inf")


async def can_join(lesson: Lesson, step: dict, value: object, timeout: float = 10) -> bool:
    """Tell whether a new phone joins and gets its answer saved within `timeout` seconds."""
    client = phone(lesson.base, lesson.code)
    try:
        await asyncio.wait_for(client.connect(), timeout)
        return await answer_ms(client, step, value, timeout) < float("inf")
    except (OSError, TimeoutError, ConnectionError, websockets.WebSocketException):
        return False
    finally:
        await client.close()


# --- one socket floods answers --------------------------------------------------------------


class Flooder:
    """A phone that sends answers as fast as it can and reads its replies late.

    It speaks WebSocket itself over a plain TCP stream with a tiny receive buffer, so the
    server's writes to it back up at once, and it checks every frame it gets: a frame the
    server cut short makes the next frame's header part of this one's payload.
    """

    def __init__(self, lesson: Lesson) -> None:
        self.lesson = lesson
        self.reader: asyncio.StreamReader | None = None
        self.writer: asyncio.StreamWriter | None = None

    async def connect(self) -> None:
        """Open the WebSocket and join the room."""
        sock = socket.socket()
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4096)
        sock.setblocking(False)
        await asyncio.get_running_loop().sock_connect(sock, ("127.0.0.1", self.lesson.port))
        # A small limit: asyncio stops reading the socket once twice this is buffered, so
        # what this phone does not read backs up in the server, as on a slow phone.
        self.reader, self.writer = await asyncio.open_connection(sock=sock, limit=8192)
        self.writer.write(
            b"GET /socket.io/?EIO=4&transport=websocket HTTP/1.1\r\nHost: x\r\n"
            b"Upgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Version: 13\r\n"
            b"Sec-WebSocket-Key: " + base64.b64encode(os.urandom(16)) + b"\r\n\r\n")
        head = await self.reader.readuntil(b"\r\n\r\n")
        assert head.startswith(b"HTTP/1.1 101"), head
        await self.frame()  # Engine.IO open
        auth = {"code": self.lesson.code, "device": "flood-" + "x" * 26}
        self.write("40/student," + json.dumps(auth))

    def write(self, text: str) -> None:
        """Queue one masked text frame."""
        data = text.encode()
        mask = os.urandom(4)
        size = len(data)
        head = bytes([0x81, 0x80 | size]) if size < 126 else (
            bytes([0x81, 0x80 | 126]) + struct.pack("!H", size))
        self.writer.write(head + mask + bytes(b ^ mask[i % 4] for i, b in enumerate(data)))

    async def frame(self, timeout: float | None = None) -> tuple[int, bytes]:
        """Read one frame; return (opcode, payload), or (-1, b"") if it never ends."""
        first, second = await asyncio.wait_for(self.reader.readexactly(2), timeout)
        try:  # a whole frame is sent at once: the rest must follow
            size = second & 0x7F
            if size == 126:
                (size,) = struct.unpack("!H", await asyncio.wait_for(
                    self.reader.readexactly(2), 5))
            elif size == 127:
                (size,) = struct.unpack("!Q", await asyncio.wait_for(
                    self.reader.readexactly(8), 5))
            return first, await asyncio.wait_for(self.reader.readexactly(size), 5)
        except TimeoutError:
            return -1, b""

    async def send(self, count: int, step: dict, value: object, event: str = "answer") -> None:
        """Send `count` answers (or `sync` requests) without waiting for any ack."""
        data = {"step": step["index"], "value": value} if event == "answer" else {}
        body = json.dumps([event, data])
        for n in range(count):
            self.write(f"42/student,{n + 1}{body}")
            if n % 100 == 99:
                await self.writer.drain()
        await self.writer.drain()

    async def read(self, expected: int, quiet: float = 10.0) -> dict:
        """Read until `expected` acks came, or nothing for `quiet` s; count frames cut short."""
        found = {"frames": 0, "acks": 0, "acks_ok": 0, "broken": 0, "closed": None}
        while found["acks"] < expected:
            try:
                opcode, payload = await self.frame(quiet)
            except TimeoutError:
                return found
            except (asyncio.IncompleteReadError, ConnectionError) as error:
                found["closed"] = type(error).__name__
                return found
            found["frames"] += 1
            if opcode == 0x88:
                found["closed"] = "close frame"
                return found
            kind = whole(opcode, payload)
            if kind is None:  # cut: what follows cannot be read as frames any more
                found["broken"] += 1
                found["closed"] = "a frame was cut short"
                return found
            if kind == "ping":
                self.write("3")
            elif kind is not True:
                found["acks"] += 1
                found["acks_ok"] += bool(kind.get("ok"))
        return found

    async def close(self) -> None:
        """Close the connection."""
        self.writer.close()


def whole(opcode: int, payload: bytes) -> object:
    """Return an ack's data, "ping", True for another whole frame, None if cut short."""
    if opcode != 0x81:
        return None
    try:
        text = payload.decode()
    except UnicodeDecodeError:
        return None
    if text == "2":
        return "ping"
    for prefix in ("43/student,", "42/student,", "40/student,", "44/student,"):
        if text.startswith(prefix):
            body = text[len(prefix):]
            try:
                data = json.loads(body[body.index("[") if prefix == "43/student," else 0:])
            except ValueError:
                return None
            return data[0] if prefix == "43/student," else True
    return None


async def flood(lesson: Lesson, answers: int = 20000, others: int = 10,
                hold: float = 3.0, event: str = "answer", quiet: float = 10.0) -> dict:
    """One phone sends `answers` at once; the others keep answering, twice a second.

    With `event="sync"` it asks for its whole state instead, each ack a few kilobytes.
    """
    teach, step, value = await question(lesson)
    phones = [phone(lesson.base, lesson.code) for _ in range(others)]
    await connect_all(phones)
    flooder = Flooder(lesson)
    await flooder.connect()
    await asyncio.sleep(0.5)
    rss_before = proc_status(lesson.pid, "VmRSS")
    done, latencies, when = asyncio.Event(), [], []

    async def keep_answering(client: Client) -> None:
        while not done.is_set():
            sent = time.perf_counter()
            latencies.append(await answer_ms(client, step, value))
            when.append(sent)
            await asyncio.sleep(0.5)  # a quick thumb: well within the answer limit

    tasks = [asyncio.create_task(keep_answering(c)) for c in phones]
    await asyncio.sleep(0.5)
    start = time.perf_counter()
    await flooder.send(answers, step, value, event)
    sent_s = time.perf_counter() - start
    await asyncio.sleep(hold)  # the flooder reads nothing meanwhile
    received = await flooder.read(answers, quiet)
    received["read_s"] = round(time.perf_counter() - start, 2)
    done.set()
    await asyncio.gather(*tasks)
    await asyncio.sleep(1)
    figures = {
        "answers": answers, "sent_s": round(sent_s, 2), **received,
        "others_answers": len(latencies),
        "others_max_ms": round(max(latencies), 1),
        "others_max_at_s": round(when[latencies.index(max(latencies))] - start, 2),
        "others_p90_ms": round(sorted(latencies)[int(0.90 * (len(latencies) - 1))], 1),
        "others_p99_ms": round(sorted(latencies)[int(0.99 * (len(latencies) - 1))], 1),
        "others_refused": sum(ms == float("inf") for ms in latencies),
        "rss_before_mb": round(rss_before, 1),
        "rss_peak_mb": round(proc_status(lesson.pid, "VmHWM"), 1),
        "rss_after_mb": round(proc_status(lesson.pid, "VmRSS"), 1),
    }
    await asyncio.gather(*(c.close() for c in [*phones, teach, flooder]))
    return figures


BIG_SLIDE = """\
id: big-slide
title: {{en: "A long slide"}}
audience: 14-16
minutes: 50
languages: [en]
help: int
steps:
  - notice: content-note
  - slide: {{en: "{text}"}}
  - slide: {{en: "## A short one"}}
  - notice: help
"""


def big_slide_lesson(folder: str, kilobytes: int = 100) -> dict[str, str]:
    """Write a lesson whose first slide is `kilobytes` long; return the settings that load it."""
    lessons = Path(folder) / "big"
    lessons.mkdir()
    text = "\\n\\n".join(["Consent can be taken back at any moment."] * (kilobytes * 25))
    (lessons / "big-slide.yaml").write_text(BIG_SLIDE.format(text=text))
    paths = [lessons, harness.ROOT / "lessons", harness.ROOT / "quizzes"]
    return {"CLASSROOM_CONTENT_PATHS": os.pathsep.join(map(str, paths)),
            "CLASSROOM_DEFAULT_LESSON": "big-slide"}


async def slowreader(lesson: Lesson, steps: int = 60, hold: float = 2.0) -> dict:
    """A phone on bad Wi-Fi reads nothing while the teacher moves between a long slide and
    a short one `steps` times (each state a frame of tens of kilobytes); then it reads."""
    teach = teacher(lesson.base, lesson.code, lesson.key)
    await teach.connect()
    await wait_for(teach, lambda s: True, 10)
    slow = Flooder(lesson)
    await slow.connect()
    start = time.perf_counter()
    for n in range(steps):
        await teach.emit("go", {"step": 1 + n % 2})
    moved_s = time.perf_counter() - start
    await asyncio.sleep(hold)
    found = {"frames": 0, "states": 0, "biggest_kb": 0, "broken": 0, "closed": None}
    while found["states"] < steps:
        try:
            opcode, payload = await slow.frame(10)
        except (TimeoutError, asyncio.IncompleteReadError, ConnectionError) as error:
            found["closed"] = type(error).__name__
            break
        found["frames"] += 1
        if whole(opcode, payload) is None:
            found["broken"] += 1
            found["closed"] = "a frame was cut short"
            break
        found["states"] += payload.startswith(b'42/student,["state"')
        found["biggest_kb"] = max(found["biggest_kb"], len(payload) // 1024)
    await asyncio.gather(teach.close(), slow.close())
    return {"steps": steps, "moved_s": round(moved_s, 2), **found}


# --- the open-files limit -------------------------------------------------------------------


async def fdlimit(lesson: Lesson, phones: int = 160, latecomers: int = 4,
                  idle: float = 12.0) -> dict:
    """Fill the open-files limit with phones and retrying latecomers, idle, then teach on."""
    teach = teacher(lesson.base, lesson.code, lesson.key)
    await teach.connect()
    await wait_for(teach, lambda s: True, 10)
    clients = [phone(lesson.base, lesson.code) for _ in range(phones)]

    async def join(client: Client) -> bool:
        try:
            await asyncio.wait_for(client.connect(), 5)
            return True
        except (OSError, TimeoutError, ConnectionError, websockets.WebSocketException):
            return False

    joined = await asyncio.gather(*(join(c) for c in clients))
    inside = [c for c, ok in zip(clients, joined, strict=True) if ok]
    done = asyncio.Event()
    tries = [0]

    async def latecomer() -> None:
        while not done.is_set():
            tries[0] += 1
            late = phone(lesson.base, lesson.code)
            await join(late)
            await late.close()
            await asyncio.sleep(0.1)

    late_tasks = [asyncio.create_task(latecomer()) for _ in range(latecomers)]
    await asyncio.sleep(idle)
    first = next(s["index"] for s in teach.state["steps"] if s["kind"] == "question")
    teacher_acks = [await teach.emit("go", {"step": first}), await teach.emit("open", {})]
    teacher_saved = all(ack.get("ok") for ack in teacher_acks)
    acks = []
    if teacher_saved:
        await wait_for(teach, lambda s: (s.get("step") or {}).get("index") == first, 10)
        step = teach.state["step"]
        value = sample_value(step["question"])
        acks = await asyncio.gather(*(answer_ms(c, step, value) for c in inside))
    newcomer = await http_get(lesson.port, "/")
    done.set()
    await asyncio.gather(*late_tasks)
    figures = {
        "newcomer_sees": newcomer,
        "open_files": lesson.open_files, "phones": phones, "joined": len(inside),
        "latecomer_tries": tries[0], "idle_s": idle, "teacher_saved": teacher_saved,
        "teacher_errors": [ack.get("error") for ack in teacher_acks if not ack.get("ok")],
        "answers_saved": sum(ms < float("inf") for ms in acks),
        "server_fds": open_fds(lesson.pid),
    }
    await asyncio.gather(*(c.close() for c in [*inside, teach]))
    return figures


async def http_get(port: int, path: str) -> str:
    """Return the status line and body of a GET (or what went wrong)."""
    try:
        reader, writer = await asyncio.open_connection("127.0.0.1", port)
        writer.write(f"GET {path} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n".encode())
        answer = await asyncio.wait_for(reader.read(), 5)
        writer.close()
    except (OSError, TimeoutError) as error:
        return type(error).__name__
    head, _, body = answer.decode(errors="replace").partition("\r\n\r\n")
    return head.splitlines()[0] + "\n" + body[:300] if head else "closed"


# --- half-sent headers (slowloris) and oversized long-polling POSTs ----------------------------


async def half_open(port: int, source: str, line: bytes) -> tuple | None:
    """Open a connection from `source` and send `line` of a request that never ends."""
    try:
        reader, writer = await asyncio.wait_for(
            asyncio.open_connection("127.0.0.1", port, local_addr=(source, 0)), 3)
        writer.write(line)
        await writer.drain()
        return reader, writer
    except (OSError, TimeoutError):
        return None


async def dropped(reader: asyncio.StreamReader) -> bool:
    """Tell whether the server let go of this connection (closed it, or answered it)."""
    try:
        await asyncio.wait_for(reader.read(1), 0.01)
        return True
    except TimeoutError:
        return False
    except ConnectionError:
        return True


async def slowloris(lesson: Lesson, connections: int = 3000, sources: int = 2,
                    wait: float = 0.0) -> dict:
    """Open `connections` half-sent requests from `sources` addresses; can a phone join?"""
    teach, step, value = await question(lesson)
    fds_before = open_fds(lesson.pid)
    gate = asyncio.Semaphore(200)

    async def one(n: int) -> tuple | None:
        async with gate:
            source = f"127.0.0.{2 + n % sources}"
            return await half_open(lesson.port, source, b"GET / HTTP/1.1\r\nHost: x\r\n")

    start = time.perf_counter()
    opened = [c for c in await asyncio.gather(*(one(n) for n in range(connections))) if c]
    opened_s = time.perf_counter() - start
    await asyncio.sleep(1)
    fds_during = open_fds(lesson.pid)
    during = await can_join(lesson, step, value)
    await asyncio.sleep(wait)
    held = sum([not await dropped(reader) for reader, _ in opened])
    after = await can_join(lesson, step, value)
    for _, writer in opened:
        writer.close()
    await teach.close()
    return {"connections": connections, "sources": sources, "opened": len(opened),
            "opened_s": round(opened_s, 1), "fds_before": fds_before, "fds_during": fds_during,
            "phone_joined_during": during, "waited_s": wait, "still_held_by_server": held,
            "phone_joined_after": after, "fds_after": open_fds(lesson.pid)}


async def polling_sid(port: int) -> str:
    """Open a long-polling Engine.IO session; return its sid."""
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    writer.write(b"GET /socket.io/?EIO=4&transport=polling HTTP/1.1\r\nHost: x\r\n"
                 b"Connection: close\r\n\r\n")
    body = await reader.read()
    writer.close()
    return json.loads(body[body.index(b"{"):body.rindex(b"}") + 1])["sid"]


async def big_post(port: int, size: int, timeout: float) -> tuple[str, float]:
    """POST `size` bytes to a polling session; return (status line or 'no answer', seconds)."""
    sid = await polling_sid(port)
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    body = b"4" + b"x" * (size - 1)
    writer.write(f"POST /socket.io/?EIO=4&transport=polling&sid={sid} HTTP/1.1\r\nHost: x\r\n"
                 f"Content-Type: text/plain\r\nContent-Length: {size}\r\n\r\n".encode() + body)
    start = time.perf_counter()
    try:
        await writer.drain()
        status = await asyncio.wait_for(reader.readline(), timeout)
        answer = status.decode().strip() or "closed"
    except (TimeoutError, ConnectionError):
        answer = "no answer"
    writer.close()
    return answer, time.perf_counter() - start


async def bigpost(lesson: Lesson, posts: int = 300, size: int = 20000,
                  timeout: float = 5.0) -> dict:
    """Send `posts` long-polling POSTs over the size limit and leave; what stays open?"""
    teach, step, value = await question(lesson)
    fds_before = open_fds(lesson.pid)
    gate = asyncio.Semaphore(100)

    async def one() -> tuple[str, float]:
        async with gate:
            return await big_post(lesson.port, size, timeout)

    task = asyncio.gather(*(one() for _ in range(posts)))
    await asyncio.sleep(0.5)
    during = await can_join(lesson, step, value)
    results = await task
    await asyncio.sleep(3)  # the clients left; give the server time to let go
    statuses: dict[str, int] = {}
    for status, _ in results:
        statuses[status] = statuses.get(status, 0) + 1
    after = await can_join(lesson, step, value)
    await teach.close()
    return {"posts": posts, "size": size, "answers": statuses,
            "slowest_s": round(max(s for _, s in results), 2),
            "fds_before": fds_before, "fds_held_after": open_fds(lesson.pid) - fds_before,
            "phone_joined_during": during, "phone_joined_after": after}


# --- a damaged database file ----------------------------------------------------------------


def damage(path: Path, how: str) -> None:
    """Damage the store file at `path`: random bytes, truncated, or one page overwritten."""
    if how == "random":
        path.write_bytes(os.urandom(64 * 1024))
        return
    conn = sqlite3.connect(path)
    conn.executescript("PRAGMA journal_mode=DELETE; CREATE TABLE IF NOT EXISTS filler (x);")
    conn.executemany("INSERT INTO filler VALUES (?)", [("y" * 500,)] * 400)
    conn.commit()
    conn.close()
    data = bytearray(path.read_bytes())
    if how == "truncated":
        path.write_bytes(data[: len(data) // 3])
    else:  # a damaged page: the second page (a table's b-tree) overwritten with noise
        data[4096:8192] = os.urandom(4096)
        path.write_bytes(bytes(data))


def corrupt(how: str = "random") -> dict:
    """Start `classroom run` on a damaged store; return its exit code and what it printed."""
    with tempfile.TemporaryDirectory() as workdir:
        db = Path(workdir) / "classroom.sqlite3"
        if how != "random":
            # A real store first, then damaged: what a power cut or a bad disk leaves.
            subprocess.run([sys.executable, "-m", "classroom.cli", "purge"], cwd=harness.ROOT,
                           env=dict(os.environ, CLASSROOM_DB=str(db)), capture_output=True)
        damage(db, how)
        result = subprocess.run(
            [sys.executable, "-m", "classroom.cli", "run", "--no-browser", "--host",
             "127.0.0.1", "--port", str(free_port())],
            cwd=harness.ROOT, env=dict(os.environ, CLASSROOM_DB=str(db)), capture_output=True,
            text=True, timeout=60)
        output = result.stdout + result.stderr
        return {"how": how, "exit_code": result.returncode, "lines": len(output.splitlines()),
                "traceback": "Traceback" in output, "names_the_file": str(db) in output,
                "output": output[-2000:]}


SCENARIOS: dict[str, Callable[..., Awaitable[dict]]] = {
    "flood": flood, "slowreader": slowreader, "fdlimit": fdlimit, "slowloris": slowloris,
    "bigpost": bigpost,
}


def measure(name: str, env: dict[str, str] | None = None, open_files: int | None = None,
            **options: object) -> dict:
    """Start a fresh server, run scenario `name` on it, stop it; return the figures."""
    with tempfile.TemporaryDirectory() as folder:
        if name == "slowreader":
            # Every move its own frame: without the coalescing interval a teacher action
            # reaches the phones at once, not merged with the next (broadcast.PHONE_WINDOW).
            env = {**big_slide_lesson(folder), "CLASSROOM_STATE_INTERVAL": "0", **(env or {})}
        with Lesson(env, open_files) as lesson:
            figures = asyncio.run(SCENARIOS[name](lesson, **options))
            figures["log"] = lesson.log
            return figures


def main() -> None:
    """Run one scenario and print its figures as one JSON line."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("scenario", choices=[*SCENARIOS, "corrupt"])
    parser.add_argument("--answers", type=int, default=20000)
    parser.add_argument("--steps", type=int, default=60)
    parser.add_argument("--event", choices=["answer", "sync"], default="answer")
    parser.add_argument("--open-files", type=int, default=None)
    parser.add_argument("--phones", type=int, default=160)
    parser.add_argument("--latecomers", type=int, default=4)
    parser.add_argument("--idle", type=float, default=12.0)
    parser.add_argument("--connections", type=int, default=3000)
    parser.add_argument("--wait", type=float, default=0.0,
                        help="slowloris: seconds to wait before the phone tries again")
    parser.add_argument("--posts", type=int, default=300)
    parser.add_argument("--how", choices=["random", "truncated", "page"], default="random")
    parser.add_argument("--log", action="store_true", help="print the server's log too")
    parser.add_argument("--checkout", type=Path, metavar="DIR",
                        help="run the classroom of another checkout (e.g. an export of main, "
                             "for the figures before a change)")
    args = parser.parse_args()
    import resource

    _, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    resource.setrlimit(resource.RLIMIT_NOFILE, (hard, hard))
    if args.checkout:
        harness.ROOT = args.checkout.resolve()
    if args.scenario == "corrupt":
        figures = corrupt(args.how)
    else:
        options = {
            "flood": {"answers": args.answers, "event": args.event},
            "slowreader": {"steps": args.steps},
            "fdlimit": {"phones": args.phones, "latecomers": args.latecomers,
                        "idle": args.idle},
            "slowloris": {"connections": args.connections, "wait": args.wait},
            "bigpost": {"posts": args.posts},
        }[args.scenario]
        figures = measure(args.scenario, open_files=args.open_files, **options)
    log = figures.pop("log", "")
    if args.log:  # the end of the server's log
        figures["log_tail"] = log[-1500:]
    else:
        figures.pop("output", None)  # what `classroom run` printed on a damaged store
    print(json.dumps(figures), flush=True)


if __name__ == "__main__":
    main()
