"""Demo ideas for `manage.py seed_demo` (declared on IdeasConfig).

The byggesak pilot («Raskere byggesak») has collected 40 ideas since the
current-state workshop: from employees (some anonymously), from the
applicants' feedback (linked to their answers), from the workshop and from
the board meetings. They stand in every stage, linked to the current map's
steps and waste types, scored so that every quadrant of the effort–impact
matrix has ideas, with owners, due dates, comments, votes, a few PDSA tests,
parked and rejected ideas with their reasons, and twelve actions (some done,
some overdue). Expected benefit adds up to about 1 200 hours a year (0,7
FTE); the ideas done so far have freed about 400.

Every stage change goes through ``ideas.stages.move``, dated in the past, so
the ideas' histories and the timeline read right (and nobody is e-mailed).
Idempotent: a project that already has ideas is left alone.
"""

from datetime import datetime, time, timedelta
from decimal import Decimal

from django.contrib.contenttypes.models import ContentType
from django.utils import timezone

from accounts.models import User
from feedback.models import Answer
from ideas import benefits, stages
from ideas.models import (
    Action,
    ActionStatus,
    Comment,
    Idea,
    IdeaKind,
    IdeaSettings,
    PdsaRecord,
    Source,
    Stage,
    Vote,
)
from processes.models import Step
from processes.models import WasteType as W
from projects.models import Activity, Project

PROJECT = ("eksempel-kommune", "Raskere byggesak")

# The current map's steps (processes/demo.py), by a short key.
STEPS = {
    "send": "Sende søknad",
    "register": "Registrere søknad i sak/arkiv",
    "assign": "Fordele saken til saksbehandler",
    "check": "Kontrollere vedlegg",
    "ask": "Be om manglende dokumentasjon",
    "file": "Journalføre ettersendte dokumenter",
    "assess": "Vurdere søknaden mot plan og regelverk",
    "clarify": "Avklare tolkning av reguleringsplan",
    "consult": "Innhente uttalelser fra andre etater",
    "draft": "Skrive utkast til vedtak",
    "approve": "Kontrollere og godkjenne vedtak",
    "correct": "Rette vedtaket etter kontroll",
    "dispatch": "Sende vedtak til søker",
}

VERA, LARS, MONA, ANNE = "veileder", "leder", "medarbeider", "admin"
EMP, FB, WS, BM = Source.EMPLOYEE, Source.USER_FEEDBACK, Source.WORKSHOP, Source.BOARD_MEETING
JUST, TEST, PROJ, ESC = IdeaKind.JUST_DO_IT, IdeaKind.TEST, IdeaKind.PROJECT, IdeaKind.ESCALATE
C, D, S, IM, DONE = Stage.COLLECT, Stage.DEVELOP, Stage.SELECT, Stage.IMPLEMENT, Stage.DONE
PARKED, REJECTED = Stage.PARKED, Stage.REJECTED

#: The moves that bring an idea to its stage (parked and rejected: with the reason).
PATHS = {
    C: [],
    D: [D],
    S: [D, S],
    IM: [D, S, IM],
    DONE: [D, S, IM, DONE],
    PARKED: [D, PARKED],
    REJECTED: [D, REJECTED],
}


def idea(title, description, stage, source, by, steps=(), waste=(), score=None, **extra):
    """One demo idea: ``score`` is (effect, effort); ``by`` a demo user's key
    (None: written down at a workshop or board meeting by the facilitator)."""
    return {
        "title": title,
        "description": description,
        "stage": stage,
        "source": source,
        "by": by,
        "steps": steps,
        "waste": [str(w) for w in waste],
        "score": score,
        **extra,
    }


