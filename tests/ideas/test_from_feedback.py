"""«Make an idea of this»: an idea from a resident's free-text answer."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from ideas.models import Idea, IdeaSettings, Source
from projects.models import ProjectRole
from tests.factories import (
    AnswerFactory,
    FormFactory,
    IdeaFactory,
    QuestionFactory,
    TeamMemberFactory,
)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("in_english")]

WORDS = "Det tok tre uker før jeg fikk svar på et enkelt spørsmål om tilbygg."


@pytest.fixture
def answer(project):
    form = FormFactory(project=project)
    question = QuestionFactory(form=form, kind="long_text", text="Fortell om saken din")
    return AnswerFactory(question=question, number=None, text=WORDS)


def url(answer):
    slug = answer.question.form.project.organisation.slug
    return reverse("ideas:from_answer", args=[slug, answer.pk])


def test_the_form_is_prefilled_with_the_answers_words(client_for, cast, answer):
    response = client_for(cast.facilitator).get(url(answer))
    form = response.context["form"]
    assert form.initial["description"] == WORDS
    assert form.initial["title"].startswith("Det tok tre uker")
    assert WORDS in response.content.decode()


def test_the_idea_is_proposed_in_the_answers_project_and_linked(client_for, cast, answer):
    response = client_for(cast.facilitator).post(
        url(answer), {"title": "Raskere svar på enkle spørsmål", "description": WORDS}
    )
    idea = Idea.objects.get()
    assert response.status_code == 302 and response["Location"].endswith(f"/ideas/{idea.pk}/")
    assert idea.project == answer.question.form.project
    assert (idea.source, idea.feedback_answer, idea.proposed_by) == (
        Source.USER_FEEDBACK,
        answer,
        cast.facilitator,
    )


def test_a_double_click_makes_one_idea(client_for, cast, answer):
    client = client_for(cast.facilitator)
    for _ in range(2):
        client.post(url(answer), {"title": "Én idé", "description": WORDS})
    assert Idea.objects.count() == 1


def test_a_title_is_required(client_for, cast, answer):
    response = client_for(cast.facilitator).post(url(answer), {"title": "  ", "description": WORDS})
    assert "Give the idea a title." in response.content.decode()
    assert not Idea.objects.exists()


def test_deleted_free_text_cannot_become_an_idea(client_for, cast, answer):
    answer.text, answer.text_deleted_on = "", timezone.localdate()
    answer.save()
    client = client_for(cast.facilitator)
    response = client.get(url(answer))
    assert "deleted at the end of the retention period" in response.content.decode()
    assert response.context["form"] is None
    client.post(url(answer), {"title": "Likevel", "description": "x"})
    assert not Idea.objects.exists()


def test_text_past_the_retention_period_cannot_become_an_idea(client_for, cast, answer):
    form = answer.question.form
    answer.response.submitted_on = timezone.localdate() - timedelta(days=form.retention_days + 1)
    answer.response.save()
    response = client_for(cast.facilitator).get(url(answer))
    assert response.context["form"] is None


def test_a_number_answer_cannot_become_an_idea(client_for, cast, project):
    rating = AnswerFactory(question=QuestionFactory(form=FormFactory(project=project)))
    response = client_for(cast.facilitator).get(url(rating))
    assert "Only a free-text answer can become an idea." in response.content.decode()


def test_earlier_ideas_from_the_answer_are_named(client_for, cast, answer, project):
    IdeaFactory(project=project, feedback_answer=answer, title="Første idé")
    response = client_for(cast.facilitator).get(url(answer))
    assert "Første idé" in response.content.decode()


def test_the_results_page_offers_the_link_to_contributors_only(client_for, cast, answer):
    form = answer.question.form
    results = reverse("feedback:results", args=[form.project.organisation.slug, form.pk])
    for _ in range(4):  # the page shows free text only from five answers up
        AnswerFactory(question=answer.question, number=None, text="Mer tekst")
    html = client_for(cast.facilitator).get(results).content.decode()
    assert url(answer) in html
    html = client_for(cast.admin).get(results).content.decode()  # sees, does not contribute
    assert url(answer) not in html and WORDS in html


CLOSED = "This project is not taking new ideas just now."


@pytest.mark.parametrize("who", ["facilitator", "member"])
def test_a_project_closed_for_ideas_takes_none_from_an_answer_as_capture(
    client_for, cast, answer, project, who
):
    """The quick capture's rule and message: closed is closed for everyone
    who may contribute, the facilitator (a manager) included."""
    if who == "member":
        TeamMemberFactory(project=project, user=cast.employee, role=ProjectRole.MEMBER)
    user = cast.employee if who == "member" else cast.facilitator
    IdeaSettings.objects.create(project=project, open_for_ideas=False)
    client = client_for(user)
    response = client.get(url(answer))
    assert response.status_code == 200 and response.context["form"] is None
    assert CLOSED in response.content.decode() and WORDS in response.content.decode()
    response = client.post(url(answer), {"title": "Likevel", "description": WORDS})
    assert response.status_code == 200 and CLOSED in response.content.decode()
    assert not Idea.objects.exists()
    capture = reverse("ideas:capture", args=[project.organisation.slug, project.pk])
    assert CLOSED in client.get(capture).content.decode()


def test_an_open_project_with_settings_takes_the_idea(client_for, cast, answer, project):
    IdeaSettings.objects.create(project=project, open_for_ideas=True)
    client_for(cast.facilitator).post(url(answer), {"title": "Raskere svar", "description": WORDS})
    assert Idea.objects.get().feedback_answer == answer
