"""The join form and the student page, as a student meets them."""

from __future__ import annotations

import json
import re

import pytest


def texts_of(response) -> dict:
    """Return the translated texts a page hands to its script."""
    found = re.search(r'<script type="application/json" id="texts">(.*?)</script>', response.text)
    return json.loads(found.group(1))


def error_of(response) -> str:
    """Return the error message shown on the join form."""
    found = re.search(r'<p id="code-error" class="error" role="alert">(.*?)</p>', response.text)
    return found.group(1) if found else ""


def test_join_form_speaks_dutch_by_default(client):
    page = client.get("/")
    assert page.status_code == 200
    assert '<html lang="nl">' in page.text
    assert "Doe mee met de les" in page.text
    assert '<label for="code">Code</label>' in page.text


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("", "Typ de code die op het grote scherm staat."),
        ("   ", "Typ de code die op het grote scherm staat."),
        ("K7R", "Een code heeft 6 tekens; je typte er 3."),
        ("K7RM4PX", "Een code heeft 6 tekens; je typte er 7."),
        ("K0RM4P", "Een code bevat nooit 0. Kijk nog eens naar de code op het grote scherm."),
        ("OILK1P", "Een code bevat nooit 1, I, L, O."),
        ("KKKKKK", "Er loopt geen les met de code KKKKKK."),
    ],
)
def test_join_form_explains_a_wrong_code_and_keeps_it(client, typed, message):
    page = client.post("/", data={"code": typed})
    assert page.status_code == 400
    assert error_of(page).startswith(message.replace("'", "&#39;"))
    assert f'value="{typed}"' in page.text  # nothing typed is lost
    assert 'aria-invalid="true"' in page.text


@pytest.mark.parametrize("typed", ["{code}", "{lower}", "{spaced}", " {lower} ", "{dashed}"])
def test_join_form_accepts_lowercase_and_spaces(client, room, typed):
    code = room.code
    text = typed.format(
        code=code,
        lower=code.lower(),
        spaced=f"{code[:3]} {code[3:]}",
        dashed=f"{code[:3]}-{code[3:]}",
    )
    answer = client.post("/", data={"code": text})
    assert answer.status_code == 302
    assert answer.headers["Location"] == f"/j/{code}"


def test_join_form_errors_follow_the_chosen_language(client):
    form = client.get("/?lang=fr").text
    assert 'action="/?lang=fr"' in form
    page = client.post("/?lang=fr", data={"code": "K7R"})
    assert "Un code a 6 caractères ; tu en as tapé 3." in page.text


def test_student_page_carries_the_code_and_no_secret(client, room):
    page = client.get(f"/j/{room.code}")
    assert page.status_code == 200
    assert f'data-code="{room.code}"' in page.text
    assert room.teacher_key not in page.text
    assert texts_of(page)["pass"] == "Ik antwoord liever niet"  # in the room's language
    assert 'id="help-open"' in page.text and 'id="hide"' in page.text
    assert 'aria-live="polite"' in page.text


@pytest.mark.parametrize(
    ("query", "browser", "lang", "passing"),
    [
        ("", "", "fr", "Je préfère ne pas répondre"),  # nothing asked: the room's
        ("", "de-DE,de;q=0.9", "fr", "Je préfère ne pas répondre"),  # not offered: the room's
        ("", "nl-BE,nl;q=0.9", "nl", "Ik antwoord liever niet"),  # the browser's
        ("?lang=en", "nl-BE,nl;q=0.9", "en", "I'd rather not answer"),  # picked beats browser
        ("?lang=xx", "en-GB", "en", "I'd rather not answer"),
    ],
)
def test_student_page_speaks_the_phones_language_when_the_lesson_has_it(
    client, rooms, query, browser, lang, passing
):
    room = rooms.create("web-class", "fr")
    page = client.get(f"/j/{room.code}{query}", headers={"Accept-Language": browser})
    assert f'<html lang="{lang}">' in page.text
    assert f'data-lang="{lang}"' in page.text
    assert texts_of(page)["pass"] == passing


def test_a_language_the_lesson_lacks_falls_back_to_the_rooms(client, rooms):
    room = rooms.create("web-second", "en")  # written in en and fr only
    page = client.get(f"/j/{room.code}?lang=nl", headers={"Accept-Language": "nl"})
    assert '<html lang="en">' in page.text


def test_the_language_picked_on_the_join_page_goes_with_the_phone(client, room):
    answer = client.post("/?lang=en", data={"code": room.code})
    assert answer.headers["Location"] == f"/j/{room.code}?lang=en"
    moved = client.get(f"/j/{room.code.lower()}?lang=en")
    assert moved.headers["Location"] == f"/j/{room.code}?lang=en"


def test_student_page_fixes_a_lowercase_code(client, room):
    answer = client.get(f"/j/{room.code.lower()}")
    assert answer.status_code == 302
    assert answer.headers["Location"] == f"/j/{room.code}"


def test_unknown_room_gets_a_clear_page(client):
    page = client.get("/j/KKKKKK")
    assert page.status_code == 404
    assert "Er loopt geen les met de code KKKKKK." in page.text
    assert 'href="/"' in page.text


@pytest.mark.parametrize(
    ("lang", "forms"),
    [
        ("nl", ["{count} antwoorden", "{count} antwoord", "{count} antwoorden"]),
        ("en", ["{count} answers", "{count} answer", "{count} answers"]),
        ("fr", ["{count} réponse", "{count} réponse", "{count} réponses"]),  # 0 is singular
    ],
)
def test_counted_texts_come_as_ngettext_forms_for_0_1_and_2(client, room, lang, forms):
    page = client.get(f"/j/{room.code}?lang={lang}")
    assert texts_of(page)["answers"] == forms
