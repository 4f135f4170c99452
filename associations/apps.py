from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AssociationsConfig(AppConfig):
    name = "associations"
    verbose_name = _("Associations")

    def ready(self) -> None:
        from accounts.data_rights import personal_data_register

        from .personal import ASSOCIATIONS_DATA

        personal_data_register(ASSOCIATIONS_DATA)
