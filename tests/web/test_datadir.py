"""The library key and the default database live in the user's data folder, not the package's."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
from pathlib import Path

import classroom
from classroom import create_app
from classroom.datadir import LibraryKey, data_dir, default_db


def test_the_library_key_is_made_once_and_readable_by_its_user_only(tmp_path):
    keys = LibraryKey(data_dir(tmp_path / "data"))
    key = keys.get()
    assert len(key) >= 30 and keys.get() == key and LibraryKey(tmp_path / "data").get() == key
    mode = stat.S_IMODE(keys.path.stat().st_mode)
    assert mode == 0o600, oct(mode)
    assert stat.S_IMODE((tmp_path / "data").stat().st_mode) == 0o700
    assert keys.check(key) and not keys.check(key[:-1]) and not keys.check(None)


def test_a_rotated_library_key_takes_effect_at_once(tmp_path):
    keys, again = LibraryKey(data_dir(tmp_path)), LibraryKey(tmp_path)
    old = keys.get()
    new = keys.rotate()
    assert new != old and again.check(new) and not again.check(old)  # another worker reads it


def test_the_default_database_is_in_the_data_folder_not_the_package(tmp_path):
    app = create_app({"TESTING": True, "CLASSROOM_DATA_DIR": str(tmp_path),
                      "CLASSROOM_ASYNC_MODE": "threading"})
    try:
        db = Path(app.config["CLASSROOM_DB"])
        assert db == tmp_path / "classroom.sqlite3" and db.exists()
        assert stat.S_IMODE(db.stat().st_mode) == 0o600  # answers: for this user's eyes only
        package = Path(classroom.__file__).resolve().parent
        assert package not in db.resolve().parents
        assert Path(sys.prefix).resolve() not in db.resolve().parents  # nor the venv
        assert app.extensions["classroom.library_key"].path.parent == tmp_path
    finally:
        app.extensions["classroom.store"].close()


def test_without_a_setting_the_data_folder_is_the_users(monkeypatch, tmp_path):
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    assert default_db() == str(tmp_path / "xdg" / "classroom" / "classroom.sqlite3")


def test_the_library_key_command_prints_and_rotates(data_dir):
    command = [sys.executable, "-m", "classroom.cli", "library-key"]
    shown = subprocess.run(command, capture_output=True, text=True, env=os.environ)
    assert shown.returncode == 0, shown.stderr
    key = LibraryKey(data_dir).get()
    assert f"Library key: {key}" in shown.stdout and str(data_dir) in shown.stdout
    rotated = subprocess.run([*command, "--rotate"], capture_output=True, text=True)
    assert rotated.returncode == 0 and "New library key: " in rotated.stdout
    assert LibraryKey(data_dir).get() != key and LibraryKey(data_dir).get() in rotated.stdout
