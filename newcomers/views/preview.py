"""The public journey preview: facts in, steps out, as a page or as JSON."""

from __future__ import annotations

import json
from urllib.parse import urlencode

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _

from caching.content import content_version
from caching.recent import Recent
from checklists.facts import Facts
from checklists.selectors import by_phase
from checklists.services import Step, checklist_steps

from ..forms import JourneyPreviewForm, facts_from_answers, first_error
from ..journey import JOURNEY, journey_facts


def facts_from_form(form: JourneyPreviewForm) -> Facts:
    return journey_facts(**facts_from_answers(form.cleaned_data))


# The steps of the facts most recently previewed in this process, by content version:
# the same answers in another language or as JSON are assembled once. The steps are
# only read here, never changed, so one list serves every request.
_assembled = Recent(128)


def preview_steps(facts: Facts) -> list[Step]:
    key = (json.dumps(facts.to_json(), sort_keys=True, default=str), content_version())
    steps = _assembled.get(key)
    if steps is None:
        steps = checklist_steps(kind=JOURNEY, facts=facts)
        _assembled.put(key, steps)
    return steps


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
    submitted = any(name in request.GET for name in JourneyPreviewForm.base_fields)
    form = JourneyPreviewForm(request.GET if submitted or wants_json else None)
    if wants_json:
        if not form.is_valid():
            field, message = first_error(form)
            return _public_json({"error": message, "field": field}, status=400)
        return _json(preview_steps(facts_from_form(form)))
    phases = None
    if submitted and form.is_valid():
        phases = by_phase(
            preview_steps(facts_from_form(form)),
            kind=JOURNEY,
            phase_of=lambda s: s.item.phase,
        )
    return render(
        request,
        "newcomers/preview.html",
        {
            "form": form,
            "phases": phases,
            "page_title": _("Preview your steps"),
            # "Create an account" carries the answers to the wizard, through sign-up.
            "keep_query": urlencode(
                {"next": f"{reverse('newcomers:start')}?{request.GET.urlencode()}"}
            ),
        },
    )
