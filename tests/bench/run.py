"""`make bench`: measure K-LEAN's pages under load, beside a baseline, against QUALITY.md.

Prepares a dedicated PostgreSQL database, starts gunicorn in its own process,
drives it with wrk, measuring the baseline again right before every scenario,
reads the CPU time gunicorn and PostgreSQL spent from /proc and prints one table.
See tests/bench/README.md.

    .venv/bin/python tests/bench/run.py [--seconds 15] [--only NAME] [--strict] ...
"""

import argparse
import http.client
import json
import os
import platform
import re
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import time
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field, replace
from datetime import UTC, datetime
from http.cookies import SimpleCookie
from pathlib import Path
from urllib.parse import urlencode, urlsplit

import psycopg
from psycopg import sql

# tests/bench/scenarios.py and server_cpu.py, next to this script (on sys.path).
from scenarios import BASELINE, DEMO_ORGANISATION, DEMO_PASSWORD, SCENARIOS, Scenario
from server_cpu import CpuDelta, CpuProbe

REPO_ROOT = Path(__file__).resolve().parents[2]
BENCH_DIR = REPO_ROOT / "tests" / "bench"
RESULTS_DIR = BENCH_DIR / "results"
WRK_SCRIPT = BENCH_DIR / "report.lua"
FEEDBACK_POST_SCRIPT = BENCH_DIR / "feedback_post.lua"
VENV_BIN = Path(sys.executable).parent

DEFAULT_DATABASE_URL = "postgres://postgres@127.0.0.1:5432/klean_bench"
DEFAULT_DATASET = "reference"
HOST = "127.0.0.1"
READY_TIMEOUT_S = 30
STOP_TIMEOUT_S = 15
# A request slower than this counts as a wrk timeout error instead of a latency.
WRK_TIMEOUT = "10s"
RESULT_PREFIX = "BENCH_RESULT "
CSRF_INPUT = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


class BenchError(Exception):
    """Something that stops the whole run (no wrk, no database, no server)."""


class LoginError(BenchError):
    """A demo user could not sign in; only that user's scenarios are skipped."""


# --- Command line ------------------------------------------------------------------


def parse_args(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="tests/bench/run.py",
        description="Benchmark K-LEAN with gunicorn, PostgreSQL and wrk (tests/bench/README.md).",
    )
    parser.add_argument(
        "--seconds", type=int, default=15, help="measured seconds per scenario (15)"
    )
    parser.add_argument(
        "--warmup", type=int, default=2, help="unmeasured warm-up seconds per scenario (2)"
    )
    parser.add_argument(
        "--quick", action="store_true", help="3 s per scenario and 1 s warm-up (CI smoke run)"
    )
    parser.add_argument(
        "--only",
        action="append",
        metavar="NAME",
        default=[],
        help="run only this scenario (repeatable); each still gets its baseline",
    )
    parser.add_argument(
        "--path",
        help="also measure this ad-hoc path (may contain {org}), e.g. /o/{org}/",
    )
    parser.add_argument("--user", help="e-mail of the demo user to sign in as for --path")
    parser.add_argument(
        "--org", default=DEMO_ORGANISATION, help=f"slug for {{org}} ({DEMO_ORGANISATION})"
    )
    parser.add_argument(
        "--workers", type=int, default=2, help="gunicorn workers (2, as docker-compose.yml)"
    )
    parser.add_argument(
        "--database-url",
        default=os.environ.get("BENCH_DATABASE_URL", DEFAULT_DATABASE_URL),
        help="PostgreSQL database to prepare and use (env BENCH_DATABASE_URL; "
        f"default {DEFAULT_DATABASE_URL})",
    )
    parser.add_argument(
        "--redis-url", help="give the server a REDIS_URL (default: none, tasks run eagerly)"
    )
    parser.add_argument(
        "--dataset",
        default=DEFAULT_DATASET,
        help=f"data set for `manage.py bench_data --set NAME` ({DEFAULT_DATASET})",
    )
    parser.add_argument(
        "--skip-setup",
        action="store_true",
        help="use the database as it is: no migrate, seed_demo or bench_data",
    )
    parser.add_argument("--json", type=Path, metavar="PATH", help="also write the results here")
    parser.add_argument(
        "--no-report",
        action="store_true",
        help="skip the PDF report's render time (P6, tests/bench/report_timing.py)",
    )
    parser.add_argument(
        "--strict",
        action="store_true",
        help="exit 1 when a bar is missed or any response is an error",
    )
    args = parser.parse_args(argv)
    if args.quick:
        args.seconds = 3
        args.warmup = min(args.warmup, 1)
    if args.user and not args.path:
        parser.error("--user goes with --path")
    if args.seconds < 1 or args.warmup < 0 or args.workers < 1:
        parser.error("--seconds and --workers must be at least 1, --warmup at least 0")
    return args


