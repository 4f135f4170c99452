from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PortalConfig(AppConfig):
    name = "portal"
    verbose_name = _("Portal")

    def ready(self) -> None:
        # Connect receivers, and register the tasks in every process (web included):
        # the outbox hands messages to its task by name.
        from . import signals, tasks  # noqa: F401
