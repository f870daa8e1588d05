"""The flows a person clicks through, in Chromium, with axe on every page."""

import re

import pytest
from django.core import mail
from playwright.sync_api import expect

from accounts.models import Membership, Role, User
from tests.factories import MembershipFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_log_in_and_land_in_the_organisation(ui, cast, password):
    ui.log_in(cast.admin.email, password)
    expect(ui.page.get_by_role("heading", level=1)).to_have_text("Eksempel kommune")
    expect(ui.page.get_by_role("navigation", name="Hovedmeny")).to_be_visible()
    ui.check("overview")


def test_wrong_password_shows_the_error_linked_to_the_form(ui, cast):
    ui.log_in(cast.admin.email, "feil-passord")
    alert = ui.page.get_by_role("alert")
    expect(alert).to_contain_text("E-postadressen eller passordet er feil")
    expect(alert).to_be_focused()
    ui.check("login-error")


def test_lockout_after_five_failures_says_what_happened(ui, cast):
    for _attempt in range(5):
        ui.log_in(cast.admin.email, "feil-passord")
    expect(ui.page.get_by_role("heading", level=1)).to_contain_text("Innloggingen er")
    expect(ui.page.get_by_role("alert")).to_contain_text("15 minutter")
    ui.check("locked-out")


def test_switch_language_to_nynorsk_and_english(ui, cast, password):
    ui.log_in(cast.employee.email, password)
    ui.page.get_by_role("button", name="Nynorsk").click()
    expect(ui.page.locator("html")).to_have_attribute("lang", "nn")
    expect(ui.page.get_by_role("navigation", name="Hovudmeny")).to_be_visible()
    ui.check("nynorsk")
    ui.page.get_by_role("button", name="English").click()
    expect(ui.page.locator("html")).to_have_attribute("lang", "en")
    expect(ui.page.get_by_role("link", name="Members", exact=True)).to_be_visible()
    ui.check()
    ui.page.get_by_role("button", name="Bokmål").click()
    expect(ui.page.locator("html")).to_have_attribute("lang", "nb")


def test_switch_organisation_in_the_header(ui, cast, password):
    MembershipFactory(user=cast.facilitator, organisation=cast.other_organisation)
    ui.log_in(cast.facilitator.email, password)
    # Without a last-used organisation: where her role is highest (facilitator),
    # not the first by name (Annen kommune, where she is an employee).
    expect(ui.page.get_by_role("heading", level=1)).to_have_text("Eksempel kommune")
    ui.page.get_by_label("Organisasjon").select_option(label="Annen kommune")
    ui.page.get_by_role("button", name="Bytt").click()
    expect(ui.page.get_by_role("heading", level=1)).to_have_text("Annen kommune")
    ui.check("switched")
    # The next login lands where she worked last.
    ui.page.get_by_role("button", name="Logg ut").click()
    ui.log_in(cast.facilitator.email, password)
    expect(ui.page.get_by_role("heading", level=1)).to_have_text("Annen kommune")


def test_invite_accept_and_log_in_as_the_new_member(ui, cast, password):
    ui.log_in(cast.admin.email, password)
    ui.page.get_by_role("link", name="Medlemmer", exact=True).click()
    ui.check("members")
    ui.page.get_by_role("link", name="Inviter noen").first.click()
    ui.check("invite")
    ui.page.get_by_label("E-postadresse").fill("nina.ny@example.no")
    ui.page.get_by_label("Rolle").select_option(Role.FACILITATOR)
    ui.page.get_by_role("button", name="Send invitasjon").click()
    expect(ui.page.get_by_role("status")).to_contain_text("nina.ny@example.no")
    ui.check("invited")

    link = re.search(r"https?://\S+/invitation/\S+/", mail.outbox[-1].body).group(0)
    path = link[link.index("/invitation/") :]
    ui.log_out()

    ui.visit(path)
    ui.page.get_by_label("Fullt navn").fill("Nina Ny")
    ui.page.get_by_label("Passord", exact=True).fill("nina-sitt-passord")
    ui.page.get_by_label("Gjenta passordet").fill("nina-sitt-passord")
    ui.check("accept")
    ui.page.get_by_role("button", name="Godta invitasjonen").click()
    expect(ui.page.get_by_role("status")).to_contain_text("Velkommen")
    ui.check()
    user = User.objects.get(email="nina.ny@example.no")
    assert Membership.objects.get(user=user).role == Role.FACILITATOR

    ui.log_out()
    ui.log_in("nina.ny@example.no", "nina-sitt-passord")
    expect(ui.page.get_by_role("heading", level=1)).to_have_text("Eksempel kommune")


def test_change_a_role_in_place_with_htmx(ui, cast, password):
    ui.log_in(cast.admin.email, password)
    ui.visit(f"/o/{cast.organisation.slug}/members/")
    ui.page.get_by_label("Rolle for Mona Medarbeider").select_option(Role.LEADER)
    row = ui.page.locator("tr", has_text="Mona Medarbeider")
    row.get_by_role("button", name="Endre rolle").click()
    expect(row.get_by_role("status")).to_contain_text("Lagret")
    ui.check("role-changed")
    assert Membership.objects.get(user=cast.employee).role == Role.LEADER

    ui.page.get_by_label("Rolle for Anne Admin").select_option(Role.EMPLOYEE)
    admin_row = ui.page.locator("tr", has_text="Anne Admin")
    admin_row.get_by_role("button", name="Endre rolle").click()
    expect(admin_row.get_by_role("alert")).to_contain_text("minst én administrator")
    ui.check()


def test_login_page_works_on_a_320_pixel_phone(browser, live_server):
    context = browser.new_context(viewport={"width": 320, "height": 640})
    page = context.new_page()
    page.goto(live_server.url + "/login/")
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 320
    context.close()
