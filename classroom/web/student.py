"""Student pages: the join form and the app a phone runs during the lesson."""

from __future__ import annotations

from flask import Blueprint, redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _

from .i18n import LANGUAGE_NAMES, phone_language, picked_language, use_room_language
from .rooms import code_problem, find_room, normalise_code, running

bp = Blueprint("student", __name__)


@bp.route("/", methods=["GET", "POST"])
def join() -> ResponseReturnValue:
    """Show the join form; on a good code, go to that room's student page."""
    typed = request.values.get("code", "") if request.method == "POST" else ""
    error = None
    if request.method == "POST":
        code = normalise_code(typed)
        error = code_problem(code)
        if error is None and not running(code):
            error = _(
                "No lesson with the code %(code)s is running. Check the code on the big screen.",
                code=code,
            )
        if error is None:  # the language picked on this page goes with the phone
            return redirect(url_for("student.follow", code=code, lang=picked_language()))
    page = render_template(
        "student/join.html", typed=typed, error=error, languages=LANGUAGE_NAMES
    )
    return page, 400 if error else 200


@bp.route("/j/<code>")
def follow(code: str) -> ResponseReturnValue:
    """Run the student app for one room: it follows the teacher by itself."""
    canonical = normalise_code(code)
    if canonical != code and code_problem(canonical) is None:  # k7r-m4p: the room's own URL
        return redirect(url_for("student.follow", code=canonical, lang=picked_language()))
    room = find_room(code)
    lang = phone_language(room.lesson.languages, room.lang)
    use_room_language(lang)
    return render_template(
        "student/app.html",
        code=room.code,
        lang=lang,
        languages={c: LANGUAGE_NAMES[c] for c in room.lesson.languages if c in LANGUAGE_NAMES},
    )
