from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PortalConfig(AppConfig):
    name = "portal"
    verbose_name = _("Portal")

    def ready(self) -> None:
        from caching import content, personal

        from . import signals  # noqa: F401  (connects receivers)
        from .pagecache import PRIVATE
        from .roles import roles_state

        content.connect(private=PRIVATE)
        personal.connect(header=roles_state())
