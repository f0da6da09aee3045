"""Page weight: a cheap phone on a busy school Wi-Fi must load the student page fast."""

from __future__ import annotations

import gzip
import re

BUDGET = 120 * 1024  # HTML + CSS + JS, uncompressed, the Socket.IO client included
BUDGET_GZIPPED = 40 * 1024


def weigh(client, url: str) -> tuple[int, int, list[str]]:
    """Return the bytes of a page and everything it loads: plain, gzipped, and the files."""
    page = client.get(url)
    files = re.findall(r'(?:src|href)="(/static/[^"]+)"', page.text)
    plain, packed = len(page.data), len(gzip.compress(page.data))
    for file in files:
        body = client.get(file).data
        plain += len(body)
        packed += len(gzip.compress(body))
    return plain, packed, files


def test_the_student_page_stays_small(client, room):
    plain, packed, files = weigh(client, f"/j/{room.code}")
    print(f"student page: {plain} bytes, {packed} gzipped, {len(files)} files")
    assert any("socket.io.min.js" in f for f in files)
    assert plain < BUDGET, f"{plain} bytes > {BUDGET}"
    assert packed < BUDGET_GZIPPED, f"{packed} gzipped bytes > {BUDGET_GZIPPED}"


def test_the_join_form_loads_no_script(client):
    plain, _, files = weigh(client, "/")
    assert not any(f.split("?")[0].endswith(".js") for f in files)
    assert plain < 20 * 1024
