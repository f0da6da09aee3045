"""Help everywhere, the remote in reach, a timer that runs out, a phone in its own language."""

from __future__ import annotations

import pytest

from tests.browser.test_live_lesson import to_first_question

pytestmark = pytest.mark.browser


def test_the_help_step_lists_the_services_everywhere(lesson):
    projector = lesson.projector()
    phone = lesson.phone()
    help_step = len(lesson.teacher.locator("#outline li").all())
    lesson.teacher.click(f"#outline li:nth-child({help_step}) button")
    projector.wait_for_selector("#body .help-set")
    assert "Bel 102" in projector.text_content("#body .help-set")
    phone.wait_for_selector("#content .help-set")
    assert phone.get_attribute("#content .help-set a[href^='tel:']", "href") == "tel:102"


def test_a_timer_that_runs_out_says_so_on_a_phone_that_did_not_answer(lesson):
    phone = lesson.phone()
    lesson.teacher.click("#next")
    lesson.teacher.click("#next")
    lesson.teacher.wait_for_selector("#now-title:has-text('Sam krijgt')")
    lesson.teacher.fill("#seconds", "5")
    lesson.teacher.click("#timer-form button[type=submit]")
    phone.wait_for_selector(".option")
    phone.wait_for_selector("#content:has-text('De tijd is om')", timeout=15_000)
    assert "Stemmen gaat zo open" not in phone.text_content("#content")


def test_the_remote_stays_in_reach_on_a_phone(lesson):
    remote = lesson.page(390, 844)
    remote.goto(lesson.teacher.url)
    remote.wait_for_selector("#outline li")
    remote.click("#next")
    remote.wait_for_selector("#room-state:has-text('Stap 1 van')")
    remote.evaluate("window.scrollTo(0, document.documentElement.scrollHeight)")
    for control in ("#prev", "#next", "#voting", "#reveal"):
        box = remote.locator(control).bounding_box()
        assert 0 <= box["y"] and box["y"] + box["height"] <= 844, control
    remote.keyboard.press("End")
    assert remote.locator("#next").is_visible()


def test_phones_read_their_own_language_and_the_projector_the_rooms(lesson):
    projector = lesson.projector()
    picked = lesson.page(320, 640)
    picked.goto(f"{lesson.base}/j/{lesson.code}?lang=en")  # chosen on the join page
    english = lesson.chromium.new_context(viewport={"width": 390, "height": 844}, locale="en-GB")
    lesson.contexts.append(english)
    browser = english.new_page()  # says nothing, but its browser speaks English
    browser.goto(f"{lesson.base}/j/{lesson.code}")
    dutch = lesson.phone()
    for phone in (picked, browser):
        phone.wait_for_selector("#heading:has-text('Waiting for the teacher to start.')")
        assert phone.get_attribute("html", "lang") == "en"
    to_first_question(lesson, projector)
    for phone in (picked, browser):
        phone.wait_for_selector("#heading:has-text('Sam gets')")
        assert "I'd rather not answer" in phone.text_content(".answers")
        assert phone.text_content(".dock").split() == ["Help", "Ask", "Hide", "screen"]
    dutch.wait_for_selector("#heading:has-text('Sam krijgt')")
    assert "Ik antwoord liever niet" in dutch.text_content(".answers")
    assert "Sam krijgt" in projector.text_content("#title")  # the room's language
    assert projector.get_attribute("html", "lang") == "nl"


def test_help_closes_from_its_top_and_with_the_back_button(lesson):
    phone = lesson.phone()
    phone.click("#help-open")
    phone.evaluate("document.getElementById('help').scrollTop = 5000")  # read to the end
    close = phone.locator("#help-close").bounding_box()
    assert close["y"] < 80 and close["height"] >= 44  # still at the top, a thumb's size
    phone.click("#help-close")
    assert phone.is_hidden("#help")
    phone.click("#help-open")
    phone.go_back()  # the phone's back button closes help, and stays on the lesson
    phone.wait_for_selector("#help", state="hidden")
    assert f"/j/{lesson.code}" in phone.url
