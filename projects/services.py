"""Changes to projects that touch several models and write the activity timeline."""

import logging

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.formats import date_format, number_format
from django.utils.translation import gettext as _

from accounts.models import Membership, Organisation, User
from klean.db import refuse_duplicates
from projects.method import OWNER_ITEM, Phase, checklist_item
from projects.models import (
    ChecklistTick,
    Goal,
    Measurement,
    Partnership,
    PartnershipStatus,
    PhaseChange,
    PhaseCompletion,
    Project,
    ProjectRole,
    TeamMember,
)
from projects.timeline import log

logger = logging.getLogger(__name__)


def _save_project(project: Project) -> None:
    message = _("%(organisation)s already has a project called “%(title)s”.") % {
        "organisation": project.organisation.name,
        "title": project.title,
    }
    with refuse_duplicates(message, code="title_taken"):
        project.save()


@transaction.atomic
def create_project(project: Project, *, by: User) -> Project:
    """Save a new project; its creator joins the team as process facilitator.

    Side effects: team member, timeline line.
    """
    project.created_by = by
    _save_project(project)
    TeamMember.objects.create(
        project=project, user=by, organisation=project.organisation, role=ProjectRole.FACILITATOR
    )
    log(project, "projects.created", by=by)
    return project


@transaction.atomic
def update_project(project: Project, *, changed: list[str], by: User) -> Project:
    """Save edits to a project (already applied to the instance by its form)."""
    _save_project(project)
    if "status" in changed:
        log(project, "projects.status", by=by, data={"status": project.status})
    if set(changed) - {"status"}:
        log(project, "projects.edited", by=by)
    return project


@transaction.atomic
def move_to_phase(project: Project, phase: int, *, by: User, note: str = "") -> PhaseChange:
    """Move a project forward or back to a phase, recording who did it and when."""
    if phase not in Phase.values:
        raise ValidationError(_("That phase does not exist."), code="no_such_phase")
    project = Project.objects.select_for_update().get(pk=project.pk)
    if phase == project.phase:
        raise ValidationError(_("The project is already in that phase."), code="same_phase")
    change = PhaseChange.objects.create(
        project=project, from_phase=project.phase, to_phase=phase, changed_by=by, note=note
    )
    kind = "projects.phase_forward" if phase > project.phase else "projects.phase_back"
    project.phase = phase
    project.save(update_fields=["phase", "updated_at"])
    log(project, kind, by=by, data={"phase": phase, "note": note})
    return change


def _has_process_owner(project: Project) -> bool:
    return project.team.filter(role=ProjectRole.PROCESS_OWNER).exists()


@transaction.atomic
def set_checklist_item(project: Project, *, phase: int, item: str, done: bool, by: User) -> None:
    """Tick an item of a phase's checklist off, or untick it."""
    entry = checklist_item(phase, item)
    if entry is None:
        raise ValidationError(_("That checklist item does not exist."), code="no_such_item")
    if done and item == OWNER_ITEM and not _has_process_owner(project):
        raise ValidationError(
            _("Put a process owner on the team first; then tick this off."),
            code="no_process_owner",
        )
    if done:
        try:
            with refuse_duplicates(_("That item is already ticked off.")):
                ChecklistTick.objects.create(project=project, phase=phase, item=item, ticked_by=by)
        except ValidationError:
            return  # ticked already (a double click, or someone else just now)
        log(project, "projects.ticked", by=by, data={"phase": phase, "item": item})
    else:
        deleted, _per_model = ChecklistTick.objects.filter(
            project=project, phase=phase, item=item
        ).delete()
        if deleted:
            log(project, "projects.unticked", by=by, data={"phase": phase, "item": item})


@transaction.atomic
def mark_phase_done(project: Project, *, phase: int, done: bool, by: User) -> None:
    """Mark a phase as done although its checklist is not complete, or undo that.

    Side effects: the mark, a timeline line.
    """
    if phase not in Phase.values:
        raise ValidationError(_("That phase does not exist."), code="no_such_phase")
    if done:
        try:
            with refuse_duplicates(_("The phase is already marked as done.")):
                PhaseCompletion.objects.create(project=project, phase=phase, completed_by=by)
        except ValidationError:
            return
        log(project, "projects.phase_done", by=by, data={"phase": phase})
    elif PhaseCompletion.objects.filter(project=project, phase=phase).delete()[0]:
        log(project, "projects.phase_reopened", by=by, data={"phase": phase})


@transaction.atomic
def save_goal(goal: Goal, *, by: User) -> Goal:
    created = goal.pk is None
    with refuse_duplicates(
        _("The project already has a goal called “%(name)s”.") % {"name": goal.name},
        code="name_taken",
    ):
        goal.save()
    kind = "projects.goal_added" if created else "projects.goal_edited"
    log(goal.project, kind, by=by, target=goal, data={"goal": goal.name})
    return goal


