"""The teacher's lesson report: a printable page, and the same aggregates as CSV and JSON.

The CSV is UTF-8 with a byte-order mark (so Excel reads the accents), a header row, and
semicolons between fields: the list separator of Dutch and French Excel, and LibreOffice asks.
Decimals follow the room's language (3,4 in nl and fr, 3.4 in en); the JSON keeps numbers.
"""

from __future__ import annotations

import csv
import io
import json
from datetime import datetime
from typing import Any

from flask import Blueprint, Response, render_template, url_for
from flask.typing import ResponseReturnValue

from ..live.report import COLUMNS, build_report, export_rows
from .rooms import check_teacher_key, find_room

bp = Blueprint("report", __name__)

DELIMITER = ";"
COMMA_DECIMALS = ("nl", "fr")
# A cell that starts like a formula is shown as text, never run, by the spreadsheet.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _report(code: str) -> tuple[dict[str, Any], str]:
    room = find_room(code)
    key = check_teacher_key(room)
    return build_report(room), key


def _when(moment: float | None) -> str:
    return datetime.fromtimestamp(moment).strftime("%Y-%m-%d %H:%M") if moment else ""


@bp.route("/teach/<code>/report")
def show(code: str) -> ResponseReturnValue:
    """Show the lesson report of a room (needs the teacher key)."""
    report, key = _report(code)
    code = report["code"]
    return render_template(
        "report/show.html",
        report=report,
        started=_when(report["created"]),
        teach_url=url_for("teach.control", code=code, key=key),
        csv_url=url_for("report.export_csv", code=code, key=key),
        json_url=url_for("report.export_json", code=code, key=key),
    )


def _filename(report: dict[str, Any], extension: str) -> str:
    day = _when(report["created"])[:10] or "undated"
    return f"report-{report['lesson']}-{day}.{extension}"


def _download(body: str, mimetype: str, filename: str) -> Response:
    response = Response(body, mimetype=mimetype)
    response.headers["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def _cell(value: Any, lang: str) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, float):
        text = f"{value:.1f}"  # means and mean places, rounded to one decimal
        return text.replace(".", ",") if lang in COMMA_DECIMALS else text
    text = str(value)
    return "'" + text if text.startswith(FORMULA_START) else text


def to_csv(report: dict[str, Any]) -> str:
    """Return the report's rows as CSV text (a byte-order mark first, semicolons, CRLF)."""
    out = io.StringIO()
    out.write("\ufeff")
    writer = csv.writer(out, delimiter=DELIMITER)
    writer.writerow(COLUMNS)
    for row in export_rows(report):
        writer.writerow([_cell(row[column], report["lang"]) for column in COLUMNS])
    return out.getvalue()


@bp.route("/teach/<code>/report.csv")
def export_csv(code: str) -> ResponseReturnValue:
    """Download the report as CSV: one row per question step and option (needs the key)."""
    report, _key = _report(code)
    return _download(to_csv(report), "text/csv", _filename(report, "csv"))


def to_json(report: dict[str, Any]) -> str:
    """Return the report as JSON: the page's aggregates plus the same rows as the CSV."""
    data = {**report, "columns": list(COLUMNS), "rows": list(export_rows(report))}
    return json.dumps(data, ensure_ascii=False, indent=1)


@bp.route("/teach/<code>/report.json")
def export_json(code: str) -> ResponseReturnValue:
    """Download the report as JSON (needs the teacher key)."""
    report, _key = _report(code)
    return _download(to_json(report), "application/json", _filename(report, "json"))
