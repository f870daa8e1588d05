"""The site's URLs as the tests see them, from ``accounts.access.walk_urls``.

Every URL pattern must be one of:

* PUBLIC – listed here by name, on purpose (login, health checks, the
  invitation page whose token is the key, later the public feedback forms);
* a view whose access decorator recorded its rule (``view.guard``): an
  organisation or project permission, or ``user`` for the signed-in person's
  own pages;
* USER_SCOPED – Django's own account views (password change) that need a
  signed-in user but carry no decorator of ours;
* in the ``admin`` namespace – only for superusers (tested on its own).

The tests in tests/test_access.py are generated from this walk; a new view
gets them without anyone writing them.
"""

from accounts.access import walk_urls

PUBLIC = {
    "ping",
    "healthz",
    "favicon",
    "set_language",
    "accounts:login",
    "accounts:logout",
    "accounts:password_reset",
    "accounts:password_reset_done",
    "accounts:password_reset_confirm",
    "accounts:password_reset_complete",
    "accounts:accept_invitation",
    # The resident's feedback form and kiosk: reached by the form's token only.
    "feedback:public",
    "feedback:thanks",
    "feedback:kiosk",
    "feedback:kiosk_thanks",
}

USER_SCOPED = {
    "accounts:password_change",
    "accounts:password_change_done",
}

# Views of one contribution (a problem note, later an idea or a comment) that,
# besides their permission, follow the ownership rule
# (projects.access.require_edit_contribution): the sample object in
# object_kwargs has no author, so of the people the permission lets in only
# project managers get through; other contributors get 403.
CONTRIBUTIONS = {
    "processes:note_edit",
    "processes:note_delete",
    "ideas:idea_edit",
    "ideas:comment_delete",
    # An action: its owner, the person who added it, or a project manager.
    "ideas:action_edit",
    "ideas:action_status",
    "ideas:action_delete",
}

# Sample arguments for public URLs: any well-formed value must give a page, never a 500.
PUBLIC_KWARGS = {"token": "not-a-real-token", "uidb64": "MQ"}


def site_routes():
    """Every route but the admin site's (superusers only, tested on its own)."""
    return [route for route in walk_urls() if not route.pattern.startswith("admin/")]


def guarded_routes(scope: str | None = None):
    """Routes whose view recorded an organisation or project rule."""
    return [
        route
        for route in site_routes()
        if route.guard is not None
        and route.guard.scope in ("organisation", "project")
        and (scope is None or route.guard.scope == scope)
    ]


def public_kwargs(route) -> dict:
    kwargs = {arg: PUBLIC_KWARGS.get(arg, "x") for arg in route.arguments}
    if route.name == "accounts:password_reset_confirm":
        kwargs = {"uidb64": "MQ", "token": "set-password"}
    return kwargs
