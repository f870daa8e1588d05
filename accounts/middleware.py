"""Session limits: 12 hours at most, and 30 idle minutes where an organisation asks."""

import time

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.views import redirect_to_login
from django.http import HttpResponse
from django.utils.translation import gettext as _

from accounts.access import memberships_of

STARTED_KEY = "klean_started"
SEEN_KEY = "klean_seen"
# Write the "last seen" time at most once a minute, not on every request.
SEEN_RESOLUTION = 60


def mark_started(session) -> None:
    """A new session: it started, and was seen, now."""
    now = time.time()
    session[STARTED_KEY] = now
    session[SEEN_KEY] = now


class SessionLimitsMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.user.is_authenticated:
            expired = self._expired(request)
            if expired:
                return self._log_out(request, expired)
        return self.get_response(request)

    def _expired(self, request) -> str | None:
        session = request.session
        now = time.time()
        started = session.get(STARTED_KEY)
        if started is None:
            session[STARTED_KEY] = now
        elif now - started > settings.SESSION_COOKIE_AGE:
            return _("You were logged out because you have been logged in for 12 hours.")

        if any(m.organisation.short_sessions for m in memberships_of(request)):
            seen = session.get(SEEN_KEY, now)
            if now - seen > settings.SESSION_IDLE_TIMEOUT.total_seconds():
                return _("You were logged out after 30 minutes without activity.")
        seen = session.get(SEEN_KEY)
        if seen is None or now - seen >= SEEN_RESOLUTION:
            session[SEEN_KEY] = now
        return None

    def _log_out(self, request, message):
        path = request.get_full_path()
        logout(request)
        messages.info(request, message)
        response = redirect_to_login(path if request.method == "GET" else "/")
        if getattr(request, "htmx", False) or request.headers.get("HX-Request"):
            redirect = HttpResponse(status=204)
            redirect["HX-Redirect"] = response["Location"]
            return redirect
        return response
