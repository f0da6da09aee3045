"""Many rooms at once: R rooms of P phones, answers spread over a window, on 1 and more workers.

    python benchmarks/rooms.py --rooms 300 --phones 30 --spread 20 --workers 1 2

Each configuration runs on a fresh server: the bare Flask-SocketIO baseline (one process, every
room in memory), then `classroom serve --workers N` with Redis behind nginx (docs/deploy.md),
for each N. Every room's teacher opens a question; then every phone answers once, at a random
moment of the `--spread` window (all rooms at the same time, as on the day). It reports the
answer → ack latency, errors, the server's CPU per 1000 answers (the workers', and nginx's
apart), and whether every room's count is exact: the teacher's view and, for classroom, Redis.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import random
import resource
import statistics
import sys
import tempfile
import time
from pathlib import Path

import websockets

sys.path.insert(0, str(Path(__file__).parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))
from phones import Client, phone, teacher, wait_for  # noqa: E402

from run import (  # noqa: E402
    ROOT,
    client_cpu,
    connect_all,
    cpu_seconds,
    free_port,
    open_question,
    start_baseline,
    stop,
)


async def lesson(base: str, rooms: list[tuple[str, str]], phones: int, spread: float,
                 cpu: callable) -> dict:
    """Open a question in every room, connect the phones, answer over the window."""
    teachers = [teacher(base, code, key) for code, key in rooms]
    await connect_all(teachers, 50)
    steps = await asyncio.gather(*(open_question(t) for t in teachers))
    clients = [(i, phone(base, code)) for i, (code, _) in enumerate(rooms)
               for _ in range(phones)]
    connect_s = await connect_all([c for _, c in clients])
    value = 0
    latencies: list[float] = []
    errors = 0

    async def answer(i: int, client: Client) -> None:
        nonlocal errors
        await asyncio.sleep(random.uniform(0, spread))
        start = time.perf_counter()
        try:
            ack = await asyncio.wait_for(
                client.emit("answer", {"step": steps[i]["index"], "value": value}), 30)
        except (TimeoutError, ConnectionError, websockets.ConnectionClosed):
            ack = {}  # no ack in 30 s, or the server dropped the phone: an error
        if ack.get("ok"):
            latencies.append((time.perf_counter() - start) * 1000)
        else:
            errors += 1

    def used() -> dict:  # the simulated phones' too: on a small machine they share its cores
        return {**cpu(), "phones": client_cpu()}

    before = used()
    await asyncio.gather(*(answer(i, c) for i, c in clients))
    cpu_answers = {name: seconds - before[name] for name, seconds in used().items()}
    # The teacher's count moves in steps of the lesson's minimum group: all in once fewer
    # than a group are left out; the baseline counts one by one.
    done = await asyncio.gather(*(wait_for(t, lambda s: s["answers"]["count"] > phones - s[
        "answers"].get("group", 1), 30) for t in teachers))
    counts = [t.state["answers"]["count"] for t in teachers]
    await asyncio.gather(*(c.close() for _, c in clients), *(t.close() for t in teachers))
    latencies.sort()
    n = len(latencies) or 1
    total = len(clients)
    return {"connect_s": connect_s, "answers": total, "acked": len(latencies),
            "errors": errors, "p50_ms": statistics.median(latencies or [float("nan")]),
            "p95_ms": latencies[int(0.95 * (n - 1))] if latencies else None,
            "p99_ms": latencies[int(0.99 * (n - 1))] if latencies else None,
            "teacher_counts_ok": sum(done), "counts": counts,
            **{f"cpu_{name}_per_1000": used / total * 1000 for name, used in cpu_answers.items()}}


def run_baseline(rooms: int, phones: int, spread: float) -> dict:
    """The bare server: every room in one process, in memory."""
    port = free_port()
    proc, _, _ = start_baseline(port)
    try:
        codes = [(f"B{i:05d}", "none") for i in range(rooms)]
        figures = asyncio.run(lesson(f"http://127.0.0.1:{port}", codes, phones, spread,
                                     lambda: {"server": cpu_seconds(proc.pid)}))
        figures["exact_rooms"] = sum(c == phones for c in figures.pop("counts"))
        return {"server": "baseline", "workers": 1, **figures}
    finally:
        stop(proc)


def run_classroom(workers: int, rooms: int, phones: int, spread: float) -> dict:
    """`classroom serve --workers N` with Redis, behind nginx."""
    from deployment import Deployment

    with tempfile.TemporaryDirectory() as folder:
        deployment = Deployment(Path(folder), workers, connections=rooms * (phones + 1) + 500,
                                env={"CLASSROOM_STATE_INTERVAL": "0.1",
                                     "CLASSROOM_ANSWER_BURST": "10"}).start()
        try:
            codes = [deployment.new_room() for _ in range(rooms)]

            def cpu() -> dict:
                return {"server": sum(cpu_seconds(p) for p in deployment.workers_pids()),
                        "proxy": sum(cpu_seconds(p) for p in deployment.nginx_pids()),
                        "redis": cpu_seconds(deployment.redis.proc.pid)}

            figures = asyncio.run(lesson(deployment.base, codes, phones, spread, cpu))
            figures.pop("counts")
            store = deployment.store()
            try:
                exact = 0
                for code, _ in codes:
                    saved = store.load_room(code)
                    exact += len(saved.answers) == phones and len(saved.participants) == phones
            finally:
                store.close()
            return {"server": "classroom", "workers": workers, "exact_rooms": exact, **figures}
        finally:
            deployment.stop()


def table(rows: list[dict], rooms: int, phones: int) -> str:
    """Format the runs, each with its ratio to the baseline's."""
    base = rows[0]
    keys = ["connect_s", "p50_ms", "p95_ms", "p99_ms", "cpu_server_per_1000"]
    lines = ["| server | workers | " + " | ".join(keys) + " | proxy CPU /1000 | redis CPU /1000"
             " | phones CPU /1000 | errors | exact rooms |", "|---|---|" + "---|" * (len(keys) + 5)]
    for row in rows:
        cells = []
        for key in keys:
            a, b = row.get(key), base.get(key)
            ratio = f" (×{a / b:.2f})" if row is not base and a is not None and b else ""
            cells.append(f"{a:.3g}{ratio}" if a is not None else "n/a")
        extra = [f"{row.get('cpu_proxy_per_1000', 0):.3g}",
                 f"{row.get('cpu_redis_per_1000', 0):.3g}",
                 f"{row.get('cpu_phones_per_1000', 0):.3g}",
                 str(row["errors"]), f"{row['exact_rooms']}/{rooms}"]
        lines.append(f"| {row['server']} | {row['workers']} | " + " | ".join(cells + extra) + " |")
    return "\n".join(lines)


