"""An employer's own pages: register the organisation, see who is in it, invite and
remove colleagues, accept an invitation. Everything starts from the signed-in person's
memberships: another organisation's pages are 404; a member who is not an owner is
refused what only owners do (403)."""

from __future__ import annotations

from functools import wraps

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from .forms import InviteForm, OrganizationForm
from .models import MemberInvitation, Membership
from .quickcheck import SESSION_KEY
from .readiness.services import assessment_keep
from .services import (
    InvitationRefused,
    invitation_accept,
    invitation_cancel,
    invitation_problem,
    invitations_left_today,
    member_invite,
    member_remove,
    organization_register,
    organizations_of,
)


@login_required
def mine(request: HttpRequest) -> HttpResponse:
    form = OrganizationForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        organization = organization_register(user=request.user, data=form.cleaned_data)
        messages.success(request, _("Your organisation is registered. You are its owner."))
        answers = request.session.pop(SESSION_KEY, None)
        if answers:  # the public check taken before registering
            assessment_keep(organization=organization, user=request.user, answers=answers)
            messages.info(
                request, _("Your readiness result is kept as the organisation's first check.")
            )
        return redirect(organization.get_absolute_url())
    context = {"organizations": list(organizations_of(request.user)), "form": form}
    return render(request, "employers/mine.html", context, status=400 if form.errors else 200)


def member_required(view):
    """The view gets ``request.membership`` of the organisation in the address; a
    stranger signs in, anyone else gets 404."""

    @login_required
    @wraps(view)
    def guarded(request: HttpRequest, uuid, *args, **kwargs) -> HttpResponse:
        membership = (
            Membership.objects.filter(user=request.user, organization__uuid=uuid)
            .select_related("organization__municipality")
            .first()
        )
        if membership is None:
            raise Http404
        request.membership = membership
        return view(request, *args, **kwargs)

    return guarded


def owner_required(view):
    @member_required
    @wraps(view)
    def guarded(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        if request.membership.role != Membership.Role.OWNER:
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return guarded


def _page(request: HttpRequest, form: InviteForm, status: int = 200) -> HttpResponse:
    organization = request.membership.organization
    context = {
        "organization": organization,
        "membership": request.membership,
        "members": organization.memberships.select_related("user"),
        "invitations": organization.invitations.filter(
            accepted_at__isnull=True, cancelled_at__isnull=True
        ),
        "form": form,
    }
    return render(request, "employers/organization.html", context, status=status)


@member_required
def organization_page(request: HttpRequest) -> HttpResponse:
    return _page(request, InviteForm())


@require_POST
@owner_required
def invite(request: HttpRequest) -> HttpResponse:
    organization = request.membership.organization
    form = InviteForm(request.POST)
    if form.is_valid() and invitations_left_today(organization) == 0:
        form.add_error(None, _("You have sent many invitations today. Try again tomorrow."))
    if not form.is_valid():
        return _page(request, form, status=400)
    member_invite(
        organization=organization,
        invited_by=request.user,
        email=form.cleaned_data["email"],
        role=form.cleaned_data["role"],
        language=get_language(),
    )
    messages.success(
        request,
        _("The invitation is on its way to %(email)s.") % {"email": form.cleaned_data["email"]},
    )
    return redirect(organization.get_absolute_url())


@require_POST
@owner_required
def invitation_withdraw(request: HttpRequest, invitation_id: int) -> HttpResponse:
    organization = request.membership.organization
    if not invitation_cancel(organization=organization, invitation_id=invitation_id):
        raise Http404
    messages.success(request, _("The invitation is withdrawn; its link no longer works."))
    return redirect(organization.get_absolute_url())


@require_POST
@owner_required
def member_leave(request: HttpRequest, membership_id: int) -> HttpResponse:
    organization = request.membership.organization
    if not member_remove(organization=organization, membership_id=membership_id):
        messages.error(request, _("An organisation keeps at least one owner."))
    else:
        messages.success(request, _("The colleague is no longer a member."))
    if not organization.memberships.filter(user=request.user).exists():
        return redirect("employers:mine")
    return redirect(organization.get_absolute_url())


REFUSALS = {  # lazy: said in the reader's language, not the one the module loaded in
    "used": gettext_lazy("This invitation has been used or withdrawn."),
    "expired": gettext_lazy("This invitation has expired. Ask for a new one."),
    "other_address": gettext_lazy(
        "This invitation was sent to another email address. Sign in with the account that "
        "has it, or add and confirm that address under My account."
    ),
}


@login_required
def invitation(request: HttpRequest, token: str) -> HttpResponse:
    pending = get_object_or_404(
        MemberInvitation.objects.select_related("organization"), token=token
    )
    if request.method == "POST":
        try:
            invitation_accept(invitation=pending, user=request.user)
        except InvitationRefused:
            pass  # shown below
        else:
            messages.success(request, _("Welcome. You are now a member."))
            return redirect(pending.organization.get_absolute_url())
    problem = invitation_problem(pending, request.user)
    context = {"invitation": pending, "problem": str(REFUSALS[problem]) if problem else ""}
    return render(request, "employers/invitation.html", context, status=400 if problem else 200)
