"""The quick capture and "my ideas"."""

from django.urls import reverse

from ideas.models import Idea, IdeaSettings, Stage
from projects.models import Activity
from projects.timeline import describe
from tests.factories import IdeaFactory, ProjectFactory


def capture_url(project):
    return reverse("ideas:capture", args=[project.organisation.slug, project.pk])


def test_a_member_captures_an_idea_and_is_thanked_with_a_link(client_for, member, project):
    client = client_for(member)
    response = client.post(
        capture_url(project), {"title": "Digital søknad", "description": "Spar tid."}, follow=True
    )
    idea = Idea.objects.get()
    assert (idea.title, idea.stage, idea.proposed_by) == ("Digital søknad", Stage.COLLECT, member)
    page = response.content.decode()
    assert reverse("ideas:idea", args=[project.organisation.slug, idea.pk]) in page
    assert "Innhente" in page or "Collect" in page
    activity = Activity.objects.get(kind="ideas.idea_proposed")
    assert activity.actor == member


def test_a_double_click_makes_one_idea_and_a_clear_message(client_for, member, project):
    client = client_for(member)
    data = {"title": "Digital søknad", "description": ""}
    assert client.post(capture_url(project), data).status_code == 302
    second = client.post(capture_url(project), data)
    assert second.status_code == 422
    assert "already" in second.content.decode() or "allerede" in second.content.decode()
    assert Idea.objects.count() == 1


def test_an_empty_title_is_refused_and_nothing_saved(client_for, member, project):
    response = client_for(member).post(capture_url(project), {"title": "  "})
    assert response.status_code == 422 and not Idea.objects.exists()


def test_a_closed_project_refuses_kindly(client_for, member, project):
    IdeaSettings.objects.create(project=project, open_for_ideas=False)
    client = client_for(member)
    assert "tar ikke imot nye idéer" in client.get(capture_url(project)).content.decode()
    client.post(capture_url(project), {"title": "Noe"})
    assert not Idea.objects.exists()


def test_anonymous_is_offered_only_where_the_project_allows_it(client_for, member, project):
    client = client_for(member)
    assert 'name="anonymous"' not in client.get(capture_url(project)).content.decode()
    client.post(capture_url(project), {"title": "Skjult", "anonymous": "on"})
    assert Idea.objects.get().anonymous is False
    IdeaSettings.objects.create(project=project, allow_anonymous=True)
    assert 'name="anonymous"' in client.get(capture_url(project)).content.decode()
    client.post(capture_url(project), {"title": "Anonym idé", "anonymous": "on"})
    assert Idea.objects.get(title="Anonym idé").anonymous is True


def test_an_anonymous_idea_is_logged_without_its_proposer(client_for, member, project):
    IdeaSettings.objects.create(project=project, allow_anonymous=True)
    client_for(member).post(capture_url(project), {"title": "Anonym idé", "anonymous": "on"})
    activity = Activity.objects.get(kind="ideas.idea_proposed_anonymously")
    assert activity.actor is None
    assert member.display_name not in describe(activity)


def test_an_observer_may_not_capture(client_for, observer, project):
    assert client_for(observer).post(capture_url(project), {"title": "X"}).status_code == 403
    assert not Idea.objects.exists()


def test_my_ideas_lists_mine_anonymous_too_and_not_others(client_for, cast, member, project):
    mine = IdeaFactory(project=project, proposed_by=member, title="Min idé")
    IdeaFactory(project=project, proposed_by=member, title="Min anonyme", anonymous=True)
    IdeaFactory(project=project, proposed_by=cast.facilitator, title="Andres idé")
    hidden = ProjectFactory(organisation=cast.organisation)  # not on its team
    IdeaFactory(project=hidden, proposed_by=member, title="Usynlig prosjekt")
    page = client_for(member).get(reverse("ideas:mine", args=[cast.organisation.slug]))
    text = page.content.decode()
    assert "Min idé" in text and "Min anonyme" in text
    assert "Andres idé" not in text and "Usynlig prosjekt" not in text
    assert reverse("ideas:idea", args=[cast.organisation.slug, mine.pk]) in text


def test_my_ideas_are_paginated_at_fifty(client_for, member, project):
    IdeaFactory.create_batch(51, project=project, proposed_by=member)
    page = client_for(member).get(reverse("ideas:mine", args=[project.organisation.slug]))
    assert len(page.context["page"].object_list) == 50
    assert page.context["page"].has_next()
