"""The pages `make bench` measures, and the QUALITY.md bar each one is held to.

A feature that adds a page worth measuring appends a ``Scenario`` to ``SCENARIOS``
(see tests/bench/README.md). ``tests/bench/run.py`` measures every scenario in this
order, each right after a baseline measurement of its own.
"""

from dataclasses import dataclass

# Created by `manage.py seed_demo`; `--org` picks another organisation for `{org}`.
DEMO_ORGANISATION = "eksempel-kommune"
DEMO_PASSWORD = "klean-demo-2026"
DEMO_ADMIN = "admin@eksempel-kommune.no"
# On the demo project's team: edits its maps.
DEMO_FACILITATOR = "veileder@eksempel-kommune.no"


@dataclass(frozen=True)
class Bar:
    """A speed bar from QUALITY.md: the scenario passes when every figure given is met.

    ``min_ratio`` is to the throughput (req/s) of the baseline measured right before
    the scenario; ``max_cpu_ms`` is the CPU time per request of gunicorn (master and
    workers) and PostgreSQL (every server process) together, from /proc accounting.
    """

    code: str
    max_p95_ms: float | None = None
    min_requests_per_s: float | None = None
    min_ratio: float | None = None
    max_cpu_ms: float | None = None

    def __str__(self) -> str:
        parts = []
        if self.min_ratio is not None:
            parts.append(f"≥ {self.min_ratio:g}x base req/s")
        if self.max_cpu_ms is not None:
            parts.append(f"CPU ≤ {self.max_cpu_ms:g} ms/req")
        if self.max_p95_ms is not None:
            parts.append(f"p95 ≤ {self.max_p95_ms:g} ms")
        if self.min_requests_per_s is not None:
            parts.append(f"≥ {self.min_requests_per_s:g} req/s")
        return f"{self.code}: {', '.join(parts)}"


# Organisation dashboard, 10 concurrent (absolute figures, as QUALITY.md states them).
P1 = Bar("P1", max_p95_ms=300, min_requests_per_s=50)
# Object pages, 32 concurrent, no cached HTML.
P2 = Bar("P2", min_ratio=0.15, max_cpu_ms=5)
# The floor: a signed-in page with only the base layout.
P2A = Bar("P2a", min_ratio=0.4)
# The resident's form POST with every protection on, 64 concurrent; besides these
# figures, 0 lost and 0 duplicated answers (rows counted against 303 responses).
P5 = Bar("P5", max_p95_ms=200, min_requests_per_s=200)


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
    #: POST the resident's form with fresh render tokens instead of repeating a GET
    #: (tests/bench/run.py, measure_feedback_post).
    posts_feedback: bool = False
    #: A wrk script in tests/bench/ that makes the requests (a POST, say) instead
    #: of repeating the GET; ``path`` is then what the probe before the run GETs.
    script: str | None = None

    def path_for(self, values: dict) -> str:
        """The path with {org}, {project}… filled in (tests/bench/run.py finds the values)."""
        return self.path.format(**values)


# A trivial view returning a fixed string through the whole middleware stack,
# gunicorn and the network. It is measured again right before every scenario, at
# the scenario's concurrency and for as long, and the scenario is printed as a
# ratio to that measurement (the machine's load drifts within a run).
BASELINE = Scenario("baseline", "/ping")

SCENARIOS = [
    # No bar of their own in QUALITY.md: held to P2 as a whole (ratio and CPU). Both
    # do less than any object page, so missing P2 here means no object page can meet it.
    Scenario("login page", "/login/", bar=P2),
    Scenario("healthz", "/healthz", bar=P2),
    # P2a: signed in, the base layout and a small form, nothing of an organisation.
    Scenario("account page", "/account/", user=DEMO_ADMIN, bar=P2A),
    Scenario("project list", "/o/{org}/projects/", user=DEMO_ADMIN, bar=P2),
    Scenario("project overview", "/o/{org}/projects/{project}/", user=DEMO_ADMIN, bar=P2),
    # The byggesak pilot's two demo maps (24 steps), each with its key figures.
    Scenario("project maps", "/o/{org}/projects/{project}/maps/", user=DEMO_ADMIN, bar=P2),
    # feedback: the resident's form (no login). The GET has no bar of its own; the
    # POST is P5, with the honeypot, render token, nonce and rate limit all checked.
    Scenario("feedback form", "/f/{feedback_token}/", concurrency=64),
    Scenario(
        "feedback answer", "/f/{feedback_token}/", concurrency=64, bar=P5, posts_feedback=True
    ),
    # feedback: a form's results over 100,000 responses (feedback/bench.py), as the
    # demo administrator; the costly grouping is cached per form size, so this is the
    # steady state (a new answer makes one cold request).
    Scenario(
        "form results 100k",
        "/o/{org}/forms/{results_form}/results/",
        user=DEMO_ADMIN,
        bar=P2,
    ),
    # processes: the board of a 60-step map (manage.py bench_board), and an edit of
    # a step through the board's editor answered with the board and metrics
    # fragment (htmx), each edit on the version the previous answer gave.
    Scenario("board with 60 steps", "/o/{org}/maps/{board_map}/", user=DEMO_FACILITATOR, bar=P2),
    Scenario(
        "step edit round-trip",
        "/o/{org}/steps/{board_step}/edit/",
        concurrency=4,
        user=DEMO_FACILITATOR,
        script="step_edit.lua",
    ),
    # ideas: the idea board and the effort–impact matrix of a project with 300 ideas
    # (ideas/bench.py), as the demo administrator.
    Scenario(
        "idea board 300",
        "/o/{org}/projects/{idea_project}/ideas/",
        user=DEMO_ADMIN,
        bar=P2,
    ),
    Scenario(
        "matrix 300",
        "/o/{org}/projects/{idea_project}/matrix/",
        user=DEMO_ADMIN,
        bar=P2,
    ),
    # reports: the organisation dashboard over all the demo organisation's projects
    # (their goals, maps, surveys, ideas and actions from bench_data, and the
    # 100,000-response form), as its administrator, no filters: P1, 10 concurrent.
    Scenario(
        "organisation dashboard", "/o/{org}/dashboard/", concurrency=10, user=DEMO_ADMIN, bar=P1
    ),
]
