"""Phones that wait for the teacher: joins beyond the class size the teacher expects.

A phone that would make the class larger than expected is not let in; it gets a short label
to show the teacher ("K7M") and asks again every few seconds. The teacher lets it in or not by
that label. Nothing is written: the waiting list lives in memory, and a phone that stops
asking drops off it.
"""

from __future__ import annotations

import secrets

from .ids import ALPHABET

LABEL_LENGTH = 3
FORGET_AFTER = 30.0  # seconds without a retry before a waiting phone drops off the list
MAX_WAITING = 60  # beyond this, new phones are refused outright (a flood of fake phones)


class Waiting:
    """The phones of one room that wait for the teacher, by participant id; in memory only."""

    def __init__(self) -> None:
        self._labels: dict[str, str] = {}  # participant id -> label
        self._seen: dict[str, float] = {}  # participant id -> last time it asked
        self.refused: set[str] = set()  # participant ids the teacher did not let in
        self.admitted: set[str] = set()  # let in beyond the class size: their next try joins

    def ask(self, pid: str, now: float) -> str | None:
        """Return the label of a waiting phone (a new one if it was not waiting); None if full."""
        self._forget_gone(now)
        label = self._labels.get(pid)
        if label is None:
            if len(self._labels) >= MAX_WAITING:
                return None
            label = self._new_label()
            self._labels[pid] = label
        self._seen[pid] = now
        return label

    def _new_label(self) -> str:
        taken = set(self._labels.values())
        while True:
            label = "".join(secrets.choice(ALPHABET) for _ in range(LABEL_LENGTH))
            if label not in taken:
                return label

    def _forget_gone(self, now: float) -> None:
        for pid, seen in list(self._seen.items()):
            if now - seen > FORGET_AFTER:
                self.take(self._labels[pid])

    def take(self, label: str) -> str | None:
        """Remove the phone with `label` from the list; return its participant id, or None."""
        pid = next((p for p, given in self._labels.items() if given == label), None)
        if pid is not None:
            del self._labels[pid], self._seen[pid]
        return pid

    def labels(self, now: float) -> list[str]:
        """Return the labels of the phones waiting now, in the order they came."""
        self._forget_gone(now)
        return list(self._labels.values())

    def clear(self) -> None:
        """Forget every waiting and refused phone (the lesson ended)."""
        self._labels.clear()
        self._seen.clear()
        self.refused.clear()
        self.admitted.clear()

    def decide(self, label: str, allow: bool) -> bool:
        """Let the phone with `label` in, or not; False when no phone waits with that label."""
        pid = self.take(label)
        if pid is None:
            return False
        (self.admitted if allow else self.refused).add(pid)
        return True
