"""Demo projects for `manage.py seed_demo` (idempotent: found again by title)."""

from datetime import date, datetime, time, timedelta
from decimal import Decimal

from django.utils import timezone

from accounts.models import Organisation, User
from projects.method import CHECKLISTS, Phase
from projects.models import (
    ChecklistTick,
    Direction,
    Goal,
    Measurement,
    Partnership,
    PartnershipStatus,
    PhaseChange,
    Project,
    ProjectKind,
    ProjectRole,
    ProjectStatus,
    ServiceArea,
    TeamMember,
    Unit,
)
from projects.timeline import log

BYGGESAK = {
    "title": "Raskere byggesak",
    "kind": ProjectKind.PILOT,
    "service_area": ServiceArea.BUILDING,
    "process_name": "Behandling av byggesøknader",
    "process_start": "søknad mottatt",
    "process_end": "vedtak sendt",
    "start_date": date(2026, 2, 2),
    "planned_end_date": date(2026, 12, 18),
    "phase": Phase.SELECTION,
    "background": (
        "Ordinære byggesaker tar i snitt 60 dager, og bare 70 % av de enkle sakene blir "
        "behandlet innen tre ukers frist. Søkerne ringer ofte for å høre hvor saken står, "
        "og mange søknader må sendes tilbake fordi de mangler dokumenter."
    ),
    "mandate": (
        "Kartlegge byggesaksprosessen fra søknad er mottatt til vedtak er sendt, finne "
        "sløsing sammen med saksbehandlerne og søkerne, og innføre forbedringer som halverer "
        "saksbehandlingstiden. Rådmannens ledergruppe er styringsgruppe."
    ),
    "benefit_plan": (
        "Frigjort tid brukes til veiledning av søkere før de sender søknaden, og til å "
        "bygge ned restansen av ulovlighetssaker."
    ),
}

UTSKRIVNING = {
    "title": "Utskrivningsklare pasienter",
    "kind": ProjectKind.CROSS_ORGANISATION,
    "service_area": ServiceArea.HEALTH,
    "process_name": "Overgang fra sykehus til kommunale tjenester",
    "process_start": "melding om utskrivningsklar pasient",
    "process_end": "vedtak om kommunal tjeneste",
    "start_date": date(2026, 8, 17),
    "planned_end_date": date(2027, 6, 30),
    "phase": Phase.CURRENT_STATE,
    "phases_together": True,
    "background": (
        "Kommunen betaler 4 000 kroner per døgn for pasienter som blir liggende på sykehuset "
        "etter at de er meldt utskrivningsklare. I dag tar det i snitt 21 dager fra varsel "
        "til vedtak."
    ),
    "mandate": (
        "Sammen med Eksempel helseforetak kartlegge pasientforløpet fra melding til vedtak, "
        "med pasienter og pårørende, og halvere tiden."
    ),
    "benefit_plan": "Sparte liggedøgn brukes til å styrke hjemmetjenesten.",
}

VAREBESTILLING = {
    "title": "Varebestilling på sykehjemmet",
    "kind": ProjectKind.ORDINARY,
    "service_area": ServiceArea.CARE,
    "process_name": "Bestilling og mottak av varer",
    "process_start": "behov for varer oppdaget",
    "process_end": "varer på plass i lageret",
    "start_date": date(2025, 9, 1),
    "planned_end_date": date(2026, 3, 31),
    "phase": Phase.SPREAD,
    "status": ProjectStatus.FINISHED,
    "background": "Sykepleierne brukte mye tid på å lete etter varer og bestille i flere systemer.",
    "mandate": "Forenkle varebestillingen slik at sykepleierne får mer tid til beboerne.",
    "benefit_plan": "Frigjort tid brukes til aktiviteter med beboerne.",
    "lessons_learned": (
        "Faste hyller med minimumsbeholdning og én bestillingsdag i uka fjernet det meste "
        "av letingen. Det var avgjørende at de som bestiller, var med på kartleggingen."
    ),
    "next_steps": "Samme løsning spres til de to andre sykehjemmene i 2026.",
}


