"""Demo feedback for `manage.py seed_demo` (idempotent: found again by title).

The byggesak pilot asks applicants how they experienced their building case:
an open form with about 120 anonymous answers from the last eight weeks, a
few of them in nynorsk, some free text tagged with themes, and two residents
who asked to be contacted. A staff focus interview waits as a draft.
"""

import random
from datetime import datetime, time, timedelta

from django.utils import timezone

from accounts.models import User
from feedback import services
from feedback.models import Answer, ContactRequest, Form, FormStatus, Response, Theme
from feedback.templates import SERVICE_SURVEY, STAFF_INTERVIEW
from projects.models import Project
from projects.timeline import log

TITLE = {
    "title": "Hvordan opplevde du byggesaken din?",
    "title_nn": "Korleis opplevde du byggjesaka di?",
    "title_en": "How did you experience your building case?",
}
SERVICE = {"nb": "byggetillatelse", "nn": "byggjeløyve", "en": "a building permit"}
DAYS_OPEN = 56
RESPONSES = 120

# Themes the facilitator has tagged free text with so far.
WAITING, LETTERS, STATUS, SENT_AROUND = "Ventetid", "Uklare brev", "Status på saken", "Sendt rundt"

# The options of "Hva var vanskeligst?" (feedback.templates.SERVICE_SURVEY), by place.
CONTENTS, UNDERSTAND, WHERE, WHOM, NOTHING, DONT_KNOW = range(6)

#: What kind of experience a respondent had: how satisfied (1–5 weights), how
#: likely they were told where the case stood, what was hardest, the theme.
PROFILES = {
    "waiting": ((22, 35, 30, 11, 2), 0.25, (CONTENTS, WHERE, WHERE, DONT_KNOW), WAITING),
    "letters": ((12, 38, 35, 13, 2), 0.45, (UNDERSTAND, UNDERSTAND, CONTENTS), LETTERS),
    "status": ((25, 40, 25, 9, 1), 0.05, (WHERE, WHERE, WHOM), STATUS),
    "sent_around": ((40, 38, 17, 5, 0), 0.2, (WHOM, WHOM, WHERE), SENT_AROUND),
    "good": ((0, 2, 10, 48, 40), 0.85, (NOTHING, NOTHING, CONTENTS, DONT_KNOW), None),
    "mixed": ((5, 15, 42, 30, 8), 0.55, (CONTENTS, UNDERSTAND, DONT_KNOW, NOTHING), None),
}

