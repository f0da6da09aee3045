"""The scenarios of benchmarks/stays_up.py, run small against a real `classroom run`."""

from __future__ import annotations

import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

BENCHMARKS = Path(__file__).resolve().parents[2] / "benchmarks"


@pytest.fixture(scope="session")
def stays_up():
    """Return the benchmarks/stays_up.py module."""
    sys.path.insert(0, str(BENCHMARKS))
    try:
        import stays_up

        yield stays_up
    finally:
        sys.path.remove(str(BENCHMARKS))


@pytest.fixture
def scenario(stays_up):
    """Return `run(name, **options)`: a fresh server, the scenario, its figures."""

    def run(name: str, **options):
        # In a thread of its own: the browser tests' Playwright session keeps an asyncio
        # loop running on the main thread, and the scenario starts its own.
        with ThreadPoolExecutor(1) as pool:
            return pool.submit(stays_up.measure, name, **options).result(timeout=240)

    return run
