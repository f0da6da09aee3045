"""`classroom rooms` and `classroom report`: the rooms kept on this laptop, without a server."""

from __future__ import annotations

import json
import sys
import time
from typing import Any

import click

FORMATS = ("html", "csv", "json", "pdf")
STATES = {"lobby": "waiting", "step": "running", "ended": "ended"}


def _settings() -> tuple[dict[str, Any], str]:
    from .. import DEFAULTS
    from ..datadir import default_db
    from .settings import env_settings

    settings = {**DEFAULTS, **env_settings()}
    path = settings["CLASSROOM_DB"] or default_db(settings["CLASSROOM_DATA_DIR"])
    return settings, path


def _open(path: str, redis_url: str | None = None) -> Any:
    from ..store import StoreUnreadable, open_store
    from .storefile import unreadable

    try:  # with CLASSROOM_REDIS set, the rooms of `classroom serve` (docs/deploy.md)
        return open_store(path, redis_url=redis_url)
    except StoreUnreadable as error:
        raise unreadable(error) from None


def _day(moment: float | None) -> str:
    return time.strftime("%Y-%m-%d %H:%M", time.localtime(moment)) if moment else ""


@click.command("rooms")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text",
              show_default=True, help="json: one object per room, for scripts.")
def rooms(fmt: str) -> None:
    """List the rooms kept on this computer: lesson, date, state, who joined and answered."""
    settings, path = _settings()
    store = _open(path, settings["CLASSROOM_REDIS"])
    try:
        kept = store.list_rooms()
    finally:
        store.close()
    days = float(settings["CLASSROOM_RETENTION_DAYS"])
    rows = [{"code": r.code, "lesson": r.lesson_id, "lang": r.lang, "started": _day(r.created),
             "state": STATES.get(r.phase, r.phase), "ended": _day(r.ended_at),
             "joined": r.joined, "answered": r.answered,
             "kept_until": _day(r.ended_at + days * 86400)[:10] if r.ended_at else ""}
            for r in kept]
    if fmt == "json":
        click.echo(json.dumps(rows, ensure_ascii=False, indent=1))
        return
    if not rows:
        click.echo(f"No rooms are kept in {path} yet.")
        return
    click.echo(f"Rooms kept in {settings['CLASSROOM_REDIS'] or path}, newest first:")
    width = max(len(row["lesson"]) for row in rows)
    click.echo(f"{'CODE':<7} {'LESSON':<{width}}  {'STARTED':<16}  {'STATE':<8} {'JOINED':>6} "
               f"{'ANSWERED':>8}  KEPT UNTIL")
    for row in rows:
        click.echo(f"{row['code']:<7} {row['lesson']:<{width}}  {row['started']:<16}  "
                   f"{row['state']:<8} {row['joined']:>6} {row['answered']:>8}  "
                   f"{row['kept_until'] or '-'}")
    click.echo("A room's report: classroom report CODE --format pdf (or html, csv, json); "
               "two or more codes of one lesson: the classes side by side.")


def _load(registry: Any, store: Any, typed: str, path: str) -> Any:
    """Return the room of a typed code, or stop saying why there is none."""
    from ..web.rooms import normalise_code

    code = normalise_code(typed)
    room = registry.load(code)
    if room is not None:
        return room
    if store.has_room(code):
        raise click.ClickException(
            f"Room {code} cannot be read: it started before rooms kept their lesson, and its "
            "lesson no longer loads (check it with `classroom validate`).")
    raise click.ClickException(f"No room {code} is kept in {path}. `classroom rooms` lists the "
                               "rooms kept.")


def build(codes: tuple[str, ...]) -> tuple[dict[str, Any], list[str]]:
    """Return the report of the rooms (one room's, or side by side) and notes for the reader."""
    from ..content.library import load_library
    from ..live import content_paths
    from ..live.compare import NotComparable, compare
    from ..live.registry import Rooms
    from ..live.report import build_report

    settings, path = _settings()
    library = load_library(content_paths(settings["CLASSROOM_CONTENT_PATHS"]))
    store = _open(path, settings["CLASSROOM_REDIS"])
    try:
        registry = Rooms(library, store, default_lang=settings["CLASSROOM_LANG"])
        loaded = [_load(registry, store, code, path) for code in dict.fromkeys(codes)]
        reports = [build_report(room) for room in loaded]
    finally:
        store.close()
    notes = [f"Room {r['code']} is still running: its report shows the answers so far."
             for r in reports if r["phase"] != "ended"]
    if len(reports) == 1:
        return reports[0], notes
    try:
        return compare(reports), notes
    except NotComparable as error:
        raise click.ClickException(f"Cannot compare these rooms: {error}.") from None


def render(report: dict[str, Any], fmt: str, codes: str) -> bytes:
    """Return the report in `fmt` as the bytes of a file."""
    from ..web import exports
    from ..web.offline import report_html
    from .pdf import PdfUnavailable, print_pdf

    compared = "rooms" in report
    if fmt == "csv":
        text = exports.comparison_csv(report) if compared else exports.to_csv(report)
    elif fmt == "json":
        text = exports.comparison_json(report) if compared else exports.to_json(report)
    else:
        text = report_html(report)
    if fmt != "pdf":
        return text.encode("utf-8")
    try:
        return print_pdf(text, codes)
    except PdfUnavailable as error:
        raise click.ClickException(str(error)) from None


@click.command("report")
@click.argument("codes", nargs=-1, required=True, metavar="CODE...")
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="html", show_default=True,
              help="pdf: for the school file (needs Chromium); csv: for a spreadsheet.")
@click.option("-o", "--output", metavar="FILE", help="Where to write it (default: named after "
              "the lesson and the day, in this folder); - for the standard output.")
def report(codes: tuple[str, ...], fmt: str, output: str | None) -> None:
    """Write the report of a room kept on this computer, without starting a server.

    The same figures as the report page. Several CODEs of one lesson: the classes side by
    side, one set of columns per room in CSV.
    """
    from ..web.exports import filename

    data, notes = build(codes)
    for note in notes:
        click.echo(note, err=True)
    body = render(data, fmt, " ".join(codes))
    if output == "-":
        sys.stdout.buffer.write(body)
        sys.stdout.buffer.flush()
        return
    target = output or filename(data, fmt)
    try:
        with open(target, "wb") as file:
            file.write(body)
    except OSError as error:
        raise click.ClickException(f"Cannot write {target}: {error.strerror or error}") from None
    click.echo(f"Wrote {target}", err=True)
