"""What an export holds: the results page's period, widened like the page,
weeks instead of days, and no language rare enough to point at a person."""

import csv
import io
import re
from datetime import date, timedelta

import openpyxl
import pytest
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext, ngettext

from projects.models import Activity
from tests.feedback.results_data import respond, results_form

pytestmark = pytest.mark.django_db

DAY = date(2026, 3, 2)  # a Monday, ISO week 10
LATER = DAY + timedelta(days=28)  # week 14


def nb(msgid):
    with translation.override("nb"):
        return gettext(msgid)


def week(number):
    return nb("%(year)s-W%(week)02d") % {"year": 2026, "week": number}


@pytest.fixture
def survey(project):
    form, q = results_form(project)
    for i in range(6):
        respond(form, q, on=DAY + timedelta(days=i % 2), language="nb", score=3)
    for _ in range(5):
        respond(form, q, on=LATER, language="nb", score=4)
    respond(form, q, on=LATER, language="en", score=5)  # the only answer in English
    return form, q


def results_url(form, query=""):
    url = reverse("feedback:results", args=[form.project.organisation.slug, form.pk])
    return f"{url}?{query}" if query else url


def csv_rows(response):
    data = b"".join(response.streaming_content).decode("utf-8-sig")
    return list(csv.reader(io.StringIO(data), delimiter=";"))


def export_links(html):
    return re.findall(r'href="([^"]*/export/(?:csv|xlsx)/[^"]*)"', html)


LABELS = {
    "CSV": ("Export %(n)s answer (CSV)", "Export %(n)s answers (CSV)"),
    "XLSX": ("Export %(n)s answer (XLSX)", "Export %(n)s answers (XLSX)"),
}


def button(n, fmt):
    with translation.override("nb"):
        return ngettext(*LABELS[fmt], n) % {"n": n}


def test_the_export_buttons_say_how_many_answers_and_carry_the_period(client_for, cast, survey):
    form, _q = survey
    client = client_for(cast.facilitator)
    html = client.get(results_url(form)).content.decode()
    assert button(12, "CSV") in html and button(12, "XLSX") in html
    csv_link, _xlsx = export_links(html)
    assert "?" not in csv_link
    assert len(csv_rows(client.get(csv_link))) == 13

    # The later period: the links carry it, and the export holds it alone.
    html = client.get(results_url(form, f"start={LATER:%d.%m.%Y}")).content.decode()
    assert button(6, "CSV") in html
    csv_link, _xlsx = (link.replace("&amp;", "&") for link in export_links(html))
    assert f"start={LATER:%d.%m.%Y}&end={LATER:%d.%m.%Y}" in csv_link
    rows = csv_rows(client.get(csv_link))
    assert len(rows) == 7
    assert {row[0] for row in rows[1:]} == {week(14)}
    event = Activity.objects.filter(kind="feedback.answers_exported").order_by("pk").last()
    assert event.data["period"] == f"{LATER.isoformat()}/{LATER.isoformat()}"


def test_a_period_cutting_into_a_block_is_widened_in_the_export_too(client_for, cast, survey):
    form, _q = survey
    client = client_for(cast.facilitator)
    url = reverse("feedback:export", args=[form.project.organisation.slug, form.pk, "csv"])
    # Only the first day asked for: three answers, widened to the first block of six.
    rows = csv_rows(client.get(url, {"start": f"{DAY:%d.%m.%Y}", "end": f"{DAY:%d.%m.%Y}"}))
    assert len(rows) == 7
    assert {row[0] for row in rows[1:]} == {week(10)}


def test_days_become_weeks_and_a_rare_language_becomes_other(client_for, cast, survey):
    form, _q = survey
    client = client_for(cast.facilitator)
    url = reverse("feedback:export", args=[form.project.organisation.slug, form.pk, "csv"])
    rows = csv_rows(client.get(url))
    assert {row[0] for row in rows[1:]} == {week(10), week(14)}
    assert not any(
        re.search(r"\d\d\.\d\d\.\d{4}|\d{4}-\d\d-\d\d", cell) for r in rows for cell in r
    )
    languages = [row[1] for row in rows[1:]]
    assert languages.count("nb") == 11 and languages.count(nb("other")) == 1
    assert "en" not in languages


def test_the_xlsx_notes_explain_weeks_languages_and_period(client_for, cast, survey):
    form, _q = survey
    client = client_for(cast.facilitator)
    url = reverse("feedback:export", args=[form.project.organisation.slug, form.pk, "xlsx"])
    response = client.get(url, {"start": f"{LATER:%d.%m.%Y}"})
    book = openpyxl.load_workbook(io.BytesIO(b"".join(response.streaming_content)))
    answers, notes = book.worksheets
    assert answers["A2"].value == week(14) and answers["A2"].data_type == "s"
    explained = {row[0]: row[1] for row in notes.iter_rows(values_only=True)}
    assert nb("Week") in explained and nb("Language") in explained
    assert f"{LATER:%d.%m.%Y}" in explained[nb("Period")]
    assert explained[nb("Responses")] == 6


def test_an_invalid_or_too_small_period_is_not_exported(client_for, cast, survey):
    form, _q = survey
    client = client_for(cast.facilitator)
    url = reverse("feedback:export", args=[form.project.organisation.slug, form.pk, "csv"])
    assert client.get(url, {"start": "31.02.2026"}).status_code == 302
    assert client.get(url, {"start": "01.01.2027"}).status_code == 302
    assert not Activity.objects.filter(kind="feedback.answers_exported").exists()
