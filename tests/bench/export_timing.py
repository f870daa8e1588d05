"""P7: time to the first byte, total time and peak memory of a form's exports.

Runs the export views in-process (Django's test client, no server) against a
database that ``manage.py bench_data`` has filled (feedback/bench.py puts a form
with 100,000 responses in the demo organisation)::

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/klean_bench \\
        .venv/bin/python tests/bench/export_timing.py

The streamed body is read chunk by chunk and thrown away, as a client would
write it to disk. Each export runs twice: timed, then under tracemalloc for
the peak of Python's own allocations; the process' largest resident size is
printed too.
"""

import os
import resource
import sys
import time
import tracemalloc
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "klean.settings")
os.environ.setdefault("SECRET_KEY", "export-timing")
os.environ.setdefault("ALLOWED_HOSTS", "testserver")

import django

django.setup()

from django.test import Client  # noqa: E402
from django.urls import reverse  # noqa: E402

from accounts.models import User  # noqa: E402
from feedback.bench import TITLE  # noqa: E402
from feedback.models import Form, Response  # noqa: E402


def rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main(organisation="eksempel-kommune", user="admin@eksempel-kommune.no"):
    form = Form.objects.select_related("project__organisation").get(
        project__organisation__slug=organisation, title=TITLE
    )
    responses = Response.objects.filter(form=form).count()
    client = Client()
    client.force_login(User.objects.get(email=user))
    print(f"form {form.pk}: {responses} responses")
    rss_before = rss_mb()
    for fmt in ("csv", "xlsx"):
        url = reverse("feedback:export", args=[organisation, form.pk, fmt])
        started = time.perf_counter()
        response = client.get(url)
        chunks = iter(response.streaming_content)
        first = next(chunks)
        first_byte = time.perf_counter() - started
        size = len(first)
        for chunk in chunks:
            size += len(chunk)
        total = time.perf_counter() - started
        response.close()
        # Again under tracemalloc (several times slower) for the peak of Python's memory.
        tracemalloc.start()
        for _chunk in client.get(url).streaming_content:
            pass
        _current, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        print(
            f"{fmt}: first byte {first_byte * 1000:.0f} ms, all {total:.1f} s, "
            f"{size / 1e6:.1f} MB, peak Python memory {peak / 1e6:.1f} MB, "
            f"max RSS {rss_mb():.0f} MB (before: {rss_before:.0f} MB)"
        )


if __name__ == "__main__":
    main(*sys.argv[1:])