IDEAS = [
    # --- Done: quick wins carried out, with what they freed -----------------------
    idea(
        "Automatisk kvittering med forventet saksbehandlingstid",
        "Søkeren får en kvittering straks søknaden er registrert, med saksnummer, hvem som "
        "har saken og når de kan vente svar.",
        DONE,
        FB,
        MONA,
        ["register"],
        [W.WAITING, W.MOTION],
        (5, 1),
        kind=JUST,
        owner=LARS,
        hours=(150, 140),
        problem="Søkerne vet ikke om søknaden har kommet fram, og ringer for å spørre.",
        quality=("Søkerne vet at saken er mottatt og når de får svar", "Færre telefoner"),
        freed="Mer tid til veiledning før innsending",
        answer="Jeg fikk ingen kvittering",
    ),
    idea(
        "Sjekkliste for komplett søknad på nett",
        "En kort sjekkliste på nettsiden og i søknadsskjemaet: hvilke tegninger og vedlegg "
        "som må være med, med eksempler på godkjente tegninger.",
        DONE,
        FB,
        MONA,
        ["check", "ask"],
        [W.DEFECTS],
        (5, 2),
        kind=JUST,
        owner=MONA,
        hours=(200, 120),
        problem="Fire av ti søknader mangler noe, og hver mangel gir en ekstra runde.",
        quality=("Færre mangelbrev", "Mangelbrev i 28 % av sakene, ned fra 41 %"),
        freed="Raskere behandling av saker som står i kø",
        answer="fasadetegningen manglet målestokk",
    ),
    idea(
        "Vedtaksmal med resultatet øverst",
        "Vedtaket starter med «Du har fått tillatelse» eller «Du har fått avslag», så "
        "vilkårene i en punktliste, og lovhenvisningene til slutt.",
        DONE,
        FB,
        VERA,
        ["draft"],
        [W.OVERPROCESSING, W.DEFECTS],
        (4, 2),
        kind=TEST,
        owner=VERA,
        hours=(80, 60),
        quality=("Vedtak søkerne forstår", "Færre som ringer for å få vedtaket forklart"),
        answer="Vedtaket var på fire sider med paragrafer",
        pdsa=(
            "Bruke den nye malen i 20 vedtak i mars og telle hvor mange søkere som ringer "
            "og spør hva vedtaket betyr.",
            "Tre saksbehandlere brukte malen i 22 vedtak.",
            "2 av 22 ringte, mot om lag 8 av 20 med den gamle malen. Saksbehandlerne brukte "
            "kortere tid på å skrive.",
            "Malen tas i bruk for alle vedtak fra 1. mai.",
        ),
    ),
    idea(
        "Fast kontaktperson oppgitt i kvitteringen",
        "Kvitteringen navngir saksbehandleren med direkte telefon og e-post.",
        DONE,
        FB,
        MONA,
        ["assign"],
        [W.TRANSPORT],
        (4, 1),
        kind=JUST,
        owner=LARS,
        hours=(60, 40),
        answer="Jeg ble sendt fra servicetorget til byggesak",
    ),
    idea(
        "Daglig fordeling av nye saker kl. 9",
        "Fagansvarlig fordeler nye saker hver morgen i stedet for en gang i uka.",
        DONE,
        WS,
        None,
        ["assign"],
        [W.WAITING, W.INVENTORY],
        (4, 1),
        kind=JUST,
        owner=LARS,
        hours=(40, 30),
    ),
    idea(
        "Fjerne dobbel journalføring av ettersendte vedlegg",
        "Ettersendte vedlegg kommer inn via eByggesak og journalføres automatisk; "
        "servicetorget slutter å registrere dem for hånd.",
        DONE,
        WS,
        None,
        ["file"],
        [W.OVERPROCESSING],
        (3, 2),
        kind=JUST,
        owner=MONA,
        hours=(30, 25),
        freed="Servicetorget svarer raskere på telefon",
    ),
    idea(
        "Opplasting av PDF som virker i søknadsskjemaet",
        "Rette feilen som gjør at store PDF-filer ikke lastes opp, og si fra om "
        "største filstørrelse.",
        DONE,
        FB,
        MONA,
        ["send"],
        [W.DEFECTS],
        (2, 1),
        kind=JUST,
        owner=MONA,
        hours=(10, 5),
        nok=(4000, 3000),
        answer="Måtte sende kartet i posten",
    ),
    # --- Implement: being carried out -------------------------------------------------
    idea(
        "Felles innboks for byggesak",
        "Én funksjonspostkasse som servicetorget og saksbehandlerne deler, i stedet for "
        "e-post til den enkelte.",
        IM,
        BM,
        None,
        ["register", "assign"],
        [W.TRANSPORT, W.WAITING],
        (4, 2),
        kind=JUST,
        owner=LARS,
        due=20,
        hours=(70, None),
    ),
    idea(
        "Forhåndskonferanse på Teams",
        "Tilby forhåndskonferanse på Teams for mindre tiltak, slik at søkeren slipper å "
        "møte opp og kan få den innen en uke.",
        IM,
        FB,
        VERA,
        ["send"],
        [W.DEFECTS, W.WAITING],
        (4, 2),
        kind=TEST,
        owner=VERA,
        due=35,
        hours=(70, None),
        answer="Forhåndskonferansen var til stor hjelp",
        pdsa=(
            "Tilby fem søkere med enkle tiltak forhåndskonferanse på Teams i november, og "
            "se om søknaden deres kommer inn komplett.",
            "Tre konferanser holdt så langt; to søknader mottatt.",
            "",
            "",
        ),
    ),
    idea(
        "Mangelbrev med konkret liste over hva som mangler",
        "Mangelbrevet lister hvert dokument som mangler og hva som er feil med det, med "
        "lenke til eksempel.",
        IM,
        FB,
        MONA,
        ["ask"],
        [W.DEFECTS],
        (5, 2),
        kind=TEST,
        owner=MONA,
        due=-9,
        hours=(100, None),
        answer="Mangelbrevet sa at situasjonsplanen",
        anonymous=True,
        pdsa=(
            "Sende den nye mangelbrevmalen i alle saker med mangler i to uker og telle "
            "hvor mange som ettersender riktig første gang.",
            "Malen brukt i 14 saker.",
            "11 av 14 ettersendte riktig første gang (før: om lag halvparten).",
            "",
        ),
    ),
    idea(
        "Ukentlig tavlemøte om saker over fristen",
        "Ti minutter hver tirsdag foran tavla: hvilke saker nærmer seg fristen, og hvem "
        "trenger hjelp.",
        IM,
        BM,
        None,
        ["assess"],
        [W.INVENTORY],
        (3, 1),
        kind=JUST,
        owner=VERA,
        due=10,
        hours=(20, None),
    ),
    idea(
        "Faste svarfrister for uttalelser fra andre etater",
        "Avtale med VA, vei og kulturminne om svar innen ti arbeidsdager, og purring "
        "automatisk etter åtte.",
        IM,
        WS,
        None,
        ["consult"],
        [W.WAITING],
        (4, 3),
        kind=PROJ,
        owner=LARS,
        due=-5,
        hours=(40, None),
    ),
    idea(
        "Ordliste for fagord i vedtak og brev",
        "Forklare ord som tiltaksklasse, ansvarsrett og dispensasjon i en ordliste det "
        "lenkes til fra brevene.",
        IM,
        FB,
        MONA,
        ["draft"],
        [W.DEFECTS],
        (2, 1),
        kind=JUST,
        owner=MONA,
        due=40,
        hours=(10, None),
        answer="tiltaksklasse",
    ),
    idea(
        "Sjekkliste for kontroll av vedtak",
        "Fagansvarlig kontrollerer etter en fast liste, slik at feil rettes i første "
        "runde og ikke sendes fram og tilbake.",
        IM,
        WS,
        None,
        ["approve", "correct"],
        [W.DEFECTS],
        (4, 1),
        kind=JUST,
        owner=LARS,
        due=14,
        hours=(30, None),
    ),
    # --- Select: chosen, waiting to start --------------------------------------------
    idea(
        "Statusside for søkere på Min side",
        "Søkeren ser på Min side hvor langt saken har kommet, slik som når man sporer en pakke.",
        S,
        FB,
        ANNE,
        ["send", "dispatch"],
        [W.WAITING, W.MOTION],
        (5, 5),
        kind=PROJ,
        owner=ANNE,
        due=90,
        hours=(120, None),
        nok=(75000, None),
        answer="Det burde gå an å se på Min side",
    ),
    idea(
        "Digital signering av vedtak",
        "Fagansvarlig signerer vedtaket digitalt, så det kan sendes samme dag.",
        S,
        WS,
        None,
        ["approve", "dispatch"],
        [W.WAITING],
        (4, 4),
        kind=PROJ,
        owner=LARS,
        due=75,
        hours=(60, None),
        nok=(40000, None),
        quality=("Vedtak sendt samme dag som de er godkjent", ""),
    ),
    idea(
        "Maler for standardvilkår i tillatelser",
        "Ferdige formuleringer for de vilkårene som går igjen, så de skrives likt og "
        "forståelig hver gang.",
        S,
        WS,
        None,
        ["draft"],
        [W.OVERPROCESSING],
        (4, 2),
        kind=JUST,
        owner=VERA,
        due=30,
        hours=(60, None),
    ),
    idea(
        "Tolkningsnotat for reguleringsplanene som brukes mest",
        "Et kort notat per plan med hvordan vi har tolket de vanlige spørsmålene, så "
        "saksbehandleren slipper å spørre fagansvarlig hver gang.",
        S,
        EMP,
        MONA,
        ["clarify"],
        [W.WAITING, W.UNUSED_SKILLS],
        (3, 3),
        kind=PROJ,
        owner=VERA,
        due=60,
        hours=(30, None),
    ),
    idea(
        "Drop-in-time for søkere to dager i uka",
        "Utvide drop-in-timen fra torsdag til tirsdag og torsdag.",
        S,
        FB,
        VERA,
        ["send"],
        [W.DEFECTS],
        (3, 2),
        kind=TEST,
        owner=VERA,
        due=21,
        hours=(20, None),
        answer="Drop-in-timen på torsdager",
        pdsa=("Prøve drop-in også tirsdager i fire uker og telle besøkende.", "", "", ""),
    ),
    idea(
        "Forklaring av gebyret i fakturaen",
        "Fakturaen får to linjer om hva gebyret dekker, og lenke til gebyrregulativet.",
        S,
        FB,
        MONA,
        ["dispatch"],
        [W.DEFECTS],
        (2, 1),
        kind=JUST,
        owner=MONA,
        due=45,
        hours=(10, None),
        answer="hvorfor gebyret ble så høyt",
    ),
    # --- Develop ----------------------------------------------------------------------
    idea(
        "Forhåndsutfylt søknad for garasje og terrasse",
        "En enkel søknad for de vanligste små tiltakene, der eiendom og kart fylles inn "
        "automatisk.",
        D,
        EMP,
        MONA,
        ["send", "check"],
        [W.DEFECTS],
        (4, 4),
    ),
    idea(
        "Egen hurtigløype for enkle saker",
        "Saker uten dispensasjon og uten uttalelser går til én saksbehandler som tar dem "
        "fortløpende.",
        D,
        WS,
        None,
        ["assign", "assess"],
        [W.WAITING, W.INVENTORY],
        (5, 3),
    ),
    idea(
        "Automatisk varsel når en sak har ligget i 14 dager",
        "Sak/arkiv varsler saksbehandler og leder når en sak ikke er rørt på to uker.",
        D,
        EMP,
        LARS,
        ["assess"],
        [W.INVENTORY],
        (2, 4),
    ),
    idea(
        "Kontrollere vedlegg samme dag som søknaden kommer inn",
        "Servicetorget går gjennom vedleggene etter sjekklisten ved registrering.",
        D,
        WS,
        None,
        ["register", "check"],
        [W.WAITING, W.DEFECTS],
        (4, 2),
    ),
    idea(
        "Veiledning om nabovarsel for privatpersoner",
        "En side med eksempel på utfylt nabovarsel og svar på de vanligste spørsmålene.",
        D,
        FB,
        MONA,
        ["send"],
        [W.DEFECTS],
        (2, 2),
        answer="nabovarslingen var tungvint",
    ),
    idea(
        "Felles kalender for befaringer",
        "Befaringer samles i en felles kalender, så flere saker i samme område kan tas på én tur.",
        D,
        EMP,
        MONA,
        ["assess"],
        [W.MOTION, W.TRANSPORT],
        (1, 4),
        anonymous=True,
    ),
    idea(
        "Ringe søker i stedet for å sende mangelbrev",
        "Når det bare mangler én ting, ringer saksbehandleren søkeren samme dag.",
        D,
        BM,
        None,
        ["ask"],
        [W.WAITING],
        (4, 1),
        back=True,
    ),
    # --- Collect: new notes, not yet looked at --------------------------------------
    idea(
        "Chat på nettsiden for vanlige spørsmål om byggesak",
        "De ti vanligste spørsmålene besvares i en chat på nettsiden, også på kveldstid.",
        C,
        EMP,
        MONA,
    ),
    idea(
        "Kort video om hvordan man søker",
        "En video på tre minutter som viser søknaden i Fellestjenester BYGG fra start til slutt.",
        C,
        EMP,
        VERA,
        ["send"],
    ),
    idea(
        "To skjermer på alle kontorplasser",
        "Saksbehandlerne har kart, plan og søknad oppe samtidig i stedet for å bytte "
        "vindu hele tiden.",
        C,
        EMP,
        MONA,
        ["assess"],
        [W.MOTION],
        anonymous=True,
    ),
    idea(
        "Automatisk sjekk av målestokk på tegninger",
        "Søknadsskjemaet sier fra med en gang når en tegning mangler målestokk.",
        C,
        FB,
        MONA,
        ["check"],
        [W.DEFECTS],
    ),
    idea(
        "Samle uttalelser fra andre etater i ett møte i uka",
        "Et fast møte der VA, vei og byggesak går gjennom sakene som trenger uttalelse.",
        C,
        BM,
        None,
        ["consult"],
        [W.WAITING],
    ),
    idea(
        "Skrive vedtak rett i fagsystemet uten Word",
        "Slippe å kopiere tekst mellom Word og sak/arkiv.",
        C,
        EMP,
        MONA,
        ["draft"],
        [W.MOTION, W.OVERPROCESSING],
    ),
    idea(
        "Kurs i klarspråk for alle saksbehandlere",
        "En halv dag med språkrådets kurs i klarspråk, med egne brev som eksempler.",
        C,
        WS,
        None,
        ["draft"],
        [W.UNUSED_SKILLS],
    ),
    idea(
        "Direktenummer til byggesak på telefon",
        "Søkere som ringer, kommer rett til byggesak i stedet for å settes over fra sentralbordet.",
        C,
        FB,
        MONA,
        ["register"],
        [W.TRANSPORT],
        answer="På telefonen ble jeg satt over tre ganger",
    ),
    # --- Parked and rejected, with the reason ---------------------------------------
    idea(
        "Nytt sak/arkiv-system med byggesaksmodul",
        "Bytte til et system der søknad, saksbehandling og arkiv henger sammen.",
        PARKED,
        WS,
        None,
        ["register", "file", "dispatch"],
        [W.MOTION, W.OVERPROCESSING],
        (5, 5),
        kind=ESC,
        reason="Venter på anskaffelsen av nytt sak/arkiv-system i 2027.",
    ),
    idea(
        "Ekstra saksbehandler i byggesak om sommeren",
        "En sommervikar som tar de enkle sakene i juli.",
        PARKED,
        EMP,
        LARS,
        ["assess"],
        [W.INVENTORY],
        (3, 5),
        reason="Tas opp i budsjettet for neste år.",
    ),
    idea(
        "Felles byggesakskontor med nabokommunen",
        "Dele fagkompetanse og ferieavvikling med nabokommunen.",
        PARKED,
        BM,
        None,
        ["assess", "clarify"],
        [W.UNUSED_SKILLS],
        (4, 5),
        kind=ESC,
        reason="Løftet til kommunedirektørens ledergruppe; venter på svar.",
    ),
    idea(
        "Kreve ansvarlig søker i alle saker",
        "Bare ta imot søknader fra profesjonelle søkere.",
        REJECTED,
        EMP,
        MONA,
        ["send"],
        [W.DEFECTS],
        (2, 4),
        anonymous=True,
        reason="Strider mot retten til å søke selv om enkle tiltak.",
    ),
    idea(
        "Skrive ut alle søknader for kontroll på papir",
        "Kontrollere vedleggene på papir i stedet for på skjerm.",
        REJECTED,
        EMP,
        LARS,
        ["check"],
        [W.OVERPROCESSING],
        (1, 3),
        reason="Gir mer dobbeltarbeid, ikke mindre.",
    ),
]

