"""Test settings: the application's settings plus an N+1 detector.

django-zeal watches every request the tests make (the test client and the
browser tests' live server alike) and raises when one line of code runs the
same query for each of several rows: an N+1 on any page a test renders fails
that test.
"""

import os
import tempfile
from pathlib import Path

from klean.settings import *  # noqa: F403
from klean.settings import INSTALLED_APPS, MIDDLEWARE

INSTALLED_APPS = [*INSTALLED_APPS, "zeal"]
MIDDLEWARE = [*MIDDLEWARE, "zeal.middleware.zeal_middleware"]
ZEAL_RAISE = True
ZEAL_NPLUSONE_THRESHOLD = 2
# Content types are read once per model and process and then kept by Django
# (ContentType.objects.get_for_model); two timeline lines about different kinds
# of things in one request are not an N+1.
ZEAL_ALLOWLIST = [{"model": "contenttypes.ContentType"}]

# The benchmark's large feedback form (feedback/bench.py), small in tests.
BENCH_FEEDBACK_RESPONSES = 50
# The benchmark's idea board (ideas/bench.py), small in tests.
BENCH_IDEAS = 30

# Report files of the test run in a folder of their own, never in the checkout
# (a worker started by a test is given the same folder through REPORTS_ROOT).
REPORTS_ROOT = Path(os.environ.get("REPORTS_ROOT") or tempfile.mkdtemp(prefix="klean-reports-"))
# The benchmark's survey in every project (feedback/bench.py), small in tests.
BENCH_SURVEY_RESPONSES = 10
