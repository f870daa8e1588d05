"""Comments are plain text: escaped, with http(s) links made clickable."""

import re

from django import template
from django.utils.html import escape
from django.utils.safestring import mark_safe

register = template.Library()

#: A web address in text that is already escaped (no raw <, > or quotes left).
LINK = re.compile(r"\bhttps?://[^\s<>\"']+", re.IGNORECASE)
TRAILING = ".,;:!?)]"


def _link(match: re.Match) -> str:
    url = match.group(0)
    tail = ""
    while url and url[-1] in TRAILING:
        url, tail = url[:-1], url[-1] + tail
    if url.endswith("&amp"):  # an escaped "&" cut by the punctuation rule
        url, tail = url[:-4], "&amp" + tail
    return f'<a href="{url}" rel="nofollow noopener">{url}</a>{tail}'


@register.filter
def plain_text(text) -> str:
    """The text escaped, http(s) addresses as links, line breaks kept by CSS."""
    return mark_safe(LINK.sub(_link, escape(text or "")))  # noqa: S308 – escaped above