# (idea title, author, text)
COMMENTS = [
    (
        "Automatisk kvittering med forventet saksbehandlingstid",
        LARS,
        "Telefonene om «har dere fått søknaden?» er nesten borte etter dette.",
    ),
    (
        "Sjekkliste for komplett søknad på nett",
        VERA,
        "Vi bør lenke til sjekklisten fra kvitteringen også.",
    ),
    ("Sjekkliste for komplett søknad på nett", MONA, "Lagt inn lenke i kvitteringen nå."),
    (
        "Felles innboks for byggesak",
        MONA,
        "Hvem tømmer innboksen i ferien? Det må vi bli enige om før vi starter.",
    ),
    ("Felles innboks for byggesak", LARS, "Jeg lager en rute, se tiltaket i handlingsplanen."),
    (
        "Forhåndskonferanse på Teams",
        ANNE,
        "Husk at noen søkere ikke har Teams; tilby telefon som alternativ.",
    ),
    (
        "Statusside for søkere på Min side",
        LARS,
        "Dette må IT være med på. Jeg tar det opp i ledermøtet.",
    ),
    (
        "Statusside for søkere på Min side",
        VERA,
        "Se https://www.digdir.no/ for felles løsninger vi kan bruke.",
    ),
    (
        "Egen hurtigløype for enkle saker",
        MONA,
        "Rundt 40 % av sakene våre er enkle. Det kan gi mye.",
    ),
    (
        "Ringe søker i stedet for å sende mangelbrev",
        VERA,
        "Sendt tilbake til innhenting: vi må først vite hvor ofte det bare mangler én ting.",
    ),
    (
        "Mangelbrev med konkret liste over hva som mangler",
        LARS,
        "Gode tall så langt. Vi venter med å bestemme til vi har to uker til.",
    ),
    (
        "Nytt sak/arkiv-system med byggesaksmodul",
        ANNE,
        "Anskaffelsen starter etter nyttår; vi tar med byggesak i kravspesifikasjonen.",
    ),
    (
        "Kreve ansvarlig søker i alle saker",
        VERA,
        "Forståelig frustrasjon, men vi kan ikke kreve det for enkle tiltak.",
    ),
    (
        "Chat på nettsiden for vanlige spørsmål om byggesak",
        LARS,
        "Kanskje sjekklisten og kvitteringen tar de fleste spørsmålene først?",
    ),
]

