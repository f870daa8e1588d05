import pytest
from django.urls import reverse

LOGIN = "/login/"


def post_login(client, email, password, ip="10.0.0.1"):
    return client.post(LOGIN, {"username": email, "password": password}, REMOTE_ADDR=ip)


def test_login_page_is_norwegian_by_default(client, db):
    response = client.get(LOGIN)
    assert response.status_code == 200
    assert response["Content-Language"] == "nb"
    assert '<html lang="nb">' in response.content.decode()
    assert "Logg inn" in response.content.decode()


def test_member_logs_in_with_email_in_any_case_and_lands_in_organisation(client, cast, password):
    response = post_login(client, "ADMIN@Eksempel.no", password)
    assert response.status_code == 302
    assert response["Location"] == reverse("home")
    response = client.get(reverse("home"))
    assert response["Location"] == cast.organisation.get_absolute_url()


def test_wrong_password_shows_a_clear_message_and_no_session(client, cast):
    response = post_login(client, cast.admin.email, "feil-passord")
    assert response.status_code == 200
    assert "E-postadressen eller passordet er feil" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_five_failures_lock_the_address_from_that_ip_with_a_clear_message(client, cast, password):
    for _attempt in range(4):
        assert post_login(client, cast.admin.email, "feil-passord").status_code == 200
    response = post_login(client, cast.admin.email, "feil-passord")
    assert response.status_code == 429
    assert "15 minutter" in response.content.decode()
    # Even the right password is refused from this IP address now …
    assert post_login(client, cast.admin.email, password).status_code == 429
    # … but the same person can log in from another address (no lockout by name alone).
    assert post_login(client, cast.admin.email, password, ip="10.0.0.2").status_code == 302


def test_failures_for_one_user_do_not_lock_another(client, cast, password):
    for _attempt in range(5):
        post_login(client, cast.admin.email, "feil-passord")
    assert post_login(client, cast.leader.email, password).status_code == 302


def test_logout_needs_post(client_for, cast):
    client = client_for(cast.admin)
    assert client.get("/logout/").status_code == 405
    assert client.post("/logout/").status_code == 302
    assert "_auth_user_id" not in client.session


def test_person_without_organisation_sees_a_helpful_page(client_for, db):
    from tests.factories import UserFactory

    response = client_for(UserFactory()).get(reverse("home"))
    assert response.status_code == 200
    assert "ikke medlem av noen organisasjon" in response.content.decode()


@pytest.mark.parametrize("next_url", ["https://evil.example/", "//evil.example/"])
def test_login_never_redirects_off_site(client, cast, password, next_url):
    response = client.post(
        f"{LOGIN}?next={next_url}", {"username": cast.admin.email, "password": password}
    )
    assert response.status_code == 302
    assert "evil" not in response["Location"]


def test_password_reset_sends_a_link_that_sets_a_new_password(client, cast, mailoutbox):
    response = client.post(reverse("accounts:password_reset"), {"email": cast.employee.email})
    assert response.status_code == 302
    assert len(mailoutbox) == 1
    link = next(line for line in mailoutbox[0].body.splitlines() if "/password/reset/" in line)
    path = link.split("testserver", 1)[1]
    response = client.get(path, follow=True)
    form_url = response.redirect_chain[-1][0]
    response = client.post(
        form_url, {"new_password1": "ny-passord-for-mona", "new_password2": "ny-passord-for-mona"}
    )
    assert response.status_code == 302
    cast.employee.refresh_from_db()
    assert cast.employee.check_password("ny-passord-for-mona")


def test_password_reset_for_unknown_address_says_the_same(client, db, mailoutbox):
    response = client.post(reverse("accounts:password_reset"), {"email": "ukjent@example.no"})
    assert response.status_code == 302
    assert mailoutbox == []
