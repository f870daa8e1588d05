"""Cheaper ``get_FOO_display`` for models whose lists show many choice labels.

Django's own looks a label up by building a dict of every choice, hashing
each lazy label, on every call: with translated labels that is a dozen
gettext calls per cell, and the project list had some 750 of them per page.
This keeps one dict per field (labels stay lazy, so each still reads in the
reader's language) and looks the value up in it.
"""

from django.utils.encoding import force_str


class ChoiceLabels:
    """Mix into a model before ``models.Model``."""

    def _get_FIELD_display(self, field):
        labels = field.__dict__.get("_klean_labels")
        if labels is None:
            labels = field._klean_labels = dict(field.flatchoices)
        value = getattr(self, field.attname)
        try:
            label = labels.get(value, value)
        except TypeError:  # an unhashable value: Django's own way
            return super()._get_FIELD_display(field)
        return force_str(label, strings_only=True)
