"""The public journey preview: facts in, steps out, as a page or as JSON."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from checklists.facts import Facts
from checklists.selectors import by_phase
from checklists.services import Step, checklist_steps

from ..forms import JourneyPreviewForm, first_error
from ..journey import JOURNEY, journey_facts

FIELD_PARAMS = (
    "citizenship",
    "purpose",
    "stay_months",
    "children",
    "partner",
    "partner_working",
    "municipality",
    "arrival",
    "driving_licence",
)


def facts_from_form(form: JourneyPreviewForm) -> Facts:
    data = form.cleaned_data
    municipality = data.get("municipality")
    return journey_facts(
        citizenship=data["citizenship"],
        purpose=data["purpose"],
        stay_months=data["stay_months"],
        arrival_date=data["arrival"],
        children_ages=data["children"],
        partner_moving=data["partner"],
        partner_working=data["partner_working"],
        municipality=municipality.code if municipality else "",
        driving_licence=data["driving_licence"],
    )


def _public_json(data: dict, status: int = 200) -> JsonResponse:
    """Other sites may embed the preview: public data, no credentials, any origin."""
    response = JsonResponse(data, status=status, json_dumps_params={"ensure_ascii": False})
    response["Access-Control-Allow-Origin"] = "*"
    return response


def _json(steps: list[Step]) -> JsonResponse:
    return _public_json(
        {
            "items": [
                {
                    "key": step.key,
                    "title": step.item.title,
                    "phase": step.item.phase,
                    "due_offset_days": step.item.due_offset_days,
                    "authority": step.item.authority.name if step.item.authority else None,
                    "depends_on": list(step.depends_on),
                    "sources": [
                        {"title": source.title, "url": source.url, "language": source.language}
                        for source in step.item.sources.all()
                    ],
                    "checked_on": (
                        step.item.checked_on.isoformat() if step.item.checked_on else None
                    ),
                }
                for step in steps
            ]
        }
    )


def journey_preview(request: HttpRequest) -> HttpResponse:
    wants_json = request.GET.get("format") == "json"
    submitted = any(name in request.GET for name in FIELD_PARAMS)
    form = JourneyPreviewForm(request.GET if submitted or wants_json else None)
    if wants_json:
        if not form.is_valid():
            field, message = first_error(form)
            return _public_json({"error": message, "field": field}, status=400)
        return _json(checklist_steps(kind=JOURNEY, facts=facts_from_form(form)))
    phases = None
    if submitted and form.is_valid():
        phases = by_phase(
            checklist_steps(kind=JOURNEY, facts=facts_from_form(form)),
            kind=JOURNEY,
            phase_of=lambda s: s.item.phase,
        )
    return render(
        request,
        "newcomers/preview.html",
        {"form": form, "phases": phases, "page_title": _("Preview your steps")},
    )
