"""The forms of a hire: registering one (and inviting the person), what the organisation
knows of the move, and its offer to the partner."""

from __future__ import annotations

from datetime import timedelta

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ..models import Hire, Occupation

# A first working day far outside this window is a typing error, not a plan.
STARTS_WITHIN_DAYS = (-365, 2 * 365)


class HireFactsForm(forms.ModelForm):
    class Meta:
        model = Hire
        fields = ["occupation", "starts_on", "needs_permit", "partner_moving", "children_moving"]
        widgets = {"starts_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")}
        help_texts = {
            "starts_on": _("The plan's dates count from it. You can add it later."),
            "needs_permit": _(
                "Citizens of countries outside the EU, the EEA and Switzerland need one to "
                "work in Sweden."
            ),
            "partner_moving": _(
                "As far as you know: it adds the plan's steps for the partner. Landa never "
                "shows you what the person tells Landa about their family."
            ),
        }

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["occupation"].queryset = Occupation.objects.order_by("code")
        self.fields["occupation"].empty_label = _("Not among these")

    def clean_starts_on(self):
        starts_on = self.cleaned_data["starts_on"]
        if starts_on is None:
            return None
        today = timezone.localdate()
        earliest, latest = (today + timedelta(days=days) for days in STARTS_WITHIN_DAYS)
        if not earliest <= starts_on <= latest:
            raise forms.ValidationError(
                _("Give a first working day between %(earliest)s and %(latest)s."),
                params={"earliest": earliest.isoformat(), "latest": latest.isoformat()},
            )
        return starts_on


class HireForm(HireFactsForm):
    class Meta(HireFactsForm.Meta):
        fields = ["email", "role_title", *HireFactsForm.Meta.fields]
        labels = {"email": _("The person's email address"), "role_title": _("Role")}


class PartnerSupportForm(forms.ModelForm):
    class Meta:
        model = Hire
        fields = ["partner_support"]
        labels = {
            "partner_support": _(
                "We offer the partner career support: a contact person for their job search "
                "and introductions to our network"
            )
        }
        help_texts = {
            "partner_support": _(
                "The partner's journey on Landa then tells them so and asks them to book a "
                "first meeting. Nothing of the partner is shown to you."
            )
        }
