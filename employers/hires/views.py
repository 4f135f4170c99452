"""Hires: an organisation's members invite the person they hire and follow, with their
agreement, the steps the organisation added to that person's journey; the person
accepts from the mail's link. Another organisation's hires: 404."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _

from ..models import Hire
from ..views import member_required
from .services import HireRefused, hire_accept, hire_invite, hire_problem, shared_steps


class HireForm(forms.Form):
    email = forms.EmailField(label=gettext_lazy("The person's email address"))
    role_title = forms.CharField(label=gettext_lazy("Role"), max_length=200)


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
    hire_invite(
        organization=organization,
        invited_by=request.user,
        language=get_language(),
        **form.cleaned_data,
    )
    messages.success(
        request,
        _("The invitation is on its way to %(email)s.") % {"email": form.cleaned_data["email"]},
    )
    return redirect("employers:hires", uuid=organization.uuid)


@member_required
def hire_detail(request: HttpRequest, hire_id: int) -> HttpResponse:
    hire = request.membership.organization.hires.filter(pk=hire_id).first()
    if hire is None:
        raise Http404
    context = {
        "organization": hire.organization,
        "hire": hire,
        "steps": shared_steps(hire),
        "accepted": hire.accepted_at is not None,
    }
    return render(request, "employers/hires/detail.html", context)


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
