"""Commented starter files for `classroom new quiz|lesson NAME`."""

from __future__ import annotations

QUIZ = """\
# yaml-language-server: $schema={schema}quiz.json
# A quiz is a bank of questions that lessons reuse: `ask: {name}/QUESTION-ID`.
# Every text is one string, or one string per language (nl: ..., en: ..., fr: ...).
# Inside {{ }}, put a text in "quotes" when it holds a ?, :, # or a comma.
# Check it with: classroom validate {path}
id: {name}
title: {{nl: Mijn quiz, en: My quiz}}
questions:
  - id: forwarded-photo            # lowercase letters, digits and dashes; unique in this quiz
    kind: choice                   # choice | multi | scale | flag | text | rank | check
    text:
      nl: Sam krijgt een naaktfoto van een klasgenoot doorgestuurd. Wat doet Sam best?
      en: Sam is sent a nude picture of a classmate. What should Sam do?
    options:
      - {{nl: Verder sturen, en: Send it on}}
      - {{nl: Verwijderen en niet verder sturen, en: Delete it and not send it on}}
      - {{nl: De klasgenoot verwittigen en hulp zoeken, en: Tell the classmate and get help}}
    notes:                         # for the teacher only, never shown on phones
      nl: Wie is hier slachtoffer? Doorsturen is strafbaar, niet de foto maken.
      en: Who is the victim here? Passing it on is the offence, not taking the picture.

  - id: how-okay
    kind: scale
    preset: okay                   # agree | often | okay, or write your own low/high labels
    text:
      nl: Lien stuurt haar lief een sexy foto, omdat ze dat allebei willen. Hoe oké is dat?
      en: Lien sends her partner a sexy picture because they both want to. How okay is that?

  - id: which-flag
    kind: flag                     # green | yellow | red | black (Sensoa's Flag System)
    criterion: true                # then also ask which of the six criteria weighs most
    text:
      nl: Jonas zet een foto van Emma in de groepschat zonder het haar te vragen.
      en: Jonas posts a picture of Emma in the group chat without asking her.
"""

LESSON = """\
# yaml-language-server: $schema={schema}lesson.json
# A lesson is an ordered run of steps. Every text is one string, or one string per language
# in `languages` (a missing translation is a warning). Inside {{ }}, put a text in "quotes" when
# it holds a ?, :, # or a comma. Check it with: classroom validate {path}
id: {name}
title: {{nl: Mijn les, en: My lesson}}
audience: 14-16                    # an age band such as 12-14, 16+ or all
minutes: 50
languages: [nl, en]
help: {help_set}  # the help set every phone shows: an id from lessons/help/*.yaml
steps:
  - notice: content-note           # built-in screens: content-note, ground-rules, help
  - notice: ground-rules
  - slide:                         # Markdown; raw HTML and images are not shown
      nl: "## Wat is sexting?\\n\\nBerichten, foto's of video's met een seksuele lading."
      en: "## What is sexting?\\n\\nMessages, pictures or videos with a sexual charge."
  # - ask: some-quiz/some-question  # a question from a quiz, by quiz id and question id
  - question:                      # or a question written right here
      id: asked-first
      kind: choice
      text: {{nl: "Wie moet toestemming geven?", en: "Who has to give consent?"}}
      options:
        - {{nl: Alleen wie de foto maakt, en: Only the one who takes the picture}}
        - {{nl: Iedereen die erop staat, en: Everyone who is in it}}
  - discuss:
      prompt: {{nl: "Wat maakt doorsturen zo erg?", en: "What makes passing it on so bad?"}}
      notes: {{nl: Leg de schuld bij wie doorstuurt., en: Put the blame on whoever sends it on.}}
  - notice: help
"""


def starter(kind: str, name: str, path: str, help_set: str = "be-nl",
            schema: str = "../docs/schema/") -> str:
    """Return the starter file text for a new quiz or lesson called `name`."""
    template = QUIZ if kind == "quiz" else LESSON
    return template.format(name=name, path=path, help_set=help_set, schema=schema)
