"""Whatever a browser (or anyone) sends over HTTP: a friendly page, never a crash or a change."""

from __future__ import annotations

import dataclasses
import itertools
from urllib.parse import quote, urlencode, urlsplit

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from classroom.live import actions

FUZZ = settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
SECURITY_HEADERS = (
    "Content-Security-Policy",
    "X-Content-Type-Options",
    "X-Frame-Options",
    "Referrer-Policy",
)
LEAKS = ("Traceback", 'File "/', "Werkzeug Debugger", "jinja2.exceptions")
NASTY = [
    "", " ", "..", "../..", "%2e%2e", "%2e%2e%2f%2e%2e", "..%2f..%2fetc%2fpasswd", "/etc/passwd",
    "\x00", "%00", "a\x00b", "%ff", "%c0%ae", "é", "ÉÉÉÉÉÉ", "ß", "ﬀ", "ı", "😀", "\u202e",
    "<script>alert(1)</script>", "' OR 1=1 --", "{{7*7}}", "%(code)s", "\\..\\..\\", "\r\n",
    "null", "[]", "{}", "0", "-1",
]  # fmt: skip
TEXT = st.one_of(
    st.sampled_from(NASTY),
    st.text(max_size=30),
    st.integers(100, 5000).map(lambda n: "A" * n),
)
# How a piece lands in a URL: as is, fully percent-encoded, or encoded with '/' and '%' left raw.
ENCODE = st.sampled_from([lambda s: s, lambda s: quote(s, safe=""), lambda s: quote(s, safe="/%")])
METHODS = ["GET", "HEAD", "POST", "PUT", "DELETE", "PATCH", "OPTIONS"]
ROUTES = [
    "/",
    "/j/{code}",
    "/screen/{code}",
    "/teach/{code}",
    "/teach/{code}/report",
    "/teach/{code}/report.csv",
    "/teach/{code}/report.json",
    "/library",
    "/qr/{code}.svg",
    "/static/{path}",
    "/{path}",
    "/nope/{path}",
]
ADDRESSES = itertools.count()


def snapshot(rooms) -> dict:
    """Return everything about every room that a request could change."""
    return {
        room.code: (
            dataclasses.asdict(room.record),
            sorted(room.participants),
            repr(sorted(room.answers.items())),
        )
        for room in rooms.all()
    }


def send(client, method: str, url: str, **kwargs):
    """Send one request from a fresh address (wrong codes slow an address down, on purpose)."""
    n = next(ADDRESSES)
    address = f"10.{n // 250 % 250}.{n % 250}.9"
    return client.open(url, method=method, environ_base={"REMOTE_ADDR": address}, **kwargs)


def assert_friendly(response, method: str = "GET") -> None:
    """Check what a visitor sees: no crash, the security headers, a page that says what to do."""
    assert response.status_code < 500, response.text[:500]
    for header in SECURITY_HEADERS:
        assert header in response.headers, header
    body = response.get_data(as_text=True)
    for leak in LEAKS:
        assert leak not in body
    if method == "HEAD":
        assert body == ""
    if 300 <= response.status_code < 400:
        location = urlsplit(response.headers["Location"])
        assert location.netloc in ("", "localhost") and location.path.startswith("/"), location
    if response.status_code >= 400 and method != "HEAD":
        assert response.mimetype == "text/html"
        assert body.startswith("<!doctype html>")
        assert "data-error-code=" in body or 'role="alert"' in body, body[:500]


def play(room) -> None:
    """Answer two questions (a choice and a free text) with a few phones, then end."""
    for step, values in ((1, [0, 1, 1, None]), (7, ["yes", "call 0475 12 34 56", None])):
        actions.go(room, step)
        actions.open_voting(room)
        for n, value in enumerate(values):
            pid = room.join(f"web-phone-{n:02d}-" + "x" * 16)
            room.answer(pid, step, value, passed=value is None)
    actions.end(room)


@pytest.fixture(params=["lobby", "ended"])
def keys(request, room, admin_key):
    """Return the real code, teacher key and library key (of a new or a finished room)."""
    if request.param == "ended":
        play(room)
    return {"code": room.code, "key": room.teacher_key, "admin": admin_key}


def pick(real: str):
    """Return a strategy: usually nonsense, sometimes the real thing (or nearly)."""
    return st.one_of(TEXT, st.just(real), st.just(real.lower()), st.just(real + "\x00"))


@FUZZ
@given(data=st.data())
def test_any_request_to_any_route_gets_a_friendly_page(client, rooms, keys, data):
    method = data.draw(st.sampled_from(METHODS))
    route = data.draw(st.sampled_from(ROUTES))
    encode = data.draw(ENCODE)
    url = route.format(
        code=encode(data.draw(pick(keys["code"]))), path=encode(data.draw(TEXT)) or "x"
    )
    query = data.draw(
        st.dictionaries(
            st.sampled_from(["key", "lang", "code", "v", "x", "\x00"]),
            st.one_of(TEXT, st.sampled_from([keys["key"], keys["admin"], "nl", "en", "fr"])),
            max_size=3,
        )
    )
    form = data.draw(
        st.dictionaries(st.sampled_from(["code", "lesson", "lang", "key", "x"]), TEXT, max_size=3)
    )
    before = snapshot(rooms)
    response = send(client, method, f"{url}?{urlencode(query)}", data=form or None)
    assert_friendly(response, method)
    after = snapshot(rooms)
    created = route == "/library" and method == "POST" and response.status_code == 302
    if created:
        assert set(before) < set(after) and len(after) == len(before) + 1
        assert {code: after[code] for code in before} == before
    else:
        assert after == before


