"""Lessons (ordered steps), quizzes (question banks) and help-resource sets."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import Discriminator, Field, StringConstraints, Tag, field_validator

from .hours import WINDOW_PATTERN, check_open
from .questions import Question
from .text import Id, Lang, LocalText, NonEmpty, Source, Strict, is_bare_text

STEP_KINDS = ("notice", "slide", "ask", "question", "discuss", "question-box")
NOTICES = ("content-note", "ground-rules", "help")
QuestionRef = Annotated[str, StringConstraints(pattern=r"^[a-z0-9][a-z0-9-]*/[a-z0-9][a-z0-9-]*$")]
OnOff = Literal["on", "off"]
AgeBand = Annotated[str, StringConstraints(pattern=r"^(\d{1,2}-\d{1,2}|\d{1,2}\+|all)$")]


class NoticeStep(Strict):
    """A built-in screen: the content note, the ground rules, or where to get help."""

    notice: Literal["content-note", "ground-rules", "help"]
    text: LocalText | None = Field(None, description="Extra text shown under the built-in one.")
    notes: LocalText | None = None


class SlideStep(Strict):
    """A slide in Markdown (no raw HTML)."""

    slide: LocalText
    notes: LocalText | None = None


class AskStep(Strict):
    """A question from a quiz, by reference `quiz-id/question-id`."""

    ask: QuestionRef
    notes: LocalText | None = Field(None, description="Extra teacher notes for this lesson.")
    timer: int | None = Field(
        None, ge=5, le=3600, description="Suggested voting time in seconds, for this lesson."
    )


class QuestionStep(Strict):
    """A question written inline in the lesson."""

    question: Question


class Discussion(Strict):
    """A prompt for the class and notes for the teacher."""

    prompt: LocalText
    notes: LocalText | None = None


class DiscussStep(Strict):
    """A discussion: `discuss: text` or `discuss: {prompt, notes}`."""

    discuss: Discussion

    @field_validator("discuss", mode="before", json_schema_input_type=Discussion | LocalText)
    @classmethod
    def _wrap_prompt(cls, value: Any) -> Any:
        return {"prompt": value} if is_bare_text(value, ("prompt", "notes")) else value


class QuestionBoxStep(Strict):
    """A moment to ask the question box: `question-box: text` or `{prompt, notes}`."""

    question_box: Discussion = Field(
        alias="question-box",
        description="What the class is invited to ask about; phones open the question box.",
    )

    @field_validator("question_box", mode="before", json_schema_input_type=Discussion | LocalText)
    @classmethod
    def _wrap_prompt(cls, value: Any) -> Any:
        return {"prompt": value} if is_bare_text(value, ("prompt", "notes")) else value


def step_kind(value: Any) -> str | None:
    """Name the kind of a step by the first step key it holds."""
    if isinstance(value, dict):
        return next((key for key in STEP_KINDS if key in value), None)
    return next((kind for kind in STEP_KINDS if hasattr(value, kind.replace("-", "_"))), None)


Step = Annotated[
    Annotated[NoticeStep, Tag("notice")]
    | Annotated[SlideStep, Tag("slide")]
    | Annotated[AskStep, Tag("ask")]
    | Annotated[QuestionStep, Tag("question")]
    | Annotated[DiscussStep, Tag("discuss")]
    | Annotated[QuestionBoxStep, Tag("question-box")],
    Discriminator(step_kind),
]


class Lesson(Strict):
    """An ordered run of steps that a teacher leads."""

    id: Id
    title: LocalText
    summary: LocalText | None = None
    audience: list[AgeBand] = Field(min_length=1, description="Age bands, e.g. 14-16, or `all`.")
    minutes: int = Field(ge=5, le=240)
    languages: list[Lang] = Field(min_length=1, description="Languages the lesson is written in.")
    min_group: int = Field(
        5, ge=3, description="Fewest answers before results are shown (at least 3)."
    )
    live_results: bool = Field(False, description="Show results while voting is still open.")
    class_size: int | None = Field(
        None, ge=1, le=2000,
        description="Students expected; more phones wait until the teacher lets them in. "
        "The teacher can change it during the lesson.",
    )
    questions: bool = Field(
        True,
        description="The question box: phones can ask the teacher a question at any step "
        "(on, the default), or not (off).",
    )
    help: Id | dict[Lang, Id] = Field(
        description="The help-resource set shown on every phone, e.g. be-nl, or one per "
        "language, e.g. {nl: be-nl, fr: be-fr}."
    )
    steps: list[Step] = Field(min_length=1)
    sources: list[Source] = []

    def help_for(self, lang: str) -> str:
        """Return the id of the help set for a room in `lang` (the first one if none is named)."""
        if isinstance(self.help, str):
            return self.help
        return self.help.get(lang) or next(iter(self.help.values()))

    @field_validator("questions", mode="before", json_schema_input_type=bool | OnOff)
    @classmethod
    def _on_off(cls, value: Any) -> Any:
        # YAML reads a bare on/off as true/false; a quoted 'on' (or an editor's YAML 1.2) is text.
        return {"on": True, "off": False}.get(value, value) if isinstance(value, str) else value

    @field_validator("audience", mode="before", json_schema_input_type=AgeBand | list[AgeBand])
    @classmethod
    def _wrap_band(cls, value: Any) -> Any:
        return [value] if isinstance(value, str) else value


class Quiz(Strict):
    """A reusable bank of questions."""

    id: Id
    title: LocalText
    questions: list[Question] = Field(min_length=1)
    sources: list[Source] = []


Window = Annotated[str, StringConstraints(pattern=WINDOW_PATTERN)]
OpenInput = Literal["24/7"] | list[Window] | None


class HelpResource(Strict):
    """One place a young person can turn to."""

    name: NonEmpty
    about: NonEmpty
    phone: NonEmpty | None = None
    url: Annotated[str, StringConstraints(pattern=r"^https?://\S+$")] | None = None
    chat: bool = False
    hours: NonEmpty | None = Field(None, description="When it answers, as the phone shows it.")
    open: str | list[str] | None = Field(
        None,
        description="When it answers, for putting open lines first: '24/7', or weekly windows "
        "such as 'mon-fri 18:00-21:00' (the laptop's clock). Leave it out when unknown.",
    )
    crisis: bool = Field(
        False, description="A line for someone in acute distress or thinking of suicide."
    )
    ages: NonEmpty | None = None
    sources: list[Source] = Field(
        [], description="Where the number and hours come from, with the date they were read."
    )

    @field_validator("open", mode="plain", json_schema_input_type=OpenInput)
    @classmethod
    def _check_windows(cls, value: Any) -> Any:
        return check_open(value)


class SchoolContact(Strict):
    """The school's own contact, shown before every service. The teacher fills in `contact`."""

    title: NonEmpty = Field(description="The heading, e.g. 'Op school'.")
    about: NonEmpty | None = Field(
        None, description="Who to go to at school, shown under the contact."
    )
    contact: NonEmpty | None = Field(
        None,
        description="Filled in by the school: a name, a place, when. `classroom run --school` "
        "sets it for one lesson.",
    )


class HelpSet(Strict):
    """Who to call, for one country and language."""

    id: Id
    country: Annotated[str, StringConstraints(pattern=r"^([A-Z]{2}|INT)$")]
    language: Lang
    title: NonEmpty
    intro: NonEmpty | None = None
    emergency: NonEmpty | None = None
    school: SchoolContact | None = Field(
        None, description="The school's own contact, shown first on every help screen."
    )
    resources: list[HelpResource] = Field(min_length=1)
    sources: list[Source] = []

    def with_school_contact(self, contact: str | None, title: str) -> HelpSet:
        """Return this set with the school's contact filled in (`title` when it has no school)."""
        if not contact:
            return self
        school = self.school or SchoolContact(title=title)
        return self.model_copy(update={"school": school.model_copy(update={"contact": contact})})
