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


def test_removing_someone_from_the_team_asks_first_and_says_what_happens(client_for, cast, project):
    from projects.models import TeamMember
    from tests.factories import TeamMemberFactory

    member = TeamMemberFactory(project=project, user=cast.employee, role=ProjectRole.MEMBER)
    client = client_for(cast.facilitator)
    team = client.get(project.url("team")).content.decode()
    assert f'href="{project.url("team_remove", member.pk)}"' in team  # a link, not a button
    page = client.get(project.url("team_remove", member.pk))
    assert page.status_code == 200
    assert "mister tilgangen til prosjektet" in page.content.decode()
    assert "vil ikke lenger være medarbeider" in page.content.decode()
    assert TeamMember.objects.filter(pk=member.pk).exists()
    response = client.post(project.url("team_remove", member.pk))
    assert response["Location"] == project.url("team")
    assert not TeamMember.objects.filter(pk=member.pk).exists()


def test_leaving_the_team_oneself_goes_to_the_project_list(client_for, cast, project):
    from tests.factories import TeamMemberFactory

    TeamMemberFactory(project=project, user=cast.leader, role=ProjectRole.FACILITATOR)
    me = project.team.get(user=cast.facilitator)
    client = client_for(cast.facilitator)
    assert "Forlate teamet?" in client.get(project.url("team_remove", me.pk)).content.decode()
    response = client.post(project.url("team_remove", me.pk), follow=True)
    assert response.redirect_chain[-1][0] == reverse("projects:list", args=[cast.organisation.slug])
    assert "Du er ikke lenger med i teamet" in response.content.decode()


def test_the_demo_timelines_are_dated_across_each_project_s_life(db):
    from django.core.management import call_command
    from django.utils import timezone

    from projects.models import Project

    call_command("seed_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    for project in Project.objects.exclude(activities=None):
        days = sorted({timezone.localdate(a.created_at) for a in project.activities.all()})
        assert days[0] == min(project.start_date, timezone.localdate()), project.title
        if project.phase > 0:
            assert (days[-1] - days[0]).days > 30, (project.title, days)
            assert len(days) > project.phase // 2, (project.title, days)


def test_the_organisation_home_shows_my_projects(client_for, cast, project):
    from tests.factories import ProjectFactory

    ProjectFactory(organisation=cast.organisation, title="Ikke mitt prosjekt")
    content = client_for(cast.facilitator).get(cast.organisation.get_absolute_url())
    content = content.content.decode()
    mine = content[content.index('id="my-projects-heading"') :]
    assert "Raskere byggesak" in mine and "Fase 0: Forankring og oppstart" in mine
    assert "Ikke mitt prosjekt" not in content  # a facilitator sees her own projects only
    assert "Alle aktive prosjekter" not in content


def test_leaders_see_every_project_with_its_phase_and_goal_progress(client_for, cast, project):
    from decimal import Decimal

    from tests.factories import GoalFactory, MeasurementFactory, ProjectFactory

    goal = GoalFactory(project=project, baseline=Decimal(60), target=Decimal(30))
    MeasurementFactory(goal=goal, value=Decimal(45))
    ProjectFactory(organisation=cast.organisation, title="Barnevern", phase=4)
    content = client_for(cast.leader).get(cast.organisation.get_absolute_url()).content.decode()
    table = content[content.index('id="all-projects-heading"') :]
    assert "Raskere byggesak" in table and "Barnevern" in table
    assert "4. Analyse" in table
    assert "50 % av veien" in table
    assert "60 → 45 dager (målverdi 30)" in table


def test_ending_a_partnership_asks_first_and_says_who_loses_access(client_for, cast, project):
    from projects.models import Partnership, PartnershipStatus
    from tests.factories import (
        MembershipFactory,
        OrganisationFactory,
        PartnershipFactory,
        TeamMemberFactory,
        UserFactory,
    )

    hospital = OrganisationFactory(name="Eksempel helseforetak")
    partnership = PartnershipFactory(project=project, organisation=hospital)
    for name in ("Hilde Veileder", "Harald Medarbeider"):
        person = MembershipFactory(organisation=hospital, user=UserFactory(full_name=name)).user
        TeamMemberFactory(project=project, user=person, organisation=hospital)
    client = client_for(cast.facilitator)
    partners = client.get(project.url("partners")).content.decode()
    assert f'href="{project.url("partner_end", partnership.pk)}"' in partners
    page = client.get(project.url("partner_end", partnership.pk)).content.decode()
    assert "2 personer fra Eksempel helseforetak mister tilgangen" in page
    assert "Hilde Veileder" in page and "Harald Medarbeider" in page
    partnership.refresh_from_db()
    assert partnership.status == PartnershipStatus.ACTIVE
    client.post(project.url("partner_end", partnership.pk))
    assert Partnership.objects.get(pk=partnership.pk).status == PartnershipStatus.ENDED
    assert not project.team.filter(organisation=hospital).exists()


def test_a_mistyped_measurement_date_is_refused_and_a_wrong_value_can_be_deleted(
    client_for, cast, project
):
    from datetime import date, timedelta

    from django.utils import timezone

    from projects.models import Measurement
    from tests.factories import GoalFactory

    goal = GoalFactory(project=project, baseline_date=date(2026, 1, 15))
    client = client_for(cast.facilitator)
    url = project.url("measurement_create", goal.pk)
    future = (timezone.localdate() + timedelta(days=30)).strftime("%d.%m.%Y")
    response = client.post(url, {"date": future, "value": "9"})
    assert "kan ikke være fram i tid" in response.content.decode()
    response = client.post(url, {"date": "01.01.2025", "value": "9"})
    assert "15.01.2026" in response.content.decode()
    assert not Measurement.objects.exists()

    client.post(url, {"date": "01.02.2026", "value": "11,2"})
    response = client.post(url, {"date": "01.02.2026", "value": "10,9"})
    assert "Ja, erstatt målingen fra den dagen" in response.content.decode()  # not "Replace"
    first = Measurement.objects.get()
    # The page shown again with the error is the same goal page, delete buttons included.
    assert project.url("measurement_delete", goal.pk, first.pk) in response.content.decode()

    measurement = Measurement.objects.get()
    page = client.get(project.url("goal", goal.pk)).content.decode()
    delete_url = project.url("measurement_delete", goal.pk, measurement.pk)
    assert f'href="{delete_url}"' in page
    assert "Slette målingen fra 01.02.2026?" in client.get(delete_url).content.decode()
    assert Measurement.objects.exists()
    assert client.post(delete_url)["Location"] == project.url("goal", goal.pk)
    assert not Measurement.objects.exists()
    assert project.activities.filter(kind="projects.measurement_deleted").exists()


def test_administrators_find_partnership_requests_in_the_menu(client_for, cast):
    url = reverse("projects:partnership_requests", args=[cast.organisation.slug])
    admin_page = client_for(cast.admin).get(cast.organisation.get_absolute_url()).content.decode()
    assert f'href="{url}"' in admin_page[admin_page.index('class="org-nav"') :]
    leader_page = client_for(cast.leader).get(cast.organisation.get_absolute_url())
    assert f'href="{url}"' not in leader_page.content.decode()


def test_removing_a_leader_from_the_team_says_they_still_see_the_project(client_for, cast, project):
    from tests.factories import TeamMemberFactory

    member = TeamMemberFactory(project=project, user=cast.leader, role=ProjectRole.MEMBER)
    page = client_for(cast.facilitator).get(project.url("team_remove", member.pk))
    assert "ser fortsatt prosjektet gjennom rollen sin" in page.content.decode()
