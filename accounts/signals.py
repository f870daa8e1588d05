"""Keep the cached signed-in users true (accounts.backends).

Connected in AccountsConfig.ready. A change to a person, a membership or an
organisation removes the cached entries of everyone it concerns: at once,
and again when the transaction commits (a request that read the old rows
meanwhile cannot leave them behind).
"""

from django.core.cache import cache
from django.db import transaction

from accounts.backends import user_cache_key
from accounts.models import Membership, Organisation, User


def forget_users(user_ids) -> None:
    keys = [user_cache_key(user_id) for user_id in set(user_ids)]
    if not keys:
        return
    cache.delete_many(keys)
    transaction.on_commit(lambda: cache.delete_many(keys))


def user_changed(sender, instance, **kwargs):
    forget_users([instance.pk])


def membership_changed(sender, instance, **kwargs):
    forget_users([instance.user_id])


def organisation_changed(sender, instance, **kwargs):
    forget_users(Membership.objects.filter(organisation=instance).values_list("user_id", flat=True))


def session_started(sender, request, user, **kwargs):
    """Start the session's clocks at login (accounts.middleware), so the first
    page after it does not have to write the session again."""
    from accounts.middleware import mark_started

    mark_started(request.session)


def connect(signals) -> None:
    from django.contrib.auth.signals import user_logged_in

    user_logged_in.connect(session_started, dispatch_uid="klean-session-started")
    for signal in (signals.post_save, signals.post_delete):
        signal.connect(user_changed, sender=User, dispatch_uid="klean-user-changed")
        signal.connect(membership_changed, sender=Membership, dispatch_uid="klean-membership")
    signals.post_save.connect(organisation_changed, sender=Organisation, dispatch_uid="klean-org")
    signals.pre_delete.connect(
        organisation_changed, sender=Organisation, dispatch_uid="klean-org-deleted"
    )
