"""The benchmark harness still works: a small burst against both servers, every vote counted.

Runs `benchmarks/run.py`'s own `measure()` (a real `classroom run` and the bare baseline,
raw-WebSocket phones), so the harness cannot rot unnoticed.
"""

from __future__ import annotations

import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PHONES = 20

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def bench():
    sys.path.insert(0, str(ROOT / "benchmarks"))
    try:
        import run

        yield run
    finally:
        sys.path.remove(str(ROOT / "benchmarks"))


@pytest.mark.parametrize("server", ["classroom", "baseline"])
def test_every_vote_is_acked_and_seen_by_the_teacher(bench, server):
    # In a thread of its own: the browser tests' Playwright session keeps an asyncio loop
    # running on the main thread, and the harness starts its own with asyncio.run().
    with ThreadPoolExecutor(1) as pool:
        figures = pool.submit(bench.measure, server, PHONES).result(timeout=120)
    assert figures["acked"] == PHONES
    # The count moves in steps of the lesson's minimum group (1 on the baseline): all but
    # fewer than a group of the last answers show on the teacher's page; the acks say the rest.
    assert PHONES - figures["group"] < figures["teacher_saw"] <= PHONES
    assert figures["teacher_final_s"] is not None
    assert figures["got_next"] == PHONES  # every phone got the teacher's `next`
    assert figures["got_open"] == PHONES  # ...and saw the next question opened
    assert 0 < figures["p50_ms"] <= figures["p99_ms"]


def test_the_table_gives_ratios_to_the_baseline(bench):
    ours = {key: 2.0 for key in ("connect_s", "p50_ms", "p95_ms", "p99_ms", "teacher_final_s",
                                 "broadcast_s", "open_s", "cpu_connect_s", "cpu_vote_s",
                                 "cpu_next_s", "cpu_open_s", "client_cpu_s", "rss_mb")}
    base = {key: 1.0 for key in ours}
    table = bench.table([({**ours, "n": 20}, base)])
    assert table.splitlines()[2].startswith("| 20 | 2 (×2.00) | 2 (×2.00) |")


def test_many_rooms_on_the_bare_server_and_on_two_workers_are_counted_exactly(bench):
    import rooms

    with ThreadPoolExecutor(1) as pool:
        base = pool.submit(rooms.run_baseline, 3, 5, 0.5).result(timeout=120)
        ours = pool.submit(rooms.run_classroom, 2, 3, 5, 0.5).result(timeout=120)
    for figures in (base, ours):
        assert (figures["acked"], figures["errors"], figures["exact_rooms"]) == (15, 0, 3)
        assert figures["cpu_phones_per_1000"] > 0  # the load generator's own CPU, measured
    assert "| classroom | 2 |" in rooms.table([base, ours], 3, 5)
