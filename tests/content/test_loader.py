"""Loading a folder: what a live room gets, and how problems in one file stay in that file."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from classroom.content.lessons import AskStep, QuestionStep
from classroom.content.library import load_library
from classroom.content.loader import load_paths
from classroom.content.questions import CheckQuestion, ChoiceQuestion, Option

VALID = Path(__file__).parent / "valid"


@pytest.fixture
def content(tmp_path: Path) -> Path:
    """Return a copy of the valid fixture set that a test may break."""
    shutil.copytree(VALID, tmp_path / "content")
    return tmp_path / "content"


def test_valid_fixture_loads_without_problems():
    library = load_library([VALID])
    assert library.problems == []
    assert list(library.lessons) == ["demo-lesson"]
    assert list(library.quizzes) == ["demo-quiz"]
    assert list(library.help_sets) == ["test-help"]
    assert library.files["demo-lesson"].endswith("valid/lessons/demo-lesson.yaml")
    assert len(library.scanned) == 3


def test_plan_resolves_asked_and_inline_questions_with_their_notes():
    library = load_library([VALID])
    plan = library.plan(library.lessons["demo-lesson"])
    assert [step.kind for step in plan] == ["notice", "notice", "slide", "question", "question",
                                           "question", "discuss", "discuss", "notice"]
    asked, flagged, inline = plan[3], plan[4], plan[5]
    assert isinstance(asked.step, AskStep) and asked.key == "demo-quiz/forwarded-photo"
    assert isinstance(asked.question, ChoiceQuestion)
    assert asked.notes == ({"nl": "Wie stuurt door, is fout.",
                            "en": "Whoever sends it on is in the wrong."},)
    assert flagged.notes[-1] == {"nl": "Vraag door naar het criterium.",
                                 "en": "Ask which criterion tipped it."}
    assert isinstance(inline.step, QuestionStep) and inline.key == "demo-lesson/inline-one"
    assert plan[7].notes == ({"nl": "Verwijs naar de hulp.", "en": "Point to the help."},)


def test_option_shorthands_mean_the_same_as_the_long_form():
    quiz = load_library([VALID]).quizzes["demo-quiz"]
    check = next(q for q in quiz.questions if isinstance(q, CheckQuestion))
    assert check.options == (
        [Option(text={"nl": "Ja", "en": "Yes"}, correct=True),
         Option(text={"nl": "Nee", "en": "No"})])


def test_a_broken_file_does_not_stop_the_others(content: Path):
    (content / "quizzes" / "zz-broken.yaml").write_text("id: broken\ntitle: [\n")
    library = load_library([content])
    assert "demo-lesson" in library.lessons and "demo-quiz" in library.quizzes
    assert [p.path.endswith("zz-broken.yaml") for p in library.problems] == [True]


def test_a_lesson_names_the_quiz_that_did_not_load(content: Path):
    quiz = content / "quizzes" / "demo-quiz.yaml"
    quiz.write_text(quiz.read_text().replace("kind: flag\n", "kind: flags\n"))
    library = load_library([content])
    messages = [p.message for p in library.errors]
    assert "ask: quiz 'demo-quiz' did not load (" in messages[0]
    assert messages[0].endswith("demo-quiz.yaml has errors): fix those first")
    assert "demo-lesson" not in library.lessons


def test_the_second_file_with_an_id_already_used_is_an_error(content: Path):
    shutil.copy(content / "quizzes" / "demo-quiz.yaml", content / "quizzes" / "zz-copy.yaml")
    library = load_library([content])
    [problem] = library.problems
    assert problem.path.endswith("zz-copy.yaml") and (problem.line, problem.col) == (2, 5)
    assert problem.message.startswith("id: expected an id no other quiz uses, got 'demo-quiz', "
                                      "which ")


def test_missing_translation_of_an_asked_question_is_a_warning_in_the_quiz(content: Path):
    quiz = content / "quizzes" / "demo-quiz.yaml"
    quiz.write_text(quiz.read_text().replace(
        '      en: "Sam is sent a nude picture of a classmate. What should Sam do?"\n', ""))
    library = load_library([content])
    [warning] = library.problems
    assert warning.severity == "warning" and library.errors == []
    assert str(warning).endswith(
        "demo-quiz.yaml:12:7: warning: quiz 'demo-quiz' › question 'forwarded-photo' › "
        "text: missing the 'en' translation (lesson 'demo-lesson' is in nl, en)")


def test_context_resolves_references_without_reporting_its_problems(tmp_path: Path):
    lesson = tmp_path / "lessons" / "demo-lesson.yaml"
    lesson.parent.mkdir()
    shutil.copy(VALID / "lessons" / "demo-lesson.yaml", lesson)
    alone = load_paths([lesson])
    assert [p.message for p in alone.errors] == [
        "help: no help set has the id 'test-help'",
        "ask: no quiz has the id 'demo-quiz'", "ask: no quiz has the id 'demo-quiz'"]
    assert load_paths([lesson], context=[VALID]).problems == []


def test_a_file_that_cannot_be_read_is_a_problem(tmp_path: Path):
    (tmp_path / "gone.yaml").symlink_to(tmp_path / "nowhere.yaml")  # listed, but unreadable
    library = load_paths([tmp_path])
    messages = [p.message for p in library.problems]
    assert messages == ["cannot read the file: No such file or directory"]


@pytest.mark.parametrize(("written", "on"), [("", True), ("questions: on\n", True),
                                             ("questions: off\n", False),
                                             ("questions: 'off'\n", False),
                                             ("questions: false\n", False)])
def test_the_question_box_is_on_unless_the_lesson_turns_it_off(content: Path, written, on):
    path = content / "lessons" / "demo-lesson.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("help: ", written + "help: ", 1), encoding="utf-8")
    library = load_library([content])
    assert library.problems == []
    assert library.lessons["demo-lesson"].questions is on


def test_a_question_box_step_plans_its_prompt_and_notes(content: Path):
    path = content / "lessons" / "demo-lesson.yaml"
    path.write_text(path.read_text(encoding="utf-8") + (
        "  - question-box: {nl: 'Nog vragen?', en: 'Any questions?'}\n"
        "  - question-box:\n      prompt: {nl: Vraag maar, en: Ask away}\n"
        "      notes: {nl: Lees eerst, en: Read first}\n"), encoding="utf-8")
    library = load_library([content])
    assert library.problems == []
    plan = library.plan(library.lessons["demo-lesson"])
    assert [step.kind for step in plan[-2:]] == ["question-box", "question-box"]
    assert plan[-2].step.question_box.prompt == {"nl": "Nog vragen?", "en": "Any questions?"}
    assert plan[-2].notes == () and plan[-1].notes == ({"nl": "Lees eerst", "en": "Read first"},)
