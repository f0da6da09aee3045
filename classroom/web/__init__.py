"""HTTP pages and files: student, screen (projector), teach (control)."""

from flask import Flask


def init_app(app: Flask) -> None:
    """Register the blueprints, translations and security headers."""
