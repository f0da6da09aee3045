"""A damaged store file: one plain message naming the file and what to do, exit code 1."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def command(db: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "classroom.cli", *args], cwd=ROOT,
                          env={**os.environ, "CLASSROOM_DB": str(db)}, capture_output=True,
                          text=True, timeout=60)


@pytest.mark.parametrize("how", ["random", "truncated", "page"])
def test_a_damaged_store_stops_the_start_with_one_plain_message(stays_up, how):
    figures = stays_up.corrupt(how)
    output = figures["output"]
    assert figures["exit_code"] == 1, output
    assert not figures["traceback"], output
    assert figures["names_the_file"], output
    assert figures["lines"] <= 8, output
    assert "The lesson database is damaged" in output
    assert "classroom purge --damaged" in output


def test_purge_sets_the_damaged_files_aside_and_the_next_start_is_fresh(stays_up, tmp_path):
    db = tmp_path / "classroom.sqlite3"
    stays_up.damage(db, "random")
    Path(f"{db}-wal").write_bytes(b"an old log that must not be replayed")
    refused = command(db, "purge")
    assert refused.returncode == 1 and "Traceback" not in refused.stderr
    assert "classroom purge --damaged" in refused.stderr
    moved = command(db, "purge", "--damaged")
    assert moved.returncode == 0, moved.stderr
    aside = sorted(p.name for p in tmp_path.iterdir())
    assert aside and all(".damaged-" in name for name in aside), aside  # the -wal too, if kept
    assert all(name in moved.stdout for name in aside)
    fresh = command(db, "purge")
    assert fresh.returncode == 0 and fresh.stdout.startswith("Deleted 0 room(s)"), fresh.stderr


def test_purge_damaged_leaves_a_healthy_store_alone(tmp_path):
    db = tmp_path / "classroom.sqlite3"
    assert command(db, "purge").returncode == 0
    kept = command(db, "purge", "--damaged")
    assert kept.returncode == 1 and "is not damaged: nothing was moved" in kept.stderr
    assert db.exists()


def test_a_store_that_cannot_be_opened_says_where_and_what_to_do(tmp_path):
    db = tmp_path / "no-such-folder" / "classroom.sqlite3"
    result = command(db, "purge")
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert "Cannot open the lesson database (unable to open database file)" in result.stderr
    assert str(db) in result.stderr and "CLASSROOM_DB=" in result.stderr
