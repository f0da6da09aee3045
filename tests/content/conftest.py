"""Fixtures for the content tests: the fixture folders and a way to run the CLI."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from classroom.cli import main

HERE = Path(__file__).parent
VALID = HERE / "valid"
BROKEN = HERE / "broken"


@pytest.fixture
def in_content(monkeypatch: pytest.MonkeyPatch) -> Path:
    """Work from tests/content, so problems name files as `broken/x.yaml`."""
    monkeypatch.chdir(HERE)
    return HERE


@pytest.fixture
def cli(in_content: Path):
    """Return a function that runs `classroom ARGS...` and returns click's Result."""

    def run(*args: str) -> Result:
        return CliRunner().invoke(main, list(args), catch_exceptions=False)

    return run
