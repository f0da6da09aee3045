"""The organiser's page: every room of the day, on every worker, and a form to start one."""

from __future__ import annotations

import datetime as dt

from flask import Blueprint, abort, current_app, redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue
from flask_babel import get_locale
from flask_babel import gettext as _

from ..content.text import localise
from ..live import get_rooms
from .i18n import LANGUAGE_NAMES
from .library import lesson_rows, start_from_form

bp = Blueprint("organise", __name__)


def check_organiser_key(key: str | None) -> str:
    """Return the organiser key, or show a 403 page when it is wrong (never the library's)."""
    if not key or not current_app.extensions["classroom.organiser_key"].check(key):
        abort(403, description=_("The organiser page needs its secret key. Use the link "
                                 "printed by `classroom serve`."))
    return key


def phase_label(phase: str) -> str:
    """Return how the page names a room's phase."""
    if phase == "step":
        return _("running")
    return _("ended") if phase == "ended" else _("waiting to start")


def day_rows(lang: str) -> list[dict]:
    """Return the rooms started since midnight (this server's clock), oldest first; no keys."""
    rooms = get_rooms()
    midnight = dt.datetime.combine(dt.date.today(), dt.time()).timestamp()
    rows = []
    for record in rooms.store.rooms_since(midnight):
        lesson = rooms.library.lessons.get(record.lesson_id)
        rows.append({
            "code": record.code,
            "title": localise(lesson.title, record.lang or lang) if lesson else record.lesson_id,
            "lang": record.lang,
            "phase": phase_label(record.phase),
            "started": dt.datetime.fromtimestamp(record.created).strftime("%H:%M"),
        })
    return rows


@bp.route("/organise", methods=["GET", "POST"])
def day() -> ResponseReturnValue:
    """List the rooms of the day; a POST starts a room and opens its teacher page."""
    key = check_organiser_key(request.values.get("key"))
    lang = str(get_locale())
    error, chosen = None, request.form.get("lesson")
    if request.method == "POST":
        rooms = get_rooms()
        room, error = start_from_form(rooms)
        if room is not None:
            # The proxy may send the room to another worker: let that one take it at once.
            rooms.hand_off(room.code)
            return redirect(url_for("teach.control", code=room.code, key=room.teacher_key))
    page = render_template(
        "organise/day.html", key=key, rooms=day_rows(lang), lessons=lesson_rows(lang),
        error=error, chosen=chosen, language_names=LANGUAGE_NAMES,
    )
    return page, 400 if error else 200
