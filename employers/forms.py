from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from municipalities.collation import swedish
from municipalities.models import Municipality

from .models import Membership, Organization
from .orgnumber import org_number_clean


class OrganizationForm(forms.ModelForm):
    class Meta:
        model = Organization
        fields = ["org_number", "name", "size_class", "sector", "municipality"]

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["municipality"].queryset = Municipality.objects.order_by(swedish("name"))
        self.fields["org_number"].widget.attrs.update({"inputmode": "numeric", "dir": "ltr"})
        for field in self.fields.values():
            field.widget.attrs.pop("maxlength", None)  # the server says what is too long

    def clean_org_number(self) -> str:
        number = org_number_clean(self.cleaned_data["org_number"])
        if Organization.objects.filter(org_number=number).exists():
            raise forms.ValidationError(
                _("This organisation is already on Landa: ask one of its owners to invite you.")
            )
        return number


class InviteForm(forms.Form):
    email = forms.EmailField(label=_("Your colleague's email address"))
    role = forms.ChoiceField(
        label=_("Role"),
        choices=Membership.Role.choices,
        initial=Membership.Role.MEMBER,
        widget=forms.RadioSelect,
        help_text=_("Owners can also invite and remove colleagues."),
    )
