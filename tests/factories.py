import factory
from django.conf import settings
from django.utils import timezone

from accounts.models import Invitation, Membership, Organisation, OrganisationKind, Role, User
from accounts.validators import org_number_check_digit

PASSWORD = "riktig-hest-batteri-42"


def valid_org_number(n: int) -> str:
    """The n-th valid organisation number from 900000000 upwards."""
    base = 90_000_000 + n
    while True:
        digits = str(base)
        check = org_number_check_digit(digits)
        if check is not None:
            return digits + str(check)
        base += 1


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"person{n}@example.no")
    full_name = factory.Faker("name", locale="no_NO")
    password = factory.django.Password(PASSWORD)


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation

    name = factory.Sequence(lambda n: f"Testkommune {n}")
    slug = factory.Sequence(lambda n: f"testkommune-{n}")
    kind = OrganisationKind.MUNICIPALITY
    org_number = factory.Sequence(lambda n: valid_org_number(n * 20))


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    user = factory.SubFactory(UserFactory)
    organisation = factory.SubFactory(OrganisationFactory)
    role = Role.EMPLOYEE


class InvitationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Invitation

    organisation = factory.SubFactory(OrganisationFactory)
    email = factory.Sequence(lambda n: f"invitee{n}@example.no")
    role = Role.EMPLOYEE
    invited_by = factory.SubFactory(UserFactory)
    expires_at = factory.LazyFunction(lambda: timezone.now() + settings.INVITATION_VALID_FOR)
    token_hash = factory.Sequence(lambda n: f"{n:064d}")

    @classmethod
    def with_token(cls, **kwargs) -> tuple[Invitation, str]:
        """An invitation and the token of its link (only its hash is stored)."""
        invitation = cls(**kwargs)
        token = invitation.new_token()
        invitation.save(update_fields=["token_hash"])
        return invitation, token
