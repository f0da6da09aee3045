"""The author's files as the preview reads them: as `classroom validate` does, then salvaged.

Every problem is the one `classroom validate` prints for the same files (the same loader, the
same labels). A file with an error does not load at all, though, and an author who broke one
step still wants to see the other twenty. So the preview cuts out each step (or quiz question)
an error is in, puts a placeholder where it was (the step numbers stay), and loads that; a step
that asks a question that was cut out is cut out in turn. What is cut is shown as its problem.
"""

from __future__ import annotations

import hashlib
import os
import re
import tempfile
import threading
from dataclasses import dataclass, field
from pathlib import Path

from classroom.content.library import Library, Problem, bundled_paths
from classroom.content.loader import label_of, load_paths, yaml_files

from .outline import Item, item_of, items

LISTS = {"lesson": ("steps", "step"), "quiz": ("questions", "question")}
ASK = re.compile(r"\bask:\s*['\"]?(([a-z0-9][a-z0-9-]*)/[a-z0-9][a-z0-9-]*)")
TOP_ID = re.compile(r"""^id:\s*['"]?([a-z0-9][a-z0-9-]*)""", re.MULTILINE)
ROUNDS = 4  # cutting a question cuts the steps that ask it: a few rounds settle it


@dataclass
class Source:
    """One of the author's files: its text, its kind, and where its steps or questions are."""

    path: Path
    label: str
    text: str
    kind: str | None  # "lesson", "quiz", "help set", or None when it cannot be told
    items: list[Item] = field(default_factory=list)

    def asks(self, index: int) -> str | None:
        """Return the question a step asks (`quiz-id/question-id`), read from its text."""
        item = self.items[index]
        found = ASK.search("\n".join(self.text.splitlines()[item.first - 1:item.last]))
        return found.group(1) if found else None

    def placeholder(self, index: int) -> str:
        """Return what stands in for a cut item: a step or a question that always loads."""
        if self.kind == "quiz":
            return f"- {{id: preview-cut-{index + 1}, kind: text, text: cut}}"
        return "- slide: cut"


@dataclass
class Reading:
    """Everything the preview shows, read at one version of the files."""

    version: str
    sources: dict[str, Source]  # by label
    problems: list[Problem]  # as `classroom validate` lists them, for the author's files
    library: Library  # the salvaged content, with the bundled quizzes and help sets it uses
    cuts: dict[str, set[int]]  # label -> indexes of the items cut out


def _kind(text: str, path: Path) -> str | None:
    for key, kind in (("steps", "lesson"), ("questions", "quiz"), ("resources", "help set")):
        if any(line.startswith(f"{key}:") for line in text.splitlines()):
            return kind
    return "help set" if path.parent.name == "help" else None


def read_source(path: Path) -> Source:
    """Read one file as text (undecodable bytes replaced: the loader reports them)."""
    try:
        text = path.read_bytes().decode("utf-8-sig", errors="replace")
    except OSError:
        text = ""
    kind = _kind(text, path)
    found = items(text, LISTS[kind][0]) if kind in LISTS else []
    return Source(path, label_of(path), text, kind, found)


def _cut_text(source: Source, cut: set[int]) -> str:
    lines = source.text.splitlines()
    for index in sorted(cut, reverse=True):
        item = source.items[index]
        indent = lines[item.first - 1][: len(lines[item.first - 1]) - len(
            lines[item.first - 1].lstrip(" "))]
        lines[item.first - 1: item.last] = [indent + source.placeholder(index)] + [""] * (
            item.last - item.first)
    return "\n".join(lines) + "\n"


def _errors_by_item(problems: list[Problem], source: Source, label: str,
                    spared: set[str] = frozenset()) -> set[int]:
    """Return the items of `source` an error is in; not those that only ask a `spared` quiz."""
    kind = LISTS[source.kind][1] if source.kind in LISTS else None
    if kind is None:
        return set()
    found = set()
    for problem in problems:
        if problem.path == label and problem.severity == "error":
            index = item_of(problem, source.items, kind)
            if index is None:
                continue
            asked = source.asks(index) if kind == "step" else None
            if not (asked and asked.partition("/")[0] in spared):
                found.add(index)
    return found


