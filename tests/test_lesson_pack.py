"""The bundled lesson pack: safe to run in a classroom, complete, and sourced."""

from __future__ import annotations

import re
import unicodedata
from collections import Counter

import pytest

from classroom.content.lessons import (
    AskStep,
    DiscussStep,
    Lesson,
    NoticeStep,
    QuestionBoxStep,
    SlideStep,
)
from classroom.content.library import Library, load_library
from classroom.content.questions import CheckQuestion, FlagQuestion
from classroom.content.text import languages_of

# Phrasings that ask a student about their own life. Compared without accents or case.
OWN_EXPERIENCE = (
    "heb jij ooit", "heb je ooit", "ben jij ooit", "ben je ooit", "heb je al eens",
    "heb jij al eens", "ben je al eens", "heb je zelf al", "jouw eigen ervaring",
    "je eigen ervaring", "uit eigen ervaring", "is het jou overkomen", "is dit jou overkomen",
    "have you ever", "did you ever", "has anyone ever", "your own experience",
    "in your experience", "has this happened to you", "happened to you",
    "as-tu deja", "avez-vous deja", "t'es-tu deja", "vous etes-vous deja", "est-ce que tu as deja",
    "ta propre experience", "votre propre experience", "t'est-il deja arrive",
    "vous est-il deja arrive",
    # The subtler form: what the student would do in their own life.
    "wat zou jij doen", "wat zou je doen", "wat doe jij als", "wat doe je dan",
    "wat zou jij voelen",
    "what would you do", "what do you do if", "what would you feel", "how would you feel",
    "que ferais-tu", "que fais-tu si", "que ferais-tu si", "comment te sentirais-tu",
)

# Help numbers marked confirmed [C] in shared/facts/domain.md; anything else must not ship.
CONFIRMED_NUMBERS = {
    "102", "116 000", "1712", "103", "0800 98 100", "0800-0432", "020-261 52 75",
    "0800 1111", "0345 6000 459", "116 111",
    # Crisis lines (facts file §8) and the EU emergency number (§1a).
    "1813", "0800 32 123", "113", "112",
}

# Numbers the facts file marks unconfirmed [U]: they must not appear anywhere in the pack.
UNCONFIRMED_NUMBERS = ("0800-0188", "0800 0188", "06-42834635", "1-800-the-lost")

# Services that are not helplines (facts file §0, §1a): never listed as a help resource.
NOT_HELPLINES = ("sensoa", "ikbeslis", "jedecide", "jeugdlijn")

# Phrasings that put blame on the person in the picture, in what students read.
BLAMING = (
    "eigen schuld", "zelf gezocht", "had ze maar", "had hij maar", "your own fault", "asked for it",
    "shouldn't have sent", "l'a cherche", "de sa faute", "n'avait qu'a",
)

COUNTRY_WORDS = (
    "belgie", "belgium", "belgique", "nederland", "netherlands", "pays-bas", "engeland",
    "england", "angleterre", "wereldwijd", "worldwide", "monde",
)


def plain(text: str) -> str:
    """Return `text` in lower case without accents, with typographic apostrophes made plain."""
    decomposed = unicodedata.normalize("NFKD", text.replace("’", "'"))
    return "".join(c for c in decomposed if not unicodedata.combining(c)).lower()


def own_experience(text: str) -> list[str]:
    """Return the phrasings in `text` that ask about the reader's own experience."""
    flat = plain(text)
    return [phrase for phrase in OWN_EXPERIENCE if phrase in flat]


def all_texts(text) -> list[str]:
    """Return every language version of a localised text."""
    if text is None:
        return []
    return [text] if isinstance(text, str) else list(text.values())


@pytest.fixture(scope="module")
def library() -> Library:
    """Return the bundled library, loaded once."""
    return load_library()


def questions(library: Library):
    """Yield (ref, question) for every question in every bundled quiz."""
    for quiz in library.quizzes.values():
        for question in quiz.questions:
            yield f"{quiz.id}/{question.id}", question


