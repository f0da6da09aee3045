"""Every broken file gives its exact messages, at its line and column, and the exit code."""

from __future__ import annotations

from pathlib import Path

import pytest

BROKEN = Path(__file__).parent / "broken"

# file in tests/content/broken, extra options, the problem lines printed, the exit code
CASES = [
    ("syntax-colon.yaml", [], [
        "broken/syntax-colon.yaml:6:19: syntax error: found a ':' that starts nothing: put a "
        "text that holds ': ' in quotes, or check the indentation"], 1),
    ("syntax-tab.yaml", [], [
        "broken/syntax-tab.yaml:4:1: syntax error: found a tab: indent with spaces only"], 1),
    ("syntax-indent.yaml", [], [
        "broken/syntax-indent.yaml:6:4: syntax error: the indentation does not line up with the "
        "lines above"], 1),
    ("syntax-flow-question-mark.yaml", [], [
        "broken/syntax-flow-question-mark.yaml:2:19: syntax error: a text inside { } holds a "
        "character YAML reads as punctuation (such as ?, :, # or a comma): put that text in "
        "quotes"], 1),
    ("second-document.yaml", [], [
        "broken/second-document.yaml:5:1: syntax error: found a second document (a line '---'): "
        "keep one lesson, quiz or help set per file"], 1),
    ("not-utf8.yaml", [], [
        "broken/not-utf8.yaml:2:11: expected UTF-8 text, found the byte 0xe9, which is not "
        "UTF-8: save the file as UTF-8"], 1),
    ("empty-file.yaml", [], [
        "broken/empty-file.yaml:1:1: the file is empty: expected a lesson, a quiz or a help set"],
     1),
    ("top-level-list.yaml", [], [
        "broken/top-level-list.yaml:1:1: expected a lesson, a quiz or a help set (lines of "
        "'key: value'), got a list"], 1),
    ("no-kind-of-file.yaml", [], [
        "broken/no-kind-of-file.yaml:1:1: expected a lesson (with steps), a quiz (with "
        "questions) or a help set (with resources), found none of these keys"], 1),
    ("duplicate-key.yaml", [], [
        "broken/duplicate-key.yaml:3:1: quiz 'dup' › duplicate key 'title': it is already set "
        "on line 2; keep one"], 1),
    ("unknown-key.yaml", [], [
        "broken/unknown-key.yaml:2:1: quiz 'unknown' › unknown key 'titel' (did you mean "
        "'title'?)"], 1),
    ("unknown-key-no-match.yaml", [], [
        "broken/unknown-key-no-match.yaml:7:5: quiz 'unknown' › question 'a' › unknown key "
        "'colour': expected one of id, text, notes, sources, timer, kind, max_length"], 1),
    ("wrong-kind.yaml", [], [
        "broken/wrong-kind.yaml:5:11: quiz 'kinds' › question 'a' › kind: expected one of "
        "choice, multi, scale, flag, text, rank, check, got 'flags' (did you mean 'flag'?)"], 1),
    ("missing-kind.yaml", [], [
        "broken/missing-kind.yaml:4:5: quiz 'kinds' › question 'a' › missing key 'kind': "
        "expected one of choice, multi, scale, flag, text, rank, check"], 1),
    ("too-few-options.yaml", [], [
        "broken/too-few-options.yaml:8:7: quiz 'few' › question 'a' › options: expected at "
        "least 2 options, got 1"], 1),
    ("check-none-correct.yaml", [], [
        "broken/check-none-correct.yaml:9:7: quiz 'check' › question 'a' › options: expected "
        "exactly 1 option with `correct: true`, got 0"], 1),
    ("check-two-correct.yaml", [], [
        "broken/check-two-correct.yaml:9:7: quiz 'check' › question 'a' › options: expected "
        "exactly 1 option with `correct: true`, got 2"], 1),
    ("correct-on-choice.yaml", [], [
        "broken/correct-on-choice.yaml:8:22: quiz 'choice' › question 'a' › option 1 › correct: "
        "only a 'check' question marks a correct option, and this is a 'choice' question: "
        "remove 'correct', or use kind: check"], 1),
    ("scale-points.yaml", [], [
        "broken/scale-points.yaml:7:13: quiz 'scale' › question 'a' › points: expected a whole "
        "number from 3 to 7, got 9"], 1),
    ("scale-no-labels.yaml", [], [
        "broken/scale-no-labels.yaml:4:5: quiz 'scale' › question 'a' › expected `low` and "
        "`high` labels, or a `preset` (agree, often, okay), got neither"], 1),
    ("scale-preset-typo.yaml", [], [
        "broken/scale-preset-typo.yaml:6:13: quiz 'scale' › question 'a' › preset: expected one "
        "of agree, often, okay, got 'agrees' (did you mean 'agree'?)"], 1),
    ("multi-max.yaml", [], [
        "broken/multi-max.yaml:6:10: quiz 'multi' › question 'a' › max: expected at most 3 (the "
        "number of options), got 4"], 1),
    ("text-too-long.yaml", [], [
        "broken/text-too-long.yaml:6:17: quiz 'long' › question 'a' › max_length: expected a "
        "whole number from 10 to 280, got 500"], 1),
    ("duplicate-question-id.yaml", [], [
        "broken/duplicate-question-id.yaml:5:10: quiz 'dups' › question 'same' › id: expected "
        "an id no other question here uses, got 'same', which question 1 already has"], 1),
    ("yes-unquoted.yaml", [], [
        "broken/yes-unquoted.yaml:8:9: quiz 'yesno' › question 'a' › option 1 › expected an "
        "option: a text, or a mapping with text and correct, got yes (read as true without "
        "quotes: write it as 'yes')",
        "broken/yes-unquoted.yaml:9:9: quiz 'yesno' › question 'a' › option 2 › expected an "
        "option: a text, or a mapping with text and correct, got no (read as false without "
        "quotes: write it as 'no')"], 1),
    ("no-language-key.yaml", [], [
        "broken/no-language-key.yaml:4:3: quiz 'norsk' › title › expected a key, got no (read "
        "as false without quotes: write it as 'no')"], 1),
    ("empty-text.yaml", [], [
        "broken/empty-text.yaml:6:11: quiz 'empty' › question 'a' › text: expected a text, got "
        "an empty text"], 1),
    ("null-text.yaml", [], [
        "broken/null-text.yaml:2:7: quiz 'empty' › title: expected a text, or one text per "
        "language (nl: ..., en: ...), got nothing"], 1),
    ("bad-language-key.yaml", [], [
        "broken/bad-language-key.yaml:2:20: quiz 'langs' › title: expected a two-letter "
        "language code such as 'nl', got 'EN'"], 1),
    ("comma-in-flow.yaml", [], [
        "broken/comma-in-flow.yaml:2:17: quiz 'comma' › title: expected a two-letter language "
        "code such as 'nl', got 'zeker' (inside { }, a comma ends a text: put the text in "
        "quotes)",
        "broken/comma-in-flow.yaml:2:28: quiz 'comma' › title › en: expected a text, got Yes "
        "(read as true without quotes: write it as 'Yes')"], 1),
    ("number-text.yaml", [], [
        "broken/number-text.yaml:7:15: quiz 'numbers' › question 'a' › option 1 › expected an "
        "option: a text, or a mapping with text and correct, got 14 (a number: write it as "
        "'14' to use it as text)",
        "broken/number-text.yaml:7:19: quiz 'numbers' › question 'a' › option 2 › expected an "
        "option: a text, or a mapping with text and correct, got 16 (a number: write it as "
        "'16' to use it as text)"], 1),
    ("bad-date.yaml", [], [
        "broken/bad-date.yaml:5:14: quiz 'dated' › source 1 › checked: expected a date such as "
        "2024-05-01, got '2024-13-01'"], 1),
    ("bad-url.yaml", [], [
        "broken/bad-url.yaml:4:10: quiz 'dated' › source 1 › url: expected a web address "
        "starting with http:// or https://, got 'www.sensoa.be'"], 1),
    ("help-set-bad.yaml", [], [
        "broken/help-set-bad.yaml:2:10: help set 'help-bad' › country: expected a country code "
        "in capitals such as 'BE', or 'INT', got 'Belgium'",
        "broken/help-set-bad.yaml:7:12: help set 'help-bad' › resource 'Awel' › about: expected "
        "a text, got an empty text",
        "broken/help-set-bad.yaml:8:10: help set 'help-bad' › resource 'Awel' › url: expected a "
        "web address starting with http:// or https://, got 'awel.be'"], 1),
    ("lesson-minutes.yaml", [], [
        "broken/lesson-minutes.yaml:4:10: lesson 'minutes' › minutes: expected a whole number, "
        "got 'fifty'"], 1),
    ("lesson-min-group.yaml", [], [
        "broken/lesson-min-group.yaml:6:12: lesson 'small' › min_group: expected a whole number "
        "of at least 3, got 2",
        "broken/lesson-min-group.yaml:8:15: lesson 'small' › live_results: expected true or "
        "false, got 'maybe'"], 1),
    ("lesson-step-typo.yaml", [], [
        "broken/lesson-step-typo.yaml:8:5: lesson 'steps' › step 1 › expected a step that "
        "starts with one of notice, slide, ask, question, discuss, question-box, got 'slides' "
        "(did you mean 'slide'?)",
        "broken/lesson-step-typo.yaml:9:13: lesson 'steps' › step 2 › notice: expected one of "
        "content-note, ground-rules, help, got 'content' (did you mean 'content-note'?)"], 1),
    ("lesson-bad-ref.yaml", [], [
        "broken/lesson-bad-ref.yaml:8:10: lesson 'refs' › step 1 › ask: expected a reference "
        "'quiz-id/question-id', got 'Demo Quiz'"], 1),
    ("lesson-missing-quiz.yaml", [], [
        "broken/lesson-missing-quiz.yaml:8:10: lesson 'refs' › step 1 › ask: no quiz has the id "
        "'demo-quizz' (did you mean 'demo-quiz'?)"], 1),
    ("lesson-missing-question.yaml", [], [
        "broken/lesson-missing-question.yaml:8:10: lesson 'refs' › step 1 › ask: quiz "
        "'demo-quiz' has no question 'forwarded-foto' (did you mean 'forwarded-photo'?)"], 1),
    ("lesson-ask-help-set.yaml", [], [
        "broken/lesson-ask-help-set.yaml:8:10: lesson 'refs' › step 1 › ask: expected a quiz id "
        "before '/', got 'test-help', which is not a quiz"], 1),
    ("lesson-missing-help.yaml", [], [
        "broken/lesson-missing-help.yaml:6:7: lesson 'refs' › help: no help set has the id "
        "'test-hulp' (did you mean 'test-help'?)"], 1),
    ("lesson-missing-help-per-language.yaml", [], [
        "broken/lesson-missing-help-per-language.yaml:8:7: lesson 'refs' › help › fr: no help "
        "set has the id 'test-aide' (did you mean 'test-help'?)"], 1),
    ("lesson-question-box-off.yaml", [], [
        "broken/lesson-question-box-off.yaml:10:5: lesson 'quiet' › step 2 › question-box: this "
        "lesson turns the question box off (questions: off): remove this step, or turn "
        "questions on"], 1),
    ("lesson-question-box-bad.yaml", [], [
        "broken/lesson-question-box-bad.yaml:6:12: lesson 'box' › questions: expected true or "
        "false, got 'sometimes'",
        "broken/lesson-question-box-bad.yaml:9:42: lesson 'box' › step 1 › question-box: "
        "unknown key 'note' (did you mean 'notes'?)",
        "broken/lesson-question-box-bad.yaml:10:5: lesson 'box' › step 2 › expected a step that "
        "starts with one of notice, slide, ask, question, discuss, question-box, got "
        "'question-boxes' (did you mean 'question-box'?)"], 1),
    ("lesson-two-kinds-in-a-step.yaml", [], [
        "broken/lesson-two-kinds-in-a-step.yaml:9:5: lesson 'two' › step 1 › a step has one "
        "kind, and this one also has 'slide': make that a step of its own"], 1),
    ("lesson-duplicate-inline-id.yaml", [], [
        "broken/lesson-duplicate-inline-id.yaml:10:20: lesson 'inline' › step 3 › question "
        "'same' › id: expected an id no other question here uses, got 'same', which step 1 "
        "already has"], 1),
    ("options-not-a-list.yaml", [], [
        "broken/options-not-a-list.yaml:7:14: quiz 'options' › question 'a' › options: "
        "expected a list of options (lines starting with '- '), got 'Yes, no'"], 1),
    ("options-on-text.yaml", [], [
        "broken/options-on-text.yaml:7:5: quiz 'kinds' › question 'a' › unknown key 'options': "
        "a 'text' question has no 'options'; choice, multi, rank, check questions do"], 1),
    ("lesson-slide-markup.yaml", [], [
        "broken/lesson-slide-markup.yaml:8:12: warning: lesson 'markup' › step 1 › slide: raw "
        "HTML '<br>' is shown as plain text: use Markdown",
        "broken/lesson-slide-markup.yaml:10:11: warning: lesson 'markup' › step 2 › slide › nl: "
        "the image 'https://example.org/logo.png' is not shown: slides show no images",
        "broken/lesson-slide-markup.yaml:10:11: warning: lesson 'markup' › step 2 › slide › nl: "
        "the link 'mailto:a@example.org' is shown as plain text: only http:// and https:// "
        "links work",
        "broken/lesson-slide-markup.yaml:12:11: warning: lesson 'markup' › step 3 › text: raw "
        "HTML '<div>Extra</div>' is shown as plain text: use Markdown"], 0),
    ("lesson-missing-translation.yaml", [], [
        "broken/lesson-missing-translation.yaml:8:12: warning: lesson 'translate' › step 1 › "
        "slide: missing the 'en' translation (lesson 'translate' is in nl, en)"], 0),
    ("lesson-missing-translation.yaml", ["--strict"], [
        "broken/lesson-missing-translation.yaml:8:12: warning: lesson 'translate' › step 1 › "
        "slide: missing the 'en' translation (lesson 'translate' is in nl, en)"], 1),
]


def test_every_broken_file_is_in_the_table():
    """Keep the folder and the table in step: no broken file goes unchecked."""
    assert {name for name, *_ in CASES} == {p.name for p in BROKEN.glob("*.yaml")}


@pytest.mark.parametrize(("name", "options", "expected", "code"), CASES,
                         ids=[f"{c[0]}{' '.join(c[1])}" for c in CASES])
def test_broken_file(cli, name, options, expected, code):
    """`classroom validate` prints each problem exactly, then the summary, and exits `code`."""
    result = cli("validate", "--no-bundled", *options, "valid", f"broken/{name}")
    lines = result.stdout.splitlines()
    assert lines[:-1] == expected
    errors = sum(": warning: " not in line for line in expected)
    warnings = len(expected) - errors
    assert lines[-1] == (f"{errors} error{'s' * (errors != 1)}, "
                         f"{warnings} warning{'s' * (warnings != 1)} in 4 files")
    assert result.exit_code == code
