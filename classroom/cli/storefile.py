"""What the commands say when the store's file cannot be read, and setting a damaged one aside."""

from __future__ import annotations

import os
import time

import click

from ..store import StoreUnreadable

# SQLite keeps a database in up to three files; moving only the first would let a new
# database pick up the old one's write-ahead log.
SUFFIXES = ("", "-wal", "-shm")


def unreadable(error: StoreUnreadable) -> click.ClickException:
    """Return the plain message for a store file that cannot be opened."""
    if error.damaged:
        return click.ClickException(
            f"The lesson database is damaged and cannot be read ({error.reason}):\n"
            f"  {error.path}\n"
            "No lesson can start on it. Move it aside (nothing is deleted) and start fresh:\n"
            "  classroom purge --damaged\n"
            "  classroom run\n"
            "The lessons in it cannot be resumed and their reports are gone; the moved file "
            "is kept, in case someone can repair it (docs/reliability.md)."
        )
    return click.ClickException(
        f"Cannot open the lesson database ({error.reason}):\n"
        f"  {error.path}\n"
        "Check that its folder exists and that you may write there, or choose another "
        "file: CLASSROOM_DB=/path/to/lessons.sqlite3 classroom run"
    )


def set_aside(path: str, now: float | None = None) -> list[str]:
    """Rename the store's files to `<name>.damaged-<time>`; return the new names."""
    stamp = time.strftime("%Y%m%d-%H%M%S", time.localtime(now))
    moved = []
    for suffix in SUFFIXES:
        if os.path.exists(path + suffix):
            target = f"{path}.damaged-{stamp}{suffix}"
            os.replace(path + suffix, target)
            moved.append(target)
    return moved
