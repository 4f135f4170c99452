"""The public page of a step of the journey, which search links to."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render

from ..journey import JOURNEY
from ..steps import public_step_get, step_in_journey


def step_detail(request: HttpRequest, key: str) -> HttpResponse:
    step = public_step_get(key=key)
    if step is None:
        raise Http404
    context = {
        "step": step,
        "phase": JOURNEY.phase_labels.get(step.phase, ""),
        "in_journey": step_in_journey(user=request.user, key=key),
    }
    return render(request, "newcomers/step_detail.html", context)
