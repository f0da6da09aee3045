"""A lesson in a real browser: the projector, the teacher's remote and three phones."""

from __future__ import annotations

import re
import urllib.error
import urllib.request

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

OPTIONS = ["Doorsturen", "Verwijderen", "Hulp zoeken"]


def counts(page) -> list[int]:
    """Return the counts of the result bars a page shows."""
    found = page.eval_on_selector_all(".bar", "bars => bars.map(b => b.dataset.count)")
    return [int(n) for n in found]


def to_first_question(lesson, projector) -> None:
    """Step from the lobby past the slide to the first question and open voting (with keys)."""
    projector.keyboard.press("ArrowRight")
    projector.wait_for_selector("#stage:not([hidden]) .slide")
    projector.keyboard.press("ArrowRight")
    projector.wait_for_selector("#title:has-text('Sam krijgt')")
    projector.keyboard.press(" ")
    projector.wait_for_selector("#state:has-text('Stemmen is open')")


def test_a_class_answers_and_the_projector_shows_the_results(lesson):
    projector = lesson.projector()
    projector.wait_for_selector("#phones:has-text('0 gsm')")
    assert projector.text_content("#join-lesson") == "Delen of niet?"  # the lesson's title
    assert projector.eval_on_selector("img.qr", "img => img.complete && img.naturalWidth > 0")
    # the address to type, then the code: not a link that holds the code already
    assert projector.text_content("#join-url") == lesson.base.removeprefix("http://")
    assert projector.text_content("#join-code") == f"{lesson.code[:3]} {lesson.code[3:]}"
    phones = [lesson.phone() for _ in range(3)]
    projector.wait_for_selector("#phones:has-text('3 gsm')")
    assert phones[0].text_content("#heading") == "Wachten tot de leraar begint."

    to_first_question(lesson, projector)
    for phone, choice in zip(phones, [0, 0, 1], strict=True):
        phone.wait_for_selector(".option")
        assert phone.eval_on_selector("#heading", "h => document.activeElement === h")
        buttons = phone.locator(".answers > .option")
        assert buttons.all_inner_texts() == [
            *[f"{letter}\n{text}" for letter, text in zip("ABC", OPTIONS, strict=True)],
            "Ik antwoord liever niet",
        ]  # each option has the letter the projector shows
        boxes = [b.bounding_box() for b in buttons.all()]
        assert min(box["height"] for box in boxes) >= 48
        assert len({round(box["width"]) for box in boxes}) == 1  # passing weighs as much
        sizes = buttons.evaluate_all("bs => bs.map(b => getComputedStyle(b).fontSize)")
        assert len(set(sizes)) == 1
        buttons.nth(choice).click()
        phone.wait_for_selector("#heading:has-text('Antwoord ontvangen')")
        assert not any(option in phone.text_content("#main") for option in OPTIONS)
        phone.wait_for_selector("#announce:text-is('Antwoord ontvangen')", state="attached")

    projector.wait_for_selector("#state:has-text('3 antwoorden')")
    assert projector.locator(".bar").count() == 0  # nothing shown before the reveal
    projector.keyboard.press("Enter")
    projector.wait_for_selector(".results .bar")
    assert counts(projector) == [2, 1, 0]
    assert projector.locator(".bar-label > span:nth-child(2)").all_text_contents() == OPTIONS
    widths = projector.eval_on_selector_all(".bar .fill", "fills => fills.map(f => f.style.width)")
    assert widths == ["67%", "33%", "0%"]
    phones[2].wait_for_selector(".results .bar")
    assert counts(phones[2]) == [2, 1, 0]
    lesson.teacher.wait_for_selector("#results .bar")
    assert counts(lesson.teacher) == [2, 1, 0]
    assert "NOTITIE-doorsturen" in lesson.teacher.text_content("#notes")


