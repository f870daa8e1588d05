"""E-mails about ideas and actions, sent by Celery after the commit.

* The proposer hears when their idea changes stage (``stage_changed``, called
  by ``ideas.stages.move``), also when they proposed it anonymously: it is
  their idea.
* A person made owner of an idea or responsible for an action hears so
  (``notify_owner``, called where owners are set: ``ideas.services``).
* Every Monday morning each owner of open actions past their due date gets
  one list of them (``send_overdue_digests``, run by beat).

Nobody is e-mailed about what they did themselves. Each kind can be switched
off (``NotificationSettings``; without a row, everything is on). An e-mail is
written in the recipient's language — chosen on the notification settings
page, or the last language they picked in the site's language switch
(``remember_language``) — names no anonymous proposer and links straight to
the item. A rolled-back change sends nothing: the task is queued
in ``transaction.on_commit``, and a broker that is down is logged, never an
error for the person who made the change.
"""

from collections.abc import Callable
from functools import partial

from django.conf import settings
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from accounts.models import User
from ideas.models import Action, ActionStatus, Idea, NotificationSettings, Stage, StageChange
from projects.models import TeamMember
from projects.timeline import person

STAGE_CHANGES, ASSIGNMENTS, WEEKLY_DIGEST = "stage_changes", "assignments", "weekly_digest"
KINDS = (STAGE_CHANGES, ASSIGNMENTS, WEEKLY_DIGEST)
OPEN_ACTIONS = (ActionStatus.PLANNED, ActionStatus.IN_PROGRESS)


# --- Who wants what ------------------------------------------------------------------


def settings_for(user) -> NotificationSettings:
    """The person's settings; an unsaved row with everything on when they have none."""
    return NotificationSettings.objects.filter(user=user).first() or NotificationSettings(user=user)


def reachable(user) -> bool:
    return bool(user and user.is_active and not user.deleted_at and user.email)


def wants(user, kind: str) -> bool:
    if kind not in KINDS:
        raise ValueError(f"Unknown notification {kind!r}")
    return reachable(user) and getattr(settings_for(user), kind)


def language_of(user) -> str:
    code = settings_for(user).language
    return code if code in dict(settings.LANGUAGES) else settings.LANGUAGE_CODE


def save_settings(user, **values) -> None:
    """Store the person's choices; one row per person, also when two posts
    come at once."""
    try:
        with transaction.atomic():
            NotificationSettings.objects.update_or_create(user=user, defaults=values)
    except IntegrityError:  # a parallel post made the row first
        NotificationSettings.objects.filter(user=user).update(**values)


def remember_language(user, language: str) -> None:
    """The person picked ``language`` in the site's language switch: their
    e-mails come in it from now on (the ``language_chosen`` extension point;
    their other choices stay as they were)."""
    if language in dict(settings.LANGUAGES):
        save_settings(user, language=language)


# --- Queued after the commit (called inside the change's transaction) ---------------------


def _after_commit(task_name: str, *args) -> None:
    from ideas import tasks

    transaction.on_commit(partial(getattr(tasks, task_name).delay, *args), robust=True)


def stage_changed(change: StageChange) -> None:
    """Tell the idea's proposer about a move someone else made."""
    proposer_id = change.idea.proposed_by_id
    if proposer_id is None or proposer_id == change.by_id:
        return
    _after_commit("send_stage_change", change.pk)


def notify_owner(item: Idea | Action, by) -> None:
    """Tell the owner of ``item`` (an idea or an action) that ``by`` gave it to
    them; call it in the transaction that sets the owner. Giving it to oneself
    sends nothing."""
    owner_id = item.owner_id
    by_id = by.pk if by is not None else None
    if owner_id is None or owner_id == by_id:
        return
    _after_commit("send_assignment", item._meta.label_lower, item.pk, owner_id, by_id)


# --- The e-mails (run by the tasks) ---------------------------------------------------------


def link(name: str, args: list) -> str:
    """An absolute link to a page, for an e-mail."""
    return settings.SITE_URL + reverse(name, args=args)


def idea_link(idea: Idea, org_slug: str) -> str:
    return link("ideas:idea", [org_slug, idea.pk])


def action_plan_link(project, org_slug: str) -> str:
    return link("ideas:action_plan", [org_slug, project.pk])


def settings_link() -> str:
    return link("ideas:notifications", [])


def org_slug_for(project, user) -> str:
    """The organisation through which the person sees the project: their
    place on the team (a partner organisation's member), else the owner's."""
    slug = (
        TeamMember.objects.filter(project=project, user=user)
        .values_list("organisation__slug", flat=True)
        .first()
    )
    return slug or project.organisation.slug


