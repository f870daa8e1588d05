"""Answers cannot say who answered (QUALITY.md G1–G3): a schema test."""

import pytest
from django.apps import apps
from django.db import models

from feedback.models import Answer, ContactRequest, Response

#: Parts of a column name that would identify, locate or time a resident.
IDENTIFYING = (
    "ip",
    "agent",
    "cookie",
    "session",
    "user",
    "email",
    "mail",
    "phone",
    "name",
    "device",
    "address",
    "host",
    "fingerprint",
    "time",
    "at",
    "referer",
    "referrer",
)

ANSWER_TABLES = [Response, Answer]


@pytest.mark.parametrize("model", ANSWER_TABLES, ids=lambda m: m.__name__)
def test_no_answer_table_has_an_identifying_column(model):
    columns = [field.column for field in model._meta.concrete_fields]
    suspicious = [c for c in columns if set(c.lower().split("_")) & set(IDENTIFYING)]
    assert suspicious == [], f"{model.__name__} stores {suspicious}"


@pytest.mark.parametrize("model", ANSWER_TABLES, ids=lambda m: m.__name__)
def test_no_answer_table_points_to_a_person(model):
    user_model = apps.get_model("accounts", "User")
    links = [
        f.name
        for f in model._meta.get_fields()
        if isinstance(f, models.ForeignKey) and f.related_model is user_model
    ]
    assert links == []


def test_a_response_keeps_the_day_not_the_time():
    assert type(Response._meta.get_field("submitted_on")) is models.DateField


def test_a_contact_request_has_no_link_to_an_answer():
    related = {f.related_model for f in ContactRequest._meta.get_fields() if f.is_relation}
    assert Response not in related and Answer not in related


def test_response_ids_are_random_not_a_sequence():
    assert isinstance(Response._meta.pk, models.UUIDField)