def select_scenarios(args: argparse.Namespace) -> list[Scenario]:
    """The scenarios to run, in registry order, without the baseline."""
    by_name = {scenario.name: scenario for scenario in SCENARIOS}
    if len(by_name) != len(SCENARIOS) or BASELINE.name in by_name:
        raise BenchError("scenario names in tests/bench/scenarios.py must be unique")
    unknown = [name for name in args.only if name not in by_name and name != BASELINE.name]
    if unknown:
        known = ", ".join(repr(name) for name in by_name)
        raise BenchError(f"unknown scenario {', '.join(map(repr, unknown))}; known: {known}")

    if args.only:
        selected = [scenario for scenario in SCENARIOS if scenario.name in args.only]
    elif args.path:
        selected = []
    else:
        selected = list(SCENARIOS)
    if args.path:
        selected.append(Scenario(f"path {args.path}", args.path, user=args.user))
    return selected


def baseline_for(scenario: Scenario) -> Scenario:
    """The baseline measured right before a scenario: the same concurrency (and the
    same duration, since every measurement runs --seconds), so that the ratio
    compares like with like at the machine's load of that moment."""
    return replace(BASELINE, concurrency=scenario.concurrency)


# --- Database ----------------------------------------------------------------------


def create_database_if_missing(database_url: str) -> str:
    """Create the benchmark database unless it exists; return the server's version."""
    name = urlsplit(database_url).path.lstrip("/")
    if not name:
        raise BenchError(f"no database name in {database_url!r}")
    try:
        with psycopg.connect(database_url, dbname="postgres", autocommit=True) as connection:
            exists = connection.execute(
                "SELECT 1 FROM pg_database WHERE datname = %s", [name]
            ).fetchone()
            if exists:
                print(f"Database {name} exists.")
            else:
                connection.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
                print(f"Created database {name}.")
            return str(connection.execute("SHOW server_version").fetchone()[0])
    except psycopg.OperationalError as error:
        raise BenchError(f"cannot reach PostgreSQL at {database_url}: {error}") from error


def manage(environment: dict[str, str], *arguments: str, capture: bool = False) -> str:
    command = [sys.executable, "manage.py", *arguments]
    print("$", " ".join(["manage.py", *arguments]), flush=True)
    completed = subprocess.run(
        command, cwd=REPO_ROOT, env=environment, capture_output=capture, text=True
    )
    if completed.returncode != 0:
        detail = f"\n{completed.stderr}" if capture else ""
        raise BenchError(f"manage.py {' '.join(arguments)} failed{detail}")
    return completed.stdout if capture else ""


def prepare_database(args: argparse.Namespace, environment: dict[str, str]) -> str:
    """Migrate, load the demo and the data set; return a description of the data."""
    if args.skip_setup:
        return f"{args.dataset} (setup skipped: database as left by an earlier run)"
    manage(environment, "migrate", "--no-input")
    manage(environment, "seed_demo")
    commands = manage(environment, "help", "--commands", capture=True).split()
    if "bench_data" not in commands:
        print(
            f"Note: no `bench_data` management command yet; "
            f"data set {args.dataset!r} skipped, measuring the demo data only."
        )
        return f"demo only (no bench_data command; --dataset {args.dataset} not loaded)"
    manage(environment, "bench_data", "--set", args.dataset)
    return args.dataset


def placeholder_values(args: argparse.Namespace, environment: dict[str, str]) -> dict[str, str]:
    """Values for the placeholders in scenario paths: {org}, and the ids that
    `manage.py bench_targets` names ({project}, …) when the command exists."""
    values = {"org": args.org}
    commands = manage(environment, "help", "--commands", capture=True).split()
    if "bench_targets" in commands:
        values.update(
            json.loads(manage(environment, "bench_targets", "--org", args.org, capture=True))
        )
    if "feedback_bench" in commands:
        feedback = json.loads(
            manage(environment, "feedback_bench", "--org", args.org, capture=True)
        )
        args.feedback = feedback
        values["feedback_token"] = feedback["feedback_token"]
    if "bench_board" in commands:  # processes: the 60-step map ({board_map}, {board_step})
        values.update(
            json.loads(manage(environment, "bench_board", "--org", args.org, capture=True))
        )
    return values


# --- The server --------------------------------------------------------------------


def server_environment(args: argparse.Namespace) -> dict[str, str]:
    """Production-like settings, except plain HTTP on the loopback interface."""
    environment = dict(os.environ)
    environment.pop("REDIS_URL", None)
    environment.update(
        DEBUG="false",
        HTTPS="false",
        SECRET_KEY=secrets.token_urlsafe(50),
        ALLOWED_HOSTS="127.0.0.1,localhost",
        DATABASE_URL=args.database_url,
        LOG_LEVEL="WARNING",
        # wrk posts every answer from 127.0.0.1: the per-client limit (30 a minute)
        # would stop it after 30. It is still counted in the cache on every post, so
        # its cost is measured; only the threshold is out of reach.
        FEEDBACK_POSTS_PER_MINUTE="1000000000",
    )
    if args.redis_url:
        environment["REDIS_URL"] = args.redis_url
    return environment


