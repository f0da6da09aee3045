"""Built-in labels and notices in nl, en and fr, and safe Markdown for slides."""

from __future__ import annotations

import pytest

from classroom.content.builtin import (
    LANGUAGES,
    criterion_label,
    flag_label,
    notice_text,
    notice_title,
    preset_labels,
    scale_labels,
)
from classroom.content.lessons import NOTICES
from classroom.content.markdown import render_markdown
from classroom.content.questions import CRITERIA, FLAGS, ScaleQuestion


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_builtin_label_exists_in_every_language(lang):
    labels = [flag_label(f, lang) for f in FLAGS] + [criterion_label(c, lang) for c in CRITERIA]
    labels += [label for p in ("agree", "often", "okay") for label in preset_labels(p, lang)]
    labels += [notice_text(n, lang) for n in NOTICES]
    labels += [notice_title(n, lang) for n in NOTICES]
    assert all(label.strip() for label in labels)
    assert len(set(flag_label(f, lang) for f in FLAGS)) == 4


@pytest.mark.parametrize(("lang", "expected"), [
    ("nl", ["Wederzijdse toestemming", "Vrijwilligheid", "Gelijkwaardigheid",
            "Ontwikkelings- of functioneringsniveau", "Context", "Impact"]),
    ("en", ["Mutual consent", "Voluntary engagement", "Equality",
            "Level of development or functioning", "Context", "Impact"]),
])
def test_criteria_use_sensoas_current_names(lang, expected):
    assert [criterion_label(c, lang) for c in CRITERIA] == expected


def test_an_unknown_language_falls_back_to_english():
    assert flag_label("black", "de") == "Black"
    assert notice_text("help", "de") == notice_text("help", "en")


@pytest.mark.parametrize(("fields", "lang", "ends"), [
    ({"preset": "agree"}, "en", ("Strongly disagree", "Strongly agree")),
    ({"preset": "often"}, "nl", ("Nooit", "Heel vaak")),
    ({"preset": "okay"}, "fr", ("Pas du tout OK", "Tout à fait OK")),
    ({"low": {"nl": "Nooit", "en": "Never"}, "high": "Always"}, "en", ("Never", "Always")),
    ({"preset": "agree", "high": {"nl": "Ja!", "en": "Yes!"}}, "nl",
     ("Helemaal niet akkoord", "Ja!")),
])
def test_scale_labels_come_from_the_question_or_its_preset(fields, lang, ends):
    question = ScaleQuestion(id="q", kind="scale", text="How?", **fields)
    assert scale_labels(question, lang) == ends


@pytest.mark.parametrize("kind", NOTICES)
def test_notices_are_markdown_with_a_heading(kind):
    for lang in LANGUAGES:
        assert render_markdown(notice_text(kind, lang)).startswith("<h2>")


@pytest.mark.parametrize(("markdown", "present", "absent"), [
    ("<script>alert(1)</script>", "&lt;script&gt;", "<script"),
    ('<img src=x onerror="alert(1)">', "&lt;img", "<img"),
    ("[click](javascript:alert(1))", "[click](javascript:alert(1))", "<a"),
    ("[mail](mailto:a@b.c)", "[mail](mailto:a@b.c)", "<a"),
    ("![logo](https://example.org/logo.png)", "logo", "<img"),
    ("[Sensoa](https://www.sensoa.be)",
     '<a href="https://www.sensoa.be" rel="noopener noreferrer" target="_blank">Sensoa</a>',
     "javascript"),
    ("## Title\n\n**bold** and *soft*", "<h2>Title</h2>", "<script"),
    ("| a | b |\n|---|---|\n| 1 | 2 |", "<td>1</td>", "<script"),
])
def test_render_markdown_is_safe(markdown, present, absent):
    html = render_markdown(markdown)
    assert present in html
    assert absent not in html
