"""Build a feedback form from the K-LEAN template, add a question, move it
with the keyboard, publish the form and open its QR poster – in Chromium,
with axe on every page and htmx state.

Names are matched in English or bokmål, so the test reads the same before
and after the catalogue is compiled with this part's translations."""

import re

import pytest
from playwright.sync_api import expect

from feedback.models import Form, FormStatus
from tests.browser.conftest import SCREENSHOTS
from tests.factories import FormFactory, QuestionFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def name(*words) -> re.Pattern:
    return re.compile("|".join(re.escape(word) for word in words))


def exactly(*words) -> re.Pattern:
    return re.compile("^(" + "|".join(re.escape(word) for word in words) + ")$")


def test_facilitator_builds_publishes_and_prints_a_form(ui, cast, project, password):
    page = ui.page
    ui.log_in(cast.facilitator.email, password)
    ui.visit(project.get_absolute_url())
    page.get_by_role("navigation", name="Prosjekt").get_by_role(
        "link", name=name("User insight", "Brukerinnsikt")
    ).click()
    expect(page.get_by_role("heading", level=2, name=name("Feedback forms", "Tilbakemeldings")))
    ui.check("feedback-forms-empty")

    page.get_by_role("link", name=name("New form", "Nytt skjema")).click()
    ui.check("feedback-form-new")
    expect(
        page.get_by_role("radio", name=name("User survey", "Brukerundersøkelse"))
    ).to_be_checked()
    page.get_by_label(name("What residents applied for", "Hva innbyggerne søkte om")).fill(
        "byggetillatelse"
    )
    page.get_by_role("button", name=name("Create form", "Opprett skjema")).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Hvordan opplevde du saken din hos oss?"
    )
    form = Form.objects.get()
    assert form.questions.count() == 5
    expect(page.locator("#personal-data-warning")).to_be_visible()
    ui.check("feedback-builder")

    # A question with its options; first an empty one, refused with a message.
    page.get_by_role("link", name=name("Add a question", "Legg til et spørsmål")).click()
    ui.check("feedback-question-new")
    page.get_by_label(exactly("Kind", "Type")).select_option("single")
    page.get_by_role("button", name=name("Save question", "Lagre spørsmålet")).click()
    expect(page.get_by_role("alert")).to_be_visible()
    expect(page.get_by_role("alert")).to_be_focused()
    ui.check("feedback-question-error")
    page.get_by_label(exactly("Question", "Spørsmål")).fill("Hvordan tok du kontakt med oss?")
    page.get_by_label(exactly("Options", "Alternativer")).fill(
        "På telefon\nPå e-post\nVed oppmøte\nVet ikke"
    )
    page.get_by_role("button", name=name("Save question", "Lagre spørsmålet")).click()
    expect(
        page.get_by_role("heading", level=3, name="Hvordan tok du kontakt med oss?")
    ).to_be_visible()
    assert form.questions.order_by("order").last().option_labels("nb")[3] == "Vet ikke"

    # Move it up with the keyboard: htmx swaps the list and the focus stays on the question.
    move_up = page.get_by_role("button", name=name("Move up question 6", "Flytt opp spørsmål 6"))
    move_up.focus()
    page.keyboard.press("Enter")
    moved = page.get_by_role("button", name=name("Move up question 5", "Flytt opp spørsmål 5"))
    expect(moved).to_be_focused()
    assert form.questions.order_by("order")[4].text == "Hvordan tok du kontakt med oss?"
    ui.check("feedback-builder-moved")

    page.get_by_role("button", name=name("Publish the form", "Publiser skjemaet")).click()
    expect(page.locator(".tag--form-open").first).to_be_visible()
    form.refresh_from_db()
    assert form.status == FormStatus.OPEN
    expect(page.get_by_role("link", name=f"/f/{form.token}/").first).to_be_visible()
    # The test server runs on another port than SITE_URL: staff are warned.
    expect(page.locator("#site-url-warning")).to_be_visible()
    ui.check("feedback-builder-open")

    page.get_by_role("link", name=name("QR poster", "QR-plakat")).first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Hvordan opplevde du saken din hos oss?"
    )
    qr = page.get_by_role("img", name=form.token)
    expect(qr).to_be_visible()
    expect(page.get_by_text(f"/f/{form.token}/", exact=False).last).to_be_visible()
    ui.check("feedback-poster")
    # Printed, the poster is alone on the page and the code at least 6 cm wide.
    page.emulate_media(media="print")
    expect(page.locator(".site-header")).to_be_hidden()
    expect(page.locator(".poster-tools")).to_be_hidden()
    width = qr.bounding_box()["width"]
    assert width >= 6 / 2.54 * 96, width  # CSS pixels at 96 per inch
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / "feedback-poster-print.png"), full_page=True)


def test_the_form_page_fits_a_phone_and_copies_its_address(phone_ui, cast, project, password):
    form = FormFactory(project=project, status=FormStatus.OPEN, title="Byggesak")
    QuestionFactory(form=form, order=1, text="Hvor fornøyd er du?")
    page = phone_ui.page
    phone_ui.log_in(cast.facilitator.email, password)
    phone_ui.visit(f"/o/{project.organisation.slug}/forms/{form.pk}/")
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    expect(page.get_by_role("link", name=f"/f/{form.token}/kiosk/")).to_be_visible()
    copy = page.get_by_role("button", name=name("Copy the link", "Kopier lenken"))
    expect(copy).to_be_visible()
    expect(page.locator("#public-url-copy")).to_be_hidden()
    copy.click()
    expect(page.locator(".copy-url__done").first).not_to_be_empty()
    phone_ui.check("feedback-builder-phone")
