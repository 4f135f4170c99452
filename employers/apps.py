from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EmployersConfig(AppConfig):
    name = "employers"
    verbose_name = _("Employers")

    def ready(self) -> None:
        from accounts.data_rights import personal_data_register
        from checklists.kinds import kind_register
        from newcomers.journey import JOURNEY, employer_source_set

        from .hires.layer import EMPLOYER_LAYER
        from .hires.services import employer_facts
        from .onboarding.kind import ONBOARDING
        from .personal import EMPLOYERS_DATA
        from .readiness.kind import READINESS

        kind_register(READINESS)
        kind_register(ONBOARDING)
        personal_data_register(EMPLOYERS_DATA)
        # A hire's journey, and their accompanying partner's, take the employer's own
        # steps (decision 0009).
        employer_source_set(employer_facts)
        JOURNEY.layer_add(EMPLOYER_LAYER)
