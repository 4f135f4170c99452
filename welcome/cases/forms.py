from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from municipalities.models import Officer


class OfficerChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, officer: Officer) -> str:
        name = officer.user.get_full_name() or officer.user.email
        return f"{name} ({officer.workplace})"


class ContactForm(forms.Form):
    contact_person = OfficerChoiceField(
        label=_("Contact person"),
        queryset=Officer.objects.none(),
        required=False,
        empty_label=_("Nobody yet"),
        error_messages={"invalid_choice": _("Choose an officer of this municipality or region.")},
    )

    def __init__(self, *args, contacts, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["contact_person"].queryset = contacts
