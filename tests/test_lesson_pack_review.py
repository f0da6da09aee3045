"""The lesson pack after its review (issue 10): what the law says, help that is open, fair wording.

Each test checks one thing a class would otherwise hear wrong, or a teacher would miss. The texts
are matched without accents or case (`plain`), in every language a lesson is written in.
"""

from __future__ import annotations

import re
from collections import defaultdict
from pathlib import Path
from urllib.parse import urlparse

import pytest
from test_lesson_pack import (
    all_texts,
    help_set_texts,
    notice_positions,
    plain,
    questions,
    student_texts,
    teacher_texts,
)

from classroom.content.lessons import AskStep, Lesson, SlideStep
from classroom.content.library import Library, load_library

ROOT = Path(__file__).resolve().parent.parent
GUIDE = ROOT / "docs" / "teachers.md"
LESSONS = ("sexting-delen", "toestemming-grenzen", "als-het-misloopt", "18-november")

# The crisis line(s) each help set must lead with (facts file §8; §1d for Childline).
CRISIS = {"be-nl": {"1813"}, "be-fr": {"0800 32 123"}, "be-en": {"1813", "0800 32 123"},
          "nl": {"113"}, "gb": {"0800 1111"}, "int": {"112"}}
# Every number the pack may name on a closing screen, as written there.
NUMBERS = ("116 000", "1813", "0800 32 123", "102", "103", "1712", "113", "112", "101")


@pytest.fixture(scope="module")
def library() -> Library:
    """Return the bundled library, loaded once."""
    return load_library()


def texts_of(lesson: Lesson, step) -> dict[str, str]:
    """Return a step's student-facing text per language of the lesson."""
    text = step.slide if isinstance(step, SlideStep) else step.text
    return {lang: text if isinstance(text, str) else text[lang] for lang in lesson.languages}


def notes_of(step) -> dict[str, str]:
    """Return a step's teacher notes per language ({} when there are none)."""
    prompt = getattr(step, "discuss", None) or getattr(step, "question_box", None)
    notes = prompt.notes if prompt is not None else step.notes
    return notes if isinstance(notes, dict) else {}


# --- Help sets: crisis lines, hours with sources, the school's contact ----------------------

def test_every_help_set_has_a_crisis_line_open_day_and_night(library):
    for help_set in library.help_sets.values():
        lines = {r.phone for r in help_set.resources if r.crisis and r.open == "24/7"}
        assert lines == CRISIS[help_set.id], help_set.id


def test_every_help_set_has_a_school_contact_for_the_teacher_to_fill_in(library):
    for help_set in library.help_sets.values():
        school = help_set.school
        assert school is not None and school.title and school.about, help_set.id
        # Left empty in the pack: `classroom run --school` fills it in for one lesson.
        assert school.contact is None, help_set.id


def test_every_opening_time_carries_a_dated_source(library):
    for help_set in library.help_sets.values():
        for r in help_set.resources:
            if r.hours or r.open:
                assert r.sources and all(s.checked for s in r.sources), (help_set.id, r.name)


def test_no_help_set_gives_hours_the_facts_do_not_confirm(library):
    # Awel, 103, 1712's chat and SOS Viol: hours unconfirmed (facts file §1a, §1b, §8).
    unconfirmed = {"Awel", "103 Écoute-Enfants", "1712", "SOS Viol"}
    for help_set in library.help_sets.values():
        for r in help_set.resources:
            if r.name in unconfirmed:
                assert (r.hours, r.open) == (None, None), (help_set.id, r.name)


# --- The law: under 16, the age gap after judgment 112/2025, what 417/9 covers -------------

GAP = re.compile(r"\b(drie|three|trois|3) (jaar|years?|ans)\b")


def every_text(library: Library):
    """Yield (where, text) for everything in the pack: students', teachers' and help texts."""
    yield from student_texts(library)
    yield from teacher_texts(library)
    yield from help_set_texts(library)
    for ref, question in questions(library):
        for source in question.sources:
            yield ref, source.note or ""


def test_no_item_teaches_the_age_gap_with_an_adult_as_settled_law(library):
    # Only a text that names judgment 112/2025 may mention the three-year rule.
    found = [(where, text[:60]) for where, text in every_text(library)
             if GAP.search(plain(text)) and "112/2025" not in text and "ARR.112" not in text]
    assert found == []


def test_the_guide_names_the_three_year_rule_only_with_the_judgment():
    for part in GUIDE.read_text(encoding="utf-8").split("\n\n"):
        if GAP.search(plain(part)):
            assert "112/2025" in part, part[:80]


