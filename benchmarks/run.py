"""Measure a burst of votes on `classroom` against the bare baseline, in the same run.

    python benchmarks/run.py --phones 100 500 1000

For each server and each N: connect N phones, open a question, let every phone answer
at the same instant, and record vote→ack latency, when the teacher sees the last vote,
how long one "next step" takes to reach every phone, and the server's CPU time. The table
gives classroom's figures and their ratio to the baseline's: machines here are shared and
noisy, so only ratios from one run mean anything.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import re
import resource
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from phones import Client, phone, teacher, wait_for  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent


def free_port() -> int:
    """Return a free TCP port on loopback."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def cpu_seconds(pid: int) -> float:
    """Return the user+system CPU seconds a process has used."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def drain(proc: subprocess.Popen) -> None:
    """Keep reading a server's output into `proc.lines`: a full pipe would block it."""
    proc.lines = []

    def read() -> None:
        for line in proc.stdout:
            proc.lines.append(line)

    proc.drain = threading.Thread(target=read, daemon=True)
    proc.drain.start()


def stop(proc: subprocess.Popen) -> None:
    """Kill a server and close its output pipe."""
    proc.kill()
    proc.wait()
    proc.drain.join(5)
    proc.stdout.close()


def peak_rss_mb(pid: int) -> float:
    """Return the most memory (resident) a process has held, in MB."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def start_baseline(port: int) -> tuple[subprocess.Popen, str, str]:
    """Start the bare server; return the process, the room code and the key, once it listens."""
    proc = subprocess.Popen([sys.executable, str(ROOT / "benchmarks/baseline_server.py"),
                             "--port", str(port)], stdout=subprocess.PIPE, text=True)
    proc.stdout.readline()
    drain(proc)
    deadline = time.monotonic() + 20
    while True:  # it prints before it listens: a busy machine let a phone in too early
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.5).close()
            return proc, "BASE00", "none"
        except OSError:
            if time.monotonic() > deadline or proc.poll() is not None:
                raise RuntimeError(f"the bare server never listened on {port}") from None
            time.sleep(0.05)


def start_classroom(port: int, workdir: str, env: dict[str, str] | None = None,
                    open_files: int | None = None) -> tuple[subprocess.Popen, str, str]:
    """Start `classroom run`; return the process, the room code and the teacher key.

    `env` adds settings; `open_files` starts it with that open-files limit (soft and hard,
    so that `classroom run` cannot raise it).
    """
    # Every simulated phone comes from 127.0.0.1: lift the per-address join limit.
    env = dict(os.environ, CLASSROOM_DB=os.path.join(workdir, "bench.sqlite3"),
               CLASSROOM_DATA_DIR=workdir, CLASSROOM_JOIN_BURST="1000000", **(env or {}))
    limit = None if open_files is None else (
        lambda: resource.setrlimit(resource.RLIMIT_NOFILE, (open_files, open_files)))
    proc = subprocess.Popen(
        [sys.executable, "-m", "classroom.cli", "run", "--no-browser", "--host", "127.0.0.1",
         "--port", str(port), "--public-url", f"http://127.0.0.1:{port}"],
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, cwd=ROOT, env=env,
        preexec_fn=limit)
    lines = []
    for line in proc.stdout:
        lines.append(line)
        found = re.search(r"/teach/([A-Z0-9]+)\?key=([\w-]+)", line)
        if found:
            drain(proc)
            proc.lines[:0] = lines
            return proc, found.group(1), found.group(2)
    proc.wait()
    raise RuntimeError("classroom run printed no Teacher link:\n" + "".join(lines))


def counted_in(state: dict) -> int:
    """Return the step the answer count moves in (1 on the bare baseline)."""
    return state["answers"].get("group", 1)


def sample_value(question: dict):
    """Return a valid answer for a question as the protocol describes it."""
    kind = question["kind"]
    options = question.get("options") or []
    return {"choice": 0, "check": 0, "multi": [0], "scale": 1, "text": "respect",
            "flag": {"flag": "green", "criterion": None},
            "rank": list(range(len(options)))}[kind]


async def open_question(teach: Client) -> dict:
    """Move to the first question step and open voting; return the step."""
    await wait_for(teach, lambda s: True, 10)
    steps = teach.state.get("steps") or [{"index": 0, "kind": "question"}]
    first = next(s["index"] for s in steps if s["kind"] == "question")
    await teach.emit("go", {"step": first})
    await teach.emit("open", {})
    await wait_for(teach, lambda s: (s.get("step") or {}).get("index") == first, 10)
    return teach.state["step"]


async def connect_all(clients: list[Client], in_flight: int = 100) -> float:
    """Connect every client, at most `in_flight` handshakes at once; return seconds."""
    gate = asyncio.Semaphore(in_flight)

    async def one(client: Client) -> None:
        async with gate:
            await client.connect()

    start = time.perf_counter()
    await asyncio.gather(*(one(c) for c in clients))
    return time.perf_counter() - start


async def scenario(base: str, code: str, key: str, pid: int, n: int, spy: Profiler,
                   join_first: bool = False, spread: float = 0.0) -> dict:
    """Run one burst of N votes and one broadcast; return the figures.

    With `join_first`, phones join on the lesson's first step (as in class: the content
    note on the projector), and the teacher moves to the question after.
    """
    teach = teacher(base, code, key)
    await teach.connect()
    if join_first:
        await wait_for(teach, lambda s: True, 10)
        await teach.emit("go", {"step": 0})
    else:
        step = await open_question(teach)
    phones = [phone(base, code) for _ in range(n)]
    spy.phase("connect")
    cpu0 = cpu_seconds(pid)
    connect_s = await connect_all(phones)
    cpu_connect = cpu_seconds(pid) - cpu0
    if join_first:
        step = await open_question(teach)
    spy.phase("vote")
    value = sample_value(step["question"])
    cpu0 = cpu_seconds(pid)

    async def vote(client: Client) -> float | None:
        if spread:  # a hall as it is: each phone answers at its own moment of the window
            await asyncio.sleep(random.uniform(0, spread))
        start = time.perf_counter()
        ack = await client.emit("answer", {"step": step["index"], "value": value})
        return (time.perf_counter() - start) * 1000 if ack.get("ok") else None

    start = time.perf_counter()
    acks = await asyncio.gather(*(vote(c) for c in phones))
    latencies = sorted(ms for ms in acks if ms is not None) or [float("nan")]
    # Counts move in steps of the lesson's minimum group (so that no phone is given away by
    # the count): the teacher has the last answers once fewer than a group are left out.
    seen = await wait_for(teach, lambda s: s["answers"]["count"] > n - counted_in(s), 60)
    teacher_saw = teach.state["answers"]["count"]
    teacher_final = time.perf_counter() - start
    cpu_vote = cpu_seconds(pid) - cpu0
    for client in phones:
        client.changed.clear()
    spy.phase("next")
    cpu0 = cpu_seconds(pid)
    start = time.perf_counter()
    await teach.emit("next", {})
    moved = lambda s: (s.get("step") or {}).get("index") != step["index"]  # noqa: E731
    arrived = await asyncio.gather(*(wait_for(c, moved, 60) for c in phones))
    broadcast = time.perf_counter() - start
    cpu_next = cpu_seconds(pid) - cpu0
    opening = await open_again(teach, phones, step["index"] + 1, spy, pid)
    spy.phase(None)
    rss = peak_rss_mb(pid)
    await asyncio.gather(*(c.close() for c in phones + [teach]))
    count = len(latencies)
    return {"n": n, "acked": sum(ms is not None for ms in acks),
            "teacher_saw": teacher_saw, "group": counted_in(teach.state),
            "got_next": sum(arrived),
            "connect_s": connect_s, "p50_ms": statistics.median(latencies),
            "p95_ms": latencies[int(0.95 * (count - 1))],
            "p99_ms": latencies[int(0.99 * (count - 1))],
            "teacher_final_s": teacher_final if seen else None, "broadcast_s": broadcast,
            "cpu_connect_s": cpu_connect, "cpu_vote_s": cpu_vote, "cpu_next_s": cpu_next,
            "rss_mb": rss, **opening}


async def open_again(teach: Client, phones: list[Client], after: int, spy: Profiler,
                     pid: int) -> dict:
    """Open a question as a teacher does (`go` to it, then `open`); time it to every phone.

    Returns `open_s` (from `go` until every phone shows the question open), `cpu_open_s`
    and `open_msgs` (states each phone received meanwhile, on average).
    """
    steps = teach.state.get("steps") or [{"index": after, "kind": "question"}]
    target = next((s["index"] for s in steps if s["kind"] == "question" and s["index"] >= after),
                  after)
    spy.phase("open")
    before = sum(c.states for c in phones)
    cpu0 = cpu_seconds(pid)
    start = time.perf_counter()
    await teach.emit("go", {"step": target})
    go_ack = time.perf_counter() - start
    await teach.emit("open", {})
    open_ack = time.perf_counter() - start

    def shown(s: dict) -> bool:
        return (s.get("step") or {}).get("index") == target and s["voting"]["open"]

    arrived = await asyncio.gather(*(wait_for(c, shown, 60) for c in phones))
    return {"open_s": time.perf_counter() - start, "cpu_open_s": cpu_seconds(pid) - cpu0,
            "open_msgs": (sum(c.states for c in phones) - before) / len(phones),
            "got_open": sum(arrived), "go_ack_s": go_ack, "open_ack_s": open_ack}


def client_cpu() -> float:
    """Return the CPU seconds this load generator has used so far."""
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


class Profiler:
    """py-spy on the server, one file of collapsed stacks per phase (connect, vote, next)."""

    def __init__(self, pid: int, prefix: str | None) -> None:
        self.pid, self.prefix = pid, prefix
        self.spy: subprocess.Popen | None = None

    def phase(self, name: str | None) -> None:
        """Stop recording the previous phase; start recording `name` (None: stop)."""
        if not self.prefix:
            return
        if self.spy:
            self.spy.send_signal(signal.SIGINT)  # py-spy writes its file and exits
            self.spy.wait()
            self.spy = None
        if name:
            self.spy = subprocess.Popen(
                ["py-spy", "record", "--pid", str(self.pid), "--format", "raw", "--rate", "250",
                 "-o", f"{self.prefix}-{name}.txt"],
                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            time.sleep(1.0)  # let py-spy attach before the phase starts


def measure(kind: str, n: int, profile: str | None = None, join_first: bool = False,
            spread: float = 0.0) -> dict:
    """Start a fresh server of `kind`, run one scenario, stop the server."""
    port = free_port()
    with tempfile.TemporaryDirectory() as workdir:
        # Thousands of phones from 127.0.0.1: lift the per-address connection cap too (the
        # reliability scenarios, which share start_classroom, keep it).
        start = start_baseline if kind == "baseline" else lambda p: start_classroom(
            p, workdir, {"CLASSROOM_CONNECTIONS_PER_ADDRESS": "0"})
        proc, code, key = start(port)
        spy = Profiler(proc.pid, profile and f"{profile}-{kind}-{n}")
        try:
            time.sleep(0.5)
            cpu0 = client_cpu()
            base = f"http://127.0.0.1:{port}"
            figures = asyncio.run(scenario(base, code, key, proc.pid, n, spy, join_first,
                                           spread))
            figures["client_cpu_s"] = client_cpu() - cpu0
            return figures
        finally:
            spy.phase(None)
            stop(proc)


def median_of(runs: list[dict]) -> dict:
    """Return each figure's median over several runs (None if any run lacks it)."""
    return {key: None if any(r[key] is None for r in runs)
            else statistics.median(r[key] for r in runs) for key in runs[0]}