LEGEMIDLER = {
    "title": "Legemiddellister ved utskrivning",
    "kind": ProjectKind.CROSS_ORGANISATION,
    "service_area": ServiceArea.HEALTH,
    "process_name": "Overføring av legemiddellister fra sykehus til hjemmetjenesten",
    "process_start": "pasienten er meldt utskrivningsklar",
    "process_end": "hjemmetjenesten har en oppdatert legemiddelliste",
    "start_date": date(2027, 1, 11),
    "planned_end_date": date(2027, 9, 30),
    "phase": Phase.ANCHORING,
    "background": (
        "Hjemmetjenesten oppdager ofte avvik mellom legemiddellisten fra sykehuset og "
        "det pasienten faktisk skal ta. Sykepleierne bruker mye tid på å ringe rundt."
    ),
    "mandate": (
        "Sammen med Eksempel helseforetak finne ut hvorfor legemiddellistene er ufullstendige "
        "når pasienten kommer hjem, og sørge for at hjemmetjenesten har riktig liste samme dag."
    ),
}


def _project(organisation, data, *, facilitator):
    project, created = Project.objects.get_or_create(
        organisation=organisation, title=data["title"], defaults={**data, "created_by": facilitator}
    )
    return project, created


def _team(project, people):
    for user, organisation, role in people:
        TeamMember.objects.update_or_create(
            project=project, user=user, defaults={"organisation": organisation, "role": role}
        )


def _ticks(project, *, through_phase, partial=()):
    for phase, items in CHECKLISTS.items():
        for item in items:
            if phase < through_phase or (phase == through_phase and item.key in partial):
                ChecklistTick.objects.get_or_create(project=project, phase=phase, item=item.key)


def _goal(project, *, name, unit, direction, baseline, target, baseline_date, measurements):
    goal, _created = Goal.objects.update_or_create(
        project=project,
        name=name,
        defaults={
            "unit": unit,
            "direction": direction,
            "baseline": Decimal(baseline),
            "target": Decimal(target),
            "baseline_date": baseline_date,
        },
    )
    for day, value in measurements:
        Measurement.objects.update_or_create(
            goal=goal, date=day, defaults={"value": Decimal(value)}
        )
    return goal


def _at(day: date, hour: int = 10) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(hour, 0)))


def _history(project, actor, *, partner=None, partner_admin=None):
    """The timeline of a newly created demo project, dated across its life:
    created on its start date, its team and goals in the first weeks, the
    measurements on their dates, and the phase moves spread from the start
    until today (or the planned end, when that has passed)."""
    start = project.start_date
    until = min(timezone.localdate(), project.planned_end_date)
    log(project, "projects.created", by=actor, at=_at(start, 9))
    for member in project.team.exclude(user=actor).select_related("user"):
        log(
            project,
            "projects.member_added",
            by=actor,
            target=member.user,
            data={"role": member.role},
            at=_at(start + timedelta(days=2)),
        )
    if partner is not None:
        log(
            project,
            "projects.partner_added",
            by=actor,
            target=partner,
            at=_at(start + timedelta(days=3)),
        )
        log(
            project,
            "projects.partner_accepted",
            by=partner_admin,
            target=partner,
            at=_at(start + timedelta(days=5), 14),
        )
    for goal in project.goals.prefetch_related("measurements"):
        log(
            project,
            "projects.goal_added",
            by=actor,
            target=goal,
            data={"goal": goal.name},
            at=_at(max(start, goal.baseline_date) + timedelta(days=7), 11),
        )
        for measurement in goal.measurements.all():
            log(
                project,
                "projects.measured",
                by=actor,
                target=goal,
                data={
                    "goal": goal.name,
                    "value": f"{measurement.value.normalize():f}",
                    "unit": goal.unit,
                },
                at=_at(measurement.date, 15),
            )
    steps = project.phase + 1
    for to_phase in range(1, project.phase + 1):
        moved = _at(start + (until - start) * to_phase / steps, 13)
        change = PhaseChange.objects.create(
            project=project, from_phase=to_phase - 1, to_phase=to_phase, changed_by=actor
        )
        PhaseChange.objects.filter(pk=change.pk).update(changed_at=moved)
        log(project, "projects.phase_forward", by=actor, data={"phase": to_phase}, at=moved)


