"""HTTP pages and files: student, screen (projector), teach (control)."""

from __future__ import annotations

from flask import Flask

from . import (
    errors,
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
from .strikes import Strikes


def init_app(app: Flask) -> None:
    """Register the blueprints, translations and security headers."""
    i18n.init_app(app)
    app.extensions["classroom.web.strikes"] = Strikes()
    static.init_app(app)
    security.init_app(app)
    errors.init_app(app)
    for module in (student, screen, teach, report, library, organise, qr):
        app.register_blueprint(module.bp)