def asked(lesson: Lesson) -> list[str]:
    """Return the question references a lesson asks, in order."""
    return [step.ask for step in lesson.steps if isinstance(step, AskStep)]


def notice_positions(lesson: Lesson, notice: str) -> list[int]:
    """Return the step indexes of one kind of notice."""
    steps = enumerate(lesson.steps)
    return [i for i, s in steps if isinstance(s, NoticeStep) and s.notice == notice]


def test_pack_loads_without_any_problem(library):
    assert [str(p) for p in library.problems] == []
    assert set(library.lessons) == {"sexting-delen", "toestemming-grenzen", "als-het-misloopt",
                                    "18-november"}
    assert set(library.help_sets) == {"be-nl", "be-fr", "be-en", "nl", "gb", "int"}


@pytest.mark.parametrize(
    "text",
    [
        "Heb jij ooit een foto gekregen?", "Have you ever sent a nude?",
        "As-tu déjà reçu une photo ?", "As-tu deja recu une photo ?",
        "Avez-vous déjà été menacé ?", "Vertel over jouw eigen ervaring.",
        "Describe your own experience.", "Parle de ta propre expérience.",
        "Did you ever forward one?", "HEB JE OOIT iets doorgestuurd?",
        "Heb je al eens druk gevoeld?", "T’es-tu déjà senti·e sous pression ?",
        "Wat zou jij doen als je vriend erom vraagt?", "What would you do then?",
        "Que ferais-tu à sa place ?", "How would you feel if it were your photo?",
    ],
)
def test_own_experience_checker_catches_bad_wording(text):
    assert own_experience(text)


@pytest.mark.parametrize(
    "text",
    ["Sam krijgt een foto doorgestuurd. Wat doet Sam best?", "What should Lucas do?",
     "Que conseilles-tu à Lucas ?", "Heb je een tip voor Chloé?",
     "What would you advise her?", "Wat zou je haar aanraden?", "Que lui dirais-tu ?"],
)
def test_own_experience_checker_lets_third_person_wording_through(text):
    assert own_experience(text) == []


def student_texts(library: Library):
    """Yield (where, text) for everything a student reads: titles, questions, slides, prompts."""
    for quiz in library.quizzes.values():
        yield from ((quiz.id, text) for text in all_texts(quiz.title))
    for lesson in library.lessons.values():
        yield from ((lesson.id, text) for text in all_texts(lesson.title))
    for ref, question in questions(library):
        for text in all_texts(question.text):
            yield ref, text
        for option in getattr(question, "options", []):
            for text in all_texts(option.text):
                yield ref, text
    for lesson in library.lessons.values():
        for index, step in enumerate(lesson.steps):
            if isinstance(step, SlideStep):
                texts = all_texts(step.slide)
            elif isinstance(step, DiscussStep):
                texts = all_texts(step.discuss.prompt)
            elif isinstance(step, QuestionBoxStep):
                texts = all_texts(step.question_box.prompt)
            elif isinstance(step, NoticeStep):
                texts = all_texts(step.text)
            else:
                texts = []
            yield from ((f"{lesson.id} step {index}", text) for text in texts)


def step_notes(step):
    """Return a step's teacher notes (a discussion and a question-box keep them by the prompt)."""
    prompt = getattr(step, "discuss", None) or getattr(step, "question_box", None)
    return prompt.notes if prompt is not None else step.notes


def test_nothing_asks_about_the_students_own_experience(library):
    found = [(where, own_experience(text)) for where, text in student_texts(library)
             if own_experience(text)]
    assert found == []


def test_every_question_has_teacher_notes_in_every_language_its_lessons_declare(library):
    wanted: dict[str, set[str]] = {ref: {"nl", "en"} for ref, _ in questions(library)}
    for lesson in library.lessons.values():
        for ref in asked(lesson):
            wanted[ref] |= set(lesson.languages)
    missing = []
    for ref, question in questions(library):
        langs = languages_of(question.notes)
        if question.notes is None or (langs is not None and not wanted[ref] <= langs):
            missing.append((ref, sorted(wanted[ref] - (langs or set()))))
    assert missing == []


