"""E-mails about ideas and actions: sent once after the commit, never for a
rolled-back change, not when switched off, not to oneself, in the
recipient's language, with a link straight to the item."""

from datetime import date, timedelta

import pytest
from django.conf import settings
from django.core import mail
from django.core.exceptions import ValidationError
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation

from accounts.services import delete_account
from ideas import notifications, services, stages, tasks
from ideas.models import ActionStatus, NotificationSettings, Stage
from klean.celery import app
from projects.models import Activity
from projects.timeline import describe
from tests.factories import ActionFactory, TeamMemberFactory, UserFactory
from tests.klean.test_tasks import redis_worker, wait_for  # noqa: F401 - the real worker

pytestmark = pytest.mark.django_db


@pytest.fixture
def idea(project, cast):
    return services.propose(project, by=cast.employee, title="Sjekkliste for komplett søknad")


def switch_off(user, **kinds):
    NotificationSettings.objects.create(user=user, **kinds)


# --- The proposer hears when their idea changes stage -----------------------------------


def test_the_proposer_is_emailed_once_after_the_commit(
    idea, cast, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        stages.move(idea, Stage.DEVELOP, by=cast.facilitator)
        assert not mail.outbox  # nothing before the commit
    assert len(callbacks) == 1
    [message] = mail.outbox
    assert message.to == [cast.employee.email]
    assert "Sjekkliste for komplett søknad" in message.subject
    assert "\n" not in message.subject
    assert "Vera Veileder" in message.body
    path = f"/o/{cast.organisation.slug}/ideas/{idea.pk}/"
    assert settings.SITE_URL + path in message.body
    assert settings.SITE_URL + reverse("ideas:notifications") in message.body


def test_a_rolled_back_move_sends_nothing(idea, cast, django_capture_on_commit_callbacks):
    with (
        django_capture_on_commit_callbacks(execute=True) as callbacks,
        pytest.raises(RuntimeError),
        transaction.atomic(),
    ):
        stages.move(idea, Stage.DEVELOP, by=cast.facilitator)
        raise RuntimeError("the request failed after the move")
    assert not callbacks and not mail.outbox


def test_a_refused_move_sends_nothing(idea, cast, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True), pytest.raises(ValidationError):
        stages.move(idea, Stage.DONE, by=cast.facilitator)
    assert not mail.outbox


def test_moving_ones_own_idea_sends_nothing(idea, cast, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        stages.move(idea, Stage.DEVELOP, by=cast.employee)
    assert not mail.outbox


def test_a_proposer_who_switched_stage_changes_off_hears_nothing(
    idea, cast, django_capture_on_commit_callbacks
):
    switch_off(cast.employee, stage_changes=False)
    with django_capture_on_commit_callbacks(execute=True):
        stages.move(idea, Stage.DEVELOP, by=cast.facilitator)
    assert not mail.outbox


def test_a_backdated_move_is_history_and_sends_nothing(
    idea, cast, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        stages.move(idea, Stage.DEVELOP, by=cast.facilitator, at=idea.created_at)
    assert not callbacks and not mail.outbox
    assert idea.stage_changes.get().at == idea.created_at


def test_an_anonymous_proposer_still_hears_and_the_reason_is_given(
    project, cast, django_capture_on_commit_callbacks
):
    idea = services.propose(project, by=cast.employee, title="Felles innboks", anonymous=True)
    with django_capture_on_commit_callbacks(execute=True):
        stages.move(idea, Stage.REJECTED, by=cast.facilitator, note="Finnes allerede")
    [message] = mail.outbox
    assert message.to == [cast.employee.email]
    assert "Finnes allerede" in message.body


@pytest.mark.parametrize(("language", "word"), [("nb", "forkastet"), ("nn", "forkasta")])
def test_the_email_is_in_the_recipients_language(
    idea, cast, django_capture_on_commit_callbacks, language, word
):
    NotificationSettings.objects.create(user=cast.employee, language=language)
    with django_capture_on_commit_callbacks(execute=True):
        stages.move(idea, Stage.REJECTED, by=cast.facilitator, note="Dekket av et annet tiltak")
    [message] = mail.outbox
    assert word in message.subject.lower()
    assert word in message.body.lower()
    other = {"nb": "forkasta", "nn": "forkastet"}[language]
    assert other not in message.body.lower()


def test_a_deleted_account_hears_nothing(idea, cast, django_capture_on_commit_callbacks):
    delete_account(cast.employee)
    with django_capture_on_commit_callbacks(execute=True):
        stages.move(idea, Stage.DEVELOP, by=cast.facilitator)
    assert not mail.outbox


# --- An owner hears when given an idea or an action ---------------------------------------


def test_a_new_action_owner_is_emailed_with_a_link_to_the_action_plan(
    project, cast, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        action = services.add_action(
            project,
            by=cast.facilitator,
            what="Lage sjekkliste for vedlegg",
            owner=cast.employee,
            due_date=date(2030, 3, 2),
        )
    assert len(callbacks) == 1
    [message] = mail.outbox
    assert message.to == [cast.employee.email]
    assert "Lage sjekkliste for vedlegg" in message.subject
    assert Activity.objects.filter(kind="ideas.action_added", target_id=action.pk).exists()
    assert "02.03.2030" in message.body
    path = f"/o/{cast.organisation.slug}/projects/{project.pk}/actions/"
    assert f"{settings.SITE_URL}{path}#action-{action.pk}" in message.body


def test_nobody_is_emailed_about_their_own_action(
    project, cast, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        services.add_action(project, by=cast.employee, what="Rydde innboksen", owner=cast.employee)
        services.add_action(project, by=cast.employee, what="Uten ansvarlig")
    assert not callbacks and not mail.outbox


def test_an_owner_from_outside_the_project_is_refused_and_nothing_is_saved(
    project, idea, cast, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        with pytest.raises(ValidationError) as error:
            services.add_action(project, by=cast.facilitator, what="X", owner=cast.outsider)
        assert "owner" in error.value.message_dict
        with pytest.raises(ValidationError):
            services.assign_idea_owner(idea, cast.outsider, cast.facilitator)
    assert not project.actions.exists() and not mail.outbox
    idea.refresh_from_db()
    assert idea.owner is None


def test_a_new_idea_owner_is_emailed_once_and_the_anonymous_proposer_is_not_named(
    project, cast, django_capture_on_commit_callbacks
):
    idea = services.propose(project, by=cast.employee, title="Forhåndskonferanse", anonymous=True)
    with django_capture_on_commit_callbacks(execute=True):
        services.assign_idea_owner(idea, cast.leader, cast.facilitator)
        services.assign_idea_owner(idea, cast.leader, cast.facilitator)  # no change: no mail
    [message] = mail.outbox
    assert message.to == [cast.leader.email]
    assert "Forhåndskonferanse" in message.subject
    [line] = Activity.objects.filter(kind="ideas.owner_set")
    assert "Vera Veileder" in describe(line) and "Lars Leder" in describe(line)
    assert f"/ideas/{idea.pk}/" in message.body
    assert cast.employee.full_name not in message.body
    assert cast.employee.email not in message.body


def test_a_named_proposer_is_named_to_the_owner(project, cast, django_capture_on_commit_callbacks):
    idea = services.propose(project, by=cast.employee, title="Felles innboks")
    with django_capture_on_commit_callbacks(execute=True):
        services.assign_idea_owner(idea, cast.leader, cast.facilitator)
    assert cast.employee.full_name in mail.outbox[0].body


def test_an_owner_who_switched_assignments_off_hears_nothing(
    project, idea, cast, django_capture_on_commit_callbacks
):
    switch_off(cast.leader, assignments=False)
    with django_capture_on_commit_callbacks(execute=True):
        services.assign_idea_owner(idea, cast.leader, cast.facilitator)
        services.add_action(project, by=cast.facilitator, what="Prøve ut", owner=cast.leader)
    assert not mail.outbox


def test_an_owner_replaced_before_the_mail_went_hears_nothing(idea, cast):
    services.assign_idea_owner(idea, cast.leader, cast.facilitator)  # not committed: queued only
    idea.owner = cast.admin
    idea.save()
    assert not tasks.send_assignment("ideas.idea", idea.pk, cast.leader.pk, cast.facilitator.pk)
    assert not mail.outbox


# --- The weekly digest of overdue actions ---------------------------------------------


def test_the_digest_lists_only_open_overdue_actions_once_per_person(project, cast):
    today = timezone.localdate()
    late = today - timedelta(days=3)
    for what in ("Ringe søkerne", "Oppdatere nettsiden"):
        ActionFactory(project=project, owner=cast.employee, due_date=late, what=what)
    ActionFactory(
        project=project, owner=cast.employee, due_date=late, what="Pågår", status="in_progress"
    )
    ActionFactory(
        project=project,
        owner=cast.employee,
        due_date=late,
        what="Ferdig tiltak",
        status=ActionStatus.DONE,
    )
    ActionFactory(
        project=project,
        owner=cast.employee,
        due_date=late,
        what="Avlyst tiltak",
        status=ActionStatus.CANCELLED,
    )
    ActionFactory(project=project, owner=cast.employee, due_date=today, what="Frist i dag")
    ActionFactory(project=project, owner=cast.employee, due_date=None, what="Uten frist")
    ActionFactory(project=project, owner=cast.leader, due_date=late, what="Lars sitt tiltak")
    ActionFactory(project=project, owner=None, due_date=late, what="Uten ansvarlig")

    assert tasks.send_overdue_digests.delay().get() == 2

    by_person = {message.to[0]: message for message in mail.outbox}
    assert len(mail.outbox) == 2 == len(by_person)
    body = by_person[cast.employee.email].body
    for shown in ("Ringe søkerne", "Oppdatere nettsiden", "Pågår"):
        assert shown in body
    for hidden in ("Ferdig tiltak", "Avlyst tiltak", "Frist i dag", "Uten frist", "Lars sitt"):
        assert hidden not in body
    assert "3" in by_person[cast.employee.email].subject
    path = f"/o/{cast.organisation.slug}/projects/{project.pk}/actions/"
    assert settings.SITE_URL + path in body
    assert "Lars sitt tiltak" in by_person[cast.leader.email].body


def test_the_digest_skips_who_switched_it_off_and_who_has_nothing_late(project, cast):
    late = timezone.localdate() - timedelta(days=10)
    ActionFactory(project=project, owner=cast.employee, due_date=late)
    ActionFactory(project=project, owner=cast.leader, due_date=late)
    switch_off(cast.leader, weekly_digest=False)
    switch_off(cast.facilitator, stage_changes=False)  # a row, digest still on, nothing late

    assert notifications.overdue_owners() == [cast.employee.pk]
    tasks.send_overdue_digests.delay()
    assert [message.to for message in mail.outbox] == [[cast.employee.email]]


def test_the_digest_is_written_in_the_recipients_language(project, cast, monkeypatch):
    yesterday = timezone.localdate() - timedelta(days=1)
    ActionFactory(project=project, owner=cast.employee, due_date=yesterday)
    written_in = []

    def render(template, context):
        written_in.append(translation.get_language())
        return render_to_string(template, context)

    monkeypatch.setattr(notifications, "render_to_string", render)
    NotificationSettings.objects.create(user=cast.employee, language="nn")
    notifications.send_digest(cast.employee.pk)
    NotificationSettings.objects.filter(user=cast.employee).update(language="nb")
    notifications.send_digest(cast.employee.pk)
    assert written_in == ["nn", "nb"]
    assert [message.to for message in mail.outbox] == [[cast.employee.email]] * 2


def test_the_digest_runs_on_monday_morning_by_beat():
    schedule = settings.CELERY_BEAT_SCHEDULE["ideas-overdue-actions-digest"]
    assert schedule["task"] == tasks.send_overdue_digests.name
    assert tasks.send_overdue_digests.name in app.tasks
    cron = schedule["schedule"]
    assert cron.day_of_week == {1} and cron.hour == {7} and cron.minute == {0}
    assert settings.CELERY_TIMEZONE == "Europe/Oslo"


# --- The settings page -----------------------------------------------------------------


def test_a_person_switches_each_kind_off_and_the_row_is_theirs(client_for, cast):
    client = client_for(cast.employee)
    page = client.get(reverse("ideas:notifications"))
    assert page.status_code == 200
    assert 'name="weekly_digest"' in page.content.decode()
    response = client.post(
        reverse("ideas:notifications"),
        {"stage_changes": "on", "assignments": "on", "language": "nn"},
    )
    assert response.status_code == 302
    client.post(reverse("ideas:notifications"), {"stage_changes": "on", "language": "nn"})
    row = NotificationSettings.objects.get()
    assert row.user == cast.employee
    assert (row.stage_changes, row.assignments, row.weekly_digest) == (True, False, False)
    assert notifications.language_of(cast.employee) == "nn"


def test_a_bad_language_is_refused_with_a_message(client_for, cast):
    response = client_for(cast.employee).post(reverse("ideas:notifications"), {"language": "xx"})
    assert response.status_code == 200
    assert 'id="id_language_error"' in response.content.decode()
    assert not NotificationSettings.objects.exists()


def test_the_account_page_links_to_the_settings(client_for, cast):
    page = client_for(cast.employee).get(reverse("accounts:account"))
    assert reverse("ideas:notifications") in page.content.decode()


def test_without_a_row_everything_is_on_and_in_bokmal():
    user = UserFactory()
    assert all(notifications.wants(user, kind) for kind in notifications.KINDS)
    assert notifications.language_of(user) == "nb"
    assert not NotificationSettings.objects.exists()


def test_deleting_the_account_removes_the_choice(cast):
    switch_off(cast.employee, weekly_digest=False)
    delete_account(cast.employee)
    assert not NotificationSettings.objects.exists()


# --- The language picked in the site's language switch ---------------------------------


def switch_language(client, language):
    return client.post(reverse("set_language"), {"language": language, "next": "/"})


@pytest.mark.parametrize(
    ("language", "word", "others"),
    [("nn", "forkasta", ("forkastet", "rejected")), ("en", "rejected", ("forkast",))],
)
def test_the_language_picked_in_the_switch_is_the_next_emails_language(
    idea, cast, client_for, django_capture_on_commit_callbacks, language, word, others
):
    NotificationSettings.objects.create(user=cast.employee, language="nb")
    response = switch_language(client_for(cast.employee), language)
    assert response.status_code == 302 and response.cookies["django_language"].value == language
    with django_capture_on_commit_callbacks(execute=True):
        stages.move(idea, Stage.REJECTED, by=cast.facilitator, note="Dekket av et annet tiltak")
    [message] = mail.outbox
    assert word in message.subject.lower() and word in message.body.lower()
    assert not any(other in message.body.lower() for other in others)


def test_the_switch_keeps_the_other_choices_and_makes_one_row(client_for, cast):
    switch_off(cast.employee, weekly_digest=False)
    client = client_for(cast.employee)
    switch_language(client, "nn")
    switch_language(client, "nn")
    row = NotificationSettings.objects.get()
    assert (row.language, row.weekly_digest, row.stage_changes) == ("nn", False, True)


def test_a_first_switch_makes_the_row_with_everything_on(client_for, cast):
    switch_language(client_for(cast.employee), "en")
    assert notifications.language_of(cast.employee) == "en"
    assert all(notifications.wants(cast.employee, kind) for kind in notifications.KINDS)


@pytest.mark.parametrize("code", ["de", "xx", "", "nn\x00"])
def test_a_language_we_do_not_offer_is_not_kept(client_for, cast, code):
    response = switch_language(client_for(cast.employee), code)
    assert response.status_code in (302, 400)
    assert not NotificationSettings.objects.exists()


def test_an_anonymous_switch_keeps_nothing_and_a_get_is_refused(client, cast):
    assert switch_language(client, "nn").status_code == 302
    assert not NotificationSettings.objects.exists()
    assert client.get(reverse("set_language")).status_code == 405


# --- Through a real worker (in CI: Redis required) ------------------------------------


@pytest.mark.services
@pytest.mark.django_db(transaction=True)
def test_a_real_worker_sends_the_stage_change_after_the_commit(redis_worker, cast, project):  # noqa: F811
    idea = services.propose(project, by=cast.employee, title="Automatisk kvittering")
    stages.move(idea, Stage.DEVELOP, by=cast.facilitator)
    assert wait_for(lambda: len(mail.outbox) == 1)
    assert mail.outbox[0].to == [cast.employee.email]
    assert "Automatisk kvittering" in mail.outbox[0].subject


# --- Owners given on the edit pages go through the same services ------------------------


def test_an_owner_given_on_the_idea_page_is_emailed_and_logged(
    client_for, project, cast, django_capture_on_commit_callbacks
):
    TeamMemberFactory(project=project, user=cast.leader)
    idea = services.propose(project, by=cast.employee, title="Felles innboks")
    url = reverse("ideas:idea_edit", args=[cast.organisation.slug, idea.pk])
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(cast.facilitator).post(
            url, {"title": "Felles innboks", "source": "employee", "owner": cast.leader.pk}
        )
    assert response.status_code == 302
    assert [m.to for m in mail.outbox] == [[cast.leader.email]]
    assert Activity.objects.filter(kind="ideas.owner_set", target_id=cast.leader.pk).exists()


def test_an_owner_given_on_the_action_page_is_emailed(
    client_for, project, cast, django_capture_on_commit_callbacks
):
    TeamMemberFactory(project=project, user=cast.leader)
    action = services.add_action(project, by=cast.facilitator, what="Lage sjekkliste")
    url = reverse("ideas:action_edit", args=[cast.organisation.slug, action.pk])
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(cast.facilitator).post(
            url, {"what": "Lage sjekkliste", "status": "planned", "owner": cast.leader.pk}
        )
    assert response.status_code == 302
    assert [m.to for m in mail.outbox] == [[cast.leader.email]]
