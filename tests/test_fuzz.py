"""S4: malformed input never gives a 5xx and never leaves half a change behind.

Every organisation and project URL (the same walk as tests/test_access.py) is
sent random GET parameters and POST bodies – oversized, unicode, NUL bytes,
wrong types, missing fields – as the organisation's administrator, who may
do the most. The public pages get the same treatment anonymously.

Each example runs in a savepoint that is rolled back afterwards, so every
example meets the same data (a delete in one example does not turn the rest
into 404s). A request that is refused (4xx) must leave every table as it
was, and the invariants of the data hold after every request.
"""

import pytest
from django.apps import apps
from django.db import transaction
from django.db.models import Count, Q
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from projects.models import Project, ProjectRole
from projects.timeline import events
from tests.routes import PUBLIC, guarded_routes, public_kwargs, site_routes

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


def row_counts() -> dict[str, int]:
    return {
        model._meta.label: model.objects.count()
        for model in apps.get_models()
        if model._meta.app_label in ("accounts", "projects")
    }


def assert_invariants():
    """What must hold whatever was posted."""
    without_facilitator = Project.objects.annotate(
        n=Count("team", filter=Q(team__role=ProjectRole.FACILITATOR))
    ).filter(n=0)
    assert not without_facilitator.exists(), "a project lost its last facilitator"
    kinds = set(apps.get_model("projects", "Activity").objects.values_list("kind", flat=True))
    assert kinds <= set(events()), f"undeclared timeline events: {kinds - set(events())}"


def request_and_check(client, method, url, data, headers):
    before = row_counts()
    response = getattr(client, method)(url, data, headers=headers)
    assert response.status_code < 500, (method, url, data)
    if 400 <= response.status_code < 500:
        assert row_counts() == before, ("refused, yet rows changed", method, url, data)
    assert_invariants()


ROUTES = guarded_routes()


@pytest.mark.parametrize("route", ROUTES, ids=[route.name for route in ROUTES])
def test_organisation_urls_survive_malformed_input(client_for, cast, object_kwargs, route):
    client = client_for(cast.admin)
    url = reverse(route.name, kwargs={arg: object_kwargs[arg] for arg in route.arguments})

    @FUZZ
    @given(query=bodies, body=bodies, htmx=st.booleans())
    def hammer(query, body, htmx):
        headers = {"HX-Request": "true"} if htmx else {}
        with transaction.atomic():
            request_and_check(client, "get", url, query, headers)
            request_and_check(client, "post", url, body, headers)
            transaction.set_rollback(True)

    hammer()


PUBLIC_ROUTES = [r for r in site_routes() if r.name in PUBLIC - {"accounts:logout"}]


@pytest.mark.parametrize("route", PUBLIC_ROUTES, ids=[route.name for route in PUBLIC_ROUTES])
def test_public_urls_survive_malformed_input(client, db, route):
    url = reverse(route.name, kwargs=public_kwargs(route))

    @FUZZ
    @given(query=bodies, body=bodies)
    def hammer(query, body):
        with transaction.atomic():
            request_and_check(client, "get", url, query, {})
            request_and_check(client, "post", url, body, {})
            transaction.set_rollback(True)

    hammer()
