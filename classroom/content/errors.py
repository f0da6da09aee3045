"""Turn pydantic's validation errors into messages an educator can act on."""

from __future__ import annotations

import datetime as dt
import difflib
import re
from dataclasses import dataclass
from typing import Any

from pydantic import ValidationError

from .lessons import STEP_KINDS
from .questions import KINDS, Question
from .shapes import (
    LOCAL_TEXT,
    PATTERNS,
    Walk,
    bounds,
    describe,
    field_names,
    tag_of,
    union_members,
    unwrap,
    walk,
)
from .text import LANG_PATTERN
from .where import child, resolve
from .yamlnodes import Document, Path, bool_word_hint


@dataclass(frozen=True)
class Issue:
    """A problem in one file's data, before it is placed at a line and column."""

    path: Path  # what the breadcrumb leads to
    message: str
    spot: Path | None = None  # where to point (default: `path`)
    key: bool = False  # point at the key of `spot`, not at its value
    severity: str = "error"


def question_models() -> list[Any]:
    """Return the model of every question kind."""
    return [unwrap(member)[0] for member in union_members(unwrap(Question)[0]) or []]


def did_you_mean(word: Any, choices: list[str]) -> str:
    """Return ' (did you mean 'x'?)' when a choice is close to `word`, else ''."""
    close = difflib.get_close_matches(str(word), choices, n=1, cutoff=0.6)
    return f" (did you mean '{close[0]}'?)" if close else ""


def found(value: Any, path: Path = (), doc: Document | None = None) -> str:
    """Describe a value as the author wrote it."""
    if doc is not None and path in doc.bool_words:
        return bool_word_hint(doc.bool_words[path])
    if value is None:
        return "nothing"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        if not value.strip():
            return "an empty text"
        return repr(value if len(value) <= 40 else value[:37] + "...")
    if isinstance(value, (int, float)):
        return str(value)
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    if isinstance(value, list):
        return "a list" if value else "an empty list"
    if isinstance(value, dict):
        return "a mapping" if value else "an empty mapping"
    return type(value).__name__


def issues_from(error: ValidationError, root: Any, data: Any, doc: Document) -> list[Issue]:
    """Translate every error in `error` (validating `data` as `root`) into Issues."""
    walked = [(e, walk(root, e["loc"])) for e in error.errors(include_url=False)]
    pairs = [(e, w) for e, w in _collapse_unions(walked) if not _split_by_comma(e, w)]
    issues = [_issue(e, w, data, doc) for e, w in pairs]
    suggested = {(i.path, m.group(1)) for i in issues if "unknown key" in i.message
                 and (m := re.search(r"did you mean '([\w-]+)'", i.message))}
    return [i for i in issues if not _is_suggested_missing(i, suggested)]


def _split_by_comma(error: dict, w: Walk) -> bool:
    # `{nl: Ja, zeker}` reads `zeker` as a key with no text; its key error says it all.
    last = w.path[-1] if w.path else None
    return (not w.key and error.get("input") is None and isinstance(last, str)
            and w.branch == "dict" and not re.fullmatch(LANG_PATTERN, last))


def _is_suggested_missing(issue: Issue, suggested: set[tuple[Path, str]]) -> bool:
    # "unknown key 'titel' (did you mean 'title'?)" already explains the missing title.
    match = re.match(r"missing key '([\w-]+)'", issue.message)
    return bool(match) and (issue.path, match.group(1)) in suggested


def _collapse_unions(walked: list[tuple[dict, Walk]]) -> list[tuple[dict, Walk]]:
    """Keep, for a text-or-mapping, only the errors of the side the author wrote."""
    groups: dict[tuple, list[tuple[dict, Walk]]] = {}
    order: list[tuple[str, Any]] = []  # ("pair", pair) or ("union", key of its group)
    for pair in walked:
        union = pair[1].union
        if union is None:
            order.append(("pair", pair))
        elif union not in groups:
            groups[union] = [pair]
            order.append(("union", union))
        else:
            groups[union].append(pair)
    result: list[tuple[dict, Walk]] = []
    for tag, item in order:
        result.extend(_pick_side(groups[item]) if tag == "union" else [item])
    return result


def _pick_side(members: list[tuple[dict, Walk]]) -> list[tuple[dict, Walk]]:
    union = members[0][1].union or ()
    value = next((e["input"] for e, w in members if w.branch == "str"), members[0][0]["input"])
    side = "str" if isinstance(value, str) else "dict" if isinstance(value, dict) else None
    if side:
        return [(e, w) for e, w in members if w.branch == side]
    return [({"type": "local_text", "input": value, "msg": "", "ctx": {}}, Walk(path=list(union)))]