UNDER_16 = {"nl": ("onder 16", "nooit schuldig", "hulp"),
            "en": ("under 16", "never to blame", "help"),
            "fr": ("avant 16 ans", "jamais coupable", "aide")}


def test_the_14_16_lesson_says_plainly_what_the_law_says_under_16(library):
    lesson = library.lessons["sexting-delen"]
    slides = [texts_of(lesson, s) for s in lesson.steps if isinstance(s, SlideStep)]
    for lang, words in UNDER_16.items():
        assert any(all(w in plain(slide[lang]) for w in words) for slide in slides), lang
        check = library.question("kennis/sexting-vanaf-16").explanation[lang]
        assert all(w in plain(check) for w in words), lang


def test_no_sexy_photo_is_called_an_offence(library):
    # Art. 417/9 is about nude or sexually explicit images: a "sexy" photo is not enough.
    for ref, question in questions(library):
        cited = [f"{s.title} {s.note}" for s in question.sources]
        if not any("417/9" in s for s in cited):
            continue
        for text in all_texts(question.text):
            assert "sexy" not in plain(text), ref


def test_the_dutch_sex_chatting_answer_is_about_adults(library):
    question = library.question("kennis/nl-sexchatten")
    answer = next(o for o in question.options if o.correct)
    for lang, word in (("nl", "volwassene"), ("en", "adult"), ("fr", "adulte")):
        assert word in plain(answer.text[lang]), lang
        assert word in plain(question.explanation[lang]), lang


YOUTH_COURT = {"nl": "jeugdrechter", "en": "youth court", "fr": "tribunal de la jeunesse"}
OFFENCE = re.compile(r"strafbaar|is a crime|est puni|punissable")


def test_every_slide_that_says_crime_has_the_youth_court_in_its_notes(library):
    for lesson_id in LESSONS:
        lesson = library.lessons[lesson_id]
        for index, step in enumerate(lesson.steps):
            if not isinstance(step, SlideStep):
                continue
            if any(OFFENCE.search(plain(t)) for t in texts_of(lesson, step).values()):
                notes = notes_of(step)
                for lang in lesson.languages:
                    assert YOUTH_COURT[lang] in plain(notes.get(lang, "")), (lesson_id, index, lang)


def test_the_questions_that_say_who_is_liable_have_the_youth_court_in_their_notes(library):
    for ref in ("kennis/wie-is-strafbaar", "kennis/tonen-aan-vriend",
                "vlaggen/kleedkamer-filmen", "scenarios/doorgestuurd-spijt"):
        notes = library.question(ref).notes
        for lang, words in YOUTH_COURT.items():
            assert words in plain(notes[lang]), (ref, lang)


LEGAL_CLAIM = re.compile(r"\bart\. ?\d|strafbaar|\bis a crime\b|\bliable\b|\best puni|punissable")
YEAR = re.compile(r"\b(19|20)\d\d\b")


def legal_notes(library: Library):
    """Yield (where, note, sources) for every teacher note that states the law."""
    for ref, question in questions(library):
        for text in all_texts(question.notes):
            if LEGAL_CLAIM.search(plain(text)):
                yield ref, text, question.sources
    for lesson in library.lessons.values():
        for index, step in enumerate(lesson.steps):
            for text in notes_of(step).values():
                if LEGAL_CLAIM.search(plain(text)):
                    yield f"{lesson.id} step {index}", text, lesson.sources


def test_every_legal_claim_in_the_notes_carries_a_date_and_a_dated_source(library):
    claims = list(legal_notes(library))
    assert len(claims) > 40  # the detector finds the notes it is meant for
    for where, text, sources in claims:
        assert YEAR.search(text), (where, text[:80])
        assert sources and all(s.checked for s in sources), where


# --- Safety: evidence without the image, grooming as a process, flags ---------------------

EVIDENCE = re.compile(r"screenshot|captures?\b")
KEEPING = re.compile(r"bewijs|bewaren|evidence|\bkeep|preuve|garde")
NOT_THE_IMAGE = ("nooit", "niet van de foto", "zonder het beeld", "never", "not of the photo",
                 "without the image", "jamais", "pas de la photo", "sans l'image")


def test_keeping_evidence_always_says_never_the_image_itself(library):
    texts = [*student_texts(library), *teacher_texts(library)]
    found = [(where, text[:60]) for where, text in texts
             if EVIDENCE.search(plain(text)) and KEEPING.search(plain(text))
             and not any(p in plain(text) for p in NOT_THE_IMAGE)]
    assert found == []


