"""Forms of accounts: what sign-up asks besides the address, the name form, and the
authenticator setup with a secret that stays put."""

from __future__ import annotations

from allauth.mfa.totp.forms import ActivateTOTPForm
from allauth.mfa.totp.internal import auth as totp
from django import forms
from django.utils.translation import gettext_lazy as _

from .models import User

NAME_HELP = _("Shown to your partner and, if you agree to be contacted, to your municipality.")


class SignupForm(forms.Form):
    """allauth's sign-up form gains this form's fields (``ACCOUNT_SIGNUP_FORM_CLASS``)."""

    display_name = forms.CharField(
        label=_("What should we call you?"),
        max_length=150,
        required=False,
        help_text=NAME_HELP,
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )

    def signup(self, request, user: User) -> None:
        user.display_name = self.cleaned_data["display_name"].strip()
        user.save(update_fields=["display_name"])


class NameForm(forms.ModelForm):
    class Meta:
        model = User
        fields = ["display_name", "preferred_language"]
        labels = {"display_name": _("Your name")}
        help_texts = {"display_name": NAME_HELP}
        widgets = {"display_name": forms.TextInput(attrs={"autocomplete": "name"})}


class StableTOTPForm(ActivateTOTPForm):
    """allauth makes a new secret each time the setup page is opened, so a QR code
    scanned from the first of two open pages (a phone and a laptop) fails. Here the
    secret stays the same for the session until an authenticator is activated (allauth
    then clears it)."""

    def __init__(self, *args, **kwargs) -> None:
        self.user = kwargs.pop("user")
        forms.Form.__init__(self, *args, **kwargs)
        self.secret = totp.get_totp_secret(regenerate=False)
