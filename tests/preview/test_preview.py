"""`classroom preview` without a browser: the pages it serves, where problems go, who may look.

The browser test (tests/browser/test_preview.py) follows an author through a broken line and
its fix; these tests cover what is behind it, on the content tests' small lesson and quiz.
"""

from __future__ import annotations

import os
import re
import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from classroom.cli import main
from classroom.preview import create_preview_app
from classroom.preview.outline import items

VALID = Path(__file__).resolve().parents[1] / "content" / "valid"
ROOT = Path(__file__).resolve().parents[2]
LESSON, QUIZ, HELP = "lessons/demo-lesson.yaml", "quizzes/demo-quiz.yaml", \
    "lessons/help/test-help.yaml"
LOCAL = {"REMOTE_ADDR": "127.0.0.1"}


@pytest.fixture
def folder(tmp_path, monkeypatch):
    """Return a copy of the small valid lesson, quiz and help set; work from it."""
    shutil.copytree(VALID, tmp_path / "content")
    monkeypatch.chdir(tmp_path / "content")
    return tmp_path / "content"


@pytest.fixture
def client(folder):
    app = create_preview_app([Path("lessons"), Path("quizzes")])
    return app.test_client()


def get(client, url: str, **environ):
    host = environ.pop("HTTP_HOST", "127.0.0.1:5050")
    headers = {"Host": host, "Accept-Language": "en"}  # pages without a lesson speak English
    return client.get(url, environ_base={**LOCAL, **environ}, headers=headers)


def save(path: Path, text: str) -> None:
    path.write_text(text, encoding="utf-8")
    later = time.time() + 2
    os.utime(path, (later, later))


def validate(*paths: str) -> list[str]:
    """Return the problem lines `classroom validate` prints (the summary left out)."""
    return CliRunner().invoke(main, ["validate", *paths]).stdout.splitlines()[:-1]


def steps_of(page: str) -> list[str]:
    return re.findall(r'<li class="preview-step[^"]*" id="(step-\d+)"', page)


def problems_at(page: str, step: int) -> list[str]:
    """Return the problem texts shown at one step."""
    found = re.search(rf'id="step-{step}".*?</li>\s*(?=<li class="preview-step|</ol>)', page,
                      re.S)
    return [re.sub("&#39;", "'", m) for m in re.findall(r'class="problem \w+"><code>(.*?)</code>',
                                                       found.group(0))]


def test_the_outline_finds_each_step_as_written_even_when_the_yaml_is_broken(folder):
    text = (folder / LESSON).read_text()
    found = items(text, "steps")
    assert len(found) == 9 and (found[0].first, found[0].last) == (11, 11)
    assert (found[5].first, found[5].last) == (18, 24)  # an inline question, seven lines
    assert [i.ident for i in items((folder / QUIZ).read_text(), "questions")][:3] == [
        "forwarded-photo", "why-share", "how-okay"]
    broken = text.replace("  - slide:", "  - slide: [oops")
    assert len(items(broken, "steps")) == 9
    assert items("id: x\nsteps: [a, b]\n", "steps") == []
    assert [(i.first, i.last) for i in items("steps:\n- a\n# note\n-  b\nsources: []\n",
                                             "steps")] == [(2, 2), (4, 4)]


def test_every_step_of_a_lesson_with_its_notes_and_frames(client):
    page = get(client, "/").text
    assert steps_of(page) == [f"step-{n}" for n in range(1, 10)]
    assert "<h1>Demoles</h1>" in page
    assert 'lang="en"' in page and 'aria-current="true">Nederlands' in page
    assert "Overloop de afspraken." in page and "Vraag door naar het criterium." in page
    questions = 3  # two asked from the quiz, one written in the lesson
    assert page.count('class="sample-label"') == questions
    assert page.count("/frame/screen?") == 9 + questions and page.count("/frame/phone?") == 12
    english = get(client, "/?file=lessons/demo-lesson.yaml&lang=en").text
    assert "<h1>Demo lesson</h1>" in english and "Go over the agreements." in english


def test_a_quiz_shows_each_question_and_a_help_set_its_help_screen(client):
    quiz = get(client, f"/?file={QUIZ}").text
    assert "<h1>Demoquiz</h1>" in quiz and len(steps_of(quiz)) == 8
    assert "Wie stuurt door, is fout." in quiz  # the question's own notes
    shown = get(client, f"/?file={HELP}&lang=nl")
    assert shown.status_code == 200 and steps_of(shown.text) == ["step-1"]
    frame = get(client, f"/frame/screen?file={HELP}&lang=nl&step=0&phase=show").text
    assert "Awel" in frame and '"resources"' in frame


