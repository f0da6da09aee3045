"""`classroom library-key`: show where the library key lives, or replace it."""

from __future__ import annotations

import click


@click.command("library-key")
@click.option("--rotate", is_flag=True, help="Make a new key: old library links stop working "
              "at once, also in a running server.")
def library_key(rotate: bool) -> None:
    """Print the library's secret key (one per installation), or replace it with --rotate."""
    from ..datadir import LibraryKey, data_dir
    from .settings import env_settings

    keys = LibraryKey(data_dir(env_settings().get("CLASSROOM_DATA_DIR")))
    key = keys.rotate() if rotate else keys.get()
    click.echo(f"{'New library key' if rotate else 'Library key'}: {key}")
    click.echo(f"Kept in {keys.path} (readable by you only). `classroom run` prints the "
               "library link with it.")
