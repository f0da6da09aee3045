"""Join codes, keys, anonymous participant ids and question tokens: the one place they are made."""

from __future__ import annotations

import hashlib
import hmac
import re
import secrets

# No 0/O, 1/I/L: a code read off a projector at the back of the class must not be misread.
ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
CODE_LENGTH = 6
DEVICE_PATTERN = re.compile(r"[A-Za-z0-9_-]{22,64}")


def new_join_code() -> str:
    """Return a random join code of 6 unambiguous characters."""
    return "".join(secrets.choice(ALPHABET) for _ in range(CODE_LENGTH))


def normalise_code(code: object) -> str | None:
    """Return the code as typed, upper-cased and trimmed, or None when it cannot be one."""
    if not isinstance(code, str):
        return None
    code = code.strip().upper()
    if len(code) != CODE_LENGTH or any(c not in ALPHABET for c in code):
        return None
    return code


def new_secret() -> str:
    """Return a random URL-safe secret (teacher keys, salts, the admin key)."""
    return secrets.token_urlsafe(24)


def valid_device(device: object) -> bool:
    """Tell whether a phone's device key has the shape the protocol asks for."""
    return isinstance(device, str) and DEVICE_PATTERN.fullmatch(device) is not None


def participant_id(salt: str, device: str) -> str:
    """Return the anonymous participant id of a device in the room salted with `salt`."""
    digest = hmac.new(salt.encode(), device.encode(), hashlib.sha256).hexdigest()
    return digest[:24]


def question_key(salt: str, device: str) -> str:
    """Return a phone's key for the question box: from its own key, not its participant id.

    The database holds every participant id; a key made from one could be made again by
    whoever holds the file, and would tie a question to the answers of the phone that asked.
    """
    return hmac.new(salt.encode(), b"questions/" + device.encode(), hashlib.sha256).hexdigest()


def question_token(key: str, purpose: str, question: str) -> str:
    """Return the token of one phone for one question ("own" or "me-too"); each differs."""
    message = f"{purpose}/{question}".encode()
    return hmac.new(key.encode(), message, hashlib.sha256).hexdigest()[:24]


def new_question_id() -> str:
    """Return a random question id: ids in order would tell how many questions wait unseen."""
    return secrets.token_urlsafe(6)


def same_secret(given: object, expected: str) -> bool:
    """Compare a secret in constant time; anything that is not a string never matches."""
    if not isinstance(given, str):
        return False
    return hmac.compare_digest(given.encode(), expected.encode())
