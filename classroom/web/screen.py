"""The projector page: QR code in the lobby, then slides, questions and results."""

from __future__ import annotations

from flask import Blueprint
from flask.typing import ResponseReturnValue

from .rooms import render_teacher_page

bp = Blueprint("screen", __name__)


@bp.route("/screen/<code>")
def show(code: str) -> ResponseReturnValue:
    """Show the projector view of a room (needs the teacher key)."""
    return render_teacher_page(code, "screen/show.html")