@transaction.atomic
def delete_goal(goal: Goal, *, by: User) -> None:
    log(goal.project, "projects.goal_deleted", by=by, data={"goal": goal.name})
    goal.delete()


@transaction.atomic
def record_measurement(measurement: Measurement, *, by: User, replace: bool = False) -> Measurement:
    """Store a measurement of a goal: one per goal and day.

    A second one for the same day is refused (ValidationError, code
    ``measurement_exists``) unless ``replace`` is given, when it replaces the
    first. Side effects: the row, a timeline line.
    """
    goal = measurement.goal
    existing = (
        Measurement.objects.select_for_update().filter(goal=goal, date=measurement.date).first()
    )
    taken = ValidationError(
        _(
            "There is already a measurement for %(date)s (%(value)s). "
            "Tick the box below to replace it."
        )
        % {
            "date": date_format(measurement.date, "SHORT_DATE_FORMAT"),
            "value": number_format((existing or measurement).value.normalize(), use_l10n=True),
        },
        code="measurement_exists",
    )
    if existing is not None and not replace:
        raise taken
    if existing is not None:
        existing.value, existing.note, existing.recorded_by = (
            measurement.value,
            measurement.note,
            by,
        )
        existing.save(update_fields=["value", "note", "recorded_by"])
        measurement = existing
    else:
        measurement.recorded_by = by
        with refuse_duplicates(taken.message, code="measurement_exists"):
            measurement.save()
    log(
        goal.project,
        "projects.measured",
        by=by,
        target=goal,
        data={
            "goal": goal.name,
            "value": f"{measurement.value.normalize():f}",
            "unit": goal.unit,
        },
    )
    return measurement


@transaction.atomic
def delete_measurement(measurement: Measurement, *, by: User) -> None:
    """Delete one measurement of a goal. Side effect: a timeline line."""
    goal = measurement.goal
    log(
        goal.project,
        "projects.measurement_deleted",
        by=by,
        target=goal,
        data={
            "goal": goal.name,
            "value": f"{measurement.value.normalize():f}",
            "unit": goal.unit,
            "date": measurement.date.isoformat(),
        },
    )
    measurement.delete()


def team_candidates(project: Project):
    """People who may join the team: members of the owning organisation and of
    the active partner organisations who are not on the team yet. A partner
    that has not accepted the request yet shows nobody."""
    organisations = [project.organisation_id, *_active_partner_ids(project)]
    return (
        Membership.objects.filter(organisation_id__in=organisations)
        .exclude(user__in=project.team.values("user"))
        .select_related("user", "organisation")
        .order_by("organisation__name", "user__full_name")
    )


def _active_partner_ids(project: Project) -> list[int]:
    return list(project.partnerships.active().values_list("organisation_id", flat=True))


@transaction.atomic
def add_team_member(project: Project, *, membership: Membership, role: str, by: User) -> TeamMember:
    """Put a member of the owning or an active partner organisation on the team.

    Side effects: a team member, a timeline line. Refuses (ValidationError)
    anyone else, also a member of an organisation that has been asked but has
    not accepted, and a person already on the team (also when two identical
    requests race).
    """
    allowed = {project.organisation_id, *_active_partner_ids(project)}
    if membership.organisation_id not in allowed:
        raise ValidationError(
            _("Only members of the project's organisation and its partners can join the team."),
            code="not_in_project_organisations",
        )
    if TeamMember.objects.filter(project=project, user=membership.user).exists():
        raise ValidationError(_("This person is already on the team."), code="already_on_team")
    with refuse_duplicates(_("This person is already on the team."), code="already_on_team"):
        member = TeamMember.objects.create(
            project=project, user=membership.user, organisation=membership.organisation, role=role
        )
    log(project, "projects.member_added", by=by, target=membership.user, data={"role": role})
    return member


def _facilitator_remains(project: Project, *, without: Q) -> bool:
    """Whether the project keeps a process facilitator once the team members
    matching ``without`` are gone. Locks the facilitators' rows, so two
    concurrent changes cannot both remove the last one."""
    facilitators = TeamMember.objects.filter(project=project, role=ProjectRole.FACILITATOR)
    list(facilitators.select_for_update())
    return facilitators.exclude(without).exists()


def _ensure_a_facilitator_remains(member: TeamMember, *, leaving: bool) -> None:
    if member.role != ProjectRole.FACILITATOR or not leaving:
        return
    if not _facilitator_remains(member.project, without=Q(pk=member.pk)):
        raise ValidationError(
            _("The project must have a process facilitator. Give someone else that role first."),
            code="last_facilitator",
        )


