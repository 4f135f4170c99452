"""The Celery application: configured from Django settings (``CELERY_*``)."""

import os
import time

from celery import Celery
from celery.signals import task_prerun

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings.local")

app = Celery("landa")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()


@task_prerun.connect
def _drop_failed_or_old_database_connections(**kwargs) -> None:
    """Keep a worker's database connection from task to task, as long as it works.

    Celery's Django fixup would open a new connection for every task, which held a
    worker near 70 messages a second (hence CELERY_DB_REUSE_MAX). A connection that
    met an error (an outage) is checked and dropped here before the next task, and
    one older than CONN_MAX_AGE is renewed; a healthy one is not checked again for
    every task, which would cost a round trip per message.
    """
    from django.db import connections

    for connection in connections.all(initialized_only=True):
        expired = connection.close_at is not None and time.monotonic() >= connection.close_at
        if connection.errors_occurred or expired:
            connection.close_if_unusable_or_obsolete()
