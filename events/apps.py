from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EventsConfig(AppConfig):
    name = "events"
    verbose_name = _("Events")

    def ready(self) -> None:
        from accounts.data_rights import personal_data_register

        from .personal import EVENTS_DATA

        personal_data_register(EVENTS_DATA)
