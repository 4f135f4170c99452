from celery import shared_task
from django.utils import timezone

from .reminders import reminders_send


@shared_task(acks_late=True)
def reminders_send_daily() -> int:
    return reminders_send(today=timezone.localdate())
