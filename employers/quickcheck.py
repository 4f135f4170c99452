"""The public readiness check (``/<lang>/employers/readiness/``): every question on one
page, no account needed, and the result at once: a score per area and overall, and the
action plan its weak answers call for, with the authorities and sources behind them.

A question left unanswered counts as "not yet" and the result says how many were. The
answers stay in the visitor's session (nothing is stored otherwise), so that the result
can be kept in an organisation's first check once they register (``session_answers``).
"""

from __future__ import annotations

from django import forms
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from .choices import Readiness
from .readiness.content import Area, questions_by_area
from .readiness.scoring import score
from .readiness.support import actions_with_support

SESSION_KEY = "readiness_answers"


class QuickCheckForm(forms.Form):
    """Every question as a choice on the one scale. ``shared``: an organisation's check,
    which colleagues answer at the same time; the page carries the answers as the
    member saw them, so that only what they changed is saved (``changed_data``)."""

    def __init__(self, *args, areas: list[Area], shared: bool = False, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        for area in areas:
            for item in area.questions:
                self.fields[item.key] = forms.ChoiceField(
                    label=item.title,
                    choices=Readiness.choices,
                    required=False,
                    widget=forms.RadioSelect,
                    show_hidden_initial=shared,
                )

    def sections(self, areas: list[Area]) -> list[tuple[Area, list[forms.BoundField]]]:
        return [(area, [self[item.key] for item in area.questions]) for area in areas]


def session_answers(request: HttpRequest) -> dict[str, str]:
    return dict(request.session.get(SESSION_KEY, {}))


def quick_check(request: HttpRequest) -> HttpResponse:
    areas = questions_by_area()
    posted = request.method == "POST"
    form = QuickCheckForm(
        request.POST if posted else None, areas=areas, initial=session_answers(request)
    )
    context = {"form": form, "sections": form.sections(areas)}
    if posted and form.is_valid():
        answers = {key: value for key, value in form.cleaned_data.items() if value}
        request.session[SESSION_KEY] = answers
        ordered = [(item.key, area.key) for area in areas for item in area.questions]
        result = score(answers, ordered)
        items = {item.key: item for area in areas for item in area.questions}
        context |= {
            "result": result,
            "area_scores": [(area, result.areas[area.key]) for area in areas],
            "actions": actions_with_support([items[key] for key in result.actions], None),
            "unanswered": len(ordered) - len(answers),
        }
    return render(request, "employers/quick_check.html", context)
