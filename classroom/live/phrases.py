"""Free-text answers as whole phrases: the same or nearly the same answers counted together.

A word cloud cut "Het is niet jouw schuld" into "jouw schuld" and dropped "niet" as a
stop-word: it said the opposite of what the class wrote. So answers stay whole. Two answers
count as one phrase when they differ only in case, accents, punctuation and spacing, or by
one typo in a longer answer; never when their negations differ ("niet", "pas", "n't"...).
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Iterable
from functools import lru_cache

MAX_PHRASES = 30  # the most frequent first; the projector shows what fits of them

# Words that turn a sentence around, in nl, en and fr. Two answers whose negations differ are
# never counted together, however close their letters are.
NEGATIONS = frozenset(
    "niet geen nooit niemand niets niks nergens noch nee "
    "not no never nobody nothing none nor neither nowhere "
    "ne n pas jamais rien personne aucun aucune ni nul nulle non".split()
)
_APOSTROPHES = str.maketrans({"\u2019": "'", "\u2018": "'", "`": "'", "\u00b4": "'"})
_TOKEN = re.compile(r"[^\W_]+(?:'[^\W_]+)*", re.UNICODE)


def _fold(text: str) -> str:
    """Return the text lower-cased, without accents, with one kind of apostrophe."""
    decomposed = unicodedata.normalize("NFKD", text.translate(_APOSTROPHES).casefold())
    return "".join(char for char in decomposed if not unicodedata.combining(char))


def _tokens(text: str) -> list[str]:
    return _TOKEN.findall(_fold(text))


def negations(text: str) -> tuple[str, ...]:
    """Return the negation words of a text, sorted ("ne … pas" gives ('n', 'pas'))."""
    found = []
    for token in _tokens(text):
        for part in token.split("'"):
            if part in NEGATIONS:
                found.append(part)
        if token.endswith("n't"):  # don't, isn't, can't
            found.append("n't")
    return tuple(sorted(found))


def phrase_key(text: str) -> str:
    """Return what two answers share when they differ only in case, accents or punctuation."""
    return " ".join(token.replace("'", "") for token in _tokens(text))


def _close(a: str, b: str, limit: int) -> bool:
    """Tell whether `a` becomes `b` with at most `limit` edits (a swap of two letters is one)."""
    if abs(len(a) - len(b)) > limit:
        return False
    previous2: list[int] = []
    previous = list(range(len(b) + 1))
    for i in range(1, len(a) + 1):
        row = [i] + [0] * len(b)
        for j in range(1, len(b) + 1):
            cost = 0 if a[i - 1] == b[j - 1] else 1
            row[j] = min(previous[j] + 1, row[j - 1] + 1, previous[j - 1] + cost)
            if i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]:
                row[j] = min(row[j], previous2[j - 2] + 1)
        if min(row) > limit:
            return False
        previous2, previous = previous, row
    return previous[-1] <= limit


def _typos(key: str) -> int:
    """Return how many typos two answers this long may differ by and still be one phrase."""
    return 0 if len(key) < 8 else 1 if len(key) < 20 else 2


@lru_cache(maxsize=64)
def _group(texts: tuple[str, ...]) -> tuple[tuple[str, int], ...]:
    exact: dict[str, Counter[str]] = {}
    for text in texts:
        exact.setdefault(phrase_key(text), Counter())[text] += 1
    # Biggest groups first, so that a typo joins the spelling most of the class used.
    keys = sorted(exact, key=lambda k: (-sum(exact[k].values()), k))
    heads: list[tuple[str, tuple[tuple[str, ...], list[str]], Counter[str]]] = []
    for key in keys:
        # Never across a negation, nor across numbers: "16 jaar" is no typo of "18 jaar".
        signature = (negations(next(iter(exact[key]))), re.findall(r"\d+", key))
        for head, head_signature, forms in heads:
            limit = min(_typos(head), _typos(key))
            if limit and head_signature == signature and _close(head, key, limit):
                forms.update(exact[key])
                break
        else:
            heads.append((key, signature, Counter(exact[key])))
    grouped = [
        # The form most of the group typed; on a tie, not shouting, then the first in order.
        (min(forms, key=lambda form: (-forms[form], form.isupper(), form)), sum(forms.values()))
        for _, _, forms in heads
    ]
    return tuple(sorted(grouped, key=lambda item: (-item[1], phrase_key(item[0])))[:MAX_PHRASES])


def phrases(texts: Iterable[str]) -> list[dict[str, object]]:
    """Return `[{text, count}]`: each phrase whole, as most of its group typed it, most first."""
    # Cached on the sorted answers: every state sent rebuilds the results, moderation seldom.
    return [{"text": text, "count": count} for text, count in _group(tuple(sorted(texts)))]
