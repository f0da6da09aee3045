"""The one place the live layer reaches for built-in texts and Markdown from the content layer."""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from classroom.content import builtin
from classroom.content.markdown import render_markdown


@lru_cache(maxsize=1024)
def markdown(text: str) -> str:
    """Render Markdown to safe HTML (no raw HTML, links to http(s) only)."""
    # Cached: every view of a slide renders it, and a hall joining on the opening notice
    # rendered it once per phone (1.7 ms each, more than the rest of a connect).
    return render_markdown(text)


def flag_label(flag: str, lang: str) -> str:
    """Return the label of one of the four flags."""
    return builtin.flag_label(flag, lang)


def flag_meaning(flag: str, lang: str) -> str:
    """Return what a flag means, in a few words."""
    return builtin.flag_meaning(flag, lang)


def criterion_label(criterion: str, lang: str) -> str:
    """Return the label of one of the Flag System's six criteria."""
    return builtin.criterion_label(criterion, lang)


def scale_labels(question: Any, lang: str) -> tuple[str, str]:
    """Return the (low, high) labels of a scale question (its own, or its preset's)."""
    return builtin.scale_labels(question, lang)


def point_labels(question: Any, lang: str) -> list[str] | None:
    """Return a label for every point of a preset scale, or None when there are none."""
    if not question.preset:
        return None
    labels = list(builtin.preset_labels(question.preset, lang))
    return labels if len(labels) == question.points else None


def notice_text(notice: str, lang: str) -> str:
    """Return the Markdown of a built-in notice screen."""
    return builtin.notice_text(notice, lang)


def notice_title(notice: str, lang: str) -> str:
    """Return the short title of a built-in notice screen."""
    return builtin.notice_title(notice, lang)


def school_title(lang: str) -> str:
    """Return the heading of the school's own contact, for a help set that has none."""
    return builtin.school_title(lang)
