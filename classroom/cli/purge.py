"""`classroom purge`: delete finished rooms now instead of waiting for the next start."""

from __future__ import annotations

import click


@click.command("purge")
@click.option("--days", type=click.FloatRange(min=1), default=None,
              help="Delete rooms finished (or untouched) more than this many days ago "
                   "(default: CLASSROOM_RETENTION_DAYS, 30).")
def purge(days: float | None) -> None:
    """Delete finished rooms (their answers too) past the retention period."""
    from .. import DEFAULTS
    from ..datadir import default_db
    from ..store import purge_finished
    from .settings import env_settings

    settings = env_settings()
    if days is None:
        days = settings.get("CLASSROOM_RETENTION_DAYS", DEFAULTS["CLASSROOM_RETENTION_DAYS"])
    # The store file alone: no lessons to load and no server to bind for a deletion.
    path = settings.get("CLASSROOM_DB") or default_db(settings.get("CLASSROOM_DATA_DIR"))
    count = purge_finished(path, days)
    click.echo(f"Deleted {count} room(s) finished more than {days:g} days ago from {path}.")
