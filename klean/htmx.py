"""The one htmx error convention.

An htmx request that fails validation gets back the same fragment it would
get on success, with the error inline and announced (``role="alert"``), and
status 422 (Unprocessable Content). base.html's ``htmx-config`` has one
``responseHandling`` rule for it: swap the fragment, do not treat it as a
failure. Every other 4xx/5xx is not swapped (htmx's default).

Without JavaScript the same view answers with a redirect and a message.
"""

from django.shortcuts import render

INVALID = 422


def invalid(request, template_name: str, context: dict):
    """The fragment with its inline error, as every htmx endpoint answers a
    validation error."""
    return render(request, template_name, context, status=INVALID)
