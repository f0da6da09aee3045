"""The join QR code as SVG."""

from __future__ import annotations

import qrcode

from classroom.web.qr import qr_svg
from tests.web.conftest import PUBLIC_URL


def test_qr_code_is_an_svg_of_the_join_url(client, room):
    answer = client.get(f"/qr/{room.code}.svg")
    assert answer.status_code == 200
    assert answer.headers["Content-Type"].startswith("image/svg+xml")
    assert "max-age" in answer.headers["Cache-Control"]
    assert answer.data == qr_svg(f"{PUBLIC_URL}/j/{room.code}")
    assert b"<svg" in answer.data and b"<path" in answer.data


def test_qr_code_holds_the_join_url():
    """The modules drawn are those of the join URL (no decoder needed: compare with qrcode)."""
    url = f"{PUBLIC_URL}/j/K7RM4P"
    code = qrcode.QRCode(error_correction=qrcode.constants.ERROR_CORRECT_M, border=2)
    code.add_data(url)
    code.make()
    dark = sum(row.count(True) for row in code.get_matrix())
    assert qr_svg(url).count(b"z") >= dark // 4  # one path piece per run of dark modules
    assert qr_svg(url) != qr_svg(f"{PUBLIC_URL}/j/K7RM4Q")


def test_qr_code_of_an_unknown_room_is_not_found(client):
    assert client.get("/qr/KKKKKK.svg").status_code == 404
