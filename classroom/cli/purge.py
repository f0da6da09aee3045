"""`classroom purge`: delete finished rooms now instead of waiting for the next start."""

from __future__ import annotations

import os
import time

import click


@click.command("purge")
@click.option("--days", type=click.FloatRange(min=1), default=None,
              help="Delete rooms finished (or untouched) more than this many days ago "
                   "(default: CLASSROOM_RETENTION_DAYS, 30).")
def purge(days: float | None) -> None:
    """Delete finished rooms (their answers too) past the retention period."""
    from .. import DEFAULTS, create_app, settings_from_env

    try:
        settings = settings_from_env(os.environ)
    except ValueError as error:
        raise click.ClickException(f"{error} (a setting in the environment)") from None
    if days is None:
        days = settings.get("CLASSROOM_RETENTION_DAYS", DEFAULTS["CLASSROOM_RETENTION_DAYS"])
    # Start with an endless retention so that only this command decides what goes.
    app = create_app({**settings, "CLASSROOM_RETENTION_DAYS": 10**6})
    store = app.extensions["classroom.store"]
    try:
        count = store.purge(time.time() - days * 86400)
    finally:
        store.close()
    click.echo(f"Deleted {count} room(s) finished more than {days:g} days ago "
               f"from {app.config['CLASSROOM_DB']}.")
