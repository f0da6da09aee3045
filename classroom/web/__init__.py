"""HTTP pages and files: student, screen (projector), teach (control)."""

from __future__ import annotations

from flask import Flask

from . import (
    errors,
    history,
    i18n,
    library,
    organise,
    qr,
    report,
    screen,
    security,
    static,
    student,
    teach,
)
from .exports import when
from .strikes import Strikes


def init_app(app: Flask) -> None:
    """Register the blueprints, translations and security headers."""
    i18n.init_app(app)
    app.extensions["classroom.web.strikes"] = Strikes()
    static.init_app(app)
    security.init_app(app)
    errors.init_app(app)
    app.add_template_filter(when, "when")
    for module in (student, screen, teach, report, library, history, organise, qr):
        app.register_blueprint(module.bp)
