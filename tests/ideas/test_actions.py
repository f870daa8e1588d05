"""The action plan: who may add and change actions, due dates, «my actions»."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from ideas.models import Action, ActionStatus, Stage
from projects.models import Activity, ProjectRole
from tests.factories import (
    ActionFactory,
    IdeaFactory,
    MembershipFactory,
    ProjectFactory,
    TeamMemberFactory,
)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("in_english")]


def plan_url(project):
    return reverse("ideas:action_plan", args=[project.organisation.slug, project.pk])


def add_url(project):
    return reverse("ideas:action_add", args=[project.organisation.slug, project.pk])


def action_url(name, action):
    return reverse(f"ideas:{name}", args=[action.project.organisation.slug, action.pk])


@pytest.fixture
def member(cast, project):
    TeamMemberFactory(project=project, user=cast.employee, role=ProjectRole.MEMBER)
    return cast.employee


def test_a_contributor_adds_an_action_for_someone_on_the_team(client_for, cast, project, member):
    idea = IdeaFactory(project=project)
    due = timezone.localdate() + timedelta(days=14)
    response = client_for(member).post(
        add_url(project),
        {
            "what": "Lage ny sjekkliste",
            "owner": cast.facilitator.pk,
            "due_date": due.strftime("%d.%m.%Y"),
            "idea": idea.pk,
        },
    )
    assert response.status_code == 302
    action = Action.objects.get()
    assert (action.owner, action.due_date, action.idea, action.created_by) == (
        cast.facilitator,
        due,
        idea,
        member,
    )
    assert Activity.objects.filter(kind="ideas.action_added").count() == 1


def test_an_owner_outside_the_team_is_refused_by_name(client_for, cast, project, member):
    stranger = MembershipFactory(organisation=cast.organisation).user
    response = client_for(member).post(add_url(project), {"what": "Noe", "owner": stranger.pk})
    assert response.status_code == 200
    assert "Choose a person on the project&#x27;s team." in response.content.decode()
    assert not Action.objects.exists()


def test_a_due_date_in_the_past_is_saved_with_a_warning(client_for, project, cast, member):
    past = timezone.localdate() - timedelta(days=3)
    response = client_for(member).post(
        add_url(project),
        {"what": "Ryddet arkivet", "due_date": past.strftime("%d.%m.%Y")},
        follow=True,
    )
    html = response.content.decode()
    assert Action.objects.get().due_date == past
    assert "has passed: the action is saved and shown as overdue" in html
    assert "action-row--overdue" in html and "Overdue" in html and "⚠" in html


def test_a_double_click_adds_one_action(client_for, project, member):
    client = client_for(member)
    for _ in range(2):
        client.post(add_url(project), {"what": "Ett tiltak"})
    assert Action.objects.count() == 1


def test_overdue_actions_stand_out_and_the_plan_is_by_due_date(client_for, cast, project):
    today = timezone.localdate()
    ActionFactory(project=project, what="Senere", due_date=today + timedelta(days=9))
    ActionFactory(project=project, what="Forfalt", due_date=today - timedelta(days=1))
    ActionFactory(
        project=project, what="Ferdig", due_date=today - timedelta(days=5), status=ActionStatus.DONE
    )
    response = client_for(cast.facilitator).get(plan_url(project))
    assert [a.what for a in response.context["open_actions"]] == ["Forfalt", "Senere"]
    assert response.context["overdue_count"] == 1
    assert "1 action is overdue." in response.content.decode()


def test_the_owner_changes_the_status_and_done_is_logged_once(client_for, cast, project, member):
    action = ActionFactory(project=project, owner=member)
    client = client_for(member)
    for _ in range(2):
        client.post(action_url("action_status", action), {"status": ActionStatus.DONE})
    action.refresh_from_db()
    assert action.status == ActionStatus.DONE and action.done_at is not None
    assert Activity.objects.filter(kind="ideas.action_done").count() == 1


def test_another_contributor_may_not_change_someone_elses_action(client_for, cast, project, member):
    action = ActionFactory(project=project, owner=cast.facilitator, created_by=cast.facilitator)
    client = client_for(member)
    assert client.post(action_url("action_status", action), {"status": "done"}).status_code == 403
    assert client.get(action_url("action_edit", action)).status_code == 403
    assert client.post(action_url("action_delete", action)).status_code == 403
    assert Action.objects.get().status == ActionStatus.PLANNED


def test_the_creator_edits_and_a_manager_deletes_after_confirming(
    client_for, cast, project, member
):
    action = ActionFactory(project=project, created_by=member, what="Gammelt")
    response = client_for(member).post(
        action_url("action_edit", action), {"what": "Nytt", "status": ActionStatus.IN_PROGRESS}
    )
    assert response.status_code == 302
    action.refresh_from_db()
    assert (action.what, action.status) == ("Nytt", ActionStatus.IN_PROGRESS)
    client = client_for(cast.facilitator)
    page = client.get(action_url("action_delete", action))
    assert "Delete the action «Nytt»?" in page.content.decode()
    assert Action.objects.exists()
    client.post(action_url("action_delete", action))
    assert not Action.objects.exists()


def test_an_unknown_status_is_refused(client_for, cast, project):
    action = ActionFactory(project=project)
    response = client_for(cast.facilitator).post(
        action_url("action_status", action), {"status": "gone"}, follow=True
    )
    assert "Choose a status from the list." in response.content.decode()
    assert Action.objects.get().status == ActionStatus.PLANNED


def test_my_actions_lists_my_open_actions_in_projects_i_see_overdue_first(
    client_for, cast, project, member
):
    today = timezone.localdate()
    other_project = ProjectFactory(organisation=cast.organisation)
    TeamMemberFactory(project=other_project, user=member)
    hidden = ProjectFactory(organisation=cast.organisation)  # not on its team
    ActionFactory(project=project, owner=member, what="Snart", due_date=today + timedelta(days=2))
    ActionFactory(
        project=other_project, owner=member, what="Forfalt", due_date=today - timedelta(days=2)
    )
    ActionFactory(project=project, owner=member, what="Ferdig", status=ActionStatus.DONE)
    ActionFactory(project=project, owner=cast.facilitator, what="Noen andres")
    ActionFactory(project=hidden, owner=member, what="Skjult")
    response = client_for(member).get(reverse("ideas:my_actions", args=[cast.organisation.slug]))
    assert [a.what for a in response.context["actions"]] == ["Forfalt", "Snart"]
    assert "Overdue" in response.content.decode()


def test_the_plan_shows_the_projects_benefits(client_for, cast, project):
    IdeaFactory(
        project=project,
        stage=Stage.SELECT,
        expected_hours=Decimal("1695"),
        expected_nok=Decimal("1200000.5"),
    )
    IdeaFactory(project=project, stage=Stage.PARKED, expected_hours=Decimal("500"))
    client = client_for(cast.facilitator)
    client.cookies["django_language"] = "nb"
    response = client.get(plan_url(project))
    benefits = response.context["benefits"]
    assert benefits.expected.hours == Decimal("1695") and benefits.expected.ftes == Decimal("1.00")
    html = response.content.decode()
    assert "1\xa0695" in html and "1\xa0200\xa0000,5" in html
    page = client.get(reverse("ideas:benefits", args=[project.organisation.slug, project.pk]))
    assert page.context["benefits"] == benefits


def test_the_benefits_page_lists_the_ideas_it_counts_and_its_assumptions(client_for, cast, project):
    counted = IdeaFactory(
        project=project, title="Digital søknad", stage=Stage.DONE, realised_hours=Decimal("420")
    )
    IdeaFactory(project=project, title="Parkert idé", stage=Stage.PARKED, expected_hours=5)
    client = client_for(cast.facilitator)
    client.cookies["django_language"] = "nb"
    page = client.get(reverse("ideas:benefits", args=[project.organisation.slug, project.pk]))
    assert page.context["counted"] == [counted]
    html = page.content.decode()
    assert "Digital søknad" in html and "Parkert idé" not in html
    assert "1\xa0695" in html  # the hours of one full-time equivalent, stated
