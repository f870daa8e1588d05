"""Load the demo: two organisations with people in every role.

Idempotent: running it again updates the same rows and creates nothing twice.
Each app adds its own demo data through the ``demo_seeder`` its AppConfig
declares (klean.extensions).
"""

from django.core.management.base import BaseCommand
from django.db import transaction

from accounts.models import Membership, Organisation, OrganisationKind, Role, User
from klean.extensions import contributions

DEMO_PASSWORD = "klean-demo-2026"

ORGANISATIONS = [
    {
        "slug": "eksempel-kommune",
        "name": "Eksempel kommune",
        "kind": OrganisationKind.MUNICIPALITY,
        "org_number": "910000004",
    },
    {
        "slug": "eksempel-helseforetak",
        "name": "Eksempel helseforetak",
        "kind": OrganisationKind.HOSPITAL_TRUST,
        "org_number": "920000002",
    },
]

# (e-mail, name, [(organisation slug, role), ...])
PEOPLE = [
    ("admin@eksempel-kommune.no", "Anne Admin", [("eksempel-kommune", Role.ADMIN)]),
    ("leder@eksempel-kommune.no", "Lars Leder", [("eksempel-kommune", Role.LEADER)]),
    (
        "veileder@eksempel-kommune.no",
        "Vera Veileder",
        [("eksempel-kommune", Role.FACILITATOR), ("eksempel-helseforetak", Role.EMPLOYEE)],
    ),
    ("medarbeider@eksempel-kommune.no", "Mona Medarbeider", [("eksempel-kommune", Role.EMPLOYEE)]),
    ("admin@eksempel-hf.no", "Henrik Admin", [("eksempel-helseforetak", Role.ADMIN)]),
    ("leder@eksempel-hf.no", "Hanne Leder", [("eksempel-helseforetak", Role.LEADER)]),
    ("veileder@eksempel-hf.no", "Hilde Veileder", [("eksempel-helseforetak", Role.FACILITATOR)]),
    (
        "medarbeider@eksempel-hf.no",
        "Harald Medarbeider",
        [("eksempel-helseforetak", Role.EMPLOYEE)],
    ),
]

SUPERUSER = ("drift@klean.no", "Driftsansvarlig")


class Command(BaseCommand):
    help = "Create or refresh the demo organisations and users (safe to run again)."

    @transaction.atomic
    def handle(self, *args, **options):
        organisations = {}
        for data in ORGANISATIONS:
            organisation, _created = Organisation.objects.update_or_create(
                slug=data["slug"], defaults=data
            )
            organisations[organisation.slug] = organisation

        logins = []
        for email, name, roles in PEOPLE:
            user = self._user(email, name)
            for slug, role in roles:
                Membership.objects.update_or_create(
                    user=user, organisation=organisations[slug], defaults={"role": role}
                )
                logins.append((email, organisations[slug].name, role.label))

        email, name = SUPERUSER
        superuser = self._user(email, name)
        superuser.is_staff = superuser.is_superuser = True
        superuser.save(update_fields=["is_staff", "is_superuser"])
        logins.append((email, "—", "superbruker (/admin/)"))

        for _config, seed in contributions("demo_seeder"):
            seed(self)

        self.stdout.write(self.style.SUCCESS("Demo data is ready. Logins (password for all):"))
        self.stdout.write(f"  password: {DEMO_PASSWORD}")
        for email, organisation, role in logins:
            self.stdout.write(f"  {email:36} {organisation:24} {role}")

    def _user(self, email, name):
        user, _created = User.objects.get_or_create(email=email, defaults={"full_name": name})
        user.full_name = name
        user.is_active = True
        user.deleted_at = None
        user.set_password(DEMO_PASSWORD)
        user.save()
        return user
