from __future__ import annotations

import factory
from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret

from accounts.models import User
from municipalities.models import Municipality, Officer, Region

PASSWORD = "a-Long-test-passphrase-42"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"person{n}@example.org")
    preferred_language = "en"
    password = factory.PostGenerationMethodCall("set_password", PASSWORD)

    @factory.post_generation
    def verified(self, create, extracted, **kwargs):
        if create:
            self.save()
            EmailAddress.objects.create(user=self, email=self.email, verified=True, primary=True)


class RegionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Region
        django_get_or_create = ("code",)

    code = "23"
    name_sv = "Jämtlands län"
    name_en = "Jämtland County"
    slug = "jamtlands-lan"


class MunicipalityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Municipality
        django_get_or_create = ("code",)

    code = "2380"
    name = "Östersund"
    slug = "ostersund"
    region = factory.SubFactory(RegionFactory)


class OfficerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Officer

    user = factory.SubFactory(UserFactory)
    municipality = factory.SubFactory(MunicipalityFactory)
    region = factory.SelfAttribute("municipality.region")


def totp_for(user: User) -> Authenticator:
    """Give a user a TOTP authenticator, as if they had completed the MFA setup."""
    return TOTP.activate(user, generate_totp_secret()).instance


def _record_authentication(client, user: User, method: str, **kwargs) -> None:
    from allauth.account.internal.flows.login import record_authentication
    from django.http import HttpRequest

    request = HttpRequest()
    request.session = client.session
    request.user = user
    record_authentication(request, user, method, **kwargs)
    request.session.save()


def mfa_session(client, user: User) -> None:
    """Record in ``client``'s session that ``user`` passed a second factor, as allauth
    does when a code is entered at sign-in (the admin and the officer desk ask for it)."""
    _record_authentication(client, user, "mfa", type="totp")


def sign_in_with_mfa(client, user: User) -> User:
    """Sign ``user`` in as after password and authenticator code (TOTP set up if needed)."""
    from allauth.mfa.utils import is_mfa_enabled

    if not is_mfa_enabled(user):
        totp_for(user)
    client.force_login(user)
    mfa_session(client, user)
    return user


def recently_reauthenticated(client, user: User) -> None:
    """Record that ``user`` just confirmed their password (as before erasing an account)."""
    _record_authentication(client, user, "password", reauthenticated=True)
