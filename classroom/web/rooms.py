"""Find the room a page is about, and check the keys that guard it."""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import quote

from flask import abort, current_app, render_template, request, url_for
from flask_babel import gettext as _

from ..content.builtin import LANGUAGES
from ..live import get_rooms, views
from ..live.errors import LiveError
from ..live.ids import ALPHABET, CODE_LENGTH
from .i18n import use_room_language

_SEPARATORS = re.compile(r"[\s\-_.]+")


def normalise_code(text: str) -> str:
    """Return a typed code in capitals without spaces or dashes (k7r m4p → K7RM4P)."""
    return _SEPARATORS.sub("", text or "").upper()


def code_problem(code: str) -> str | None:
    """Say what is wrong with a normalised code, or None when it could be a room."""
    if not code:
        return _("Type the code shown on the big screen.")
    if len(code) != CODE_LENGTH:
        return _(
            "A code has %(length)d characters; you typed %(count)d.",
            length=CODE_LENGTH,
            count=len(code),
        )
    odd = sorted({char for char in code if char not in ALPHABET})
    if odd:
        return _(
            "A code never contains %(chars)s. Check the code on the big screen.",
            chars=", ".join(odd),
        )
    return None


def lookup(code: str) -> Any:
    """Return the room with this code or None; show a 429 page to an address that guesses.

    The right code is never refused: one student guessing codes must not lock out the class
    that shares the address. Wrong guesses of a blocked address wait before their 429.
    The proxy sends a page by the code in its path, so this worker may take the room over
    (docs/scaling.md); a code that is not the path's as written is not taken over.
    """
    try:
        room = get_rooms().find(normalise_code(code), take_over=code == normalise_code(code))
    except LiveError as error:  # another worker is handing the room over: try again soon
        lang = request.accept_languages.best_match(LANGUAGES) or error.lang
        abort(503, description=LiveError(error.code, lang).message)
    return room if room is not None else _guessed()


def running(code: str) -> bool:
    """Tell whether a room with this (normalised) code runs, on this worker or another.

    For the join form: any worker may get its request, so asking must not move the room.
    """
    if get_rooms().running(code):
        return True
    _guessed()
    return False


def _guessed() -> None:
    """Count a wrong code against the address; a blocked one waits, then gets a 429."""
    strikes = current_app.extensions["classroom.web.strikes"]
    if strikes.blocked(request.remote_addr):
        strikes.strike(request.remote_addr)
        strikes.pause()
        abort(429)
    strikes.strike(request.remote_addr)
    return None


def find_room(code: str) -> Any:
    """Return the room with this code and speak its language, or show a 404 page."""
    room = lookup(code)
    if room is None:
        abort(404, description=_("No lesson with the code %(code)s is running.", code=code))
    use_room_language(room.lang)
    return room


def check_teacher_key(room: Any) -> str:
    """Return the ?key= of a teacher page, or show a 403 page when it is not the room's.

    Only the teacher key: the projector's key can only watch, never open a teacher page.
    """
    key = request.args.get("key", "")
    if not key or not room.check_key(key, "teach"):
        abort(403, description=_("This link needs the teacher's secret key. Use the link printed "
                                 "when the lesson was started."))
    return key


def check_admin_key(key: str | None) -> str:
    """Return the library key, or show a 403 page when it is wrong."""
    if not key or not current_app.extensions["classroom.library_key"].check(key):
        abort(403, description=_("The library needs its secret key. Use the link printed by "
                                 "`classroom run`."))
    return key


def join_url(room: Any) -> str:
    """Return the URL phones open to join (the public address, never localhost if known)."""
    base = current_app.config.get("CLASSROOM_PUBLIC_URL") or request.host_url
    return views.join_url(room, base)


def screen_url(room: Any) -> str:
    """Return the projector's link on this server: its own key, after # (never sent to us)."""
    return url_for("screen.show", code=room.code) + "#key=" + quote(room.screen_key)


def render_room_page(room: Any, template: str, **extra: Any) -> str:
    """Render a page of a room (projector, control) with the room's public links."""
    return render_template(
        template,
        code=room.code,
        join_url=join_url(room),
        qr_url=url_for("qr.draw", code=room.code),
        **extra,
    )
