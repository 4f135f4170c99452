from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EmployersConfig(AppConfig):
    name = "employers"
    verbose_name = _("Employers")

    def ready(self) -> None:
        from django.db.models import Q

        from accounts.data_rights import personal_data_register
        from checklists.kinds import Layer, kind_register
        from newcomers.journey import JOURNEY, employer_source_set

        from .hires.services import LAYER, employer_of
        from .models import Organization
        from .personal import EMPLOYERS_DATA
        from .readiness.kind import READINESS

        kind_register(READINESS)
        personal_data_register(EMPLOYERS_DATA)
        # A hire's journey takes the employer's own steps (decision 0009).
        employer_source_set(employer_of)
        JOURNEY.layer_add(
            Layer(
                LAYER,
                _("employer"),
                owner=Organization,
                owner_filter=lambda facts: Q(uuid=facts["employer"]) if facts["employer"] else None,
                checklists_of_owner=lambda organization: Q(facts__employer=str(organization.uuid)),
            )
        )
