"""Changes to organisations' people that touch several models or send e-mail."""

import logging
from datetime import timedelta

from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.conf import settings
from django.contrib.auth.hashers import make_password
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from accounts import personal_data
from accounts.access import role_at_least
from accounts.models import Invitation, Membership, Organisation, Role, User
from klean.db import refuse_duplicates

logger = logging.getLogger(__name__)


def _lock_admins(organisation: Organisation) -> list[Membership]:
    """Lock the organisation's admin memberships for the rest of the transaction.

    Serialises concurrent demotions and removals, so two admins cannot each
    demote the other and leave the organisation without one.
    """
    return list(Membership.objects.select_for_update().filter(organisation=organisation).admins())


def _ensure_not_last_admin(membership: Membership) -> None:
    admins = _lock_admins(membership.organisation)
    if membership.role == Role.ADMIN and len(admins) <= 1:
        raise ValidationError(
            _(
                "%(organisation)s must have at least one administrator. "
                "Make someone else an administrator first."
            )
            % {"organisation": membership.organisation.name},
            code="last_admin",
        )


def invitation_link(token: str) -> str:
    return settings.SITE_URL + reverse("accounts:accept_invitation", args=[token])


def _send_invitation_email(invitation: Invitation, token: str) -> None:
    """Send the link; a mail server that fails is logged and marked on the
    instance (``mail_failed``) so the view can say so. Runs after the commit."""
    context = {
        "invitation": invitation,
        "organisation": invitation.organisation,
        "inviter": invitation.invited_by,
        "link": invitation_link(token),
        "role": invitation.get_role_display().lower(),
    }
    with translation.override(settings.LANGUAGE_CODE):
        subject = _("Invitation to %(organisation)s in K-LEAN") % {
            "organisation": invitation.organisation.name
        }
        body = render_to_string("accounts/email/invitation.txt", context)
    try:
        send_mail(subject, body, None, [invitation.email])
    except Exception:
        logger.exception("Could not send the invitation e-mail for invitation %s", invitation.pk)
        invitation.mail_failed = True


@transaction.atomic
def invite_member(organisation: Organisation, *, email: str, role: str, by: User) -> Invitation:
    """Invite a person by e-mail to join an organisation with a role.

    Side effects: withdraws any earlier open invitation for the same address,
    stores the new invitation and e-mails the link after the commit. A mail
    server that fails is logged and marked (``invitation.mail_failed``); the
    invitation stays and can be sent again.
    Refuses (ValidationError) an address that is already a member.
    """
    email = User.objects.normalize_email(email)
    if Membership.objects.filter(organisation=organisation, user__email=email).exists():
        raise ValidationError(
            _("%(email)s is already a member of %(organisation)s.")
            % {"email": email, "organisation": organisation.name},
            code="already_member",
        )
    Invitation.objects.open().filter(organisation=organisation, email=email).update(
        revoked_at=timezone.now()
    )
    invitation = Invitation(
        organisation=organisation,
        email=email,
        role=role,
        invited_by=by,
        expires_at=timezone.now() + settings.INVITATION_VALID_FOR,
    )
    token = invitation.new_token()
    with refuse_duplicates(
        _("An invitation to %(email)s was sent a moment ago.") % {"email": email},
        code="already_invited",
    ):
        invitation.save()
    transaction.on_commit(lambda: _send_invitation_email(invitation, token))
    return invitation


@transaction.atomic
def resend_invitation(invitation: Invitation, *, by: User) -> Invitation:
    """Send a pending or expired invitation again with a new link and a new expiry.

    Side effects: the old link stops working; an e-mail is sent after the commit.
    """
    if invitation.accepted_at or invitation.revoked_at:
        raise ValidationError(
            _("This invitation has already been used or withdrawn."), code="invitation_closed"
        )
    token = invitation.new_token()
    invitation.expires_at = timezone.now() + settings.INVITATION_VALID_FOR
    invitation.invited_by = by
    invitation.save(update_fields=["token_hash", "expires_at", "invited_by"])
    transaction.on_commit(lambda: _send_invitation_email(invitation, token))
    return invitation


