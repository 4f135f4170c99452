"""A newcomer's case, for the officers of their municipality and region: who they are
and how their journey goes, the case checklist to tick, the contact person to choose.

Every view starts from ``newcomers_for_officer``: a newcomer outside the officer's area,
or who has not agreed to be contacted, is not found (404). Ticking and assigning are
POST forms that work without JavaScript.
"""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from checklists.models import InstanceItem
from municipalities.access import officer_required
from municipalities.models import Officer
from newcomers.models import NewcomerProfile
from newcomers.selectors import newcomers_for_officer

from ..desk import progress_by_profile
from ..models import Case
from .forms import ContactForm
from .services import (
    NotAContact,
    case_assign,
    case_items,
    case_open,
    case_step_set,
    contacts_for,
)


def _newcomer(officer: Officer, profile_id: int) -> NewcomerProfile:
    profile = newcomers_for_officer(officer=officer).filter(pk=profile_id).first()
    if profile is None:
        raise Http404
    return profile


def _case(officer: Officer, profile_id: int) -> Case:
    profile = _newcomer(officer, profile_id)
    case = (
        Case.objects.filter(profile=profile, municipality_id=profile.municipality_id)
        .select_related("municipality")
        .first()
    )
    if case is None:  # opened by the page, not by a form posted from elsewhere
        raise Http404
    case.profile = profile
    return case


@officer_required
def case_detail(request: HttpRequest, profile_id: int) -> HttpResponse:
    officer = request.officer
    profile = _newcomer(officer, profile_id)
    case = case_open(profile=profile, officer=officer)
    contacts = contacts_for(profile.municipality)
    today = timezone.localdate()
    overdue = (
        InstanceItem.objects.filter(
            instance__newcomer=profile,
            state=InstanceItem.State.ACTIVE,
            done_at__isnull=True,
            due_date__lt=today,
        )
        .select_related("item")
        .order_by("due_date")
    )
    letters = profile.welcome_letters.filter(
        municipality_id=profile.municipality_id
    ).select_related("message")
    context = {
        "profile": profile,
        "person": profile.user,
        "case": case,
        "items": case_items(case),
        "today": today,
        "progress": progress_by_profile([profile]).get(profile.pk),
        "overdue": list(overdue[:20]),
        "letters": list(letters.select_related("message")),
        "form": ContactForm(initial={"contact_person": case.contact_person_id}, contacts=contacts),
    }
    return render(request, "welcome/cases/case.html", context)


@require_POST
@officer_required
def case_step(request: HttpRequest, profile_id: int, key: str) -> HttpResponse:
    case = _case(request.officer, profile_id)
    done = request.POST.get("done") == "1"
    if case_step_set(case=case, key=key, done=done, officer=request.officer) is None:
        raise Http404
    messages.success(request, _("The case is updated."))
    return redirect("welcome:case", profile_id=profile_id)


@require_POST
@officer_required
def case_contact(request: HttpRequest, profile_id: int) -> HttpResponse:
    case = _case(request.officer, profile_id)
    form = ContactForm(request.POST, contacts=contacts_for(case.municipality))
    if not form.is_valid():
        messages.error(request, " ".join(form.errors["contact_person"]))
        return redirect("welcome:case", profile_id=profile_id)
    try:
        case_assign(case=case, contact=form.cleaned_data["contact_person"], officer=request.officer)
    except NotAContact:  # the list changed between the page and the post
        messages.error(request, _("Choose an officer of this municipality or region."))
    else:
        messages.success(request, _("The contact person is saved."))
    return redirect("welcome:case", profile_id=profile_id)
