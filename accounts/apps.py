from django.apps import AppConfig
from django.db import models
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "accounts"
    verbose_name = _("People and organisations")

    def ready(self):
        from accounts import personal_data
        from accounts.models import Invitation, Membership, User

        personal_data.register(
            User,
            label="profile",
            export=lambda user: [
                {
                    "email": user.email,
                    "full_name": user.full_name,
                    "date_joined": user.date_joined.isoformat(),
                    "last_login": user.last_login.isoformat() if user.last_login else None,
                }
            ],
        )
        personal_data.register(
            Membership,
            label="memberships",
            export=lambda user: [
                {
                    "organisation": m.organisation.name,
                    "role": m.role,
                    "member_since": m.created_at.isoformat(),
                }
                for m in user.memberships.select_related("organisation")
            ],
            erase=lambda user: user.memberships.all().delete(),
        )
        personal_data.register(
            Invitation,
            label="invitations",
            export=lambda user: [
                {
                    "organisation": i.organisation.name,
                    "email": i.email,
                    "role": i.role,
                    "sent": i.created_at.isoformat(),
                    "sent_by_you": i.invited_by_id == user.pk,
                    "accepted": i.accepted_at.isoformat() if i.accepted_at else None,
                }
                for i in Invitation.objects.filter(
                    models.Q(invited_by=user)
                    | models.Q(accepted_by=user)
                    | models.Q(email=user.email)
                ).select_related("organisation")
            ],
            # Open invitations addressed to the person go; those they sent stay
            # with the organisation, shown as sent by a former member.
            erase=lambda user: Invitation.objects.open().filter(email=user.email).delete(),
        )