@dataclass(frozen=True)
class Server:
    host: str
    port: int
    pid: int = 0  # the gunicorn master's; its workers are its children

    def url(self, path: str) -> str:
        return f"http://{self.host}:{self.port}{path}"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind((HOST, 0))
        return probe.getsockname()[1]


@contextmanager
def running_gunicorn(environment: dict[str, str], workers: int, log_path: Path):
    """Start gunicorn, wait for /ping, and always stop it again."""
    server = Server(HOST, free_port())
    command = [
        str(VENV_BIN / "gunicorn"),
        "klean.wsgi:application",
        "--bind",
        f"{server.host}:{server.port}",
        "--workers",
        str(workers),
        # Gunicorn 27's control socket is one path per home directory: not needed here,
        # and it would clash with another gunicorn on the machine.
        "--no-control-socket",
    ]
    print("$", " ".join(command), f"> {log_path.relative_to(REPO_ROOT)}", flush=True)
    with log_path.open("wb") as log:
        # Its own session: Ctrl-C reaches this script, which then stops gunicorn in order.
        process = subprocess.Popen(
            command,
            cwd=REPO_ROOT,
            env=environment,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        server = replace(server, pid=process.pid)
        try:
            wait_until_ready(server, process, log_path)
            yield server
        finally:
            stop(process)


def wait_until_ready(server: Server, process: subprocess.Popen, log_path: Path) -> None:
    deadline = time.monotonic() + READY_TIMEOUT_S
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise BenchError(f"gunicorn exited with {process.returncode}:\n{tail(log_path)}")
        try:
            if http_request(server, "GET", "/ping", timeout=1).status == 200:
                return
        except OSError:
            pass
        time.sleep(0.2)
    raise BenchError(f"GET /ping did not answer 200 within {READY_TIMEOUT_S} s:\n{tail(log_path)}")


def stop(process: subprocess.Popen) -> None:
    if process.poll() is not None:
        return
    process.terminate()  # gunicorn's graceful shutdown of its workers
    try:
        process.wait(timeout=STOP_TIMEOUT_S)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)  # the group started above: master and workers
        process.wait()


def tail(path: Path, lines: int = 30) -> str:
    return "\n".join(path.read_text(errors="replace").splitlines()[-lines:])


# --- HTTP and signing in ---------------------------------------------------------------


@dataclass
class Response:
    status: int
    cookies: dict[str, str]
    location: str
    body: str


def http_request(
    server: Server,
    method: str,
    path: str,
    headers: dict[str, str] | None = None,
    body: str | None = None,
    timeout: float = 10,
) -> Response:
    connection = http.client.HTTPConnection(server.host, server.port, timeout=timeout)
    try:
        connection.request(method, path, body=body, headers=headers or {})
        response = connection.getresponse()
        cookies = {}
        for header in response.headers.get_all("Set-Cookie") or []:
            for name, morsel in SimpleCookie(header).items():
                cookies[name] = morsel.value
        return Response(
            status=response.status,
            cookies=cookies,
            location=response.headers.get("Location", ""),
            body=response.read().decode("utf-8", errors="replace"),
        )
    finally:
        connection.close()


def log_in(server: Server, email: str, password: str = DEMO_PASSWORD) -> str:
    """Sign a demo user in through the login form; return the Cookie header value.

    Tries once: django-axes locks an e-mail address and IP address out after
    5 failures, so a wrong password must not be retried in a loop.
    """
    page = http_request(server, "GET", "/login/")
    match = CSRF_INPUT.search(page.body)
    if page.status != 200 or "csrftoken" not in page.cookies or not match:
        raise LoginError(f"GET /login/ gave {page.status} without a CSRF cookie and token")
    form = urlencode(
        {"username": email, "password": password, "csrfmiddlewaretoken": match.group(1)}
    )
    response = http_request(
        server,
        "POST",
        "/login/",
        headers={
            "Cookie": f"csrftoken={page.cookies['csrftoken']}",
            "Content-Type": "application/x-www-form-urlencoded",
            "Referer": server.url("/login/"),
        },
        body=form,
    )
    if response.status == 429:
        raise LoginError(f"{email} is locked out by django-axes (15 minutes after 5 failures)")
    if response.status != 302 or "sessionid" not in response.cookies:
        raise LoginError(
            f"logging in as {email} gave {response.status}, not a redirect with a session "
            "(wrong password, or the demo was not loaded?)"
        )
    cookies = {"csrftoken": page.cookies["csrftoken"], **response.cookies}
    return "; ".join(f"{name}={value}" for name, value in cookies.items() if value)


class Sessions:
    """One sign-in per demo user per run; a failure is remembered, never retried."""

    def __init__(self, server: Server):
        self.server = server
        self.cookies: dict[str, str | LoginError] = {}

    def cookie_for(self, email: str | None) -> str | None:
        if email is None:
            return None
        if email not in self.cookies:
            try:
                self.cookies[email] = log_in(self.server, email)
            except LoginError as error:
                self.cookies[email] = error
        cookie = self.cookies[email]
        if isinstance(cookie, LoginError):
            raise cookie
        return cookie


