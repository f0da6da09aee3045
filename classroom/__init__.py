"""classroom: live, anonymous classroom lessons run from the teacher's own laptop."""

from __future__ import annotations

import os
import secrets
from collections.abc import Mapping
from typing import Any

from flask import Flask

DEFAULTS: dict[str, Any] = {
    "CLASSROOM_CONTENT_PATHS": None,  # None: the bundled lessons/ and quizzes/
    "CLASSROOM_DEFAULT_LESSON": "sexting-delen",
    "CLASSROOM_PUBLIC_URL": None,  # e.g. http://192.168.1.20:5000, set by the CLI
    "CLASSROOM_DATA_DIR": None,  # None: the user's data folder (platformdirs), see datadir.py
    "CLASSROOM_DB": None,  # None: classroom.sqlite3 in the data folder
    "CLASSROOM_LANG": None,  # None: the lesson's first language
    # The school's own contact (who, where, when), shown first on every help screen.
    "CLASSROOM_SCHOOL_CONTACT": None,
    "CLASSROOM_ASYNC_MODE": "gevent",
    "CLASSROOM_MESSAGE_QUEUE": None,  # redis://...: Flask-SocketIO's queue (see docs/scaling.md)
    # redis://host:port/db: the shared store of several workers (`classroom serve`); None: SQLite
    "CLASSROOM_REDIS": None,
    "CLASSROOM_RETENTION_DAYS": 30,
    "CLASSROOM_STATE_INTERVAL": 0.1,  # seconds between coalesced states per room; 0: at once
    "CLASSROOM_JOIN_BURST": 30,  # new phones one address may join at once...
    "CLASSROOM_JOIN_RATE": 1.0,  # ...and then per second (the address itself is never kept)
    "CLASSROOM_MAX_MESSAGE": 16 * 1024,  # bytes: the largest Socket.IO message accepted
    # Limits that stop one device from taking the server (docs/scaling.md, "Limits").
    "CLASSROOM_ANSWER_BURST": 10,  # answers one phone may send at once...
    "CLASSROOM_ANSWER_RATE": 3.0,  # ...and then per second (more: "Too many attempts")
    # The question box: questions one phone may send a minute (more: "wait a moment"), and
    # how often "me too" counts may move (seconds; never at the moment of a tap).
    "CLASSROOM_QUESTIONS_PER_MINUTE": 3,
    "CLASSROOM_ME_TOO_EVERY": 15.0,
    "CLASSROOM_MESSAGE_BURST": 10,  # Socket.IO messages one connection may send at once...
    "CLASSROOM_MESSAGE_RATE": 10.0,  # ...and then per second (more are dropped unread)
    "CLASSROOM_CONNECTIONS_PER_ADDRESS": 500,  # open at once (a school's router: raise it)
    "CLASSROOM_HEADER_TIMEOUT": 10.0,  # seconds a request may take to send its headers
    # Reverse proxies in front of the server that add X-Forwarded-For. 0: trust no such header
    # (a phone could forge it); 1 for one nginx, and so on. See docs/scaling.md.
    "CLASSROOM_PROXIES": 0,
    "BABEL_DEFAULT_LOCALE": "nl",
    "MAX_CONTENT_LENGTH": 64 * 1024,
}


def settings_from_env(environ: Mapping[str, str]) -> dict[str, Any]:
    """Return the CLASSROOM_* settings found in the environment, as their default's type.

    Raise ValueError naming the variable when a number is not a number.
    """
    found: dict[str, Any] = {}
    for key, default in DEFAULTS.items():
        if key.startswith("CLASSROOM_") and key in environ:
            found[key] = _as_type_of(default, key, environ[key])
    return found


def _as_type_of(default: Any, key: str, value: str) -> Any:
    kind, expected = {int: (int, "a whole number"), float: (float, "a number")}.get(
        type(default), (str, "")
    )
    try:
        return kind(value)
    except ValueError:
        raise ValueError(f"{key}: expected {expected}, got {value!r}") from None


def create_app(test_config: dict[str, Any] | None = None) -> Flask:
    """Create and configure the app; nothing is wired anywhere else."""
    app = Flask(__name__, static_folder=None)
    app.config.from_mapping(DEFAULTS, SECRET_KEY=secrets.token_hex(32))
    if test_config is None:
        app.config.from_mapping(settings_from_env(os.environ))
    else:
        app.config.from_mapping(test_config)
    from . import live, web
    from .datadir import LibraryKey, data_dir, default_db, organiser_key

    folder = data_dir(app.config["CLASSROOM_DATA_DIR"])
    if app.config["CLASSROOM_DB"] is None:
        app.config["CLASSROOM_DB"] = default_db(folder)
    app.extensions["classroom.library_key"] = LibraryKey(folder)
    app.extensions["classroom.organiser_key"] = organiser_key(folder)
    web.init_app(app)
    live.init_app(app)
    trust_proxies(app)
    return app


def trust_proxies(app: Flask) -> None:
    """Read the phone's address from X-Forwarded-For when CLASSROOM_PROXIES proxies set it."""
    count = int(app.config["CLASSROOM_PROXIES"])
    if count > 0:
        from werkzeug.middleware.proxy_fix import ProxyFix

        # Outermost, after Socket.IO wrapped the app: its connections need the address too.
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=count, x_proto=count, x_host=count)
