"""People and organisations: users, organisations, memberships and invitations."""

import hashlib
import secrets

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser, BaseUserManager, PermissionsMixin
from django.db import models
from django.db.models.functions import Lower
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.validators import (
    normalise_org_number,
    validate_no_control_characters,
    validate_org_number,
)
from klean.choices import ChoiceLabels


class UserManager(BaseUserManager):
    use_in_migrations = True

    @classmethod
    def normalize_email(cls, email):
        return (email or "").strip().lower()

    def get_by_natural_key(self, username):
        return self.get(email=self.normalize_email(username))

    def create_user(self, email, password=None, **extra_fields):
        if not email:
            raise ValueError("A user needs an e-mail address")
        user = self.model(email=self.normalize_email(email), **extra_fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_superuser(self, email, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", True)
        extra_fields.setdefault("is_superuser", True)
        return self.create_user(email, password, **extra_fields)


class User(AbstractBaseUser, PermissionsMixin):
    """A person who signs in with an e-mail address and a password."""

    email = models.EmailField(_("e-mail address"), max_length=254, unique=True)
    full_name = models.CharField(_("full name"), max_length=150)
    is_active = models.BooleanField(_("active"), default=True)
    is_staff = models.BooleanField(
        _("staff status"),
        default=False,
        help_text=_("Can sign in to the administration site."),
    )
    date_joined = models.DateTimeField(_("date joined"), default=timezone.now)
    last_organisation = models.ForeignKey(
        "accounts.Organisation",
        verbose_name=_("organisation used last"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("Where the person lands after logging in."),
    )
    deleted_at = models.DateTimeField(
        _("deleted at"),
        null=True,
        blank=True,
        help_text=_("Set when the person deleted their account; what they contributed stays."),
    )

    objects = UserManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS = ["full_name"]

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")
        constraints = [
            models.UniqueConstraint(Lower("email"), name="user_email_case_insensitive_unique"),
        ]

    def __str__(self):
        return self.display_name

    def clean(self):
        super().clean()
        self.email = User.objects.normalize_email(self.email)

    @property
    def display_name(self) -> str:
        if self.deleted_at:
            return str(_("Former member"))
        return self.full_name or self.email

    @property
    def erased_email(self) -> str:
        """The address the account and its accepted invitations keep once the
        person deleted it: unique, and reaching nobody."""
        return f"slettet-{self.pk}@bruker.invalid"

    def get_full_name(self):
        return self.display_name

    def get_short_name(self):
        return self.display_name


class OrganisationKind(models.TextChoices):
    MUNICIPALITY = "kommune", _("Municipality")
    COUNTY = "fylkeskommune", _("County municipality")
    HOSPITAL_TRUST = "helseforetak", _("Hospital trust")
    GOVERNMENT_AGENCY = "statlig", _("Government agency")
    OTHER = "annen", _("Other")


class Organisation(ChoiceLabels, models.Model):
    """A municipality, hospital trust or other body that runs improvement projects."""

    name = models.CharField(_("name"), max_length=200, validators=[validate_no_control_characters])
    slug = models.SlugField(
        _("short name in addresses"),
        max_length=60,
        unique=True,
        help_text=_("Used in web addresses, e.g. eksempel-kommune."),
    )
    kind = models.CharField(
        _("kind"),
        max_length=20,
        choices=OrganisationKind.choices,
        default=OrganisationKind.MUNICIPALITY,
    )
    org_number = models.CharField(
        _("organisation number"),
        max_length=9,
        unique=True,
        validators=[validate_org_number],
        help_text=_("Nine digits from the Central Coordinating Register for Legal Entities."),
    )
    short_sessions = models.BooleanField(
        _("log out after 30 minutes without activity"),
        default=False,
        help_text=_("For shared computers. Applies to every member of the organisation."),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(kind__in=OrganisationKind.values), name="organisation_kind_valid"
            ),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("accounts:organisation_home", args=[self.slug])

    def clean(self):
        super().clean()
        self.org_number = normalise_org_number(self.org_number)

    @property
    def formatted_org_number(self) -> str:
        n = self.org_number
        return f"{n[:3]} {n[3:6]} {n[6:]}" if len(n) == 9 else n


class Role(models.TextChoices):
    """A person's role in an organisation, from most to least powerful."""

    ADMIN = "admin", _("Administrator")
    LEADER = "leader", _("Leader")
    FACILITATOR = "facilitator", _("Process facilitator")
    EMPLOYEE = "employee", _("Employee")


class MembershipQuerySet(models.QuerySet):
    def admins(self):
        return self.filter(role=Role.ADMIN)


class Membership(ChoiceLabels, models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.CASCADE,
        related_name="memberships",
    )
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        on_delete=models.CASCADE,
        related_name="memberships",
    )
    role = models.CharField(_("role"), max_length=20, choices=Role.choices, default=Role.EMPLOYEE)
    created_at = models.DateTimeField(_("member since"), auto_now_add=True)

    objects = MembershipQuerySet.as_manager()

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "organisation"], name="membership_one_per_user_and_organisation"
            ),
            models.CheckConstraint(
                condition=models.Q(role__in=Role.values), name="membership_role_valid"
            ),
        ]

    def __str__(self):
        return f"{self.user} – {self.organisation} ({self.get_role_display()})"