# --- Measuring -----------------------------------------------------------------------


@dataclass
class Measurement:
    scenario: Scenario
    path: str
    command: list[str] = field(default_factory=list)
    summary: dict | None = None  # the JSON line from report.lua
    cpu: CpuDelta | None = None  # gunicorn's and PostgreSQL's CPU over the measured window
    problem: str = ""  # why it was not measured
    # The baseline measured right before this scenario; None for a baseline.
    baseline: "Measurement | None" = None
    # For a baseline: the scenario it was measured for ("" when it ran alone).
    baseline_for: str | None = None

    @property
    def is_baseline(self) -> bool:
        return self.baseline_for is not None

    @property
    def requests(self) -> int:
        return self.summary["requests"] if self.summary else 0

    @property
    def requests_per_s(self) -> float:
        return self.summary["requests_per_s"]

    def latency_ms(self, percentile: int) -> float:
        return self.summary[f"latency_p{percentile}_us"] / 1000

    @property
    def error_count(self) -> int:
        return sum(self.summary["errors"].values()) if self.summary else 0

    @property
    def cpu_figures(self) -> dict:
        """CPU ms per request: total, gunicorn, postgres, … (empty when not measured)."""
        return self.cpu.per_request(self.requests) if self.cpu and self.requests else {}

    @property
    def cpu_ms(self) -> float | None:
        """gunicorn + PostgreSQL CPU per request; None without a local PostgreSQL."""
        return self.cpu_figures.get("cpu_ms_per_request")

    @property
    def ratio(self) -> float | None:
        """Throughput as a fraction of the adjacent baseline's."""
        base = self.baseline
        if self.summary is None or base is None or base.summary is None:
            return None
        if not base.requests_per_s:
            return None
        return self.requests_per_s / base.requests_per_s

    def verdict(self) -> str:
        """'pass', 'FAIL (...)', 'ERROR…' or '' when there is no bar."""
        if self.summary is None:
            return "ERROR"
        bar = self.scenario.bar
        if bar is None:
            return "FAIL (errors)" if self.error_count else ""
        missed = []
        if bar.min_ratio is not None:
            if self.ratio is None:
                return "ERROR (no baseline)"
            if self.ratio < bar.min_ratio:
                missed.append("ratio")
        if bar.max_cpu_ms is not None:
            if self.cpu_ms is None:
                missed.append("no CPU figure")
            elif self.cpu_ms > bar.max_cpu_ms:
                missed.append("CPU")
        if bar.max_p95_ms is not None and self.latency_ms(95) > bar.max_p95_ms:
            missed.append("p95")
        if bar.min_requests_per_s is not None and self.requests_per_s < bar.min_requests_per_s:
            missed.append("req/s")
        if self.error_count:
            missed.append("errors")
        stored = (self.summary or {}).get("stored")
        if stored is not None:
            if stored["lost"]:
                missed.append("lost")
            if stored["duplicated"]:
                missed.append("duplicated")
        return f"FAIL ({', '.join(missed)})" if missed else "pass"

    def passed(self) -> bool:
        return self.verdict() in ("pass", "")


def wrk_command(
    url: str, concurrency: int, seconds: int, cookie: str | None, script: str | None = None
) -> list[str]:
    threads = min(2, concurrency)  # wrk needs at least one connection per thread
    command = ["wrk", f"-t{threads}", f"-c{concurrency}", f"-d{seconds}s"]
    lua = BENCH_DIR / script if script else WRK_SCRIPT
    command += ["--timeout", WRK_TIMEOUT, "--latency", "-s", str(lua)]
    if cookie:
        command += ["-H", f"Cookie: {cookie}"]
    return [*command, url]


def run_wrk(command: list[str], environment: dict[str, str] | None = None) -> dict:
    completed = subprocess.run(command, capture_output=True, text=True, env=environment)
    for line in completed.stdout.splitlines():
        if line.startswith(RESULT_PREFIX):
            return json.loads(line.removeprefix(RESULT_PREFIX))
    raise BenchError(
        f"wrk gave no result (exit {completed.returncode}):\n{completed.stdout}{completed.stderr}"
    )


def printable(command: list[str]) -> str:
    """The wrk command line as shown and stored: the session cookie left out."""
    shown = []
    for part in command:
        if part.startswith("Cookie: "):
            part = "'Cookie: ...'"
        elif part.endswith(".lua"):
            part = str(Path(part).relative_to(REPO_ROOT))
        elif "csrfmiddlewaretoken=" in part or part.startswith("csrftoken="):
            part = "'...'"
        shown.append(part)
    return " ".join(shown)


VERSION_INPUT = re.compile(r'name="version" value="(\d+)"')


