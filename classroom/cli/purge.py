"""`classroom purge`: delete finished rooms now, or set a damaged store file aside."""

from __future__ import annotations

import click


@click.command("purge")
@click.option("--days", type=click.FloatRange(min=1), default=None,
              help="Delete rooms finished (or untouched) more than this many days ago "
                   "(default: CLASSROOM_RETENTION_DAYS, 30).")
@click.option("--damaged", is_flag=True,
              help="Move a damaged store file aside (renamed, not deleted), to start fresh.")
def purge(days: float | None, damaged: bool) -> None:
    """Delete finished rooms (their answers too) past the retention period."""
    from .. import DEFAULTS
    from ..datadir import default_db
    from ..store import StoreUnreadable, purge_finished
    from .settings import env_settings
    from .storefile import unreadable

    settings = env_settings()
    if days is None:
        days = settings.get("CLASSROOM_RETENTION_DAYS", DEFAULTS["CLASSROOM_RETENTION_DAYS"])
    # The store file alone: no lessons to load and no server to bind for a deletion.
    path = settings.get("CLASSROOM_DB") or default_db(settings.get("CLASSROOM_DATA_DIR"))
    try:
        count = purge_finished(path, days)
    except StoreUnreadable as error:
        if damaged and error.damaged:
            set_damaged_aside(path)
            return
        raise unreadable(error) from None
    if damaged:
        raise click.ClickException(f"{path} is not damaged: nothing was moved.")
    click.echo(f"Deleted {count} room(s) finished more than {days:g} days ago from {path}.")


def set_damaged_aside(path: str) -> None:
    """Move the damaged store's files aside and say where they went."""
    from .storefile import set_aside

    moved = set_aside(path)
    click.echo("Moved the damaged lesson database aside:")
    for name in moved:
        click.echo(f"  {name}")
    click.echo("`classroom run` now starts with a new, empty one.")
