"""Security headers on every response: this server only, no framing, no referrer."""

from __future__ import annotations

from flask import Flask, Response, request


def content_security_policy(host: str) -> str:
    """Return a policy that allows only this server (and its WebSocket)."""
    return "; ".join(
        [
            "default-src 'self'",
            "script-src 'self'",
            "style-src 'self'",
            "img-src 'self'",
            "font-src 'self'",
            f"connect-src 'self' ws://{host} wss://{host}",
            "object-src 'none'",
            "base-uri 'none'",
            "form-action 'self'",
            "frame-ancestors 'none'",
        ]
    )


def add_headers(response: Response) -> Response:
    """Add the security headers; the teacher key is in URLs, so never send a referrer."""
    headers = response.headers
    headers["Content-Security-Policy"] = content_security_policy(request.host)
    headers["X-Content-Type-Options"] = "nosniff"
    headers["Referrer-Policy"] = "no-referrer"
    headers["X-Frame-Options"] = "DENY"
    headers.setdefault("Permissions-Policy", "camera=(), microphone=(), geolocation=()")
    if request.path.startswith(("/teach", "/screen", "/library", "/history")):
        headers["Cache-Control"] = "no-store"  # pages that hold a secret key
    return response


def init_app(app: Flask) -> None:
    """Add the headers to every response, errors included."""
    app.after_request(add_headers)