# Votes: (idea title, voters)
VOTES = {
    "Automatisk kvittering med forventet saksbehandlingstid": (VERA, LARS, MONA, ANNE),
    "Sjekkliste for komplett søknad på nett": (VERA, LARS, MONA, ANNE),
    "Felles innboks for byggesak": (MONA, LARS),
    "Forhåndskonferanse på Teams": (VERA, ANNE),
    "Mangelbrev med konkret liste over hva som mangler": (VERA, LARS, MONA),
    "Statusside for søkere på Min side": (VERA, LARS, MONA, ANNE),
    "Egen hurtigløype for enkle saker": (VERA, MONA, LARS),
    "Kontrollere vedlegg samme dag som søknaden kommer inn": (MONA,),
    "Forhåndsutfylt søknad for garasje og terrasse": (MONA, ANNE),
    "Direktenummer til byggesak på telefon": (MONA,),
    "To skjermer på alle kontorplasser": (MONA, VERA),
    "Digital signering av vedtak": (LARS,),
}

# (what, idea title or None, owner, due in days from today (None: no date), status)
ACTIONS = [
    (
        "Legge sjekklisten for komplett søknad på nettsiden",
        "Sjekkliste for komplett søknad på nett",
        MONA,
        -60,
        ActionStatus.DONE,
    ),
    (
        "Sette opp automatisk kvittering i sak/arkiv",
        "Automatisk kvittering med forventet saksbehandlingstid",
        LARS,
        -45,
        ActionStatus.DONE,
    ),
    (
        "Lage ny vedtaksmal og prøve den på 20 saker",
        "Vedtaksmal med resultatet øverst",
        VERA,
        -70,
        ActionStatus.DONE,
    ),
    (
        "Starte tavlemøte tirsdager kl. 10",
        "Ukentlig tavlemøte om saker over fristen",
        VERA,
        -14,
        ActionStatus.DONE,
    ),
    (
        "Opprette funksjonspostkassen byggesak@",
        "Felles innboks for byggesak",
        LARS,
        -6,
        ActionStatus.IN_PROGRESS,
    ),
    (
        "Lage rute for hvem som tømmer felles innboks",
        "Felles innboks for byggesak",
        MONA,
        12,
        ActionStatus.PLANNED,
    ),
    (
        "Holde fem forhåndskonferanser på Teams",
        "Forhåndskonferanse på Teams",
        VERA,
        25,
        ActionStatus.IN_PROGRESS,
    ),
    (
        "Skrive om mangelbrevmalen med punktliste",
        "Mangelbrev med konkret liste over hva som mangler",
        MONA,
        -9,
        ActionStatus.PLANNED,
    ),
    (
        "Avtale svarfrister med VA, vei og kulturminne",
        "Faste svarfrister for uttalelser fra andre etater",
        LARS,
        -4,
        ActionStatus.PLANNED,
    ),
    (
        "Bestille utredning av statusside fra IT",
        "Statusside for søkere på Min side",
        ANNE,
        30,
        ActionStatus.PLANNED,
    ),
    (
        "Lage ordliste og lenke den fra vedtaksmalen",
        "Ordliste for fagord i vedtak og brev",
        MONA,
        40,
        ActionStatus.PLANNED,
    ),
    ("Presentere resultatene for styringsgruppen", None, VERA, 18, ActionStatus.PLANNED),
]


