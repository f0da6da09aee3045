"""A report as a page saved to a file: rendered without a server, its styles inside it.

`classroom report --format html` (and `pdf`, which prints this page) needs no running server,
no network and no other file: the page carries its own styles and no script, and opens the
same from a USB stick as in a school's archive ten years on.
"""

from __future__ import annotations

from typing import Any

from flask import Flask

from . import i18n, static
from .exports import when
from .report import render_report

STYLES = ("css/classroom.css", "css/report.css")


def inline_styles() -> str:
    """Return the report's style sheets as one text, to put inside the page."""
    root = static.static_root()
    return "\n".join((root / name).read_text(encoding="utf-8") for name in STYLES)


def _app() -> Flask:
    app = Flask("classroom", static_folder=None)  # the package's templates and translations
    app.config.from_mapping(BABEL_DEFAULT_LOCALE="nl")
    i18n.init_app(app)
    static.init_app(app)
    app.add_template_filter(when, "when")
    return app


def report_html(report: dict[str, Any]) -> str:
    """Return the page of a room's report, or of rooms side by side, as one file."""
    app = _app()
    with app.test_request_context("/"):
        i18n.use_room_language(report["lang"])
        return render_report(report, inline_styles=inline_styles())
