"""A facilitator's first day, clicked through in Chromium at desktop and phone width.

Log in and land in the right organisation, create a project with Norwegian
dates and a goal of "12,5", ask a partner organisation to take part, accept as
the partner's administrator, put a partner member on the team and remove them
again after the confirmation – with axe-core and the CSP listener on every page.
"""

from decimal import Decimal

import pytest
from playwright.sync_api import expect

from accounts.models import Role
from projects.models import Goal, Partnership, PartnershipStatus, Project, TeamMember
from tests.factories import MembershipFactory, OrganisationFactory, UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

VIEWPORTS = {"desktop": (1280, 900), "phone": (360, 740)}


@pytest.fixture(params=sorted(VIEWPORTS))
def screen(request, ui):
    width, height = VIEWPORTS[request.param]
    ui.page.set_viewport_size({"width": width, "height": height})
    return request.param


def fits(ui):
    width = ui.page.viewport_size["width"]
    assert ui.page.evaluate("document.documentElement.scrollWidth") <= width, ui.page.url


def test_a_facilitator_s_first_day(ui, cast, password, screen):
    page = ui.page
    # Vera is an employee in a hospital trust that comes first by name, and the
    # municipality's facilitator: she lands where her role is highest.
    hospital = OrganisationFactory(name="Aaa helseforetak", slug="aaa-hf")
    MembershipFactory(user=cast.facilitator, organisation=hospital, role=Role.EMPLOYEE)
    hospital_admin = MembershipFactory(
        organisation=hospital, role=Role.ADMIN, user=UserFactory(full_name="Henrik Admin")
    ).user
    nurse = MembershipFactory(
        organisation=hospital, user=UserFactory(full_name="Hilde Sykepleier")
    ).user

    ui.log_in(cast.facilitator.email, password)
    expect(page.get_by_role("heading", level=1)).to_have_text("Eksempel kommune")
    ui.check(f"first-day-{screen}-home")
    fits(ui)

    # A new project, with dates as people here write them.
    ui.visit(f"/o/{cast.organisation.slug}/projects/new/")
    page.get_by_label("Tittel").fill("Raskere byggesak")
    page.get_by_label("Type").select_option(label="Pilotprosjekt")
    page.get_by_label("Tjenesteområde").select_option(label="Byggesak")
    page.get_by_label("Prosess", exact=True).fill("Behandling av byggesøknader")
    page.get_by_label("Prosessen starter når").fill("søknad mottatt")
    page.get_by_label("Prosessen slutter når").fill("vedtak sendt")
    page.get_by_label("Startdato").fill("2.3.2026")
    page.get_by_label("Planlagt sluttdato").fill("18.12.2026")
    page.get_by_role("button", name="Opprett prosjekt").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Raskere byggesak")
    ui.check(f"first-day-{screen}-overview")
    fits(ui)
    project = Project.objects.get()
    assert (project.start_date.isoformat(), project.planned_end_date.isoformat()) == (
        "2026-03-02",
        "2026-12-18",
    )

    # A goal with a decimal comma.
    page.locator("#now").get_by_role("link", name="Legg til et mål").click()
    page.get_by_label("Indikator").fill("Timer brukt per sak")
    page.get_by_label("Enhet").select_option(label="timer per uke")
    page.get_by_label("Retning").select_option(label="Lavere er bedre")
    page.get_by_label("Utgangsverdi", exact=True).fill("12,5")
    page.get_by_label("Dato for måling av utgangsverdien").fill("15.1.2026")
    page.get_by_label("Målverdi").fill("8")
    ui.check(f"first-day-{screen}-goal-form")
    page.get_by_role("button", name="Lagre mål").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Timer brukt per sak")
    expect(page.get_by_role("main")).to_contain_text("12,5")
    goal = Goal.objects.get()
    assert (goal.baseline, goal.target) == (Decimal("12.5"), Decimal(8))
    assert goal.baseline_date.isoformat() == "2026-01-15"

    # Ask the hospital trust to take part.
    ui.visit(project.url("partners"))
    page.get_by_label("Organisasjonsnummeret til partneren").fill(hospital.org_number)
    page.get_by_role("button", name="Send forespørsel").click()
    expect(page.get_by_text("Venter på svar fra Aaa helseforetak")).to_be_visible()
    ui.check(f"first-day-{screen}-partners-pending")
    fits(ui)
    ui.visit(project.url("team"))
    expect(page.get_by_label("Person")).not_to_contain_text("Hilde Sykepleier")

    # The hospital trust's administrator accepts, inside their own organisation.
    ui.log_out()
    ui.log_in(hospital_admin.email, password)
    expect(page.get_by_role("heading", level=1)).to_have_text("Aaa helseforetak")
    page.get_by_role("link", name="Se forespørslene").click()
    ui.check(f"first-day-{screen}-requests")
    fits(ui)
    page.get_by_role("button", name="Godta").click()
    expect(page.get_by_text("Ingen forespørsler venter på svar.")).to_be_visible()
    ui.check()
    assert Partnership.objects.get().status == PartnershipStatus.ACTIVE

    # Back as the facilitator: the nurse joins the team, and leaves it again.
    ui.log_out()
    ui.log_in(cast.facilitator.email, password)
    ui.visit(project.url("team"))
    page.get_by_label("Person").select_option(label="Hilde Sykepleier – Aaa helseforetak")
    expect(page.get_by_label("Rolle i prosjektet", exact=True)).to_have_value("member")
    page.get_by_role("button", name="Legg til", exact=True).click()
    expect(page.get_by_role("rowheader", name="Hilde Sykepleier")).to_be_visible()
    ui.check(f"first-day-{screen}-team")
    fits(ui)
    assert TeamMember.objects.get(user=nurse).organisation == hospital

    page.get_by_role("link", name="Fjern Hilde Sykepleier").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Fjerne Hilde Sykepleier fra teamet?")
    expect(page.get_by_role("main")).to_contain_text("mister tilgangen til prosjektet")
    ui.check(f"first-day-{screen}-remove")
    fits(ui)
    assert TeamMember.objects.filter(user=nurse).exists()  # only asked so far
    page.get_by_role("button", name="Fjern fra teamet").click()
    expect(page.get_by_role("status")).to_contain_text("Hilde Sykepleier er ikke lenger")
    ui.check()
    assert not TeamMember.objects.filter(user=nurse).exists()
