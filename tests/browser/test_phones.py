"""On a phone the header folds into a menu and the project filters fold behind a
button; on a wide screen nothing is folded. Chromium, with axe and the CSP listener
on every state.

The menu and filter buttons are found by the element they control (aria-controls):
their labels are new and not translated in every language yet.
"""

import pytest
from playwright.sync_api import expect

from projects.models import ProjectRole
from tests.factories import ProjectFactory, TeamMemberFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

MENU_BUTTON = "header button[aria-controls='site-menu']"
FILTERS_BUTTON = "button[aria-controls='project-filters']"


@pytest.fixture
def measured_project(cast):
    project = ProjectFactory(organisation=cast.organisation, title="Utskrivningsklare pasienter")
    TeamMemberFactory(project=project, user=cast.facilitator, role=ProjectRole.FACILITATOR)
    return project


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
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
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


def test_wide_screen_shows_the_menu_and_the_filters_unfolded(ui, cast, password, measured_project):
    page = ui.page
    ui.log_in(cast.facilitator.email, password)
    expect(page.locator(MENU_BUTTON)).to_be_hidden()
    main_menu = page.get_by_role("navigation", name="Hovedmeny")
    for name in ["Oversikt", "Prosjekter", "Medlemmer"]:
        expect(main_menu.get_by_role("link", name=name)).to_be_visible()
    expect(page.get_by_role("button", name="Logg ut")).to_be_visible()
    # The header is the brand row and the menu bar below it.
    assert page.get_by_role("banner").bounding_box()["height"] <= 110

    main_menu.get_by_role("link", name="Prosjekter").click()
    expect(page.locator(FILTERS_BUTTON)).to_be_hidden()
    expect(page.get_by_role("search", name="Filtrer prosjekter")).to_be_visible()
    ui.check()


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
