"""Free text: mask what identifies someone, flag what the teacher should look at first."""

from __future__ import annotations

import re
import unicodedata

MASK = "•••"
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(\.[\w-]+)+", re.UNICODE)
_HANDLE = re.compile(r"(?<![\w@])@[\w.]{2,}", re.UNICODE)
# Eight digits or more, with the spaces, dots, dashes and brackets people type in numbers;
# short numbers such as a helpline's 102 stay readable.
_PHONE = re.compile(r"\+?\(?\d(?:[\s./()-]*\d){7,}")
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")
_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)

# A short list per language, to flag answers for the teacher's eye (never to rewrite them).
PROFANITY: dict[str, frozenset[str]] = {
    "nl": frozenset(
        "kut klootzak lul hoer slet kanker tering tyfus mongool homo flikker "
        "neuken geil trut sukkel debiel teef pik".split()
    ),
    "en": frozenset(
        "fuck fucking shit bitch slut whore cunt dick cock pussy bastard asshole "
        "fag faggot retard nude nudes".split()
    ),
    "fr": frozenset(
        "merde putain pute salope connard connasse enculé encule bite chatte pd "
        "pédé nique niquer batard bâtard".split()
    ),
}
_ALL_PROFANITY = frozenset().union(*PROFANITY.values())


def clean(text: str) -> str:
    """Return the text normalised (NFC), without control characters, spaces collapsed."""
    text = _CONTROL.sub(" ", unicodedata.normalize("NFC", text))
    return " ".join(text.split())


def mask(text: str) -> str:
    """Return the text with e-mail addresses, @handles and phone numbers masked."""
    text = _EMAIL.sub(MASK, text)
    text = _HANDLE.sub(MASK, text)
    return _PHONE.sub(MASK, text)


def words(text: str) -> list[str]:
    """Return the words of a text, lower-cased."""
    return [w.lower() for w in _WORD.findall(text)]


def is_flagged(text: str) -> bool:
    """Tell whether a text holds a word from the profanity lists (nl, en, fr)."""
    return any(word in _ALL_PROFANITY for word in words(text))
