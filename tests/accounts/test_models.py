import pytest
from django.core.exceptions import ValidationError

from accounts.models import Invitation, InvitationStatus, User
from accounts.validators import validate_org_number
from tests.factories import InvitationFactory, UserFactory


@pytest.mark.parametrize("number", ["974760673", "974 760 673", "910000004", "983.452.035"])
def test_valid_organisation_numbers_pass(number):
    validate_org_number(number)


@pytest.mark.parametrize(
    ("number", "code"),
    [
        ("974760674", "org_number_checksum"),  # wrong check digit
        ("97476067", "org_number_format"),  # too short
        ("9747606731", "org_number_format"),  # too long
        ("97476067X", "org_number_format"),
        ("٩٧٤٧٦٠٦٧٣", "org_number_format"),  # Arabic-Indic digits are not accepted
        ("", "org_number_format"),
    ],
)
def test_malformed_organisation_numbers_are_refused_with_a_reason(number, code):
    with pytest.raises(ValidationError) as error:
        validate_org_number(number)
    assert error.value.code == code


def test_numbers_whose_check_digit_would_be_ten_are_never_valid():
    # 10000013x: the weighted sum leaves remainder 1, so no check digit exists.
    for last in "0123456789":
        with pytest.raises(ValidationError):
            validate_org_number("10000013" + last)


def test_email_is_stored_in_lower_case(db):
    user = User.objects.create_user("Kari.Nordmann@Example.NO", "x" * 12, full_name="Kari")
    assert user.email == "kari.nordmann@example.no"
    assert User.objects.get_by_natural_key("KARI.nordmann@example.no") == user


def test_deleted_user_is_shown_as_former_member(db):
    user = UserFactory(full_name="Kari Nordmann")
    assert str(user) == "Kari Nordmann"
    user.deleted_at = user.date_joined
    assert str(user) == "Tidligere medlem"


def test_invitation_status_follows_its_dates(db):
    invitation = InvitationFactory()
    assert invitation.status == InvitationStatus.PENDING
    invitation.expires_at = invitation.created_at
    assert invitation.status == InvitationStatus.EXPIRED
    invitation.revoked_at = invitation.created_at
    assert invitation.status == InvitationStatus.REVOKED


def test_only_a_hash_of_the_token_is_stored(db):
    invitation, token = InvitationFactory.with_token()
    assert token not in invitation.token_hash
    assert Invitation.objects.by_token(token).get() == invitation