def seed(command) -> None:
    kommune = Organisation.objects.get(slug="eksempel-kommune")
    hf = Organisation.objects.get(slug="eksempel-helseforetak")
    people = {u.email: u for u in User.objects.filter(email__contains="@eksempel")}
    veileder = people["veileder@eksempel-kommune.no"]
    leder = people["leder@eksempel-kommune.no"]
    medarbeider = people["medarbeider@eksempel-kommune.no"]
    admin = people["admin@eksempel-kommune.no"]

    byggesak, created = _project(kommune, BYGGESAK, facilitator=veileder)
    _team(
        byggesak,
        [
            (veileder, kommune, ProjectRole.FACILITATOR),
            (leder, kommune, ProjectRole.PROCESS_OWNER),
            (medarbeider, kommune, ProjectRole.MEMBER),
            (admin, kommune, ProjectRole.STEERING_GROUP),
        ],
    )
    _ticks(byggesak, through_phase=Phase.SELECTION, partial={"matrix"})
    _goal(
        byggesak,
        name="Saksbehandlingstid, ordinære byggesaker",
        unit=Unit.DAYS,
        direction=Direction.LOWER,
        baseline="60",
        target="30",
        baseline_date=date(2026, 1, 31),
        measurements=[
            (date(2026, 5, 1), "55"),
            (date(2026, 7, 1), "48"),
            (date(2026, 9, 1), "41"),
            (date(2026, 11, 2), "36"),
        ],
    )
    _goal(
        byggesak,
        name="Enkle saker behandlet innen 3-ukersfristen",
        unit=Unit.PERCENT,
        direction=Direction.HIGHER,
        baseline="70",
        target="95",
        baseline_date=date(2026, 1, 31),
        measurements=[
            (date(2026, 6, 1), "74"),
            (date(2026, 9, 1), "81"),
            (date(2026, 11, 2), "86"),
        ],
    )
    if created:
        _history(byggesak, veileder)

    utskrivning, created = _project(kommune, UTSKRIVNING, facilitator=veileder)
    hf_admin = people["admin@eksempel-hf.no"]
    Partnership.objects.get_or_create(
        project=utskrivning,
        organisation=hf,
        status=PartnershipStatus.ACTIVE,
        defaults={"added_by": veileder, "answered_by": hf_admin, "answered_at": timezone.now()},
    )
    _team(
        utskrivning,
        [
            (veileder, kommune, ProjectRole.FACILITATOR),
            (leder, kommune, ProjectRole.PROCESS_OWNER),
            (people["veileder@eksempel-hf.no"], hf, ProjectRole.EXTERNAL_PARTNER),
            (people["leder@eksempel-hf.no"], hf, ProjectRole.STEERING_GROUP),
        ],
    )
    _ticks(utskrivning, through_phase=Phase.CURRENT_STATE, partial={"map"})
    _goal(
        utskrivning,
        name="Dager fra varsel til vedtak",
        unit=Unit.DAYS,
        direction=Direction.LOWER,
        baseline="21",
        target="10",
        baseline_date=date(2026, 8, 1),
        measurements=[(date(2026, 11, 1), "19")],
    )
    if created:
        _history(utskrivning, veileder, partner=hf, partner_admin=hf_admin)

    # A request that Eksempel helseforetak's administrator (admin@eksempel-hf.no)
    # has not answered yet. Asked once: an answer given in the demo stays.
    legemidler, created = _project(kommune, LEGEMIDLER, facilitator=veileder)
    _team(legemidler, [(veileder, kommune, ProjectRole.FACILITATOR)])
    if created:
        log(legemidler, "projects.created", by=veileder)
    if not legemidler.partnerships.filter(organisation=hf).exists():
        Partnership.objects.create(project=legemidler, organisation=hf, added_by=veileder)
        log(legemidler, "projects.partner_added", by=veileder, target=hf)

    varer, created = _project(kommune, VAREBESTILLING, facilitator=veileder)
    _team(
        varer,
        [
            (veileder, kommune, ProjectRole.FACILITATOR),
            (leder, kommune, ProjectRole.PROCESS_OWNER),
            (medarbeider, kommune, ProjectRole.MEMBER),
        ],
    )
    _ticks(varer, through_phase=Phase.SPREAD + 1)
    _goal(
        varer,
        name="Tid brukt på varebestilling",
        unit=Unit.HOURS_PER_WEEK,
        direction=Direction.LOWER,
        baseline="10",
        target="2",
        baseline_date=date(2025, 8, 25),
        measurements=[(date(2025, 12, 1), "4.5"), (date(2026, 3, 2), "1.8")],
    )
    if created:
        _history(varer, veileder)
    command.stdout.write(
        "  projects: Raskere byggesak, Utskrivningsklare pasienter, Varebestilling på sykehjemmet, "
        "Legemiddellister ved utskrivning (waiting for Eksempel helseforetak to accept)"
    )
