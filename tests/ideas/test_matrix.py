"""The effort–impact matrix: placement by quadrant, scores set by the view."""

import pytest
from django.urls import reverse

from ideas.models import Idea, Stage
from ideas.quadrants import Quadrant, quadrant
from projects.models import ProjectRole
from tests.factories import IdeaFactory, MembershipFactory, TeamMemberFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("in_english")]


@pytest.mark.parametrize(
    ("effort", "effect", "expected"),
    [
        (1, 5, Quadrant.NOW),
        (3, 3, Quadrant.NOW),
        (4, 5, Quadrant.PROJECT),
        (5, 3, Quadrant.PROJECT),
        (1, 1, Quadrant.CONVENIENT),
        (3, 2, Quadrant.CONVENIENT),
        (4, 2, Quadrant.DROP),
        (5, 1, Quadrant.DROP),
    ],
)
def test_each_score_pair_falls_in_its_quadrant(effort, effect, expected):
    assert quadrant(effort, effect) == expected


def matrix_url(project):
    return reverse("ideas:matrix", args=[project.organisation.slug, project.pk])


def score_url(idea):
    return reverse("ideas:score", args=[idea.project.organisation.slug, idea.pk])


def test_ideas_stand_in_their_cell_and_unscored_ones_beside(client_for, cast, project):
    quick = IdeaFactory(project=project, title="Sjekkliste på nett", effort=1, effect=5)
    IdeaFactory(project=project, title="Uten poeng")
    IdeaFactory(project=project, title="Parkert idé", effort=2, effect=2, stage=Stage.PARKED)
    response = client_for(cast.facilitator).get(matrix_url(project))
    html = response.content.decode()
    assert response.status_code == 200
    rows = response.context["rows"]
    top_left = rows[0]["cells"][0]  # effect 5, effort 1
    assert (top_left["effort"], top_left["effect"]) == (1, 5)
    assert top_left["ideas"] == [quick] and top_left["quadrant"] == Quadrant.NOW
    assert [i.title for i in response.context["unplaced"]] == ["Uten poeng"]
    assert "Parkert idé" not in html
    assert "Do it now (quick win)" in html and "Drop" in html
    everything = client_for(cast.facilitator).get(matrix_url(project) + "?all=1")
    assert "Parkert idé" in everything.content.decode()


def test_a_contributor_places_an_idea(client_for, cast, project):
    idea = IdeaFactory(project=project)
    response = client_for(cast.facilitator).post(score_url(idea), {"effort": 2, "effect": 4})
    assert response.status_code == 302
    idea.refresh_from_db()
    assert (idea.effort, idea.effect) == (2, 4)


def test_the_htmx_answer_is_the_matrix_with_the_move_announced(client_for, cast, project):
    idea = IdeaFactory(project=project, title="Ny mal")
    response = client_for(cast.facilitator).post(
        score_url(idea), {"effort": 5, "effect": 1}, HTTP_HX_REQUEST="true"
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert html.lstrip().startswith('<div id="matrix"')
    assert "<html" not in html
    assert "effort 5, effect 1" in html


@pytest.mark.parametrize(
    "data",
    [{"effort": 0, "effect": 3}, {"effort": 3, "effect": 6}, {"effort": "x", "effect": 2}, {}],
)
def test_scores_out_of_range_are_refused_with_a_message(client_for, cast, project, data):
    idea = IdeaFactory(project=project, effort=1, effect=1)
    response = client_for(cast.facilitator).post(score_url(idea), data, HTTP_HX_REQUEST="true")
    assert response.status_code == 422
    assert "from 1 to 5" in response.content.decode()
    idea.refresh_from_db()
    assert (idea.effort, idea.effect) == (1, 1)


def test_out_of_range_without_javascript_redirects_with_the_message(client_for, cast, project):
    idea = IdeaFactory(project=project)
    response = client_for(cast.facilitator).post(
        score_url(idea), {"effort": 9, "effect": 2}, follow=True
    )
    assert "The effort must be a score from 1 to 5." in response.content.decode()
    assert Idea.objects.get().effort is None


def test_an_observer_sees_the_matrix_but_cannot_place_ideas(client_for, cast, project):
    observer = MembershipFactory(organisation=cast.organisation).user
    TeamMemberFactory(project=project, user=observer, role=ProjectRole.OBSERVER)
    idea = IdeaFactory(project=project)
    client = client_for(observer)
    page = client.get(matrix_url(project))
    assert page.status_code == 200 and "matrix-score" not in page.content.decode()
    assert client.post(score_url(idea), {"effort": 1, "effect": 1}).status_code == 403
    assert Idea.objects.get().effort is None


def test_the_matrix_shows_fifty_ideas_at_a_time(client_for, cast, project):
    IdeaFactory.create_batch(53, project=project, effort=2, effect=4)
    client = client_for(cast.facilitator)
    url = reverse("ideas:matrix", args=[project.organisation.slug, project.pk])
    first = client.get(url)
    assert len(first.context["ideas"]) == 50 and first.context["page"].has_next()
    assert first.content.decode().count('<li class="matrix-idea') == 50
    second = client.get(url + "?page=2")
    assert len(second.context["ideas"]) == 3
    shown = {i.pk for i in first.context["ideas"]} | {i.pk for i in second.context["ideas"]}
    assert len(shown) == 53
    # A score posted from the second page comes back to the second page.
    idea = second.context["ideas"][0]
    score = reverse("ideas:score", args=[project.organisation.slug, idea.pk])
    response = client.post(score, {"effort": "1", "effect": "5", "page": "2"})
    assert response.url.endswith(f"?page=2#idea-{idea.pk}")
    fragment = client.post(
        score, {"effort": "2", "effect": "5", "page": "2"}, headers={"HX-Request": "true"}
    )
    assert fragment.content.decode().count('<tr id="row-') == 3


def test_a_refused_score_is_told_on_its_row_with_what_was_chosen(client_for, cast, project):
    idea = IdeaFactory(project=project, title="Kort video", effort=None, effect=None)
    score = reverse("ideas:score", args=[project.organisation.slug, idea.pk])
    response = client_for(cast.facilitator).post(
        score, {"effort": "2", "effect": ""}, headers={"HX-Request": "true"}
    )
    assert response.status_code == 422
    page = response.content.decode()
    row = page[page.index(f'<tr id="row-{idea.pk}"') :]
    row = row[: row.index("</tr>")]
    assert f'id="score-error-{idea.pk}"' in row and 'aria-invalid="true"' in row
    assert '<option value="2" selected>2</option>' in row
    assert Idea.objects.get().effort is None