def script_environment(
    scenario: Scenario, args: argparse.Namespace, server: Server, cookie: str | None
) -> dict[str, str] | None:
    """What a scenario's own wrk script reads: the step ids and edit address of
    the bench map (``manage.py bench_board``), the map's version now (read from
    the page, right before each run), the CSRF token, report.lua."""
    if not scenario.script:
        return None
    csrf = SimpleCookie(cookie or "").get("csrftoken")
    values = args.placeholders
    page = http_request(
        server, "GET", scenario.path_for(values), headers={"Cookie": cookie} if cookie else None
    )
    version = VERSION_INPUT.search(page.body)
    return {
        "BENCH_VERSION": version.group(1) if version else "1",
        **os.environ,
        "BENCH_REPORT": str(WRK_SCRIPT),
        "BENCH_CSRF": csrf.value if csrf else "",
        "BENCH_STEPS": str(values.get("board_steps", "")),
        "BENCH_EDIT_PATH": f"/o/{values['org']}/steps/%d/edit/",
    }


def measure(
    scenario: Scenario,
    server: Server,
    sessions: Sessions,
    probe_cpu: CpuProbe,
    args: argparse.Namespace,
    baseline: Measurement | None = None,
    baseline_for: str | None = None,
) -> Measurement:
    """Measure one scenario; `baseline` is the measurement to compare it with, or
    `baseline_for` names the scenario this baseline measurement is for."""
    path = scenario.path_for(args.placeholders)
    measurement = Measurement(scenario, path, baseline=baseline, baseline_for=baseline_for)
    if scenario.posts_feedback:
        return measure_feedback_post(measurement, server, probe_cpu, args)
    what = f"{scenario.name} for {baseline_for}" if baseline_for else scenario.name
    print(f"\n== {what}: GET {path} at {scenario.concurrency} concurrent", flush=True)
    try:
        cookie = sessions.cookie_for(scenario.user)
    except LoginError as error:
        measurement.problem = f"not measured: {error}"
        print(f"   {measurement.problem}")
        return measurement

    # One request first: a wrong status (500, a redirect to the login page, 404)
    # would otherwise be measured as if it were the page.
    probe = http_request(server, "GET", path, headers={"Cookie": cookie} if cookie else None)
    if probe.status != scenario.expected_status:
        where = f" to {probe.location}" if probe.location else ""
        measurement.problem = (
            f"not measured: GET {path} gave {probe.status}{where}, "
            f"expected {scenario.expected_status}"
        )
        print(f"   {measurement.problem}")
        return measurement

    url = server.url(path)
    script = scenario.script
    if args.warmup:
        print(f"   warm-up {args.warmup} s", flush=True)
        environment = script_environment(scenario, args, server, cookie)
        run_wrk(wrk_command(url, scenario.concurrency, args.warmup, cookie, script), environment)
    measurement.command = wrk_command(url, scenario.concurrency, args.seconds, cookie, script)
    print(f"   $ {printable(measurement.command)}", flush=True)
    environment = script_environment(scenario, args, server, cookie)
    before = probe_cpu.sample()
    measurement.summary = run_wrk(measurement.command, environment)
    measurement.cpu = CpuProbe.delta(before, probe_cpu.sample())
    cpu = measurement.cpu_figures
    cpu_text = (
        f"CPU {cpu['cpu_ms_per_request']:.2f} ms/request "
        f"(gunicorn {cpu['gunicorn_ms_per_request']:.2f}, "
        f"PostgreSQL {cpu['postgres_ms_per_request']:.2f})"
        if cpu.get("cpu_ms_per_request") is not None
        else "CPU not measured"
    )
    ratio = f", {measurement.ratio:.2f}x the baseline" if measurement.ratio is not None else ""
    print(
        f"   {measurement.requests_per_s:.0f} req/s{ratio}, "
        f"median {measurement.latency_ms(50):.1f} ms, p95 {measurement.latency_ms(95):.1f} ms, "
        f"{cpu_text}, {measurement.error_count} errors",
        flush=True,
    )
    return measurement


# --- The resident's form POST (QUALITY.md P5) --------------------------------------------


