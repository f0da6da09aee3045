"""The `classroom` command: run a lesson, validate content, print the schema."""

import click

from .run import run


@click.group()
def main() -> None:
    """Live, anonymous classroom lessons from your own laptop."""


main.add_command(run)
