"""Live rooms: the domain (no Flask) and, in sockets.py, the Socket.IO layer."""

from flask import Flask


def init_app(app: Flask) -> None:
    """Create the room registry and bind Socket.IO to the app."""
