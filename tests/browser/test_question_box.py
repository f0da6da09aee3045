"""The question box in a real browser: a phone asks, the teacher approves and projects it, two
phones say "me too", and the report lists it.

Screenshots of the phone, the teacher's queue and the projector are kept in
test-artifacts/question-box/ (ignored by git), to look at side by side with earlier runs.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.browser.test_accessibility import AXE, RUN_AXE
from tests.browser.test_fit import LAYOUT

pytestmark = pytest.mark.browser

ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts" / "question-box"
ASKED = "Is het strafbaar om een naaktfoto door te sturen? Bel me: 0470 12 34 56"
MASKED = "Is het strafbaar om een naaktfoto door te sturen? Bel me: •••"
REWORDED = "Is het strafbaar om een naaktfoto door te sturen?"
BELOW_THE_HEADER = """() => document.querySelector('.pinned').getBoundingClientRect().bottom
  <= document.getElementById('questions-title').getBoundingClientRect().top"""


def shoot(page, name: str, selector: str | None = None) -> None:
    """Keep a screenshot of the page (or of one part of it) as a test artifact."""
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    target = page.locator(selector) if selector else page
    target.screenshot(path=str(ARTIFACTS / f"{name}.png"), animations="disabled")


def open_page(lesson, url: str, width: int, height: int):
    """Open a page that lets axe and the layout checks in (page errors still fail the test)."""
    context = lesson.chromium.new_context(
        viewport={"width": width, "height": height}, bypass_csp=True, locale="nl-BE"
    )
    lesson.contexts.append(context)
    page = lesson.watch(context.new_page())
    page.goto(url)
    return page


def axe(page) -> list[str]:
    """Return axe's serious, critical and moderate violations on the page as it is now."""
    page.wait_for_function("() => document.getAnimations().every(a => a.playState !== 'running')")
    if not page.evaluate("() => 'axe' in window"):
        page.add_script_tag(path=str(AXE))
    return page.evaluate(RUN_AXE)


def layout(page, check: str) -> list[str]:
    """Return what the fit walk's layout check finds on the page as it is now."""
    if not page.evaluate("() => 'Layout' in window"):
        page.add_script_tag(path=str(LAYOUT))
    return page.evaluate(f"() => Layout.{check}()")


def open_phone(lesson):
    """Open the student page on a small phone, held with a thumb."""
    page = open_page(lesson, f"{lesson.base}/j/{lesson.code}", 320, 568)
    page.wait_for_selector("#heading:not(:has-text('Verbinden'))")
    return page


def ask(phone, text: str) -> None:
    """Open the Ask panel with a thumb and send `text`."""
    phone.click("#ask-open")
    phone.wait_for_selector("#ask:not([hidden])")
    phone.fill("#ask-text-panel", text)
    phone.click("#ask-body .send")


def test_a_phone_asks_the_teacher_approves_and_projects_two_say_me_too(lesson):
    teacher = open_page(lesson, f"{lesson.base}/teach/{lesson.code}?key={lesson.key}", 1366, 768)
    teacher.wait_for_selector("#outline li")
    teacher.on("dialog", lambda dialog: dialog.accept())  # "End the lesson?"
    projector = lesson.projector(teacher)
    author, first, second = (open_phone(lesson) for _ in range(3))
    author.wait_for_selector("#ask-open:not([hidden])")

    ask(author, ASKED)
    author.wait_for_selector("#ask-body .asked-item.state-waiting")
    assert author.text_content("#ask-body .asked-item .asked-text") == MASKED
    assert "de leraar leest ze eerst" in author.text_content("#ask-body .asked-state")
    assert author.input_value("#ask-text-panel") == ""  # sent: the field is empty again
    assert axe(author) == []
    author.locator("#ask-body .asked-item").scroll_into_view_if_needed()
    shoot(author, "phone-asked")

    teacher.wait_for_selector("#questions-badge:has-text('1 vraag te lezen')")
    teacher.click("#questions-badge")  # always in view; it jumps to the queue, not under the header
    teacher.wait_for_function(BELOW_THE_HEADER)
    assert teacher.text_content("#question-queue .question-text") == MASKED
    first.click("#ask-open")
    assert "Nog geen vragen op de lijst." in first.text_content("#ask-body")
    assert "strafbaar" not in first.content()  # another phone never sees a waiting question
    first.click("#ask-close")

    teacher.click("#question-queue [data-focus$=':edit']")  # a phone number is no question
    teacher.fill("#question-queue textarea", REWORDED)
    teacher.click("#question-queue button[type=submit]")  # "Save and approve"
    teacher.wait_for_selector("#question-queue .question-item.state-approved")
    assert teacher.is_hidden("#questions-badge")
    assert author.text_content("#ask-body .asked-item .asked-text") == REWORDED  # everywhere

    for phone in (first, second):
        phone.click("#ask-open")
        phone.wait_for_selector("#ask-body .me-too")
        phone.click("#ask-body .me-too")
        phone.wait_for_selector("#ask-body :text('Je zei “ik ook”.')")
    assert author.locator("#ask-body .me-too").count() == 0  # not on its own question
    assert "Jouw vraag" in author.text_content("#ask-body .asked-own")
    # Two, fewer than the group of three: the count says so, never "2" (it moves by a group).
    assert "minder dan 3 willen dit ook weten" in teacher.text_content("#question-queue")
    assert "minder dan 3" in second.text_content("#ask-body .asked-meta")
    second.locator("#ask-body .asked-meta").scroll_into_view_if_needed()
    shoot(second, "phone-me-too")

    teacher.click("#question-queue [data-focus$=':show']")
    projector.wait_for_selector("#asked:not([hidden])")
    assert projector.text_content("#asked-question") == REWORDED
    assert projector.is_hidden("#stage") and projector.is_hidden("#join")
    assert layout(projector, "projector") == []
    shoot(projector, "projector-question")
    teacher.wait_for_selector("#question-queue .question-item.shown")
    teacher.evaluate("() => document.getElementById('questions').scrollIntoView()")
    shoot(teacher, "teacher-queue")
    assert axe(teacher) == []

    teacher.click("#question-queue [data-focus$=':show']")  # "Back to the lesson"
    projector.wait_for_selector("#asked", state="hidden")
    teacher.click("#question-queue [data-focus$=':answered']")
    teacher.wait_for_selector("#question-queue .question-item.state-answered")
    first.wait_for_selector("#ask-body .asked-item.answered")

    teacher.click("#end")
    teacher.wait_for_selector("#report-ended:not([hidden])")
    report = lesson.page()
    report.goto(f"{lesson.base}/teach/{lesson.code}/report?key={lesson.key}")
    section = report.text_content("section.asked")
    assert REWORDED in section and "Beantwoord" in section
    assert "“ik ook”: minder dan 3" in section
    assert "0470" not in report.content()
    shoot(report, "report", "section.asked")
