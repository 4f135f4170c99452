"""Send the welcome letters that are due, as the hourly beat task does (embedded mode
has no beat). A letter already written is never written again."""

from django.core.management.base import BaseCommand

from welcome.letters.services import letters_send_due


class Command(BaseCommand):
    help = "Send the welcome letters that are due."

    def handle(self, *args, **options) -> None:
        self.stdout.write(f"Welcome letters written: {letters_send_due()}.")
