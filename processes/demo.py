"""Demo process maps for `manage.py seed_demo` (declared on ProcessesConfig).

The byggesak pilot ("Raskere byggesak") gets the map its team drew in the
current-state workshop: a rammetillatelse from the application to the decision,
about 60 working days, most of it waiting, with problems and two five-why
chains; and the future map drawn in the selection phase, copied from it, that
halves the lead time. Built through ``processes.services`` like any map, so
its versions and change log are right. Idempotent: a project that already has
a current map is left alone.
"""

from datetime import datetime, time, timedelta

from django.contrib.contenttypes.models import ContentType
from django.utils import timezone

from accounts.models import User
from processes import services
from processes.models import LaneKind, ProcessMap, TimeUnit, ValueClass
from processes.models import WasteType as W
from projects.models import Activity, Project

CURRENT_NAME = "Byggesak – rammetillatelse i dag"
FUTURE_NAME = "Byggesak – rammetillatelse, ønsket situasjon"

LANES = [
    ("søker", "Søker", LaneKind.ROLE),
    ("service", "Servicetorget", LaneKind.UNIT),
    ("sb", "Saksbehandler", LaneKind.ROLE),
    ("fag", "Fagansvarlig", LaneKind.ROLE),
]

VA, NE, WA = ValueClass.VALUE_ADDING, ValueClass.NECESSARY, ValueClass.WASTE
H, M = TimeUnit.HOURS, TimeUnit.MINUTES

# (key, lane, title, processing (amount, unit), waiting days before the step,
#  value class, waste types, people, IT system, error %)
STEPS = [
    ("send", "søker", "Sende søknad", (2, H), 0, VA, [], 1, "Fellestjenester BYGG", None),
    (
        "register",
        "service",
        "Registrere søknad i sak/arkiv",
        (20, M),
        3,
        NE,
        [W.WAITING],
        1,
        "Sak/arkiv",
        None,
    ),
    (
        "assign",
        "service",
        "Fordele saken til saksbehandler",
        (10, M),
        4,
        WA,
        [W.WAITING, W.INVENTORY],
        1,
        "Sak/arkiv",
        None,
    ),
    (
        "check",
        "sb",
        "Kontrollere vedlegg",
        (45, M),
        9,
        NE,
        [W.INVENTORY],
        1,
        "Sak/arkiv",
        50,
    ),
    (
        "ask",
        "sb",
        "Be om manglende dokumentasjon",
        (30, M),
        0,
        WA,
        [W.DEFECTS],
        1,
        "Sak/arkiv",
        None,
    ),
    (
        "resend",
        "søker",
        "Ettersende dokumentasjon",
        (3, H),
        10,
        WA,
        [W.DEFECTS, W.WAITING],
        1,
        "",
        None,
    ),
    (
        "file",
        "service",
        "Journalføre ettersendte dokumenter",
        (15, M),
        2,
        WA,
        [W.TRANSPORT, W.MOTION],
        1,
        "Sak/arkiv",
        None,
    ),
    (
        "assess",
        "sb",
        "Vurdere søknaden mot plan og regelverk",
        (6, H),
        4,
        VA,
        [],
        1,
        "Kartløsning",
        None,
    ),
    (
        "clarify",
        "fag",
        "Avklare tolkning av reguleringsplan",
        (1, H),
        6,
        WA,
        [W.WAITING, W.TRANSPORT],
        2,
        "",
        None,
    ),
    (
        "consult",
        "sb",
        "Innhente uttalelser fra andre etater",
        (1, H),
        1,
        NE,
        [],
        1,
        "Sak/arkiv",
        None,
    ),
    (
        "draft",
        "sb",
        "Skrive utkast til vedtak",
        (4, H),
        10,
        VA,
        [W.WAITING],
        1,
        "Sak/arkiv",
        None,
    ),
    (
        "approve",
        "fag",
        "Kontrollere og godkjenne vedtak",
        (1, H),
        5,
        NE,
        [W.WAITING, W.OVERPROCESSING],
        1,
        "Sak/arkiv",
        None,
    ),
    (
        "correct",
        "sb",
        "Rette vedtaket etter kontroll",
        (1, H),
        2,
        WA,
        [W.DEFECTS],
        1,
        "Sak/arkiv",
        30,
    ),
    (
        "dispatch",
        "service",
        "Sende vedtak til søker",
        (15, M),
        3,
        NE,
        [W.TRANSPORT],
        1,
        "Sak/arkiv",
        None,
    ),
    ("receive", "søker", "Motta vedtak", (10, M), 0, VA, [], 1, "Altinn", None),
]

# (step key, author e-mail, problem, waste type, five whys)
NOTES = [
    (
        "check",
        "medarbeider@eksempel-kommune.no",
        "Halvparten av søknadene mangler vedlegg",
        W.DEFECTS,
        [
            "Søkerne vet ikke hvilke vedlegg som kreves",
            "Sjekklisten på nettsidene er utdatert og vanskelig å finne",
            "Ingen har ansvar for å holde byggesakssidene oppdatert",
            "Nettsidene ble flyttet til ny plattform uten en eier i fagavdelingen",
        ],
    ),
    (
        "assign",
        "medarbeider@eksempel-kommune.no",
        "Saker blir liggende i felles innboks til leder har tid til å fordele dem",
        W.WAITING,
        [
            "Bare leder kan fordele saker",
            "Fordelingen krever en vurdering av hvor krevende saken er",
            "Det finnes ingen enkle kriterier for hvem som tar hvilke saker",
        ],
    ),
    (
        "register",
        "medarbeider@eksempel-kommune.no",
        "Papirsøknader må skannes før de kan registreres",
        W.MOTION,
        [],
    ),
    (
        "resend",
        "veileder@eksempel-kommune.no",
        "Søkerne ringer for å høre hvor saken står",
        W.DEFECTS,
        [],
    ),
    (
        "clarify",
        "medarbeider@eksempel-kommune.no",
        "Fagansvarlig er ofte på befaring og svarer ikke på e-post",
        W.WAITING,
        [],
    ),
    (
        "approve",
        "veileder@eksempel-kommune.no",
        "Vedtak kontrolleres av to personer også i enkle saker",
        W.OVERPROCESSING,
        [],
    ),
    (
        "correct",
        "medarbeider@eksempel-kommune.no",
        "De samme feilene i vedtaksmalen rettes gang på gang",
        W.DEFECTS,
        [],
    ),
]