def _issue(error: dict, w: Walk, data: Any, doc: Document) -> Issue:
    kind, path, value = error["type"], tuple(w.path), error.get("input")
    ctx = error.get("ctx") or {}
    what = found(value, resolve(data, path), doc)
    if kind == "missing":
        expected = describe(w.leaf, w.meta, name=str(path[-1]))
        return Issue(path[:-1], f"missing key '{path[-1]}': expected {expected}")
    two_kinds = len(path) == 3 and path[0] == "steps" and path[2] in STEP_KINDS
    if kind == "extra_forbidden" and two_kinds:
        return Issue(path[:-1], f"a step has one kind, and this one also has '{path[-1]}': make "
                     "that a step of its own", spot=path, key=True)
    if kind == "extra_forbidden":
        names = field_names(w.model)
        hint = (did_you_mean(path[-1], names) or _other_kinds(w, str(path[-1]))
                or ": expected one of " + ", ".join(names))
        return Issue(path[:-1], f"unknown key '{path[-1]}'{hint}", spot=path, key=True)
    if kind.startswith("union_tag"):
        return _tag_issue(kind, path, value, ctx, what)
    if w.key:
        text = PATTERNS.get(ctx.get("pattern"), "a valid key")
        comma = _value_at(data, resolve(data, path)) is None
        hint = " (inside { }, a comma ends a text: put the text in quotes)" if comma else ""
        return Issue(path[:-1], f"expected {text}, got {what}{hint}", spot=path, key=True)
    if kind == "value_error":
        return _value_error(error, path, value)
    return Issue(path, _message(kind, w, value, ctx, what))


def _other_kinds(w: Walk, key: str) -> str:
    # `options` on a text question: say which kinds have it, not just that this one does not.
    this = tag_of(w.model) if w.model is not None else None
    owners = [tag_of(m) for m in question_models() if key in m.model_fields]
    if this is None or this not in KINDS or not owners:
        return ""
    return f": a '{this}' question has no '{key}'; {', '.join(owners)} questions do"


def _message(kind: str, w: Walk, value: Any, ctx: dict, what: str) -> str:
    expected = describe(w.leaf, w.meta, name=str(w.path[-1]) if w.path else "")
    if isinstance(value, (int, float)) and not isinstance(value, bool) and "text" in expected:
        what += f" (a number: write it as '{value}' to use it as text)"
    if kind == "local_text":
        return f"expected {LOCAL_TEXT}, got {what}"
    if kind == "string_too_short":
        return f"expected a text, got {what}"
    if kind == "string_too_long":
        return f"expected at most {ctx.get('max_length')} characters, got {len(str(value))}"
    if kind == "literal_error":
        choices = re.findall(r"'([^']*)'", str(ctx.get("expected", "")))
        return f"expected one of {', '.join(choices)}, got {what}{did_you_mean(value, choices)}"
    if kind in ("greater_than_equal", "less_than_equal", "greater_than", "less_than"):
        return _bounds_message(w, what)
    if kind in ("too_short", "too_long"):
        return _length_message(kind, w, ctx)
    if kind.startswith(("int_", "bool_", "date", "string_", "list_", "dict_", "model_")):
        return f"expected {expected}, got {what}"
    return f"expected {expected}, got {what} ({error_text(kind)})"


def error_text(kind: str) -> str:
    """Name a pydantic error type in words, for errors without a message of their own."""
    return kind.replace("_", " ")


def _bounds_message(w: Walk, what: str) -> str:
    ge, le = bounds(w)
    if ge is not None and le is not None:
        return f"expected a whole number from {ge} to {le}, got {what}"
    if ge is not None:
        return f"expected a whole number of at least {ge}, got {what}"
    return f"expected a whole number of at most {le}, got {what}"


def _length_message(kind: str, w: Walk, ctx: dict) -> str:
    noun = str(w.path[-1]) if w.path else "items"
    actual = ctx.get("actual_length", 0)
    limit = ctx.get("min_length") if kind == "too_short" else ctx.get("max_length")
    word = noun.removesuffix("s") if limit == 1 and noun.endswith("s") else noun
    side = "at least" if kind == "too_short" else "at most"
    return f"expected {side} {limit} {word}, got {actual or 'none'}"


def _tag_issue(kind: str, path: Path, value: Any, ctx: dict, what: str) -> Issue:
    if ctx.get("discriminator") == "'kind'":
        tags = re.findall(r"'([^']*)'", str(ctx.get("expected_tags", "")))
        tags = tags or ["choice", "multi", "scale", "flag", "text", "rank", "check"]
        if kind == "union_tag_invalid":
            tag = ctx.get("tag")
            return Issue((*path, "kind"), f"expected one of {', '.join(tags)}, got "
                         f"{found(tag)}{did_you_mean(tag, tags)}")
        if isinstance(value, dict):
            return Issue(path, f"missing key 'kind': expected one of {', '.join(tags)}")
        return Issue(path, f"expected a question (a mapping with id, kind and text), got {what}")
    kinds = ", ".join(STEP_KINDS)
    if isinstance(value, dict) and value:
        first = next(iter(value))
        return Issue(path, f"expected a step that starts with one of {kinds}, got "
                     f"'{first}'{did_you_mean(first, list(STEP_KINDS))}", spot=(*path, first),
                     key=True)
    return Issue(path, f"expected a step such as 'slide: ...' (one of {kinds}), got {what}")


def _value_at(data: Any, path: Path) -> Any:
    for item in path:
        data = child(data, item)
    return data


def _value_error(error: dict, path: Path, value: Any) -> Issue:
    message = str(error.get("msg", "")).removeprefix("Value error, ")
    match = re.match(r"^(\w+): (.*)$", message)
    if match and isinstance(value, dict) and match.group(1) in value:
        return Issue((*path, match.group(1)), match.group(2))
    return Issue(path, message)
