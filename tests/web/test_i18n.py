"""Translations: complete in nl, en and fr, compiled, and chosen the way a visitor expects."""

from __future__ import annotations

import re
from gettext import GNUTranslations
from io import BytesIO
from pathlib import Path

import pytest
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

TRANSLATIONS = Path(__file__).resolve().parents[2] / "classroom" / "translations"
LANGS = ["nl", "en", "fr"]
PLACEHOLDER = re.compile(r"%\(\w+\)[sd]|\{\w+\}")


def catalog(lang: str):
    """Return the parsed .po catalog of a language."""
    with open(TRANSLATIONS / lang / "LC_MESSAGES" / "messages.po", "rb") as file:
        return read_po(file, locale=lang)


def template_ids() -> set[str]:
    """Return every msgid of messages.pot."""
    with open(TRANSLATIONS / "messages.pot", "rb") as file:
        return {m.id for m in read_po(file) if m.id}


def messages(lang: str) -> dict[str, str]:
    """Return msgid -> msgstr of a .po file (the header left out); a plural as its forms."""
    return {m.id: m.string for m in catalog(lang) if m.id}


def forms(msgid, text) -> list[tuple[str, str]]:
    """Return (source, translation) pairs: one for a text, one per form of a plural."""
    if isinstance(msgid, str):
        return [(msgid, text)]
    return [(msgid[-1], form) for form in text]  # every form takes the plural's placeholders


@pytest.mark.parametrize("lang", LANGS)
def test_mo_files_match_the_po_files(lang):
    compiled = BytesIO()
    write_mo(compiled, catalog(lang))
    compiled.seek(0)
    expected = GNUTranslations(compiled)._catalog
    with open(TRANSLATIONS / lang / "LC_MESSAGES" / "messages.mo", "rb") as file:
        committed = GNUTranslations(file)._catalog
    assert committed == expected, f"run: pybabel compile -d classroom/translations ({lang})"


@pytest.mark.parametrize("lang", LANGS)
def test_every_message_is_translated(lang):
    template = template_ids()
    found = messages(lang)
    assert set(found) == template, "run pybabel update, then translate"
    untranslated = [m for m, text in found.items() if not all(t for _, t in forms(m, text))]
    assert untranslated == []
    assert [m.id for m in catalog(lang) if m.fuzzy and m.id] == []


@pytest.mark.parametrize("lang", LANGS)
def test_translations_keep_their_placeholders(lang):
    for msgid, text in messages(lang).items():
        for source, form in forms(msgid, text):
            assert sorted(PLACEHOLDER.findall(form)) == sorted(PLACEHOLDER.findall(source)), msgid


def test_every_page_text_is_in_the_template():
    """A text wrapped in _() in a template or view must be in messages.pot (run pybabel extract)."""
    template = template_ids()
    root = TRANSLATIONS.parent
    for path in [*root.joinpath("templates").rglob("*.html"), *root.joinpath("web").glob("*.py")]:
        for text in re.findall(r"""_\(\s*"((?:[^"\\]|\\.)+)"\s*[,)]""", path.read_text()):
            if "\n" not in text and '" "' not in text:
                assert text.replace('\\"', '"') in template, f"{path.name}: {text}"


@pytest.mark.parametrize(
    ("headers", "query", "title"),
    [
        ({}, "", "Doe mee met de les"),
        ({"Accept-Language": "en-GB,en;q=0.9"}, "", "Join the lesson"),
        ({"Accept-Language": "fr-BE,fr;q=0.9,en;q=0.5"}, "", "Participe à la leçon"),
        ({"Accept-Language": "de-DE,de;q=0.9"}, "", "Doe mee met de les"),
        ({"Accept-Language": "en"}, "?lang=fr", "Participe à la leçon"),
        ({}, "?lang=xx", "Doe mee met de les"),
    ],
)
def test_the_start_page_picks_the_visitors_language(client, headers, query, title):
    page = client.get(f"/{query}", headers=headers)
    assert f"<h1>{title}</h1>" in page.text


def test_the_start_page_has_a_language_switch(client):
    page = client.get("/")
    for code, name in [("nl", "Nederlands"), ("en", "English"), ("fr", "Français")]:
        assert f'href="/?lang={code}" lang="{code}"' in page.text and name in page.text


def test_error_pages_speak_the_visitors_language(client):
    page = client.get("/nope", headers={"Accept-Language": "fr"})
    assert "Page introuvable" in page.text
