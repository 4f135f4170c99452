"""Load the data Landa needs, and in demo mode the demo accounts. Safe to run again."""

from __future__ import annotations

from datetime import timedelta

from allauth.account.models import EmailAddress
from django.conf import settings
from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone

from accounts.models import User
from employers.jobs.seed import occupations_seed
from employers.models import Hire, Job, JobLanguage, Membership, Occupation, Organization
from employers.onboarding.content import onboarding_seed
from employers.onboarding.services import plan_sync
from employers.readiness.content import readiness_seed
from employers.readiness.services import (
    answers_save,
    assessment_areas,
    assessment_complete,
    assessment_start,
)
from municipalities.models import Municipality, Officer
from municipalities.places.seed import place_pages_seed
from municipalities.seed import geography_seed
from newcomers.models import NewcomerProfile
from newcomers.seed import guides_seed, national_checklist_seed
from newcomers.services import journeys_resync_all, profile_save_family, profile_save_move
from welcome.cases.seed import case_checklist_seed

DEMO_PASSWORD = "landa-demo-2026"  # noqa: S105  (demo mode only; printed in the README)
DEMO_ACCOUNTS = [
    # email, display name, language, is_staff, officer municipality code
    ("newcomer@demo.landa.example", "Demo newcomer", "en", False, None),
    ("officer@demo.landa.example", "Demo officer", "sv", False, "2380"),  # Östersund
    ("admin@demo.landa.example", "Demo administrator", "en", True, None),
    ("employer@demo.landa.example", "Demo employer", "sv", False, None),
]
# The demo employer's organisation: a made-up number that passes the check digit.
DEMO_EMPLOYER = {
    "org_number": "556677-8899",
    "name": "Demo Verkstad AB",
    "size_class": "10-49",
    "sector": "C",
}


class Command(BaseCommand):
    help = "Load counties, municipalities and content and, in demo mode, the demo accounts."

    def handle(self, *args, **options) -> None:
        regions, municipalities = geography_seed()
        self.stdout.write(f"Geography: {regions} counties, {municipalities} municipalities.")
        self.stdout.write(f"National checklist: {national_checklist_seed()} steps.")
        self.stdout.write(f"Guides: {guides_seed()}.")
        self.stdout.write(f"Place pages created: {place_pages_seed()}.")
        self.stdout.write(f"Case checklist: {case_checklist_seed()} steps.")
        self.stdout.write(f"Readiness check: {readiness_seed()} questions.")
        self.stdout.write(f"Occupations: {occupations_seed()}.")
        self.stdout.write(f"Onboarding plan: {onboarding_seed()} steps.")
        synced, failed = journeys_resync_all()
        self.stdout.write(f"Journeys re-assembled: {synced} ({failed} failed).")
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
            if email.startswith("newcomer@"):
                self._demo_journey(user)
            if email.startswith("employer@"):
                self._demo_employer(user)
            if municipality_code:
                municipality = Municipality.objects.get(code=municipality_code)
                Officer.objects.update_or_create(
                    user=user,
                    defaults={
                        "municipality": municipality,
                        "region": municipality.region,
                        # An editor, so the demo shows letters, own steps and place pages.
                        "role": Officer.Role.EDITOR,
                    },
                )

    def _demo_employer(self, user: User) -> None:
        """An employer in Östersund with one finished readiness check, one job and one
        hire still to accept (with its onboarding plan, and a partner moving too)."""
        municipality = Municipality.objects.get(code="2380")
        organization, created = Organization.objects.get_or_create(
            org_number=DEMO_EMPLOYER["org_number"],
            defaults={**DEMO_EMPLOYER, "municipality": municipality},
        )
        if not created:
            return
        Membership.objects.create(organization=organization, user=user, role="owner")
        check = assessment_start(organization=organization, user=user)
        answers = {area.questions[0].key: "started" for area in assessment_areas(check)}
        answers_save(assessment=check, user=user, changes=answers)
        assessment_complete(assessment=check)
        job = Job.objects.create(
            organization=organization,
            title="Backend developer",
            description="Python and PostgreSQL in a small team that works in English.",
            occupation=Occupation.objects.get(code="2512"),
            municipality=municipality,
            english_is_enough=True,
            work_mode=Job.WorkMode.HYBRID,
            relocation_support=True,
            partner_support=True,
            salary_min=45000,
            salary_max=60000,
            apply_url="https://example.org/jobs/backend",
            expires_on=timezone.localdate() + timedelta(days=60),
        )
        JobLanguage.objects.create(job=job, code="en", level=JobLanguage.Level.FLUENT)
        hire = Hire.objects.create(
            organization=organization,
            email="new.colleague@example.org",
            role_title="Backend developer",
            invited_by=user,
            starts_on=timezone.localdate() + timedelta(days=75),
            needs_permit=True,
            partner_moving=True,
        )
        plan_sync(hire)

    def _demo_journey(self, user: User) -> None:
        """A researcher from outside the EU moving to Östersund with a partner and a child."""
        if NewcomerProfile.objects.filter(user=user).exists():
            return
        profile = profile_save_move(
            user=user,
            data={
                "citizenship": "third_country",
                "purpose": "research",
                "stay_months": 36,
                "arrival": timezone.localdate() + timedelta(days=30),
                "municipality": Municipality.objects.get(code="2380"),
            },
        )
        profile_save_family(
            profile=profile,
            data={
                "partner": True,
                "partner_working": False,
                "children": (4,),
                "has_employer": True,
            },
        )
