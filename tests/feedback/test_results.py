"""A form's results: the figures, small groups, the period filter and themes."""

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.urls import reverse

from feedback.models import Answer, Theme
from feedback.results import Block, blocks, form_results
from projects.models import ProjectRole
from tests.factories import ThemeFactory
from tests.feedback.results_data import on_team, respond, results_form

DAY = date(2026, 3, 2)

SUPPRESSED = 'class="suppressed"'


@pytest.fixture
def survey(project):
    return results_form(project)


def url(form, **query):
    base = reverse("feedback:results", args=[form.project.organisation.slug, form.pk])
    if query:
        return base + "?" + "&".join(f"{key}={value}" for key, value in query.items())
    return base


def six_answers(form, q):
    """The hand-computed example (see test_the_figures_are_right)."""
    rows = [
        (5, 1, 0, [0], "Lang ventetid"),
        (4, 1, 0, [0, 1], "Uklare brev"),
        (4, 1, 1, [2], "Visste ikke status"),
        (3, 1, 2, [0, 2], "Sendt mellom kontorer"),
        (5, 0, 0, [1], "Bra veiledning"),
        (2, 0, 1, None, "Ingen svar på e-post"),
    ]
    for score, helped, single, multiple, text in rows:
        values = {"score": score, "helped": helped, "single": single, "text": text}
        if multiple is not None:
            values["multiple"] = multiple
        respond(form, q, **values)


def test_the_figures_are_right(survey):
    form, q = survey
    six_answers(form, q)
    results = form_results(form, list(form.questions.all()))
    assert results.count == 6 and not results.suppressed
    by_kind = {s.question.kind: s for s in results.summaries}

    score = by_kind["satisfaction"]
    assert score.answered == 6
    assert [row.count for row in score.rows] == [0, 1, 1, 2, 2]
    assert score.average == Decimal("3.8")  # 23 / 6 = 3.83

    helped = by_kind["yes_no"]
    assert [(row.count, row.share) for row in helped.rows] == [(4, 67), (2, 33)]

    single = by_kind["single"]
    assert [(row.label, row.count, row.share) for row in single.rows] == [
        ("Ja", 3, 50),
        ("Delvis", 2, 33),
        ("Nei", 1, 17),
    ]
    # Several choices: shares of the five who answered, adding up to more than 100 %.
    multiple = by_kind["multiple"]
    assert multiple.answered == 5
    assert [(row.label, row.count, row.share) for row in multiple.rows] == [
        ("Telefon", 3, 60),
        ("E-post", 2, 40),
        ("Oppmøte", 2, 40),
    ]
    assert by_kind["what_matters"].answered == 6


def test_the_page_shows_charts_tables_and_the_average_with_a_decimal_comma(
    client_for, cast, survey
):
    form, q = survey
    six_answers(form, q)
    page = client_for(cast.facilitator).get(url(form)).content.decode()
    assert SUPPRESSED not in page
    assert page.count('class="chart chart--bars"') == 4
    assert 'class="chart chart--columns"' in page
    assert "3,8" in page
    assert "67\u00a0%" in page
    assert "Sendt mellom kontorer" in page


@pytest.mark.parametrize("n", [4, 5])
def test_fewer_than_five_answers_show_nothing_apart(client_for, cast, survey, n):
    form, q = survey
    for i in range(n):
        respond(form, q, score=4, text=f"Svar nummer {i}")
    page = client_for(cast.facilitator).get(url(form)).content.decode()
    if n == 4:
        assert SUPPRESSED in page
        assert "<svg" not in page
        assert "Svar nummer" not in page
    else:
        assert SUPPRESSED not in page
        assert 'class="chart chart--bars"' in page
        assert "Svar nummer 0" in page


def test_an_optional_question_answered_by_fewer_than_five_is_suppressed(survey):
    form, q = survey
    for i in range(6):
        respond(form, q, score=4, **({"helped": 1} if i < 3 else {}))
    summaries = {
        s.question.kind: s for s in form_results(form, list(form.questions.all())).summaries
    }
    assert summaries["satisfaction"].rows
    assert summaries["yes_no"].suppressed and summaries["yes_no"].rows == []


def test_a_period_that_would_reveal_a_small_group_is_widened(client_for, cast, survey):
    """All answers minus one day's five would show the other two: the period
    takes in the whole block instead (secondary suppression)."""
    form, q = survey
    for _ in range(5):
        respond(form, q, on=DAY, score=5)
    for _ in range(2):
        respond(form, q, on=DAY + timedelta(days=1), score=1)
    results = form_results(form, list(form.questions.all()), DAY, DAY)
    assert results.count == 7
    assert results.period.widened and not results.period.narrowed
    page = client_for(cast.facilitator).get(url(form, start="02.03.2026", end="02.03.2026"))
    assert "message--warning" in page.content.decode()