def _at(day, hour=10, minute=0) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(hour, minute)))


def _dec(value):
    return Decimal(value) if value is not None else None


def seed(command) -> None:
    finished = Project.objects.filter(organisation__slug=PROJECT[0], title=FINISHED[1]).first()
    if finished is not None and not finished.ideas.exists():
        _seed_finished(finished)
    project = Project.objects.filter(organisation__slug=PROJECT[0], title=PROJECT[1]).first()
    if project is None:
        return
    if not project.ideas.exists():
        _seed(project)
    ideas = list(project.ideas.all())
    total = benefits.benefits(ideas)
    today = timezone.localdate()
    overdue = sum(a.is_overdue(today) for a in project.actions.all())
    command.stdout.write(
        f"  ideas: {len(ideas)} ideas in «{project.title}» across every stage, "
        f"{project.actions.count()} actions ({overdue} overdue); expected "
        f"{total.expected.hours:.0f} h/year ({total.expected.ftes} FTE), "
        f"realised {total.realised.hours:.0f} h/year"
    )


#: The finished project: what it carried out, with what each idea freed.
FINISHED = ("eksempel-kommune", "Varebestilling på sykehjemmet")
FINISHED_IDEAS = [
    # title, description, waste, (effect, effort), realised hours, NOK, freed time, by
    (
        "Faste hyller med minimumsbeholdning",
        "Hver vare har sin faste plass og en merket minimumsbeholdning, så ingen må lete.",
        [W.MOTION, W.WAITING],
        (5, 2),
        "320",
        None,
        "Aktiviteter med beboerne på ettermiddagen",
        MONA,
    ),
    (
        "Én bestillingsdag i uka",
        "Alle bestillinger samles på tirsdager, med én ansvarlig per avdeling.",
        [W.OVERPROCESSING, W.TRANSPORT],
        (4, 1),
        "180",
        "12000",
        "Aktiviteter med beboerne på ettermiddagen",
        VERA,
    ),
    (
        "Bestillingsliste på nettbrett ved lageret",
        "Den som tar den siste pakken, trykker på varen på nettbrettet i stedet for å huske den.",
        [W.DEFECTS],
        (4, 2),
        "90",
        None,
        "Mer tid til dokumentasjon i pasientjournalen",
        MONA,
    ),
    (
        "Felles leverandøravtale for forbruksvarer",
        "Alle sykehjemmene bestiller fra samme avtale, med samme varenumre.",
        [W.OVERPROCESSING],
        (3, 4),
        "60",
        "45000",
        "",
        LARS,
    ),
]


