from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NewcomersConfig(AppConfig):
    name = "newcomers"
    verbose_name = _("Newcomers")

    def ready(self) -> None:
        from accounts.data_rights import personal_data_register

        from .privacy import NEWCOMER_DATA

        personal_data_register(NEWCOMER_DATA)
