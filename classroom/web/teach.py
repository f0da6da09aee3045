"""The teacher's control page: a remote for the laptop or a phone."""

from __future__ import annotations

from flask import Blueprint
from flask.typing import ResponseReturnValue

from .rooms import render_teacher_page

bp = Blueprint("teach", __name__)


@bp.route("/teach/<code>")
def control(code: str) -> ResponseReturnValue:
    """Show the control page of a room (needs the teacher key)."""
    return render_teacher_page(code, "teach/control.html")
