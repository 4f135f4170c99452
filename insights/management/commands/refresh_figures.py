"""Compute the indicators' figures afresh, as the beat does (embedded mode has no
beat): the current and last quarter, or with ``--all`` every quarter computed before."""

from django.core.management.base import BaseCommand

from insights.store import quarters_refresh


class Command(BaseCommand):
    help = "Compute the indicators' figures afresh."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--all", action="store_true", help="every quarter computed before")

    def handle(self, *args, **options) -> None:
        count = quarters_refresh(recent_only=not options["all"])
        self.stdout.write(f"Quarters computed: {count}.")
