"""Free text and questions: mask what identifies someone, flag what to read first."""

from __future__ import annotations

import re
import unicodedata

MASK = "•••"
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(\.[\w-]+)+", re.UNICODE)
_HANDLE = re.compile(r"(?<![\w@])@[\w.]{2,}", re.UNICODE)
# A link names a profile or a page as well as a handle does: with a scheme, www., or a domain
# people type bare (snapchat.com/add/x, jan.be).
_URL = re.compile(
    r"\b(?:https?://|www\.)\S+|\b[\w-]+(?:\.[\w-]+)*\.(?:com|net|org|info|eu|be|nl|fr|de|uk|"
    r"io|me|co|tv|gg|ly|app|link|to)\b(?:/\S*)?",
    re.UNICODE | re.IGNORECASE,
)
# Eight digits or more, with the spaces, dots, dashes and brackets people type in numbers;
# short numbers such as a helpline's 102 stay readable.
_PHONE = re.compile(r"\+?\(?\d(?:[\s./()-]*\d){7,}")
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")
_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)
_TOKEN = re.compile(r"\d+|[^\W\d_]+", re.UNICODE)
_GAP = re.compile(r"[\s.,/()+-]*")  # what may stand between the digits of a number

# Numbers written as words (nl, en, fr), by how many digits each stands for: a phone number
# typed as "nul vier zeven nul twaalf ..." must be masked like one typed in digits.
_ONES = (
    "nul een één twee drie vier vijf zes zeven acht negen "
    "zero oh one two three four five six seven eight nine "
    "zéro un une deux trois quatre cinq sept huit neuf"
)
_TENS = (
    "tien elf twaalf dertien veertien vijftien zestien zeventien achttien negentien twintig "
    "dertig veertig vijftig zestig zeventig tachtig negentig "
    "ten eleven twelve thirteen fourteen fifteen sixteen seventeen eighteen nineteen twenty "
    "thirty forty fifty sixty seventy eighty ninety "
    "dix onze douze treize quatorze quinze seize vingt vingts trente quarante cinquante "
    "soixante septante huitante octante nonante"
)
NUMBER_WORDS = {word: 1 for word in _ONES.split()} | {word: 2 for word in _TENS.split()}
# Dutch writes 34 as one word: vierendertig, tweeëntwintig.
_DUTCH_COMPOUND = re.compile(
    r"(een|één|twee|drie|vier|vijf|zes|zeven|acht|negen)(en|ën)"
    r"(twintig|dertig|veertig|vijftig|zestig|zeventig|tachtig|negentig)"
)
CONNECTORS = frozenset({"en", "and", "et"})  # "vingt et un", only between number words
PHONE_DIGITS = 8

# A short list per language, to flag answers for the teacher's eye (never to rewrite them).
PROFANITY: dict[str, frozenset[str]] = {
    "nl": frozenset(
        "kut klootzak lul hoer slet kanker tering tyfus mongool homo flikker "
        "neuken geil trut sukkel debiel teef pik".split()
    ),
    "en": frozenset(
        "fuck fucking shit bitch slut whore cunt dick cock pussy bastard asshole "
        "fag faggot retard nude nudes".split()
    ),
    "fr": frozenset(
        "merde putain pute salope connard connasse enculé encule bite chatte pd "
        "pédé nique niquer batard bâtard".split()
    ),
}
_ALL_PROFANITY = frozenset().union(*PROFANITY.values())

