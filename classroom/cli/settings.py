"""The settings the commands take from the environment."""

from __future__ import annotations

import os
from typing import Any

import click


def env_settings() -> dict[str, Any]:
    """Return the CLASSROOM_* settings of the environment, or stop with a plain message."""
    from .. import settings_from_env

    try:
        return settings_from_env(os.environ)
    except ValueError as error:
        raise click.ClickException(f"{error} (a setting in the environment)") from None