# Respondents who wrote something: (profile, language, what mattered most, their story).
# Either text may be missing; nobody names anyone.
WRITTEN = [
    (
        "waiting",
        "nb",
        "Å få et svar innen fristen.",
        "Søknaden om garasje lå i nesten tre måneder før noen så på den. Vi måtte utsette "
        "hele byggeprosjektet og miste snekkeren vår.",
    ),
    (
        "waiting",
        "nb",
        "Å vite når vi kunne begynne å bygge.",
        "Det gikk sju uker før vi fikk beskjed om at det manglet en tegning. Hadde vi fått vite "
        "det den første uka, hadde alt vært ferdig før sommeren.",
    ),
    ("waiting", "nb", "Forutsigbarhet. Vi hadde leid inn gravemaskin.", None),
    (
        "waiting",
        "nb",
        None,
        "Enkel søknad om terrasse, og likevel tok det over to måneder. Jeg skjønner ikke hva "
        "som tar så lang tid med en så liten sak.",
    ),
    (
        "waiting",
        "nb",
        "At saken ikke ble liggende i en bunke.",
        "Vi sendte inn før jul og fikk vedtak i mars. Ingen sa noe i mellomtiden.",
    ),
    (
        "waiting",
        "nb",
        "Tid. Banken ventet på tillatelsen før de ville gi lån.",
        "Banken ville ikke utbetale lånet før vi hadde rammetillatelse, og kommunen brukte tolv "
        "uker. Det kostet oss mer enn selve søknadsgebyret.",
    ),
    ("waiting", "nb", "Å få svar før fellesferien.", None),
    ("waiting", "nb", None, "Ferdigattesten tok lengre tid enn selve byggingen av tilbygget."),
    (
        "waiting",
        "nn",
        "Å få svar innan rimeleg tid.",
        "Vi venta i ti veker på svar om ein liten tilbygg. Det er for lenge for ei så enkel sak.",
    ),
    (
        "waiting",
        "nb",
        "At fristen på tre uker faktisk ble holdt.",
        "Jeg leste at enkle saker skal behandles innen tre uker. Min tok sju, og ingen forklarte "
        "hvorfor.",
    ),
    ("waiting", "nb", "Å slippe å vente på dispensasjonen i flere måneder.", None),
    (
        "letters",
        "nb",
        "Et brev jeg faktisk forstår.",
        "Vedtaket var på fire sider med paragrafer, og jeg måtte ringe for å finne ut om jeg "
        "hadde fått ja eller nei. Det burde stått øverst.",
    ),
    (
        "letters",
        "nb",
        "Klart språk.",
        "Mangelbrevet sa at situasjonsplanen «ikke tilfredsstiller kravene», men ikke hva som var "
        "feil. Jeg sendte samme kart på nytt to ganger.",
    ),
    (
        "letters",
        "nb",
        "Å vite hva som manglet i søknaden.",
        "Brevet henviste til plan- og bygningsloven og byggesaksforskriften, men sa ingenting om "
        "hva jeg konkret skulle gjøre.",
    ),
    (
        "letters",
        "nb",
        None,
        "Jeg er ikke fagperson. Ord som «tiltaksklasse» og «ansvarsrett» burde vært forklart, "
        "eller i det minste lenket til en forklaring.",
    ),
    ("letters", "nb", "At noen forklarte vedtaket med vanlige ord.", None),
    (
        "letters",
        "nn",
        "Eit brev som seier kva eg skal gjere.",
        "Brevet var fullt av lovtilvisingar. Eg forstod ikkje kva som mangla før eg ringde og "
        "fekk det forklart.",
    ),
    (
        "letters",
        "nb",
        "Tydelige krav til tegningene.",
        "Vi fikk tilbake søknaden fordi fasadetegningen manglet målestokk. Det kunne stått i "
        "sjekklisten på nettsiden.",
    ),
    (
        "letters",
        "nb",
        "Å forstå hvilke vilkår som gjaldt.",
        "Vilkårene i tillatelsen var skrevet så kronglete at ansvarlig søker og vi forsto dem "
        "forskjellig.",
    ),
    (
        "status",
        "nb",
        "Å vite hvor saken sto.",
        "Jeg ringte tre ganger for å høre hvor saken sto. Hver gang fikk jeg høre at "
        "saksbehandleren skulle ringe tilbake, men ingen gjorde det.",
    ),
    (
        "status",
        "nb",
        "En beskjed om at søknaden var mottatt.",
        "Jeg fikk ingen kvittering, så jeg visste ikke om søknaden i det hele tatt hadde kommet "
        "fram. Sendte den på nytt for sikkerhets skyld.",
    ),
    (
        "status",
        "nb",
        "Å kunne se status på nett.",
        "Det burde gå an å se på Min side hvor langt saken har kommet, slik som når man "
        "sporer en pakke.",
    ),
    (
        "status",
        "nb",
        None,
        "Saken sto stille i fem uker fordi saksbehandleren var syk. Det hadde vært greit å få "
        "vite det.",
    ),
    ("status", "nb", "At noen tok kontakt når det skjedde noe.", None),
    (
        "status",
        "nb",
        "Å få en dato å forholde meg til.",
        "Vi fikk aldri et anslag på når vedtaket ville komme, så vi kunne ikke planlegge "
        "med håndverkerne.",
    ),
    (
        "status",
        "nn",
        "Å vite kvar saka stod.",
        "Eg fekk ikkje vite noko på sju veker. Ei kort melding om at saka var under handsaming "
        "hadde vore nok.",
    ),
    (
        "status",
        "nb",
        "Åpenhet om saksgangen.",
        "Det tok lang tid før jeg skjønte at saken ventet på uttalelse fra en annen etat. "
        "Det kunne noen sagt.",
    ),
    ("status", "nb", "Svar på e-post innen rimelig tid.", None),
    (
        "sent_around",
        "nb",
        "Én person å forholde meg til.",
        "Jeg ble sendt fra servicetorget til byggesak, derfra til oppmåling og tilbake til "
        "byggesak. Alle var hyggelige, men ingen kunne svare.",
    ),
    (
        "sent_around",
        "nb",
        "Å slippe å forklare saken på nytt hver gang.",
        "Jeg snakket med fire forskjellige på to uker og måtte fortelle hele historien hver gang.",
    ),
    (
        "sent_around",
        "nb",
        None,
        "På telefonen ble jeg satt over tre ganger og til slutt koblet ut. Da ga jeg opp og "
        "møtte opp på rådhuset i stedet.",
    ),
    (
        "sent_around",
        "nb",
        "At kommunen snakket sammen internt.",
        "Byggesak og VA-avdelingen ga meg motstridende beskjeder om tilkoblingen, og jeg måtte "
        "selv formidle mellom dem.",
    ),
    (
        "sent_around",
        "nn",
        "Å sleppe å bli send rundt.",
        "Eg vart send mellom tre kontor før nokon kunne svare på eit enkelt spørsmål om "
        "nabovarsel.",
    ),
    (
        "good",
        "nb",
        "Rask og vennlig hjelp.",
        "Saksbehandleren ringte meg og forklarte hva som manglet, så jeg kunne ettersende det "
        "samme dag. Fikk vedtak uka etter. Veldig bra!",
    ),
    (
        "good",
        "nb",
        "At det gikk raskt.",
        "Søkte om bruksendring av kjelleren og fikk svar på tolv dager. Over all forventning.",
    ),
    (
        "good",
        "nb",
        "God veiledning før jeg sendte inn.",
        "Forhåndskonferansen var til stor hjelp. Vi visste nøyaktig hva som skulle være med, og "
        "søknaden gikk rett gjennom.",
    ),
    ("good", "nb", "Å bli tatt på alvor.", None),
    (
        "good",
        "nb",
        None,
        "Jeg var spent, men det var enkelt å søke digitalt, og jeg fikk kvittering med en gang.",
    ),
    (
        "good",
        "nb",
        "Et tydelig vedtak.",
        "Vedtaket startet med «Du har fått tillatelse», og vilkårene sto i en enkel punktliste. "
        "Slik bør alle brev være.",
    ),
    (
        "good",
        "nb",
        "Hjelpsomme folk på servicetorget.",
        "Damen i skranken hjalp meg å finne riktig skjema og sjekket at alle vedlegg var med. "
        "Det sparte meg sikkert for en runde med mangelbrev.",
    ),
    (
        "good",
        "nb",
        "At jeg fikk en fast kontaktperson.",
        "Denne gangen fikk jeg navnet på saksbehandleren i kvitteringen og kunne sende e-post "
        "direkte. Mye bedre enn sist.",
    ),
    (
        "good",
        "nn",
        "Snøgg og grei handsaming.",
        "Alt gjekk fint. Eg fekk svar på under tre veker og forstod vedtaket utan å ringje.",
    ),
    ("good", "nb", "Effektivitet.", "Ingen klager. Gikk fort og greit."),
    ("good", "nb", "Å få svar på spørsmål på telefon.", None),
    (
        "good",
        "nb",
        None,
        "Ble positivt overrasket. Saksbehandleren var løsningsorientert og foreslo en liten "
        "endring som gjorde at vi slapp å søke dispensasjon.",
    ),
    (
        "good",
        "nb",
        "At kommunen var tilgjengelig.",
        "Drop-in-timen på torsdager er gull verdt. Fikk svar på alt på ti minutter.",
    ),
    (
        "mixed",
        "nb",
        "Å vite hva som skulle være med.",
        "Selve behandlingen gikk greit, men det var vanskelig å finne ut hvilke vedlegg som "
        "trengtes. Nettsidene sier litt forskjellige ting.",
    ),
    (
        "mixed",
        "nb",
        "Forutsigbarhet og klare svar.",
        "Hyggelig saksbehandler, men vi ventet lenge på ferdigattesten fordi ansvarlig foretak "
        "ikke hadde sendt inn sluttdokumentasjon. Det visste vi ikke.",
    ),
    (
        "mixed",
        "nb",
        None,
        "Greit nok til slutt, men nabovarslingen var tungvint. Skjemaet er laget for fagfolk, "
        "ikke for vanlige huseiere.",
    ),
    (
        "mixed",
        "nb",
        "At gebyret ble forklart.",
        "Jeg forsto ikke hvorfor gebyret ble så høyt for et lite tilbygg. En kort forklaring i "
        "fakturaen hadde hjulpet.",
    ),
    ("mixed", "nb", "Fleksibilitet.", None),
    (
        "mixed",
        "nn",
        "Betre informasjon på nettsida.",
        "Handsaminga var grei, men nettsida til kommunen var vanskeleg å finne fram på. "
        "Eg fann ikkje rett skjema.",
    ),
    (
        "mixed",
        "nb",
        "Å kunne sende inn alt digitalt.",
        "Måtte sende kartet i posten fordi opplastingen ikke tok PDF-en. Ellers greit.",
    ),
    (
        "mixed",
        "nb",
        "Tydelig beskjed om hva som skjer videre.",
        "Fikk tillatelsen raskt, men forsto ikke at jeg også trengte igangsettingstillatelse. "
        "Det ble en ekstra runde.",
    ),
]

