"""Read lesson, quiz and help-set files into a Library, collecting every problem in every file."""

from __future__ import annotations

import os
from pathlib import Path

from pydantic import ValidationError

from .checks import (
    Loaded,
    file_issues,
    help_issues,
    markup_issues,
    reference_issues,
    translation_issues,
)
from .errors import Issue, found, issues_from
from .lessons import HelpSet, Lesson, Quiz
from .library import Library, Problem
from .where import breadcrumbs, resolve
from .yamlnodes import Document, Spot, YamlSyntaxError, parse

MODELS = {"lesson": Lesson, "quiz": Quiz, "help set": HelpSet}
BUCKETS = {"lesson": "lessons", "quiz": "quizzes", "help set": "help_sets"}
MARKERS = (("steps", "lesson"), ("questions", "quiz"), ("resources", "help set"))


def yaml_files(paths: list[Path]) -> list[Path]:
    """Return every .yaml/.yml file under `paths`, in a stable order."""
    found_files: list[Path] = []
    for path in paths:
        if path.is_dir():
            found_files.extend(sorted(p for p in path.rglob("*") if p.suffix in (".yaml", ".yml")))
        else:
            found_files.append(path)
    return found_files


def label_of(path: Path) -> str:
    """Name a file as the author knows it: relative to the working folder when inside it."""
    try:
        relative = os.path.relpath(path)
    except ValueError:
        return str(path)
    return str(path) if relative.startswith("..") else relative


def load_paths(paths: list[Path], context: list[Path] | None = None,
               known: Library | None = None) -> Library:
    """Load every file under `paths` into a Library; `context` files only resolve references.

    `known` is the context already loaded (the preview loads it once, not at every save).
    """
    library = Library()
    files = [read(path) for path in yaml_files(paths)]
    owners: dict[tuple[str, str], str] = {}
    for item in files:
        library.scanned.append(item.label)
        _register(item, library, owners)
    if known is None:
        known = load_paths(context) if context else Library()
    failed = {item.data["id"]: item.label for item in files if item.failed and item.kind == "quiz"
              and isinstance(item.data, dict) and isinstance(item.data.get("id"), str)}
    _check_lessons(files, library, known, failed)
    library.problems = [p for item in files for p in _problems(item)]
    library.problems.sort(key=lambda p: (p.path, p.line, p.col))
    return library


def read(path: Path) -> Loaded:
    """Read and validate one file; its problems wait in `issues` until the library is complete."""
    item = Loaded(label_of(path))
    try:
        raw = path.read_bytes()
    except OSError as error:
        return _fail(item, Spot(1, 1), f"cannot read the file: {error.strerror or error}")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        return _fail(item, _byte_spot(raw, error.start), f"expected UTF-8 text, found the byte "
                     f"0x{raw[error.start]:02x}, which is not UTF-8: save the file as UTF-8")
    try:
        item.doc = parse(text)
    except YamlSyntaxError as error:
        return _fail(item, error.spot, error.message)
    item.data = item.doc.data
    _validate(item, path)
    return item


def _validate(item: Loaded, path: Path) -> None:
    data, doc = item.data, item.doc
    item.kind = _kind_of(path, data)
    for spot, parent, message in doc.problems:
        item.spots.append((spot, parent, message))
    if data is None:
        _fail(item, Spot(1, 1), "the file is empty: expected a lesson, a quiz or a help set")
        return
    if not isinstance(data, dict):
        _fail(item, Spot(1, 1), "expected a lesson, a quiz or a help set (lines of "
              f"'key: value'), got {found(data)}")
        return
    if item.kind is None:
        _fail(item, Spot(1, 1), "expected a lesson (with steps), a quiz (with questions) or a "
              "help set (with resources), found none of these keys")
        return
    item.issues.extend(file_issues(item.kind, data))
    try:
        item.model = MODELS[item.kind].model_validate(data)
    except ValidationError as error:
        item.issues.extend(issues_from(error, MODELS[item.kind], data, doc))
    if isinstance(item.model, HelpSet):
        item.issues.extend(help_issues(item.model))
    item.failed = item.model is None or bool(item.spots) or any(
        i.severity == "error" for i in item.issues)


