from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WelcomeConfig(AppConfig):
    name = "welcome"
    verbose_name = _("Welcome (municipal officers)")

    def ready(self) -> None:
        from accounts.data_rights import personal_data_register

        from . import signals
        from .personal import LETTERS_DATA

        personal_data_register(LETTERS_DATA)
        signals.connect()
