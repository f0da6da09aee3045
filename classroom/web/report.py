"""The teacher's lesson report: a printable page, and the same aggregates as CSV and JSON.

The teacher key opens the report of its own room only; several rooms side by side need the
library key (history.py).
"""

from __future__ import annotations

import time
from typing import Any

from flask import Blueprint, Response, render_template, url_for
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _

from ..live.report import build_report
from .exports import filename, to_csv, to_json, when
from .rooms import check_teacher_key, find_room

bp = Blueprint("report", __name__)


def _report(code: str) -> tuple[dict[str, Any], str]:
    room = find_room(code)
    key = check_teacher_key(room)
    return build_report(room), key


def render_report(report: dict[str, Any], **context: Any) -> str:
    """Render a room's report page, or rooms side by side (a comparison has `rooms`)."""
    template = "report/compare.html" if "rooms" in report else "report/show.html"
    return render_template(template, report=report, started=when(report.get("created")),
                           made=when(time.time()), **context)


@bp.route("/teach/<code>/report")
def show(code: str) -> ResponseReturnValue:
    """Show the lesson report of a room (needs the teacher key)."""
    report, key = _report(code)
    code = report["code"]
    return render_report(
        report,
        back_url=url_for("teach.control", code=code, key=key),
        back_label=_("Back to the teacher page"),
        csv_url=url_for("report.export_csv", code=code, key=key),
        json_url=url_for("report.export_json", code=code, key=key),
    )


def download(body: str, mimetype: str, name: str) -> Response:
    """Return `body` as a file to save, named `name`."""
    response = Response(body, mimetype=mimetype)
    response.headers["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@bp.route("/teach/<code>/report.csv")
def export_csv(code: str) -> ResponseReturnValue:
    """Download the report as CSV: one row per question step and option (needs the key)."""
    report, _key = _report(code)
    return download(to_csv(report), "text/csv", filename(report, "csv"))


@bp.route("/teach/<code>/report.json")
def export_json(code: str) -> ResponseReturnValue:
    """Download the report as JSON (needs the teacher key)."""
    report, _key = _report(code)
    return download(to_json(report), "application/json", filename(report, "json"))
