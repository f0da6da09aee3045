"""Free text on the projector: whole phrases, grouped when (nearly) the same, negations kept."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st
from livekit import STEPS, join, open_question

from classroom.live import actions
from classroom.live.phrases import MAX_PHRASES, negations, phrases
from classroom.live.views import screen_view

BASE = "http://192.0.2.1:5000"


def counted(texts: list[str]) -> list[tuple[str, int]]:
    """Return (phrase, count) pairs as the projector receives them."""
    return [(p["text"], p["count"]) for p in phrases(texts)]


NEGATED = [
    # (a sentence with a negation, the same sentence without it)
    ("Het is niet jouw schuld", "Het is jouw schuld"),
    ("Je bent niet alleen", "Je bent alleen"),
    ("Dat is geen grap", "Dat is een grap"),
    ("Stuur het nooit door", "Stuur het door"),
    ("It is not your fault", "It is your fault"),
    ("There is no excuse", "There is an excuse"),
    ("Never forward it", "Forward it"),
    ("It isn't your fault", "It is your fault"),
    ("C'est pas ta faute", "C'est ta faute"),
    ("Ce n'est pas ta faute", "C'est ta faute"),
    ("Ne transfère jamais la photo", "Transfère la photo"),
    ("Tu n'es pas seul", "Tu es seul"),
]


@pytest.mark.parametrize(("negated", "plain"), NEGATED)
def test_a_negation_is_never_cut_off_nor_merged_away(negated, plain):
    result = counted([negated, negated, plain])
    assert result == [(negated, 2), (plain, 1)]


@pytest.mark.parametrize("negated", [n for n, _ in NEGATED])
def test_every_negation_word_is_seen(negated):
    assert negations(negated)


@pytest.mark.parametrize(
    ("texts", "expected"),
    [
        (["Respect!", "respect", "RESPECT ", "Respect."], [("Respect!", 4)]),
        (["Vraag het eerst", "vraag het eerst!", "Vraag het eerst"], [("Vraag het eerst", 3)]),
        (["Ce n'est pas ta faute", "Ce n\u2019est pas ta faute", "ce n'est pas ta faute !"],
         [("Ce n'est pas ta faute", 3)]),
        (["Het is niet jouw schuld", "Het is niet jou schuld"], [("Het is niet jou schuld", 2)]),
        (["Praat met iemand", "Praat met iemand", "Praat met iemnad"], [("Praat met iemand", 3)]),
        (["Fout", "Foto"], [("Foto", 1), ("Fout", 1)]),  # short answers must match exactly
        (["Het is niet oké", "Het is wel oké"], [("Het is niet oké", 1), ("Het is wel oké", 1)]),
        (["Vanaf 16 jaar", "Vanaf 18 jaar"], [("Vanaf 16 jaar", 1), ("Vanaf 18 jaar", 1)]),
    ],
)
def test_nearly_identical_answers_count_as_one_phrase(texts, expected):
    assert counted(texts) == expected


def test_the_most_common_spelling_is_shown_and_the_largest_group_first():
    texts = ["Niet doorsturen", "niet doorsturen", "niet doorsturen", "Hulp vragen"]
    assert counted(texts) == [("niet doorsturen", 3), ("Hulp vragen", 1)]


def test_at_most_the_top_phrases_are_sent():
    texts = [f"antwoord nummer {n:03d} " + "x" * (n % 7) for n in range(100)]
    assert len(phrases(texts)) == MAX_PHRASES


@given(st.lists(st.text(min_size=1, max_size=40), max_size=MAX_PHRASES))
def test_every_approved_answer_is_counted_once_and_shown_as_typed(texts):
    result = phrases(texts)
    assert sum(p["count"] for p in result) == len(texts)
    assert all(p["text"] in texts for p in result)
    assert [p["count"] for p in result] == sorted((p["count"] for p in result), reverse=True)


def test_the_projector_holds_each_approved_phrase_whole(room):
    """The issue's test: three approved answers, each on the projector as it was written."""
    approved = ["Het is niet jouw schuld", "Je bent niet alleen", "Ce n'est pas ta faute"]
    pids = join(room, 4)
    open_question(room, "text")
    for pid, text in zip(pids, [*approved, "niet goedgekeurd"], strict=True):
        room.answer(pid, STEPS["text"], text)
    for answer in room.step_answers().values():
        actions.moderate(room, answer.mod_id, answer.value in approved)
    actions.reveal(room)
    shown = [p["text"] for p in screen_view(room, BASE)["results"]["phrases"]]
    assert sorted(shown) == sorted(approved)
