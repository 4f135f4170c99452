"""An association's own pages (``/<lang>/directory/mine/``): register the association,
write its activities and send them to the municipality, confirm they are still correct.

Any signed-in person may register an association and so become its representative; a
representative finds only their own associations and activities (others are 404).
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from .forms import OrganizationForm, ServiceForm
from .models import Organization, Service
from .services import (
    organization_register,
    organizations_of,
    service_save,
    service_verify,
    services_of,
)


@login_required
def mine(request: HttpRequest) -> HttpResponse:
    form = OrganizationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        organization_register(user=request.user, data=form.cleaned_data)
        messages.success(request, _("Your association is registered. Now add its activities."))
        return redirect("directory:mine")
    context = {
        "organizations": list(organizations_of(request.user).prefetch_related("services")),
        "form": form,
    }
    return render(request, "associations/mine.html", context, status=400 if form.errors else 200)


def _own_organization(request: HttpRequest, uuid) -> Organization:
    return get_object_or_404(organizations_of(request.user), uuid=uuid)


def _own_service(request: HttpRequest, uuid) -> Service:
    service = services_of(request.user).filter(uuid=uuid).first()
    if service is None:
        raise Http404
    return service


def _edit(request: HttpRequest, organization: Organization, service: Service | None):
    form = ServiceForm(request.POST or None, instance=service)
    if request.method == "POST" and form.is_valid():
        submit = request.POST.get("action") == "submit"
        saved = service_save(
            organization=organization,
            service=service,
            data=form.service_data(),
            place=form.place(),
            times=form.times(),
            languages=form.cleaned_data["languages"],
            submit=submit,
        )
        if submit:
            messages.success(request, _("Sent to the municipality. You get its answer by email."))
        else:
            messages.success(request, _("Saved as a draft. It is not public yet."))
        return redirect("directory:mine_service", uuid=saved.uuid)
    context = {"form": form, "organization": organization, "service": service}
    status = 400 if form.errors else 200
    return render(request, "associations/service_form.html", context, status=status)


@login_required
def service_new(request: HttpRequest, uuid) -> HttpResponse:
    return _edit(request, _own_organization(request, uuid), None)


@login_required
def service_edit(request: HttpRequest, uuid) -> HttpResponse:
    service = _own_service(request, uuid)
    return _edit(request, service.organization, service)


@require_POST
@login_required
def service_still_correct(request: HttpRequest, uuid) -> HttpResponse:
    service = _own_service(request, uuid)
    if service.state == Service.State.APPROVED:
        service_verify(service=service)
        messages.success(request, _("Thank you. The activity is marked as checked today."))
    return redirect("directory:mine")
