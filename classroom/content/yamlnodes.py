"""Read YAML safely into plain data, remembering where every key and value was written."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import yaml
from yaml.constructor import SafeConstructor
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

Path = tuple[str | int, ...]

BOOL_TAG = "tag:yaml.org,2002:bool"
STR_TAG = "tag:yaml.org,2002:str"
MERGE_TAG = "tag:yaml.org,2002:merge"
COLLECTION_TAGS = ("tag:yaml.org,2002:map", "tag:yaml.org,2002:seq")
# YAML 1.1 reads these words, unquoted, as true or false: authors rarely mean that.
BOOL_WORDS = {"yes", "no", "on", "off"}
MAX_DEPTH = 50  # also stops aliases that contain themselves
MAX_NODES = 100_000  # also stops "billion laughs" alias bombs


@dataclass(frozen=True)
class Spot:
    """A place in a file: 1-based line and column."""

    line: int
    col: int


def spot_of(mark: Any) -> Spot:
    """Return the 1-based spot of a PyYAML mark."""
    return Spot(mark.line + 1, mark.column + 1)


@dataclass
class Document:
    """One YAML file as plain data, with the spot of every value and key."""

    data: Any = None
    values: dict[Path, Spot] = field(default_factory=dict)
    keys: dict[Path, Spot] = field(default_factory=dict)
    bool_words: dict[Path, str] = field(default_factory=dict)  # path -> the unquoted word
    problems: list[tuple[Spot, Path, str]] = field(default_factory=list)  # spot, parent, message

    def spot(self, path: Path, key: bool = False) -> Spot:
        """Return where `path` (or its key) was written, else its nearest written parent."""
        for end in range(len(path), -1, -1):
            found = (self.keys if key and end == len(path) else self.values).get(path[:end])
            if found:
                return found
        return Spot(1, 1)


class YamlSyntaxError(Exception):
    """The file is not YAML we can read; `spot` says where."""

    def __init__(self, spot: Spot, message: str) -> None:
        super().__init__(message)
        self.spot = spot
        self.message = message


def parse(text: str) -> Document:
    """Compose `text` with PyYAML's safe loader into a Document, or raise YamlSyntaxError."""
    try:
        node = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        spot = spot_of(mark) if mark else Spot(1, 1)
        raise YamlSyntaxError(spot, syntax_message(error)) from None
    except yaml.reader.ReaderError as error:
        raise YamlSyntaxError(_spot_at(text, error.position), _reader_message(error)) from None
    except yaml.YAMLError as error:
        raise YamlSyntaxError(Spot(1, 1), f"syntax error: {error}") from None
    except RecursionError:
        raise YamlSyntaxError(Spot(1, 1), "syntax error: the file nests too deeply") from None
    document = Document()
    if node is not None:
        document.data = _Builder(document).build(node, (), 0)
    return document


SYNTAX_HINTS = (
    ("mapping values are not allowed here", "found a ':' that starts nothing: put a text "
     "that holds ': ' in quotes, or check the indentation"),
    ("found character '\\t'", "found a tab: indent with spaces only"),
    ("could not find expected ':'", "expected 'key: value', found a line without ':' "
     "(or a quote that is never closed)"),
    ("expected a single document", "found a second document (a line '---'): "
     "keep one lesson, quiz or help set per file"),
    ("found undefined alias", "found an alias (*name) with no anchor (&name) before it"),
    ("expected <block end>, but found '-'", "found a list item ('- ') where a key was "
     "expected: check the indentation"),
    ("expected <block end>", "the indentation does not line up with the lines above"),
    ("did not find expected key", "the indentation does not line up with the lines above"),
    ("did not find expected '-' indicator", "expected a list item ('- ') at this "
     "indentation, found something else"),
    ("expected ',' or '}'", "a text inside { } holds a character YAML reads as punctuation "
     "(such as ?, :, # or a comma): put that text in quotes"),
    ("expected ',' or ']'", "a text inside [ ] holds a character YAML reads as punctuation "
     "(such as ?, :, # or a comma): put that text in quotes"),
    ("found unexpected end of stream", "the file ends inside a quoted text: close the quote"),
    ("found unknown escape character", "found an unknown escape (a backslash) in a text in "
     "double quotes: use single quotes, or write \\\\ for a backslash"),
)


