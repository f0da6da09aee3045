"""One friendly error page for every error, in the visitor's language."""

from __future__ import annotations

from flask import Flask, render_template
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _
from werkzeug.exceptions import HTTPException


def _texts(code: int) -> tuple[str, str]:
    """Return the title and the default advice for an HTTP status."""
    if code == 404:
        return _("Page not found"), _("Check the address, or type the code on the start page.")
    if code == 403:
        return _("No access"), _("This page needs a secret key.")
    if code == 400:
        return _("Something is wrong with this request"), _("Go back and try again.")
    if code == 429:
        return _("Too many wrong codes"), _("Wait a minute, then check the code on the big screen.")
    if code == 413:
        return _("Too much at once"), _("Send less and try again.")
    if code == 405:
        return _("Not possible here"), _("Go back and try again.")
    return _("Something went wrong"), _("Try again in a moment. Your answers are safe.")


def show_error(error: HTTPException) -> ResponseReturnValue:
    """Render the error page for any HTTP error."""
    code = error.code or 500
    title, advice = _texts(code)
    if code == 500 or not isinstance(error.description, str) or error.description == type(
        error
    ).description:
        message = advice  # Werkzeug's own English text is not for our visitors
    else:
        message = error.description
    return render_template("errors/error.html", code=code, title=title, message=message), code


def init_app(app: Flask) -> None:
    """Register the one error page."""
    # Flask turns an unexpected exception into InternalServerError, which lands here too.
    app.register_error_handler(HTTPException, show_error)
