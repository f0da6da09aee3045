"""`classroom preview`: every step of a lesson or quiz as the projector and a phone show it.

A small app of its own, for the author's own computer: it reads the author's files, shows each
step in the real projector and phone pages (their own templates and scripts, given states the
real rooms and views made), and reads the files again when one is saved. It binds to 127.0.0.1
only and refuses any other address or host name (docs/security.md: why it needs no key).
"""

from __future__ import annotations

import secrets
from pathlib import Path

from flask import Flask, abort, request
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _

LOOPBACK = {"127.0.0.1", "::1"}
LOCAL_NAMES = {"127.0.0.1", "localhost", "::1"}


def local_only() -> ResponseReturnValue | None:
    """Refuse a request from another computer, or for a host name that is not this computer's.

    The server listens on 127.0.0.1 only; the host check also stops a web page elsewhere from
    reading the preview through a DNS name that points at 127.0.0.1 (DNS rebinding).
    """
    host = request.host.rsplit(":", 1)[0].strip("[]").lower()
    if request.remote_addr not in LOOPBACK or host not in LOCAL_NAMES:
        abort(403, description=_("The preview only opens on the computer it runs on: "
                                 "http://127.0.0.1 and the port `classroom preview` printed."))
    return None


def frame_headers(response):  # type: ignore[no-untyped-def]
    """Let the preview's own page hold its projector and phone frames (and nobody else)."""
    csp = response.headers.get("Content-Security-Policy", "")
    response.headers["Content-Security-Policy"] = csp.replace(
        "frame-ancestors 'none'", "frame-ancestors 'self'")
    response.headers["X-Frame-Options"] = "SAMEORIGIN"
    if not request.path.startswith("/static/"):
        response.headers["Cache-Control"] = "no-store"  # the files change: read them again
    return response


def create_preview_app(paths: list[Path]) -> Flask:
    """Create the preview app for the lessons, quizzes and help sets under `paths`."""
    from classroom.web import errors, i18n, security, static
    from classroom.web.exports import when

    from . import web
    from .sources import Sources

    app = Flask("classroom", static_folder=None)  # the package's templates and translations
    app.config.from_mapping(BABEL_DEFAULT_LOCALE="nl", SECRET_KEY=secrets.token_hex(32))
    i18n.init_app(app)
    static.init_app(app)
    app.after_request(frame_headers)  # Flask runs these last first: after security's headers
    security.init_app(app)
    errors.init_app(app)
    app.add_template_filter(when, "when")
    app.before_request(local_only)
    app.extensions["classroom.preview"] = web.Previewer(Sources(paths))
    app.register_blueprint(web.bp)
    return app
