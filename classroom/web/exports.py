"""A report's aggregates as CSV and JSON: one room (report.py) or several side by side (compare.py).

The CSV is UTF-8 with a byte-order mark (so Excel reads the accents), a header row, and
semicolons between fields: the list separator of Dutch and French Excel, and LibreOffice asks.
Decimals follow the room's language (3,4 in nl and fr, 3.4 in en); the JSON keeps numbers.
No request and no app needed: `classroom report` writes the same files as the web page.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Sequence
from datetime import datetime
from typing import Any

from ..live import compare
from ..live.report import COLUMNS, export_rows

DELIMITER = ";"
COMMA_DECIMALS = ("nl", "fr")
# A cell that starts like a formula is shown as text, never run, by the spreadsheet.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def when(moment: float | None) -> str:
    """Return a moment as the report prints it (local time), or "" for none."""
    return datetime.fromtimestamp(moment).strftime("%Y-%m-%d %H:%M") if moment else ""


def filename(report: dict[str, Any], extension: str) -> str:
    """Return the file name of a report's download: lesson and day (and rooms, compared)."""
    rooms = report.get("rooms")
    if rooms:  # a comparison: the lesson and each room's code
        return f"compare-{report['lesson']}-{'-'.join(r['code'] for r in rooms)}.{extension}"
    day = when(report["created"])[:10] or "undated"
    return f"report-{report['lesson']}-{day}.{extension}"


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


def table_csv(columns: Sequence[str], rows: Iterable[dict[str, Any]], lang: str) -> str:
    """Return rows as CSV text (a byte-order mark first, semicolons, CRLF)."""
    out = io.StringIO()
    out.write("\ufeff")
    writer = csv.writer(out, delimiter=DELIMITER)
    writer.writerow(columns)
    for row in rows:
        writer.writerow([_cell(row[column], lang) for column in columns])
    return out.getvalue()


def to_csv(report: dict[str, Any]) -> str:
    """Return a room's report as CSV: one row per question step and option."""
    return table_csv(COLUMNS, export_rows(report), report["lang"])


def to_json(report: dict[str, Any]) -> str:
    """Return a room's report as JSON: the page's aggregates plus the same rows as the CSV."""
    data = {**report, "columns": list(COLUMNS), "rows": list(export_rows(report))}
    return json.dumps(data, ensure_ascii=False, indent=1)


def comparison_csv(comparison: dict[str, Any]) -> str:
    """Return rooms side by side as CSV: one row per question and answer, columns per room."""
    return table_csv(compare.columns(comparison), compare.export_rows(comparison),
                     comparison["lang"])


def comparison_json(comparison: dict[str, Any]) -> str:
    """Return rooms side by side as JSON: the page's figures plus the CSV's rows."""
    columns = compare.columns(comparison)
    data = {**comparison, "columns": columns, "rows": list(compare.export_rows(comparison))}
    return json.dumps(data, ensure_ascii=False, indent=1)
