"""`classroom validate`, `classroom schema` and `classroom new`, as an author runs them."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from classroom.cli.content import schema_text
from classroom.content.library import bundled_paths
from classroom.content.loader import load_paths
from classroom.content.schema import schema_files

ROOT = Path(__file__).resolve().parents[2]


def test_validate_prints_a_summary_and_exits_0_on_valid_content(cli):
    result = cli("validate", "--strict", "valid")
    assert result.stdout == "0 errors, 0 warnings in 3 files\n"
    assert result.exit_code == 0


def test_validate_counts_errors_and_warnings_over_several_files(cli):
    result = cli("validate", "--no-bundled", "valid", "broken/lesson-min-group.yaml",
                 "broken/lesson-missing-translation.yaml")
    assert result.stdout.splitlines()[-1] == "2 errors, 1 warning in 5 files"
    assert result.exit_code == 1


def test_validate_json_lists_every_problem_for_ci(cli):
    result = cli("validate", "--no-bundled", "--format", "json", "valid",
                 "broken/lesson-missing-translation.yaml")
    report = json.loads(result.stdout)
    assert (report["files"], report["errors"], report["warnings"]) == (4, 0, 1)
    assert report["problems"] == [{
        "path": "broken/lesson-missing-translation.yaml", "line": 8, "col": 12,
        "where": "lesson 'translate' › step 1", "severity": "warning",
        "message": "slide: missing the 'en' translation (lesson 'translate' is in nl, en)",
        "text": "broken/lesson-missing-translation.yaml:8:12: warning: lesson 'translate' › "
                "step 1 › slide: missing the 'en' translation (lesson 'translate' is in nl, en)"}]
    assert result.exit_code == 0


@pytest.mark.parametrize(("args", "says"), [
    (["validate", "no/such/folder"], "Path 'no/such/folder' does not exist"),
    (["validate", "--format", "xml", "valid"], "'xml' is not one of 'text', 'json'"),
    (["schema", "--for", "slide"], "'slide' is not one of"),
    (["new", "quiz", "Bad Name"], "expected lowercase letters, digits and dashes"),
    (["new", "poll", "x"], "'poll' is not one of 'quiz', 'lesson'"),
])
def test_bad_usage_exits_2_and_says_why(cli, args, says):
    result = cli(*args)
    assert result.exit_code == 2
    assert says in result.stderr


def test_schema_covers_lessons_quizzes_and_help_sets(cli):
    document = json.loads(cli("schema").stdout)
    assert document["anyOf"] == [{"$ref": "#/$defs/Lesson"}, {"$ref": "#/$defs/Quiz"},
                                 {"$ref": "#/$defs/HelpSet"}]
    quiz = json.loads(cli("schema", "--for", "quiz").stdout)
    assert quiz["title"] == "classroom quiz" and quiz["required"] == ["id", "title", "questions"]
    kinds = quiz["properties"]["questions"]["items"]["discriminator"]["mapping"]
    assert sorted(kinds) == sorted(["choice", "multi", "scale", "flag", "text", "rank", "check"])


def test_schema_accepts_an_option_written_as_plain_text(cli):
    quiz = json.loads(cli("schema", "--for", "quiz").stdout)
    items = quiz["$defs"]["ChoiceQuestion"]["properties"]["options"]["items"]["anyOf"]
    assert {"minLength": 1, "type": "string"} in items
    language_map = next(i for i in items if "patternProperties" in i)
    assert language_map["additionalProperties"] is False


@pytest.mark.parametrize("name", sorted(schema_files()))
def test_schema_files_in_docs_are_up_to_date(name):
    """Regenerate with `classroom schema --write docs/schema` when this fails."""
    written = (ROOT / "docs" / "schema" / name).read_text(encoding="utf-8")
    assert written == schema_text(schema_files()[name])


def test_schema_write_writes_the_four_files(cli, tmp_path):
    result = cli("schema", "--write", str(tmp_path))
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(schema_files())
    assert result.stdout.count("wrote ") == 4


@pytest.mark.parametrize("kind", ["quiz", "lesson"])
def test_new_writes_a_starter_that_validates_strictly(cli, tmp_path, kind):
    result = cli("new", kind, "my-first", "--dir", str(tmp_path), "--help-set", "test-help")
    target = tmp_path / "my-first.yaml"
    assert result.stdout == f"wrote {target}; check it with: classroom validate {target}\n"
    text = target.read_text(encoding="utf-8")
    assert text.startswith("# yaml-language-server: $schema=")
    assert f"/docs/schema/{kind}.json\n" in text.splitlines(keepends=True)[0]
    library = load_paths([target], context=[Path("valid")])
    assert library.problems == []
    assert "my-first" in (library.quizzes if kind == "quiz" else library.lessons)


def test_new_does_not_overwrite(cli, tmp_path):
    (tmp_path / "taken.yaml").write_text("id: taken\n")
    result = cli("new", "quiz", "taken", "--dir", str(tmp_path))
    assert result.exit_code == 1
    assert "already exists: pick another NAME" in result.stderr
    assert (tmp_path / "taken.yaml").read_text() == "id: taken\n"


def test_bundled_content_passes_strict_validation(cli):
    """What CI runs: `classroom validate --strict` on the bundled lessons and quizzes."""
    assert bundled_paths(), "no bundled lessons/ and quizzes/ found"
    result = cli("validate", "--strict")
    assert result.stdout.splitlines()[-1].startswith("0 errors, 0 warnings in "), result.stdout
    assert result.exit_code == 0