def test_percentages_leave_the_passes_out(lesson):
    projector = lesson.projector()
    phones = [lesson.phone() for _ in range(4)]
    to_first_question(lesson, projector)
    for phone, choice in zip(phones, [0, 0, 1, 3], strict=True):  # 3: I'd rather not answer
        phone.wait_for_selector(".option")
        phone.locator(".answers > .option").nth(choice).click()
        phone.wait_for_selector("#heading:has-text('Antwoord ontvangen')")
    # Counts move in steps of the minimum group (3): the projector says "at least 3 answers"
    # (3 given, or 4 with the pass once a group of phones changed), never a count of one phone.
    projector.wait_for_selector("#state:has-text('minstens 3 antwoorden')")
    projector.keyboard.press("Enter")
    projector.wait_for_selector(".results .bar")
    assert counts(projector) == [2, 1, 0]
    widths = projector.eval_on_selector_all(".bar .fill", "fills => fills.map(f => f.style.width)")
    assert widths == ["67%", "33%", "0%"]


def test_a_phone_can_change_its_answer_while_voting_is_open(lesson):
    projector = lesson.projector()
    phones = [lesson.phone() for _ in range(4)]
    to_first_question(lesson, projector)
    for phone in phones:
        phone.wait_for_selector(".option")
        phone.locator(".answers > .option").nth(0).click()
        phone.wait_for_selector("#heading:has-text('Antwoord ontvangen')")
    phones[0].click("#change")
    phones[0].locator(".answers > .option").nth(1).click()
    phones[0].wait_for_selector("#heading:has-text('Antwoord ontvangen')")
    projector.keyboard.press("Enter")
    projector.wait_for_selector(".results .bar")
    assert counts(projector) == [3, 1, 0]  # replaced, never counted twice


def test_the_timer_counts_down_by_the_servers_clock(lesson):
    phone = lesson.phone()
    lesson.teacher.click("#next")
    lesson.teacher.click("#next")
    lesson.teacher.wait_for_selector("#now-title:has-text('Sam krijgt')")
    lesson.teacher.click("[data-seconds='30']")
    phone.wait_for_selector("#timer:has-text('nog 00:')")
    seconds = int(re.search(r"00:(\d+)", phone.text_content("#timer")).group(1))
    assert 25 <= seconds <= 30
    lesson.teacher.wait_for_selector(
        # One phone: too few to count (the count moves in steps of the group, 3)
        "#room-state:has-text('Stemmen open · minder dan 3 antwoorden · nog 00:')"
    )


def test_the_teacher_is_offered_the_lessons_suggested_timer(lesson):
    teacher = lesson.teacher
    teacher.click("#next")
    teacher.click("#next")
    teacher.wait_for_selector("#now-title:has-text('Sam krijgt')")
    assert teacher.input_value("#seconds") == ""
    teacher.click("#next")  # the step that suggests 45 seconds
    expect(teacher.locator("#seconds")).to_have_value("45")
    teacher.click("#next")
    expect(teacher.locator("#seconds")).to_have_value("")


def test_quick_hide_and_help_are_one_tap_away(lesson):
    phone = lesson.phone()
    phone.click("#hide")
    assert phone.is_visible("#cover") and phone.title() == "…"
    phone.keyboard.press("Escape")
    assert not phone.is_visible("#cover") and lesson.code in phone.title()
    phone.click("#hide")
    phone.dblclick("#cover")
    assert not phone.is_visible("#cover")

    phone.click("#help-open")
    assert phone.is_visible("#help")
    assert phone.eval_on_selector("#help-title", "h => document.activeElement === h")
    body = phone.text_content("#help-body")
    assert "Pretend helpline" in body
    # The school's own contact (classroom run --school) comes before every helpline.
    assert body.index("Ms Peeters (trusted contact), room B12") < body.index("Pretend helpline")
    assert phone.get_attribute("#help-body a[href^='tel:']", "href") == "tel:102"
    phone.click("#help-close")
    assert not phone.is_visible("#help")


def test_a_dropped_connection_keeps_the_answer(lesson):
    projector = lesson.projector()
    phone = lesson.phone()
    to_first_question(lesson, projector)
    phone.wait_for_selector(".option")
    phone.context.set_offline(True)
    phone.wait_for_selector("#banner", state="visible")
    phone.locator(".answers > .option").nth(1).click()
    assert "Bewaard" in phone.text_content("#content")
    phone.context.set_offline(False)
    phone.wait_for_selector("#banner", state="hidden")
    phone.wait_for_selector("#heading:has-text('Antwoord ontvangen')")
    # While the test kept the phone offline, Chromium logs each reconnect attempt that could not
    # leave the phone as a console error; that is the cut we made, not a fault of the page.
    lesson.problems[:] = [p for p in lesson.problems if "ERR_INTERNET_DISCONNECTED" not in p]
    # One answer is not counted on the projector: the count moves in steps of the group (3).
    projector.wait_for_selector("#state:has-text('minder dan 3 antwoorden')")

    phone.reload()  # a reload finds the same participant and its answer (its `mine`)
    phone.wait_for_selector("#heading:has-text('Antwoord ontvangen')")
    projector.keyboard.press("Enter")  # one answer: too few to show, not even counted yet
    projector.wait_for_selector(".note")
    assert "minder dan 3 antwoorden" in projector.text_content("#state")
    assert "minstens 3 antwoorden nodig" in projector.text_content(".note")
    assert projector.locator(".bar").count() == 0