@pytest.mark.parametrize("lesson_id", ["sexting-delen", "toestemming-grenzen", "als-het-misloopt",
                                       "18-november"])
def test_lesson_opens_with_content_note_and_ground_rules_and_ends_with_help(library, lesson_id):
    lesson = library.lessons[lesson_id]
    last = len(lesson.steps) - 1
    assert min(notice_positions(lesson, "content-note"), default=99) <= 1
    assert min(notice_positions(lesson, "ground-rules"), default=99) <= 2
    assert max(notice_positions(lesson, "help"), default=-1) >= last - 1


@pytest.mark.parametrize(
    ("lesson_id", "audience", "minutes", "languages"),
    [
        ("sexting-delen", ["14-16"], 50, {"nl", "en", "fr"}),
        ("toestemming-grenzen", ["12-14", "14-16"], 50, {"nl", "en"}),
        ("als-het-misloopt", ["16-18"], 50, {"nl", "en"}),
        ("18-november", ["12+"], 15, {"nl", "en", "fr"}),
    ],
)
def test_lesson_audience_length_and_languages(library, lesson_id, audience, minutes, languages):
    lesson = library.lessons[lesson_id]
    assert (lesson.audience, lesson.minutes) == (audience, minutes)
    assert languages <= set(lesson.languages)
    for lang in lesson.languages:
        # A room in each language shows help written in that language.
        assert library.help_sets[lesson.help_for(lang)].language == lang


def test_question_banks_hold_the_counts_the_issue_asks_for(library):
    kinds = Counter(q.kind for _, q in questions(library))
    flags = [q for _, q in questions(library) if isinstance(q, FlagQuestion)]
    assert sum(q.criterion for q in flags) >= 12
    assert all(q.expected for q in flags)
    assert kinds["choice"] >= 12
    assert kinds["check"] >= 10
    assert kinds["scale"] >= 6
    assert kinds["text"] >= 3


def test_every_knowledge_check_names_country_and_date_and_has_sources(library):
    checks = [(ref, q) for ref, q in questions(library) if isinstance(q, CheckQuestion)]
    for ref, question in checks:
        assert question.sources, ref
        assert all(s.url.startswith("https://") and s.checked for s in question.sources), ref
        assert question.explanation, ref
        for text in all_texts(question.text):
            assert any(word in plain(text) for word in COUNTRY_WORDS), (ref, text)
            assert re.search(r"\b(19|20)\d\d\b", text), (ref, text)


def test_one_lesson_asks_the_same_attitude_questions_at_start_and_end(library):
    lesson = library.lessons["sexting-delen"]
    refs = [step.ask for step in lesson.steps if isinstance(step, AskStep)]
    scales = [r for r, n in Counter(refs).items()
              if n == 2 and library.question(r).kind == "scale"]
    assert len(scales) >= 3
    steps = [getattr(s, "ask", None) for s in lesson.steps]
    third = len(steps) // 3
    for ref in scales:
        first, second = [i for i, r in enumerate(steps) if r == ref]
        assert first < third and second > len(steps) - third, ref


def test_help_sets_list_only_confirmed_numbers(library):
    numbers = {r.phone for h in library.help_sets.values() for r in h.resources if r.phone}
    assert numbers <= CONFIRMED_NUMBERS
    names = {plain(r.name) for h in library.help_sets.values() for r in h.resources}
    assert "jeugdlijn" not in names


def test_every_lesson_and_help_set_has_dated_sources(library):
    for item in [*library.lessons.values(), *library.help_sets.values()]:
        assert item.sources, item.id
        assert all(s.checked for s in item.sources), item.id


LEGAL = re.compile(r"\bart\. ?\d|\bsinds (\d{1,2} \w+ |eind \w+ )?(19|20)\d\d\b|strafbaar")


@pytest.mark.parametrize(
    ("text", "legal"),
    [("In België, sinds 1 juni 2022, is dat strafbaar.", True), ("art. 417/9 Strafwetboek", True),
     ("Wereldwijd, sinds eind december 2022", True), ("Wat doet Sam best?", False)],
)
def test_legal_statement_detector(text, legal):
    assert bool(LEGAL.search(text)) is legal