# Respondents who only ticked boxes, by profile.
SILENT = {"waiting": 12, "letters": 8, "status": 10, "sent_around": 5, "good": 21, "mixed": 11}

CONTACTS = ["tone.lie@example.org", "per.haugen@example.com"]


def _at(day, hour: int = 10) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(hour, 0)))


def seed(command) -> None:
    project = Project.objects.filter(
        organisation__slug="eksempel-kommune", title="Raskere byggesak"
    ).first()
    if project is None:
        return
    veileder = User.objects.get(email="veileder@eksempel-kommune.no")
    survey = _survey(project, veileder)
    if not survey.responses.exists():
        _answers(survey)
    for email in CONTACTS:
        ContactRequest.objects.get_or_create(form=survey, email=email)
    if not project.feedback_forms.filter(title=STAFF_INTERVIEW.title["nb"]).exists():
        services.create_from_template(project, STAFF_INTERVIEW, by=veileder)
    command.stdout.write(
        f"  feedback: «{survey.title}» open with {survey.responses.count()} answers at "
        f"{services.public_path(survey)}; a draft staff focus interview"
    )


def _survey(project, veileder) -> Form:
    survey = project.feedback_forms.filter(title=TITLE["title"]).first()
    if survey is not None:
        return survey
    opened = timezone.localdate() - timedelta(days=DAYS_OPEN)
    survey = services.create_from_template(
        project, SERVICE_SURVEY, by=veileder, service=SERVICE, **TITLE
    )
    survey.status = FormStatus.OPEN
    survey.opened_at = _at(opened, 9)
    survey.created_at = _at(opened - timedelta(days=3), 14)
    survey.save(update_fields=["status", "opened_at", "created_at"])
    # The line create_from_template wrote is dated now; date it when the form was made.
    project.activities.filter(kind="feedback.form_created", target_id=survey.pk).update(
        created_at=survey.created_at
    )
    log(
        project,
        "feedback.form_published",
        by=veileder,
        target=survey,
        data={"form": survey.title},
        at=survey.opened_at,
    )
    return survey


