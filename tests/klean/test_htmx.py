"""One htmx error convention: validation errors are 422 and swapped; other errors are not."""

import json
import re

from django.template.loader import render_to_string

from klean.htmx import INVALID


def test_the_layout_swaps_422_and_nothing_else_that_failed(rf):
    html = render_to_string("base.html", request=rf.get("/"))
    config = json.loads(re.search(r'name="htmx-config" content=\'([^\']+)\'', html).group(1))
    rules = config["responseHandling"]

    def first_rule(status):
        return next(rule for rule in rules if re.fullmatch(rule["code"], str(status)))

    assert INVALID == 422
    assert first_rule(422) == {"code": "422", "swap": True, "error": False}
    for status in (400, 403, 404, 409, 429, 500):
        assert first_rule(status)["swap"] is False, status
    assert first_rule(200)["swap"] is True
