from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PortalConfig(AppConfig):
    name = "portal"
    verbose_name = _("Portal")

    def ready(self) -> None:
        from accounts.landing import landing_register

        from . import signals  # noqa: F401  (connects receivers)
        from .roles import staff_landing

        landing_register("staff", 50, staff_landing)
