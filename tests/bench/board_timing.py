"""CPU time of the 60-step map board, rendered in-process (no server, no network).

Renders the board of ``manage.py bench_board``'s map through Django's test
client, for an editor (the demo facilitator) and for a reader, as a full page
and as the htmx fragment every edit answers with, and prints the median and
best milliseconds per render (process CPU time, so a busy machine shows less
than it would in wall-clock time)::

    .venv/bin/python tests/bench/board_timing.py            # a throwaway SQLite database
    .venv/bin/python tests/bench/board_timing.py -n 200 --profile
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/klean_bench \\
        .venv/bin/python tests/bench/board_timing.py

Without DATABASE_URL it builds (once) a SQLite database in the temporary
directory with the demo data and the benchmark map. ``--profile`` prints the
20 costliest functions of the editor's page under cProfile.
"""

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
SQLITE = Path(tempfile.gettempdir()) / "klean-board-timing.sqlite3"
os.environ.setdefault("DATABASE_URL", f"sqlite:///{SQLITE}")
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "klean.settings")
os.environ.setdefault("SECRET_KEY", "board-timing")
os.environ.setdefault("ALLOWED_HOSTS", "testserver")
os.environ.setdefault("DEBUG", "false")
os.environ.setdefault("HTTPS", "false")
os.environ.setdefault("LOG_LEVEL", "WARNING")
os.environ.pop("REDIS_URL", None)

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.test import Client  # noqa: E402

from accounts.models import User  # noqa: E402
from processes.management.commands.bench_board import NAME  # noqa: E402
from processes.models import ProcessMap  # noqa: E402

EDITOR = "veileder@eksempel-kommune.no"
READERS = ["admin@eksempel-kommune.no", "leder@eksempel-kommune.no"]
ORG = "eksempel-kommune"


def prepare() -> ProcessMap:
    call_command("migrate", "--no-input", verbosity=0)
    if not User.objects.filter(email=EDITOR).exists():
        call_command("seed_demo", stdout=open(os.devnull, "w"))  # noqa: SIM115
    if not ProcessMap.objects.filter(name=NAME).exists():
        call_command("bench_board", "--org", ORG, stdout=open(os.devnull, "w"))  # noqa: SIM115
    return ProcessMap.objects.get(name=NAME, project__organisation__slug=ORG)


def client_for(email: str) -> Client:
    client = Client()
    client.force_login(User.objects.get(email=email))
    client.cookies["django_language"] = "nb"
    return client


def timed(client: Client, url: str, runs: int, **headers) -> list[float]:
    times = []
    for _ in range(runs):
        started = time.process_time()
        response = client.get(url, **headers)
        times.append((time.process_time() - started) * 1000)
        assert response.status_code == 200, response.status_code
    return times


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-n", type=int, default=100, help="renders per case (default 100)")
    parser.add_argument("--profile", action="store_true", help="profile the editor's page")
    args = parser.parse_args()
    process_map = prepare()
    url = process_map.get_absolute_url()
    editor = client_for(EDITOR)
    assert b"step__handle" in editor.get(url).content, "the facilitator should edit the map"
    reader = next(
        (
            client
            for client in map(client_for, READERS)
            if (page := client.get(url)).status_code == 200 and b"step__handle" not in page.content
        ),
        None,
    )
    steps = process_map.steps.count()
    print(f"map {process_map.pk}: {steps} steps, {args.n} renders each (CPU ms per render)")
    cases = [("editor, page", editor, {}), ("editor, htmx fragment", editor, HTMX)]
    if reader:
        cases.append(("reader, page", reader, {}))
    for name, client, headers in cases:
        timed(client, url, 5, **headers)  # warm up
        times = timed(client, url, args.n, **headers)
        print(
            f"  {name:24} median {statistics.median(times):6.1f}  best {min(times):6.1f}"
            f"  ({len(client.get(url, **headers).content) // 1024} KiB)"
        )
    if args.profile:
        import cProfile
        import pstats

        profiler = cProfile.Profile()
        profiler.enable()
        timed(editor, url, 20)
        profiler.disable()
        pstats.Stats(profiler).sort_stats("cumulative").print_stats(30)
        pstats.Stats(profiler).sort_stats("tottime").print_stats(20)


HTMX = {"HTTP_HX_REQUEST": "true"}

if __name__ == "__main__":
    main()
