"""A newcomer's account: the onboarding wizard, profile, household, consents, my data."""

from __future__ import annotations

import json
from urllib.parse import urlencode

from allauth.account.decorators import reauthentication_required
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from accounts.data_rights import account_erase, account_export
from accounts.forms import NameForm
from municipalities.access_log import accesses_of
from municipalities.models import Officer
from outbox.mail import site_address

from ..access import newcomer_required
from ..forms import (
    DeleteAccountForm,
    FamilyAndWorkForm,
    JoinForm,
    JourneyPreviewForm,
    MoveFactsForm,
    PartnerInviteForm,
    RemindersForm,
    answers_from_facts,
)
from ..journey import employer_facts, household_source, profile_stated
from ..models import Consent, NewcomerProfile, PartnerInvitation
from ..reminders import unsubscribe_user_id
from ..selectors import household_state
from ..services import (
    INVITATION_VALID_DAYS,
    InvitationError,
    consent_set,
    consents_active,
    household_member_remove,
    household_set_sharing,
    invitation_accept,
    invitation_cancel,
    invitation_problem,
    partner_invite,
    profile_save_family,
    profile_save_move,
)

CARRIED = "newcomers.carried_answers"


def _carried_answers(request: HttpRequest) -> dict[str, str]:
    """The preview's answers that came along through sign-up (the link to create an
    account carries them to the wizard): those that are valid, as given."""
    form = JourneyPreviewForm(request.GET)
    form.is_valid()
    return {name: request.GET[name] for name in form.cleaned_data if name in request.GET}


@login_required
def start(request: HttpRequest) -> HttpResponse:
    """Wizard step 1 of 2: the move itself. Answers given in the preview are filled in;
    its family answers wait in the session for step 2."""
    profile = (
        NewcomerProfile.objects.filter(user=request.user).select_related("municipality").first()
    )
    initial = answers_from_facts(profile_stated(profile)) if profile else {}
    carried = _carried_answers(request) if request.method == "GET" else {}
    if carried:
        initial |= carried
        request.session[CARRIED] = {
            name: value for name, value in carried.items() if name in FamilyAndWorkForm.base_fields
        }
    form = MoveFactsForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        profile_save_move(user=request.user, data=form.cleaned_data)
        return redirect("newcomers:start_family")
    return render(request, "newcomers/start.html", {"form": form, "step": 1})


@newcomer_required
def start_family(request: HttpRequest) -> HttpResponse:
    """Wizard step 2 of 2: partner, children and employer."""
    profile = request.profile
    initial = answers_from_facts(profile_stated(profile)) | request.session.get(CARRIED, {})
    form = FamilyAndWorkForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        profile_save_family(profile=profile, data=form.cleaned_data)
        request.session.pop(CARRIED, None)
        messages.success(request, _("Your steps are ready."))
        return redirect("newcomers:journey")
    return render(request, "newcomers/start.html", {"form": form, "step": 2})


@newcomer_required
def profile(request: HttpRequest) -> HttpResponse:
    """What the person told us, their name and language, and their reminders: two
    forms, told apart by the button pressed."""
    profile = request.profile
    posted = request.POST if request.method == "POST" else None
    name_form = NameForm(
        posted if posted and "save_name" in posted else None, instance=request.user
    )
    reminders_form = RemindersForm(
        posted if posted and "save_name" not in posted else None,
        initial={"reminders": profile.reminders},
    )
    if name_form.is_bound and name_form.is_valid():
        name_form.save()
        messages.success(request, _("Your name and language are saved."))
        return redirect("newcomers:profile")
    if reminders_form.is_bound and reminders_form.is_valid():
        profile.reminders = reminders_form.cleaned_data["reminders"]
        profile.save(update_fields=["reminders"])
        messages.success(request, _("Your reminder settings are saved."))
        return redirect("newcomers:profile")
    household = household_source(profile)  # shared children, arrival and destination
    return render(
        request,
        "newcomers/profile.html",
        {
            "profile": profile,
            "household": household,
            "children": household.children.all(),
            "name_form": name_form,
            "reminders_form": reminders_form,
        },
    )


