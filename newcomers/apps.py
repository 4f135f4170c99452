from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NewcomersConfig(AppConfig):
    name = "newcomers"
    verbose_name = _("Newcomers")

    def ready(self) -> None:
        from accounts.data_rights import personal_data_register
        from accounts.landing import landing_register
        from checklists.kinds import kind_register

        from .journey import JOURNEY
        from .landing import newcomer_landing, wizard_landing
        from .privacy import NEWCOMER_DATA

        kind_register(JOURNEY)
        personal_data_register(NEWCOMER_DATA)
        # Officers (10) and staff (50) are asked before and after the newcomer (30);
        # the wizard is the last answer, for a person with no role yet.
        landing_register("newcomer", 30, newcomer_landing)
        landing_register("newcomer_wizard", 90, wizard_landing)
