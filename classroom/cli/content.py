"""`classroom validate`, `classroom schema` and `classroom new`: the commands authors use."""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

import click

from ..content.library import Library, bundled_paths
from ..content.loader import load_paths
from ..content.schema import SCHEMAS, json_schema, schema_files
from ..content.starters import starter
from ..content.text import ID_PATTERN

DOCS_SCHEMA = Path(__file__).resolve().parent.parent.parent / "docs" / "schema"


def _plural(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 's'}"


def summary(library: Library) -> str:
    """Return the closing line: how many errors and warnings in how many files."""
    errors = len(library.errors)
    warnings = len(library.problems) - errors
    files = _plural(len(library.scanned), "file")
    return f"{_plural(errors, 'error')}, {_plural(warnings, 'warning')} in {files}"


@click.command()
@click.argument("paths", nargs=-1, type=click.Path(exists=True, path_type=Path))
@click.option("--strict", is_flag=True, help="Fail on warnings too (missing translations).")
@click.option("--no-bundled", is_flag=True, help="Resolve references only within PATHS.")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text",
              show_default=True, help="json: machine-readable problems, for CI.")
def validate(paths: tuple[Path, ...], strict: bool, no_bundled: bool, fmt: str) -> None:
    """Check lessons, quizzes and help sets (default: the bundled ones) and list every problem.

    Exits 0 when there are no errors, 1 when there are (or warnings, with --strict), 2 on bad
    usage. References to quizzes and help sets outside PATHS are looked up in the bundled ones.
    """
    targets = list(paths) or bundled_paths()
    if not targets:
        raise click.UsageError("no PATH given, and no bundled lessons/ and quizzes/ were found")
    given = {p.resolve() for p in targets}
    context = None if no_bundled or not paths else [
        p for p in bundled_paths() if p.resolve() not in given]
    library = load_paths(targets, context=context)
    if fmt == "json":
        click.echo(json.dumps(_as_json(library), indent=2, ensure_ascii=False))
    else:
        for problem in library.problems:
            click.echo(str(problem))
        click.echo(summary(library))
    failed = library.errors or (strict and library.problems)
    raise SystemExit(1 if failed else 0)


def _as_json(library: Library) -> dict:
    problems = [{"path": p.path, "line": p.line, "col": p.col, "where": p.where,
                 "message": p.message, "severity": p.severity, "text": str(p)}
                for p in library.problems]
    errors = len(library.errors)
    return {"files": len(library.scanned), "errors": errors,
            "warnings": len(problems) - errors, "problems": problems}


@click.command()
@click.option("--for", "kind", type=click.Choice([*SCHEMAS, "content"]), default="content",
              show_default=True, help="content: one schema that accepts any of the three.")
@click.option("--write", "folder", type=click.Path(file_okay=False, path_type=Path),
              help="Write lesson.json, quiz.json, help.json and content.json into this folder.")
def schema(kind: str, folder: Path | None) -> None:
    """Print the JSON Schema that editors use to complete and check content files."""
    if folder is None:
        click.echo(json.dumps(json_schema(kind), indent=2, ensure_ascii=False))
        return
    folder.mkdir(parents=True, exist_ok=True)
    for name, document in schema_files().items():
        (folder / name).write_text(schema_text(document), encoding="utf-8")
        click.echo(f"wrote {folder / name}")


def schema_text(document: dict) -> str:
    """Return a schema as the text kept in docs/schema/."""
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"


@click.command()
@click.argument("kind", type=click.Choice(["quiz", "lesson"]))
@click.argument("name")
@click.option("--dir", "folder", type=click.Path(file_okay=False, path_type=Path),
              help="Where to write NAME.yaml (default: ./quizzes or ./lessons if there, else .).")
@click.option("--help-set", default=None, help="The help set a new lesson shows (default: the "
              "first bundled one).")
def new(kind: str, name: str, folder: Path | None, help_set: str | None) -> None:
    """Write a commented starter quiz or lesson called NAME that validates as it is."""
    if not re.fullmatch(ID_PATTERN, name):
        raise click.BadParameter(f"expected lowercase letters, digits and dashes, got {name!r}",
                                 param_hint="NAME")
    default = Path("quizzes" if kind == "quiz" else "lessons")
    folder = folder or (default if default.is_dir() else Path("."))
    target = folder / f"{name}.yaml"
    if target.exists():
        raise click.ClickException(f"{target} already exists: pick another NAME")
    folder.mkdir(parents=True, exist_ok=True)
    text = starter(kind, name, str(target), help_set or _first_help_set(), _schema_prefix(folder))
    target.write_text(text, encoding="utf-8")
    click.echo(f"wrote {target}; check it with: classroom validate {target}")


def _first_help_set() -> str:
    help_sets = sorted(load_paths(bundled_paths()).help_sets) if bundled_paths() else []
    return help_sets[0] if help_sets else "be-nl"


def _schema_prefix(folder: Path) -> str:
    if not DOCS_SCHEMA.is_dir():
        return "https://example.invalid/run-classroom-schema-write/"
    return os.path.relpath(DOCS_SCHEMA, folder.resolve()).replace(os.sep, "/") + "/"
