"""K-LEAN's ready-made forms, written in bokmål with nynorsk and English.

A facilitator starts a form from one of these (or from a blank form) and
edits it in the builder. The service survey asks about a concrete, recent
experience with today's service rather than about wishes (METHOD.md, "User
feedback"): the last time the resident applied, what mattered most, whether
they knew where their case stood. The focus interview is the staff
interview of the planning phase.

Texts are the resident's, not the interface's: they are stored on the form
and its questions as data, so they are not in the translation catalogue.
"""

from dataclasses import dataclass, field

from django.utils.translation import gettext_lazy as _

from feedback.models import QuestionKind

#: The labels of a satisfaction question, 1 to 5, in each language a form is read in.
SATISFACTION_SCALE = {
    "nb": [
        "1 – Svært misfornøyd",
        "2 – Misfornøyd",
        "3 – Verken fornøyd eller misfornøyd",
        "4 – Fornøyd",
        "5 – Svært fornøyd",
    ],
    "nn": [
        "1 – Svært misnøgd",
        "2 – Misnøgd",
        "3 – Verken nøgd eller misnøgd",
        "4 – Nøgd",
        "5 – Svært nøgd",
    ],
    "en": [
        "1 – Very dissatisfied",
        "2 – Dissatisfied",
        "3 – Neither satisfied nor dissatisfied",
        "4 – Satisfied",
        "5 – Very satisfied",
    ],
}

#: The help text forms made before the resident's page warned against personal
#: data by itself; the page leaves it out, so that the warning is given once.
NO_PERSONAL_DATA = {
    "nb": "Ikke skriv navn eller andre opplysninger som kan vise hvem du er.",
    "nn": "Ikkje skriv namn eller andre opplysningar som kan vise kven du er.",
    "en": "Do not write names or anything else that could show who you are.",
}


@dataclass(frozen=True)
class TemplateQuestion:
    kind: str
    text: dict
    help: dict = field(default_factory=dict)
    required: bool = False
    options: list = field(default_factory=list)


@dataclass(frozen=True)
class FormTemplate:
    key: str
    name: str
    description: str
    title: dict
    intro: dict
    questions: list
    offer_contact: bool = False

    def form_fields(self, service: str | dict = "") -> dict:
        """The form's own fields (title and introduction in every language)."""
        fields = {}
        for language in ("nb", "nn", "en"):
            suffix = "" if language == "nb" else f"_{language}"
            fields[f"title{suffix}"] = self.title[language]
            fields[f"intro{suffix}"] = _fill(self.intro[language], service, language)
        fields["offer_contact"] = self.offer_contact
        return fields

    def question_fields(self, service: str | dict = "") -> list[dict]:
        """Each question's fields, in order."""
        rows = []
        for order, question in enumerate(self.questions, start=1):
            row = {
                "order": order,
                "kind": question.kind,
                "required": question.required,
                "options": [dict(option) for option in question.options],
            }
            for language in ("nb", "nn", "en"):
                suffix = "" if language == "nb" else f"_{language}"
                row[f"text{suffix}"] = _fill(question.text[language], service, language)
                row[f"help{suffix}"] = question.help.get(language, "")
            rows.append(row)
        return rows


#: What the service is called when the facilitator does not say (``{service}``).
SOME_SERVICE = {
    "nb": "en tjeneste hos oss",
    "nn": "ei teneste hos oss",
    "en": "one of our services",
}


def service_word(service, language: str) -> str:
    """What the resident applied for, in ``language``: ``service`` is a word per
    language ({"nb": "byggetillatelse", "nn": "byggjeløyve", …}) or a bokmål
    word alone, which is never put into another language's text."""
    if isinstance(service, dict):
        word = service.get(language) or ""
    else:
        word = service if language == "nb" else ""
    return str(word).strip() or SOME_SERVICE[language]


def _fill(text: str, service, language: str) -> str:
    return text.replace("{service}", service_word(service, language))


def _options(*rows):
    return [{"nb": nb, "nn": nn, "en": en} for nb, nn, en in rows]