@newcomer_required
def household(request: HttpRequest) -> HttpResponse:
    """Members, invitations and sharing (``selectors.HouseholdState``)."""
    profile = request.profile
    form = PartnerInviteForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            partner_invite(
                profile=profile,
                email=form.cleaned_data["email"],
                site_url=site_address(request),
            )
        except InvitationError as error:
            if error.reason != "limit":
                raise Http404 from error  # the page offers no invitation then
            form.add_error(None, _("You have sent many invitations today. Try again tomorrow."))
        else:
            messages.success(request, _("We have emailed an invitation to your partner."))
            return redirect("newcomers:household")
    state = household_state(profile=profile)
    return render(
        request,
        "newcomers/household.html",
        {
            "profile": profile,
            "form": form,
            "members": state.members,
            "invitations": state.invitations,
            "can_invite": state.can_invite,
            "invitation_valid_days": INVITATION_VALID_DAYS,
        },
    )


@require_POST
@newcomer_required
def household_sharing(request: HttpRequest) -> HttpResponse:
    household_set_sharing(profile=request.profile, share=request.POST.get("share") == "1")
    messages.success(request, _("Your sharing choice is saved."))
    return redirect("newcomers:household")


JOIN_REFUSALS = {"expired": 410, "other_address": 403}


def join(request: HttpRequest, token: str) -> HttpResponse:
    """The invitation link. Signed out, the page says who invited the person and
    offers to create an account or sign in, coming back here after either (and after
    confirming the address: ``portal.roles.landing`` finds an open invitation too).
    Signed in, the person states their own citizenship and joins."""
    invitation = get_object_or_404(
        PartnerInvitation.objects.waiting().select_related("invited_by"), token=token
    )
    context = {"invitation": invitation}
    if not request.user.is_authenticated and request.method == "POST":
        return redirect_to_login(request.get_full_path())
    if not request.user.is_authenticated:
        query = urlencode({"next": request.get_full_path()})
        context |= {"next_query": query}
        return render(request, "newcomers/join.html", context)
    problem = invitation_problem(invitation=invitation, user=request.user)
    if problem in JOIN_REFUSALS:  # say why, so the person can do something about it
        context |= {"problem": problem}
        return render(request, "newcomers/join.html", context, status=JOIN_REFUSALS[problem])
    own = NewcomerProfile.objects.filter(user=request.user).first()
    form = JoinForm(request.POST or None, initial={"citizenship": own and own.citizenship})
    if request.method == "POST" and form.is_valid():
        try:
            invitation_accept(
                invitation=invitation,
                user=request.user,
                citizenship=form.cleaned_data["citizenship"],
            )
        except InvitationError as error:
            raise Http404 from error
        messages.success(request, _("You have joined the household. Here are your own steps."))
        return redirect("newcomers:journey")
    return render(request, "newcomers/join.html", context | {"form": form})


@require_POST
@newcomer_required
def household_remove_member(request: HttpRequest, member_id: int) -> HttpResponse:
    if request.profile.role != NewcomerProfile.Role.MAIN:
        raise Http404  # a partner cannot remove the person who invited them
    try:
        household_member_remove(profile=request.profile, member_id=member_id)
    except NewcomerProfile.DoesNotExist as error:
        raise Http404 from error
    messages.success(request, _("The member is no longer part of your household."))
    return redirect("newcomers:household")


@require_POST
@newcomer_required
def household_cancel_invitation(request: HttpRequest, invitation_id: int) -> HttpResponse:
    if not invitation_cancel(profile=request.profile, invitation_id=invitation_id):
        raise Http404
    messages.success(request, _("The invitation is cancelled."))
    return redirect("newcomers:household")


