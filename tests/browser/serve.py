"""Serve the web test lessons the way `classroom run` serves a lesson (gevent, quiet log).

Usage: python -m tests.browser.serve PORT DB_PATH   (prints `ADMIN <key>` once ready)
"""

from gevent import monkey

monkey.patch_all()

import sys  # noqa: E402
from pathlib import Path  # noqa: E402

from classroom import create_app  # noqa: E402
from classroom.cli.serve import QuietHandler  # noqa: E402
from classroom.extensions import socketio  # noqa: E402
from tests.web.conftest import CONTENT_PATHS  # noqa: E402

FIXTURES = Path(__file__).parent / "fixtures"  # lessons only the browser tests need


def main(port: int, db: str) -> None:
    """Start the server on 127.0.0.1:port with its own database."""
    app = create_app(
        {
            "SECRET_KEY": "browser-tests",
            "CLASSROOM_DB": db,
            "CLASSROOM_DATA_DIR": str(Path(db).parent),
            "CLASSROOM_PUBLIC_URL": f"http://127.0.0.1:{port}",
            "CLASSROOM_CONTENT_PATHS": [str(p) for p in [*CONTENT_PATHS, FIXTURES]],
            "CLASSROOM_DEFAULT_LESSON": "web-class",
            "CLASSROOM_SCHOOL_CONTACT": "Ms Peeters (trusted contact), room B12",
        }
    )
    print("ADMIN", app.extensions["classroom.library_key"].get(), flush=True)
    socketio.run(app, host="127.0.0.1", port=port, log_output=True, handler_class=QuietHandler)


if __name__ == "__main__":
    main(int(sys.argv[1]), sys.argv[2])