def _answers(survey: Form) -> None:
    """About 120 anonymous answers spread over the weeks the form has been
    open (most in the first weeks after the posters went up), made in a few
    bulk inserts."""
    rng = random.Random(2026)  # noqa: S311 - the same demo every time, not a secret
    questions = list(survey.questions.order_by("order"))
    satisfaction, told, hardest, matters, story = questions
    themes = {
        name: Theme.objects.get_or_create(form=survey, name=name)[0]
        for name in (WAITING, LETTERS, STATUS, SENT_AROUND)
    }
    people = [(profile, "nb", None, None) for profile, n in SILENT.items() for _ in range(n)]
    people += WRITTEN
    rng.shuffle(people)
    today = timezone.localdate()

    responses, answers, tags = [], [], []
    for profile, language, what_matters, told_story in people:
        scores, told_rate, hard_choices, theme = PROFILES[profile]
        ago = min(int(rng.expovariate(1 / 18)), DAYS_OPEN - 1)
        response = Response(form=survey, language=language, submitted_on=today - timedelta(ago))
        responses.append(response)
        answers.append(
            Answer(
                response=response,
                question=satisfaction,
                number=rng.choices(range(1, 6), weights=scores)[0],
            )
        )
        if rng.random() < 0.92:
            answers.append(
                Answer(response=response, question=told, number=int(rng.random() < told_rate))
            )
        if rng.random() < 0.85:
            answers.append(
                Answer(response=response, question=hardest, number=rng.choice(hard_choices))
            )
        for question, text in ((matters, what_matters), (story, told_story)):
            if text:
                answer = Answer(response=response, question=question, text=text)
                answers.append(answer)
                if theme and rng.random() < 0.75:
                    tags.append((answer, themes[theme]))
    Response.objects.bulk_create(responses)
    Answer.objects.bulk_create(answers)
    Through = Answer.themes.through
    Through.objects.bulk_create(
        [Through(answer_id=answer.pk, theme_id=theme.pk) for answer, theme in tags]
    )
