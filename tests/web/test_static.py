"""Static files: found in a checkout, gzipped, cached, and nothing outside the folder."""

from __future__ import annotations

import gzip
import re

import pytest

from classroom.web.static import static_root


def test_static_files_are_gzipped_for_browsers_that_accept_it(client):
    plain = client.get("/static/js/student.js")
    packed = client.get("/static/js/student.js", headers={"Accept-Encoding": "gzip, br"})
    assert plain.headers.get("Content-Encoding") is None
    assert packed.headers["Content-Encoding"] == "gzip"
    assert gzip.decompress(packed.data) == plain.data
    assert packed.headers["Vary"] == "Accept-Encoding"
    assert plain.headers["Content-Type"] == "text/javascript; charset=utf-8"


def test_versioned_urls_are_cached_for_a_year(client, room):
    page = client.get(f"/j/{room.code}").text
    url = re.search(r'src="(/static/js/student\.js\?v=\w+)"', page).group(1)
    assert "immutable" in client.get(url).headers["Cache-Control"]
    assert client.get("/static/js/student.js").headers["Cache-Control"] == "public, max-age=3600"


def test_an_unchanged_file_is_not_sent_again(client):
    first = client.get("/static/css/classroom.css")
    etag = first.headers["ETag"]
    again = client.get("/static/css/classroom.css", headers={"If-None-Match": etag})
    assert again.status_code == 304
    assert again.data == b""


@pytest.mark.parametrize(
    "path", ["/static/../classroom/__init__.py", "/static/%2e%2e/pyproject.toml", "/static/nope.js"]
)
def test_nothing_outside_the_static_folder(client, path):
    assert client.get(path).status_code == 404


def test_the_socket_io_client_is_vendored_with_its_licence():
    vendor = static_root() / "vendor"
    assert (vendor / "socket.io.min.js").stat().st_size > 10_000
    assert "MIT" in (vendor / "LICENSE").read_text() or "Permission is hereby granted" in (
        vendor / "LICENSE"
    ).read_text()
    readme = (vendor / "README.md").read_text()
    assert "4.8.4" in readme and "npm pack" in readme
    assert "Socket.IO v4.8.4" in (vendor / "socket.io.min.js").read_text()[:200]


def test_the_client_prefers_websocket_and_reconnects():
    common = (static_root() / "js" / "common.js").read_text()
    assert 'transports: ["websocket", "polling"]' in common
    assert "reconnection: true" in common