def _kind_of(path: Path, data: object) -> str | None:
    if isinstance(data, dict):
        for key, kind in MARKERS:
            if key in data:
                return kind
    if path.parent.name == "help":
        return "help set"
    if "quizzes" in path.parts:
        return "quiz"
    return "lesson" if "lessons" in path.parts else None


def _fail(item: Loaded, spot: Spot, message: str) -> Loaded:
    item.spots.append((spot, None, message))
    item.failed = True
    return item


def _byte_spot(raw: bytes, index: int) -> Spot:
    before = raw[:index]
    start = before.rfind(b"\n") + 1
    return Spot(before.count(b"\n") + 1, len(before[start:].decode("utf-8", "replace")) + 1)


def _register(item: Loaded, library: Library, owners: dict[tuple[str, str], str]) -> None:
    if item.failed or item.model is None or item.kind is None:
        return
    owner = owners.setdefault((item.kind, item.model.id), item.label)
    if owner != item.label:
        item.issues.append(Issue(("id",), f"expected an id no other {item.kind} uses, got "
                                 f"'{item.model.id}', which {owner} already uses"))
        item.failed = True
        return
    getattr(library, BUCKETS[item.kind])[item.model.id] = item.model
    if item.kind == "lesson":
        library.files[item.model.id] = item.label


def _check_lessons(files: list[Loaded], library: Library, known: Library,
                   failed: dict[str, str]) -> None:
    by_quiz = {f.model.id: f for f in files if f.kind == "quiz" and f.model is not None}
    quizzes = {**known.quizzes, **library.quizzes}
    warned: set[tuple[str, tuple, str]] = set()
    for item in files:
        if item.kind != "lesson" or item.model is None or item.failed:
            continue
        issues = reference_issues(item.model, library, known, failed)
        item.issues.extend([*issues, *markup_issues(item.model)])
        if issues:
            item.failed = True
            library.lessons.pop(item.model.id, None)
        for quiz_id, path, lang in translation_issues(item.model, quizzes):
            target = by_quiz.get(quiz_id, item) if quiz_id else item
            if (target.label, path, lang) not in warned and (quiz_id == "" or quiz_id in by_quiz):
                warned.add((target.label, path, lang))
                target.issues.append(Issue(path, f"missing the '{lang}' translation (lesson "
                                           f"'{item.model.id}' is in "
                                           f"{', '.join(item.model.languages)})",
                                           severity="warning"))


def _problems(item: Loaded) -> list[Problem]:
    fallback = Path(item.label).stem
    problems = []
    for spot, parent, message in item.spots:
        where = _full_where(item, fallback, parent) if parent is not None else ""
        problems.append(Problem(item.label, spot.line, spot.col, where, message))
    for issue in item.issues:
        problem = _place(item, issue, fallback)
        if problem not in problems:  # the model and the raw checks may find the same thing
            problems.append(problem)
    return problems


def _full_where(item: Loaded, fallback: str, path: tuple) -> str:
    where, last = breadcrumbs(item.kind or "file", fallback, item.data, path)
    return f"{where} › {last}" if last else where


def _place(item: Loaded, issue: Issue, fallback: str) -> Problem:
    doc = item.doc or Document()
    path = resolve(item.data, issue.path)
    where, field = breadcrumbs(item.kind or "file", fallback, item.data, path)
    spot = doc.spot(resolve(item.data, issue.spot if issue.spot is not None else issue.path),
                    key=issue.key)
    message = f"{field}: {issue.message}" if field else issue.message
    return Problem(item.label, spot.line, spot.col, where, message, issue.severity)
