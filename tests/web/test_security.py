"""Security headers on every response; nothing loaded from another host; no inline code."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from classroom.web.static import static_root

TEMPLATES = Path(__file__).resolve().parents[2] / "classroom" / "templates"
# URLs that appear in files but are never loaded: SVG's namespace, and a link in an
# error message of the vendored Socket.IO client.
NOT_LOADED = {"www.w3.org", "socket.io"}


def urls(room, admin_key):
    """Return one URL of every kind of response the server gives."""
    return [
        "/",
        "/?lang=en",
        f"/j/{room.code}",
        f"/screen/{room.code}?key={room.teacher_key}",
        f"/teach/{room.code}?key={room.teacher_key}",
        f"/library?key={admin_key}",
        f"/qr/{room.code}.svg",
        "/static/js/student.js",
        "/static/vendor/socket.io.min.js",
        "/nope",
        "/j/KKKKKK",
        f"/teach/{room.code}?key=wrong",
        "/static/nope.js",
    ]


def test_every_response_has_the_security_headers(client, room, admin_key):
    for url in urls(room, admin_key):
        headers = client.get(url).headers
        policy = headers["Content-Security-Policy"]
        assert "default-src 'self'" in policy, url
        assert "script-src 'self';" in policy and "style-src 'self';" in policy
        assert "frame-ancestors 'none'" in policy
        assert "connect-src 'self' ws://localhost wss://localhost" in policy
        assert "unsafe-inline" not in policy and "unsafe-eval" not in policy
        assert headers["X-Content-Type-Options"] == "nosniff"
        assert headers["Referrer-Policy"] == "no-referrer"
        assert headers["X-Frame-Options"] == "DENY"


def test_a_post_and_a_crash_get_the_headers_too(app, client):
    app.config["PROPAGATE_EXCEPTIONS"] = False

    @app.route("/boom")
    def boom():
        raise RuntimeError("boom")

    for response in (client.get("/boom"), client.post("/", data={"code": ""})):
        assert response.headers["Referrer-Policy"] == "no-referrer"
        assert "default-src 'self'" in response.headers["Content-Security-Policy"]


def test_policy_allows_the_websocket_of_the_same_host(client):
    policy = client.get("/", base_url="http://192.168.1.20:5000").headers["Content-Security-Policy"]
    assert "connect-src 'self' ws://192.168.1.20:5000 wss://192.168.1.20:5000" in policy


def test_pages_have_no_inline_scripts_or_styles(client, room, admin_key):
    for url in urls(room, admin_key)[:6]:
        html = client.get(url).text
        for tag in re.findall(r"<script\b[^>]*>", html):
            assert "src=" in tag or 'type="application/json"' in tag, (url, tag)
        assert not re.search(r"\sstyle=", html), url
        assert "<style" not in html, url
        assert not re.search(r"\son[a-z]+=", html), url  # no inline event handlers


def text_files():
    """Yield every template and text file under static/."""
    yield from TEMPLATES.rglob("*.html")
    for path in static_root().rglob("*"):
        if path.suffix in {".js", ".css", ".svg", ".html", ".json"}:
            yield path


@pytest.mark.parametrize("path", list(text_files()), ids=lambda p: p.name)
def test_no_file_loads_anything_from_another_host(path):
    text = path.read_text(encoding="utf-8")
    hosts = set(re.findall(r"(?:https?:)?//([a-z0-9.-]+\.[a-z]{2,})", text)) - NOT_LOADED
    assert hosts == set(), f"{path}: {sorted(hosts)}"
    assert "@import" not in text or path.suffix != ".css"


def test_bundled_help_links_open_outside_and_leak_nothing():
    script = (static_root() / "js" / "help.js").read_text()
    assert 'rel: "noopener noreferrer"' in script
