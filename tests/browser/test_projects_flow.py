"""Create a project, add a goal and a team member, tick a checklist item and
advance a phase – in Chromium, with axe on every page and htmx state."""

from decimal import Decimal

import pytest
from playwright.sync_api import expect

from projects.models import ChecklistTick, Goal, Project, ProjectRole, TeamMember
from tests.factories import GoalFactory, MeasurementFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_facilitator_runs_a_project_from_the_browser(ui, cast, password):
    page = ui.page
    ui.log_in(cast.facilitator.email, password)
    page.get_by_role("navigation", name="Hovedmeny").get_by_role("link", name="Prosjekter").click()
    ui.check("projects-empty")
    page.get_by_role("link", name="Nytt prosjekt").click()
    ui.check("project-new")

    page.get_by_label("Tittel").fill("Raskere byggesak")
    page.get_by_label("Type").select_option(label="Pilotprosjekt")
    page.get_by_label("Tjenesteområde").select_option(label="Byggesak")
    page.get_by_label("Prosess", exact=True).fill("Behandling av byggesøknader")
    page.get_by_label("Prosessen starter når").fill("søknad mottatt")
    page.get_by_label("Prosessen slutter når").fill("vedtak sendt")
    page.get_by_label("Startdato").fill("2026-03-02")
    page.get_by_label("Planlagt sluttdato").fill("2026-01-15")  # before the start: refused
    page.get_by_role("button", name="Opprett prosjekt").click()
    expect(page.get_by_role("alert")).to_contain_text("sluttdato")
    ui.check("project-new-error")
    assert not Project.objects.exists()
    page.get_by_label("Planlagt sluttdato").fill("2026-12-18")
    page.get_by_role("button", name="Opprett prosjekt").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Raskere byggesak")
    ui.check("project-overview")
    project = Project.objects.get()

    # Tick a checklist item of the current phase with htmx.
    mandate = page.get_by_role("button", name="Mandat skrevet og godkjent")
    expect(mandate).to_have_attribute("aria-pressed", "false")
    mandate.click()
    expect(page.get_by_role("button", name="Mandat skrevet og godkjent")).to_have_attribute(
        "aria-pressed", "true"
    )
    ui.check()
    assert ChecklistTick.objects.filter(project=project, phase=0, item="mandate").exists()

    # Add a goal.
    page.get_by_role("link", name="Legg til mål").click()
    ui.check("goal-new")
    page.get_by_label("Indikator").fill("Saksbehandlingstid, ordinære byggesaker")
    page.get_by_label("Enhet").select_option(label="dager")
    page.get_by_label("Retning").select_option(label="Lavere er bedre")
    page.get_by_label("Utgangsverdi", exact=True).fill("60")
    page.get_by_label("Dato for måling av utgangsverdien").fill("2026-02-01")
    page.get_by_label("Målverdi").fill("30")
    page.get_by_role("button", name="Lagre mål").click()
    # A new goal opens its own page, where its measurements are recorded.
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Saksbehandlingstid, ordinære byggesaker"
    )
    assert Goal.objects.get().target == 30

    # Typed as people write them here: a date as day.month.year, a decimal comma.
    page.get_by_label("Dato", exact=True).fill("1.5.2026")
    page.get_by_label("Verdi", exact=True).fill("46,5")
    page.get_by_role("button", name="Registrer", exact=True).click()
    expect(page.get_by_text("45 % av veien til målverdien")).to_be_visible()
    expect(page.get_by_role("rowheader", name="01.05.2026")).to_be_visible()
    ui.check("goal")

    # Put a colleague on the team.
    page.get_by_role("link", name="Raskere byggesak").click()
    page.get_by_role("navigation", name="Prosjekt").get_by_role("link", name="Team").click()
    ui.check("team")
    page.get_by_label("Person").select_option(label="Mona Medarbeider – Eksempel kommune")
    page.get_by_label("Rolle i prosjektet", exact=True).select_option(label="Medarbeider")
    page.get_by_role("button", name="Legg til").click()
    expect(page.get_by_role("status")).to_contain_text("Mona Medarbeider")
    ui.check()
    assert TeamMember.objects.get(user=cast.employee).role == ProjectRole.MEMBER

    # Advance to the next phase.
    page.get_by_role("navigation", name="Prosjekt").get_by_role("link", name="Faser").click()
    ui.check("phases")
    page.get_by_label("Flytt til fase").select_option(value="1")
    page.get_by_role("button", name="Flytt prosjektet").click()
    expect(page.get_by_role("status")).to_contain_text("fase 1")
    ui.check("phase-moved")
    project.refresh_from_db()
    assert project.phase == 1
    page.get_by_role("navigation", name="Prosjekt").get_by_role("link", name="Aktivitet").click()
    expect(page.get_by_role("main")).to_contain_text("flyttet prosjektet fram til fase 1")
    ui.check("activity")


def test_steering_group_member_reads_without_edit_controls(ui, cast, password, project_for_reader):
    """The employee is on the team only as steering group: they read everything
    and can change nothing (the organisation's leader would see all projects anyway)."""
    ui.log_in(cast.employee.email, password)
    ui.visit(project_for_reader.get_absolute_url())
    page = ui.page
    expect(page.get_by_role("heading", level=1)).to_have_text("Utskrivningsklare pasienter")
    expect(page.get_by_role("heading", name="Nåværende fase")).to_be_visible()
    expect(page.get_by_role("button", name="Flytt prosjektet")).to_have_count(0)
    expect(page.get_by_role("link", name="Rediger prosjekt")).to_have_count(0)
    expect(page.get_by_role("button", name="Mandat skrevet og godkjent")).to_have_count(0)
    expect(page.get_by_role("link", name="Legg til mål")).to_have_count(0)
    ui.check("reader-overview")
    page.get_by_role("navigation", name="Prosjekt").get_by_role("link", name="Team").click()
    expect(page.get_by_role("rowheader", name="Mona Medarbeider")).to_be_visible()
    expect(page.get_by_role("button", name="Legg til")).to_have_count(0)
    ui.check("reader-team")


@pytest.fixture
def project_for_reader(cast):
    from tests.factories import ProjectFactory, TeamMemberFactory

    project = ProjectFactory(organisation=cast.organisation, title="Utskrivningsklare pasienter")
    TeamMemberFactory(project=project, user=cast.facilitator, role=ProjectRole.FACILITATOR)
    TeamMemberFactory(project=project, user=cast.employee, role=ProjectRole.STEERING_GROUP)
    return project


def test_project_pages_fit_a_320_pixel_phone(
    browser, live_server, cast, password, project_for_reader
):
    context = browser.new_context(viewport={"width": 320, "height": 640})
    page = context.new_page()
    page.goto(live_server.url + "/login/")
    page.get_by_label("E-postadresse").fill(cast.facilitator.email)
    page.get_by_label("Passord").fill(password)
    page.get_by_role("button", name="Logg inn").click()
    project = project_for_reader
    goal = GoalFactory(project=project, baseline=Decimal("1212.5"), target=Decimal("7.25"))
    MeasurementFactory(goal=goal, value=Decimal("980.25"))
    for path in [
        f"/o/{cast.organisation.slug}/projects/",
        project.get_absolute_url(),
        project.url("goal", goal.pk),  # the trend chart fills the card, no wider
        project.get_absolute_url() + "team/",
        project.get_absolute_url() + "partners/",
        f"/o/{cast.organisation.slug}/members/",
    ]:
        page.goto(live_server.url + path)
        assert page.evaluate("document.documentElement.scrollWidth") <= 320, path
    context.close()