def test_the_student_page_fits_a_320px_screen(lesson):
    phone = lesson.phone()
    assert phone.evaluate("document.documentElement.scrollWidth") <= 320
    dock = phone.locator(".dock-button").all()
    assert all(b.bounding_box()["height"] >= 48 for b in dock)


def test_the_projector_lists_its_keys(lesson):
    projector = lesson.projector()
    projector.keyboard.press("?")
    assert projector.is_visible("#keys")
    assert "stemmen openen of sluiten" in projector.text_content("#keys")
    projector.keyboard.press("Escape")
    assert not projector.is_visible("#keys")
    projector.keyboard.press("ArrowRight")
    projector.wait_for_selector("#stage:not([hidden])")
    projector.keyboard.press("q")
    assert projector.is_visible("#join.overlay")


def answer_all(phones, choices) -> None:
    """Let each phone tap its choice and wait until it is received."""
    for phone, choice in zip(phones, choices, strict=True):
        phone.locator(".answers .option").nth(choice).click()
        phone.wait_for_selector("#heading:has-text('Antwoord ontvangen')")


def test_each_kind_draws_its_own_results(lesson):
    projector = lesson.projector()
    phones = [lesson.phone() for _ in range(3)]
    teacher = lesson.teacher
    teacher.click("#outline li:nth-child(3) button")  # the check question
    teacher.wait_for_selector("#now-title:has-text('Vanaf welke leeftijd?')")
    teacher.click("#voting")
    answer_all(phones, [1, 1, 0])
    projector.keyboard.press("Enter")
    projector.wait_for_selector(".bar.correct")
    assert counts(projector) == [1, 2, 0]
    assert "16" in projector.text_content(".bar.correct .bar-label")
    assert projector.text_content(".explanation") == "16, sinds 2022."

    projector.keyboard.press("ArrowRight")  # the scale
    projector.wait_for_selector("#title:has-text('altijd een risico')")
    projector.keyboard.press(" ")
    answer_all(phones, [4, 4, 2])
    projector.keyboard.press("Enter")
    projector.wait_for_selector(".scale-chart")
    columns = projector.eval_on_selector_all(".scale-chart li", "c => c.map(i => i.dataset.count)")
    assert columns == ["0", "0", "1", "0", "2"]
    assert projector.text_content(".mean") == "Gemiddelde: 4,3"  # in words, with a Dutch comma
    axis = projector.locator(".scale-axis li").all_inner_texts()
    assert axis[0].startswith("1\n") and axis[-1].startswith("5\n")  # numbers and names apart

    projector.keyboard.press("ArrowRight")  # the flag
    projector.wait_for_selector("#title:has-text('Kim')")
    projector.keyboard.press(" ")
    answer_all(phones, [2, 2, 1])  # red, red, yellow
    projector.keyboard.press("Enter")
    projector.wait_for_selector(".flags .bar")
    assert counts(projector) == [0, 1, 2, 0]
    assert projector.get_attribute(".flags .bar.expected", "class").split() == [
        "bar", "flag-red", "expected"
    ]
    # no lone check mark that reads as "correct": the expected flag is named, with a legend
    assert projector.text_content(".bar.expected .tag") == "Zo ziet het Vlaggensysteem het"
    assert "ziet deze situatie als rood" in projector.text_content(".legend")
    assert "✓" not in projector.text_content("#body")