def measure_feedback_post(
    measurement: Measurement, server: Server, probe_cpu: CpuProbe, args: argparse.Namespace
) -> Measurement:
    """POST the resident's form, every protection on, each request with its own
    render token and nonce; then count the stored responses against the 303s.

    The render tokens are signed beforehand by ``manage.py feedback_bench
    --tokens`` with the server's SECRET_KEY (the application's own signer) and
    posted once each, only after the minimum fill time has passed since they
    were signed. Each POST carries the CSRF cookie and token from one GET, the
    answers, an empty honeypot and its render token, and is rate limited (with
    a threshold out of reach: see server_environment).
    """
    scenario = measurement.scenario
    path = measurement.path
    print(f"\n== {scenario.name}: POST {path} at {scenario.concurrency} concurrent", flush=True)
    feedback = getattr(args, "feedback", None)
    if not feedback:
        measurement.problem = "not measured: no `feedback_bench` command"
        return measurement
    page = http_request(server, "GET", path)
    match = CSRF_INPUT.search(page.body)
    if page.status != 200 or "csrftoken" not in page.cookies or not match:
        measurement.problem = f"not measured: GET {path} gave {page.status} without a CSRF token"
        print(f"   {measurement.problem}")
        return measurement
    body = urlencode(
        {"csrfmiddlewaretoken": match.group(1), "language": "nb", **feedback["answers"]}
    )
    body += "&render_token="
    cookie = f"csrftoken={page.cookies['csrftoken']}"
    threads = min(2, scenario.concurrency)
    environment = server_environment_for_tokens(args)

    def post_command(seconds: int) -> list[str]:
        # Generously more tokens than the run can post (a reused token would be
        # reported as lost), signed now and used after the minimum fill time.
        count = max(5000, seconds * 1500)
        tokens = RESULTS_DIR / "feedback-tokens.txt"
        manage(
            environment, "feedback_bench", "--org", args.org, "--tokens", str(count),
            "--out", str(tokens), capture=True,
        )  # fmt: skip
        time.sleep(3.5)
        command = ["wrk", f"-t{threads}", f"-c{scenario.concurrency}", f"-d{seconds}s"]
        command += ["--timeout", WRK_TIMEOUT, "--latency", "-s", str(FEEDBACK_POST_SCRIPT)]
        command += [server.url(path), "--", str(tokens), body, cookie, str(threads)]
        return command

    if args.warmup:
        print(f"   warm-up {args.warmup} s", flush=True)
        run_wrk(post_command(args.warmup))
    command = post_command(args.seconds)
    measurement.command = command
    print(f"   $ {printable(command)}", flush=True)
    rows_before = count_responses(args.database_url, feedback["feedback_form"])
    before = probe_cpu.sample()
    measurement.summary = run_wrk(command)
    measurement.cpu = CpuProbe.delta(before, probe_cpu.sample())
    stored = count_responses(args.database_url, feedback["feedback_form"]) - rows_before
    thanked = measurement.summary["statuses"]["303"]
    # Posts still in flight when wrk stopped may be stored without their 303 being
    # counted: at most one per connection, and each with a token of its own.
    in_flight = max(measurement.summary["sent"] - measurement.requests, 0)
    measurement.summary["stored"] = {
        "rows": stored,
        "thanked_303": thanked,
        "in_flight_at_end": in_flight,
        "lost": max(thanked - stored, 0),
        "duplicated": max(stored - thanked - in_flight, 0),
        "shown_again_200": measurement.summary["statuses"]["200"],
    }
    print(
        f"   {measurement.requests_per_s:.0f} req/s, median {measurement.latency_ms(50):.1f} ms, "
        f"p95 {measurement.latency_ms(95):.1f} ms, {measurement.error_count} errors; "
        f"{thanked} answers thanked (303), {stored} stored ({in_flight} posts in flight "
        "at the end), "
        f"{measurement.summary['statuses']['200']} shown again (200), "
        f"{measurement.summary['tokens_reused']} tokens reused",
        flush=True,
    )
    return measurement


def server_environment_for_tokens(args: argparse.Namespace) -> dict[str, str]:
    """The server's environment (its SECRET_KEY above all) for signing tokens."""
    return args.server_environment


def count_responses(database_url: str, form_id: int) -> int:
    with psycopg.connect(database_url) as connection:
        return connection.execute(
            "SELECT count(*) FROM feedback_response WHERE form_id = %s", [form_id]
        ).fetchone()[0]


# --- Report ----------------------------------------------------------------------------


def machine_facts(args: argparse.Namespace, dataset: str, postgres_version: str) -> dict:
    return {
        "cores": os.cpu_count(),
        "cpu": cpu_model(),
        "load_average": [round(load, 2) for load in os.getloadavg()],
        "python": platform.python_version(),
        "postgresql": postgres_version,
        "gunicorn_workers": args.workers,
        "dataset": dataset,
        "commit": git_commit(),
        "redis": bool(args.redis_url),
    }


def cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown"


def git_commit() -> str:
    def git(*arguments: str) -> subprocess.CompletedProcess:
        return subprocess.run(["git", *arguments], cwd=REPO_ROOT, capture_output=True, text=True)

    try:
        head = git("rev-parse", "--short", "HEAD")
        changes = git("status", "--porcelain")
    except OSError:
        return "unknown (no git)"
    if head.returncode != 0:
        return "none (no commits yet)"
    dirty = " + uncommitted changes" if changes.stdout.strip() else ""
    return head.stdout.strip() + dirty


def ratio(value: float, base: float) -> str:
    return f"{value / base:.2f}x" if base else "-"


def figure(value: float | None, digits: int = 2) -> str:
    return "-" if value is None else f"{value:.{digits}f}"