def test_grooming_is_taught_as_a_process_with_its_warning_signs(library):
    question = library.question("kennis/grooming")
    signs = {"nl": ("geheim", "cadeaus", "leeftijd", "foto"),
             "en": ("secret", "gifts", "age", "photo"),
             "fr": ("secret", "cadeaux", "age", "photo")}
    for lang, words in signs.items():
        options = " ".join(plain(o.text[lang]) for o in question.options)
        assert all(w in options for w in words), lang
    answer = next(o for o in question.options if o.correct)
    assert answer.text["en"] == "All three"


def test_flag_ratings_follow_sensoa_and_say_why(library):
    filming, threat = library.question("vlaggen/kleedkamer-filmen"), library.question(
        "vlaggen/ex-dreigt")
    assert (filming.expected, threat.expected) == ("black", "black")
    assert all("sensoa" in plain(filming.notes[lang]) for lang in ("nl", "en", "fr"))


# --- Additions: sextortion for 14-16, 18 November, forwarded it, harm reduction, ikbeslis --

def test_the_lessons_cover_what_the_review_added(library):
    def asks(lesson_id):
        return [s.ask for s in library.lessons[lesson_id].steps if isinstance(s, AskStep)]

    def slides(lesson_id, lang="nl"):
        lesson = library.lessons[lesson_id]
        return " ".join(plain(texts_of(lesson, s)[lang]) for s in lesson.steps
                        if isinstance(s, SlideStep))

    assert "scenarios/sextortion-sem" in asks("sexting-delen")
    assert "scenarios/doorgestuurd-spijt" in asks("sexting-delen")
    assert "scenarios/doorgestuurd-spijt" in asks("als-het-misloopt")
    assert "grooming" in slides("18-november") and "sextortion" in slides("18-november")
    assert "vlaggen/volwassene-online" in asks("18-november")
    assert "onherkenbaar" in slides("als-het-misloopt")  # harm reduction from 16
    assert "ikbeslis.be" in slides("als-het-misloopt")
    assert "jedecide.be" in slides("als-het-misloopt", "fr")


# --- Inclusion and names -------------------------------------------------------------------

# A named character belongs to one story; these questions continue one story between them.
STORIES = [
    {"kennis/sexting-vanaf-16", "vlaggen/sexting-samen-16"},  # Zoë and Milan
    {"vlaggen/ex-dreigt", "scenarios/dreigberichten-bewaren"},  # Hanne and Ruben
    {"vlaggen/deepfake-klasgenote", "scenarios/nepfoto-rondgestuurd"},  # Yara and Arthur
    {"vlaggen/blijven-aandringen", "woorden/nee-zeggen-zin"},  # Wout and Amira
    {"scenarios/foto-gaat-rond", "woorden/tip-voor-chloe"},  # Chloé
    {"vlaggen/foto-in-klasgroep"},  # Jonas, also in sexting-delen's discussion
]
NAME = re.compile(r"\b([A-Z][a-zëéï]+) \((\d{1,2})")


def test_each_name_belongs_to_one_story(library):
    where: dict[str, set[str]] = defaultdict(set)
    for ref, question in questions(library):
        for text in all_texts(question.text):
            for name, _age in NAME.findall(text):
                where[name].add(ref)
    shared = {name: refs for name, refs in where.items() if len(refs) > 1}
    for name, refs in shared.items():
        assert any(refs <= story for story in STORIES), (name, sorted(refs))


def test_the_pack_shows_same_sex_and_non_binary_characters_in_a_good_light(library):
    couple = library.question("vlaggen/foto-samen-posten")
    assert couple.expected == "green"
    assert "Yusuf" in couple.text["nl"] and "Matteo" in couple.text["nl"]
    lotte = library.question("vlaggen/vragen-en-aanvaarden")
    assert lotte.expected == "green" and "vriendin Mila" in lotte.text["nl"]
    jules = library.question("scenarios/zelf-beslissen-16").text
    assert ("non-binair" in jules["nl"], "non-binary" in jules["en"],
            "non-binaire" in jules["fr"]) == (True, True, True)
    lessons = {ref for lesson in library.lessons.values() for s in lesson.steps
               if isinstance(s, AskStep) for ref in [s.ask]}
    assert "vlaggen/foto-samen-posten" in lessons


# --- Wording: Flemish, French, no "no wrong answers" ---------------------------------------

PHOTO_AS_HEM = re.compile(
    r"\b(stuurt|stuurde|toont|toonde|zet|zette|verspreidt|deelt|wist|verwijdert|bewaart|krijgt)"
    r"\b[^.?!]{0,20}?\bhem\b(?! (om|een|te zeggen))"
    r"|\bhem\b (door|te (delen|tonen|sturen)|verder|niet (door|verder)|als eerste|in vertrouwen)"
)