def _broken_quizzes(sources: dict[str, Source], problems: list[Problem]) -> set[str]:
    """Return the ids of the author's quizzes that have errors (salvaged before any lesson)."""
    failing = {p.path for p in problems if p.severity == "error"}
    return {found.group(1) for label, source in sources.items()
            if source.kind == "quiz" and label in failing
            and (found := TOP_ID.search(source.text))}


def salvage(sources: dict[str, Source], checked: Library,
            known: Library) -> tuple[Library, dict[str, set[int]]]:
    """Load the files with every step or question that has an error cut out; say what was cut."""
    # A step that asks a broken quiz fails only because that quiz does: cut the quiz's broken
    # questions first, and the step only if what it asks was cut (the next round says so).
    spared = _broken_quizzes(sources, checked.problems)
    cuts = {label: _errors_by_item(checked.problems, source, label, spared)
            for label, source in sources.items()}
    if not any(cuts.values()):
        return checked, cuts  # nothing to cut: what loaded is all there is
    with tempfile.TemporaryDirectory(prefix="classroom-preview-") as folder:
        library = Library()
        for _ in range(ROUNDS):
            labels = {}
            for number, (label, source) in enumerate(sources.items()):
                # Each file in a folder of its own, under its own name: the loader tells a help
                # set by its folder, and its messages name the file.
                parent = Path(folder) / str(number) / source.path.parent.name
                parent.mkdir(parents=True, exist_ok=True)
                copy = parent / source.path.name
                copy.write_text(_cut_text(source, cuts[label]), encoding="utf-8")
                labels[label_of(copy)] = label
            library = load_paths([Path(folder)], known=known)
            more = False
            for copy_label, label in labels.items():
                new = _errors_by_item(library.problems, sources[label], copy_label) - cuts[label]
                cuts[label] |= new
                more = more or bool(new)
            if not more:
                break
    return library, cuts


def context_for(targets: list[Path]) -> list[Path]:
    """Return the bundled folders that references may point into (as `validate` does)."""
    given = {path.resolve() for path in targets}
    return [path for path in bundled_paths() if path.resolve() not in given]


def fingerprint(paths: list[Path]) -> str:
    """Return a fingerprint of the YAML files under `paths`: names, times and sizes."""
    digest = hashlib.sha256()
    for path in yaml_files(paths):
        try:
            status = os.stat(path)
        except OSError:
            continue
        digest.update(f"{path}\0{status.st_mtime_ns}\0{status.st_size}\n".encode())
    return digest.hexdigest()[:16]


class Sources:
    """The files under the preview's paths, read again whenever one of them changes."""

    def __init__(self, targets: list[Path]) -> None:
        self.targets = targets
        self.context = context_for(targets)
        self._reading: Reading | None = None
        self._known: tuple[str, Library] = ("", Library())  # the context, by its version
        self._lock = threading.Lock()

    def files(self) -> list[Path]:
        """Return the author's files (the YAML files under the targets)."""
        return yaml_files(self.targets)

    def version(self) -> str:
        """Return a fingerprint of every file the preview reads: it changes when one is saved."""
        return fingerprint(self.targets + self.context)

    def read(self) -> Reading:
        """Return the files as they are now (read again only if one changed)."""
        version = self.version()
        with self._lock:
            if self._reading is None or self._reading.version != version:
                self._reading = self._read(version)
            return self._reading

    def _context(self) -> Library:
        """Return the bundled content references may use, loaded once unless it changes."""
        version = fingerprint(self.context)
        if self._known[0] != version:
            self._known = (version, load_paths(self.context) if self.context else Library())
        return self._known[1]

    def _read(self, version: str) -> Reading:
        sources = {source.label: source for source in map(read_source, self.files())}
        known = self._context()
        checked = load_paths(self.targets, known=known)
        salvaged, cuts = salvage(sources, checked, known)
        library = Library(
            lessons=salvaged.lessons,
            quizzes={**known.quizzes, **salvaged.quizzes},
            help_sets={**known.help_sets, **salvaged.help_sets},
        )
        return Reading(version, sources, checked.problems, library, cuts)