SERVICE_SURVEY = FormTemplate(
    key="service_survey",
    name=_("User survey of a service"),
    description=_(
        "Five questions about the resident's last, concrete experience with the service – "
        "not about wishes. About one minute to answer."
    ),
    title={
        "nb": "Hvordan opplevde du saken din hos oss?",
        "nn": "Korleis opplevde du saka di hos oss?",
        "en": "How did you experience your case with us?",
    },
    intro={
        "nb": (
            "Tenk på siste gang du søkte om {service}. Svarene dine er anonyme og hjelper oss "
            "å gjøre tjenesten bedre."
        ),
        "nn": (
            "Tenk på siste gong du søkte om {service}. Svara dine er anonyme og hjelper oss "
            "å gjere tenesta betre."
        ),
        "en": (
            "Think of the last time you applied for {service}. Your answers are anonymous and "
            "help us improve the service."
        ),
    },
    questions=[
        TemplateQuestion(
            QuestionKind.SATISFACTION,
            {
                "nb": "Alt i alt, hvor fornøyd var du med hvordan saken din ble behandlet?",
                "nn": "Alt i alt, kor nøgd var du med korleis saka di vart handsama?",
                "en": "All in all, how satisfied were you with how your case was handled?",
            },
            required=True,
        ),
        TemplateQuestion(
            QuestionKind.YES_NO,
            {
                "nb": "Fikk du vite hvor saken din sto mens du ventet?",
                "nn": "Fekk du vite kvar saka di stod medan du venta?",
                "en": "Were you told where your case stood while you waited?",
            },
        ),
        TemplateQuestion(
            QuestionKind.SINGLE,
            {
                "nb": "Hva var vanskeligst?",
                "nn": "Kva var vanskelegast?",
                "en": "What was hardest?",
            },
            options=_options(
                (
                    "Å vite hva søknaden skulle inneholde",
                    "Å vite kva søknaden skulle innehalde",
                    "Knowing what the application had to contain",
                ),
                (
                    "Å forstå brevene og vedtaket",
                    "Å forstå breva og vedtaket",
                    "Understanding the letters and the decision",
                ),
                (
                    "Å vite hvor saken sto",
                    "Å vite kvar saka stod",
                    "Knowing where the case stood",
                ),
                (
                    "Å finne ut hvem jeg skulle snakke med",
                    "Å finne ut kven eg skulle snakke med",
                    "Finding out whom to talk to",
                ),
                ("Ingenting var vanskelig", "Ingenting var vanskeleg", "Nothing was hard"),
                ("Vet ikke", "Veit ikkje", "Don't know"),
            ),
        ),
        TemplateQuestion(
            QuestionKind.WHAT_MATTERS,
            {
                "nb": "Hva var viktigst for deg?",
                "nn": "Kva var viktigast for deg?",
                "en": "What mattered most to you?",
            },
        ),
        TemplateQuestion(
            QuestionKind.LONG_TEXT,
            {
                "nb": "Fortell om noe som fungerte godt eller dårlig – gjerne et konkret eksempel.",
                "nn": "Fortel om noko som fungerte godt eller dårleg – gjerne eit konkret døme.",
                "en": "Tell us about something that worked well or badly – a concrete example.",
            },
        ),
    ],
    offer_contact=True,
)

STAFF_INTERVIEW = FormTemplate(
    key="staff_interview",
    name=_("Focus interview with staff"),
    description=_(
        "Questions for the staff focus interview of the planning phase: "
        "where time goes, what gets in the way, and what users value."
    ),
    title={
        "nb": "Fokusintervju med ansatte",
        "nn": "Fokusintervju med tilsette",
        "en": "Focus interview with staff",
    },
    intro={
        "nb": (
            "Vi kartlegger arbeidet vårt for å finne det som stjeler tid. "
            "Svar ut fra hvordan det er i dag, ikke hvordan det burde vært. Svarene er anonyme."
        ),
        "nn": (
            "Vi kartlegg arbeidet vårt for å finne det som stel tid. "
            "Svar ut frå korleis det er i dag, ikkje korleis det burde vore. Svara er anonyme."
        ),
        "en": (
            "We are mapping our work to find what takes time. Answer from how "
            "it is today, not how it ought to be. The answers are anonymous."
        ),
    },
    questions=[
        TemplateQuestion(
            QuestionKind.LONG_TEXT,
            {
                "nb": "Beskriv en vanlig sak fra den kommer inn til den er ferdig. "
                "Hva bruker du mest tid på?",
                "nn": "Skildre ei vanleg sak frå ho kjem inn til ho er ferdig. "
                "Kva brukar du mest tid på?",
                "en": "Describe an ordinary case from when it arrives until it is done. "
                "What takes most of your time?",
            },
        ),
        TemplateQuestion(
            QuestionKind.LONG_TEXT,
            {
                "nb": "Hva hindrer deg i å gjøre jobben på en god måte (plunder og heft)?",
                "nn": "Kva hindrar deg i å gjere jobben på ein god måte (plunder og heft)?",
                "en": "What gets in the way of doing the job well (hassle and friction)?",
            },
        ),
        TemplateQuestion(
            QuestionKind.SHORT_TEXT,
            {
                "nb": "Hvor venter sakene lengst, og hvorfor?",
                "nn": "Kvar ventar sakene lengst, og kvifor?",
                "en": "Where do cases wait longest, and why?",
            },
        ),
        TemplateQuestion(
            QuestionKind.WHAT_MATTERS,
            {
                "nb": "Hva tror du er viktigst for brukerne?",
                "nn": "Kva trur du er viktigast for brukarane?",
                "en": "What do you think matters most to the users?",
            },
        ),
        TemplateQuestion(
            QuestionKind.SATISFACTION,
            {
                "nb": "Hvor fornøyd er du med hvordan arbeidet er organisert i dag?",
                "nn": "Kor nøgd er du med korleis arbeidet er organisert i dag?",
                "en": "How satisfied are you with how the work is organised today?",
            },
        ),
        TemplateQuestion(
            QuestionKind.LONG_TEXT,
            {
                "nb": "Hvis du kunne endre én ting, hva ville det vært?",
                "nn": "Om du kunne endre éin ting, kva ville det vore?",
                "en": "If you could change one thing, what would it be?",
            },
        ),
    ],
)

TEMPLATES = {template.key: template for template in (SERVICE_SURVEY, STAFF_INTERVIEW)}
