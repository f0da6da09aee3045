"""JSON Schemas for editors, generated from the same models the loader validates with."""

from __future__ import annotations

from typing import Any

from pydantic.json_schema import models_json_schema

from .lessons import HelpSet, Lesson, Quiz

DIALECT = "https://json-schema.org/draft/2020-12/schema"
SCHEMAS = {"lesson": Lesson, "quiz": Quiz, "help": HelpSet}
TITLES = {"lesson": "classroom lesson", "quiz": "classroom quiz", "help": "classroom help set",
          "content": "classroom lesson, quiz or help set"}


def json_schema(kind: str = "content") -> dict[str, Any]:
    """Return the JSON Schema of a lesson, quiz or help set, or of any of them ("content")."""
    if kind in SCHEMAS:
        schema = SCHEMAS[kind].model_json_schema()
    else:
        _, schema = models_json_schema([(model, "validation") for model in SCHEMAS.values()])
        schema["anyOf"] = [{"$ref": f"#/$defs/{model.__name__}"} for model in SCHEMAS.values()]
    schema = {"$schema": DIALECT, **schema, "title": TITLES[kind]}
    return _close_language_maps(schema)


def _close_language_maps(node: Any) -> Any:
    # A text per language allows language keys only; pydantic leaves other keys open.
    if isinstance(node, dict):
        if "patternProperties" in node and "properties" not in node:
            node.setdefault("additionalProperties", False)
        for value in node.values():
            _close_language_maps(value)
    elif isinstance(node, list):
        for value in node:
            _close_language_maps(value)
    return node


def schema_files() -> dict[str, dict[str, Any]]:
    """Return the schema files to keep in docs/schema/, by file name."""
    return {f"{kind}.json": json_schema(kind) for kind in (*SCHEMAS, "content")}
