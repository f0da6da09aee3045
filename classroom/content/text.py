"""Localised text and sources: the small types every content model uses."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

LANG_PATTERN = r"^[a-z]{2}$"
ID_PATTERN = r"^[a-z0-9][a-z0-9-]*$"

Lang = Annotated[str, StringConstraints(pattern=LANG_PATTERN)]
Id = Annotated[str, StringConstraints(pattern=ID_PATTERN, max_length=64)]
NonEmpty = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]

# A text is either one plain string (used for every language) or a mapping of
# language code to string. Authors pick whichever reads best in their file.
LocalText = NonEmpty | dict[Lang, NonEmpty]


class Strict(BaseModel):
    """Base for content models: unknown keys are errors, models are immutable."""

    model_config = ConfigDict(extra="forbid", frozen=True)


class Source(Strict):
    """Where a fact comes from and when someone last checked it."""

    url: Annotated[str, StringConstraints(pattern=r"^https?://\S+$")]
    title: NonEmpty | None = None
    checked: dt.date = Field(description="The date someone last read the source (YYYY-MM-DD).")
    note: NonEmpty | None = None


def is_bare_text(value: Any, fields: Iterable[str]) -> bool:
    """Tell whether `value` is a text written without its key: a string or a language mapping."""
    if isinstance(value, str):
        return True
    if not isinstance(value, dict) or not value or any(key in value for key in fields):
        return False
    # Only wrap mappings that look like languages, so `{txt: ...}` gets "did you mean 'text'".
    return any(isinstance(key, str) and re.match(LANG_PATTERN, key) for key in value)


def localise(text: LocalText | None, lang: str, fallback: str | None = None) -> str:
    """Return the text in `lang`, else in `fallback`, else the first one written."""
    if text is None:
        return ""
    if isinstance(text, str):
        return text
    for code in (lang, fallback):
        if code and code in text:
            return text[code]
    return next(iter(text.values()), "")


def languages_of(text: LocalText | None) -> set[str] | None:
    """Return the languages a text is written in, or None when it serves them all."""
    if text is None or isinstance(text, str):
        return None
    return set(text)
