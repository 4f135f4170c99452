from __future__ import annotations

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from municipalities.models import Municipality

from ..models import LetterTemplate
from .placeholders import PLACEHOLDERS, placeholders_unknown
from .residents import MAX_ROWS
from .sanitise import ALLOWED_TAGS, body_clean


def _refuse_unknown(text: str, *, allowed: set[str]) -> None:
    unknown = placeholders_unknown(text)
    unknown += [
        f"{{{name}}}" for name in PLACEHOLDERS if f"{{{name}}}" in text and name not in allowed
    ]
    if unknown:
        raise forms.ValidationError(
            _("Unknown placeholder: %(unknown)s. Use only: %(known)s.")
            % {
                "unknown": ", ".join(unknown),
                "known": ", ".join(f"{{{name}}}" for name in sorted(allowed)),
            }
        )


class LetterTemplateForm(forms.ModelForm):
    class Meta:
        model = LetterTemplate
        fields = [
            "subject",
            "body",
            "contact_name",
            "contact_email",
            "contact_phone",
            "days_before_arrival",
            "is_active",
        ]
        widgets = {"body": forms.Textarea(attrs={"rows": 16})}

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["body"].help_text = _(
            "Blank lines start a new paragraph. You may use these tags: %(tags)s. "
            "Placeholders: %(placeholders)s."
        ) % {
            "tags": ", ".join(sorted(ALLOWED_TAGS)),
            "placeholders": "; ".join(f"{{{p.name}}} ({p.label})" for p in PLACEHOLDERS.values()),
        }
        self.fields["days_before_arrival"].max_value = 90
        self.fields["days_before_arrival"].widget.attrs["max"] = 90

    def clean_subject(self) -> str:
        subject = self.cleaned_data["subject"]
        inline = {name for name, p in PLACEHOLDERS.items() if p.block is None}
        _refuse_unknown(subject, allowed=inline)
        return subject

    def clean_body(self) -> str:
        body = self.cleaned_data["body"]
        _refuse_unknown(body, allowed=set(PLACEHOLDERS))
        cleaned = body_clean(body)
        if not cleaned:
            raise forms.ValidationError(_("Write the letter."))
        return cleaned

    def clean_days_before_arrival(self) -> int:
        days = self.cleaned_data["days_before_arrival"]
        if days > 90:
            raise forms.ValidationError(_("At most 90 days before arrival."))
        return days


class ResidentsUploadForm(forms.Form):
    municipality = forms.ModelChoiceField(
        label=gettext_lazy("Municipality"), queryset=Municipality.objects.none()
    )
    file = forms.FileField(label=gettext_lazy("CSV file of new residents"))

    def __init__(self, *args, municipalities, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["file"].help_text = _(
            "Columns: name, address, postal_code, city and, if known, language (sv, en, ar "
            "or uk). Comma or semicolon separated, UTF-8. At most %(max)s residents."
        ) % {"max": MAX_ROWS}
        self.fields["municipality"].queryset = municipalities
        if len(municipalities) == 1:
            self.fields["municipality"].initial = municipalities[0]
