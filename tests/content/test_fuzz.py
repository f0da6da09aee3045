"""Random and mutated YAML: the loader returns models or problems, and never raises."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from classroom.content.library import Library, Problem
from classroom.content.loader import load_paths

VALID = Path(__file__).parent / "valid"
FILES = sorted(VALID.rglob("*.yaml"))
SEEDS = [p.read_bytes() for p in FILES]
EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "150"))  # raise it to hunt for new crashes
SETTINGS = settings(max_examples=EXAMPLES, deadline=None,
                    suppress_health_check=[HealthCheck.too_slow])

scalars = st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=False),
                    st.text(max_size=20), st.sampled_from(["yes", "no", "on", "off", "kind",
                                                           "choice", "nl", "", "2024-13-01"]))
keys = st.one_of(st.sampled_from(["id", "title", "questions", "steps", "resources", "kind",
                                  "text", "options", "correct", "ask", "help", "nl", "en",
                                  "languages", "slide", "discuss", "points"]), st.text(max_size=8))
trees = st.recursive(scalars, lambda inner: st.one_of(
    st.lists(inner, max_size=4), st.dictionaries(keys, inner, max_size=5)), max_leaves=25)
tokens = st.sampled_from([b":", b"- ", b"\t", b"{", b"}", b"[", b"]", b"\"", b"'", b"&a ", b"*a",
                          b"---\n", b"\n", b"  ", b"yes", b"\xff", b"\xc3", b"!!python/x ",
                          b"? ", b"#", b"<<: *a\n", b"\x00", b"%YAML 1.1\n"])


def check(raw: bytes, name: str = "quizzes/x.yaml") -> Library:
    """Load `raw` as one file and assert the loader answered with a library of problems."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(raw)
        library = load_paths([Path(folder)])
    assert isinstance(library, Library)
    for problem in library.problems:
        assert isinstance(problem, Problem)
        assert problem.line >= 1 and problem.col >= 1
        assert str(problem).startswith(f"{path}:{problem.line}:{problem.col}: ")
    return library


@SETTINGS
@given(st.binary(max_size=300))
def test_random_bytes(raw):
    """Any bytes at all."""
    check(raw)


@SETTINGS
@given(trees, st.sampled_from(["quizzes/x.yaml", "lessons/x.yaml", "lessons/help/x.yaml"]))
def test_random_yaml(tree, name):
    """Any YAML tree, in any of the three folders."""
    check(yaml.safe_dump(tree, allow_unicode=True).encode(), name)


@SETTINGS
@given(st.sampled_from(SEEDS), st.lists(st.tuples(st.integers(0, 5000), st.integers(0, 12),
                                                  tokens), min_size=1, max_size=6))
def test_mutated_valid_files(seed, edits):
    """A valid file with characters cut out and YAML punctuation pasted in."""
    raw = seed
    for at, cut, token in edits:
        at %= len(raw) + 1
        raw = raw[:at] + token + raw[at + cut:]
    check(raw)


@SETTINGS
@given(st.integers(0, len(FILES) - 1), st.lists(st.tuples(st.integers(0, 5000),
                                                          st.integers(0, 12), tokens),
                                                min_size=1, max_size=3))
def test_one_mutated_file_among_valid_ones(which, edits):
    """The cross-file checks (references, translations) also survive a broken neighbour."""
    with tempfile.TemporaryDirectory() as folder:
        for index, source in enumerate(FILES):
            target = Path(folder) / source.relative_to(VALID)
            target.parent.mkdir(parents=True, exist_ok=True)
            raw = source.read_bytes()
            for at, cut, token in edits if index == which else []:
                at %= len(raw) + 1
                raw = raw[:at] + token + raw[at + cut:]
            target.write_bytes(raw)
        library = load_paths([Path(folder)])
        untouched = [f.stem for i, f in enumerate(FILES) if i != which]
    assert all(isinstance(p, Problem) and p.line >= 1 for p in library.problems)
    loaded = {*library.lessons, *library.quizzes, *library.help_sets}
    assert set(untouched) - {"demo-lesson"} <= loaded  # a lesson may lose its quiz or help


def test_alias_bomb_and_self_reference_are_problems():
    """Aliases that explode or contain themselves are reported, not expanded forever."""
    bomb = "a: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(
        f"{c}: &{c} [*{p}, *{p}, *{p}, *{p}, *{p}, *{p}, *{p}, *{p}, *{p}]\n"
        for p, c in zip("abcdefgh", "bcdefghi", strict=True))
    for text in (bomb, "a: &a [*a]\n", "[" * 5000 + "]" * 5000):
        library = check(text.encode())
        assert library.errors
