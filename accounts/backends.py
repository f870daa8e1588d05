"""Authentication backend: e-mail and password, and one query per request for
the signed-in person together with their memberships."""

from django.contrib.auth.backends import ModelBackend

from accounts.models import Membership, User


class MemberBackend(ModelBackend):
    def get_user(self, user_id):
        """The user and their memberships in one query (the header, the
        organisation switcher and every access check need both)."""
        memberships = list(
            Membership.objects.filter(user_id=user_id, user__is_active=True)
            .select_related("user", "organisation")
            .order_by("organisation__name")
        )
        if memberships:
            user = memberships[0].user
            for membership in memberships:
                membership.user = user
        else:
            user = User.objects.filter(pk=user_id).first()
        if user is None or not self.user_can_authenticate(user):
            return None
        user._klean_memberships = memberships
        return user
