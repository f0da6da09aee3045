"""The projector page: QR code in the lobby, then slides, questions and results.

The page itself holds nothing secret (the join address and the code are on it for all to
see); what it shows comes over the `/screen` socket, which needs the projector's own key.
That key travels after the `#` of the link, which browsers never send to a server, and the
page takes it out of the address bar at once: a photo of the projector shows no key, and the
teacher key is never anywhere near this page.
"""

from __future__ import annotations

from flask import Blueprint, abort, request
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _

from .rooms import find_room, render_room_page

bp = Blueprint("screen", __name__)


@bp.route("/screen/<code>")
def show(code: str) -> ResponseReturnValue:
    """Show the projector view of a room (its key comes after #, read by the page itself)."""
    room = find_room(code)
    if "key" in request.args:  # an old link, perhaps with the teacher key: keep it off screen
        abort(403, description=_("This projector link is out of date. Open the projector from "
                                 "the teacher page."))
    return render_room_page(room, "screen/show.html")