def _send(user, subject: Callable[[], str], template: str, context: dict) -> bool:
    """Write the e-mail in the recipient's language and send it; a mail server
    that fails raises, so the task tries again."""
    with translation.override(language_of(user)):
        context = {**context, "recipient": user, "settings_link": settings_link()}
        text = " ".join(str(subject()).split())  # never a line break in a header
        body = render_to_string(template, context)
    send_mail(text, body, None, [user.email])
    return True


def _actor(by) -> str:
    return capfirst(str(person(by))) if by is not None else _("Someone")


def send_stage_change(change_id: int) -> bool:
    change = (
        StageChange.objects.select_related("idea__project__organisation", "idea__proposed_by", "by")
        .filter(pk=change_id)
        .first()
    )
    if change is None:
        return False
    idea, proposer = change.idea, change.idea.proposed_by
    if proposer is None or proposer.pk == change.by_id or not wants(proposer, STAGE_CHANGES):
        return False
    context = {
        "idea": idea,
        "project": idea.project,
        "actor": _actor(change.by),
        "from_stage": Stage(change.from_stage) if change.from_stage else None,
        "to_stage": Stage(change.to_stage),
        "note": change.note,
        "link": idea_link(idea, org_slug_for(idea.project, proposer)),
    }
    return _send(
        proposer,
        lambda: (
            _("Your idea «%(idea)s» is now at the stage %(stage)s")
            % {"idea": idea.title, "stage": Stage(change.to_stage).label.lower()}
        ),
        "ideas/email/stage_changed.txt",
        context,
    )


def send_assignment(model: str, pk: int, owner_id: int, by_id: int | None) -> bool:
    """``model`` is ``"ideas.idea"`` or ``"ideas.action"``. Sends nothing when
    the item has had another owner given meanwhile."""
    queryset = {"ideas.idea": Idea.objects, "ideas.action": Action.objects}[model]
    item = queryset.select_related("project__organisation", "owner").filter(pk=pk).first()
    if item is None or item.owner_id != owner_id or owner_id == by_id:
        return False
    owner = item.owner
    if not wants(owner, ASSIGNMENTS):
        return False
    by = User.objects.filter(pk=by_id).first() if by_id else None
    slug = org_slug_for(item.project, owner)
    context = {"item": item, "project": item.project, "actor": _actor(by)}
    if model == "ideas.idea":
        proposer = None
        if item.proposed_by_id and not item.anonymous:
            proposer = person(User.objects.filter(pk=item.proposed_by_id).first())
        context.update(link=idea_link(item, slug), proposer=proposer)
        return _send(
            owner,
            lambda: _("You are the owner of the idea «%(idea)s»") % {"idea": item.title},
            "ideas/email/idea_owner.txt",
            context,
        )
    context.update(link=action_plan_link(item.project, slug) + f"#action-{item.pk}")
    return _send(
        owner,
        lambda: _("You are responsible for the action «%(action)s»") % {"action": item.what},
        "ideas/email/action_owner.txt",
        context,
    )


def overdue(today=None):
    """Open actions past their due date, with an owner who can be reached."""
    today = today or timezone.localdate()
    return Action.objects.filter(
        status__in=OPEN_ACTIONS,
        due_date__lt=today,
        owner__is_active=True,
        owner__deleted_at__isnull=True,
    )


def overdue_owners(today=None) -> list[int]:
    """Everyone with open overdue actions who has not switched the digest off."""
    return list(
        overdue(today)
        .exclude(owner__idea_notifications__weekly_digest=False)
        .order_by("owner_id")
        .values_list("owner_id", flat=True)
        .distinct()
    )


def send_digest(user_id: int, today=None) -> bool:
    """One e-mail listing the person's open overdue actions, per project."""
    today = today or timezone.localdate()
    user = User.objects.filter(pk=user_id).first()
    if user is None or not wants(user, WEEKLY_DIGEST):
        return False
    actions = list(
        overdue(today)
        .filter(owner=user)
        .select_related("project__organisation")
        .order_by("project__title", "project_id", "due_date", "pk")
    )
    if not actions:
        return False
    slugs = dict(
        TeamMember.objects.filter(user=user, project__in={a.project_id for a in actions})
        .values_list("project_id", "organisation__slug")
        .distinct()
    )
    projects = []
    for action in actions:
        if not projects or projects[-1]["project"].pk != action.project_id:
            slug = slugs.get(action.project_id) or action.project.organisation.slug
            projects.append(
                {
                    "project": action.project,
                    "link": action_plan_link(action.project, slug),
                    "actions": [],
                }
            )
        action.days_late = (today - action.due_date).days
        projects[-1]["actions"].append(action)
    count = len(actions)
    return _send(
        user,
        lambda: (
            ngettext(
                "You have %(count)s overdue action", "You have %(count)s overdue actions", count
            )
            % {"count": count}
        ),
        "ideas/email/overdue_digest.txt",
        {"projects": projects, "count": count, "today": today},
    )