def test_every_question_that_states_the_law_has_sources(library):
    unsourced = []
    for ref, question in questions(library):
        texts = [question.text, question.notes, getattr(question, "explanation", None)]
        if any(LEGAL.search(t) for text in texts for t in all_texts(text)) and not question.sources:
            unsourced.append(ref)
    assert unsourced == []


def teacher_texts(library: Library):
    """Yield (where, text) for every teacher note and knowledge-check explanation."""
    for ref, question in questions(library):
        for text in all_texts(question.notes) + all_texts(getattr(question, "explanation", None)):
            yield ref, text
    for lesson in library.lessons.values():
        for index, step in enumerate(lesson.steps):
            notes = step_notes(step)
            yield from ((f"{lesson.id} step {index}", text) for text in all_texts(notes))


def test_teacher_notes_never_have_students_tell_their_own_experience(library):
    found = [(where, own_experience(text)) for where, text in teacher_texts(library)
             if own_experience(text)]
    assert found == []


def test_nothing_a_student_reads_blames_the_person_in_the_picture(library):
    found = [(where, phrase) for where, text in student_texts(library)
             for phrase in BLAMING if phrase in plain(text)]
    assert found == []


def help_set_texts(library: Library):
    """Yield (help set id, text) for every text a phone shows in a help set."""
    for help_set in library.help_sets.values():
        for text in (help_set.title, help_set.intro, help_set.emergency):
            if text:
                yield help_set.id, text
        for r in help_set.resources:
            yield from ((help_set.id, t) for t in (r.name, r.about, r.hours, r.ages) if t)


def test_no_unconfirmed_number_appears_anywhere(library):
    texts = [*student_texts(library), *teacher_texts(library), *help_set_texts(library)]
    found = [(where, n) for where, text in texts for n in UNCONFIRMED_NUMBERS if n in plain(text)]
    assert found == []


def test_help_sets_list_no_service_that_is_not_a_helpline(library):
    names = [(h.id, r.name) for h in library.help_sets.values() for r in h.resources]
    assert [(h, n) for h, n in names if any(word in plain(n) for word in NOT_HELPLINES)] == []


def test_eu_child_line_is_only_in_the_international_set(library):
    # Whether 116 111 answers in Belgium or the Netherlands is unconfirmed (facts file §1e).
    sets = library.help_sets.values()
    holders = {h.id for h in sets for r in h.resources if r.phone == "116 111"}
    assert holders <= {"int"}


def test_help_sets_describe_services_by_age_and_purpose(library):
    for help_set in library.help_sets.values():
        for r in help_set.resources:
            name = plain(r.name)
            if "stopncii" in name:
                assert r.ages == "18+", help_set.id
            if "take it down" in name:
                assert "18" in (r.ages or ""), help_set.id
            if r.phone == "1712":
                # 1712 is not an emergency line, and each set says so in its own language.
                about = plain(r.about)
                assert "noodnummer" in about or "not an emergency" in about, help_set.id


# What the notes on the closing help screen must mention: no promise of secrecy, no images.
DISCLOSURE_WORDS = {
    "nl": ("geheimhouding", "beelden"), "en": ("secrecy", "images"), "fr": ("secret", "images"),
}


@pytest.mark.parametrize("lesson_id", ["sexting-delen", "toestemming-grenzen", "als-het-misloopt",
                                       "18-november"])
def test_last_help_step_tells_the_teacher_how_to_handle_a_disclosure(library, lesson_id):
    lesson = library.lessons[lesson_id]
    step = lesson.steps[max(notice_positions(lesson, "help"))]
    notes = step.notes if isinstance(step.notes, dict) else {}
    assert set(lesson.languages) <= set(notes), lesson_id
    for lang in lesson.languages:
        assert "docs/teachers.md" in notes[lang], (lesson_id, lang)
        for word in DISCLOSURE_WORDS[lang]:
            assert word in notes[lang], (lesson_id, lang, word)
