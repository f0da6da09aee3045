"""The `classroom` command: run a lesson, write and preview content, read what classes said."""

import click

from .content import new, schema, validate
from .keys import library_key
from .preview import preview
from .purge import purge
from .rooms import report, rooms
from .run import run


@click.group()
def main() -> None:
    """Live, anonymous classroom lessons from your own laptop."""


main.add_command(run)
main.add_command(validate)
main.add_command(schema)
main.add_command(new)
main.add_command(purge)
main.add_command(library_key)
main.add_command(preview)
main.add_command(rooms)
main.add_command(report)