def test_a_broken_question_shows_at_the_steps_that_ask_it_as_validate_says(client, folder):
    quiz = folder / QUIZ
    save(quiz, quiz.read_text().replace(
        "      - {nl: Verwijderen, en: Delete it}\n      - {nl: De klasgenoot verwittigen en "
        "hulp zoeken, en: Tell the classmate and get help}\n", ""))
    said = validate("lessons", "quizzes")
    broken = ("quizzes/demo-quiz.yaml:15:7: quiz 'demo-quiz' › question 'forwarded-photo' › "
              "options: expected at least 2 options, got 1")
    asks = ("lessons/demo-lesson.yaml:{line}:10: lesson 'demo-lesson' › step {step} › ask: quiz "
            "'demo-quiz' did not load (quizzes/demo-quiz.yaml has errors): fix those first")
    assert said == [asks.format(line=15, step=4), asks.format(line=16, step=5), broken]
    page = get(client, "/?lang=en").text
    assert problems_at(page, 4) == [said[0], broken]  # step 4 asks that question
    assert page.count("cannot be shown until the error above is fixed") == 1
    assert problems_at(page, 5) == [said[1]]  # the live tool would not load it either, but
    assert "step=4&amp;phase=vote" in page  # its question is fine: it still shows
    on_the_quiz = get(client, f"/?file={QUIZ}&lang=en").text
    assert problems_at(on_the_quiz, 1) == [broken]
    # The lines around it, the one it is on marked, a caret under its column.
    assert ('<span class="line"><span class="line-number">14</span>    options:</span>'
            '<span class="line here"><span class="line-number">15</span>      - {nl: Verder '
            'sturen, en: Send it on}</span><span class="line caret"><span class="line-number">'
            '</span>      ^</span>') in on_the_quiz
    assert "1 error" in on_the_quiz and "2 errors" in on_the_quiz  # errors per file


def test_a_problem_in_the_lessons_head_keeps_the_last_version_that_loaded(client, folder):
    assert len(steps_of(get(client, "/").text)) == 9
    lesson = folder / LESSON
    save(lesson, lesson.read_text().replace("minutes: 50", "minutes: 500"))
    page = get(client, "/?lang=en").text
    (problem,) = validate("lessons", "quizzes")
    assert problem.startswith("lessons/demo-lesson.yaml:6:10: lesson 'demo-lesson' › minutes:")
    assert problem.replace("'", "&#39;") in page
    assert "This file does not load now." in page and len(steps_of(page)) == 9


def test_a_file_that_never_loaded_shows_its_problems_and_no_steps(folder):
    save(folder / LESSON, "id: demo-lesson\nsteps: [\n")
    page = get(create_preview_app([Path("lessons")]).test_client(), "/").text
    assert steps_of(page) == []
    assert "lessons/demo-lesson.yaml:3:1: syntax error" in page
    assert "Fix the problems above to see the steps." in page


@pytest.mark.parametrize(("environ", "allowed"), [
    ({}, True),
    ({"HTTP_HOST": "localhost:5050"}, True),
    ({"HTTP_HOST": "[::1]:5050", "REMOTE_ADDR": "::1"}, True),
    ({"REMOTE_ADDR": "192.168.1.23"}, False),  # another computer
    ({"HTTP_HOST": "preview.example.com:5050"}, False),  # a name pointed at 127.0.0.1
    ({"HTTP_HOST": "192.168.1.20:5050"}, False),
])
def test_the_preview_opens_on_this_computer_only(client, environ, allowed):
    for url in ("/", "/version", f"/frame/phone?file={LESSON}&step=0&phase=show", "/frame/qr.svg"):
        answer = get(client, url, **environ)
        assert (answer.status_code == 200) is allowed, (url, answer.status_code)
        if not allowed:
            assert "only opens on the computer it runs on" in answer.text


def test_frames_are_the_real_pages_given_a_state(client):
    frame = get(client, f"/frame/screen?file={LESSON}&lang=en&step=3&phase=reveal")
    assert frame.status_code == 200
    assert frame.headers["X-Frame-Options"] == "SAMEORIGIN"
    assert "frame-ancestors 'self'" in frame.headers["Content-Security-Policy"]
    page = frame.text
    assert page.index("js/preview-frame.js") < page.index("js/screen.js")
    assert 'id="preview-state"' in page and '"revealed": true' in page
    phone = get(client, f"/frame/phone?file={LESSON}&lang=en&step=3&phase=vote").text
    assert "js/student.js" in phone and '"open": true' in phone
    assert get(client, f"/frame/phone?file={LESSON}&step=99&phase=vote").status_code == 404
    page = get(client, "/")
    assert page.headers["Cache-Control"] == "no-store"


def test_the_version_changes_when_a_file_is_saved(client, folder):
    first = get(client, "/version").json["version"]
    assert get(client, "/version").json["version"] == first
    save(folder / LESSON, (folder / LESSON).read_text() + "\n")
    assert get(client, "/version").json["version"] != first


def test_a_file_that_is_not_in_the_preview_is_a_plain_404(client):
    answer = get(client, "/?file=../../etc/passwd")
    assert answer.status_code == 404 and "is not one of the files in this preview" in answer.text


def test_the_command_listens_on_127_0_0_1_only(folder):
    from classroom.cli.lan import lan_address

    with socket.socket() as taken:  # the port asked for is taken: the next one is used
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        process = subprocess.Popen(
            [sys.executable, "-m", "classroom.cli", "preview", "lessons", "--no-browser",
             "--port", str(port)],
            cwd=folder, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
            env={**os.environ, "PYTHONPATH": str(ROOT)})
        try:
            line = process.stdout.readline()
            used = int(re.match(r"Preview: http://127\.0\.0\.1:(\d+)/", line).group(1))
            assert used != port
            socket.create_connection(("127.0.0.1", used), timeout=5).close()
            address = lan_address()
            if address:  # the Wi-Fi's address of this computer: nothing listens there
                with pytest.raises(OSError):
                    socket.create_connection((address, used), timeout=2).close()
        finally:
            process.terminate()
            process.communicate(timeout=10)
