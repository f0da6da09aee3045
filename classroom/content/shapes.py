"""Follow a pydantic error location through the models, and describe types in plain words."""

from __future__ import annotations

import datetime as dt
import types
import typing
from dataclasses import dataclass, field
from typing import Annotated, Any, Literal

from pydantic import BaseModel, Discriminator, Tag

from .text import ID_PATTERN, LANG_PATTERN

PATTERNS = {
    ID_PATTERN: "an id of lowercase letters, digits and dashes, such as 'forwarded-photo'",
    LANG_PATTERN: "a two-letter language code such as 'nl'",
    r"^[a-z0-9][a-z0-9-]*/[a-z0-9][a-z0-9-]*$": "a reference 'quiz-id/question-id'",
    r"^(\d{1,2}-\d{1,2}|\d{1,2}\+|all)$": "an age band such as '14-16', '16+' or 'all'",
    r"^https?://\S+$": "a web address starting with http:// or https://",
    r"^([A-Z]{2}|INT)$": "a country code in capitals such as 'BE', or 'INT'",
}
LOCAL_TEXT = "a text, or one text per language (nl: ..., en: ...)"


@dataclass
class Walk:
    """Where a pydantic error location leads: the data path and the type found there."""

    path: list[str | int] = field(default_factory=list)
    leaf: Any = Any
    meta: list[Any] = field(default_factory=list)
    model: type[BaseModel] | None = None  # the model holding the last field
    union: tuple[str | int, ...] | None = None  # data path of a text-or-mapping union
    branch: str | None = None  # "str" or "dict": which side of that union failed
    key: bool = False  # the error is about a mapping key, not its value


def unwrap(tp: Any) -> tuple[Any, list[Any]]:
    """Strip Annotated and Optional from a type, keeping the Annotated metadata."""
    meta: list[Any] = []
    while True:
        if typing.get_origin(tp) is Annotated:
            meta.extend(tp.__metadata__)
            tp = tp.__origin__
            continue
        members = union_members(tp)
        if members is not None and len(members) == 1:
            tp = members[0]
            continue
        return tp, meta


def union_members(tp: Any) -> list[Any] | None:
    """Return the members of a union other than None, or None if `tp` is no union."""
    if typing.get_origin(tp) in (typing.Union, types.UnionType):
        return [arg for arg in typing.get_args(tp) if arg is not type(None)]
    return None


def is_model(tp: Any) -> bool:
    """Tell whether `tp` is a pydantic model class."""
    return isinstance(tp, type) and issubclass(tp, BaseModel)


def walk(root: Any, loc: tuple[str | int, ...]) -> Walk:
    """Follow `loc` from the `root` type, skipping union tags and branch names."""
    result = Walk()
    tp, carried = root, []
    for item in loc:
        tp, meta = unwrap(tp)
        meta = carried + meta  # a field's own metadata (its discriminator) lives on the field
        carried = []
        result.meta = meta
        if item == "[key]":
            result.key = True
        elif is_model(tp):
            result.model = tp
            result.path.append(item)
            info = tp.model_fields.get(str(item)) or next(
                (f for f in tp.model_fields.values() if f.alias == item), None)  # question-box
            tp = info.annotation if info else Any
            carried = [*info.metadata, info] if info and info.discriminator else []
            result.meta = list(info.metadata) if info else []
        elif typing.get_origin(tp) in (list, dict):
            result.path.append(item)
            tp = typing.get_args(tp)[-1]
        elif union_members(tp) is not None:
            tp = _pick(tp, meta, str(item), result)
        else:
            result.path.append(item)
            tp = Any
    result.leaf = tp
    return result


def _pick(tp: Any, meta: list[Any], item: str, result: Walk) -> Any:
    members = union_members(tp) or []
    if any(isinstance(m, Discriminator) or getattr(m, "discriminator", None) for m in meta):
        return next((m for m in members if tag_of(m) == item), Any)
    # A smart union: a text or a mapping of language to text; `item` names the branch.
    result.union = tuple(result.path)
    result.branch = "dict" if item.startswith("dict") else "str"
    wanted = dict if result.branch == "dict" else str
    return next((m for m in members if unwrap(m)[0] is wanted or
                 typing.get_origin(unwrap(m)[0]) is wanted), Any)


def tag_of(member: Any) -> str | None:
    """Return the tag of a discriminated union member (a Tag, or its `kind` literal)."""
    tp, meta = unwrap(member)
    tag = next((m.tag for m in meta if isinstance(m, Tag)), None)
    if tag is None and is_model(tp) and "kind" in tp.model_fields:
        tag = typing.get_args(tp.model_fields["kind"].annotation)[0]
    return tag


def is_local_text(tp: Any) -> bool:
    """Tell whether `tp` is a text-or-language-mapping union."""
    members = union_members(unwrap(tp)[0])
    if not members:
        return False
    kinds = {unwrap(m)[0] if unwrap(m)[0] is str else typing.get_origin(unwrap(m)[0])
             for m in members}
    return kinds == {str, dict}


def describe(tp: Any, meta: list[Any] | tuple = (), name: str = "") -> str:
    """Say in plain words what a value of type `tp` (in field `name`) looks like."""
    if is_local_text(tp):
        return LOCAL_TEXT
    tp, inner = unwrap(tp)
    if typing.get_origin(tp) is list and name and not isinstance(name, int):
        return f"a list of {name} (lines starting with '- ')"
    pattern = next((getattr(m, "pattern", None) for m in [*meta, *inner]
                    if getattr(m, "pattern", None)), None)
    if pattern in PATTERNS:
        return PATTERNS[pattern]
    origin = typing.get_origin(tp)
    if origin is Literal:
        return "one of " + ", ".join(str(a) for a in typing.get_args(tp))
    if origin is list:
        return f"a list of {_plural(describe(typing.get_args(tp)[0]))}"
    if is_model(tp):
        return MODEL_NAMES.get(tp.__name__, "a mapping with " + ", ".join(tp.model_fields))
    if union_members(tp):
        return "a question" if all(tag_of(m) for m in union_members(tp) or []) else "a value"
    return SIMPLE.get(tp, "a value")


MODEL_NAMES = {
    "Option": "an option: a text, or a mapping with text and correct",
    "Discussion": "a prompt: a text, or a mapping with prompt and notes",
    "Source": "a source: a mapping with url, title, checked and note",
    "HelpResource": "a resource: a mapping with name, about, phone, url, chat, hours and ages",
}
SIMPLE = {str: "a text", int: "a whole number", bool: "true or false",
          dt.date: "a date such as 2024-05-01", float: "a number"}


def _plural(text: str) -> str:
    return text.removeprefix("a ").removeprefix("an ") + "s" if len(text) < 30 else text


def bounds(walk_: Walk) -> tuple[Any, Any]:
    """Return the (ge, le) bounds of the number where a walk ended."""
    ge = next((m.ge for m in walk_.meta if hasattr(m, "ge")), None)
    le = next((m.le for m in walk_.meta if hasattr(m, "le")), None)
    return ge, le


def field_names(model: type[BaseModel] | None) -> list[str]:
    """Return the keys a model accepts, as written in a file (`question-box`, not its name)."""
    return [info.alias or name for name, info in model.model_fields.items()] if model else []

