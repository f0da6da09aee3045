"""Past lessons: every room this laptop keeps, its report, and rooms of one lesson compared.

Behind the library key, like the library: whoever may start rooms and take them over may read
their reports and put them side by side. A teacher key opens its own room's report only
(report.py): one class's teacher does not get to read another class's results.
"""

from __future__ import annotations

from typing import Any

from flask import Blueprint, abort, current_app, redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue
from flask_babel import get_locale
from flask_babel import gettext as _

from ..content.text import localise
from ..live import get_rooms
from ..live.compare import MAX_ROOMS, NotComparable, compare
from ..live.ids import normalise_code
from ..live.report import build_report
from .exports import comparison_csv, comparison_json, filename, to_csv, to_json, when
from .i18n import use_room_language
from .report import download, render_report
from .rooms import check_admin_key

bp = Blueprint("history", __name__)


def _title(lesson_id: str, lang: str) -> str:
    lesson = get_rooms().library.lessons.get(lesson_id)
    return localise(lesson.title, lang) if lesson else lesson_id


def _state(phase: str) -> str:
    return {"ended": _("ended"), "step": _("running")}.get(phase, _("waiting to start"))


def lesson_groups(lang: str) -> list[dict[str, Any]]:
    """Return the stored rooms by lesson (the lesson of the newest room first), newest first."""
    days = float(current_app.config["CLASSROOM_RETENTION_DAYS"])
    by_lesson: dict[str, list[dict[str, Any]]] = {}
    for s in get_rooms().store.list_rooms():  # newest first
        by_lesson.setdefault(s.lesson_id, []).append({
            "code": s.code, "lang": s.lang, "started": when(s.created), "state": _state(s.phase),
            "joined": s.joined, "answered": s.answered,
            "kept_until": when(s.ended_at + days * 86400)[:10] if s.ended_at else "",
        })
    return [{"lesson": lesson_id, "title": _title(lesson_id, lang), "rooms": rows}
            for lesson_id, rows in by_lesson.items()]


@bp.route("/history")
def browse() -> ResponseReturnValue:
    """List every room kept, by lesson, with its report and a way to compare rooms."""
    key = check_admin_key(request.args.get("key"))
    return render_template("history/list.html", key=key, groups=lesson_groups(str(get_locale())),
                           days=current_app.config["CLASSROOM_RETENTION_DAYS"],
                           max_rooms=MAX_ROOMS)


def _codes() -> list[str]:
    """Return the rooms asked for (?room=…, several times), each once, as typed codes."""
    codes = []
    for typed in request.args.getlist("room"):
        code = normalise_code(typed.replace(" ", "").replace("-", ""))
        if code is None:
            abort(404, description=_("No lesson with the code %(code)s is kept on this "
                                     "computer.", code=typed[:12]))
        codes.append(code)
    return list(dict.fromkeys(codes))


def _not_comparable(error: NotComparable) -> str:
    if error.reason == "lessons":
        return _("These rooms ran different lessons (%(lessons)s): choose rooms of one lesson "
                 "to compare them.", lessons=", ".join(error.lessons))
    if error.reason == "many":
        return _("Choose at most %(count)d rooms to compare.", count=MAX_ROOMS)
    return _("Choose at least two rooms to compare.")


def _report() -> tuple[dict[str, Any], str]:
    """Return the report of the rooms asked for: one room's, or the rooms side by side."""
    key = check_admin_key(request.args.get("key"))
    codes = _codes()
    if not codes:
        abort(400, description=_("Choose at least one room."))
    rooms = []
    for code in codes:
        room = get_rooms().load(code)
        if room is None:
            abort(404, description=_("No lesson with the code %(code)s is kept on this "
                                     "computer.", code=code))
        rooms.append(room)
    use_room_language(rooms[0].lang)
    reports = [build_report(room) for room in rooms]
    if len(reports) == 1:
        return reports[0], key
    try:
        return compare(reports), key
    except NotComparable as error:
        abort(400, description=_not_comparable(error))


def _links(key: str) -> dict[str, str]:
    rooms = request.args.getlist("room")
    return {
        "back_url": url_for("history.browse", key=key),
        "back_label": _("Back to past lessons"),
        "csv_url": url_for("history.export_csv", key=key, room=rooms),
        "json_url": url_for("history.export_json", key=key, room=rooms),
    }


@bp.route("/history/report")
def show() -> ResponseReturnValue:
    """Show one room's report, or several rooms of one lesson side by side (library key)."""
    if not request.args.getlist("room"):
        return redirect(url_for("history.browse", key=request.args.get("key", "")))
    report, key = _report()
    return render_report(report, **_links(key))


@bp.route("/history/report.csv")
def export_csv() -> ResponseReturnValue:
    """Download the report (or the rooms side by side, one set of columns each) as CSV."""
    report, _key = _report()
    body = comparison_csv(report) if "rooms" in report else to_csv(report)
    return download(body, "text/csv", filename(report, "csv"))


@bp.route("/history/report.json")
def export_json() -> ResponseReturnValue:
    """Download the report (or the rooms side by side) as JSON."""
    report, _key = _report()
    body = comparison_json(report) if "rooms" in report else to_json(report)
    return download(body, "application/json", filename(report, "json"))
