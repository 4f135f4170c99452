from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OutboxConfig(AppConfig):
    name = "outbox"
    verbose_name = _("Outgoing mail")

    def ready(self) -> None:
        # Register the tasks in every process (web included): the outbox hands
        # messages to its task by name.
        from . import tasks  # noqa: F401
