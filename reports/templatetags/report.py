"""Template filters of the PDF report's templates (templates/reports/pdf/)."""

from django import template

register = template.Library()


@register.filter
def pick(section, keys):
    """The section's figures named by ``keys`` (an iterable of figure keys), in that order."""
    figures = section.fig
    return [figures[key] for key in keys if key in figures]


@register.filter
def figure(section, key):
    """The section's figure ``key``, or None."""
    return section.fig.get(key)