class InvitationStatus(models.TextChoices):
    PENDING = "pending", _("Pending")
    ACCEPTED = "accepted", _("Accepted")
    EXPIRED = "expired", _("Expired")
    REVOKED = "revoked", _("Withdrawn")


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


class InvitationQuerySet(models.QuerySet):
    def open(self):
        return self.filter(accepted_at__isnull=True, revoked_at__isnull=True)

    def pending(self):
        return self.open().filter(expires_at__gt=timezone.now())

    def by_token(self, token: str):
        return self.filter(token_hash=hash_token(token))


class Invitation(ChoiceLabels, models.Model):
    """An e-mailed invitation to join an organisation with a role.

    Only a hash of the token is stored: the link in the e-mail is the only copy.
    """

    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        on_delete=models.CASCADE,
        related_name="invitations",
    )
    email = models.EmailField(_("e-mail address"), max_length=254)
    role = models.CharField(_("role"), max_length=20, choices=Role.choices, default=Role.EMPLOYEE)
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("invited by"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="invitations_sent",
    )
    created_at = models.DateTimeField(_("sent"), default=timezone.now)
    expires_at = models.DateTimeField(_("expires"))
    accepted_at = models.DateTimeField(_("accepted"), null=True, blank=True)
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("accepted by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="invitations_accepted",
    )
    revoked_at = models.DateTimeField(_("withdrawn"), null=True, blank=True)

    objects = InvitationQuerySet.as_manager()

    class Meta:
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "email"],
                condition=models.Q(accepted_at__isnull=True, revoked_at__isnull=True),
                name="invitation_one_open_per_email_and_organisation",
            ),
            models.CheckConstraint(
                condition=models.Q(role__in=Role.values), name="invitation_role_valid"
            ),
        ]

    def __str__(self):
        return f"{self.email} → {self.organisation}"

    def new_token(self) -> str:
        """Give the invitation a fresh token and return it (it is not stored)."""
        token = secrets.token_urlsafe(32)
        self.token_hash = hash_token(token)
        return token

    @property
    def status(self) -> str:
        if self.accepted_at:
            return InvitationStatus.ACCEPTED
        if self.revoked_at:
            return InvitationStatus.REVOKED
        if self.expires_at <= timezone.now():
            return InvitationStatus.EXPIRED
        return InvitationStatus.PENDING

    def get_status_display(self) -> str:
        return InvitationStatus(self.status).label

    @property
    def is_pending(self) -> bool:
        return self.status == InvitationStatus.PENDING
