"""The `classroom` command: run a lesson, write and preview content, read what classes said."""

import click

from .content import new, schema, validate
from .deploy import serve, worker
from .keys import library_key
from .preview import preview
from .proxy import nginx_config
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
main.add_command(serve)
main.add_command(worker)
main.add_command(nginx_config)
main.add_command(preview)
main.add_command(rooms)
main.add_command(report)
