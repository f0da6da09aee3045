"""The wheel holds everything `classroom run` needs, and works once installed."""

from __future__ import annotations

import json
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow
ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    """Build the wheel from this checkout (no dependencies) and return its path."""
    out = tmp_path_factory.mktemp("wheel")
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "-q",
         "-w", str(out), str(ROOT)],
        check=True, cwd=out,
    )
    (found,) = out.glob("classroom-*.whl")
    return found


def test_the_wheel_holds_pages_files_translations_and_lessons(wheel):
    names = set(zipfile.ZipFile(wheel).namelist())
    expected = {
        "classroom/templates/base.html",
        "classroom/templates/student/app.html",
        "classroom/templates/screen/show.html",
        "classroom/templates/teach/control.html",
        "classroom/static/vendor/socket.io.min.js",
        "classroom/static/vendor/LICENSE",
        "classroom/static/js/student.js",
        "classroom/static/css/classroom.css",
        "classroom/lessons/sexting-delen.yaml",
        *(f"classroom/translations/{lang}/LC_MESSAGES/messages.mo" for lang in ("nl", "en", "fr")),
    }
    assert expected - names == set()
    assert any(n.startswith("classroom/lessons/help/") for n in names)
    assert any(n.startswith("classroom/quizzes/") and n.endswith(".yaml") for n in names)
    for source in (ROOT / "static").rglob("*"):
        if source.is_file():
            assert f"classroom/static/{source.relative_to(ROOT / 'static')}" in names


def test_every_subpackage_is_in_the_wheel(wheel):
    names = set(zipfile.ZipFile(wheel).namelist())
    for init in (ROOT / "classroom").rglob("__init__.py"):
        assert str(init.relative_to(ROOT)) in names, f"add {init.parent.name} to pyproject.toml"


def test_the_installed_wheel_serves_its_pages(wheel, tmp_path):
    """Install the wheel with its dependencies in a venv of its own and ask it for pages.

    The venv sees no other site-packages (neither the system's nor the test venv's), so a
    dependency missing from pyproject.toml fails here, as it would for a teacher.
    """
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    python = venv / "bin" / "python"
    subprocess.run([python, "-m", "pip", "install", "-q", str(wheel)], check=True)
    isolated = subprocess.run(
        [python, "-c", "import sys; print(any('site-packages' in p and not p.startswith("
                       f"{str(venv)!r}) for p in sys.path))"],
        capture_output=True, text=True, check=True,
    )
    assert isolated.stdout.strip() == "False", "the venv sees packages installed elsewhere"
    probe = f"""
import json, classroom
from classroom import create_app
app = create_app({{"CLASSROOM_DB": {str(tmp_path / "db.sqlite3")!r},
                  "CLASSROOM_DATA_DIR": {str(tmp_path / "data")!r},
                  "CLASSROOM_ASYNC_MODE": "threading"}})
client = app.test_client()
print(json.dumps({{
    "package": classroom.__file__,
    "start": client.get("/").status_code,
    "dutch": "Doe mee met de les" in client.get("/").text,
    "client": client.get("/static/vendor/socket.io.min.js").status_code,
    "lessons": sorted(app.extensions["classroom.rooms"].library.lessons),
}}))
app.extensions["classroom.store"].close()
"""
    result = subprocess.run([python, "-c", probe], cwd=tmp_path, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    found = json.loads(result.stdout.strip().splitlines()[-1])
    assert found["package"].startswith(str(venv))
    assert found["start"] == 200 and found["dutch"] and found["client"] == 200
    assert "sexting-delen" in found["lessons"]
