"""The results page in Chromium: charts with tables, free text tagged with themes
through htmx, the suppressed state and a bad period, with axe on every state."""

from datetime import date, timedelta

import pytest
from playwright.sync_api import expect

from feedback.models import Answer
from tests.factories import ThemeFactory
from tests.feedback.results_data import respond, results_form

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

TEXTS = [
    "Jeg ventet i sju uker uten å høre noe.",
    "Brevet fra kommunen var vanskelig å forstå.",
    "Visste ikke hvor saken min sto.",
    "Ble sendt mellom to kontorer.",
    "Saksbehandleren ringte tilbake samme dag, veldig bra.",
    "Fikk ikke svar på e-post.",
    "Uklart hvilke tegninger som manglet.",
    "Greit nok, men tok lang tid.",
]


def results_path(form):
    return f"/o/{form.project.organisation.slug}/forms/{form.pk}/results/"


def test_results_themes_and_small_groups(ui, cast, project, password):
    form, q = results_form(project)
    for i, text in enumerate(TEXTS):
        respond(
            form,
            q,
            on=date(2026, 3, 2) + timedelta(days=i * 3),
            score=i % 5 + 1,
            helped=i % 2,
            single=i % 3,
            multiple=[i % 3],
            text=text,
        )
    ThemeFactory(form=form, name="Venting")
    ThemeFactory(form=form, name="Uklare brev")
    page = ui.page
    ui.log_in(cast.facilitator.email, password)

    ui.visit(results_path(form))
    expect(page.locator(".chart--bars")).to_have_count(4)
    ui.check("feedback-results")

    answer = Answer.objects.get(text=TEXTS[1])
    item = page.locator(f"#answer-{answer.pk}")
    item.locator("summary").click()
    item.get_by_label("Uklare brev").check()
    item.locator("button[type=submit]").click()
    expect(page.locator(f"#answer-{answer.pk} .answer__themes")).to_contain_text("Uklare brev")
    ui.check("feedback-results-tagged")
    assert [t.name for t in answer.themes.all()] == ["Uklare brev"]

    ui.visit(results_path(form) + "?start=31.02.2026")
    expect(page.locator(".error-summary")).to_be_visible()
    ui.check("feedback-results-bad-date")

    small, q_small = results_form(project)
    for text in TEXTS[:3]:
        respond(small, q_small, score=4, text=text)
    ui.visit(results_path(small))
    expect(page.locator(".suppressed").first).to_be_visible()
    expect(page.locator("svg")).to_have_count(0)
    ui.check("feedback-results-suppressed")
