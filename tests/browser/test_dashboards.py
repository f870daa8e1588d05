"""The dashboards in Chromium, on a desktop and on a phone: every chart has its
table, a bad period is named over the whole dashboard, and axe finds nothing."""

import pytest
from playwright.sync_api import expect

from tests.reports.dashboard_data import busy_project, organisation_url, project_url

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

CHARTS = 6  # phases, waste, satisfaction, funnel, hours and kroner of the benefits


def test_the_organisation_dashboard(ui, cast, password):
    busy_project(cast.organisation, title="Raskere byggesak", facilitator=cast.facilitator)
    busy_project(cast.organisation, title="Hjemmetjenesten", service_area="pleie_omsorg")
    page = ui.page
    ui.log_in(cast.admin.email, password)
    menu = page.get_by_role("navigation", name="Hovedmeny")
    menu.locator(f'a[href="{organisation_url(cast.organisation)}"]').click()
    page.wait_for_load_state()
    expect(page.locator("h1")).to_have_count(1)
    expect(menu.locator('a[aria-current="page"]')).to_have_attribute(
        "href", organisation_url(cast.organisation)
    )
    expect(page.locator("svg[role=img] > title")).to_have_count(CHARTS + 2)  # and 2 goals' bars
    expect(page.locator(".chart-table table")).to_have_count(4)
    expect(page.locator(".benefits__table")).to_be_visible()
    page.locator(".chart-table summary").first.click()
    expect(page.locator(".chart-table table").first).to_be_visible()
    ui.check("dashboard-organisation")

    page.get_by_label("Tjenesteområde").select_option("pleie_omsorg")
    page.get_by_role("button", name="Vis").click()
    page.wait_for_load_state()
    expect(page.locator(".dashboard-kpis .kpi").first).to_contain_text("1")
    expect(page.get_by_text("Hjemmetjenesten").first).to_be_visible()
    ui.check("dashboard-organisation-filtered")

    ui.visit(organisation_url(cast.organisation, start="31.02.2026"))
    expect(page.locator(".error-summary")).to_be_visible()
    expect(page.locator(".dashboard-panel")).to_have_count(7)
    ui.check("dashboard-organisation-bad-period")


def test_the_project_dashboard(ui, cast, password):
    project = busy_project(
        cast.organisation, title="Raskere byggesak", facilitator=cast.facilitator
    )
    page = ui.page
    ui.log_in(cast.facilitator.email, password)
    ui.visit(project.get_absolute_url())
    tabs = page.get_by_role("navigation", name="Prosjekt")
    tabs.locator(f'a[href="{project_url(project)}"]').click()
    page.wait_for_load_state()
    expect(page.get_by_role("heading", name="Raskere byggesak", level=1)).to_be_visible()
    expect(tabs.locator('a[aria-current="page"]')).to_have_attribute("href", project_url(project))
    expect(page.locator(".chart-table table")).to_have_count(3)
    board = f"/o/{cast.organisation.slug}/projects/{project.pk}/ideas/"
    expect(page.locator(f'.dashboard-panel a[href="{board}"]')).to_be_visible()
    ui.check("dashboard-project")


def test_the_dashboards_on_a_phone(phone_ui, cast, password):
    project = busy_project(
        cast.organisation, title="Raskere byggesak", facilitator=cast.facilitator
    )
    page = phone_ui.page
    phone_ui.log_in(cast.leader.email, password)
    phone_ui.visit(organisation_url(cast.organisation))
    # The filters fold behind a button; the key figures and panels come first.
    filters = page.locator('button[aria-controls="dashboard-filters"]')
    expect(filters).to_be_visible()
    expect(page.get_by_label("Tjenesteområde")).to_be_hidden()
    filters.click()
    expect(page.get_by_label("Tjenesteområde")).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    expect(page.locator(".chart-table table")).to_have_count(4)
    phone_ui.check("dashboard-organisation-phone")
    phone_ui.visit(project_url(project))
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    phone_ui.check("dashboard-project-phone")
