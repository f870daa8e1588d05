"""The client's address behind trusted proxies (login lockout, feedback rate limit)."""

import pytest
from django.test import RequestFactory

from klean.client import client_ip


def request(remote="10.0.0.9", forwarded=None):
    meta = {"REMOTE_ADDR": remote}
    if forwarded is not None:
        meta["HTTP_X_FORWARDED_FOR"] = forwarded
    return RequestFactory().get("/", **meta)


def test_without_proxies_the_connection_is_the_client(settings):
    settings.TRUSTED_PROXY_COUNT = 0
    assert client_ip(request(forwarded="203.0.113.7")) == "10.0.0.9"


def test_behind_one_proxy_the_address_it_saw_is_the_client(settings):
    settings.TRUSTED_PROXY_COUNT = 1
    assert client_ip(request(forwarded="203.0.113.7")) == "203.0.113.7"


def test_an_address_the_client_wrote_itself_is_not_believed(settings):
    settings.TRUSTED_PROXY_COUNT = 1
    # The client sent "X-Forwarded-For: 1.2.3.4"; the proxy appended the real address.
    assert client_ip(request(forwarded="1.2.3.4, 203.0.113.7")) == "203.0.113.7"


def test_behind_two_proxies_the_second_from_the_right(settings):
    settings.TRUSTED_PROXY_COUNT = 2
    assert client_ip(request(forwarded="1.2.3.4, 203.0.113.7, 10.0.0.2")) == "203.0.113.7"


@pytest.mark.parametrize("forwarded", ["", "not-an-address", "  ,  "])
def test_a_missing_or_broken_header_falls_back_to_the_connection(settings, forwarded):
    settings.TRUSTED_PROXY_COUNT = 1
    assert client_ip(request(forwarded=forwarded)) == "10.0.0.9"


def test_the_login_lockout_uses_it(settings):
    from axes.helpers import get_client_ip_address

    settings.TRUSTED_PROXY_COUNT = 1
    assert get_client_ip_address(request(forwarded="203.0.113.7")) == "203.0.113.7"
