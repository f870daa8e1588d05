"""The client's IP address, as the login lockout and the feedback forms' rate
limit see it.

Without proxies in front (``TRUSTED_PROXY_COUNT=0``, the default) it is the
connection's address. Behind ``n`` trusted proxies, each of which appends the
address it received the request from to ``X-Forwarded-For``, the client is the
``n``-th address from the right: what a client writes into the header itself
stands further left and is never believed.
"""

from ipaddress import ip_address

from django.conf import settings


def client_ip(request) -> str:
    remote = request.META.get("REMOTE_ADDR", "")
    proxies = settings.TRUSTED_PROXY_COUNT
    if proxies < 1:
        return remote
    forwarded = [
        part.strip()
        for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
        if part.strip()
    ]
    if len(forwarded) < proxies:
        return remote
    candidate = forwarded[-proxies]
    try:
        return str(ip_address(candidate))
    except ValueError:
        return remote
