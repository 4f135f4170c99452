from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WelcomeConfig(AppConfig):
    name = "welcome"
    verbose_name = _("Welcome (municipal officers)")

    def ready(self) -> None:
        from accounts.landing import landing_register

        from .access import officer_landing

        landing_register("officer", 10, officer_landing)
