"""Accessibility: axe-core on every page and state, and a lesson with the keyboard only.

axe is injected with Playwright's bypass_csp (our pages' CSP rightly blocks injected scripts); it
lives in tests/browser/vendor and is never served.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

pytestmark = pytest.mark.browser

AXE = Path(__file__).parent / "vendor" / "axe.min.js"
KINDS = ["check", "scale", "flag", "multi", "rank", "text"]  # the web lesson's steps after choice
FITS = "() => document.documentElement.scrollWidth <= window.innerWidth"  # no sideways scrolling
OUTSIDE_APP = "() => !document.getElementById('app').contains(document.activeElement)"
RUN_AXE = """async () => (await axe.run(document, {resultTypes: ['violations']})).violations
  .filter(v => ['critical', 'serious', 'moderate'].includes(v.impact))
  .map(v => v.impact + ' ' + v.id + ': ' + v.nodes.map(n => n.target.join(' ')).join(', '))"""
TARGETS = "#main button, #main a, #main textarea, #main label.option, .dock button"
SMALL_TARGETS = f"""() => [...document.querySelectorAll('{TARGETS}')].filter(e => e.offsetParent)
  .filter(e => e.getBoundingClientRect().height < 48).map(e => e.outerHTML.slice(0, 80))"""


def audited(lesson, url: str, width: int = 320, height: int = 568):
    """Open a page in a context that lets axe in; page errors still fail the test."""
    context = lesson.chromium.new_context(
        viewport={"width": width, "height": height}, bypass_csp=True, locale="nl-BE"
    )
    lesson.contexts.append(context)
    page = context.new_page()
    page.on("pageerror", lambda error: lesson.problems.append(f"error: {error}"))
    page.goto(url)
    return page


def check(page, state: str, found: dict[str, list[str]]) -> None:
    """Run axe on the page as it is now; note serious, critical and moderate violations."""
    # a step slides in: axe measures colours once it has arrived, not while it fades in
    page.wait_for_function("() => document.getAnimations().every(a => a.playState !== 'running')")
    if not page.evaluate("() => 'axe' in window"):
        page.add_script_tag(path=str(AXE))
    problems = page.evaluate(RUN_AXE)
    if problems:
        found[state] = problems


def joined(lesson, page):
    """Wait until a phone shows more than 'Connecting…'."""
    page.wait_for_selector("#heading:not(:has-text('Verbinden'))")
    return page


def answer(page, kind: str) -> None:
    """Answer the question on a phone the simplest way for its kind."""
    page.wait_for_selector(".answers")
    if kind == "text":
        page.fill("textarea", "nee")
    elif kind == "multi":
        page.check("input[type=checkbox]")  # the first box
    if kind in ("text", "multi", "rank"):
        page.click(".send")
    else:
        page.locator(".answers .option").first.click()
    page.wait_for_selector("#heading:has-text('Antwoord ontvangen')")


def rank_without_dragging(phone) -> None:
    """Move an option up with the keyboard; the focus stays on the moved option."""
    phone.focus(".rank li:nth-child(2) .up")
    phone.keyboard.press("Enter")
    labels = phone.locator(".rank-label").all_text_contents()
    assert labels == ["Jezelf", "De persoon op de foto", "De afzender"]
    # at the top "up" is disabled: the focus stays on the moved item, on its other arrow
    assert phone.evaluate("() => document.activeElement.getAttribute('aria-label')") == (
        "Naar beneden: Jezelf"
    )


def test_every_state_of_a_lesson_passes_axe(lesson):
    found: dict[str, list[str]] = {}
    base, code, key = lesson.base, lesson.code, lesson.key
    teacher = audited(lesson, f"{base}/teach/{code}?key={key}", 1280, 800)
    teacher.wait_for_selector("#outline li")
    check(teacher, "teacher lobby", found)
    projector = lesson.projector(teacher)  # from the teacher page, whose window it steers
    phone = joined(lesson, audited(lesson, f"{base}/j/{code}"))
    others = [lesson.phone(), lesson.phone()]
    check(projector, "projector lobby", found)
    check(phone, "phone lobby", found)
    projector.keyboard.press("ArrowRight")
    phone.wait_for_selector("#heading:has-text('Welkom')")  # the slide's own heading
    check(phone, "phone slide", found)
    check(projector, "projector slide", found)
    for index, kind in enumerate(["choice", *KINDS]):
        projector.keyboard.press("ArrowRight")
        projector.wait_for_selector(f"#step-count:has-text('Stap {index + 2} ')")
        projector.keyboard.press(" ")
        phone.wait_for_selector(".answers")
        check(phone, f"phone {kind}", found)
        assert phone.evaluate(SMALL_TARGETS) == [], f"{kind}: targets under 48 px"
        assert phone.evaluate(FITS), f"{kind}: wider than a 320 px phone"
        if kind == "rank":
            rank_without_dragging(phone)
        if kind == "text":  # the character count speaks up only near the limit
            phone.type("textarea", "ne")
            assert phone.get_attribute("#text-count", "aria-live") == "off"
            phone.fill("textarea", "x" * 35)
            assert phone.get_attribute("#text-count", "aria-live") == "polite"
        for one in [*others, phone]:
            answer(one, kind)
        if kind == "choice":
            check(phone, "phone answered", found)
            check(teacher, "teacher question", found)
            check(projector, "projector question", found)
        projector.keyboard.press(" ")
        projector.keyboard.press("Enter")
        projector.wait_for_selector("#state:has-text('Resultaten')")
        if kind != "text":  # free text waits for the teacher's approval
            phone.wait_for_selector(".results")
        check(projector, f"projector after {kind}", found)
        check(phone, f"phone after {kind}", found)
    projector.keyboard.press("ArrowRight")  # the discussion
    projector.keyboard.press("ArrowRight")  # the help step: the services, everywhere
    projector.wait_for_selector("#body .help-set")
    phone.wait_for_selector("#content .help-set")
    check(projector, "projector help step", found)
    check(phone, "phone help step", found)
    check(teacher, "teacher help step", found)
    phone.click("#help-open")
    check(phone, "phone help", found)
    phone.keyboard.press("Escape")
    teacher.on("dialog", lambda dialog: dialog.accept())
    teacher.click("#end")
    phone.wait_for_selector("#heading:has-text('voorbij')")
    check(phone, "phone ended", found)
    check(teacher, "teacher ended", found)
    check(projector, "projector ended", found)
    report = audited(lesson, f"{base}/teach/{code}/report?key={key}", 1280, 800)
    check(report, "report", found)
    assert found == {}


def test_the_join_form_the_library_and_a_flag_with_criterion_pass_axe(lesson, server):
    found: dict[str, list[str]] = {}
    join = audited(lesson, f"{lesson.base}/")
    check(join, "join form", found)
    join.fill("#code", "ZZZ")
    join.press("#code", "Enter")
    join.wait_for_selector("#code-error")
    check(join, "join form with an error", found)
    library = audited(lesson, f"{lesson.base}/library?key={server[1]}", 1280, 800)
    check(library, "library", found)
    library.select_option("#lang-a11y-flag", "nl")
    library.click("#lesson-a11y-flag button[type=submit]")
    library.wait_for_url(re.compile(r"/teach/\w{6}\?key="))
    code = re.search(r"/teach/(\w{6})", library.url).group(1)
    flagged = joined(lesson, audited(lesson, f"{lesson.base}/j/{code}"))
    library.click("#next")
    library.wait_for_selector("#voting:not([disabled])")
    library.click("#voting")
    flagged.wait_for_selector(".flag")
    flags = flagged.locator(".flag")
    assert [text.split("\n")[0] for text in flags.all_inner_texts()] == [
        "Groen", "Geel", "Rood", "Zwart"
    ]  # the colour is never the only cue
    check(flagged, "phone flag", found)
    flags.first.hover()  # a flag under the finger keeps its colour
    check(flagged, "phone flag under the pointer", found)
    flags.nth(1).click()
    flagged.wait_for_selector("#why")
    assert flagged.text_content(".chosen") == "Jouw vlag: Geel"  # the flag chosen stays in view
    assert flagged.locator(".answers .option").all_text_contents()[-2:] == [
        "Versturen zonder te kiezen", "Ik antwoord liever niet"
    ]
    check(flagged, "phone flag criterion", found)
    assert flagged.evaluate(SMALL_TARGETS) == []
    assert flagged.evaluate(FITS)
    assert found == {}


def test_a_question_can_be_answered_with_the_keyboard_only(lesson):
    projector = lesson.projector()
    phone = lesson.phone()
    projector.keyboard.press("ArrowRight")
    projector.keyboard.press("ArrowRight")
    projector.keyboard.press(" ")
    phone.wait_for_selector(".option")
    assert phone.evaluate("() => document.activeElement.id") == "heading"
    phone.keyboard.press("Tab")
    phone.keyboard.press("Tab")
    focused = phone.evaluate(
        "() => [document.activeElement.textContent, getComputedStyle(document.activeElement)"
        ".outlineStyle, getComputedStyle(document.activeElement).outlineWidth]"
    )
    assert focused == ["BVerwijderen", "solid", "4px"]  # a visible focus ring (B: its letter)
    phone.keyboard.press("Enter")
    phone.wait_for_selector("#heading:has-text('Antwoord ontvangen')")
    # One answer is not counted on the projector: the count moves in steps of the group (3).
    projector.wait_for_selector("#state:has-text('minder dan 3 antwoorden')")
    phone.focus("#change")
    phone.keyboard.press("Space")
    phone.wait_for_selector(".option")
    phone.focus(".answers > .option.pass")
    phone.keyboard.press("Space")
    phone.wait_for_selector("#heading:has-text('Antwoord ontvangen')")
    assert "liever niet" not in projector.text_content("#state")  # nor is one pass


def test_a_small_phone_zoomed_to_200_percent_still_fits(lesson):
    projector = lesson.projector()
    zoomed = lesson.page(160, 284)  # a 320 x 568 phone at 200 % zoom
    zoomed.goto(f"{lesson.base}/j/{lesson.code}")
    projector.keyboard.press("ArrowRight")
    projector.keyboard.press("ArrowRight")
    projector.keyboard.press(" ")
    zoomed.wait_for_selector(".option")
    assert zoomed.evaluate(FITS)
    assert zoomed.evaluate(SMALL_TARGETS) == []
    dock = zoomed.locator(".dock").bounding_box()
    assert dock["y"] + dock["height"] <= 284 and dock["height"] < 284 / 3  # help stays in reach


def test_help_and_quick_hide_work_with_the_keyboard(lesson):
    phone = lesson.phone()
    phone.keyboard.press("Tab")  # the lobby has nothing to answer: its languages, then the dock
    assert phone.evaluate("() => document.activeElement.closest('#lang-switch') !== null")
    for _ in range(3):  # nl, en, fr
        phone.keyboard.press("Tab")
    assert phone.evaluate("() => document.activeElement.id") == "help-open"
    phone.keyboard.press("Enter")
    phone.wait_for_selector("#help:not([hidden])")
    assert phone.evaluate("() => document.activeElement.id") == "help-title"
    assert phone.get_attribute("#app", "aria-hidden") == "true"
    for _ in range(5):  # Tab stays out of the page under the help panel
        phone.keyboard.press("Tab")
        assert phone.evaluate(OUTSIDE_APP)
    phone.keyboard.press("Escape")
    assert not phone.is_visible("#help")
    assert phone.evaluate("() => document.activeElement.id") == "help-open"
    phone.keyboard.press("Tab")  # the question box's Ask, between Help and Hide
    assert phone.evaluate("() => document.activeElement.id") == "ask-open"
    phone.keyboard.press("Tab")
    phone.keyboard.press("Enter")  # hide the screen, by keys too
    assert phone.is_visible("#cover")
    phone.keyboard.press("Tab")
    assert phone.evaluate(OUTSIDE_APP)
    phone.keyboard.press("Escape")
    assert not phone.is_visible("#cover")
    assert phone.evaluate("() => document.activeElement.id") == "hide"
