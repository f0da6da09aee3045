"""Live rooms: the domain (no Flask) and, in sockets.py, the Socket.IO layer."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from flask import Flask, current_app


def init_app(app: Flask) -> None:
    """Load the content, open the store, resume unfinished rooms and bind Socket.IO."""
    from classroom import transport
    from classroom.content.library import load_library
    from classroom.extensions import socketio
    from classroom.store import open_store

    from .broadcast import Broadcaster
    from .limiter import Buckets, JoinLimiter
    from .registry import Rooms
    from .sockets import init_sockets

    config = app.config
    library = load_library(content_paths(config["CLASSROOM_CONTENT_PATHS"]))
    store = open_store(config["CLASSROOM_DB"], config["CLASSROOM_ASYNC_MODE"],
                       config["CLASSROOM_REDIS"])
    rooms = Rooms(library, store, default_lang=config["CLASSROOM_LANG"],
                  school_contact=config["CLASSROOM_SCHOOL_CONTACT"],
                  me_too_every=float(config["CLASSROOM_ME_TOO_EVERY"]))
    rooms.purge(config["CLASSROOM_RETENTION_DAYS"])
    if not config["CLASSROOM_REDIS"]:
        rooms.restore()  # one process runs every room; with Redis, each as its phones come
    socketio.init_app(
        app,
        async_mode=config["CLASSROOM_ASYNC_MODE"],
        message_queue=config["CLASSROOM_MESSAGE_QUEUE"],
        max_http_buffer_size=config["CLASSROOM_MAX_MESSAGE"],
    )
    app.extensions["classroom.rooms"] = rooms
    app.extensions["classroom.store"] = store
    app.extensions["classroom.limiter"] = JoinLimiter(
        int(config["CLASSROOM_JOIN_BURST"]), float(config["CLASSROOM_JOIN_RATE"])
    )
    app.extensions["classroom.answer_limit"] = Buckets(  # per socket
        float(config["CLASSROOM_ANSWER_BURST"]), float(config["CLASSROOM_ANSWER_RATE"])
    )
    per_minute = float(config["CLASSROOM_QUESTIONS_PER_MINUTE"])
    app.extensions["classroom.ask_limit"] = Buckets(per_minute, per_minute / 60)  # per phone
    app.extensions["classroom.broadcaster"] = Broadcaster(
        socketio, rooms, config, float(config["CLASSROOM_STATE_INTERVAL"])
    )
    init_sockets(app, socketio)
    transport.install(app, socketio.server, config)
    if config["CLASSROOM_REDIS"]:
        keep_rooms(app, rooms)


def keep_rooms(app: Flask, rooms: Any) -> None:
    """Renew this worker's rooms in the shared store; let go of those another worker took."""
    from classroom.extensions import socketio

    from .keeper import Keeper

    keeper = Keeper(rooms, app.extensions["classroom.broadcaster"].let_go)
    app.extensions["classroom.keeper"] = keeper
    socketio.start_background_task(keeper.run, socketio.sleep)


def content_paths(value: Any) -> list[Path] | None:
    """Return the content folders: a list, or a string of paths joined by os.pathsep."""
    if value is None or value == "":
        return None
    if isinstance(value, str):
        value = value.split(os.pathsep)
    return [Path(p) for p in value]


def get_rooms() -> Any:
    """Return the room registry of the current app."""
    return current_app.extensions["classroom.rooms"]