def _seed_finished(project) -> None:
    """Four ideas carried out, each through every stage, with what they freed,
    and the actions that did them: the finished project's final report has
    something to show."""
    people = {
        u.email.split("@")[0]: u
        for u in User.objects.filter(email__endswith="@eksempel-kommune.no")
    }
    begin = _at(project.start_date + timedelta(days=60), 10)
    end = _at(project.planned_end_date - timedelta(days=20), 14)
    for n, (title, text, waste, score, hours, nok, freed, by) in enumerate(FINISHED_IDEAS):
        created = begin + timedelta(days=3 * n)
        row = Idea.objects.create(
            project=project,
            title=title,
            description=text,
            source=WS,
            proposed_by=people[by],
            waste_types=[str(w) for w in waste],
            effect=score[0],
            effort=score[1],
            kind=JUST,
            owner=people[VERA],
            expected_hours=_dec(hours),
            realised_hours=_dec(hours),
            expected_nok=_dec(nok),
            realised_nok=_dec(nok),
            freed_time_use=freed,
            created_at=created,
            updated_at=created,
        )
        path = PATHS[DONE]
        step = (end - created) / (len(path) + 1)
        for k, to_stage in enumerate(path, start=1):
            mover = people[LARS] if to_stage in (S, IM) else people[VERA]
            stages.move(row, to_stage, by=mover, at=created + step * k)
        Action.objects.create(
            project=project,
            idea=row,
            what=f"Innføre: {title.lower()}",
            owner=people[VERA],
            due_date=(created + step * 4).date(),
            status=ActionStatus.DONE,
            created_by=people[VERA],
            created_at=created + step * 2,
            done_at=created + step * 4,
        )