@FUZZ
@given(typed=pick("ROOM"))
def test_any_typed_code_gets_the_room_or_a_clear_error(client, rooms, keys, typed):
    typed = typed.replace("ROOM", keys["code"])
    before = snapshot(rooms)
    response = send(client, "POST", "/", data={"code": typed})
    assert_friendly(response, "POST")
    assert snapshot(rooms) == before
    if response.status_code == 302:
        assert response.headers["Location"] == f"/j/{keys['code']}"
    else:
        assert response.status_code == 400
        assert 'id="code-error"' in response.text


@FUZZ
@given(data=st.data())
def test_starting_a_room_needs_a_key_a_lesson_and_one_of_its_languages(
    client, rooms, keys, data
):
    key = data.draw(pick(keys["admin"]))
    lesson = data.draw(st.one_of(st.just("web-class"), TEXT))
    lang = data.draw(st.one_of(st.sampled_from(["nl", "en", "fr", "de", ""]), TEXT))
    form = {"lesson": lesson, "lang": lang}
    before = snapshot(rooms)
    response = send(client, "POST", f"/library?{urlencode({'key': key})}", data=form)
    assert_friendly(response, "POST")
    after = snapshot(rooms)
    lessons = rooms.library.lessons
    if key != keys["admin"]:
        expected = 403
    elif lesson not in lessons or lang not in ("", *lessons[lesson].languages):
        expected = 400
    else:
        expected = 302
    assert response.status_code == expected
    assert len(after) == len(before) + (expected == 302)
    assert {code: after[code] for code in before} == before


@pytest.mark.parametrize(
    "path",
    [
        "/static/../classroom/__init__.py",
        "/static/%2e%2e/pyproject.toml",
        "/static/%2e%2e%2fpyproject.toml",
        "/static/..%2f..%2fetc%2fpasswd",
        "/static/....//....//etc/passwd",
        "/static//etc/passwd",
        "/static/%2fetc%2fpasswd",
        "/static/vendor/%00",
        "/static/css/classroom.css%00.txt",
        "/static/..\\..\\pyproject.toml",
        "/static/" + "a" * 300,
        "/static/" + "a/" * 3000,
        "/static/vendor",
        "/static/",
    ],
    ids=lambda path: path[:40],
)
def test_static_never_serves_a_file_outside_static(client, path):
    response = send(client, "GET", path, follow_redirects=True)
    assert_friendly(response)
    assert response.status_code == 404
    assert "[project]" not in response.text and "root:" not in response.text


@pytest.mark.parametrize(
    ("url", "form"),
    [
        ("/", {"code": "x" * 70_000}),
        ("/library?key=ADMIN", {"lesson": "web-class", "x": "x" * 70_000}),
        ("/teach/CODE?key=KEY", {"x": "x" * 70_000}),
    ],
)
def test_an_oversized_body_is_refused_and_changes_nothing(client, rooms, keys, url, form):
    url = url.replace("ADMIN", keys["admin"]).replace("CODE", keys["code"])
    before = snapshot(rooms)
    response = send(client, "POST", url.replace("KEY", keys["key"]), data=form)
    assert_friendly(response, "POST")
    assert response.status_code in (405, 413)
    assert snapshot(rooms) == before


@pytest.mark.parametrize(
    "route",
    ["/", "/j/{code}", "/screen/{code}?key={key}", "/teach/{code}?key={key}",
     "/teach/{code}/report.csv?key={key}", "/teach/{code}/report.json?key={key}",
     "/library?key={admin}", "/qr/{code}.svg", "/static/css/classroom.css", "/nope"],
)  # fmt: skip
def test_head_is_get_without_a_body_and_options_lists_the_methods(client, keys, route):
    url = route.format(**keys)
    got, head = send(client, "GET", url), send(client, "HEAD", url)
    assert_friendly(head, "HEAD")
    assert head.status_code == got.status_code
    assert head.headers["Content-Type"] == got.headers["Content-Type"]
    options = send(client, "OPTIONS", url)
    assert_friendly(options, "OPTIONS")
    if got.status_code != 404:
        assert options.status_code == 200
        assert {"GET", "HEAD", "OPTIONS"} <= set(options.headers["Allow"].split(", "))


@pytest.mark.parametrize("path", ["/j/..", "/j/%2e%2e", "/j/-", "/j/é", "/j/" + "k" * 300])
def test_a_code_that_cannot_be_one_gets_the_not_found_page_at_once(client, path):
    response = send(client, "GET", path)
    assert_friendly(response)
    assert response.status_code == 404
    assert 'data-error-code="404"' in response.text


@pytest.mark.parametrize(
    "host",
    ["x" * 64, "x" * 64 + ":5000", "evil; script-src *", "a b", "\x00", "é.example", "[::1",
     "a:b:c", "localhost:-1", "192.0.2.10:5000", "[::1]:5000", "classroom.local"],
)  # fmt: skip
def test_any_host_header_gets_a_page_and_a_policy_it_cannot_rewrite(client, host):
    for path in ["/", "/nope", "/static/css/classroom.css", "/library"]:
        response = send(client, "GET", path, environ_overrides={"HTTP_HOST": host})
        assert_friendly(response)
        policy = response.headers["Content-Security-Policy"].split("; ")
        assert len({directive.split()[0] for directive in policy}) == len(policy) == 10
        assert "script-src 'self'" in policy
