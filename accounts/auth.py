"""Glue between login and the brute-force protection (django-axes)."""

from accounts.models import UserManager


def lockout_username(request, credentials) -> str | None:
    """The e-mail address a login attempt is counted against, in lower case,
    so that "Kari@…" and "kari@…" share one failure count."""
    if credentials and credentials.get("username"):
        value = credentials["username"]
    else:
        value = request.POST.get("username") if request is not None else None
    return UserManager.normalize_email(value) if value else None
