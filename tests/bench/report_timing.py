"""P6: render time of the demo project's final report, in-process, on one core.

Renders «Raskere byggesak»'s final report (``reports.document``) several times
and prints, for each step, the median and best of the process' CPU time (one
core: a busy machine shows less than it would in wall-clock time) beside the
wall-clock median: building the view-model and HTML from the database,
WeasyPrint's layout, writing the PDF; and the pages::

    .venv/bin/python tests/bench/report_timing.py             # a throwaway SQLite database
    .venv/bin/python tests/bench/report_timing.py -n 5 --profile
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/klean_bench \\
        .venv/bin/python tests/bench/report_timing.py --json

Without DATABASE_URL it builds (once) a SQLite database in the temporary
directory with the demo data. ``--json`` prints one line ``REPORT_TIMING {…}``
that ``tests/bench/run.py`` reads; ``--profile`` prints the costliest
functions of one render under cProfile. The bar (QUALITY.md P6): ≤ 5 s.
"""

import argparse
import json
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
SQLITE = Path(tempfile.gettempdir()) / "klean-report-timing.sqlite3"
os.environ.setdefault("DATABASE_URL", f"sqlite:///{SQLITE}")
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "klean.settings")
os.environ.setdefault("SECRET_KEY", "report-timing")
os.environ.setdefault("ALLOWED_HOSTS", "testserver")
os.environ.setdefault("DEBUG", "false")
os.environ.setdefault("HTTPS", "false")
os.environ.setdefault("LOG_LEVEL", "WARNING")
os.environ.pop("REDIS_URL", None)

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402

from accounts.models import Organisation  # noqa: E402
from projects.models import Project  # noqa: E402
from reports import document, pdf  # noqa: E402

ORG = "eksempel-kommune"
PROJECT = "Raskere byggesak"
BAR_SECONDS = 5.0
PREFIX = "REPORT_TIMING "


def prepare() -> document.Subject:
    call_command("migrate", "--no-input", verbosity=0)
    if not Project.objects.filter(organisation__slug=ORG, title=PROJECT).exists():
        call_command("seed_demo", stdout=open(os.devnull, "w"))  # noqa: SIM115
    organisation = Organisation.objects.get(slug=ORG)
    project = Project.objects.get(organisation=organisation, title=PROJECT)
    return document.Subject("final", "nb", organisation, project)


def once(subject) -> dict:
    """One render, step by step: (CPU seconds, wall seconds) per step."""
    figures = {}
    cpu, wall = time.process_time(), time.perf_counter()
    html = document.html(subject)
    figures["build"] = (time.process_time() - cpu, time.perf_counter() - wall)
    cpu, wall = time.process_time(), time.perf_counter()
    rendered = pdf.lay_out(html)
    figures["layout"] = (time.process_time() - cpu, time.perf_counter() - wall)
    cpu, wall = time.process_time(), time.perf_counter()
    data = pdf.write(rendered)
    figures["write"] = (time.process_time() - cpu, time.perf_counter() - wall)
    figures["total"] = tuple(sum(step[i] for step in figures.values()) for i in (0, 1))
    figures["pages"] = rendered.pages
    figures["bytes"] = len(data)
    return figures


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-n", type=int, default=3, help="renders (default 3, after one warm-up)")
    parser.add_argument("--json", action="store_true", help=f"print a line {PREFIX}{{…}}")
    parser.add_argument("--profile", action="store_true", help="profile one render")
    args = parser.parse_args()
    subject = prepare()
    once(subject)  # warm-up: imports, fonts, the templates
    runs = [once(subject) for _ in range(args.n)]
    result = {"pages": runs[-1]["pages"], "bytes": runs[-1]["bytes"], "runs": args.n}
    print(
        f"{PROJECT}: final report, {result['pages']} pages, {result['bytes'] // 1024} KiB; "
        f"{args.n} renders (seconds: CPU median / CPU best / wall median)"
    )
    for step in ("build", "layout", "write", "total"):
        cpu = [run[step][0] for run in runs]
        wall = [run[step][1] for run in runs]
        result[step] = {
            "cpu_median": round(statistics.median(cpu), 3),
            "cpu_best": round(min(cpu), 3),
            "wall_median": round(statistics.median(wall), 3),
        }
        print(
            f"  {step:7} {statistics.median(cpu):6.2f} {min(cpu):6.2f} "
            f"{statistics.median(wall):6.2f}"
        )
    result["bar_seconds"] = BAR_SECONDS
    result["passed"] = result["total"]["cpu_median"] <= BAR_SECONDS
    print(
        f"  P6 bar ≤ {BAR_SECONDS:g} s on one core: "
        f"{'met' if result['passed'] else 'MISSED'} ({result['total']['cpu_median']:.2f} s)"
    )
    if args.json:
        print(PREFIX + json.dumps(result))
    if args.profile:
        import cProfile
        import pstats

        profiler = cProfile.Profile()
        profiler.enable()
        once(subject)
        profiler.disable()
        pstats.Stats(profiler).sort_stats("cumulative").print_stats(30)


if __name__ == "__main__":
    main()
