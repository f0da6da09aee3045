"""The teacher's control page: a remote for the laptop or a phone."""

from __future__ import annotations

from flask import Blueprint, render_template, url_for
from flask.typing import ResponseReturnValue

from .rooms import check_teacher_key, find_room, join_url

bp = Blueprint("teach", __name__)


@bp.route("/teach/<code>")
def control(code: str) -> ResponseReturnValue:
    """Show the control page of a room (needs the teacher key)."""
    room = find_room(code)
    key = check_teacher_key(room)
    return render_template(
        "teach/control.html",
        code=room.code,
        key=key,
        join_url=join_url(room),
        screen_url=url_for("screen.show", code=room.code, key=key, _external=False),
        qr_url=url_for("qr.draw", code=room.code),
    )
