"""Invite everyone a follow-up survey is due for, as the daily beat task does (embedded
mode has no beat). Nobody is asked twice for a wave, however often it runs."""

from django.core.management.base import BaseCommand

from surveys.services import surveys_invite_due


class Command(BaseCommand):
    help = "Invite everyone a follow-up survey is due for today."

    def handle(self, *args, **options) -> None:
        self.stdout.write(f"Survey invitations: {surveys_invite_due()}.")