def table(rows: list[tuple[dict, dict]]) -> str:
    """Format classroom's figures with their ratio to the baseline's."""
    keys = ["connect_s", "p50_ms", "p95_ms", "p99_ms", "teacher_final_s", "broadcast_s", "open_s",
            "cpu_connect_s", "cpu_vote_s", "cpu_next_s", "cpu_open_s", "client_cpu_s", "rss_mb"]
    lines = ["| N | " + " | ".join(keys) + " |", "|---|" + "---|" * len(keys)]
    for ours, base in rows:
        cells = []
        for key in keys:
            a, b = ours[key], base[key]
            ratio = f" (×{a / b:.2f})" if a is not None and b else ""
            cells.append(f"{a:.3g}{ratio}" if a is not None else "n/a")
        lines.append(f"| {ours['n']} | " + " | ".join(cells) + " |")
    return "\n".join(lines)


def main() -> None:
    """Run the benchmark and print the table (and save it under benchmarks/results/)."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--phones", type=int, nargs="+", default=[100, 500, 1000])
    parser.add_argument("--profile", metavar="PREFIX",
                        help="record each server with py-spy into PREFIX-<server>-<N>.txt")
    parser.add_argument("--repeat", type=int, default=1, metavar="K",
                        help="run each pair K times (alternating) and report the medians")
    parser.add_argument("--join-first", action="store_true",
                        help="phones join on the lesson's first step, then the question opens")
    parser.add_argument("--spread", type=float, default=0.0, metavar="SECONDS",
                        help="each phone answers at a random moment of this window (0: at once)")
    parser.add_argument("--only", choices=["classroom", "baseline"],
                        help="run one server only (no ratios)")
    args = parser.parse_args()
    _, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    resource.setrlimit(resource.RLIMIT_NOFILE, (hard, hard))
    if args.only:
        for n in args.phones:
            print(json.dumps(measure(args.only, n, args.profile, args.join_first, args.spread)),
                  flush=True)
        return
    rows = []
    for n in args.phones:
        pairs = [(measure("classroom", n, args.profile, args.join_first, args.spread),
                  measure("baseline", n, args.profile, args.join_first, args.spread))
                 for _ in range(args.repeat)]
        rows.append((median_of([a for a, _ in pairs]), median_of([b for _, b in pairs])))
    text = table(rows)
    print(text)
    out = ROOT / "benchmarks/results"
    out.mkdir(exist_ok=True)
    stamp = time.strftime("%Y%m%d-%H%M%S")
    (out / f"burst-{stamp}.json").write_text(json.dumps(rows, indent=1))
    (out / f"burst-{stamp}.md").write_text(text + "\n")


if __name__ == "__main__":
    main()
