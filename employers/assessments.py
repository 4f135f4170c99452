"""An organisation's readiness checks (``/<lang>/employers/o/<uuid>/readiness/``), for
its members only (another organisation's: 404): the checks so far with the progress
chart, a new check, answering it as you go, its result with the action plan and how
comparable organisations score."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from welcome.letters.pdf import pdf_available

from .models import Assessment
from .quickcheck import QuickCheckForm
from .readiness.chart import Point, progress_svg
from .readiness.services import (
    answers_of,
    answers_save,
    assessment_areas,
    assessment_complete,
    assessment_score,
    assessment_start,
    peers_of,
)
from .readiness.support import actions_with_support
from .views import member_required


def _assessment(request: HttpRequest, assessment_uuid) -> Assessment:
    found = request.membership.organization.assessments.filter(uuid=assessment_uuid).first()
    if found is None:
        raise Http404
    found.organization = request.membership.organization  # with its municipality
    return found


@member_required
def readiness_home(request: HttpRequest) -> HttpResponse:
    organization = request.membership.organization
    checks = list(organization.assessments.all()[:50])
    finished = [check for check in reversed(checks) if check.completed_at]
    points = [
        Point(timezone.localtime(check.completed_at).date(), check.scores["overall"])
        for check in finished
        if check.scores.get("overall") is not None
    ]
    context = {
        "organization": organization,
        "checks": checks,
        "points": points,
        "chart": progress_svg(points),
    }
    return render(request, "employers/readiness_home.html", context)


@require_POST
@member_required
def readiness_new(request: HttpRequest) -> HttpResponse:
    organization = request.membership.organization
    assessment = assessment_start(organization=organization, user=request.user)
    return redirect("employers:readiness_answer", uuid=organization.uuid, check=assessment.uuid)


@member_required
def readiness_answer(request: HttpRequest, check) -> HttpResponse:
    assessment = _assessment(request, check)
    areas = assessment_areas(assessment)
    answers = answers_of(assessment)
    posted = request.method == "POST"
    form = QuickCheckForm(
        request.POST if posted else None, areas=areas, initial=answers, shared=True
    )
    if posted and form.is_valid():
        changes = {key: form.cleaned_data[key] for key in form.changed_data}
        answers_save(assessment=assessment, user=request.user, changes=changes)
        if request.POST.get("action") == "finish":
            assessment_complete(assessment=assessment)
            return redirect(
                "employers:readiness_result",
                uuid=assessment.organization.uuid,
                check=assessment.uuid,
            )
        messages.success(request, _("Your answers are saved. Colleagues can go on from here."))
        return redirect(request.path)
    answered = len(answers)  # a cleared answer is deleted, not kept empty
    total = sum(len(area.questions) for area in areas)
    context = {
        "organization": assessment.organization,
        "assessment": assessment,
        "form": form,
        "sections": form.sections(areas),
        "answered": answered,
        "total": total,
    }
    return render(
        request, "employers/readiness_answer.html", context, status=400 if form.errors else 200
    )


def _result_context(assessment: Assessment) -> dict:
    areas = assessment_areas(assessment)
    result = assessment_score(assessment, areas)
    items = {item.key: item for area in areas for item in area.questions}
    return {
        "organization": assessment.organization,
        "assessment": assessment,
        "result": result,
        "area_scores": [(area, result.areas.get(area.key)) for area in areas],
        "actions": actions_with_support(
            [items[key] for key in result.actions], assessment.organization.municipality
        ),
    }


@member_required
def readiness_result(request: HttpRequest, check) -> HttpResponse:
    assessment = _assessment(request, check)
    context = _result_context(assessment) | {"peers": peers_of(assessment.organization)}
    return render(request, "employers/readiness_result.html", context)


@member_required
def readiness_pdf(request: HttpRequest, check) -> HttpResponse:
    """The result and the action plan to print, in the reader's language."""
    assessment = _assessment(request, check)
    if not pdf_available():
        return HttpResponse(_("PDFs are not available on this server."), status=503)
    from weasyprint import HTML

    html = render_to_string("employers/plan_pdf.html", _result_context(assessment))
    response = HttpResponse(HTML(string=html).write_pdf(), content_type="application/pdf")
    response["Content-Disposition"] = 'attachment; filename="landa-readiness-plan.pdf"'
    return response
