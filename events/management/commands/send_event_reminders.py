"""Remind everyone with a place at tomorrow's events, as the daily beat task does
(embedded mode has no beat). A person is reminded once per event."""

from django.core.management.base import BaseCommand

from events.services import reminders_send


class Command(BaseCommand):
    help = "Remind everyone with a place at tomorrow's events."

    def handle(self, *args, **options) -> None:
        self.stdout.write(f"Event reminders: {reminders_send()}.")
