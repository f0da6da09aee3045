"""One typed payload per client event: anything else is a `bad-request`."""

from __future__ import annotations

from typing import Annotated, Any, Literal, TypeVar

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    StrictBool,
    StrictInt,
    StringConstraints,
    ValidationError,
    model_validator,
)

from .errors import LiveError


class Payload(BaseModel):
    """Base: unknown fields are refused, types are strict."""

    model_config = ConfigDict(extra="forbid", strict=True, populate_by_name=True)


P = TypeVar("P", bound=Payload)


class Empty(Payload):
    """`{}`: next, prev, open, close, reveal, hide, reset, end, sync."""


class AnswerIn(Payload):
    """`{"step": 3, "value": V}` or `{"step": 3, "pass": true}`."""

    step: StrictInt
    value: Any = None
    passed: Literal[True] | None = Field(None, alias="pass")

    @model_validator(mode="after")
    def _value_or_pass(self) -> AnswerIn:
        given = self.model_fields_set
        if ("value" in given) == ("passed" in given):
            raise ValueError("expected either `value` or `pass`")
        return self


class GoIn(Payload):
    """`{"step": 5}`."""

    step: StrictInt


class TimerIn(Payload):
    """`{"seconds": 60}`."""

    seconds: StrictInt


class LockIn(Payload):
    """`{"locked": true}`."""

    locked: StrictBool


class ModerateIn(Payload):
    """`{"id": "t12", "approve": true}`."""

    id: Annotated[str, StringConstraints(max_length=20)]
    approve: StrictBool


class ModerateManyIn(Payload):
    """`{"ids": ["t12", "t13"], "approve": true}`: the answers the teacher saw, at once."""

    ids: Annotated[
        list[Annotated[str, StringConstraints(max_length=20)]], Field(min_length=1, max_length=2000)
    ]
    approve: StrictBool


class RotateIn(Payload):
    """`{"which": "teacher"}` or `{"which": "projector"}`."""

    which: Literal["teacher", "projector"]


class ExpectIn(Payload):
    """`{"size": 27}`; 0: no limit."""

    size: StrictInt


class AdmitIn(Payload):
    """`{"label": "K7M", "allow": true}`."""

    label: Annotated[str, StringConstraints(max_length=8)]
    allow: StrictBool


QuestionId = Annotated[str, StringConstraints(max_length=20)]
# Longer than a question may be (the domain says how long, in words); shorter than a message.
QuestionText = Annotated[str, StringConstraints(max_length=2000)]


class AskIn(Payload):
    """`{"text": "Is it a crime to forward a nude?"}`."""

    text: QuestionText


class QuestionIn(Payload):
    """`{"id": "k3J9x2Ab"}`: withdraw, me_too, question_hide."""

    id: QuestionId


class ApproveIn(Payload):
    """`{"id": "k3J9x2Ab"}`, or with the teacher's wording: `{"id": ..., "text": "..."}`."""

    id: QuestionId
    text: QuestionText | None = None


class EditIn(Payload):
    """`{"id": "k3J9x2Ab", "text": "..."}`."""

    id: QuestionId
    text: QuestionText


class AnsweredIn(Payload):
    """`{"id": "k3J9x2Ab", "answered": true}`."""

    id: QuestionId
    answered: StrictBool


class ShowIn(Payload):
    """`{"id": "k3J9x2Ab"}` on the projector; `{"id": null}` takes it off."""

    id: QuestionId | None


def parse(model: type[P], data: object, lang: str | None = None) -> P:
    """Return `data` as `model`, or raise a `bad-request` LiveError."""
    if data is None and model is Empty:
        data = {}
    if not isinstance(data, dict):
        raise LiveError("bad-request", lang)
    try:
        return model.model_validate(data)
    except ValidationError:
        raise LiveError("bad-request", lang) from None
