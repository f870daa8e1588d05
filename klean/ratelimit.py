"""Rate limits counted in the shared cache (Redis in production).

A count's key holds a keyed hash (HMAC-SHA256 with SECRET_KEY) of what is
counted, never the e-mail or IP address itself, and expires with its window
(QUALITY.md G1, S13). A plain SHA-256 of an IP address could be reversed by
trying all four billion of them; the key cannot.
"""

from datetime import timedelta

from django.core.cache import cache
from django.utils.crypto import salted_hmac


def cache_key(scope: str, value: str) -> str:
    digest = salted_hmac(f"klean.ratelimit.{scope}", value, algorithm="sha256").hexdigest()
    return f"ratelimit:{scope}:{digest}"


def over_limit(scope: str, value: str, *, limit: int, per: timedelta) -> bool:
    """Count one request for ``value`` and say whether it is more than
    ``limit`` within ``per`` (a window that starts with the first request).

    While the cache is unreachable nothing is counted and nothing is limited
    (klean.cache: an outage never turns into errors).
    """
    key = cache_key(scope, value)
    seconds = int(per.total_seconds())
    if cache.add(key, 1, timeout=seconds):
        return limit < 1
    try:
        count = cache.incr(key)
    except ValueError:  # the window ended between add() and incr()
        cache.set(key, 1, timeout=seconds)
        count = 1
    return count is not None and count > limit
