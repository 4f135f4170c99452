"""Officers of the content: bad conditions and dependency cycles are refused with the reason."""

import pytest
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q

from checklists.kinds import Layer
from checklists.models import ChecklistItem, ChecklistTemplate
from checklists.services import checklist_steps
from municipalities.models import Municipality, Region
from newcomers.journey import JOURNEY

from .factories import MunicipalityFactory, UserFactory, sign_in_with_mfa
from .journeys import facts

pytestmark = pytest.mark.django_db


def item(template, key, **extra):
    fields = {"title_en": key, "title_sv": key, "phase": "first_weeks", **extra}
    return ChecklistItem.objects.create(template=template, key=key, **fields)


@pytest.fixture
def template():
    return ChecklistTemplate.objects.create(
        kind=JOURNEY.key, layer="national", name_sv="N", name_en="N"
    )


def layer_of(owner, name: str = "municipal") -> ChecklistTemplate:
    return ChecklistTemplate.objects.create(
        kind=JOURNEY.key, layer=name, owner=owner, name_sv=str(owner), name_en=str(owner)
    )


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
    assert "These dependencies would make a cycle in N: a → b → a." in html
    assert "compares numbers, but “citizenship” is not a number" in html


def test_a_higher_layer_replaces_a_national_step(template):
    item(template, "welcome-event", title_en="National welcome")
    local = layer_of(MunicipalityFactory())
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
    steps = checklist_steps(kind=JOURNEY, facts=facts(municipality="2380"))
    here = {s.key: s.item.title_en for s in steps}
    assert here == {"welcome-event": "Östersund welcome evening", "ski-club": "Ski club"}
    elsewhere = {s.key for s in checklist_steps(kind=JOURNEY, facts=facts(municipality="0180"))}
    assert elsewhere == {"welcome-event"}


@pytest.fixture
def county_layer():
    """A layer above the municipal one, owned by counties: what an app higher up (the
    employers app, for its layer) does to a kind it does not own."""
    JOURNEY.layer_add(
        Layer(
            "county",
            "county",
            owner=Region,
            owner_filter=lambda f: Q(municipalities__code=f["municipality"]),
        )
    )
    yield
    JOURNEY.layers[:] = [layer for layer in JOURNEY.layers if layer.name != "county"]


def test_a_higher_layers_step_shows_only_when_its_own_condition_holds(template, county_layer):
    item(template, "welcome-event", title_en="National welcome")
    ostersund = MunicipalityFactory()
    for higher in (layer_of(ostersund), layer_of(ostersund.region, "county")):
        only_for_eu = {"eq": ["citizenship", "eu_eea"]}
        ChecklistItem.objects.create(
            template=higher,
            key=f"{higher.layer}-eu-only",
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
    third_country = {s.key for s in checklist_steps(kind=JOURNEY, facts=facts(municipality="2380"))}
    assert third_country == set()  # neither layer's step, and the replaced one is gone too
    eu = checklist_steps(kind=JOURNEY, facts=facts(citizenship="eu_eea", municipality="2380"))
    assert {s.key for s in eu} == {"municipal-eu-only", "county-eu-only", "welcome-event"}
    assert next(s for s in eu if s.key == "welcome-event").item.template.layer == "county"


def test_a_cycle_across_layers_is_refused_naming_it(template):
    """National ``a`` depends on ``b``; a municipality's own ``b`` depending on ``a``
    would close a cycle in every journey of that municipality."""
    national_a, national_b = item(template, "a"), item(template, "b")
    national_a.dependencies.add(national_b)
    local = layer_of(MunicipalityFactory())
    local_b = item(local, "b")
    with pytest.raises(ValidationError) as error, transaction.atomic():
        local_b.dependencies.add(national_a)
    assert "a → b → a" in error.value.messages[0]
    assert "N + Östersund" in error.value.messages[0]
    assert not local_b.dependencies.exists()


def test_renaming_a_step_into_a_cycle_is_refused_in_the_admin(client, template):
    national_a, national_b = item(template, "a"), item(template, "b")
    national_a.dependencies.add(national_b)
    local = layer_of(MunicipalityFactory())
    local_c = item(local, "c")
    local_c.dependencies.add(national_a)  # fine while it is called c
    sign_in_with_mfa(client, UserFactory(is_staff=True, is_superuser=True))
    response = client.post(
        f"/en/admin/checklists/checklistitem/{local_c.pk}/change/",
        {
            "template": local.pk,
            "key": "b",  # now it replaces national b, which a waits for
            "title_sv": "c",
            "title_en": "c",
            "phase": "first_weeks",
            "due_offset_days": "0",
            "dependencies": [national_a.pk],
            "condition": '{"all": []}',
        },
    )
    assert response.status_code == 200
    assert "a → b → a" in response.content.decode()
    local_c.refresh_from_db()
    assert local_c.key == "c"


def test_a_cycle_that_reached_the_database_anyway_does_not_break_journeys(template, caplog):
    a, b = item(template, "a"), item(template, "b")
    a.dependencies.add(b)
    through = ChecklistItem.dependencies.through
    through.objects.create(from_checklistitem=b, to_checklistitem=a)  # around every check
    steps = checklist_steps(kind=JOURNEY, facts=facts())
    assert {s.key for s in steps} == {"a", "b"}
    assert "dependency cycle" in caplog.text


def test_a_template_must_have_the_owner_its_layer_names(template):
    ostersund = MunicipalityFactory()
    wrong = ChecklistTemplate(kind=JOURNEY.key, layer="municipal", name_sv="x")
    with pytest.raises(ValidationError):
        wrong.full_clean()
    wrong.owner = ostersund.region  # a county is not a municipality
    with pytest.raises(ValidationError):
        wrong.full_clean()
    wrong.owner = ostersund
    wrong.full_clean()
    assert Municipality.objects.count() == 1
