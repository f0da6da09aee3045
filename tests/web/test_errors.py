"""One friendly error page for every error."""

from __future__ import annotations

import pytest


@pytest.fixture
def crashing(app):
    """Add a page that fails, with exceptions handled as in production."""
    app.config["PROPAGATE_EXCEPTIONS"] = False

    @app.route("/boom")
    def boom():
        raise RuntimeError("secret detail")

    return app


@pytest.mark.parametrize(
    ("method", "url", "status", "title"),
    [
        ("get", "/nope", 404, "Pagina niet gevonden"),
        ("get", "/qr/KKKKKK.svg", 404, "Pagina niet gevonden"),
        ("get", "/library", 403, "Geen toegang"),
        ("put", "/", 405, "Hier niet mogelijk"),
        ("get", "/boom", 500, "Er ging iets mis"),
    ],
)
def test_errors_get_a_friendly_page(crashing, client, method, url, status, title):
    page = getattr(client, method)(url)
    assert page.status_code == status
    assert f"<h1>{title}</h1>" in page.text
    assert 'href="/"' in page.text
    assert "secret detail" not in page.text and "Traceback" not in page.text


def test_a_crash_says_answers_are_safe(crashing, client):
    assert "Je antwoorden zijn veilig." in client.get("/boom").text


def test_a_too_large_request_gets_a_page(client):
    page = client.post("/", data={"code": "x" * 100_000})
    assert page.status_code == 413
    assert "Te veel tegelijk" in page.text