def go_and_open(lesson, step: int, title: str) -> None:
    """Jump to a step from the teacher's outline and open voting."""
    lesson.teacher.click(f"#outline li:nth-child({step + 1}) button")
    lesson.teacher.wait_for_selector(f"#now-title:has-text('{title}')")
    lesson.teacher.click("#voting")
    lesson.teacher.wait_for_selector("#voting:has-text('Stemmen sluiten')")


def test_several_choices_an_order_and_moderated_words(lesson):
    projector = lesson.projector()
    phones = [lesson.phone() for _ in range(3)]

    go_and_open(lesson, 5, "Wat is oké?")
    phones[0].click(".send")  # nothing ticked: the hint says what to do, nothing is sent
    assert "error" in phones[0].get_attribute("#multi-hint", "class")
    for phone, ticks in zip(phones, [[0, 2], [0], [0, 1, 2]], strict=True):
        for tick in ticks:
            phone.locator(".answers input[type=checkbox]").nth(tick).check()
        phone.click(".send")
    phones[2].wait_for_selector("#multi-hint.error")  # three is one too many
    phones[2].locator(".answers input[type=checkbox]").nth(1).uncheck()
    phones[2].click(".send")
    for phone in phones:
        phone.wait_for_selector("#heading:has-text('Antwoord ontvangen')")
    projector.keyboard.press("Enter")
    projector.wait_for_selector(".results .bar")
    assert counts(projector) == [3, 0, 2]

    go_and_open(lesson, 6, "Wie help je eerst?")
    for phone in phones:
        phone.click("button[aria-label='Naar boven: De afzender']")
        phone.click("button[aria-label='Naar boven: De afzender']")
        assert phone.locator(".rank-label").all_text_contents() == [
            "De afzender", "De persoon op de foto", "Jezelf"
        ]
        phone.click(".send")
        phone.wait_for_selector("#heading:has-text('Antwoord ontvangen')")
    projector.keyboard.press("Enter")
    projector.wait_for_selector(".rank-order li")
    order = projector.locator(".rank-order li span:first-child").all_text_contents()
    assert order == ["De afzender", "De persoon op de foto", "Jezelf"]

    go_and_open(lesson, 7, "Eén woord")
    texts = ["Het is niet jouw schuld", "het is niet jouw schuld!", "laf"]
    for phone, text in zip(phones, texts, strict=True):
        phone.fill("textarea", text)
        phone.click(".send")
        phone.wait_for_selector("#heading:has-text('Antwoord ontvangen')")
    teacher = lesson.teacher
    teacher.wait_for_selector("#pending li:nth-child(3)")
    assert teacher.locator(".pending-text").all_text_contents() == texts  # as projected
    assert teacher.text_content("#queue") == "3 goed te keuren"  # the queue, in view
    teacher.click("#pending li:has-text('laf') button:has-text('Afwijzen')")
    expect(teacher.locator("#pending li")).to_have_count(2)
    teacher.click("#approve-all:has-text('Alle 2 antwoorden goedkeuren')")
    teacher.wait_for_selector("#pending li.hint")
    assert teacher.is_hidden("#queue")
    preview = teacher.locator("#projected .phrase-text").all_text_contents()
    assert preview == ["Het is niet jouw schuld"]
    projector.keyboard.press("Enter")
    projector.wait_for_selector(".phrases .phrase")
    shown = projector.eval_on_selector_all(
        ".phrase", "p => p.map(s => [s.querySelector('.phrase-text').textContent, s.dataset.count])"
    )
    assert shown == [["Het is niet jouw schuld", "2"]]  # whole, negation kept, counted once each


def test_locking_and_ending_the_lesson(lesson):
    projector = lesson.projector()
    phone = lesson.phone()
    lesson.teacher.check("#lock")
    projector.wait_for_selector("#phones:has-text('vergrendeld')")
    late = lesson.page(320, 640)
    late.goto(f"{lesson.base}/j/{lesson.code}")
    late.wait_for_selector("#heading:not(:has-text('Verbinden'))")
    assert "gesloten voor nieuwe deelnemers" in late.text_content("#heading")  # the server says why

    lesson.teacher.on("dialog", lambda dialog: dialog.accept())  # "End the lesson for everyone?"
    lesson.teacher.click("#end")
    phone.wait_for_selector("#heading:has-text('De les is voorbij. Bedankt!')")
    assert "Pretend helpline" in phone.text_content("#content")
    projector.wait_for_selector("#title:has-text('De les is voorbij')")
    # the projector keeps the help up until everyone has left
    assert "Pretend helpline" in projector.text_content("#body .help-set")
    assert "Bel 102" in projector.text_content("#body .help-set")
    lesson.teacher.wait_for_selector("#now-title:has-text('De les is voorbij.')")
    for control in ("#prev", "#next", "#voting", "#reveal", "#end", "#outline button",
                    "#rotate-teacher", "#rotate-projector", "#expected"):
        expect(lesson.teacher.locator(control).first).to_be_disabled()  # nothing left to steer


