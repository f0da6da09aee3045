"""Every YAML example in docs/authoring.md validates, or gives exactly the message it shows."""

from __future__ import annotations

import re
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
