"""The library: every lesson, the running rooms, and a button to start a room."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, abort, current_app, redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue
from flask_babel import get_locale
from flask_babel import gettext as _

from ..content.text import localise
from ..live import get_rooms
from ..live.guard import rotate
from .i18n import LANGUAGE_NAMES
from .rooms import check_admin_key


def lesson_rows(lang: str) -> list[dict]:
    """Return what the library shows of each lesson, sorted by title."""
    rows = []
    for lesson_id, lesson in get_rooms().library.lessons.items():
        rows.append(
            {
                "id": lesson_id,
                "title": localise(lesson.title, lang),
                "summary": localise(lesson.summary, lang) if lesson.summary else "",
                "audience": ", ".join(lesson.audience),
                "minutes": lesson.minutes,
                "languages": list(lesson.languages),
            }
        )
    return sorted(rows, key=lambda row: row["title"].casefold())


def room_rows(lang: str) -> list[dict]:
    """Return the rooms that have not ended, oldest first (the registry's order)."""
    rows = []
    for room in get_rooms().all():
        if room.phase == "ended":
            continue
        # No keys: this page may well be on the projector while a lesson is started.
        rows.append(
            {
                "code": room.code,
                "title": localise(room.lesson.title, room.lang or lang),
                "phase": _("running") if room.phase == "step" else _("waiting to start"),
                "lang": room.lang,
            }
        )
    return rows


bp = Blueprint("library", __name__)


@bp.post("/library/take")
def take() -> ResponseReturnValue:
    """Give a running room a new teacher key and open its control page with it.

    For a teacher who lost the teacher link: the library key may take a room over, and
    whoever held the old teacher link is cut off.
    """
    check_admin_key(request.form.get("key"))
    room = get_rooms().find(request.form.get("code"))
    if room is None or room.phase == "ended":
        abort(404, description=_("No lesson with the code %(code)s is running.",
                                 code=request.form.get("code", "")))
    old = room.teacher_key
    rotate(room, "teacher")
    current_app.extensions["classroom.broadcaster"].cut_off(room.code, "teach", old)
    return redirect(url_for("teach.control", code=room.code, key=room.teacher_key))


@bp.post("/library/rotate")
def rotate_key() -> ResponseReturnValue:
    """Replace the library key; old library links stop working."""
    check_admin_key(request.form.get("key"))
    key = current_app.extensions["classroom.library_key"].rotate()
    return redirect(url_for("library.browse", key=key))


def start_from_form(rooms: Any) -> tuple[Any, str | None]:
    """Start the room the posted form asks for (lesson, language); return it, or the error."""
    lessons, chosen = rooms.library.lessons, request.form.get("lesson")
    room_lang = request.form.get("lang") or None
    if chosen not in lessons:
        return None, _("Choose a lesson from the list.")
    if room_lang is not None and room_lang not in lessons[chosen].languages:
        return None, _("This lesson is not written in that language. Choose one of its languages.")
    return rooms.create(chosen, lang=room_lang), None


@bp.route("/library", methods=["GET", "POST"])
def browse() -> ResponseReturnValue:
    """List the lessons and running rooms; a POST starts a room and opens its control page."""
    key = check_admin_key(request.values.get("key"))
    lang = str(get_locale())
    error, chosen = None, request.form.get("lesson")
    if request.method == "POST":
        room, error = start_from_form(get_rooms())
        if room is not None:
            return redirect(url_for("teach.control", code=room.code, key=room.teacher_key))
    page = render_template(
        "library/browse.html",
        key=key,
        lessons=lesson_rows(lang),
        rooms=room_rows(lang),
        error=error,
        chosen=chosen,
        language_names=LANGUAGE_NAMES,
    )
    return page, 400 if error else 200
