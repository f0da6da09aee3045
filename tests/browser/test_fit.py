"""The fit walk: every state of every bundled lesson, on the projector, phones and the remote.

Each state is built by the real domain and views (tests/browser/states.py) and set directly on
an open page, so the walk covers every step of every lesson in every phase at every size in a
few minutes. It fails on anything outside the screen, cut off, or drawn over something else
(tests/browser/layout.js); on phones, on any answer button the dock covers.
"""

from __future__ import annotations

import json
import os
import re
import urllib.parse
import urllib.request
from collections import defaultdict
from pathlib import Path

import pytest

from tests.browser.states import every_state
from tests.browser.test_accessibility import AXE, RUN_AXE

pytestmark = pytest.mark.browser

LAYOUT = Path(__file__).parent / "layout.js"
PROJECTORS = [(1280, 720), (1920, 1080), (1024, 768)]
PHONES = [(320, 568), (390, 844)]
REMOTES = [(1366, 768), (390, 844)]
LANGS = ("nl", "en", "fr")
# A state, or a refusal at the door (a phone waiting for the teacher: `connect_error` data).
SHOW = ("([state, check]) => { (state.error ? Classroom.refuse : Classroom.show)(state); "
        "return Layout[check](); }")


class NoRedirect(urllib.request.HTTPRedirectHandler):
    """Keep the library's redirect: its address holds the new room's code and key."""

    def redirect_request(self, *args, **kwargs):
        return None


def start_room(base: str, admin_key: str, lang: str) -> tuple[str, str]:
    """Start a room of the web test lesson in `lang`; return its code and teacher key."""
    form = urllib.parse.urlencode({"lesson": "web-class", "lang": lang}).encode()
    opener = urllib.request.build_opener(NoRedirect)
    try:
        opener.open(f"{base}/library?key={admin_key}", data=form)
    except urllib.error.HTTPError as answer:
        location = answer.headers["Location"]
    return re.search(r"/teach/(\w{6})\?key=([^&]+)", location).groups()


def projector_link(base: str, code: str, key: str) -> str:
    """Return the projector's link as the teacher page gives it (its own key, after #)."""
    with urllib.request.urlopen(f"{base}/teach/{code}?key={key}") as page:
        html = page.read().decode()
    return base + re.search(r'href="(/screen/[^"]+)"[^>]*id="screen-link"', html).group(1)


@pytest.fixture(scope="module")
def states():
    """Return every state of every bundled lesson, by language."""
    found = defaultdict(list)
    for shot in every_state(LANGS):
        found[shot.lang].append(shot)
    return found


def open_page(chromium, url: str, size: tuple[int, int], ready: str):
    """Open a page that lets the layout checks in (as axe is let in), motion reduced."""
    context = chromium.new_context(
        viewport={"width": size[0], "height": size[1]}, bypass_csp=True, reduced_motion="reduce"
    )
    page = context.new_page()
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(url)
    page.wait_for_selector(ready, state="attached")
    page.evaluate("() => document.fonts.ready.then(() => true)")  # measure with the real type
    page.add_script_tag(path=str(LAYOUT))
    page.add_script_tag(path=str(AXE))
    return context, page, errors


def walk(page, shots, role: str, check: str, sizes, found: dict, snap=None, axe=False) -> int:
    """Show each state at each size; note the problems by state and size; return the count.

    With `axe`, at the first size, axe also looks at the first state of each kind of step in
    each phase (the pages are the same in every language: one language is enough for axe).
    """
    count, audited = 0, set()
    for width, height in sizes:
        page.set_viewport_size({"width": width, "height": height})
        for shot in shots:
            problems = page.evaluate(SHOW, [getattr(shot, role), check])
            if role == "student" and shot.kind == "question-box":
                # The Ask panel is the same at every step: look at it where it is full.
                problems += page.evaluate("() => Layout.askPanel()")
            count += 1
            if axe and (width, height) == sizes[0] and (shot.kind, shot.phase) not in audited:
                audited.add((shot.kind, shot.phase))
                problems += [f"axe: {v}" for v in page.evaluate(RUN_AXE)]
            if problems:
                found[f"{role} {width}x{height} {shot.name}"] = problems[:3]
            if snap:
                snap(page, shot, width, height)
    return count


def snapper(role: str):
    """Return a function saving screenshots when CLASSROOM_WALK_SHOTS names a folder."""
    folder = os.environ.get("CLASSROOM_WALK_SHOTS")
    if not folder:
        return None
    wanted = re.compile(os.environ.get("CLASSROOM_WALK_MATCH", "."))

    def snap(page, shot, width, height):
        name = f"{role}-{width}x{height}-{shot.name}"
        if wanted.search(name):
            path = Path(folder) / (re.sub(r"[^\w.-]+", "_", name) + ".png")
            page.screenshot(path=str(path), full_page=role != "screen")

    return snap