def test_a_question_answered_by_few_in_a_period_widens_it_too(survey):
    form, q = survey
    for _ in range(5):
        respond(form, q, on=DAY, score=4)
    for i in range(5):
        respond(form, q, on=DAY + timedelta(days=1), score=4, **({"helped": 1} if i < 3 else {}))
    questions = list(form.questions.all())
    # Day two alone would show three yes/no answers, which "both days minus day one" reveals.
    results = form_results(form, questions, DAY, DAY)
    assert results.count == 10 and results.period.widened


def test_whole_blocks_are_shown_as_asked(survey):
    form, q = survey
    for day in range(3):
        for _ in range(5):
            respond(form, q, on=DAY + timedelta(days=day), score=day + 1)
    results = form_results(
        form, list(form.questions.all()), DAY + timedelta(days=1), DAY + timedelta(days=1)
    )
    assert results.count == 5
    assert results.period.narrowed and not results.period.widened
    score = results.summaries[0]
    assert score.average == Decimal("2.0")


def test_blocks_are_safe_and_cover_every_day():
    day = [DAY + timedelta(days=n) for n in range(6)]
    per_day = {day[0]: 3, day[1]: 3, day[2]: 5, day[3]: 1, day[4]: 4, day[5]: 2}
    cut = blocks(per_day, {})
    assert [(b.first, b.last, b.responses) for b in cut] == [
        (day[0], day[1], 6),
        (day[2], day[2], 5),
        (day[3], day[5], 7),
    ]
    assert all(isinstance(b, Block) and b.safe() for b in cut)


def test_a_small_tail_is_merged_back():
    per_day = {DAY: 5, DAY + timedelta(days=1): 2}
    assert [(b.first, b.last, b.responses) for b in blocks(per_day, {})] == [
        (DAY, DAY + timedelta(days=1), 7)
    ]


@pytest.mark.parametrize(
    ("query", "problem"),
    [
        ({"start": "31.02.2026"}, "start"),
        ({"end": "i går"}, "end"),
        ({"start": "10.03.2026", "end": "01.03.2026"}, "end"),
    ],
)
def test_bad_dates_are_named_over_all_the_answers(client_for, cast, survey, query, problem):
    form, q = survey
    for _ in range(5):
        respond(form, q, score=3)
    response = client_for(cast.facilitator).get(url(form, **query))
    assert response.status_code == 200
    page = response.content.decode()
    assert 'class="error-summary"' in page
    assert f'href="#id_{problem}"' in page
    # The period is not applied, but the results of the whole form stay in view.
    assert 'id="count-heading"' in page and 'id="questions-heading"' in page


def test_a_period_typed_as_day_month_year_filters(client_for, cast, survey):
    form, q = survey
    for _ in range(5):
        respond(form, q, on=DAY, score=2, text="Tidlig svar")
    for _ in range(5):
        respond(form, q, on=DAY + timedelta(days=30), score=5, text="Sent svar")
    page = client_for(cast.facilitator).get(url(form, start="01.04.2026")).content.decode()
    assert "Sent svar" in page and "Tidlig svar" not in page


def test_free_text_whose_retention_ran_out_shows_as_deleted(client_for, cast, project):
    form, q = results_form(project, retention_days=30)
    old = DAY - timedelta(days=400)
    for i in range(5):
        respond(form, q, on=old, text=f"Gammelt svar {i}")
    Answer.objects.filter(text="Gammelt svar 0").update(text="", text_deleted_on=DAY)
    page = client_for(cast.facilitator).get(url(form)).content.decode()
    assert "Gammelt svar" not in page
    assert page.count('class="answer__deleted"') == 5


# --- Themes ----------------------------------------------------------------------------


def theme_add_url(form):
    return reverse("feedback:theme_add", args=[form.project.organisation.slug, form.pk])


def answer_themes_url(answer):
    return reverse(
        "feedback:answer_themes", args=[answer.question.form.project.organisation.slug, answer.pk]
    )


def test_a_contributor_adds_a_theme_once(client_for, cast, project, survey):
    form, _q = survey
    member = on_team(project, cast.employee)
    client = client_for(member)
    for _ in range(2):  # a double-click
        response = client.post(theme_add_url(form), {"name": "  Venting  "})
        assert response.status_code == 302
    assert list(Theme.objects.filter(form=form).values_list("name", flat=True)) == ["Venting"]


def test_an_empty_theme_name_is_refused(client_for, cast, survey):
    form, _q = survey
    client_for(cast.facilitator).post(theme_add_url(form), {"name": " "})
    assert not Theme.objects.exists()