def _seed(project) -> None:
    people = {
        u.email.split("@")[0]: u
        for u in User.objects.filter(email__endswith="@eksempel-kommune.no")
    }
    vera = people[VERA]
    IdeaSettings.objects.update_or_create(project=project, defaults={"allow_anonymous": True})
    steps = {
        step.title: step for step in Step.objects.filter(map__project=project, map__kind="current")
    }
    answers = list(
        Answer.objects.filter(response__form__project=project)
        .exclude(text="")
        .select_related("response")
        .order_by("response__submitted_on", "pk")
    )
    today = timezone.localdate()
    start = project.start_date
    until = max(start + timedelta(days=14), min(today, project.planned_end_date))
    span = (until - start).days
    # The idea phase began at about 4/7 of the way (projects/demo.py spreads the phases).
    first_day = start + timedelta(days=span * 4 // 7)

    rows = []
    for n, data in enumerate(IDEAS):
        answer = _answer(answers, data.get("answer"))
        created = first_day + timedelta(days=(n * 7) % 40)
        if answer is not None:
            created = max(created, answer.response.submitted_on + timedelta(days=1))
        created = min(created, until - timedelta(days=8))
        effect, effort = data["score"] or (None, None)
        hours, nok = data.get("hours", (None, None)), data.get("nok", (None, None))
        quality = data.get("quality", ("", ""))
        due = data.get("due")
        rows.append(
            Idea(
                project=project,
                title=data["title"],
                description=data["description"],
                problem=data.get("problem", ""),
                source=data["source"],
                proposed_by=people[data["by"]] if data["by"] else vera,
                anonymous=data.get("anonymous", False),
                waste_types=data["waste"],
                feedback_answer=answer,
                effect=effect,
                effort=effort,
                kind=data.get("kind", ""),
                owner=people.get(data.get("owner")),
                due_date=today + timedelta(days=due) if due is not None else None,
                expected_hours=_dec(hours[0]),
                realised_hours=_dec(hours[1]),
                expected_nok=_dec(nok[0]),
                realised_nok=_dec(nok[1]),
                expected_quality=quality[0],
                realised_quality=quality[1] if data["stage"] == DONE else "",
                freed_time_use=data.get("freed", ""),
                created_at=_at(created, 9 + n % 7, (n * 13) % 60),
                updated_at=_at(created, 9 + n % 7, (n * 13) % 60),
            )
        )
    ideas = Idea.objects.bulk_create(rows)
    Through = Idea.steps.through
    Through.objects.bulk_create(
        Through(idea_id=row.pk, step_id=steps[STEPS[key]].pk)
        for row, data in zip(ideas, IDEAS, strict=True)
        for key in data["steps"]
        if STEPS[key] in steps
    )
    by_title = {row.title: row for row in ideas}
    for row, data in zip(ideas, IDEAS, strict=True):
        _history(row, data, people, until)
    _owners(project, ideas, vera)
    _pdsa(ideas)
    _comments(by_title, people, until)
    _votes(by_title, people)
    _actions(project, by_title, people, today, until)


def _answer(answers, snippet):
    if not snippet:
        return None
    return next((a for a in answers if snippet in a.text), None)


def _history(idea, data, people, until) -> None:
    """The moves to the idea's stage, spread from when it was noted to a few
    days ago, by the facilitator (selection and carrying out: the process owner)."""
    path = list(PATHS[data["stage"]])
    if data.get("back"):  # sent back for more work, then taken up again
        path = [Stage.DEVELOP, Stage.COLLECT, Stage.DEVELOP]
    if not path:
        return
    begin = idea.created_at
    end = _at(until - timedelta(days=2), 15)
    step = (end - begin) / (len(path) + 1)
    for n, to_stage in enumerate(path, start=1):
        by = people[LARS] if to_stage in (Stage.SELECT, Stage.IMPLEMENT) else people[VERA]
        note = ""
        if to_stage in (Stage.PARKED, Stage.REJECTED):
            note = data["reason"]
        elif to_stage == Stage.COLLECT:
            note = "Trenger tall på hvor ofte det bare mangler én ting."
        stages.move(idea, to_stage, by=by, note=note, at=begin + step * n)


def _owners(project, ideas, vera) -> None:
    kind = ContentType.objects.get_for_model(User)
    Activity.objects.bulk_create(
        Activity(
            project=project,
            actor=vera,
            kind="ideas.owner_set",
            target_type=kind,
            target_id=row.owner_id,
            data={"idea": row.title},
            created_at=row.updated_at - timedelta(hours=1),
        )
        for row in ideas
        if row.owner_id
    )


def _pdsa(ideas) -> None:
    records = {data["title"]: data["pdsa"] for data in IDEAS if "pdsa" in data}
    PdsaRecord.objects.bulk_create(
        PdsaRecord(idea=row, plan=plan, do=do, study=study, act=act)
        for row in ideas
        if row.title in records
        for plan, do, study, act in [records[row.title]]
    )


def _comments(by_title, people, until) -> None:
    rows = []
    for n, (title, author, text) in enumerate(COMMENTS):
        idea = by_title[title]
        when = idea.created_at + (_at(until, 12) - idea.created_at) * (0.3 + 0.05 * (n % 8))
        rows.append(Comment(idea=idea, author=people[author], text=text, created_at=when))
    Comment.objects.bulk_create(rows)


def _votes(by_title, people) -> None:
    Vote.objects.bulk_create(
        Vote(idea=by_title[title], user=people[voter], created_at=by_title[title].created_at)
        for title, voters in VOTES.items()
        for voter in voters
    )


def _actions(project, by_title, people, today, until) -> None:
    vera = people[VERA]
    rows = []
    for n, (what, title, owner, due, status) in enumerate(ACTIONS):
        idea = by_title.get(title)
        due_date = today + timedelta(days=due) if due is not None else None
        created = min(
            _at(due_date - timedelta(days=30), 11) if due_date else _at(until, 11),
            _at(today - timedelta(days=3 + n % 5), 11),
        )
        if idea is not None:
            created = max(created, idea.created_at)
        done_at = None
        if status == ActionStatus.DONE:
            done_at = min(_at(due_date, 14) if due_date else created, _at(today, 8))
        rows.append(
            Action(
                project=project,
                idea=idea,
                what=what,
                owner=people[owner],
                due_date=due_date,
                status=status,
                created_by=vera,
                created_at=created,
                done_at=done_at,
            )
        )
    actions = Action.objects.bulk_create(rows)
    kind = ContentType.objects.get_for_model(Action)
    Activity.objects.bulk_create(
        Activity(
            project=project,
            actor=vera,
            kind="ideas.action_added",
            target_type=kind,
            target_id=action.pk,
            data={"action": action.what},
            created_at=action.created_at,
        )
        for action in actions
    )
