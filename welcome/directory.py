"""Editors moderate their area's directory entries: approve, ask for changes or reject
with a reason; the association's representatives get the decision by mail."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from associations.services import NotAllowed, moderation_queue, service_decide
from municipalities.access import editor_required


class DecisionForm(forms.Form):
    decision = forms.ChoiceField(
        label=gettext_lazy("Decision"),
        choices=[
            ("approve", gettext_lazy("Publish it")),
            ("changes", gettext_lazy("Ask for changes")),
            ("reject", gettext_lazy("Do not publish it")),
        ],
        widget=forms.RadioSelect,
        error_messages={"required": gettext_lazy("Choose a decision.")},
    )
    note = forms.CharField(
        label=gettext_lazy("Message to the association"),
        help_text=gettext_lazy("Needed when you ask for changes or do not publish it."),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def clean(self) -> dict:
        data = super().clean()
        if data.get("decision") in ("changes", "reject") and not data.get("note", "").strip():
            self.add_error("note", _("Say what to change, or why it is not published."))
        return data


def _queue(request: HttpRequest, forms_by_pk: dict | None = None) -> HttpResponse:
    services = list(moderation_queue(request.officer).prefetch_related("schedules", "languages"))
    forms_by_pk = forms_by_pk or {}
    for service in services:
        service.form = forms_by_pk.get(service.pk) or DecisionForm(prefix=f"s{service.pk}")
    status = 400 if any(form.errors for form in forms_by_pk.values()) else 200
    return render(request, "welcome/directory.html", {"services": services}, status=status)


@editor_required
def moderation(request: HttpRequest) -> HttpResponse:
    return _queue(request)


@require_POST
@editor_required
def decide(request: HttpRequest, uuid) -> HttpResponse:
    service = moderation_queue(request.officer).filter(uuid=uuid).first()
    if service is None:
        raise Http404
    form = DecisionForm(request.POST, prefix=f"s{service.pk}")
    if not form.is_valid():
        return _queue(request, {service.pk: form})
    try:
        service_decide(
            service=service,
            officer=request.officer,
            decision=form.cleaned_data["decision"],
            note=form.cleaned_data["note"],
        )
    except NotAllowed:  # decided by someone else a moment ago
        messages.warning(request, _("This activity has already been decided."))
    else:
        messages.success(request, _("Decided. The association gets your answer by email."))
    return redirect("welcome:directory")


def waiting_count(officer) -> int:
    return moderation_queue(officer).count() if officer.is_editor else 0