def test_tagging_with_htmx_and_without(client_for, cast, survey):
    form, q = survey
    respond(form, q, text="Lang ventetid")
    answer = Answer.objects.get(text="Lang ventetid")
    waiting, letters = ThemeFactory(form=form, name="Venting"), ThemeFactory(form=form, name="Brev")
    client = client_for(cast.facilitator)

    response = client.post(
        answer_themes_url(answer),
        {"themes": [waiting.pk, letters.pk]},
        headers={"HX-Request": "true"},
    )
    assert response.status_code == 200
    assert f'id="answer-{answer.pk}"' in response.content.decode()
    assert set(answer.themes.all()) == {waiting, letters}

    response = client.post(answer_themes_url(answer), {"themes": [letters.pk]})
    assert response.status_code == 302 and response["Location"].endswith(f"#answer-{answer.pk}")
    assert list(answer.themes.all()) == [letters]


def test_a_theme_of_another_form_is_refused(client_for, cast, project, survey):
    form, q = survey
    respond(form, q, text="Lang ventetid")
    answer = Answer.objects.get(text="Lang ventetid")
    elsewhere = ThemeFactory(form=results_form(project)[0])
    response = client_for(cast.facilitator).post(
        answer_themes_url(answer), {"themes": [elsewhere.pk]}, headers={"HX-Request": "true"}
    )
    assert response.status_code == 422
    assert 'role="alert"' in response.content.decode()
    assert not answer.themes.exists()


def test_an_observer_reads_but_cannot_tag(client_for, cast, project, survey):
    form, q = survey
    respond(form, q, text="Lang ventetid")
    answer = Answer.objects.get(text="Lang ventetid")
    theme = ThemeFactory(form=form)
    observer = on_team(project, cast.employee, ProjectRole.OBSERVER)
    client = client_for(observer)
    assert client.get(url(form)).status_code == 200
    assert client.post(theme_add_url(form), {"name": "Brev"}).status_code == 403
    assert client.post(answer_themes_url(answer), {"themes": [theme.pk]}).status_code == 403
    delete = reverse("feedback:theme_delete", args=[cast.organisation.slug, theme.pk])
    assert client.post(delete).status_code == 403
    assert not answer.themes.exists()


def test_filter_by_theme_and_theme_counts_under_five_are_suppressed(client_for, cast, survey):
    form, q = survey
    for i in range(8):
        respond(form, q, score=4, text=f"Svar {i}")
    waiting = ThemeFactory(form=form, name="Venting")
    letters = ThemeFactory(form=form, name="Brev")
    answers = list(Answer.objects.filter(question=q["text"]).order_by("pk"))
    for answer in answers[:5]:
        answer.themes.add(waiting)
    for answer in answers[5:7]:
        answer.themes.add(letters)
    client = client_for(cast.facilitator)

    page = client.get(url(form)).content.decode()
    assert '<span class="theme-counts__n">5</span>' in page
    assert '<span class="theme-counts__n">2</span>' not in page

    page = client.get(url(form, theme=waiting.pk)).content.decode()
    assert all(f"Svar {i}<" in page for i in range(5))
    assert "Svar 7<" not in page

    page = client.get(url(form, theme=letters.pk)).content.decode()
    assert SUPPRESSED in page and "Svar 5<" not in page


def test_deleting_a_theme_asks_first(client_for, cast, survey):
    form, _q = survey
    theme = ThemeFactory(form=form)
    delete = reverse("feedback:theme_delete", args=[cast.organisation.slug, theme.pk])
    client = client_for(cast.facilitator)
    assert client.get(delete).status_code == 200
    assert Theme.objects.filter(pk=theme.pk).exists()
    assert client.post(delete).status_code == 302
    assert not Theme.objects.filter(pk=theme.pk).exists()


def test_the_answers_list_is_paginated(client_for, cast, survey):
    form, q = survey
    for i in range(45):
        respond(form, q, score=3, text=f"Svar {i:02d}")
    client = client_for(cast.facilitator)
    first = client.get(url(form)).content.decode()
    assert first.count('class="answer card"') == 20
    assert "Svar 44" in first  # newest first
    last = client.get(url(form, page=3)).content.decode()
    assert last.count('class="answer card"') == 5 and "Svar 00" in last


def test_a_reworded_option_never_shows_its_old_label(client_for, cast):
    from feedback.models import Question, QuestionKind
    from tests.factories import AnswerFactory, FormFactory, ProjectFactory, ResponseFactory

    project = ProjectFactory(organisation=cast.organisation)
    form = FormFactory(project=project)
    question = Question.objects.create(
        form=form,
        kind=QuestionKind.SINGLE,
        text="Hvor søkte du?",
        options=[{"nb": "Papir"}, {"nb": "Nett"}],
    )
    for _ in range(6):
        AnswerFactory(question=question, response=ResponseFactory(form=form), number=1)
    url = reverse("feedback:results", args=[cast.organisation.slug, form.pk])
    assert "Nett" in client_for(cast.admin).get(url).content.decode()
    question.options = [{"nb": "Papir"}, {"nb": "Byggsøk"}]
    question.save()
    page = client_for(cast.admin).get(url).content.decode()
    assert "Byggsøk" in page and ">Nett<" not in page
