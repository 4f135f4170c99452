"""Every model of ours is in the admin, and every changelist opens."""

import pytest
from django.apps import apps
from django.contrib import admin
from django.core.management import call_command

from municipalities.models import Region

from .factories import UserFactory, sign_in_with_mfa

OUR_APPS = {
    "outbox",
    "accounts",
    "checklists",
    "municipalities",
    "associations",
    "events",
    "newcomers",
    "welcome",
    "employers",
}


def test_every_model_is_registered_in_the_admin():
    missing = [
        model._meta.label
        for model in apps.get_models()
        if model._meta.app_label in OUR_APPS and model not in admin.site._registry
    ]
    assert missing == []


@pytest.fixture
def staff_client(client, db):
    call_command("seed_demo", verbosity=0)
    sign_in_with_mfa(client, UserFactory(is_staff=True, is_superuser=True))
    return client


def test_every_changelist_opens_for_staff(staff_client):
    client = staff_client
    for model in admin.site._registry:
        meta = model._meta
        url = f"/en/admin/{meta.app_label}/{meta.model_name}/"
        assert client.get(url).status_code == 200, url
        assert client.get(url + "?q=a").status_code == 200, url


def test_region_admin_has_translation_tabs(staff_client):
    client = staff_client
    region = Region.objects.get(code="23")
    html = client.get(f"/en/admin/municipalities/region/{region.pk}/change/").content.decode()
    for language in ["sv", "en", "ar", "uk"]:
        assert f'name="name_{language}"' in html
    assert "tabbed_translation_fields.js" in html
    assert "vendor/jquery-ui/jquery-ui.min.js" in html
    assert "googleapis" not in html  # no CDN
