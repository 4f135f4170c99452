from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EmployersConfig(AppConfig):
    name = "employers"
    verbose_name = _("Employers")

    def ready(self) -> None:
        from accounts.data_rights import personal_data_register
        from checklists.kinds import kind_register

        from .personal import EMPLOYERS_DATA
        from .readiness.kind import READINESS

        kind_register(READINESS)
        personal_data_register(EMPLOYERS_DATA)
