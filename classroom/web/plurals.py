"""Texts that change with a number ("1 answer", "2 answers"), for the pages' scripts.

Each is handed to the script as ngettext's forms for 0, 1 and 2 things; the script takes the
form of the count (2 for any count from 2 up). That is exact for nl, en and fr, whose plural
rules differ only at 0 and 1 (French says "0 réponse", Dutch and English "0 answers").
"""

from __future__ import annotations

from collections.abc import Callable

from flask_babel import ngettext

COUNTS = (0, 1, 2)


def _forms(text: Callable[[int], str]) -> list[str]:
    return [str(text(count)) for count in COUNTS]


def plural_texts() -> dict[str, list[str]]:
    """Return every counted text of the pages, as forms for 0, 1 and 2, in the page's language."""
    return {
        "answers": _forms(lambda n: ngettext("{count} answer", "{count} answers", n)),
        "passed": _forms(
            lambda n: ngettext(
                "{count} would rather not answer", "{count} would rather not answer", n
            )
        ),
        "phones": _forms(
            lambda n: ngettext("{count} phone connected", "{count} phones connected", n)
        ),
        "answered_of": _forms(
            lambda n: ngettext("{count} of {total} answered", "{count} of {total} answered", n)
        ),
        # Counts the class sees move in steps of the minimum group (see live/shown.py): 0
        # means "fewer than a group", any other count "at least this many".
        "answers_fewer": _forms(
            lambda n: ngettext("fewer than {count} answer", "fewer than {count} answers", n)
        ),
        "answers_at_least": _forms(
            lambda n: ngettext("at least {count} answer", "at least {count} answers", n)
        ),
        "answered_fewer_of": _forms(
            lambda n: ngettext(
                "fewer than {count} of {total} answered",
                "fewer than {count} of {total} answered",
                n,
            )
        ),
        "answered_at_least_of": _forms(
            lambda n: ngettext(
                "at least {count} of {total} answered", "at least {count} of {total} answered", n
            )
        ),
        "joined": _forms(lambda n: ngettext("{count} phone joined", "{count} phones joined", n)),
        "joined_of": _forms(
            lambda n: ngettext(
                "{count} of {total} expected phones joined",
                "{count} of {total} expected phones joined",
                n,
            )
        ),
        "phones_waiting": _forms(
            lambda n: ngettext("{count} phone waiting to join", "{count} phones waiting to join", n)
        ),
        "chars_left": _forms(
            lambda n: ngettext("{count} character left", "{count} characters left", n)
        ),
        "waiting": _forms(lambda n: ngettext("{count} to approve", "{count} to approve", n)),
        "approve_all": _forms(
            lambda n: ngettext("Approve the {count} answer", "Approve all {count} answers", n)
        ),
        "times": _forms(
            lambda n: ngettext("sent by {count} student", "sent by {count} students", n)
        ),
        "more": _forms(
            lambda n: ngettext("and {count} more answer", "and {count} more answers", n)
        ),
        # The question box. "Me too" counts move in steps of the minimum group, like answers:
        # below a group the pages say "fewer than 5", never a number that moved by one tap.
        "me_too_fewer": _forms(
            lambda n: ngettext(
                "fewer than {count} want to know this too",
                "fewer than {count} want to know this too",
                n,
            )
        ),
        "me_too_at_least": _forms(
            lambda n: ngettext(
                "at least {count} wants to know this too",
                "at least {count} want to know this too",
                n,
            )
        ),
        "questions_waiting": _forms(
            lambda n: ngettext("{count} question to read", "{count} questions to read", n)
        ),
    }
