from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MunicipalitiesConfig(AppConfig):
    name = "municipalities"
    verbose_name = _("Municipalities")

    def ready(self) -> None:
        from accounts.data_rights import personal_data_register

        from . import collation  # noqa: F401  (Swedish order on SQLite too)
        from .personal import OFFICER_DATA

        personal_data_register(OFFICER_DATA)
