"""Built-in labels in nl, en and fr: the Flag System, scale presets and the notice screens."""

from __future__ import annotations

from typing import Any

from .notices import NOTICE_TEXTS
from .text import localise

LANGUAGES = ("nl", "en", "fr")  # of the built-in texts, the pages and the error messages
FALLBACK = "en"

FLAG_LABELS = {
    "green": {"nl": "Groen", "en": "Green", "fr": "Vert"},
    "yellow": {"nl": "Geel", "en": "Yellow", "fr": "Jaune"},
    "red": {"nl": "Rood", "en": "Red", "fr": "Rouge"},
    "black": {"nl": "Zwart", "en": "Black", "fr": "Noir"},
}

# What each flag means, in a few words (after Sensoa's Flag System; our own wording).
FLAG_MEANINGS = {
    "green": {"nl": "Oké: gezond en wederzijds", "en": "Okay: healthy and mutual",
              "fr": "OK : sain et réciproque"},
    "yellow": {"nl": "Licht grensoverschrijdend", "en": "Slightly crosses a line",
               "fr": "Dépasse un peu les limites"},
    "red": {"nl": "Ernstig grensoverschrijdend", "en": "Seriously crosses a line",
            "fr": "Dépasse gravement les limites"},
    "black": {"nl": "Zwaar grensoverschrijdend", "en": "Very seriously crosses a line",
              "fr": "Dépasse très gravement les limites"},
}

# The six criteria, by Sensoa's current names (the older ones said "age-appropriate" and
# "self-respect" where these say "level of development or functioning" and "impact").
CRITERION_LABELS = {
    "consent": {"nl": "Wederzijdse toestemming", "en": "Mutual consent",
                "fr": "Consentement mutuel"},
    "voluntary": {"nl": "Vrijwilligheid", "en": "Voluntary engagement", "fr": "Libre choix"},
    "equality": {"nl": "Gelijkwaardigheid", "en": "Equality", "fr": "Égalité"},
    "development": {"nl": "Ontwikkelings- of functioneringsniveau",
                    "en": "Level of development or functioning",
                    "fr": "Niveau de développement ou de fonctionnement"},
    "context": {"nl": "Context", "en": "Context", "fr": "Contexte"},
    "impact": {"nl": "Impact", "en": "Impact", "fr": "Impact"},
}

SCALE_PRESETS = {
    "agree": {
        "nl": ("Helemaal niet akkoord", "Niet akkoord", "Neutraal", "Akkoord", "Helemaal akkoord"),
        "en": ("Strongly disagree", "Disagree", "Neither agree nor disagree", "Agree",
               "Strongly agree"),
        "fr": ("Pas du tout d'accord", "Pas d'accord", "Ni d'accord ni pas d'accord", "D'accord",
               "Tout à fait d'accord"),
    },
    "often": {
        "nl": ("Nooit", "Zelden", "Soms", "Vaak", "Heel vaak"),
        "en": ("Never", "Rarely", "Sometimes", "Often", "Very often"),
        "fr": ("Jamais", "Rarement", "Parfois", "Souvent", "Très souvent"),
    },
    "okay": {
        "nl": ("Helemaal niet oké", "Eerder niet oké", "Ik twijfel", "Eerder oké", "Helemaal oké"),
        "en": ("Not okay at all", "Not really okay", "Not sure", "Mostly okay", "Completely okay"),
        "fr": ("Pas du tout OK", "Plutôt pas OK", "Je ne sais pas", "Plutôt OK", "Tout à fait OK"),
    },
}

NOTICE_TITLES = {
    "content-note": {"nl": "Waarover deze les gaat", "en": "About this lesson",
                     "fr": "De quoi parle cette leçon"},
    "ground-rules": {"nl": "Onze afspraken", "en": "Our agreements", "fr": "Nos accords"},
    "help": {"nl": "Hulp", "en": "Help", "fr": "Aide"},
}

# The heading of the school's own contact on a help screen, for a help set without `school:`.
SCHOOL_TITLES = {"nl": "Op school", "en": "At school", "fr": "À l'école"}


def _pick(labels: dict[str, Any], lang: str) -> Any:
    return labels.get(lang) or labels[FALLBACK]


def flag_label(flag: str, lang: str) -> str:
    """Return the name of a flag (green, yellow, red, black) in `lang`."""
    return _pick(FLAG_LABELS[flag], lang)


def flag_meaning(flag: str, lang: str) -> str:
    """Return what a flag means, in a few words, in `lang`."""
    return _pick(FLAG_MEANINGS[flag], lang)


def criterion_label(criterion: str, lang: str) -> str:
    """Return the name of one of the Flag System's six criteria in `lang`."""
    return _pick(CRITERION_LABELS[criterion], lang)


def preset_labels(preset: str, lang: str) -> tuple[str, ...]:
    """Return the five point labels of a scale preset (agree, often, okay) in `lang`."""
    return _pick(SCALE_PRESETS[preset], lang)


def scale_labels(question: Any, lang: str) -> tuple[str, str]:
    """Return the (low, high) end labels of a scale question in `lang`."""
    preset = preset_labels(question.preset, lang) if question.preset else ("", "")
    low = localise(question.low, lang, FALLBACK) if question.low else preset[0]
    high = localise(question.high, lang, FALLBACK) if question.high else preset[-1]
    return low, high


def school_title(lang: str) -> str:
    """Return the heading of the school's own contact on a help screen, in `lang`."""
    return _pick(SCHOOL_TITLES, lang)


def notice_title(kind: str, lang: str) -> str:
    """Return the short title of a built-in notice (content-note, ground-rules, help)."""
    return _pick(NOTICE_TITLES[kind], lang)


def notice_text(kind: str, lang: str) -> str:
    """Return the Markdown of a built-in notice (content-note, ground-rules, help) in `lang`."""
    return _pick(NOTICE_TEXTS[kind], lang)