@transaction.atomic
def revoke_invitation(invitation: Invitation, *, by: User) -> None:
    """Withdraw an invitation so that its link no longer works."""
    if invitation.accepted_at is None and invitation.revoked_at is None:
        invitation.revoked_at = timezone.now()
        invitation.save(update_fields=["revoked_at"])


@transaction.atomic
def accept_invitation(
    invitation: Invitation, *, user: User | None = None, full_name: str = "", password: str = ""
) -> Membership:
    """Accept an invitation, as a signed-in ``user`` or by creating a new account.

    Side effects: creates the user (when none is given) and the membership, and
    marks the invitation accepted. The row is locked, so a double submit or two
    tabs accept it once; a closed invitation raises ValidationError.
    """
    invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
    if not invitation.is_pending:
        raise ValidationError(_("This invitation can no longer be used."), code="invitation_closed")
    if user is None:
        if User.objects.filter(email=invitation.email).exists():
            raise ValidationError(
                _("An account with this e-mail address already exists. Log in to accept."),
                code="account_exists",
            )
        user = User.objects.create(
            email=invitation.email, full_name=full_name.strip(), password=make_password(password)
        )
    membership, created = Membership.objects.get_or_create(
        user=user, organisation=invitation.organisation, defaults={"role": invitation.role}
    )
    if not created and not role_at_least(membership.role, invitation.role):
        membership.role = invitation.role
        membership.save(update_fields=["role"])
    invitation.accepted_at = timezone.now()
    invitation.accepted_by = user
    invitation.save(update_fields=["accepted_at", "accepted_by"])
    return membership


@transaction.atomic
def change_role(membership: Membership, *, role: str, by: User) -> Membership:
    """Give a member another role; the last administrator cannot be demoted."""
    if role != Role.ADMIN:
        _ensure_not_last_admin(membership)
    membership.role = role
    membership.save(update_fields=["role"])
    return membership


@transaction.atomic
def remove_member(membership: Membership, *, by: User) -> None:
    """Remove a person from an organisation; the last administrator stays.

    What they contributed stays; they lose access at once.
    """
    _ensure_not_last_admin(membership)
    membership.delete()


@transaction.atomic
def delete_account(user: User) -> None:
    """Delete a person's account and personal data.

    Side effects: memberships end, every registered model erases or anonymises
    the person's data (their login records go, the invitations they accepted
    keep who invited whom but not the address), and the user row is kept only as an anonymous
    "former member" so that contributions stay. Refused while the person is
    the last administrator of an organisation.
    """
    for membership in Membership.objects.filter(user=user).select_related("organisation"):
        _ensure_not_last_admin(membership)
    personal_data.erase_user(user)
    user.email = user.erased_email
    user.full_name = ""
    user.set_unusable_password()
    user.is_active = False
    user.is_staff = False
    user.is_superuser = False
    user.deleted_at = timezone.now()
    user.save()


def purge_old_invitations(*, older_than=timedelta(days=30)) -> int:
    """Delete open invitations that expired, and withdrawn ones, past ``older_than``.

    Accepted invitations stay as the record of who invited whom. Returns the count.
    """
    cutoff = timezone.now() - older_than
    deleted, _per_model = Invitation.objects.filter(
        Q(accepted_at__isnull=True, revoked_at__isnull=True, expires_at__lt=cutoff)
        | Q(revoked_at__lt=cutoff)
    ).delete()
    return deleted


LOGIN_RECORDS_KEPT_FOR = timedelta(days=30)


def purge_old_login_records(*, older_than=LOGIN_RECORDS_KEPT_FOR) -> int:
    """Delete login records (django-axes: logins, failed attempts, failure log)
    older than ``older_than``: e-mail addresses, IP addresses and browsers are
    kept at most 30 days. A lockout lasts 15 minutes, so none is lifted early.
    Returns the count."""
    cutoff = timezone.now() - older_than
    return sum(
        model.objects.filter(attempt_time__lt=cutoff).delete()[0]
        for model in (AccessLog, AccessAttempt, AccessFailureLog)
    )