def table_rows(measurements: list[Measurement]) -> list:
    rows = []
    for m in measurements:
        bar = str(m.scenario.bar) if m.scenario.bar else "-"
        if m.summary is None:
            rows.append([m.scenario.name, m.scenario.concurrency, *["-"] * 9, bar, "ERROR"])
            continue
        base = m.baseline
        measured_base = base is not None and base.summary is not None
        cpu = m.cpu_figures
        rows.append(
            [
                m.scenario.name,
                m.scenario.concurrency,
                f"{m.requests_per_s:.1f}",
                f"{m.latency_ms(50):.1f}",
                f"{m.latency_ms(95):.1f}",
                f"{m.latency_ms(99):.1f}",
                m.error_count,
                figure(cpu.get("cpu_ms_per_request")),
                figure(cpu.get("postgres_ms_per_request")),
                figure(m.ratio) + "x" if m.ratio is not None else "-",
                ratio(m.latency_ms(95), base.latency_ms(95)) if measured_base else "-",
                bar,
                m.verdict() or "-",
            ]
        )
    return rows


TABLE_HEADERS = [
    "scenario",
    "conc",
    "req/s",
    "median ms",
    "p95 ms",
    "p99 ms",
    "errors",
    "CPU ms/req",
    "PG ms/req",
    "req/s vs base",
    "p95 vs base",
    "bar",
    "result",
]
LEFT_ALIGNED = {"scenario", "bar", "result"}


def format_table(rows: list[list]) -> str:
    cells = [TABLE_HEADERS, *[[str(cell) for cell in row] for row in rows]]
    widths = [max(len(row[i]) for row in cells) for i in range(len(TABLE_HEADERS))]
    lines = []
    for row in cells:
        parts = [
            cell.ljust(width) if header in LEFT_ALIGNED else cell.rjust(width)
            for cell, width, header in zip(row, widths, TABLE_HEADERS, strict=True)
        ]
        lines.append("  ".join(parts).rstrip())
    lines.insert(1, "-" * len(lines[0]))
    return "\n".join(lines)


def report_notes(measurements: list[Measurement]) -> list[str]:
    notes = []
    for m in measurements:
        name = f"{m.scenario.name} for {m.baseline_for}" if m.baseline_for else m.scenario.name
        if m.problem:
            notes.append(f"{name}: {m.problem}")
        elif m.error_count:
            errors = ", ".join(f"{kind} {n}" for kind, n in m.summary["errors"].items() if n)
            notes.append(
                f"{name}: {m.error_count} errors ({errors}; "
                "status = responses with status 400 or above)"
            )
        cpu = m.cpu_figures
        if cpu and cpu.get("postgres_ms_per_request") is None:
            notes.append(
                f"{name}: no PostgreSQL process visible in /proc (a remote database?): "
                "CPU is gunicorn's only and a CPU bar cannot be checked"
            )
        elsewhere = cpu.get("postgres_elsewhere_ms_per_request") or 0
        if elsewhere >= 0.1 and elsewhere >= 0.2 * (cpu.get("postgres_ms_per_request") or 0):
            others = ", ".join(cpu["other_databases"]) or "none open at the samples"
            notes.append(
                f"{name}: {elsewhere:.2f} ms/request of PostgreSQL's CPU was outside the "
                f"bench's open connections (other databases: {others}; or connections "
                "that closed); it is included in CPU ms/req"
            )
    return notes


def print_report(facts: dict, args: argparse.Namespace, measurements: list[Measurement]) -> None:
    print("\n" + "=" * 100)
    print(
        f"K-LEAN bench {datetime.now(UTC):%Y-%m-%d %H:%M} UTC | commit: {facts['commit']} | "
        f"dataset: {facts['dataset']}"
    )
    print(
        f"machine: {facts['cores']} cores ({facts['cpu']}), load {facts['load_average'][0]} | "
        f"gunicorn {facts['gunicorn_workers']} sync workers | "
        f"PostgreSQL {facts['postgresql'].split()[0]} | "
        f"Redis: {'yes' if facts['redis'] else 'no'} | Python {facts['python']}"
    )
    print(
        f"wrk on the same machine, {args.seconds} s per measurement after {args.warmup} s "
        "warm-up; each scenario follows its own baseline (same concurrency and duration) "
        "and its ratios are to that one. CPU ms/req = gunicorn (master + workers) + "
        "PostgreSQL (all server processes) from /proc, per completed request; PG ms/req "
        "is PostgreSQL's part\n"
    )
    print(format_table(table_rows(measurements)))
    notes = report_notes(measurements)
    if notes:
        print("\nProblems and notes:")
        for note in notes:
            print(f"  {note}")