def test_the_projector_holds_no_teacher_key_and_its_key_only_watches(lesson):
    sent: list[str] = []
    lesson.teacher.context.on(
        "page", lambda page: page.on(
            "websocket", lambda ws: ws.on("framesent", lambda frame: sent.append(frame))))
    projector = lesson.projector()
    projector.wait_for_selector("#phones:has-text('0 gsm')")
    teacher_key = lesson.key
    # The address bar: no key at all (the projector's own key came after #, and is taken out).
    assert projector.url == f"{lesson.base}/screen/{lesson.code}"
    # The page and its source.
    assert teacher_key not in projector.content()
    source = projector.evaluate("() => fetch(location.href).then(r => r.text())")
    assert teacher_key not in source and "key=" not in source
    # The socket's auth: the projector's own key, never the teacher's.
    screen_key = projector.evaluate("() => ProjectorLink.auth.key")
    assert screen_key and screen_key != teacher_key
    assert any(screen_key in str(frame) for frame in sent)
    assert not any(teacher_key in str(frame) for frame in sent)
    # The projector key opens no teacher page, report or export.
    for path in ("", "/report", "/report.csv", "/report.json"):
        with pytest.raises(urllib.error.HTTPError) as refused:
            urllib.request.urlopen(f"{lesson.base}/teach/{lesson.code}{path}?key={screen_key}")
        assert refused.value.code == 403, path
    # Its keys still steer the lesson, through the teacher page that opened it.
    projector.keyboard.press("ArrowRight")
    projector.wait_for_selector("#stage:not([hidden]) .slide")
    lesson.teacher.wait_for_selector("#step-count:has-text('1')")


def test_a_new_projector_link_cuts_off_the_old_one_and_the_teachers_window_follows(lesson):
    projector = lesson.projector()
    old = projector.evaluate("() => ProjectorLink.auth.key")
    stranger = lesson.page(1280, 720)  # someone who copied the projector link
    stranger.goto(f"{lesson.base}/screen/{lesson.code}#key={old}")
    stranger.wait_for_selector("#phones:has-text('0 gsm')")
    lesson.teacher.once("dialog", lambda dialog: dialog.accept())
    lesson.teacher.click("#rotate-projector")
    stranger.wait_for_selector("#toast:has-text('niet (meer) geldig')")  # in the browser's language
    projector.wait_for_function(f"() => ProjectorLink.auth.key !== {old!r}")
    lesson.phone()
    projector.wait_for_selector("#phones:has-text('1 gsm')")  # still shows the lesson
    assert old not in lesson.teacher.get_attribute("#screen-link", "href")


def test_a_new_teacher_link_keeps_the_teacher_in_and_cuts_off_the_old_one(lesson):
    old_page = lesson.page()  # the teacher link, also open elsewhere (a photo of it)
    old_page.goto(f"{lesson.base}/teach/{lesson.code}?key={lesson.key}")
    old_page.wait_for_selector("#outline li")
    lesson.teacher.once("dialog", lambda dialog: dialog.accept())
    lesson.teacher.click("#rotate-teacher")
    lesson.teacher.wait_for_function(f"() => !location.search.includes({lesson.key!r})")
    new_key = re.search(r"key=(\S+)", lesson.teacher.url).group(1)
    assert new_key != lesson.key
    old_page.wait_for_selector("#status:has-text('niet (meer) geldig')")  # the browser's language
    lesson.teacher.click("#next")  # the teacher steers on, without a reload
    lesson.teacher.wait_for_selector("#step-count:has-text('1')")
    report = lesson.teacher.get_attribute("#report-link", "href")
    assert new_key in report and lesson.key not in report


