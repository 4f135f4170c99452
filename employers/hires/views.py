"""Hires: an organisation's members invite the person they hire, keep an onboarding plan
for them and tick it off, offer their partner support (the tandem) and follow, with the
person's agreement, the steps the organisation added to that person's journey; the
person accepts from the mail's link. Another organisation's hires: 404."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from associations.choices import Category
from associations.selectors import nearby_activities

from ..models import Hire
from ..onboarding.services import plan_phases, plan_step_set_done
from ..views import member_required
from .forms import HireFactsForm, HireForm, PartnerSupportForm
from .services import (
    HireRefused,
    hire_accept,
    hire_invite,
    hire_problem,
    hire_update,
    shared_steps,
)

PARTNER_CATEGORIES = (Category.PARTNERS, Category.PROFESSIONAL)


def _page(request: HttpRequest, form: HireForm, status: int = 200) -> HttpResponse:
    organization = request.membership.organization
    context = {
        "organization": organization,
        "hires": organization.hires.select_related("profile__user")[:100],
        "form": form,
    }
    return render(request, "employers/hires/list.html", context, status=status)


@member_required
def hires(request: HttpRequest) -> HttpResponse:
    if request.method != "POST":
        return _page(request, HireForm())
    form = HireForm(request.POST)
    if not form.is_valid():
        return _page(request, form, status=400)
    organization = request.membership.organization
    hire = hire_invite(
        organization=organization,
        invited_by=request.user,
        language=get_language(),
        **form.cleaned_data,
    )
    messages.success(
        request,
        _("The invitation is on its way to %(email)s. The onboarding plan is ready below.")
        % {"email": hire.email},
    )
    return redirect("employers:hire", uuid=organization.uuid, hire_id=hire.pk)


def _hire(request: HttpRequest, hire_id: int) -> Hire:
    hire = request.membership.organization.hires.filter(pk=hire_id).first()
    if hire is None:
        raise Http404
    hire.organization = request.membership.organization  # with its municipality
    return hire


def _detail(
    request: HttpRequest,
    hire: Hire,
    *,
    facts_form: HireFactsForm | None = None,
    status: int = 200,
) -> HttpResponse:
    organization = hire.organization
    context = {
        "organization": organization,
        "hire": hire,
        "phases": plan_phases(hire),
        "steps": shared_steps(hire),
        "accepted": hire.accepted_at is not None,
        "facts_form": facts_form or HireFactsForm(instance=hire),
        "support_form": PartnerSupportForm(instance=hire),
        "partner_activities": (
            nearby_activities(
                organization.municipality, get_language(), categories=PARTNER_CATEGORIES
            )
            if hire.partner_moving
            else []
        ),
        "partner_categories": PARTNER_CATEGORIES,
    }
    return render(request, "employers/hires/detail.html", context, status=status)


@member_required
def hire_detail(request: HttpRequest, hire_id: int) -> HttpResponse:
    return _detail(request, _hire(request, hire_id))


def _back(hire: Hire, anchor: str) -> HttpResponse:
    url = reverse("employers:hire", kwargs={"uuid": hire.organization.uuid, "hire_id": hire.pk})
    return redirect(f"{url}#{anchor}")


@require_POST
@member_required
def hire_facts(request: HttpRequest, hire_id: int) -> HttpResponse:
    hire = _hire(request, hire_id)
    form = HireFactsForm(request.POST, instance=Hire.objects.get(pk=hire.pk))
    if not form.is_valid():
        return _detail(request, hire, facts_form=form, status=400)
    hire_update(hire=hire, **form.cleaned_data)
    messages.success(request, _("Saved. The plan follows what you changed."))
    return _back(hire, "plan")


@require_POST
@member_required
def hire_partner_support(request: HttpRequest, hire_id: int) -> HttpResponse:
    hire = _hire(request, hire_id)
    form = PartnerSupportForm(request.POST)
    form.is_valid()  # a checkbox: absent means no, and nothing else can be sent
    hire_update(hire=hire, partner_support=form.cleaned_data["partner_support"])
    messages.success(request, _("Saved."))
    return _back(hire, "partner")


@require_POST
@member_required
def plan_step(request: HttpRequest, hire_id: int, key: str) -> HttpResponse:
    hire = _hire(request, hire_id)
    row = plan_step_set_done(hire=hire, key=key, done=request.POST.get("done") == "1")
    if row is None:
        raise Http404
    return _back(hire, f"step-{key}")


REFUSALS = {
    "used": gettext_lazy("This invitation has been used."),
    "expired": gettext_lazy("This invitation has expired. Ask your employer for a new one."),
    "other_address": gettext_lazy(
        "This invitation was sent to another email address. Sign in with the account that "
        "has it, or add and confirm that address under My account."
    ),
    "no_journey": gettext_lazy(
        "First tell us about your move, so that your journey exists; then open this link again."
    ),
    "other_employer": gettext_lazy("Your journey already has an employer's steps."),
}


@login_required
def hire_accept_page(request: HttpRequest, token: str) -> HttpResponse:
    hire = get_object_or_404(Hire.objects.select_related("organization"), token=token)
    if request.method == "POST":
        try:
            hire_accept(hire=hire, user=request.user)
        except HireRefused:
            pass  # said below
        else:
            joined = _(
                "Your employer's steps are now on your journey. "
                "You choose whether it may see your progress on them."
            )
            messages.success(request, joined)
            return redirect("newcomers:consents")
    problem = hire_problem(hire, request.user)
    context = {"hire": hire, "problem": str(REFUSALS[problem]) if problem else "", "code": problem}
    return render(request, "employers/hires/accept.html", context, status=400 if problem else 200)
