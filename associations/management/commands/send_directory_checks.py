"""Ask associations to check the activities they have not checked for a year, as the
daily beat task does (embedded mode has no beat). A person is asked once per check date."""

from django.core.management.base import BaseCommand

from associations.services import verification_reminders_send


class Command(BaseCommand):
    help = "Ask associations to check activities not checked for a year."

    def handle(self, *args, **options) -> None:
        self.stdout.write(f"Activities to check: {verification_reminders_send()}.")