def main() -> None:
    """Run the baseline and classroom on each number of workers; print and save the table."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rooms", type=int, default=300)
    parser.add_argument("--phones", type=int, default=30, help="phones per room")
    parser.add_argument("--spread", type=float, default=20.0,
                        help="seconds over which each room's phones answer")
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    args = parser.parse_args()
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    want = 4 * args.rooms * (args.phones + 1) + 1000
    try:
        resource.setrlimit(resource.RLIMIT_NOFILE, (max(want, soft), max(want, hard)))
    except (ValueError, OSError):
        resource.setrlimit(resource.RLIMIT_NOFILE, (hard, hard))
    rows = [run_baseline(args.rooms, args.phones, args.spread)]
    print(json.dumps(rows[-1]), flush=True)
    for workers in args.workers:
        rows.append(run_classroom(workers, args.rooms, args.phones, args.spread))
        print(json.dumps(rows[-1]), flush=True)
    text = table(rows, args.rooms, args.phones)
    print(text)
    out = ROOT / "benchmarks/results"
    out.mkdir(exist_ok=True)
    stamp = time.strftime("%Y%m%d-%H%M%S")
    (out / f"rooms-{stamp}.json").write_text(json.dumps(rows, indent=1))
    (out / f"rooms-{stamp}.md").write_text(text + "\n")


if __name__ == "__main__":
    main()