@pytest.mark.parametrize("lang", LANGS)
def test_every_state_fits_the_projector_phones_and_remote(server, chromium, states, lang):
    base, admin_key, _log = server
    found: dict[str, list[str]] = {}
    shots, axe = states[lang], lang == LANGS[0]
    code, key = start_room(base, admin_key, lang)
    pages = []
    try:
        context, screen, errors = open_page(
            chromium, projector_link(base, code, key), PROJECTORS[0], "#phones:not(:empty)"
        )
        pages.append((context, errors))
        seen = walk(screen, shots, "screen", "projector", PROJECTORS, found, snapper("screen"), axe)
        context, remote, errors = open_page(
            chromium, f"{base}/teach/{code}?key={key}", REMOTES[0], "#outline li"
        )
        pages.append((context, errors))
        seen += walk(remote, shots, "teach", "remote", REMOTES, found, snapper("teach"), axe)
        phone_code, _ = start_room(base, admin_key, lang)  # phones join a room of their own
        context, phone, errors = open_page(
            chromium, f"{base}/j/{phone_code}?lang={lang}", PHONES[0], "#heading:not(:empty)"
        )
        pages.append((context, errors))
        seen += walk(phone, shots, "student", "phone", PHONES, found, snapper("student"), axe)
    finally:
        for context, _ in pages:
            context.close()
    print(f"{lang}: {seen} states checked, {len(found)} with problems")
    assert [error for _, errors in pages for error in errors] == []
    listed = "\n".join(f"{name}: {problems}" for name, problems in list(found.items())[:40])
    assert not found, f"{len(found)} states do not fit:\n{listed}"


def test_a_long_question_shrinks_first_and_too_many_phrases_are_counted(server, chromium, states):
    base, admin_key, _log = server
    code, key = start_room(base, admin_key, "nl")
    question = next(s for s in states["nl"] if s.kind == "choice" and s.phase == "shown")
    long_question = json.loads(json.dumps(question.screen))
    sentence = "Een heel lange vraag over het delen van foto's in de klas. "
    long_question["step"]["question"]["text"] = sentence * 16
    text = next(s for s in states["nl"] if s.kind == "text" and s.phase == "revealed")
    crowded = json.loads(json.dumps(text.screen))
    crowded["results"]["phrases"] = [
        {"text": f"Antwoord {n}: " + "niet doorsturen en hulp zoeken " * 2, "count": 30 - n}
        for n in range(30)
    ]
    context, page, errors = open_page(
        chromium, projector_link(base, code, key), (1024, 768), "#phones:not(:empty)"
    )
    try:
        assert page.evaluate(SHOW, [long_question, "projector"]) == []
        fits = page.evaluate("() => ['--q-fit', '--b-fit'].map(n => "
                             "Number(document.documentElement.style.getPropertyValue(n)))")
        assert fits[0] < 1 and fits[0] <= fits[1]  # the question gave way first and most
        assert fits[0] >= 0.62 and fits[1] >= 0.6  # never below the floors of fit.js
        assert page.evaluate(SHOW, [crowded, "projector"]) == []
        shown = page.locator(".phrase:visible").count()
        assert 0 < shown < 30
        left_out = sum(30 - n for n in range(shown, 30))
        assert page.text_content(".more") == f"en nog {left_out} antwoorden"  # none cut silently
    finally:
        context.close()
    assert errors == []


def test_the_flag_criterion_step_fits_phones(server, chromium, states):
    """After a flag is picked, the criteria and 'send without' stay reachable above the dock."""
    base, admin_key, _log = server
    code, _ = start_room(base, admin_key, "nl")
    context, phone, errors = open_page(
        chromium, f"{base}/j/{code}", PHONES[0], "#heading:not(:empty)"
    )
    found, checked = {}, 0
    try:
        for lang in LANGS:
            asking = [s for s in states[lang] if s.kind == "flag" and s.phase == "voting"
                      and s.student["step"]["question"].get("criteria")]
            for width, height in PHONES:
                phone.set_viewport_size({"width": width, "height": height})
                for shot in asking:
                    phone.evaluate("(state) => Classroom.show(state)", shot.student)
                    phone.click("#main .flag-red")
                    phone.wait_for_selector("#why")
                    criteria = phone.locator("#main .flag-box button.option").count()
                    assert criteria == len(shot.student["step"]["question"]["criteria"]) + 1
                    problems = phone.evaluate("() => Layout.phone()")
                    if problems:
                        found[f"{width}x{height} {shot.name}"] = problems[:3]
                    checked += 1
    finally:
        context.close()
    assert checked >= 30  # every flag question with criteria, in three languages, at two sizes
    assert errors == []
    assert not found, "\n".join(f"{name}: {problems}" for name, problems in found.items())


def test_help_services_read_from_the_back_row_at_1280x720(server, chromium, states):
    """On the help step and after the end, the services' names and numbers keep large type.

    LOOK.md asks about 28 px at 1280x720 for what a student reads from the back; the help set is
    the longest thing a projector shows, so names and numbers may give way to 21 px, no further.
    """
    base, admin_key, _log = server
    code, key = start_room(base, admin_key, "nl")
    context, screen, errors = open_page(
        chromium, projector_link(base, code, key), PROJECTORS[0], "#phones:not(:empty)"
    )
    smallest, checked = {}, 0
    sizes = ("() => Array.from(document.querySelectorAll("
             "'#main .resource-name, #main .resource-phone'))"
             ".map(e => parseFloat(getComputedStyle(e).fontSize))")
    try:
        for lang in LANGS:
            for shot in (s for s in states[lang] if s.kind in ("help", "end")):
                assert screen.evaluate(SHOW, [shot.screen, "projector"]) == []
                found = screen.evaluate(sizes)
                assert found, f"{shot.name}: no services on the projector"
                smallest[shot.name] = min(found)
                checked += 1
    finally:
        context.close()
    assert checked >= 20 and errors == []
    assert {name: px for name, px in smallest.items() if px < 21} == {}
