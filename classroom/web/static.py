"""Serve /static from the checkout or the installed wheel, cached and gzipped."""

from __future__ import annotations

import gzip
import hashlib
import mimetypes
from functools import lru_cache
from pathlib import Path

from flask import Blueprint, Flask, Response, abort, request
from werkzeug.security import safe_join

bp = Blueprint("static", __name__)
COMPRESSIBLE = {".js", ".css", ".svg", ".map", ".json", ".txt"}
LONG = 365 * 24 * 3600  # a versioned URL (?v=hash) never changes
SHORT = 3600


def static_root() -> Path:
    """Return the static folder: classroom/static in a wheel, static/ in a checkout."""
    package = Path(__file__).resolve().parent.parent
    for folder in (package / "static", package.parent / "static"):
        if (folder / "vendor").is_dir():
            return folder
    raise RuntimeError(
        f"no static folder with vendor/ in {package} or {package.parent}: "
        "reinstall classroom, or run it from a complete checkout"
    )


@lru_cache(maxsize=256)
def _load(path: str, mtime: float) -> tuple[bytes, bytes, str]:
    """Read a file once: its bytes, gzipped bytes and a short content hash."""
    data = Path(path).read_bytes()
    return data, gzip.compress(data, 6, mtime=0), hashlib.sha256(data).hexdigest()[:12]


def _file(filename: str) -> tuple[Path, tuple[bytes, bytes, str]]:
    path = safe_join(str(static_root()), filename)
    try:
        found = path is not None and Path(path).is_file()
        mtime = Path(path).stat().st_mtime if found else None
    except (OSError, ValueError):  # a name too long (or too odd) for the disk is not there
        mtime = None
    if mtime is None:
        abort(404)
    return Path(path), _load(path, mtime)


def asset(filename: str) -> str:
    """Return the URL of a static file, versioned by its content so browsers keep it."""
    _, (_, _, digest) = _file(filename)
    return f"/static/{filename}?v={digest}"


@bp.route("/static/<path:filename>")
def send_static(filename: str) -> Response:
    """Send a static file, gzipped when the browser accepts it, with caching headers."""
    path, (data, packed, digest) = _file(filename)
    kind = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
    if path.suffix in COMPRESSIBLE:
        kind += "; charset=utf-8"
    if request.if_none_match.contains(digest):
        response = Response(status=304)
    elif path.suffix in COMPRESSIBLE and "gzip" in request.headers.get("Accept-Encoding", ""):
        response = Response(packed, content_type=kind)
        response.headers["Content-Encoding"] = "gzip"
    else:
        response = Response(data, content_type=kind)
    response.set_etag(digest)
    response.headers["Vary"] = "Accept-Encoding"
    age = LONG if request.args.get("v") == digest else SHORT
    response.headers["Cache-Control"] = f"public, max-age={age}" + (
        ", immutable" if age == LONG else ""
    )
    return response


def init_app(app: Flask) -> None:
    """Serve /static and give templates `asset()`."""
    app.register_blueprint(bp)
    app.jinja_env.globals["asset"] = asset