def test_a_phone_has_a_key_for_this_room_only_and_forgets_it_at_the_end(lesson):
    phone = lesson.phone()
    name = f"classroom.device.{lesson.code}"
    key = phone.evaluate("name => JSON.parse(localStorage.getItem(name))", name)
    assert isinstance(key, str) and len(key) >= 22
    assert phone.evaluate("() => localStorage.getItem('classroom.device')") is None
    lesson.teacher.once("dialog", lambda dialog: dialog.accept())
    lesson.teacher.click("#end")
    phone.wait_for_selector("#heading:has-text('De les is voorbij')")
    assert phone.evaluate("name => localStorage.getItem(name)", name) is None


def test_a_phone_beyond_the_class_size_waits_in_its_own_language_until_let_in(lesson):
    teacher = lesson.teacher
    teacher.fill("#expected", "1")
    teacher.click("#expect-form button[type=submit]")
    teacher.wait_for_selector("#class-count:has-text('0 van 1 verwachte')")
    lesson.phone()
    teacher.wait_for_selector("#class-count:has-text('1 van 1 verwachte')")
    late = lesson.page(320, 640)
    late.goto(f"{lesson.base}/j/{lesson.code}?lang=en")  # a Dutch room, a phone that reads English
    late.wait_for_selector("#heading:has-text('Wait until the teacher lets you in')")
    label = late.text_content(".door-code")
    assert re.fullmatch(r"[A-Z2-9]{3}", label)
    assert f"Show the teacher this code: {label}." in late.text_content("#content")
    teacher.wait_for_selector(f"#waiting li:has-text('{label}')")
    assert teacher.text_content("#waiting-badge") == "1 gsm wacht om mee te doen"  # in view
    teacher.click(f"#waiting li:has-text('{label}') button:has-text('Toelaten')")
    late.wait_for_selector("#heading:has-text('Waiting for the teacher to start.')", timeout=15_000)
    teacher.wait_for_selector("#class-count:has-text('2 van 1 verwachte')")
    expect(teacher.locator("#waiting-badge")).to_be_hidden()


def test_a_phone_the_teacher_turns_away_is_told_so(lesson):
    teacher = lesson.teacher
    teacher.fill("#expected", "1")
    teacher.click("#expect-form button[type=submit]")
    teacher.wait_for_selector("#class-count:has-text('0 van 1 verwachte')")
    lesson.phone()
    late = lesson.phone()
    late.wait_for_selector(".door-code")
    label = late.text_content(".door-code")
    teacher.click(f"#waiting li:has-text('{label}') button:has-text('Weigeren')")
    late.wait_for_selector("#heading:has-text('niet toegelaten')", timeout=15_000)
    expect(late.locator(".door-code")).to_have_count(0)
    teacher.wait_for_selector("#waiting:has-text('Er wachten geen gsm')")


def test_the_remote_counts_answers_in_steps_against_the_class_size(lesson):
    teacher = lesson.teacher
    teacher.fill("#expected", "4")
    teacher.click("#expect-form button[type=submit]")
    teacher.wait_for_selector("#class-count:has-text('0 van 4 verwachte')")
    projector = lesson.projector()
    phones = [lesson.phone() for _ in range(3)]
    to_first_question(lesson, projector)
    teacher.wait_for_selector("#room-state:has-text('Stemmen open · minder dan 3 van 4')")
    phones[0].wait_for_selector(".option")
    phones[0].locator(".answers > .option").nth(0).click()
    phones[0].wait_for_selector("#heading:has-text('Antwoord ontvangen')")
    projector.keyboard.press(" ")  # closed with one answer, which no count shows: still "closed"
    teacher.wait_for_selector("#room-state:has-text('Stemmen gesloten · minder dan 3 van 4')")
    projector.wait_for_selector("#state:has-text('Stemmen is gesloten · minder dan 3 antw')")
    projector.keyboard.press(" ")
    for phone in phones[1:]:
        phone.wait_for_selector(".option")
        phone.locator(".answers > .option").nth(0).click()
        phone.wait_for_selector("#heading:has-text('Antwoord ontvangen')")
    teacher.wait_for_selector("#room-state:has-text('Stemmen open · minstens 3 van 4 antw')")
    projector.wait_for_selector("#state:has-text('minstens 3 antwoorden')")
    assert "minstens 3 antwoorden" in teacher.text_content("#count")
