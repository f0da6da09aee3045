"""Breadcrumbs: say where in a lesson, quiz or help set a problem is, the way an author reads it."""

from __future__ import annotations

from typing import Any

from .yamlnodes import Path

ITEMS = {"options": "option", "sources": "source", "audience": "audience",
         "languages": "language", "steps": "step"}


def child(node: Any, item: str | int) -> Any:
    """Return `node[item]`, or None when there is no such child."""
    if isinstance(node, dict) and isinstance(item, str):
        return node.get(item)
    if isinstance(node, list) and isinstance(item, int) and 0 <= item < len(node):
        return node[item]
    return None


def _has(node: Any, item: str | int) -> bool:
    if isinstance(node, dict):
        return item in node
    return isinstance(node, list) and isinstance(item, int) and 0 <= item < len(node)


def resolve(data: Any, path: Path) -> Path:
    """Map a model path onto the data as written, skipping keys a shorthand left out."""
    node, result = data, []
    for index, item in enumerate(path):
        if _has(node, item):
            node = child(node, item)
            result.append(item)
        elif isinstance(node, dict) and isinstance(item, str) and index < len(path) - 1:
            continue  # `- Some text` is short for `- text: Some text`
        else:
            result.extend(path[index:])
            break
    return tuple(result)


def breadcrumbs(kind: str, fallback_id: str, data: Any, path: Path) -> tuple[str, str]:
    """Return (where, field) for `path`: `quiz 'x' › question 'y'` and `options`."""
    name = data.get("id") if isinstance(data, dict) else None
    crumbs = [f"{kind} '{name if isinstance(name, str) and name else fallback_id}'"]
    node, index, last = data, 0, ""
    while index < len(path):
        item = path[index]
        following = path[index + 1] if index + 1 < len(path) else None
        if isinstance(item, str) and isinstance(following, int):
            node = child(child(node, item), following)
            crumbs.append(_item_crumb(item, following, node))
            index += 2
            continue
        if index == len(path) - 1:
            last = str(item)
            break
        node = child(node, item)
        crumbs.append(_question_crumb(node) if item == "question" else str(item))
        index += 1
    return " › ".join(crumbs), last


def _item_crumb(key: str, index: int, node: Any) -> str:
    if key == "questions":
        return _question_crumb(node, index)
    if key == "resources":
        name = node.get("name") if isinstance(node, dict) else None
        return f"resource '{name}'" if isinstance(name, str) and name else f"resource {index + 1}"
    return f"{ITEMS.get(key, key)} {index + 1}"


def _question_crumb(node: Any, index: int | None = None) -> str:
    qid = node.get("id") if isinstance(node, dict) else None
    if isinstance(qid, str) and qid:
        return f"question '{qid}'"
    return "question" if index is None else f"question {index + 1}"
