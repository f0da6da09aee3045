"""Every YAML example in docs/authoring.md validates, or gives exactly the message it shows."""

from __future__ import annotations

import re
import shutil
import textwrap
from pathlib import Path

import pytest
import yaml

from classroom.content.loader import load_paths

DOCS = Path(__file__).resolve().parents[2] / "docs" / "authoring.md"
BLOCKS = re.findall(r"```yaml\n(.*?)```", DOCS.read_text(encoding="utf-8"), re.DOTALL)
QUIZ = "id: snippet-{n}\ntitle: Snippet\nquestions:\n"
LESSON = ("id: snippet-{n}\ntitle: Snippet\naudience: all\nminutes: 10\nlanguages: [nl, en]\n"
          "help: be-nl\nsteps:\n")


def blocks(kind: str) -> list[tuple[int, str]]:
    """Return (number, text) of the yaml blocks whose first line is `# kind: ...`."""
    return [(n, b) for n, b in enumerate(BLOCKS) if b.startswith(f"# {kind}: ")]


def first_value(block: str) -> str:
    return block.splitlines()[0].split(": ", 1)[1]


@pytest.fixture(scope="module")
def doc_files(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Write the docs' whole-file examples where their `# file:` line says."""
    root = tmp_path_factory.mktemp("docs")
    for _, block in blocks("file"):
        path = root / first_value(block)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(block, encoding="utf-8")
    return root


def test_every_block_is_marked():
    """Each example says how to check it, so none is skipped by accident."""
    kinds = [b.split(":", 1)[0] for b in BLOCKS]
    assert set(kinds) <= {"# file", "# snippet", "# expect"}, kinds
    assert len(blocks("file")) == 3 and len(blocks("expect")) >= 12


def test_whole_file_examples_validate_together(doc_files: Path):
    library = load_paths([doc_files])
    assert [str(p) for p in library.problems] == []
    assert (len(library.lessons), len(library.quizzes), len(library.help_sets)) == (1, 1, 1)


@pytest.mark.parametrize(("n", "block"), blocks("snippet"), ids=lambda v: str(v)[:40])
def test_snippet_validates_in_context(tmp_path: Path, doc_files: Path, n: int, block: str):
    what = first_value(block)
    if what == "comment":
        assert yaml.safe_load(block) is None
        return
    header = {"question": QUIZ, "step": LESSON}[what].format(n=n)
    path = tmp_path / f"snippet-{n}.yaml"
    path.write_text(header + textwrap.indent(block, "  "), encoding="utf-8")
    library = load_paths([path], context=[doc_files])
    assert [str(p) for p in library.problems] == []


@pytest.mark.parametrize(("n", "block"), blocks("expect"), ids=lambda v: str(v)[:40])
def test_error_example_gives_the_message_shown(tmp_path: Path, doc_files: Path, n: int,
                                               block: str):
    expected = [line.removeprefix("# expect: ") for line in block.splitlines()
                if line.startswith("# expect: ")]
    path = tmp_path / "example.yaml"
    path.write_text(block, encoding="utf-8")
    library = load_paths([path], context=[doc_files])
    assert [str(p).removeprefix(f"{path}:") for p in library.problems] == expected


def prose_messages() -> list[str]:
    """Return the messages listed in prose after the last example."""
    text = DOCS.read_text(encoding="utf-8")
    tail = text[text.index("Messages that need more than one file"):]
    return re.findall(r"^- `([^`]+)`", tail, re.MULTILINE)


def test_prose_messages_are_what_the_tool_says(tmp_path: Path):
    """The messages listed without an example still match real output."""
    valid, broken = Path(__file__).parent / "valid", Path(__file__).parent / "broken"
    first, second = tmp_path / "first", tmp_path / "second"
    shutil.copytree(valid, first)
    shutil.copytree(valid, second)
    quiz = first / "quizzes" / "demo-quiz.yaml"
    quiz.write_text(quiz.read_text(encoding="utf-8").replace("kind: flag\n", "kind: flags\n"))
    shutil.copy(valid / "quizzes" / "demo-quiz.yaml", second / "quizzes" / "zz-copy.yaml")
    said = [p.message for folder in (first, second, broken / "syntax-tab.yaml",
                                     broken / "not-utf8.yaml")
            for p in load_paths([folder]).problems]
    documented = prose_messages()
    assert len(documented) == 4
    for message in documented:
        pattern = re.escape(message).replace("'x'", "'[^']+'").replace(
            re.escape("quizzes/x.yaml"), r"\S+")
        assert any(re.fullmatch(pattern, line) for line in said), message