@transaction.atomic
def change_team_role(member: TeamMember, *, role: str, by: User) -> TeamMember:
    _ensure_a_facilitator_remains(member, leaving=role != ProjectRole.FACILITATOR)
    member.role = role
    member.save(update_fields=["role"])
    log(member.project, "projects.member_changed", by=by, target=member.user, data={"role": role})
    return member


@transaction.atomic
def remove_team_member(member: TeamMember, *, by: User) -> None:
    _ensure_a_facilitator_remains(member, leaving=True)
    log(member.project, "projects.member_removed", by=by, target=member.user)
    member.delete()


def _lock_project(project: Project) -> None:
    """Lock the project's row for the rest of the transaction, so that two
    identical requests (a double-click) are handled one after the other."""
    list(Project.objects.select_for_update().filter(pk=project.pk).values_list("pk"))


@transaction.atomic
def add_partner(project: Project, *, organisation: Organisation, by: User) -> Partnership:
    """Ask a partner organisation to take part in a project.

    The partnership waits (pending) until an administrator of the partner
    organisation accepts it: until then the owner sees none of the partner's
    people and the partner's people see nothing of the project.

    Side effects: a pending partnership, a timeline line, and an e-mail to the
    partner organisation's administrators after the commit. A mail server that
    fails (or a partner without an administrator to write to) is logged and
    marked (``partnership.mail_failed``); the request stays, and the
    administrators see it in K-LEAN. Refuses (ValidationError) the owning
    organisation itself and an organisation already asked or already a partner.
    """
    if organisation.pk == project.organisation_id:
        raise ValidationError(_("An organisation cannot be its own partner."), code="own_partner")
    _lock_project(project)
    current = project.partnerships.open().filter(organisation=organisation).first()
    if current is not None and current.is_pending:
        raise ValidationError(
            _("%(organisation)s has already been asked and has not answered yet.")
            % {"organisation": organisation.name},
            code="already_asked",
        )
    if current is not None:
        raise ValidationError(
            _("%(organisation)s is already a partner in this project.")
            % {"organisation": organisation.name},
            code="already_partner",
        )
    try:
        with transaction.atomic():
            partnership = Partnership.objects.create(
                project=project, organisation=organisation, added_by=by
            )
    except IntegrityError:  # lost a race that the lock did not serialise (SQLite)
        raise ValidationError(
            _("%(organisation)s has already been asked and has not answered yet.")
            % {"organisation": organisation.name},
            code="already_asked",
        ) from None
    log(project, "projects.partner_added", by=by, target=organisation)
    transaction.on_commit(lambda: _send_partnership_request_email(partnership))
    return partnership


def partnership_requests_link(organisation: Organisation) -> str:
    return settings.SITE_URL + reverse("projects:partnership_requests", args=[organisation.slug])


def _send_partnership_request_email(partnership: Partnership) -> None:
    """E-mail each administrator of the partner organisation about a request.

    A failure is logged and marked on the instance (``mail_failed``), so the
    view can say so; the request stays. Runs after the commit.
    """
    project = partnership.project
    admins = list(
        Membership.objects.admins()
        .filter(organisation=partnership.organisation, user__is_active=True)
        .select_related("user")
    )
    if not admins:
        logger.warning(
            "Partnership request %s: %s has no administrator to e-mail",
            partnership.pk,
            partnership.organisation.slug,
        )
        partnership.mail_failed = True
        return
    context = {
        "partnership": partnership,
        "project": project,
        "owner": project.organisation,
        "partner": partnership.organisation,
        "inviter": partnership.added_by,
        "link": partnership_requests_link(partnership.organisation),
    }
    with translation.override(settings.LANGUAGE_CODE):
        subject = _("%(owner)s asks %(partner)s to take part in a project in K-LEAN") % {
            "owner": project.organisation.name,
            "partner": partnership.organisation.name,
        }
        body = render_to_string("projects/email/partnership_request.txt", context)
    subject = " ".join(subject.split())  # never a line break in a header
    for admin in admins:
        try:
            send_mail(subject, body, None, [admin.user.email])
        except Exception:
            logger.exception(
                "Could not send the e-mail about partnership request %s to membership %s",
                partnership.pk,
                admin.pk,
            )
            partnership.mail_failed = True


def _lock_partnership(partnership: Partnership) -> Partnership:
    """The partnership as stored now, locked for the rest of the transaction:
    two presses of one button are handled one after the other."""
    return (
        Partnership.objects.select_for_update(of=("self",))
        .select_related("project", "organisation")
        .get(pk=partnership.pk)
    )


