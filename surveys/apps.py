from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SurveysConfig(AppConfig):
    name = "surveys"
    verbose_name = _("Follow-up surveys")

    def ready(self) -> None:
        from accounts.data_rights import personal_data_register

        from .personal import SURVEYS_DATA

        personal_data_register(SURVEYS_DATA)