# The future map: what the team changes, step by step (by the key of the
# current step each future step was copied from).
FUTURE_REMOVED = ["assign", "ask", "resend", "file", "clarify", "correct"]
FUTURE_EDITS = {
    "send": {
        "title": "Sende søknad med digital sjekkliste",
        "processing_minutes": 90,
        "description": "Sjekklisten viser hvilke vedlegg som kreves for tiltaket.",
    },
    "register": {
        "title": "Registrere og fordele søknaden",
        "processing_minutes": 25,
        "waiting_minutes": 2 * 450,
        "description": "Fordeles etter faste kriterier samme dag, uten å vente på leder.",
    },
    "check": {"waiting_minutes": 6 * 450, "error_rate": 10, "waste_types": []},
    "assess": {
        "waiting_minutes": 6 * 450,
        "description": "Tolkningsspørsmål tas i fast fagmøte hver tirsdag.",
    },
    "draft": {"waste_types": []},
    "approve": {
        "title": "Kontrollere vedtak ved stikkprøve",
        "processing_minutes": 30,
        "waiting_minutes": 3 * 450,
        "waste_types": [],
    },
    "dispatch": {"waiting_minutes": 450, "waste_types": []},
}


def _at(day, hour=10):
    return timezone.make_aware(datetime.combine(day, time(hour, 0)))


def _date_event(project, kind, process_map, when):
    """Date the timeline line of a map's creation to when the workshop made it."""
    Activity.objects.filter(
        project=project,
        kind=kind,
        target_type=ContentType.objects.get_for_model(ProcessMap),
        target_id=process_map.pk,
    ).update(created_at=when)
    ProcessMap.objects.filter(pk=process_map.pk).update(created_at=when)


def _current_map(project, people, facilitator):
    current = services.create_map(
        project,
        by=facilitator,
        name=CURRENT_NAME,
        yearly_volume=400,
        start_point="søknad om rammetillatelse er sendt",
        end_point="søker har mottatt vedtak",
    )
    lanes = {}
    for key, name, kind in LANES:
        lanes[key] = services.add_lane(current, version=None, by=facilitator, name=name, kind=kind)
    steps = {}
    for key, lane, title, (amount, unit), wait, value, waste, people_, system, error in STEPS:
        steps[key] = services.add_step(
            current,
            version=None,
            by=facilitator,
            lane=lanes[lane],
            title=title,
            processing_minutes=amount * (60 if unit == H else 1),
            processing_unit=unit,
            waiting_minutes=wait * 450,
            waiting_unit=TimeUnit.DAYS,
            value_class=value,
            waste_types=[str(code) for code in waste],
            people=people_,
            it_system=system,
            error_rate=error,
        )
    for key, email, text, waste, whys in NOTES:
        services.add_note(
            steps[key], version=None, by=people[email], text=text, waste_type=waste, whys=whys
        )
    return current, steps


def _future_map(current, current_steps, facilitator):
    future = services.copy_to_future(current, by=facilitator, name=FUTURE_NAME)
    copies = {step.origin_id: step for step in future.steps.select_related("map")}
    by_key = {key: copies[step.pk] for key, step in current_steps.items()}
    for key in FUTURE_REMOVED:
        services.delete_step(by_key[key], version=None, by=facilitator)
    for key, changes in FUTURE_EDITS.items():
        services.edit_step(by_key[key], version=None, by=facilitator, **changes)
    # The case handler sends the decision straight away: one hand-off less.
    case_handler = future.lanes.get(name="Saksbehandler")
    services.move_step(by_key["dispatch"], version=None, by=facilitator, lane=case_handler)
    return future


def seed(command) -> None:
    project = Project.objects.filter(
        organisation__slug="eksempel-kommune", title="Raskere byggesak"
    ).first()
    if project is None or ProcessMap.objects.filter(project=project).exists():
        return
    people = {u.email: u for u in User.objects.filter(email__contains="@eksempel-kommune")}
    facilitator = people["veileder@eksempel-kommune.no"]
    current, steps = _current_map(project, people, facilitator)
    future = _future_map(current, steps, facilitator)
    start = project.start_date
    until = max(start, min(timezone.localdate(), project.planned_end_date))
    # Drawn early in the current-state phase, improved in the selection phase.
    week = timedelta(days=7)
    _date_event(project, "processes.map_created", current, _at(start + (until - start) * 3 / 7))
    _date_event(
        project, "processes.future_created", future, _at(start + (until - start) * 6 / 7 + week)
    )
    command.stdout.write(f"  process maps: «{CURRENT_NAME}» and «{FUTURE_NAME}»")
