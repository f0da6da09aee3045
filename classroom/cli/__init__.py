"""The `classroom` command: run a lesson, validate content, print the schema."""

import click


@click.group()
def main() -> None:
    """Live, anonymous classroom lessons from your own laptop."""
