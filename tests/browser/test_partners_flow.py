"""A partner organisation joins by consent (S12), in Chromium, with axe on every page.

The pages are read in English (the language cookie), so that the test names
buttons and headings by their source text, whatever the translations say.
"""

import pytest
from playwright.sync_api import expect

from accounts.models import Role
from projects.models import Partnership, PartnershipStatus
from tests.factories import MembershipFactory, OrganisationFactory, UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def in_english(ui):
    ui.page.context.add_cookies([{"name": "django_language", "value": "en", "url": ui.base_url}])


def test_owner_asks_and_the_partner_s_administrator_accepts(ui, cast, password, project):
    hospital = OrganisationFactory(name="Eksempel helseforetak", slug="eksempel-hf")
    admin = MembershipFactory(
        organisation=hospital,
        role=Role.ADMIN,
        user=UserFactory(email="admin@eksempel-hf.no", full_name="Henrik Admin"),
    ).user
    page = ui.page

    ui.log_in(cast.facilitator.email, password)
    in_english(ui)
    ui.visit(project.url("partners"))
    page.get_by_label("The partner's organisation number").fill(hospital.org_number)
    page.get_by_role("button", name="Send request").click()
    expect(page.get_by_role("status")).to_contain_text("Eksempel helseforetak is asked")
    expect(page.get_by_text("Waiting for an answer from Eksempel helseforetak")).to_be_visible()
    ui.check("partners-pending")
    partnership = Partnership.objects.get(organisation=hospital)
    assert partnership.status == PartnershipStatus.PENDING

    page.context.clear_cookies()
    ui.log_in(admin.email, password)
    in_english(ui)
    ui.visit(hospital.get_absolute_url())
    card = page.get_by_role("region", name="Partnership requests")
    expect(card).to_contain_text("1 request from another organisation's project is waiting")
    card.get_by_role("link", name="See the requests").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Partnership requests")
    request = page.get_by_role("article", name="Raskere byggesak")
    expect(request).to_contain_text("Vera Veileder, Eksempel kommune")
    expect(request).to_contain_text(
        "Eksempel kommune's project team will see your members' names when adding them"
    )
    ui.check("partnership-requests")
    request.get_by_role("button", name="Accept").click()
    expect(page.get_by_role("status")).to_contain_text("You accepted")
    expect(page.get_by_text("No requests are waiting for an answer.")).to_be_visible()
    ui.check("partnership-accepted")
    partnership.refresh_from_db()
    assert partnership.status == PartnershipStatus.ACTIVE
    assert partnership.answered_by == admin
