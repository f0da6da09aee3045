"""Where classroom keeps its files: the user's own data folder, never the package or the venv.

One installation per user: the database and the library key live in the folder platformdirs
names for this user (e.g. ~/.local/share/classroom on Linux), readable by that user only, so
two checkouts or virtual environments of the same user share them, and deleting a virtual
environment does not delete a lesson's results (nor leave them where other users can read).
"""

from __future__ import annotations

import os
from pathlib import Path

from .live.ids import new_secret, same_secret

APP = "classroom"
DB_NAME = "classroom.sqlite3"
KEY_NAME = "library-key"
ORGANISER_KEY_NAME = "organiser-key"


def data_dir(configured: str | os.PathLike[str] | None = None) -> Path:
    """Return (and create, private to this user) the data folder: `configured`, else the user's."""
    if configured:
        path = Path(configured)
    else:
        import platformdirs  # only when no folder is configured

        path = Path(platformdirs.user_data_dir(APP, False))
    path.mkdir(parents=True, exist_ok=True, mode=0o700)
    return path


def default_db(configured: str | os.PathLike[str] | None = None) -> str:
    """Return the default database file, in the data folder."""
    return str(data_dir(configured) / DB_NAME)


class LibraryKey:
    """The library's secret key: one per installation, in a file only its user may read.

    Read from the file at every check, so that `classroom library-key --rotate` (or the
    library page's button) takes effect in a running server at once.
    """

    def __init__(self, folder: Path, name: str = KEY_NAME) -> None:
        self.path = folder / name
        self.name = name

    def get(self) -> str:
        """Return the key, making one the first time."""
        try:
            key = self.path.read_text(encoding="ascii").strip()
        except FileNotFoundError:
            key = ""
        return key or self.rotate()

    def check(self, given: object) -> bool:
        """Tell whether `given` is the key (constant time)."""
        return same_secret(given, self.get())

    def rotate(self) -> str:
        """Replace the key with a new one (old library links stop working); return it."""
        key = new_secret()
        spare = self.path.with_name(f".{self.name}.{os.getpid()}")
        fd = os.open(spare, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "w", encoding="ascii") as file:
            file.write(key + "\n")
        os.replace(spare, self.path)  # whole or not at all: a reader never sees half a key
        return key


def organiser_key(folder: Path) -> LibraryKey:
    """Return the organiser's key (the rooms of the day): its own file, not the library's."""
    return LibraryKey(folder, ORGANISER_KEY_NAME)