def syntax_message(error: yaml.MarkedYAMLError) -> str:
    """Say in plain words what is wrong with the YAML."""
    text = " ".join(part for part in (error.context, error.problem) if part)
    for needle, hint in SYNTAX_HINTS:
        if needle in text:
            return f"syntax error: {hint}"
    return f"syntax error: expected valid YAML, found {error.problem or 'something else'}"


def _reader_message(error: yaml.reader.ReaderError) -> str:
    char = error.character
    code = f"#x{char:04x}" if isinstance(char, int) else repr(char)
    return f"syntax error: expected text, found the control character {code}: remove it"


def _spot_at(text: str, index: int) -> Spot:
    before = text[:index]
    return Spot(before.count("\n") + 1, index - (before.rfind("\n") + 1) + 1)


class _Builder:
    """Turn a node tree into plain data, filling in a Document's spots and problems."""

    def __init__(self, document: Document) -> None:
        self.doc = document
        self.constructor = SafeConstructor()
        self.count = 0

    def build(self, node: Node, path: Path, depth: int) -> Any:
        self.count += 1
        if depth > MAX_DEPTH or self.count > MAX_NODES:
            raise YamlSyntaxError(spot_of(node.start_mark), "expected a lesson, a quiz or a "
                                  "help set, found data nested too deeply or too large")
        self.doc.values[path] = spot_of(node.start_mark)
        if isinstance(node, (MappingNode, SequenceNode)) and node.tag not in COLLECTION_TAGS:
            self._problem(node, path, f"expected no tag, found {node.tag}: remove it")
        if isinstance(node, MappingNode):
            return self._mapping(node, path, depth)
        if isinstance(node, SequenceNode):
            return [self.build(item, (*path, i), depth + 1) for i, item in enumerate(node.value)]
        return self._scalar(node, path)

    def _mapping(self, node: MappingNode, path: Path, depth: int) -> dict[str, Any]:
        result: dict[str, Any] = {}
        for key_node, value_node in node.value:
            key = self._key(key_node, path)
            if key is None:
                continue
            if key in result:
                first = self.doc.keys[(*path, key)]
                self._problem(key_node, path, f"duplicate key '{key}': it is already set on "
                              f"line {first.line}; keep one")
                continue
            self.doc.keys[(*path, key)] = spot_of(key_node.start_mark)
            result[key] = self.build(value_node, (*path, key), depth + 1)
        return result

    def _key(self, node: Node, path: Path) -> str | None:
        if not isinstance(node, ScalarNode):
            self._problem(node, path, "expected a key (a word before ':'), found a list or mapping")
            return None
        if node.tag == MERGE_TAG:
            self._problem(node, path, "expected a key, found '<<' (merge keys are not "
                          "supported): write the keys out")
            return None
        if node.tag == BOOL_TAG and node.style is None and node.value.lower() in BOOL_WORDS:
            self._problem(node, path, f"expected a key, got {bool_word_hint(node.value)}")
        return node.value

    def _scalar(self, node: ScalarNode, path: Path) -> Any:
        if node.tag == BOOL_TAG and node.style is None and node.value.lower() in BOOL_WORDS:
            self.doc.bool_words[path] = node.value
        try:
            return self.constructor.construct_object(node, deep=True)
        except Exception:
            if node.tag.endswith(":timestamp"):
                return node.value  # not a real date: the model says what a date looks like  # noqa: BLE001 - any odd tag or value becomes a problem, not a crash
            self._problem(node, path[:-1], f"expected a plain value, found {node.tag} "
                          f"{node.value!r} that cannot be read")
            return node.value

    def _problem(self, node: Node, parent: Path, message: str) -> None:
        self.doc.problems.append((spot_of(node.start_mark), parent, message))


def _bool_text(word: str) -> str:
    return "true" if word.lower() in ("yes", "on") else "false"


def bool_word_hint(word: str) -> str:
    """Explain an unquoted yes/no/on/off that YAML read as true or false."""
    return f"{word} (read as {_bool_text(word)} without quotes: write it as '{word}')"

