"""The retry policy of every background job (digests, re-assembly, letters): a
database error (an outage, a connection broken while the worker was idle) retries the
job a few times instead of losing it; each job is written so that a rerun skips what
is already done. Use as ``@shared_task(acks_late=True, **RETRY_ON_DATABASE_ERRORS)``."""

from django.db import InterfaceError, OperationalError

RETRY_ON_DATABASE_ERRORS = {
    "autoretry_for": (OperationalError, InterfaceError),
    "retry_backoff": 30,
    "max_retries": 6,
}
