"""The teacher's control page: a remote for the laptop or a phone."""

from __future__ import annotations

from flask import Blueprint
from flask.typing import ResponseReturnValue

from .rooms import check_teacher_key, find_room, render_room_page, screen_url

bp = Blueprint("teach", __name__)


@bp.route("/teach/<code>")
def control(code: str) -> ResponseReturnValue:
    """Show the control page of a room (needs the teacher key)."""
    room = find_room(code)
    key = check_teacher_key(room)
    return render_room_page(room, "teach/control.html", key=key, screen_url=screen_url(room))
