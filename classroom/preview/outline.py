"""Where each step of a lesson (or question of a quiz) is written, read from the text itself.

Read line by line, not through YAML, so that it also works on a file that no longer parses:
that is exactly when an author needs to see which step a problem is in. A list item starts
with `- ` at the indentation of the list's first item; the list ends at the first line that
is indented less (a top-level key). Comments and blank lines belong to nothing.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from classroom.content.library import Problem

ITEM = re.compile(r"^( *)-(\s|$)")
TOP_KEY = re.compile(r"^([A-Za-z_][\w-]*)\s*:")
ID = re.compile(r"""(?:^|[{,\s])id:\s*['"]?([a-z0-9][a-z0-9-]*)""")
# Breadcrumbs that name a step or a question (content/where.py): `step 3`, `question 'x'`.
STEP_CRUMB = re.compile(r"› step (\d+)(?: |$)")
QUESTION_CRUMB = re.compile(r"› question (?:'([a-z0-9-]+)'|(\d+))(?: |$)")


@dataclass(frozen=True)
class Item:
    """One list item: its first and last line (1-based) and its id, when it has one."""

    first: int
    last: int
    ident: str | None = None


def _meaningful(line: str) -> bool:
    stripped = line.strip()
    return bool(stripped) and not stripped.startswith("#")


def items(text: str, key: str) -> list[Item]:
    """Return the items of the top-level list `key` (steps, questions), as written."""
    lines = text.splitlines()
    start = next((n for n, line in enumerate(lines) if TOP_KEY.match(line)
                  and TOP_KEY.match(line).group(1) == key), None)
    if start is None:
        return []
    found: list[list[int]] = []
    indent = None
    for number, line in enumerate(lines[start + 1:], start=start + 2):
        if not _meaningful(line):
            continue
        width = len(line) - len(line.lstrip(" "))
        match = ITEM.match(line)
        if indent is None:
            if not match:
                break  # not a block list (e.g. `steps: [...]`): nothing to say
            indent = width
        if width < indent or (width == indent and not match):
            break
        if width == indent and match:
            found.append([number, number])
        else:
            found[-1][1] = number
    return [Item(first, last, _ident(lines[first - 1:last])) for first, last in found]


def _ident(lines: list[str]) -> str | None:
    for line in lines:
        match = ID.search(line)
        if match:
            return match.group(1)
    return None


def _named(problem: Problem, found: list[Item], kind: str) -> int | None:
    """Return the item a problem's breadcrumb names (`step 3`, `question 'x'`), or None."""
    match = (STEP_CRUMB if kind == "step" else QUESTION_CRUMB).search(problem.where)
    if match is None:
        return None
    ident, number = (None, match.group(1)) if kind == "step" else match.groups()
    if number is not None:
        return int(number) - 1 if 0 < int(number) <= len(found) else None
    return next((n for n, item in enumerate(found) if item.ident == ident), None)


def item_of(problem: Problem, found: list[Item], kind: str) -> int | None:
    """Return the index of the step or question ("step", "question") a problem is about."""
    named = _named(problem, found, kind)
    if named is not None:
        return named
    return next((n for n, item in enumerate(found) if item.first <= problem.line <= item.last),
                None)