def results_document(
    facts: dict, args: argparse.Namespace, measurements: list[Measurement]
) -> dict:
    return {
        "machine": facts,
        "settings": {
            "seconds": args.seconds,
            "warmup": args.warmup,
            "organisation": args.org,
            "wrk_timeout": WRK_TIMEOUT,
            "clock_ticks_per_s": os.sysconf("SC_CLK_TCK"),
        },
        # In the order measured: each scenario right after its own baseline.
        "results": [
            {
                "scenario": asdict(m.scenario),
                "role": "baseline" if m.is_baseline else "scenario",
                "baseline_for": m.baseline_for,
                "path": m.path,
                "command": printable(m.command) if m.command else None,
                "summary": m.summary,
                "cpu": m.cpu_figures or None,
                "baseline_requests_per_s": m.baseline.requests_per_s
                if m.baseline is not None and m.baseline.summary is not None
                else None,
                "ratio_to_baseline": round(m.ratio, 3) if m.ratio is not None else None,
                "problem": m.problem or None,
                "verdict": m.verdict() or None,
            }
            for m in measurements
        ],
    }


# --- P6: the final report's render time -----------------------------------------------

REPORT_TIMING = BENCH_DIR / "report_timing.py"
REPORT_PREFIX = "REPORT_TIMING "


def report_timing(environment: dict[str, str]) -> dict | None:
    """The demo's final report rendered in-process against the bench database
    (tests/bench/report_timing.py): build, layout and write times and pages."""
    print("$ tests/bench/report_timing.py --json", flush=True)
    completed = subprocess.run(
        [sys.executable, str(REPORT_TIMING), "--json"],
        cwd=REPO_ROOT,
        env=environment,
        capture_output=True,
        text=True,
    )
    for line in completed.stdout.splitlines():
        if line.startswith(REPORT_PREFIX):
            return json.loads(line.removeprefix(REPORT_PREFIX))
    print(f"report timing failed:\n{completed.stderr[-2000:]}", file=sys.stderr)
    return None


def print_report_timing(timing: dict) -> None:
    steps = ", ".join(
        f"{step} {timing[step]['cpu_median']:.2f} s" for step in ("build", "layout", "write")
    )
    print(
        f"\nP6 final report (demo, {timing['pages']} pages, CPU median of {timing['runs']} "
        f"renders on one core): {steps}; total {timing['total']['cpu_median']:.2f} s "
        f"(wall {timing['total']['wall_median']:.2f} s), bar ≤ {timing['bar_seconds']:g} s: "
        f"{'met' if timing['passed'] else 'MISSED'}"
    )


# --- Main ------------------------------------------------------------------------------


def run(args: argparse.Namespace, started: datetime) -> int:
    if shutil.which("wrk") is None:
        raise BenchError("wrk is not installed: run `apt-get install wrk` (Debian/Ubuntu)")
    scenarios = select_scenarios(args)
    RESULTS_DIR.mkdir(exist_ok=True)
    stamp = f"{started:%Y%m%dT%H%M%SZ}"

    environment = server_environment(args)
    args.server_environment = environment
    postgres_version = create_database_if_missing(args.database_url)
    dataset = prepare_database(args, environment)
    args.placeholders = placeholder_values(args, environment)
    facts = machine_facts(args, dataset, postgres_version)

    log_path = RESULTS_DIR / f"{stamp}-gunicorn.log"
    database = urlsplit(args.database_url).path.lstrip("/")
    measurements = []
    with running_gunicorn(environment, args.workers, log_path) as server:
        sessions = Sessions(server)
        probe_cpu = CpuProbe(server.pid, database)
        if not scenarios:  # --only baseline
            measurements.append(measure(BASELINE, server, sessions, probe_cpu, args, None, ""))
        for scenario in scenarios:
            # The baseline again, right before the scenario: the load drifts within a run.
            baseline = measure(
                baseline_for(scenario), server, sessions, probe_cpu, args, None, scenario.name
            )
            measurements.append(baseline)
            measurements.append(measure(scenario, server, sessions, probe_cpu, args, baseline))

    timing = None if args.no_report or args.only else report_timing(environment)

    print_report(facts, args, measurements)
    if timing:
        print_report_timing(timing)

    document = results_document(facts, args, measurements)
    document["report_timing"] = timing
    document["started_at"] = started.isoformat()
    json_paths = [RESULTS_DIR / f"{stamp}.json", *([args.json] if args.json else [])]
    for path in json_paths:
        path.write_text(json.dumps(document, indent=2, ensure_ascii=False) + "\n")
        print(f"\nResults written to {path}")

    if args.strict and (
        not all(m.passed() for m in measurements) or (timing and not timing["passed"])
    ):
        print("--strict: a bar was missed or there were error responses.")
        return 1
    return 0


def stop_on_sigterm(signum, frame):
    print("\nbench: terminated.", file=sys.stderr)
    raise SystemExit(128 + signum)  # unwinds through `finally`, which stops gunicorn


def main(argv: list[str]) -> int:
    args = parse_args(argv)
    signal.signal(signal.SIGTERM, stop_on_sigterm)
    started = datetime.now(UTC).replace(microsecond=0)
    try:
        return run(args, started)
    except BenchError as error:
        print(f"bench: {error}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("\nbench: interrupted.", file=sys.stderr)
        return 130


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
