"""``GET /api/indicators/?scope=municipality:2380&period=2026Q3`` (``region:23``,
``nation``): ``{"scope", "period", "indicators": {key: {"value", "suppressed"}}}``.

A value is null when it is suppressed (``insights.privacy``). An indicator with parts
(``journey_completion_rate`` by phase, ``international_hires`` by SSYK occupation code)
has ``"parts": {part: {"value", "suppressed"}}`` as well. A scope or period that is
not one is answered with HTTP 400 naming it, in the reader's language; a
municipality's figures asked for by someone who may not see them
(``insights.access``) with 403.
"""

from __future__ import annotations

from django.http import HttpRequest, JsonResponse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from accounts.api import parameter_refused

from .access import may_see
from .figures import Figures, figures
from .periods import FIRST, Quarter
from .scopes import Scope


def _indicators(found: Figures) -> dict:
    """Each indicator's figure; one with parts (steps done by phase) has them too."""
    answer = {key: figure.as_json() for key, figure in found.items()}
    for key, parts in found.parts.items():
        answer[key]["parts"] = {part: figure.as_json() for part, _name, figure in parts}
    return answer


@require_GET
def indicators(request: HttpRequest) -> JsonResponse:
    try:
        scope = Scope.parse(request.GET.get("scope", ""))
    except ValueError:
        return parameter_refused(
            "scope",
            _("scope must be nation, region:<county code> or municipality:<municipality code>."),
        )
    try:
        quarter = Quarter.begun(request.GET.get("period", ""))
    except ValueError:
        return parameter_refused(
            "period",
            _("period must be a quarter from %(first)s that has begun, such as %(quarter)s.")
            % {"first": FIRST, "quarter": Quarter.current()},
        )
    if not may_see(request.user, scope):
        message = _("A municipality's figures are for its officers and its region's.")
        return JsonResponse({"error": message}, status=403)
    return JsonResponse(
        {
            "scope": str(scope),
            "period": str(quarter),
            "indicators": _indicators(figures(scope, quarter)),
        }
    )