def _refuse_unless_pending(partnership: Partnership) -> None:
    messages = {
        PartnershipStatus.ACTIVE: _("This request has already been accepted."),
        PartnershipStatus.DECLINED: _("This request has already been declined."),
        PartnershipStatus.WITHDRAWN: _("This request has been withdrawn."),
        PartnershipStatus.ENDED: _("This partnership has ended."),
    }
    if partnership.status != PartnershipStatus.PENDING:
        raise ValidationError(messages[partnership.status], code=f"already_{partnership.status}")


@transaction.atomic
def accept_partnership(partnership: Partnership, *, by: User) -> Partnership:
    """Accept a request to take part in another organisation's project, as an
    administrator of the partner organisation.

    From now on the owner's project managers see the partner's members when
    they add people to the team, and those they add see the project.
    Side effects: the partnership is active and records who answered and
    when; a timeline line. Accepting an accepted request again changes
    nothing (a double-click); a withdrawn or declined one raises ValidationError.
    """
    locked = _lock_partnership(partnership)
    if locked.status == PartnershipStatus.ACTIVE:
        return locked
    _refuse_unless_pending(locked)
    locked.status = PartnershipStatus.ACTIVE
    locked.answered_by = by
    locked.answered_at = timezone.now()
    locked.save(update_fields=["status", "answered_by", "answered_at"])
    log(locked.project, "projects.partner_accepted", by=by, target=locked.organisation)
    return locked


@transaction.atomic
def decline_partnership(partnership: Partnership, *, by: User) -> Partnership:
    """Decline a request to take part in another organisation's project, as an
    administrator of the partner organisation.

    Side effects: the partnership is closed as declined, with who answered and
    when (the record stays; the owner may ask again later); a timeline line.
    Declining a declined request again changes nothing (a double-click); any
    other answered request raises ValidationError.
    """
    locked = _lock_partnership(partnership)
    if locked.status == PartnershipStatus.DECLINED:
        return locked
    _refuse_unless_pending(locked)
    now = timezone.now()
    locked.status = PartnershipStatus.DECLINED
    locked.answered_by = by
    locked.answered_at = now
    locked.ended_at = now
    locked.save(update_fields=["status", "answered_by", "answered_at", "ended_at"])
    log(locked.project, "projects.partner_declined", by=by, target=locked.organisation)
    return locked


@transaction.atomic
def withdraw_partnership(partnership: Partnership, *, by: User) -> Partnership:
    """Withdraw a request the partner organisation has not answered yet, as the
    owner's project manager.

    Side effects: the partnership is closed as withdrawn (the record stays);
    a timeline line. Withdrawing a withdrawn request again changes nothing;
    an accepted one must be ended instead (ValidationError).
    """
    locked = _lock_partnership(partnership)
    if locked.status == PartnershipStatus.WITHDRAWN:
        return locked
    if locked.status == PartnershipStatus.ACTIVE:
        raise ValidationError(
            _(
                "%(organisation)s has already accepted, so there is nothing to withdraw. "
                "End the partnership instead."
            )
            % {"organisation": locked.organisation.name},
            code="already_active",
        )
    _refuse_unless_pending(locked)
    locked.status = PartnershipStatus.WITHDRAWN
    locked.ended_at = timezone.now()
    locked.save(update_fields=["status", "ended_at"])
    log(locked.project, "projects.partner_withdrawn", by=by, target=locked.organisation)
    return locked


@transaction.atomic
def end_partnership(partnership: Partnership, *, by: User) -> None:
    """End a partnership: the partner's people leave the team and lose access at once."""
    if not _facilitator_remains(
        partnership.project, without=Q(organisation=partnership.organisation)
    ):
        raise ValidationError(
            _(
                "All the project's process facilitators are from %(organisation)s. "
                "Give someone in the owning organisation that role first."
            )
            % {"organisation": partnership.organisation.name},
            code="last_facilitator",
        )
    TeamMember.objects.filter(
        project=partnership.project, organisation=partnership.organisation
    ).delete()
    partnership.status = PartnershipStatus.ENDED
    partnership.ended_at = timezone.now()
    partnership.save(update_fields=["status", "ended_at"])
    log(partnership.project, "projects.partner_ended", by=by, target=partnership.organisation)


@transaction.atomic
def leave_all_teams(user: User) -> None:
    """Take a person off every project team (their account is being deleted).

    Refused while they are a project's only process facilitator: someone else
    must take over first.
    """
    alone = [
        member.project.title
        for member in TeamMember.objects.filter(
            user=user, role=ProjectRole.FACILITATOR
        ).select_related("project")
        if not _facilitator_remains(member.project, without=Q(pk=member.pk))
    ]
    if alone:
        raise ValidationError(
            _(
                "You are the only process facilitator of %(projects)s. "
                "Give someone else that role first."
            )
            % {"projects": ", ".join(alone)},
            code="last_facilitator",
        )
    TeamMember.objects.filter(user=user).delete()
