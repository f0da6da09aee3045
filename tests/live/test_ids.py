"""Join codes, secrets, anonymous ids, and the join rate limiter."""

import pytest

from classroom.live.ids import (
    ALPHABET,
    new_join_code,
    normalise_code,
    participant_id,
    same_secret,
    valid_device,
)
from classroom.live.limiter import JoinLimiter


def test_join_codes_use_only_unambiguous_characters():
    codes = {new_join_code() for _ in range(500)}
    assert len(codes) > 490
    assert all(len(code) == 6 for code in codes)
    used = set("".join(codes))
    assert used <= set(ALPHABET) and not used & set("0O1IL")


@pytest.mark.parametrize(
    ("typed", "code"),
    [
        ("k7rm4p", "K7RM4P"),
        (" K7RM4P ", "K7RM4P"),
        ("K7RM4", None),
        ("K7RM40", None),
        ("K7RMIP", None),
        (None, None),
        (123456, None),
    ],
)
def test_typed_codes_are_normalised(typed, code):
    assert normalise_code(typed) == code


@pytest.mark.parametrize(
    ("device", "valid"),
    [
        ("a" * 22, True),
        ("A-z_09" * 4, True),
        ("a" * 64, True),
        ("a" * 21, False),
        ("a" * 65, False),
        ("a" * 21 + "!", False),
        ("a" * 21 + " ", False),
        (None, False),
        (["a" * 22], False),
    ],
)
def test_device_keys_are_validated(device, valid):
    assert valid_device(device) is valid


def test_participant_ids_depend_on_the_room_salt_and_hide_the_device():
    device = "d" * 30
    first, second = participant_id("salt-1", device), participant_id("salt-2", device)
    assert first != second and device not in first
    assert participant_id("salt-1", device) == first


@pytest.mark.parametrize(
    ("given", "match"),
    [("key", True), ("kex", False), ("", False), (None, False), (["key"], False)],
)
def test_secrets_compare_only_to_the_same_string(given, match):
    assert same_secret(given, "key") is match


def test_the_limiter_allows_a_burst_then_refills():
    now = [0.0]
    limiter = JoinLimiter(burst=3, per_second=0.5, clock=lambda: now[0])
    assert [limiter.allow("10.0.0.1") for _ in range(4)] == [True, True, True, False]
    assert limiter.allow("10.0.0.2")  # another address has its own budget
    now[0] += 2.0
    assert limiter.allow("10.0.0.1") and not limiter.allow("10.0.0.1")


def test_the_limiter_keeps_no_address_and_forgets_idle_entries():
    now = [0.0]
    limiter = JoinLimiter(burst=2, per_second=1.0, clock=lambda: now[0])
    limiter.allow("192.168.1.23")
    assert not any("192.168" in key for key in limiter._buckets)
    now[0] += 120
    limiter.allow("192.168.1.24")
    assert len(limiter) == 1