def _consents_offered(profile: NewcomerProfile) -> list[tuple[str, str]]:
    """The consents a person may give: the employer's view of progress only to someone
    whose journey has an employer's steps (one query, asked once)."""
    has_employer = bool(employer_facts(profile).get("employer"))
    return [
        (value, label)
        for value, label in Consent.Kind.choices
        if value != Consent.Kind.EMPLOYER_PROGRESS or has_employer
    ]


@newcomer_required
def consents(request: HttpRequest) -> HttpResponse:
    offered = _consents_offered(request.profile)
    if request.method == "POST":
        kind = request.POST.get("kind", "")
        if kind not in {value for value, _label in offered}:
            raise Http404
        consent_set(user=request.user, kind=kind, given=request.POST.get("given") == "1")
        messages.success(request, _("Your choice is saved."))
        return redirect("newcomers:consents")
    active = consents_active(user=request.user)
    history = Consent.objects.filter(user=request.user)[:50]
    kinds = [(value, label, value in active) for value, label in offered]
    municipality = request.profile.municipality
    return render(
        request,
        "newcomers/consents.html",
        {
            "kinds": kinds,
            "history": history,
            "municipality": municipality,
            "region": municipality.region if municipality else None,
        },
    )


# My data is every account's, whatever its roles: a representative of an association or
# someone registered for an event without a journey downloads and erases theirs too.
# An officer's or staff account is closed by an administrator instead: what officers did
# stays in the access logs that newcomers read.
def _closed_by_administrator(user) -> bool:
    return user.is_staff or Officer.objects.filter(user=user).exists()


def _my_data(request: HttpRequest, form: DeleteAccountForm, status: int = 200) -> HttpResponse:
    accesses = Paginator(accesses_of(request.user), 20).get_page(request.GET.get("page"))
    context = {
        "form": form,
        "accesses": accesses,
        "is_newcomer": NewcomerProfile.objects.filter(user=request.user).exists(),
        "may_delete": not _closed_by_administrator(request.user),
    }
    return render(request, "newcomers/my_data.html", context, status=status)


@login_required
def my_data(request: HttpRequest) -> HttpResponse:
    return _my_data(request, DeleteAccountForm())


@login_required
def my_data_download(request: HttpRequest) -> HttpResponse:
    data = account_export(user=request.user)
    response = HttpResponse(
        json.dumps(data, ensure_ascii=False, indent=2),
        content_type="application/json; charset=utf-8",
    )
    stamp = timezone.localdate().isoformat()
    response["Content-Disposition"] = f'attachment; filename="landa-my-data-{stamp}.json"'
    return response


@require_POST
@login_required
def my_data_delete(request: HttpRequest) -> HttpResponse:
    if _closed_by_administrator(request.user):
        raise PermissionDenied
    return _account_erase(request)


@reauthentication_required  # someone at an unlocked screen cannot erase the account
def _account_erase(request: HttpRequest) -> HttpResponse:
    form = DeleteAccountForm(request.POST)
    if not form.is_valid():
        return _my_data(request, form, status=400)
    user = request.user
    logout(request)
    account_erase(user=user)
    messages.success(request, _("Your account and your personal data have been deleted."))
    return redirect("home")


@csrf_exempt  # the signed token is the credential; mail clients post here (RFC 8058)
def unsubscribe(request: HttpRequest, token: str) -> HttpResponse:
    """One-click unsubscribe from reminders, without signing in (signed link)."""
    user_id = unsubscribe_user_id(token)
    profile = NewcomerProfile.objects.filter(user_id=user_id).first() if user_id else None
    if profile is None:
        raise Http404
    if request.method == "POST":
        profile.reminders = NewcomerProfile.Reminders.OFF
        profile.save(update_fields=["reminders"])
        return render(request, "newcomers/unsubscribed.html")
    return render(request, "newcomers/unsubscribe.html", {"token": token})
