"""Question kinds: each with its own fields and rules."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import BeforeValidator, Field, model_validator

from .text import Id, LocalText, Source, Strict, is_bare_text

FLAGS = ("green", "yellow", "red", "black")
CRITERIA = ("consent", "voluntary", "equality", "development", "context", "impact")
KINDS = ("choice", "multi", "scale", "flag", "text", "rank", "check")


class Option(Strict):
    """One answer option. In YAML a plain text is short for `{text: ...}`."""

    text: LocalText
    correct: bool = False

    @model_validator(mode="before")
    @classmethod
    def _wrap_plain_text(cls, value: Any) -> Any:
        return {"text": value} if is_bare_text(value, ("text", "correct")) else value


# The model wraps a plain text itself; this only tells the JSON Schema that a text is allowed.
OptionItem = Annotated[
    Option, BeforeValidator(lambda value: value, json_schema_input_type=Option | LocalText)
]
Options = Annotated[list[OptionItem], Field(min_length=2, max_length=10)]


class BaseQuestion(Strict):
    """Fields every question has."""

    id: Id
    text: LocalText
    notes: LocalText | None = Field(None, description="For the teacher only; never sent to phones.")
    sources: list[Source] = []
    timer: int | None = Field(None, ge=5, le=3600, description="Suggested voting time in seconds.")


class ChoiceQuestion(BaseQuestion):
    """Pick one option."""

    kind: Literal["choice"]
    options: Options


class MultiQuestion(BaseQuestion):
    """Pick several options, optionally between `min` and `max`."""

    kind: Literal["multi"]
    options: Options
    min: int = Field(1, ge=1)
    max: int | None = Field(None, ge=1)

    @model_validator(mode="after")
    def _check_bounds(self) -> MultiQuestion:
        top = self.max or len(self.options)
        if top > len(self.options):
            raise ValueError(
                f"max: expected at most {len(self.options)} (the number of options), got {top}"
            )
        if self.min > top:
            raise ValueError(f"min: expected at most max ({top}), got {self.min}")
        return self


class ScaleQuestion(BaseQuestion):
    """A point on a scale of 3 to 7 with labelled ends, or a preset such as `agree`."""

    kind: Literal["scale"]
    preset: Literal["agree", "often", "okay"] | None = None
    points: int = Field(5, ge=3, le=7)
    low: LocalText | None = None
    high: LocalText | None = None

    @model_validator(mode="after")
    def _check_labels(self) -> ScaleQuestion:
        if self.preset is None and (self.low is None or self.high is None):
            raise ValueError(
                "expected `low` and `high` labels, or a `preset` (agree, often, okay), got neither"
            )
        return self


class FlagQuestion(BaseQuestion):
    """Judge a situation with the Flag System's four flags."""

    kind: Literal["flag"]
    criterion: bool = Field(False, description="Also ask which of the six criteria weighs most.")
    expected: Literal["green", "yellow", "red", "black"] | None = Field(
        None, description="The flag the teacher guide suggests; shown only after the reveal."
    )


class TextQuestion(BaseQuestion):
    """A short open answer, moderated by the teacher before it reaches the projector."""

    kind: Literal["text"]
    max_length: int = Field(80, ge=10, le=280)


class RankQuestion(BaseQuestion):
    """Put the options in order."""

    kind: Literal["rank"]
    options: Annotated[list[OptionItem], Field(min_length=2, max_length=7)]


class CheckQuestion(BaseQuestion):
    """A knowledge check: exactly one correct option, explained after the reveal."""

    kind: Literal["check"]
    options: Options
    explanation: LocalText

    @model_validator(mode="after")
    def _one_correct(self) -> CheckQuestion:
        marked = sum(option.correct for option in self.options)
        if marked != 1:
            raise ValueError(
                f"options: expected exactly 1 option with `correct: true`, got {marked}"
            )
        return self


Question = Annotated[
    ChoiceQuestion
    | MultiQuestion
    | ScaleQuestion
    | FlagQuestion
    | TextQuestion
    | RankQuestion
    | CheckQuestion,
    Field(discriminator="kind"),
]
