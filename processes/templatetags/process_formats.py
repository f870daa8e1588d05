"""Template filters for a map's times and figures, written as
``processes.formatting`` writes them on every page::

    {% load process_formats %}
    {{ figures.lead_days|working_days }}     61,9 arbeidsdager
    {{ step.waiting_minutes|duration }}      2,5 timer
    {{ figures.hours_per_year|per_year }}    8 967 t
    {{ figures.ftes|ftes }}                  6,00 årsverk
    {{ figures.flow_percent|percent }}       2,6 %
    {{ freed_hours|freed }}                  2 400 timer frigjort per år

Nothing (None or "") gives "–".
"""

from django import template

from processes import formatting

register = template.Library()


def _filter(name, write):
    def apply(value):
        if value is None or value == "":
            return "–"
        return str(write(value))

    apply.__name__ = name
    apply.__doc__ = write.__doc__
    register.filter(name, apply)


_filter("working_days", formatting.working_days)
_filter("hours", formatting.hours)
_filter("duration", formatting.duration)
_filter("short_duration", formatting.short_duration)
_filter("per_year", formatting.hours_per_year)
_filter("ftes", formatting.ftes)
_filter("percent", formatting.percent)
_filter("freed", formatting.freed)
