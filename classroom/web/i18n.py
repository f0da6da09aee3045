"""Which language a page speaks: the room's, else the visitor's, else Dutch."""

from __future__ import annotations

from flask import Flask, current_app, g, request
from flask_babel import get_locale, refresh

from ..content.builtin import LANGUAGES  # the languages every built-in text is written in
from ..extensions import babel
from .plurals import plural_texts

LANGUAGE_NAMES = {"nl": "Nederlands", "en": "English", "fr": "Français"}


def select_locale() -> str:
    """Return the room's language on room pages, else ?lang=, else Accept-Language, else nl."""
    room_lang = g.get("room_lang")
    if room_lang in LANGUAGES:
        return room_lang
    asked = request.args.get("lang")  # never the form: parsing it may be what failed
    if asked in LANGUAGES:
        return asked
    best = request.accept_languages.best_match(LANGUAGES)
    return best or current_app.config.get("BABEL_DEFAULT_LOCALE", "nl")


def picked_language() -> str | None:
    """Return the language chosen with ?lang= (on the join page), or None."""
    asked = request.args.get("lang")
    return asked if asked in LANGUAGES else None


def phone_language(offered: list[str], room_lang: str) -> str:
    """Return the language a phone reads: ?lang=, else its browser's, if the lesson has it.

    The projector keeps the room's language; each phone may read another the lesson offers.
    """
    offered = [lang for lang in offered if lang in LANGUAGES]
    asked = picked_language()
    if asked in offered:
        return asked
    return request.accept_languages.best_match(offered) or room_lang


def use_room_language(lang: str | None) -> None:
    """Make this request's pages speak the room's language (if we have it)."""
    if lang in LANGUAGES:
        g.room_lang = lang
        refresh()  # Flask-Babel caches the locale per request; forget it


def init_app(app: Flask) -> None:
    """Load the translations and let templates ask for the page's language."""
    babel.init_app(app, locale_selector=select_locale)
    app.jinja_env.globals["get_locale"] = get_locale
    app.jinja_env.globals["plural_texts"] = plural_texts
