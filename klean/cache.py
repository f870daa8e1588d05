"""A Redis cache that a Redis outage cannot turn into errors (QUALITY.md R3).

Sessions (``cached_db``) and the signed-in user with their memberships are
kept in the shared cache. When Redis does not answer within a fraction of a
second, a read is a miss (the database answers instead) and a write is
skipped: pages stay up, only slower. Every failure is logged.
"""

import logging

from django.core.cache.backends.redis import RedisCache
from redis.exceptions import RedisError

log = logging.getLogger(__name__)


class TolerantRedisCache(RedisCache):
    """Django's Redis cache, with every operation turned into a miss or a
    no-op while Redis is unreachable."""

    def _tolerant(name, miss=None):
        original = getattr(RedisCache, name)

        def method(self, *args, **kwargs):
            try:
                return original(self, *args, **kwargs)
            except (RedisError, OSError) as error:
                log.warning("cache %s failed, carrying on without it: %s", name, error)
                return miss() if callable(miss) else miss

        method.__name__ = name
        return method

    get = _tolerant("get")
    get_many = _tolerant("get_many", miss=dict)
    has_key = _tolerant("has_key", miss=False)
    add = _tolerant("add", miss=False)
    set = _tolerant("set")
    set_many = _tolerant("set_many", miss=list)
    touch = _tolerant("touch", miss=False)
    delete = _tolerant("delete", miss=False)
    delete_many = _tolerant("delete_many")
    clear = _tolerant("clear", miss=False)
    incr = _tolerant("incr")
    del _tolerant
