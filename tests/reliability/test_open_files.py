"""At the open-files limit the lesson goes on: the store keeps the descriptors it needs."""

from __future__ import annotations

import subprocess
import sys
import textwrap

import pytest

from classroom.cli.serve import BASE, MARGIN
from classroom.store import writer

pytestmark = pytest.mark.slow

FILL_EVERY_DESCRIPTOR = """
import os, resource, socket, sys, time
from classroom.store import RoomRecord, open_store
from classroom.cli.serve import BASE, MARGIN
from classroom.store import writer
writer.IDLE = 0.2
resource.setrlimit(resource.RLIMIT_NOFILE, (64, 64))
store = open_store(sys.argv[1])
store.set_meta("before", "1").wait()
time.sleep(0.5)  # the writer idles
taken = []
while True:  # what phones retrying to join do: take every descriptor that is free
    try:
        taken.append(socket.socket())
    except OSError:
        break
store.create_room(RoomRecord("ABCDEF", "l", "en", "s", "k", 0.0)).wait()
print(store.has_room("ABCDEF"), store.get_meta("before"), len(taken) > 10)
store.close()
"""


def test_the_store_writes_and_reads_when_every_other_descriptor_is_taken(tmp_path):
    result = subprocess.run(
        [sys.executable, "-c", textwrap.dedent(FILL_EVERY_DESCRIPTOR), str(tmp_path / "s.db")],
        capture_output=True, text=True, timeout=60,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["True", "1", "True"]


def test_a_pause_at_the_open_files_limit_loses_no_teacher_action_and_no_answer(scenario):
    figures = scenario("fdlimit", open_files=300, phones=160, latecomers=4,
                       idle=writer.IDLE + 2)
    # The phones that fit (two descriptors each, a margin kept free), then a plain refusal.
    assert figures["joined"] >= (300 - BASE - MARGIN) // 2 - 5, figures
    assert figures["newcomer_sees"].startswith("HTTP/1.1 503"), figures
    assert "This lesson is full" in figures["newcomer_sees"], figures
    assert "Refused new connections" in figures["log"] and "ulimit -n 8192" in figures["log"]
    assert figures["server_fds"] <= 300 - MARGIN + 2, figures
    # And nothing is lost after the pause.
    assert figures["teacher_saved"], figures
    assert figures["answers_saved"] == figures["joined"], figures
