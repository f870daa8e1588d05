"""Authentication backend: e-mail and password, and the signed-in person with
their memberships from the shared cache (QUALITY.md P2a).

The cached entry is removed whenever the person, one of their memberships or
one of their organisations changes (``accounts.signals``), at once and again
when the transaction commits, so a removed member is refused on their very
next request. Entries also expire after ``USER_CACHE_SECONDS``.
"""

from django.conf import settings
from django.contrib.auth.backends import ModelBackend
from django.core.cache import cache

from accounts.models import Membership, User

USER_CACHE_SECONDS = getattr(settings, "USER_CACHE_SECONDS", 300)


def user_cache_key(user_id) -> str:
    return f"user:{user_id}:memberships"


class MemberBackend(ModelBackend):
    def get_user(self, user_id):
        """The user and their memberships: from the cache, else in one query."""
        key = user_cache_key(user_id)
        user = cache.get(key)
        if user is None:
            user = self._load(user_id)
            if user is None:
                return None
            cache.set(key, user, USER_CACHE_SECONDS)
        return user if self.user_can_authenticate(user) else None

    def _load(self, user_id):
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
        if user is not None:
            user._klean_memberships = memberships
        return user
