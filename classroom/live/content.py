"""Adapters to the content layer's built-in texts and Markdown: swap each in one line.

classroom.content.builtin (labels and notice texts) and classroom.content.markdown (safe
rendering) are being written in parallel; until they exist the fallbacks below serve.
"""

from __future__ import annotations

from functools import lru_cache

try:  # pragma: no cover - the swap point
    from classroom.content.markdown import render_markdown
except ImportError:  # pragma: no cover
    render_markdown = None  # type: ignore[assignment]

FLAG_LABELS = {
    "green": {"nl": "Groen", "en": "Green", "fr": "Vert"},
    "yellow": {"nl": "Geel", "en": "Yellow", "fr": "Jaune"},
    "red": {"nl": "Rood", "en": "Red", "fr": "Rouge"},
    "black": {"nl": "Zwart", "en": "Black", "fr": "Noir"},
}
CRITERION_LABELS = {
    "consent": {"nl": "Wederzijdse toestemming", "en": "Mutual consent", "fr": "Consentement"},
    "voluntary": {"nl": "Vrijwilligheid", "en": "Voluntariness", "fr": "Libre choix"},
    "equality": {"nl": "Gelijkwaardigheid", "en": "Equality", "fr": "Égalité"},
    "development": {"nl": "Ontwikkelingsniveau", "en": "Development", "fr": "Développement"},
    "context": {"nl": "Context", "en": "Context", "fr": "Contexte"},
    "impact": {"nl": "Impact", "en": "Impact", "fr": "Impact"},
}
SCALE_PRESETS = {
    "agree": {
        "nl": ("Helemaal niet akkoord", "Helemaal akkoord"),
        "en": ("Strongly disagree", "Strongly agree"),
        "fr": ("Pas du tout d'accord", "Tout à fait d'accord"),
    },
    "often": {
        "nl": ("Nooit", "Heel vaak"),
        "en": ("Never", "Very often"),
        "fr": ("Jamais", "Très souvent"),
    },
    "okay": {
        "nl": ("Helemaal niet oké", "Helemaal oké"),
        "en": ("Not okay at all", "Completely okay"),
        "fr": ("Pas du tout correct", "Tout à fait correct"),
    },
}
NOTICES = {
    "content-note": {
        "nl": "## Waarover gaat deze les?\n\nWe praten over sexting, toestemming en foto's "
        "delen. Je antwoordt anoniem. Je mag altijd 'liever niet' kiezen.",
        "en": "## What this lesson is about\n\nWe talk about sexting, consent and sharing "
        "pictures. You answer anonymously. You can always choose 'I'd rather not answer'.",
        "fr": "## De quoi parle cette leçon ?\n\nNous parlons de sexting, de consentement et "
        "du partage de photos. Tu réponds anonymement. Tu peux toujours choisir de ne pas "
        "répondre.",
    },
    "ground-rules": {
        "nl": "## Afspraken\n\n- We lachen niemand uit.\n- We noemen geen namen.\n"
        "- Wat hier gezegd wordt, blijft hier.",
        "en": "## Ground rules\n\n- Nobody is laughed at.\n- No names.\n"
        "- What is said here stays here.",
        "fr": "## Règles\n\n- On ne se moque de personne.\n- On ne cite pas de noms.\n"
        "- Ce qui est dit ici reste ici.",
    },
    "help": {
        "nl": "## Hulp nodig?\n\nPraat met iemand die je vertrouwt. "
        "Op je gsm vind je wie je kan bellen.",
        "en": "## Need help?\n\nTalk to someone you trust. Your phone shows who you can call.",
        "fr": "## Besoin d'aide ?\n\nParles-en à quelqu'un de confiance. "
        "Ton téléphone montre qui appeler.",
    },
}
NOTICE_TITLES = {
    "content-note": {"nl": "Inhoudswaarschuwing", "en": "Content note", "fr": "Avertissement"},
    "ground-rules": {"nl": "Afspraken", "en": "Ground rules", "fr": "Règles"},
    "help": {"nl": "Hulp", "en": "Help", "fr": "Aide"},
}


def _pick(texts: dict, lang: str):
    return texts.get(lang) or texts.get("en") or next(iter(texts.values()))


@lru_cache(maxsize=1)
def _markdown_it():
    from markdown_it import MarkdownIt

    # Raw HTML off: authors write Markdown, and nothing they write becomes markup.
    return MarkdownIt("commonmark", {"html": False})


def markdown(text: str) -> str:
    """Render Markdown to safe HTML (no raw HTML passes through)."""
    if render_markdown is not None:  # pragma: no cover
        return render_markdown(text)
    return _markdown_it().render(text)


def flag_label(flag: str, lang: str) -> str:
    """Return the label of one of the four flags."""
    return _pick(FLAG_LABELS[flag], lang)


def criterion_label(criterion: str, lang: str) -> str:
    """Return the label of one of the Flag System's six criteria."""
    return _pick(CRITERION_LABELS[criterion], lang)


def scale_labels(preset: str, lang: str) -> tuple[str, str]:
    """Return the (low, high) labels of a scale preset."""
    return _pick(SCALE_PRESETS[preset], lang)


def notice_text(notice: str, lang: str) -> str:
    """Return the Markdown of a built-in notice screen."""
    return _pick(NOTICES[notice], lang)


def notice_title(notice: str, lang: str) -> str:
    """Return the short title of a built-in notice screen."""
    return _pick(NOTICE_TITLES[notice], lang)
