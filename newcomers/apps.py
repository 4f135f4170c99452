from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NewcomersConfig(AppConfig):
    name = "newcomers"
    verbose_name = _("Newcomers")

    def ready(self) -> None:
        from accounts.data_rights import personal_data_register
        from checklists.kinds import kind_register

        from .journey import JOURNEY
        from .privacy import NEWCOMER_DATA

        kind_register(JOURNEY)
        personal_data_register(NEWCOMER_DATA)
