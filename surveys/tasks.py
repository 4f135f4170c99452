from celery import shared_task

from outbox.retrying import RETRY_ON_DATABASE_ERRORS

from .services import surveys_invite_due


@shared_task(acks_late=True, **RETRY_ON_DATABASE_ERRORS)
def surveys_invite() -> int:
    """Daily: invite everyone a follow-up survey is due for; a rerun asks nobody twice."""
    return surveys_invite_due()
