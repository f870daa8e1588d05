"""The Celery application. Workers start with ``celery -A klean worker``."""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "klean.settings")

app = Celery("klean")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