def photo_called_hem(text: str) -> list[str]:
    """Return where a Dutch text about a photo calls it 'hem' (in Flemish a photo is 'ze')."""
    if not re.search(r"foto", text):
        return []
    return [m.group(0) for m in PHOTO_AS_HEM.finditer(text)]


def dutch_of(text) -> str:
    return text.get("nl", "") if isinstance(text, dict) else ""


def test_a_photo_is_ze_in_flemish_not_hem(library):
    found = []
    for ref, question in questions(library):
        texts = [question.text, question.notes, getattr(question, "explanation", None)]
        texts += [o.text for o in getattr(question, "options", [])]
        found += [(ref, s) for text in texts for s in photo_called_hem(dutch_of(text))]
    for lesson in library.lessons.values():
        for step in lesson.steps:
            if isinstance(step, SlideStep):
                found += [(lesson.id, s) for s in photo_called_hem(texts_of(lesson, step)["nl"])]
    assert found == []


@pytest.mark.parametrize(
    ("text", "flagged"),
    [("Jonas krijgt een foto. Hij zet hem in de klasgroep.", True),
     ("Hij neemt de foto en toont hem aan een vriend.", True),
     ("Hanne mocht die foto sturen: ze stuurde hem in vertrouwen.", True),
     ("Iedereen die hem doorstuurt, over de foto.", True),
     ("Sam stuurt de foto niet door.", False), ("Er gaat een foto van hem rond. Wat zou je hem "
                                                "aanraden?", False),
     ("Dries stuurt een foto en vraagt hem om niets te zeggen.", False)],
)
def test_the_photo_pronoun_check_itself(text, flagged):
    assert bool(photo_called_hem(text)) is flagged


def test_no_wrong_answers_is_not_promised_before_notes_that_correct_blame(library):
    promises = ("geen foute antwoorden", "no wrong answers", "pas de mauvaise reponse")
    for where, text in student_texts(library):
        assert not any(p in plain(text) for p in promises), where


def test_dutch_help_texts_use_flemish_wording(library):
    texts = [t for _, t in [*help_set_texts(library), *student_texts(library),
                            *teacher_texts(library)]]
    assert not any("politiele zorg" in plain(t) for t in texts)


def test_consent_uses_the_laws_words(library):
    lesson = library.lessons["toestemming-grenzen"]
    slide = next(texts_of(lesson, s) for s in lesson.steps
                 if isinstance(s, SlideStep) and "417/5" in str(s.notes))
    for lang, words in {"nl": ("bedreiging", "geweld", "dwang", "verrassing", "list"),
                        "en": ("threat", "violence", "coercion", "surprise", "trick"),
                        "fr": ("menace", "violence", "contrainte", "surprise", "ruse")}.items():
        assert all(w in plain(slide[lang]) for w in words), lang


def test_french_uses_one_term_for_a_nude_image_and_asks_who_is_punishable(library):
    other_terms = ("photo nue", "photos nues", "image nue", "images nues", "elle nue", "lui nu ")
    french = [text["fr"] for _, q in questions(library)
              for text in [q.text, q.notes, getattr(q, "explanation", None),
                           *[o.text for o in getattr(q, "options", [])]]
              if isinstance(text, dict) and "fr" in text]
    french += [t for _, t in help_set_texts(library)]
    assert not [t for t in french if any(term in t for term in other_terms)]
    assert library.question("kennis/wie-is-strafbaar").text["fr"].endswith("Qui est punissable ?")


# --- Closing screens: the same services in every language ----------------------------------

def closing_numbers(library: Library, lesson: Lesson, lang: str) -> tuple[set[str], str]:
    """Return the numbers on the lesson's last slide and closing help screen, and their text."""
    last_slide = max(i for i, s in enumerate(lesson.steps) if isinstance(s, SlideStep))
    help_step = max(notice_positions(lesson, "help"))
    text = "\n".join(texts_of(lesson, lesson.steps[i])[lang] for i in (last_slide, help_step))
    return {n for n in NUMBERS if re.search(rf"(?<!\d){re.escape(n)}(?!\d)", text)}, text


