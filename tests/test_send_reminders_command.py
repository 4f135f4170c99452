"""The command that sends today's digests where no beat runs (``make run``)."""

from io import StringIO

from django.core.management import call_command

from outbox.models import OutgoingMessage

from .test_reminders import newcomer


def test_the_command_queues_todays_digests_once(national):
    newcomer()
    out = StringIO()
    call_command("send_reminders", stdout=out)
    assert "Reminder digests queued: 1." in out.getvalue()
    call_command("send_reminders", stdout=StringIO())
    assert OutgoingMessage.objects.filter(kind="reminder_digest").count() == 1
