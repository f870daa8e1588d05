"""The pages `make bench` measures, and the QUALITY.md bar each one is held to.

A feature that adds a page worth measuring appends a ``Scenario`` to ``SCENARIOS``
(see tests/bench/README.md). ``tests/bench/run.py`` measures the baseline first and
then every scenario in this order.
"""

from dataclasses import dataclass

# Created by `manage.py seed_demo`; `--org` picks another organisation for `{org}`.
DEMO_ORGANISATION = "eksempel-kommune"
DEMO_PASSWORD = "klean-demo-2026"
DEMO_ADMIN = "admin@eksempel-kommune.no"


@dataclass(frozen=True)
class Bar:
    """A speed bar from QUALITY.md: the run passes when both figures are met."""

    code: str
    max_p95_ms: float
    min_requests_per_s: float

    def __str__(self) -> str:
        return f"{self.code}: p95 ≤ {self.max_p95_ms:g} ms, ≥ {self.min_requests_per_s:g} req/s"


P1 = Bar("P1", max_p95_ms=300, min_requests_per_s=50)  # organisation dashboard, 10 concurrent
P2 = Bar("P2", max_p95_ms=100, min_requests_per_s=300)  # object pages, 32 concurrent


@dataclass(frozen=True)
class Scenario:
    """One GET request, repeated by wrk at a fixed number of open connections.

    ``path`` may contain ``{org}`` for the organisation's slug. ``user`` is the
    e-mail address of a demo user to sign in as (every demo user has
    DEMO_PASSWORD); None requests the page anonymously. Every response must have
    ``expected_status``; anything else found before the run stops the scenario.
    """

    name: str
    path: str
    concurrency: int = 32
    user: str | None = None
    bar: Bar | None = None
    expected_status: int = 200

    def path_for(self, values: dict) -> str:
        """The path with {org}, {project}… filled in (tests/bench/run.py finds the values)."""
        return self.path.format(**values)


# A trivial view returning a fixed string through the whole middleware stack,
# gunicorn and the network: every other figure is printed as a ratio to it.
BASELINE = Scenario("baseline", "/ping")

SCENARIOS = [
    # No bar of their own in QUALITY.md: held to P2, the bar for a single page.
    Scenario("login page", "/login/", bar=P2),
    Scenario("healthz", "/healthz", bar=P2),
    Scenario("project list", "/o/{org}/projects/", user=DEMO_ADMIN, bar=P2),
    Scenario("project overview", "/o/{org}/projects/{project}/", user=DEMO_ADMIN, bar=P2),
]
