"""The Markdown of the built-in notice screens, in nl, en and fr (our own wording)."""

CONTENT_NOTE = {
    "nl": """## Waar gaat deze les over?

We praten over sexting, toestemming en het delen van foto's. Dat kan persoonlijk aanvoelen.

- Je antwoordt **anoniem**: niemand ziet wat jij kiest, ook de leerkracht niet.
- Je mag altijd **"Ik antwoord liever niet"** kiezen.
- Zit je ergens mee? Onder **Hulp** op je scherm staat wie je kan contacteren.
""",
    "en": """## What is this lesson about?

We will talk about sexting, consent and sharing pictures. That can feel personal.

- You answer **anonymously**: nobody sees what you pick, not even the teacher.
- You can always choose **"I'd rather not answer"**.
- Is something on your mind? **Help** on your screen shows who you can contact.
""",
    "fr": """## De quoi parle cette leçon ?

Nous allons parler de sexting, de consentement et du partage de photos. Cela peut toucher à
des choses personnelles.

- Tu réponds **de façon anonyme** : personne ne voit ce que tu choisis, même pas l'enseignant·e.
- Tu peux toujours choisir **« Je préfère ne pas répondre »**.
- Quelque chose te préoccupe ? **Aide**, sur ton écran, indique qui tu peux contacter.
""",
}

GROUND_RULES = {
    "nl": """## Onze afspraken

1. We luisteren naar elkaar en laten elkaar uitspreken.
2. We reageren op wat iemand zegt, niet op wie iemand is.
3. We praten over de personages in de voorbeelden, niet over onszelf of anderen in de klas.
4. We noemen geen namen van echte mensen.
5. Je mag altijd passen.
6. Wil je iets persoonlijks vertellen? Doe dat na de les, bij de leerkracht of een
   vertrouwenspersoon.
""",
    "en": """## Our agreements

1. We listen to each other and let each other finish.
2. We respond to what someone says, not to who they are.
3. We talk about the people in the examples, not about ourselves or others in class.
4. We don't name real people.
5. You can always pass.
6. Want to share something personal? Do it after the lesson, with the teacher or another
   adult you trust.
""",
    "fr": """## Nos accords

1. Nous nous écoutons et laissons chacun·e terminer.
2. Nous réagissons à ce qui est dit, pas à la personne qui le dit.
3. Nous parlons des personnages des exemples, pas de nous-mêmes ni des autres élèves.
4. Nous ne citons pas le nom de vraies personnes.
5. Tu peux toujours passer.
6. Tu veux confier quelque chose de personnel ? Fais-le après la leçon, auprès de
   l'enseignant·e ou d'un adulte de confiance.
""",
}

HELP_INTRO = {
    "nl": """## Hulp nodig?

Maak je je zorgen over iets wat online of offline gebeurd is, bij jou of bij iemand anders?
Je staat er niet alleen voor. Het is nooit jouw schuld als iemand een beeld van jou doorstuurt.
Praat erover met iemand die je vertrouwt, of contacteer een van deze diensten:
""",
    "en": """## Need help?

Are you worried about something that happened online or offline, to you or to someone else?
You don't have to deal with it alone. It is never your fault when someone passes on an image
of you. Talk to someone you trust, or contact one of these services:
""",
    "fr": """## Besoin d'aide ?

Quelque chose t'inquiète, en ligne ou hors ligne, pour toi ou pour quelqu'un d'autre ?
Tu n'es pas seul·e. Ce n'est jamais ta faute si quelqu'un fait circuler une image de toi.
Parles-en à quelqu'un en qui tu as confiance, ou contacte un de ces services :
""",
}

NOTICE_TEXTS = {"content-note": CONTENT_NOTE, "ground-rules": GROUND_RULES, "help": HELP_INTRO}
