"""Send today's reminder digests now: what Celery beat does every morning.

Under ``make run`` (embedded: no Redis, no beat) nothing schedules the digest; run this
instead, as often as you like (a digest already queued today is never queued again).
"""

from django.core.management.base import BaseCommand
from django.utils import timezone

from newcomers.reminders import reminders_send


class Command(BaseCommand):
    help = "Queue today's reminder digests (and, in embedded mode, deliver them at once)."

    def handle(self, *args, **options) -> None:
        queued = reminders_send(today=timezone.localdate())
        self.stdout.write(f"Reminder digests queued: {queued}.")
