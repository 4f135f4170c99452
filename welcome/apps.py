from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WelcomeConfig(AppConfig):
    name = "welcome"
    verbose_name = _("Welcome (municipal officers)")

    def ready(self) -> None:
        from accounts.data_rights import personal_data_register
        from checklists.kinds import kind_register

        from . import signals
        from .cases.kind import CASE
        from .personal import LETTERS_DATA

        kind_register(CASE)
        personal_data_register(LETTERS_DATA)
        signals.connect()
