"""A resident answers the feedback form: with the keyboard only, in nynorsk, on
a phone (360 × 740), through an error first; and the kiosk resets after each
answer, without showing the previous one on the back button. Chromium, with
axe and the CSP listener on every state.

Interface texts are compared through gettext, so the tests hold before and
after the nynorsk catalogue has them.
"""

import re

import pytest
from django.utils import translation
from django.utils.translation import gettext
from playwright.sync_api import expect

from feedback.models import Answer, ContactRequest, Response
from tests.factories import FormFactory, QuestionFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

HELP = [
    {"nb": "Ja", "nn": "Ja", "en": "Yes"},
    {"nb": "Delvis", "nn": "Delvis", "en": "Partly"},
    {"nb": "Nei", "nn": "Nei", "en": "No"},
    {"nb": "Vet ikke", "nn": "Veit ikkje", "en": "Don't know"},
]


def nn(msgid):
    with translation.override("nn"):
        return gettext(msgid)


@pytest.fixture
def survey(settings):
    # The three-second rule stays on, shorter: the test types faster than a person.
    settings.KLEAN_FEEDBACK_MIN_SECONDS = 0.5
    form = FormFactory(
        title="Hvordan opplevde du byggesaken?",
        title_nn="Korleis opplevde du byggjesaka?",
        intro="Svarene hjelper oss å gjøre byggesaksbehandlingen bedre.",
        intro_nn="Svara hjelper oss å gjere byggjesakshandsaminga betre.",
        offer_contact=True,
    )
    questions = [
        QuestionFactory(
            form=form,
            kind="satisfaction",
            required=True,
            text="Hvor fornøyd er du med behandlingen av saken?",
            text_nn="Kor nøgd er du med handsaminga av saka?",
        ),
        QuestionFactory(
            form=form,
            kind="single",
            required=True,
            text="Fikk du hjelpen du trengte?",
            text_nn="Fekk du hjelpa du trong?",
            options=HELP,
        ),
        QuestionFactory(
            form=form,
            kind="what_matters",
            text="Hva er viktig for deg når du søker?",
            text_nn="Kva er viktig for deg når du søkjer?",
        ),
    ]
    return form, questions


def focused(page) -> dict:
    return page.evaluate(
        "() => ({id: document.activeElement.id, tag: document.activeElement.tagName,"
        " text: document.activeElement.textContent.trim(),"
        " type: document.activeElement.type || ''})"
    )


