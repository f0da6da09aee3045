"""The projector page: QR code in the lobby, then slides, questions and results."""

from __future__ import annotations

from flask import Blueprint, render_template, url_for
from flask.typing import ResponseReturnValue

from .rooms import check_teacher_key, find_room, join_url

bp = Blueprint("screen", __name__)


@bp.route("/screen/<code>")
def show(code: str) -> ResponseReturnValue:
    """Show the projector view of a room (needs the teacher key)."""
    room = find_room(code)
    key = check_teacher_key(room)
    return render_template(
        "screen/show.html",
        code=room.code,
        key=key,
        join_url=join_url(room),
        qr_url=url_for("qr.draw", code=room.code),
    )
