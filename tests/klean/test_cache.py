"""R3: with the shared cache (Redis) down, signed-in pages still answer, from the database."""

import time

from django.core.cache import cache
from django.urls import reverse

DEAD_REDIS = {
    "default": {
        "BACKEND": "klean.cache.TolerantRedisCache",
        "LOCATION": "redis://127.0.0.1:1/1",  # nothing listens there
        "OPTIONS": {"socket_connect_timeout": 0.25, "socket_timeout": 0.25},
    }
}


def test_a_signed_in_person_is_served_while_redis_is_down(client, cast, settings):
    settings.CACHES = DEAD_REDIS
    assert cache.get("anything") is None
    client.force_login(cast.employee)
    started = time.monotonic()
    response = client.get(cast.organisation.get_absolute_url())
    assert response.status_code == 200
    assert "Mona Medarbeider" in response.content.decode()
    assert time.monotonic() - started < 1


def test_a_removed_member_is_refused_while_redis_is_down(client, cast, settings):
    settings.CACHES = DEAD_REDIS
    client.force_login(cast.employee)
    cast.employee.memberships.all().delete()
    assert client.get(cast.organisation.get_absolute_url()).status_code == 404


def test_logging_out_while_redis_is_down_ends_the_session(client, cast, settings):
    settings.CACHES = DEAD_REDIS
    client.force_login(cast.employee)
    client.post(reverse("accounts:logout"))
    assert client.get(reverse("accounts:account")).status_code == 302
