from celery import shared_task

from outbox.retrying import RETRY_ON_DATABASE_ERRORS

from .letters.print_runs import print_runs_expire
from .letters.services import letters_send_due


@shared_task(acks_late=True, **RETRY_ON_DATABASE_ERRORS)
def welcome_letters_send(profile_ids: list[int] | None = None) -> int:
    """Send the welcome letters that are due (for these profiles, or for everyone);
    a duplicate run sends nothing twice."""
    return letters_send_due(profile_ids=profile_ids)


@shared_task(acks_late=True, **RETRY_ON_DATABASE_ERRORS)
def welcome_print_runs_expire() -> int:
    return print_runs_expire()
