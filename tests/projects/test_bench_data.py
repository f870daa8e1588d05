from django.core.management import call_command

from accounts.models import Organisation
from projects.models import Goal, Measurement, Project


def test_reference_set_is_built_once_with_the_demo_organisation_in_it(db, capsys):
    call_command("seed_demo")
    call_command("bench_data", "--set", "reference")
    assert Organisation.objects.filter(slug__startswith="bench-").count() == 9
    assert Project.objects.count() == 4 + 200
    assert Project.objects.filter(organisation__slug="eksempel-kommune").count() == 4 + 20
    assert Goal.objects.count() == 4 + 400
    assert Measurement.objects.count() > 2400
    call_command("bench_data", "--set", "reference")
    assert Project.objects.count() == 204
    assert "already loaded" in capsys.readouterr().out
