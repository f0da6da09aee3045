"""Domain errors: a code from the protocol's error table and a sentence a person can read."""

from __future__ import annotations

from classroom.content.builtin import LANGUAGES

# Few enough to keep here rather than in the web layer's Babel catalogues: the domain
# has no Flask, and these sentences travel in socket acks, not in pages.
MESSAGES: dict[str, dict[str, str]] = {
    "room-not-found": {
        "nl": "Deze code hoort bij geen enkele les. Kijk de code op het scherm na.",
        "en": "No lesson is running with this code. Check the code on the screen.",
        "fr": "Aucune leçon ne correspond à ce code. Vérifie le code affiché à l'écran.",
    },
    "room-locked": {
        "nl": "De leraar heeft deze les gesloten voor nieuwe deelnemers.",
        "en": "The teacher has closed this lesson to new participants.",
        "fr": "L'enseignant a fermé cette leçon aux nouveaux participants.",
    },
    "room-ended": {
        "nl": "Deze les is afgelopen. Bedankt om mee te doen!",
        "en": "This lesson has ended. Thank you for taking part!",
        "fr": "Cette leçon est terminée. Merci d'avoir participé !",
    },
    "waiting": {
        "nl": "De klas is vol. Toon de leraar deze code: {label}. Je mag binnen zodra de leraar "
        "je toelaat.",
        "en": "The class is full. Show the teacher this code: {label}. You can join as soon as "
        "the teacher lets you in.",
        "fr": "La classe est complète. Montre ce code à l'enseignant : {label}. Tu pourras entrer "
        "dès que l'enseignant t'accepte.",
    },
    "not-admitted": {
        "nl": "De leraar heeft dit toestel niet toegelaten.",
        "en": "The teacher did not let this device in.",
        "fr": "L'enseignant n'a pas accepté cet appareil.",
    },
    "room-full": {
        "nl": "De klas is vol en er wachten al veel toestellen. Vraag het aan de leraar.",
        "en": "The class is full and many devices are already waiting. Ask the teacher.",
        "fr": "La classe est complète et beaucoup d'appareils attendent déjà. Demande à "
        "l'enseignant.",
    },
    "bad-key": {
        "nl": "Deze link is niet (meer) geldig. Open de leraarslink opnieuw.",
        "en": "This link is not valid. Open the teacher link again.",
        "fr": "Ce lien n'est pas valide. Ouvre à nouveau le lien de l'enseignant.",
    },
    "bad-device": {
        "nl": "Je toestel kon niet herkend worden. Herlaad de pagina.",
        "en": "Your device could not be recognised. Reload the page.",
        "fr": "Ton appareil n'a pas pu être reconnu. Recharge la page.",
    },
    "rate-limited": {
        "nl": "Te veel pogingen. Wacht een paar seconden en probeer opnieuw.",
        "en": "Too many attempts. Wait a few seconds and try again.",
        "fr": "Trop de tentatives. Attends quelques secondes et réessaie.",
    },
    "not-voting": {
        "nl": "Stemmen is nu niet mogelijk: wacht tot de leraar de vraag opent.",
        "en": "Voting is closed: wait until the teacher opens the question.",
        "fr": "Le vote est fermé : attends que l'enseignant ouvre la question.",
    },
    "wrong-step": {
        "nl": "Deze vraag is niet meer aan de beurt. Je ziet nu de huidige vraag.",
        "en": "This question is no longer current. You now see the current one.",
        "fr": "Cette question n'est plus en cours. Tu vois maintenant la question actuelle.",
    },
    "bad-value": {
        # Said to phones (an answer that does not fit) and teachers (a step or timer out of
        # range, a free-text answer that changed meanwhile), so it names neither.
        "nl": "Dat past hier niet. Kies opnieuw, of herlaad de pagina.",
        "en": "That does not fit here. Choose again, or reload the page.",
        "fr": "Cela ne convient pas ici. Choisis à nouveau, ou recharge la page.",
    },
    "bad-request": {
        "nl": "Dit bericht werd niet begrepen. Herlaad de pagina.",
        "en": "This message was not understood. Reload the page.",
        "fr": "Ce message n'a pas été compris. Recharge la page.",
    },
    "not-allowed": {
        "nl": "Dat kan nu niet bij deze stap.",
        "en": "That is not possible at this step.",
        "fr": "Ce n'est pas possible à cette étape.",
    },
    "moving": {
        # Several workers: the room's worker stopped and another is taking the lesson over.
        "nl": "De les verhuist naar een andere server. Even geduld, het gaat zo verder.",
        "en": "The lesson is moving to another server. One moment, it carries on by itself.",
        "fr": "La leçon passe sur un autre serveur. Un instant, elle reprend toute seule.",
    },
    "not-saved": {
        # Also the teacher's refusal when a step change is not durable, and a phone's when
        # joining is not: "your answer" would be wrong there.
        "nl": "Dit kon niet bewaard worden, dus er is niets veranderd. Probeer zo opnieuw.",
        "en": "This could not be saved, so nothing changed. Try again in a moment.",
        "fr": "Ceci n'a pas pu être enregistré : rien n'a changé. Réessaie dans un instant.",
    },
    # The question box.
    "questions-off": {
        "nl": "In deze les kan je geen vragen sturen.",
        "en": "This lesson has no question box.",
        "fr": "Cette leçon n'a pas de boîte à questions.",
    },
    "question-length": {
        "nl": "Een vraag telt 1 tot {count} tekens. Maak ze wat korter.",
        "en": "A question can be 1 to {count} characters long. Make it a little shorter.",
        "fr": "Une question compte de 1 à {count} caractères. Raccourcis-la un peu.",
    },
    "ask-too-fast": {
        "nl": "Je kan {count} vragen per minuut sturen. Wacht even en stuur ze dan opnieuw.",
        "en": "You can send {count} questions a minute. Wait a moment, then send it again.",
        "fr": "Tu peux envoyer {count} questions par minute. Attends un peu, puis renvoie-la.",
    },
    "too-many-questions": {
        "nl": "Er wachten al {count} vragen van jou op de leraar. Wacht tot de leraar ze gelezen "
        "heeft.",
        "en": "{count} of your questions are already waiting for the teacher. Wait until the "
        "teacher has read them.",
        "fr": "{count} de tes questions attendent déjà l'enseignant. Attends qu'il les ait lues.",
    },
    "box-full": {
        "nl": "De vragenbox van deze les is vol. Vraag het na de les aan de leraar.",
        "en": "This lesson's question box is full. Ask the teacher after the lesson.",
        "fr": "La boîte à questions de cette leçon est pleine. Demande à l'enseignant après la "
        "leçon.",
    },
    "me-too-once": {
        "nl": "Je kan één keer \"ik ook\" zeggen, en niet bij je eigen vraag.",
        "en": "You can say \"me too\" once to a question, and not to your own.",
        "fr": "Tu peux dire « moi aussi » une fois par question, et pas à ta propre question.",
    },
}
FALLBACK = "en"


class LiveError(Exception):
    """Something a client asked for that the room refuses; nothing changed."""

    def __init__(self, code: str, lang: str | None = None, **values: str) -> None:
        if code not in MESSAGES:
            raise ValueError(f"unknown error code {code!r}")
        self.code = code
        self.lang = lang if lang in LANGUAGES else FALLBACK
        self.values = values  # e.g. a waiting phone's label: in the message and the data
        super().__init__(code)

    @property
    def message(self) -> str:
        """Return the sentence for a person, in the room's language."""
        return MESSAGES[self.code][self.lang].format(**self.values)

    def data(self) -> dict[str, object]:
        """Return `{"error", "message"}` and any values (a `connect_error`'s data)."""
        return {"error": self.code, "message": self.message, **self.values}

    def ack(self) -> dict[str, object]:
        """Return the error ack: `{"ok": false, "error", "message"}`."""
        return {"ok": False, **self.data()}