@pytest.mark.parametrize("lesson_id", LESSONS)
def test_closing_screens_name_the_same_services_in_every_language(library, lesson_id):
    lesson = library.lessons[lesson_id]
    others = {}
    for lang in lesson.languages:
        numbers, text = closing_numbers(library, lesson, lang)
        crisis = CRISIS[lesson.help_for(lang)]
        assert crisis <= numbers, (lang, crisis - numbers)  # the language's own crisis line(s)
        assert "116 000" in numbers, lang
        assert any(w in plain(text) for w in ("school", "ecole")), lang
        others[lang] = numbers - CRISIS["be-en"]
    assert len(set(map(frozenset, others.values()))) == 1, others


def test_the_three_things_to_remember_name_the_same_help(library):
    lesson = library.lessons["18-november"]
    slide = next(texts_of(lesson, s) for s in lesson.steps
                 if isinstance(s, SlideStep) and "116 000" in str(s.slide))
    named = {lang: ("116 000" in text, "school" in plain(text) or "ecole" in plain(text))
             for lang, text in slide.items()}
    assert set(named.values()) == {(True, True)}, named


# --- Sources: deep links with the date read; the 2022 figures ------------------------------

def every_source(library: Library):
    """Yield (where, source) for every source of the lessons, quizzes and questions."""
    for item in [*library.lessons.values(), *library.quizzes.values()]:
        yield from ((item.id, s) for s in item.sources)
    for ref, question in questions(library):
        yield from ((ref, s) for s in question.sources)


def test_sources_link_to_the_page_that_says_it_or_say_why_not(library):
    for where, source in every_source(library):
        assert source.checked, where
        if urlparse(source.url).path in ("", "/"):
            assert (source.note or "").startswith("Home page"), (where, source.url)


def test_the_2022_meta_analysis_stands_beside_the_older_figures(library):
    lesson = library.lessons["sexting-delen"]
    urls = {s.url for s in lesson.sources}
    assert {"https://doi.org/10.1001/jamapediatrics.2017.5314",
            "https://doi.org/10.1016/j.jadohealth.2021.10.026"} <= urls
    notes = " ".join(" ".join(notes_of(s).values()) for s in lesson.steps)
    assert "Mori" in notes and "19 %" in notes and "35 %" in notes and "15 %" in notes


# --- The teacher guide ----------------------------------------------------------------------

def guide_sections() -> dict[str, str]:
    """Return the guide's three language sections by their heading."""
    text = GUIDE.read_text(encoding="utf-8")
    parts = re.split(r"^## (Nederlands|English|Français)$", text, flags=re.M)
    return dict(zip(parts[1::2], parts[2::2], strict=True))


def test_the_guide_exists_in_french_with_a_parent_letter():
    sections = guide_sections()
    assert set(sections) == {"Nederlands", "English", "Français"}
    french = sections["Français"]
    for heading in ("### Lettre aux parents", "### Quand un·e élève vous confie quelque chose",
                    "### Les téléphones en classe"):
        assert heading in french
    for route in ("CPMS", "SOS Enfants", "SAJ", "103", "0800 32 123", "116 000"):
        assert route in french, route


@pytest.mark.parametrize(
    ("section", "words"),
    [
        ("Nederlands", ("1 september 2025", "Voor de directie", "Leerlingen zonder gsm",
                        "Een leerling die zelf een beeld doorstuurde",
                        "Een melding over een personeelslid", "--school", "1813")),
        ("English", ("1 September 2025", "For the school leadership", "Pupils without a phone",
                     "A student who forwarded an image", "A disclosure about a staff member",
                     "--school", "1813")),
        ("Français", ("1er\nseptembre 2025", "Pour la direction", "Élèves sans téléphone",
                      "Un·e élève qui a transféré une image",
                      "Une confidence sur un membre du personnel", "--school", "0800 32 123")),
    ],
)
def test_the_guide_covers_phones_disclosures_and_the_school_contact(section, words):
    text = guide_sections()[section]
    for word in words:
        assert word in text, (section, word)


QUESTION_BOX = {
    "Nederlands": ("### De vragenbox", "Later antwoorden", "onthulling",
                   "Als een leerling iets vertelt"),
    "English": ("### The question box", "Answering later", "disclosure",
                "When a student tells you something"),
    "Français": ("### La boîte à questions", "Répondre plus tard", "confidence",
                 "Quand un·e élève vous confie quelque chose"),
}


@pytest.mark.parametrize(("section", "words"), QUESTION_BOX.items())
def test_the_guide_says_how_to_answer_later_and_what_to_do_with_a_disclosure(section, words):
    text = guide_sections()[section]
    box = text[text.index(words[0]):]
    box = " ".join(box[:box.index("\n### ", 1)].split())  # its own subsection, lines joined
    for word in words[1:]:
        assert word in box, (section, word)
