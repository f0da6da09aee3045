"""The join QR code as SVG: no Pillow, drawn once per URL."""

from __future__ import annotations

from functools import lru_cache

import qrcode
import qrcode.image.svg
from flask import Blueprint, Response

from .rooms import find_room, join_url

bp = Blueprint("qr", __name__)


@lru_cache(maxsize=64)
def qr_svg(url: str) -> bytes:
    """Return an SVG QR code (white background, dark modules) for a URL."""
    code = qrcode.QRCode(
        error_correction=qrcode.constants.ERROR_CORRECT_M,
        border=2,
        image_factory=qrcode.image.svg.SvgPathFillImage,
    )
    code.add_data(url)
    return code.make_image().to_string()


@bp.route("/qr/<code>.svg")
def draw(code: str) -> Response:
    """Send the QR code that leads a phone to this room's student page."""
    room = find_room(code)
    response = Response(qr_svg(join_url(room)), mimetype="image/svg+xml")
    response.headers["Cache-Control"] = "public, max-age=3600"
    return response
