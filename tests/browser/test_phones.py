"""On a phone the header folds into a menu, the project filters fold behind a button
and tables become stacked cards; on a wide screen nothing is folded. Chromium, with
axe and the CSP listener on every state.

The menu and filter buttons are found by the element they control (aria-controls):
their labels are new and not translated in every language yet.
"""

from collections import Counter
from decimal import Decimal

import pytest
from playwright.sync_api import expect

from projects.models import ProjectRole
from tests.factories import (
    GoalFactory,
    MeasurementFactory,
    MembershipFactory,
    ProjectFactory,
    TeamMemberFactory,
    UserFactory,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

MENU_BUTTON = "header button[aria-controls='site-menu']"
FILTERS_BUTTON = "button[aria-controls='project-filters']"


@pytest.fixture
def measured_project(cast):
    project = ProjectFactory(organisation=cast.organisation, title="Utskrivningsklare pasienter")
    TeamMemberFactory(project=project, user=cast.facilitator, role=ProjectRole.FACILITATOR)
    TeamMemberFactory(project=project, user=cast.employee, role=ProjectRole.MEMBER)
    goal = GoalFactory(project=project, name="Dager fra varsel til vedtak")
    MeasurementFactory(goal=goal, value=Decimal("48.5"), note="Etter første forsøk")
    MeasurementFactory(goal=goal, value=Decimal(41))
    # A long address with nowhere to break must not widen the members page.
    MembershipFactory(
        organisation=cast.organisation,
        user=UserFactory(email="fornavn.mellomnavn.etternavn.avdelingsnavn@kommunen.no"),
    )
    return project


def fits_the_phone(page):
    assert page.evaluate("document.documentElement.scrollWidth") <= 360, page.url


def shows_cards(table):
    """The rows are stacked cards: cells are blocks, each shown after its column's name,
    and Chromium still gives screen readers a table of rows and cells."""
    cell = table.locator("tbody td[data-label]").first
    assert cell.evaluate("td => getComputedStyle(td).display") == "block"
    label = cell.evaluate("td => getComputedStyle(td, '::before').content")
    assert cell.get_attribute("data-label") in label, label
    assert table.locator("thead").evaluate("el => el.getBoundingClientRect().height") <= 1
    roles = chromium_roles(table.page)
    assert roles["table"] >= 1 and roles["rowheader"] >= 1, roles
    assert roles["cell"] >= table.locator("tbody td").count(), roles


def chromium_roles(page):
    """How many nodes of each role Chromium's accessibility tree has."""
    cdp = page.context.new_cdp_session(page)
    try:
        nodes = cdp.send("Accessibility.getFullAXTree")["nodes"]
    finally:
        cdp.detach()
    return Counter(node["role"]["value"] for node in nodes if not node.get("ignored"))


def test_facilitator_finds_the_way_on_a_360_pixel_phone(phone_ui, cast, password, measured_project):
    ui = phone_ui
    page = ui.page
    ui.log_in(cast.facilitator.email, password)

    # The header is one row: the brand and a menu button; the menu is folded.
    menu_button = page.locator(MENU_BUTTON)
    main_menu = page.get_by_role("navigation", name="Hovedmeny")
    expect(menu_button).to_be_visible()
    expect(menu_button).to_have_attribute("aria-expanded", "false")
    expect(main_menu.get_by_role("link", name="Prosjekter")).to_be_hidden()
    expect(page.get_by_role("button", name="Logg ut")).to_be_hidden()
    assert page.get_by_role("banner").bounding_box()["height"] <= 80
    assert menu_button.bounding_box()["height"] >= 44
    ui.check("phone-home")

    # Opened by keyboard, it says so; Escape folds it again and keeps the focus.
    menu_button.focus()
    page.keyboard.press("Enter")
    expect(menu_button).to_have_attribute("aria-expanded", "true")
    expect(main_menu.get_by_role("link", name="Prosjekter")).to_be_visible()
    expect(page.get_by_role("button", name="Logg ut")).to_be_visible()
    ui.check("phone-menu")
    page.keyboard.press("Tab")
    page.keyboard.press("Escape")
    expect(menu_button).to_have_attribute("aria-expanded", "false")
    expect(menu_button).to_be_focused()
    page.keyboard.press("Enter")
    main_menu.get_by_role("link", name="Prosjekter").focus()
    page.keyboard.press("Enter")

    # The filters are folded behind a button until asked for.
    expect(page.get_by_role("heading", level=1)).to_have_text("Forbedringsprosjekter")
    filters_button = page.locator(FILTERS_BUTTON)
    filters = page.get_by_role("search", name="Filtrer prosjekter")
    expect(filters_button).to_have_attribute("aria-expanded", "false")
    expect(filters).to_be_hidden()
    fits_the_phone(page)
    ui.check("phone-projects")
    filters_button.click()
    expect(filters_button).to_have_attribute("aria-expanded", "true")
    expect(filters).to_be_visible()
    ui.check("phone-projects-filters")
    # A list narrowed by a filter shows its filters.
    page.get_by_label("Søk").fill("Utskriv")
    page.get_by_role("button", name="Vis").click()
    expect(page.get_by_role("link", name="Fjern filtrene")).to_be_visible()
    expect(filters).to_be_visible()
    ui.check()

    # The project's tables are stacked cards, and no page scrolls sideways.
    page.get_by_role("link", name="Utskrivningsklare pasienter").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Utskrivningsklare pasienter")
    fits_the_phone(page)
    shows_cards(page.locator("#goals table"))
    ui.check("phone-overview")

    page.get_by_role("navigation", name="Prosjekt").get_by_role("link", name="Team").click()
    expect(page.get_by_role("rowheader", name="Mona Medarbeider")).to_be_visible()
    fits_the_phone(page)
    shows_cards(page.get_by_role("table"))
    ui.check("phone-team")

    page.get_by_role("navigation", name="Prosjekt").get_by_role(
        "link", name="Oversikt", exact=True
    ).click()
    page.locator("#goals").get_by_role("link", name="Dager fra varsel til vedtak").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Dager fra varsel til vedtak")
    fits_the_phone(page)
    measurements = page.get_by_role("table")
    shows_cards(measurements)
    expect(measurements.get_by_text("Etter første forsøk")).to_be_visible()
    ui.check("phone-goal")

    ui.visit(f"/o/{cast.organisation.slug}/members/")
    expect(
        page.get_by_text("fornavn.mellomnavn.etternavn.avdelingsnavn@kommunen.no")
    ).to_be_visible()
    fits_the_phone(page)
    shows_cards(page.get_by_role("table"))


def test_wide_screen_shows_the_menu_and_the_filters_unfolded(ui, cast, password, measured_project):
    page = ui.page
    ui.log_in(cast.facilitator.email, password)
    expect(page.locator(MENU_BUTTON)).to_be_hidden()
    main_menu = page.get_by_role("navigation", name="Hovedmeny")
    for name in ["Oversikt", "Prosjekter", "Medlemmer"]:
        expect(main_menu.get_by_role("link", name=name, exact=True)).to_be_visible()
    expect(page.get_by_role("button", name="Logg ut")).to_be_visible()
    # The header is the brand row and the menu bar below it.
    assert page.get_by_role("banner").bounding_box()["height"] <= 110

    main_menu.get_by_role("link", name="Prosjekter").click()
    expect(page.locator(FILTERS_BUTTON)).to_be_hidden()
    expect(page.get_by_role("search", name="Filtrer prosjekter")).to_be_visible()
    ui.check()

    ui.visit(measured_project.get_absolute_url())
    cell = page.locator("#goals tbody td").first
    assert cell.evaluate("td => getComputedStyle(td).display") == "table-cell"
    expect(page.locator("#goals thead")).to_be_visible()


def test_without_javascript_the_phone_menu_and_filters_stay_unfolded(
    browser, live_server, cast, password
):
    context = browser.new_context(
        viewport={"width": 360, "height": 740}, locale="nb-NO", java_script_enabled=False
    )
    page = context.new_page()
    page.goto(live_server.url + "/login/")
    page.get_by_label("E-postadresse").fill(cast.facilitator.email)
    page.get_by_label("Passord").fill(password)
    page.get_by_role("button", name="Logg inn").click()
    expect(page.locator(MENU_BUTTON)).to_be_hidden()
    main_menu = page.get_by_role("navigation", name="Hovedmeny")
    expect(main_menu.get_by_role("link", name="Prosjekter")).to_be_visible()
    main_menu.get_by_role("link", name="Prosjekter").click()
    expect(page.locator(FILTERS_BUTTON)).to_be_hidden()
    expect(page.get_by_role("search", name="Filtrer prosjekter")).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    context.close()
