"""Organisation names hold no control characters: a line break in a name made
every e-mail whose subject names the organisation fail. Each control character
becomes a space and runs of white space one space (0003 adds the validator).

The cleaning is written out here rather than imported, so that this migration
does the same thing whatever later becomes of the application's code."""

import unicodedata

from django.db import migrations

NOT_IN_NAMES = {"Cc", "Zl", "Zp"}


def cleaned(name: str) -> str:
    spaced = "".join(" " if unicodedata.category(ch) in NOT_IN_NAMES else ch for ch in name)
    return " ".join(spaced.split())


def clean_names(apps, schema_editor):
    organisation_model = apps.get_model("accounts", "Organisation")
    for organisation in organisation_model.objects.only("pk", "name", "slug").iterator():
        name = cleaned(organisation.name) or organisation.slug
        if name != organisation.name:
            organisation_model.objects.filter(pk=organisation.pk).update(name=name)


class Migration(migrations.Migration):
    dependencies = [("accounts", "0002_user_last_organisation")]

    operations = [migrations.RunPython(clean_names, migrations.RunPython.noop)]
