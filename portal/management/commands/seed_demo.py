"""Load the data Landa needs, and in demo mode the demo accounts. Safe to run again."""

from __future__ import annotations

from allauth.account.models import EmailAddress
from django.conf import settings
from django.core.management.base import BaseCommand
from django.db import transaction

from municipalities.models import Municipality, Officer
from municipalities.seed import geography_seed
from portal.models import User

DEMO_PASSWORD = "landa-demo-2026"  # noqa: S105  (demo mode only; printed in the README)
DEMO_ACCOUNTS = [
    # email, display name, language, is_staff, officer municipality code
    ("newcomer@demo.landa.example", "Demo newcomer", "en", False, None),
    ("officer@demo.landa.example", "Demo officer", "sv", False, "2380"),  # Östersund
    ("admin@demo.landa.example", "Demo administrator", "en", True, None),
]


class Command(BaseCommand):
    help = "Load Sweden's regions and municipalities and, in demo mode, the demo accounts."

    def handle(self, *args, **options) -> None:
        regions, municipalities = geography_seed()
        self.stdout.write(f"Geography: {regions} regions, {municipalities} municipalities.")
        if settings.DEMO_MODE:
            self._demo_accounts()
            self.stdout.write(f"Demo accounts ready (password: {DEMO_PASSWORD}).")

    @transaction.atomic
    def _demo_accounts(self) -> None:
        for email, name, language, is_staff, municipality_code in DEMO_ACCOUNTS:
            user, created = User.objects.get_or_create(
                email=email,
                defaults={
                    "display_name": name,
                    "preferred_language": language,
                    "is_staff": is_staff,
                    "is_superuser": is_staff,
                },
            )
            if created:
                user.set_password(DEMO_PASSWORD)
                user.save(update_fields=["password"])
            EmailAddress.objects.update_or_create(
                user=user, email=email, defaults={"verified": True, "primary": True}
            )
            if municipality_code:
                municipality = Municipality.objects.get(code=municipality_code)
                Officer.objects.update_or_create(
                    user=user,
                    defaults={
                        "municipality": municipality,
                        "region": municipality.region,
                    },
                )
