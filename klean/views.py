"""Project-level views: health checks and error pages."""

import functools

from django.conf import settings
from django.db import connection
from django.http import HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.templatetags.static import static
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import requires_csrf_token
from django.views.decorators.http import require_GET


def _check_database() -> bool:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            return cursor.fetchone() == (1,)
    except Exception:
        return False


@functools.cache
def _redis_client(url: str):
    """One pooled client per process and URL, reused by every health check."""
    import redis

    return redis.Redis.from_url(url, socket_connect_timeout=0.5, socket_timeout=0.5)


def _check_broker() -> bool:
    try:
        return bool(_redis_client(settings.REDIS_URL).ping())
    except Exception:
        return False


@require_GET
@never_cache
def healthz(request):
    """Readiness: 200 when the database (and the broker, if configured) answer.

    Says only which check failed, never why: the page is public.
    """
    checks = {"database": "ok" if _check_database() else "failed"}
    if settings.REDIS_URL:
        checks["broker"] = "ok" if _check_broker() else "failed"
    healthy = all(value == "ok" for value in checks.values())
    return JsonResponse(
        {"status": "ok" if healthy else "failed", "checks": checks},
        status=200 if healthy else 503,
    )


@require_GET
@never_cache
def ping(request):
    """Liveness: the process answers. Also the benchmark's baseline view."""
    return HttpResponse("ok", content_type="text/plain")


@require_GET
def favicon(request):
    return redirect(static("img/favicon.svg"), permanent=True)


@requires_csrf_token
def csrf_failure(request, reason=""):
    return render(request, "403_csrf.html", status=403)
