"""Officers of the content: bad conditions and dependency cycles are refused with the reason."""

import pytest
from django.core.exceptions import ValidationError
from django.db import transaction

from checklists.models import ChecklistItem, ChecklistTemplate, Layer

from .factories import UserFactory, sign_in_with_mfa

pytestmark = pytest.mark.django_db


def item(template, key, **extra):
    fields = {"title_en": key, "title_sv": key, "phase": "first_weeks", **extra}
    return ChecklistItem.objects.create(template=template, key=key, **fields)


@pytest.fixture
def template():
    return ChecklistTemplate.objects.create(layer=Layer.NATIONAL, name_sv="N", name_en="N")


def test_saving_a_bad_condition_fails_with_a_clear_error(template):
    bad = ChecklistItem(
        template=template,
        key="x",
        title_sv="x",
        phase="first_weeks",
        condition={"eq": ["shoe_size", 42]},
    )
    with pytest.raises(ValidationError) as error:
        bad.full_clean()
    assert "Unknown fact “shoe_size”" in str(error.value.message_dict["condition"])


def test_a_dependency_cycle_is_rejected_naming_the_cycle(template):
    a, b, c = item(template, "a"), item(template, "b"), item(template, "c")
    b.dependencies.add(a)
    c.dependencies.add(b)
    with pytest.raises(ValidationError) as error, transaction.atomic():
        a.dependencies.add(c)
    assert "a → c → b → a" in error.value.messages[0]
    assert not a.dependencies.exists()


def test_a_step_cannot_depend_on_itself(template):
    a = item(template, "a")
    with pytest.raises(ValidationError), transaction.atomic():
        a.dependencies.add(a)


def test_admin_shows_the_cycle_and_the_condition_error(client, template):
    a, b = item(template, "a"), item(template, "b")
    b.dependencies.add(a)
    sign_in_with_mfa(client, UserFactory(is_staff=True, is_superuser=True))
    response = client.post(
        f"/en/admin/checklists/checklistitem/{a.pk}/change/",
        {
            "template": template.pk,
            "key": "a",
            "title_sv": "a",
            "title_en": "a",
            "phase": "first_weeks",
            "due_offset_days": "0",
            "dependencies": [b.pk],
            "condition": '{"gte": ["citizenship", 3]}',
        },
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "These dependencies would make a cycle: a → b → a." in html
    assert "compares numbers, but “citizenship” is not a number" in html


def test_a_higher_layer_replaces_a_national_step(template):
    from checklists.services import checklist_steps

    from .journeys import facts

    item(template, "welcome-event", title_en="National welcome")
    local = ChecklistTemplate.objects.create(
        layer=Layer.MUNICIPAL, owner_key="2380", name_sv="Östersund"
    )
    ChecklistItem.objects.create(
        template=local,
        key="welcome-event",
        title_sv="Östersund",
        title_en="Östersund welcome evening",
        phase="first_months",
    )
    ChecklistItem.objects.create(
        template=local,
        key="ski-club",
        title_sv="Skidklubb",
        title_en="Ski club",
        phase="settling_in",
    )
    here = {s.key: s.item.title_en for s in checklist_steps(facts=facts(municipality="2380"))}
    assert here == {"welcome-event": "Östersund welcome evening", "ski-club": "Ski club"}
    elsewhere = {s.key for s in checklist_steps(facts=facts(municipality="0180"))}
    assert elsewhere == {"welcome-event"}


def test_a_higher_layers_step_shows_only_when_its_own_condition_holds(template):
    from checklists.services import checklist_steps

    from .journeys import facts

    item(template, "welcome-event", title_en="National welcome")
    for layer, owner in ((Layer.MUNICIPAL, "2380"), (Layer.EMPLOYER, "acme")):
        higher = ChecklistTemplate.objects.create(layer=layer, owner_key=owner, name_sv=owner)
        only_for_eu = {"eq": ["citizenship", "eu_eea"]}
        ChecklistItem.objects.create(
            template=higher,
            key=f"{owner}-eu-only",
            title_sv="x",
            phase="first_weeks",
            condition=only_for_eu,
        )
        ChecklistItem.objects.create(  # replaces the national step, with its own condition
            template=higher,
            key="welcome-event",
            title_sv="y",
            phase="first_weeks",
            condition=only_for_eu,
        )
    stated = {"municipality": "2380", "has_employer": True, "employer_key": "acme"}
    third_country = {s.key for s in checklist_steps(facts=facts(**stated))}
    assert third_country == set()  # neither layer's step, and the replaced one is gone too
    eu = {s.key for s in checklist_steps(facts=facts(citizenship="eu_eea", **stated))}
    assert eu == {"2380-eu-only", "acme-eu-only", "welcome-event"}