# "Jonas is een ...", "Sarah is such a ...", "Lucas est une ...": a name and what someone calls
# that person. Flagged (never rewritten): a question box must not become a way to bully.
_NAMED = re.compile(
    r"\b(?P<name>[^\W\d_][^\W\d_'’-]+)(?:\s+(?:is|was|est)|['’]s|\s+c['’]est)\s+"
    r"(?:een|echt|zo['’]n|zo|a|an|such|so|un|une|trop|vraiment)\b",
    re.UNICODE,
)
# The same asked as a question: "Is Jonas a ...?", "Is Noor echt een ...?", "Lucas est-il un ...?".
_NAMED_ASKED = re.compile(
    r"(?:\b(?i:is|was)\s+(?P<name>[^\W\d_][^\W\d_'’-]+)"
    r"|\b(?P<named>[^\W\d_][^\W\d_'’-]+)\s+est-(?:il|elle))\s+"
    r"(?:een|echt|zo['’]n|zo|a|an|such|so|really|un|une|trop|vraiment)\b",
    re.UNICODE,
)
# Capitalised words that start a sentence about the subject rather than name a classmate.
NOT_NAMES = frozenset(
    "het dit dat wat wie hoe waarom wanneer er hij zij ze je jij u men iemand niemand iets "
    "sexting seks porno naaktfoto grooming sextortion "
    "it this that what who how why when there he she they you someone nobody something "
    "sex porn nude nudes "
    "ce cela ça il elle on quelqu'un personne quoi qui comment pourquoi quand "
    "instagram snapchat tiktok whatsapp facebook discord".split()
)
# A class group ("3B", "4 ASO", "5A2"): a question about "someone from 3B" names people too.
_CLASS_GROUP = re.compile(r"\b[1-7]\s?(?:[A-Z]\d?|ASO|BSO|TSO|KSO)\b")


def clean(text: str) -> str:
    """Return the text normalised (NFC), without control characters, spaces collapsed."""
    text = _CONTROL.sub(" ", unicodedata.normalize("NFC", text))
    return " ".join(text.split())


def mask(text: str) -> str:
    """Return the text with e-mail addresses, links, @handles and phone numbers masked."""
    text = _EMAIL.sub(MASK, text)
    text = _URL.sub(MASK, text)
    text = _HANDLE.sub(MASK, text)
    return _PHONE.sub(MASK, _mask_spelled_numbers(text))


def _digits(token: str) -> int:
    """Return how many digits a token stands for (0: not a number)."""
    if token.isdigit():
        return len(token)
    word = token.lower()
    return NUMBER_WORDS.get(word, 2 if _DUTCH_COMPOUND.fullmatch(word) else 0)


def _mask_spelled_numbers(text: str) -> str:
    """Mask runs of number words (and digits) long enough to be a phone number."""
    spans, run, digits, spelled = [], [], 0, False
    tokens = list(_TOKEN.finditer(text)) + [None]
    for token in tokens:
        count = _digits(token.group()) if token else 0
        joined = token and run and _GAP.fullmatch(text, run[-1].end(), token.start())
        if count and (joined or not run):
            run, digits = run + [token], digits + count
            spelled = spelled or not token.group().isdigit()
            continue
        if joined and token.group().lower() in CONNECTORS:
            run.append(token)  # kept only if a number word follows
            continue
        while run and not _digits(run[-1].group()):
            run.pop()
        if run and spelled and digits >= PHONE_DIGITS:
            spans.append((run[0].start(), run[-1].end()))
        run, digits, spelled = ([token], count, not token.group().isdigit()) if count else (
            [], 0, False)
    for start, end in reversed(spans):
        text = text[:start] + MASK + text[end:]
    return text


def words(text: str) -> list[str]:
    """Return the words of a text, lower-cased."""
    return [w.lower() for w in _WORD.findall(text)]


def names_someone(text: str) -> bool:
    """Tell whether a text calls a named person something ("X is a ...") or names a class."""
    if _CLASS_GROUP.search(text):
        return True
    names = [found["name"] for found in _NAMED.finditer(text)]
    names += [found["name"] or found["named"] for found in _NAMED_ASKED.finditer(text)]
    return any(name[0].isupper() and name.lower() not in NOT_NAMES for name in names)


def is_flagged(text: str) -> bool:
    """Tell whether a text holds a word of the nl/en/fr lists, or calls someone by name."""
    return any(word in _ALL_PROFANITY for word in words(text)) or names_someone(text)