def tab_until(page, predicate, limit=40):
    """Press Tab until the focused element is the one wanted."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if predicate(focused(page)):
            return
    raise AssertionError(f"never reached by Tab; last focus {focused(page)}")


def test_a_resident_answers_with_the_keyboard_in_nynorsk_on_a_phone(phone_ui, survey):
    form, (scale, helped, matters) = survey
    page = phone_ui.page
    phone_ui.visit(f"/f/{form.token}/")
    assert page.evaluate("document.documentElement.scrollWidth") <= 360

    # Nynorsk, chosen with the keyboard.
    tab_until(page, lambda f: f["text"] == "Nynorsk")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    expect(page.locator("html")).to_have_attribute("lang", "nn")
    expect(page.locator("h1")).to_have_text("Korleis opplevde du byggjesaka?")
    phone_ui.check("resident-nn-phone")

    # Send without answering: the error state, announced by focus on the summary.
    tab_until(page, lambda f: f["tag"] == "BUTTON" and f["text"] == nn("Send"))
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.title().startswith(nn("Error:") + " ")
    assert focused(page)["id"] == "error-summary"
    expect(page.locator("html")).to_have_attribute("lang", "nn")
    expect(page.locator(".error-summary a")).to_have_count(2)
    expect(page.locator(f"#q{scale.pk}-0")).to_have_attribute("aria-invalid", "true")
    phone_ui.check("resident-nn-phone-error")
    assert page.evaluate("document.documentElement.scrollWidth") <= 360

    # The first link in the summary takes the focus to the question, with its
    # text and its message in view on the phone; Tab then reaches the options.
    page.keyboard.press("Tab")
    assert "Kor nøgd er du" in focused(page)["text"]
    page.keyboard.press("Enter")
    assert focused(page)["id"] == f"q{scale.pk}"
    for part in ("legend", ".question__error"):
        box = page.locator(f"#q{scale.pk} {part}").bounding_box()
        assert box["y"] >= 0 and box["y"] + box["height"] <= 740, (part, box)
    page.keyboard.press("Tab")
    assert focused(page)["id"] == f"q{scale.pk}-0"
    for _ in range(3):
        page.keyboard.press("ArrowDown")  # arrow keys move and choose within a radio group
    expect(page.locator(f"#q{scale.pk}-3")).to_be_checked()

    tab_until(page, lambda f: f["id"].startswith(f"q{helped.pk}-"))
    page.keyboard.press("ArrowDown")
    expect(page.locator(f"#q{helped.pk}-1")).to_be_checked()

    tab_until(page, lambda f: f["id"] == f"q{matters.pk}")
    page.keyboard.type("Å få vite kor lang tid det tek.")
    tab_until(page, lambda f: f["id"] == "contact")
    page.keyboard.press("Space")
    tab_until(page, lambda f: f["id"] == "contact_email")
    page.keyboard.type("kari@example.no")
    page.keyboard.press("Enter")  # the form's default button is «Send», not a language
    page.wait_for_url(re.compile(r"/thanks/\?lang=nn$"))
    expect(page.locator("html")).to_have_attribute("lang", "nn")
    expect(page.locator("h1")).to_have_text(nn("Thank you for your answer!"))
    phone_ui.check("resident-nn-phone-thanks")

    response = Response.objects.get()
    assert response.language == "nn"
    answers = {a.question_id: a for a in Answer.objects.all()}
    assert answers[scale.pk].number == 4
    assert answers[helped.pk].number == 1
    assert answers[matters.pk].text == "Å få vite kor lang tid det tek."
    assert ContactRequest.objects.get().email == "kari@example.no"


@pytest.fixture
def kiosk_settings(settings):
    settings.KLEAN_FEEDBACK_KIOSK_RESET_SECONDS = 2
    return settings


def test_the_kiosk_resets_after_an_answer_and_back_shows_nothing(ui, survey, kiosk_settings):
    form, (scale, helped, matters) = survey
    page = ui.page
    kiosk = f"/f/{form.token}/kiosk/"
    ui.visit(kiosk)
    page.locator(f"label[for='q{scale.pk}-4']").click()
    page.locator(f"label[for='q{helped.pk}-0']").click()
    page.locator(f"#q{matters.pk}").fill("Kortare ventetid i skranken.")
    page.wait_for_timeout(600)  # the minimum fill time
    page.locator("#feedback-form button[type=submit]").click()
    page.wait_for_url(re.compile(r"/kiosk/thanks/"))
    ui.check("kiosk-thanks")
    # The thank-you screen returns to an empty form by itself.
    page.wait_for_url(re.compile(r"/kiosk/$"), timeout=10_000)
    ui.check("kiosk-reset")
    assert_empty(page, scale, helped, matters)
    assert Response.objects.count() == 1

    # The thank-you screen replaced itself; back goes to the form as it was
    # before the answer was sent: it comes back empty.
    page.go_back()
    page.wait_for_load_state()
    assert page.url.endswith(kiosk)
    assert_empty(page, scale, helped, matters)
    ui.check()


def test_the_kiosk_button_starts_a_new_response(ui, survey):
    form, (scale, helped, matters) = survey
    page = ui.page
    ui.visit(f"/f/{form.token}/kiosk/")
    page.locator(f"label[for='q{scale.pk}-2']").click()
    page.locator(f"label[for='q{helped.pk}-3']").click()
    page.wait_for_timeout(600)
    page.locator("#feedback-form button[type=submit]").click()
    page.wait_for_url(re.compile(r"/kiosk/thanks/"))
    page.locator("[data-kiosk-new]").click()
    page.wait_for_url(re.compile(r"/kiosk/$"))
    assert_empty(page, scale, helped, matters)


def test_an_idle_kiosk_asks_for_more_time_then_clears(ui, survey, settings):
    settings.KLEAN_FEEDBACK_KIOSK_IDLE_SECONDS = 1
    settings.KLEAN_FEEDBACK_KIOSK_WARNING_SECONDS = 2
    form, (scale, helped, matters) = survey
    page = ui.page
    ui.visit(f"/f/{form.token}/kiosk/")
    page.locator(f"#q{matters.pk}").fill("Halvveis skrive")
    dialog = page.locator("#kiosk-idle")
    expect(dialog).to_be_visible(timeout=5_000)
    ui.check("kiosk-idle-warning")
    page.locator("[data-kiosk-more-time]").click()  # more time: nothing is lost
    expect(dialog).to_be_hidden()
    expect(page.locator(f"#q{matters.pk}")).to_have_value("Halvveis skrive")
    # Asked again, and this time nobody answers: the form is cleared.
    expect(dialog).to_be_visible(timeout=5_000)
    page.wait_for_url(re.compile(r"/kiosk/$"))
    expect(page.locator(f"#q{matters.pk}")).to_have_value("", timeout=10_000)
    assert_empty(page, scale, helped, matters)


def assert_empty(page, scale, helped, matters):
    assert page.locator("input[type=radio]:checked").count() == 0
    expect(page.locator(f"#q{matters.pk}")).to_have_value("")


def test_back_after_the_thank_you_page_never_sends_the_answers_again(ui, survey):
    """Through an error first: the error page came from a redirect, so back
    shows a message rather than «Confirm Form Resubmission»; and back from a
    plain answer shows an empty form."""
    form, (scale, helped, matters) = survey
    page = ui.page
    ui.visit(f"/f/{form.token}/")
    page.locator(f"#q{matters.pk}").fill("Kortare ventetid.")
    page.wait_for_timeout(600)
    with page.expect_navigation():
        page.locator("#feedback-form button.resident-form__send").click()
    assert "draft=" in page.url
    expect(page.locator(f"#q{matters.pk}")).to_have_value("Kortare ventetid.")
    page.locator(f"label[for='q{scale.pk}-4']").click()
    page.locator(f"label[for='q{helped.pk}-0']").click()
    with page.expect_navigation():
        page.locator("#feedback-form button.resident-form__send").click()
    page.wait_for_url(re.compile(r"/thanks/"))
    assert Response.objects.count() == 1

    page.go_back()
    page.wait_for_load_state()
    expect(page.locator("h1")).to_have_text(gettext("You have already answered – thank you!"))
    ui.check("resident-back-after-thanks")
    assert Response.objects.count() == 1

    # A plain answer, then back: the form comes back empty, not filled in.
    ui.visit(f"/f/{form.token}/")
    page.locator(f"label[for='q{scale.pk}-2']").click()
    page.locator(f"label[for='q{helped.pk}-1']").click()
    page.locator(f"#q{matters.pk}").fill("Ein gong til")
    page.wait_for_timeout(600)
    with page.expect_navigation():
        page.locator("#feedback-form button.resident-form__send").click()
    page.wait_for_url(re.compile(r"/thanks/"))
    assert Response.objects.count() == 2
    page.go_back()
    page.wait_for_load_state()
    assert_empty(page, scale, helped, matters)
    assert Response.objects.count() == 2


def test_the_kiosk_thank_you_counts_down_and_waits_when_asked(ui, survey, settings):
    settings.KLEAN_FEEDBACK_KIOSK_RESET_SECONDS = 10
    form, (scale, helped, _matters) = survey
    page = ui.page
    ui.visit(f"/f/{form.token}/kiosk/")
    page.locator(f"label[for='q{scale.pk}-2']").click()
    page.locator(f"label[for='q{helped.pk}-3']").click()
    page.wait_for_timeout(600)
    page.locator("#feedback-form button[type=submit]").click()
    page.wait_for_url(re.compile(r"/kiosk/thanks/"))
    left = page.locator("[data-kiosk-left]")
    expect(left).to_have_attribute("aria-live", "polite")
    expect(left).to_contain_text("10")
    # Told again five seconds later, not every second.
    page.wait_for_timeout(2_000)
    expect(left).to_contain_text("10")
    expect(left).to_contain_text("5", timeout=5_000)
    ui.check("kiosk-thanks-countdown")
    page.locator("[data-kiosk-wait]").click()
    expect(page.locator("[data-kiosk-paused]")).not_to_be_empty()
    expect(page.locator(".resident-return")).to_be_hidden()
    ui.check("kiosk-thanks-paused")
    page.wait_for_timeout(6_000)
    assert "/kiosk/thanks/" in page.url, "paused: it waits for «New response»"
    page.locator("[data-kiosk-new]").click()
    page.wait_for_url(re.compile(r"/kiosk/$"))
