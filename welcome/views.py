"""The officer desk: newcomers who have agreed to be contacted by their municipality,
with their household in brief, how far their journey has come and their case; the
to-do view; and the authority registry as "who handles what"."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.contenttypes.models import ContentType
from django.core.paginator import Paginator
from django.db.models import Prefetch, Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from checklists.models import Authority, ChecklistItem, never
from municipalities.access import editor_required, officer_required
from municipalities.access_log import access_record
from municipalities.models import Municipality, OfficerAccess, PlaceFeedback
from newcomers.journey import JOURNEY
from newcomers.selectors import newcomers_for_officer

from . import todo as todo_lists
from .desk import cases_by_profile, progress_by_profile


@officer_required
def officer_desk(request: HttpRequest) -> HttpResponse:
    page = Paginator(newcomers_for_officer(officer=request.officer), 25).get_page(
        request.GET.get("page")
    )
    profiles = list(page.object_list)
    progress = progress_by_profile(profiles)
    cases = cases_by_profile(profiles)
    for profile in profiles:
        profile.progress = progress.get(profile.pk)
        profile.case_summary = cases.get(profile.pk)
    access_record(
        officer=request.officer,
        people=[profile.user_id for profile in page],
        action=OfficerAccess.Action.LISTED,
    )
    return render(request, "welcome/desk.html", {"officer": request.officer, "page": page})


@officer_required
def todo(request: HttpRequest) -> HttpResponse:
    officer = request.officer
    today = timezone.localdate()
    context = {
        "officer": officer,
        "today": today,
        "letters_waiting": todo_lists.letters_waiting(officer, today),
        "letters_failed": todo_lists.letters_failed(officer),
        "cases": todo_lists.overdue_cases(officer, today),
        "pages": todo_lists.pages_to_check(officer, today),
        "steps": todo_lists.steps_to_check(officer, today),
        "feedback": todo_lists.feedback_unread(officer),
        "activities": todo_lists.activities_waiting(officer),
        "unchecked": todo_lists.activities_unchecked(officer, today),
    }
    people = [w.profile.user_id for w in context["letters_waiting"].rows]
    people += [case.profile.user_id for case in context["cases"].rows]
    access_record(officer=officer, people=people, action=OfficerAccess.Action.LISTED)
    return render(request, "welcome/todo.html", context)


@require_POST
@editor_required
def feedback_read(request: HttpRequest, pk: int) -> HttpResponse:
    """An editor has read a reader's feedback on a page of their area."""
    ours = PlaceFeedback.objects.filter(request.officer.places(), pk=pk)
    updated = ours.filter(read_at__isnull=True).update(read_at=timezone.now())
    if not updated and not ours.exists():
        raise Http404
    messages.success(request, _("Marked as read."))
    return redirect(f"{reverse('welcome:todo')}#feedback")


@officer_required
def authorities(request: HttpRequest) -> HttpResponse:
    """Who handles what: each authority, what it handles, and the steps of newcomers'
    journeys in the officer's area that it handles (national, and the area's own)."""
    area = request.officer.municipalities()
    steps = (
        ChecklistItem.objects.filter(template__kind=JOURNEY.key, template__is_active=True)
        .filter(
            Q(template__owner_id__isnull=True)
            | Q(
                template__owner_type=ContentType.objects.get_for_model(Municipality),
                template__owner_id__in=area.values("pk"),
            )
        )
        .exclude(condition=never())
        .select_related("template")
        .order_by("template__owner_id", "key")
    )
    registry = Authority.objects.prefetch_related(Prefetch("checklistitem_set", queryset=steps))
    return render(request, "welcome/authorities.html", {"authorities": registry})
