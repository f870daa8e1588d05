"""S4: malformed input never gives a 5xx and never leaves half a change behind.

Every organisation and project URL (the same walk as the isolation test) is
sent random GET parameters and POST bodies – oversized, unicode, NUL bytes,
wrong types, missing fields – as the organisation's administrator, who may
do the most. The public pages get the same treatment anonymously.
"""

import pytest
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.test_url_isolation import PUBLIC, PUBLIC_KWARGS, organisation_urls, project_urls

FIELDS = [
    "email", "role", "name", "kind", "org_number", "short_sessions", "full_name", "password",
    "password1", "password2", "title", "service_area", "status", "process_name", "process_start",
    "process_end", "start_date", "planned_end_date", "phase", "note", "tick", "unit", "direction",
    "baseline", "baseline_date", "target", "date", "value", "membership", "q", "page", "mine",
    "organisation", "language", "next", "username",
]  # fmt: skip

nasty_text = st.one_of(
    st.text(max_size=40),
    st.sampled_from(["\x00", "0", "-1", "1e400", "9" * 30, "2026-02-30", "<script>", "'; --", "☃"]),
    st.text(min_size=3000, max_size=3000, alphabet="ab"),
    st.integers().map(str),
)
bodies = st.dictionaries(st.sampled_from(FIELDS), nasty_text, max_size=8)

FUZZ = settings(
    max_examples=12,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


@pytest.mark.parametrize(("name", "args"), organisation_urls())
def test_organisation_urls_survive_malformed_input(client_for, cast, object_kwargs, name, args):
    client = client_for(cast.admin)
    url = reverse(name, kwargs={arg: object_kwargs[arg] for arg in args})

    @FUZZ
    @given(query=bodies, body=bodies, htmx=st.booleans())
    def hammer(query, body, htmx):
        headers = {"HX-Request": "true"} if htmx else {}
        assert client.get(url, query, headers=headers).status_code < 500
        assert client.post(url, body, headers=headers).status_code < 500

    hammer()


@pytest.mark.parametrize("name", sorted(PUBLIC - {"accounts:logout"}))
def test_public_urls_survive_malformed_input(client, db, name):
    args = next(args for n, _route, args in project_urls() if n == name)
    kwargs = {arg: PUBLIC_KWARGS.get(arg, "x") for arg in args}
    if name == "accounts:password_reset_confirm":
        kwargs = {"uidb64": "MQ", "token": "set-password"}
    url = reverse(name, kwargs=kwargs)

    @FUZZ
    @given(query=bodies, body=bodies)
    def hammer(query, body):
        assert client.get(url, query).status_code < 500
        assert client.post(url, body).status_code < 500

    hammer()
