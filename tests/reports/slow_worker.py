"""A Celery app for the R1 test's worker process: K-LEAN's own app, with
report rendering made slow in this process only, so that the test can kill
the pool child in the middle of a render.

``celery -A tests.reports.slow_worker worker --pool prefork …`` with
``KLEAN_SLOW_RENDER`` (seconds) and ``KLEAN_RENDER_PIDS`` (a file to which
each render appends the rendering process's id) in the environment.
"""

import os
import time

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tests.settings")

import django

django.setup()

from klean.celery import app  # noqa: E402
from reports import document  # noqa: E402

_render = document.render


def slow_render(subject):
    with open(os.environ["KLEAN_RENDER_PIDS"], "a", encoding="utf-8") as pids:
        pids.write(f"{os.getpid()}\n")
    time.sleep(float(os.environ.get("KLEAN_SLOW_RENDER", "4")))
    return _render(subject)


document.render = slow_render

__all__ = ["app"]
