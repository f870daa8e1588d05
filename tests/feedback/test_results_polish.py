"""The results page after a first user test: counts on whole numbers, weeks
named with their year, and a note on why free text has no date."""

import re
from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext

from feedback.views.results import week_names
from klean.charts import columns
from tests.feedback.results_data import respond, results_form

pytestmark = pytest.mark.django_db


def nb(msgid):
    with translation.override("nb"):
        return gettext(msgid)


@pytest.mark.parametrize("most", [1, 3, 5, 7, 10, 12])
def test_the_weekly_chart_counts_in_whole_numbers(most):
    svg = str(columns([("a", 0), ("b", most)], label="x"))
    ticks = re.findall(r'x="-8"[^>]*>([^<]+)</text>', svg)
    assert ticks and all(re.fullmatch(r"\d+", tick) for tick in ticks), ticks
    assert int(ticks[-1]) >= most


def test_weeks_are_named_with_the_year_where_it_changes():
    mondays = [date(2025, 12, 15) + timedelta(weeks=i) for i in range(5)]
    with translation.override("en"):
        names = week_names(mondays)
    assert names == ["week 51 2025", "week 52", "week 1 2026", "week 2", "week 3 2026"]
    with translation.override("en"):
        same_year = week_names([date(2026, 3, 2), date(2026, 3, 9)])
    assert same_year == ["week 10 2026", "week 11"]


def test_the_page_says_why_free_text_has_no_date(client_for, cast, project):
    form, q = results_form(project)
    for i in range(5):
        respond(form, q, score=3, text=f"Svar {i}")
    url = reverse("feedback:results", args=[form.project.organisation.slug, form.pk])
    html = client_for(cast.facilitator).get(url).content.decode()
    assert nb("The answers are shown without their date: a date could tell who wrote them.") in html
    assert nb("week %(n)s %(year)s") % {"n": 10, "year": 2026} in html
