"""Addresses of idea pages that other parts of the idea pipeline link to."""

from django.urls import reverse


def idea_url(org_slug: str, idea_id: int) -> str:
    """The idea's own page."""
    return reverse("ideas:idea", args=[org_slug, idea_id])
