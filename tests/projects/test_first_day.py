"""What a facilitator meets on the first day (issue: a first day's findings)."""

from django.urls import reverse

from projects.models import ProjectRole


def test_a_new_team_member_is_an_employee_unless_chosen_otherwise(client_for, cast, project):
    content = client_for(cast.facilitator).get(project.url("team")).content.decode()
    add_form = content[content.index('id="id_role"') :]
    selected = add_form[: add_form.index("</select>")]
    assert f'value="{ProjectRole.MEMBER}" selected' in selected
    assert ">Medarbeider</option>" in selected
    assert "Teammedlem" not in content


def test_the_project_role_employee_reads_medarbeider(client_for, cast, project):
    client = client_for(cast.facilitator)
    for language, word in (("nb", "Medarbeider"), ("nn", "Medarbeidar"), ("en", "Employee")):
        client.cookies["django_language"] = language
        content = client.get(reverse("projects:team", args=[cast.organisation.slug, project.pk]))
        assert f">{word}</option>" in content.content.decode(), language


def test_after_login_a_person_lands_where_they_have_the_highest_role(client, cast, password):
    from tests.factories import MembershipFactory, OrganisationFactory

    # Vera is facilitator in Eksempel kommune and an employee in "Aaa helseforetak",
    # which comes first by name.
    MembershipFactory(user=cast.facilitator, organisation=OrganisationFactory(name="Aaa hf"))
    client.post(
        reverse("accounts:login"), {"username": cast.facilitator.email, "password": password}
    )
    assert client.get(reverse("home"))["Location"] == cast.organisation.get_absolute_url()


def test_after_login_a_person_lands_in_the_organisation_they_used_last(client, cast, password):
    from tests.factories import MembershipFactory, OrganisationFactory

    other = OrganisationFactory(name="Østre hf")  # after Eksempel by name
    MembershipFactory(user=cast.facilitator, organisation=other)
    login = {"username": cast.facilitator.email, "password": password}
    client.post(reverse("accounts:login"), login)
    client.get(other.get_absolute_url())
    client.post(reverse("accounts:logout"))
    client.post(reverse("accounts:login"), login)
    assert client.get(reverse("home"))["Location"] == other.get_absolute_url()
