"""Read YAML files into models. (Placeholder: the full validator replaces this.)"""

from __future__ import annotations

from pathlib import Path

import yaml
from pydantic import ValidationError

from .lessons import HelpSet, Lesson, Quiz
from .library import Library, Problem


def _files(paths: list[Path]) -> list[Path]:
    found: list[Path] = []
    for path in paths:
        found.extend(sorted(path.rglob("*.yaml")) if path.is_dir() else [path])
    return found


def _model_for(path: Path):
    if path.parent.name == "help":
        return HelpSet, "help_sets"
    if "quizzes" in path.parts:
        return Quiz, "quizzes"
    return Lesson, "lessons"


def load_paths(paths: list[Path]) -> Library:
    """Load every YAML file under `paths` into a Library, collecting problems."""
    library = Library()
    for path in _files(paths):
        model, bucket = _model_for(path)
        try:
            item = model.model_validate(yaml.safe_load(path.read_text(encoding="utf-8")))
        except (yaml.YAMLError, ValidationError, UnicodeDecodeError) as error:
            library.problems.append(Problem(str(path), 1, 1, path.stem, str(error).splitlines()[0]))
            continue
        getattr(library, bucket)[item.id] = item
        if bucket == "lessons":
            library.files[item.id] = str(path)
    return library
