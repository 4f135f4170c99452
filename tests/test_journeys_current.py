"""Journeys stay current: content an editor changes and the calendar reach existing
journeys in the background, and progress is never lost."""

from __future__ import annotations

import dataclasses

import pytest
from django.db.models import ProtectedError
from django.utils import timezone

from checklists.models import ChecklistInstance, ChecklistItem, ChecklistTemplate, InstanceItem
from checklists.refresh import (
    checklists_refresh,
    checklists_refresh_after_change,
    checklists_refresh_stale,
)
from municipalities.models import Municipality
from newcomers.journey import JOURNEY
from newcomers.models import Child, NewcomerProfile

from .factories import UserFactory
from .journeys import onboard

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.usefixtures("geography")]


def keys(profile: NewcomerProfile) -> set[str]:
    return set(
        InstanceItem.objects.filter(instance__newcomer=profile, state="active").values_list(
            "key", flat=True
        )
    )


def newcomer(client, **answers) -> NewcomerProfile:
    user = UserFactory()
    onboard(client, user, **answers)
    return NewcomerProfile.objects.get(user=user)


def national_template() -> ChecklistTemplate:
    return ChecklistTemplate.objects.get(kind=JOURNEY.key, layer="national")


@pytest.mark.worker
def test_a_step_an_editor_adds_reaches_existing_journeys(client, national, celery_worker):
    profile = newcomer(client)
    InstanceItem.objects.filter(instance__newcomer=profile, key="bank-account").update(
        done_at=timezone.now(), note="SEB on Tuesday"
    )
    ChecklistItem.objects.create(
        template=national_template(),
        key="library-card",
        title_sv="Skaffa lånekort",
        title_en="Get a library card",
        phase="settling_in",
        due_offset_days=60,
    )
    assert celery_worker.wait_for(1, name="checklists.tasks.checklists_refresh_after_change")
    assert "library-card" in keys(profile)
    kept = InstanceItem.objects.get(instance__newcomer=profile, key="bank-account")
    assert kept.done_at is not None and kept.note == "SEB on Tuesday"  # progress kept


@pytest.mark.worker
def test_a_municipality_layer_reaches_only_its_own_newcomers(client, national, celery_worker):
    here = newcomer(client, municipality="2380")
    there = newcomer(client, municipality="0180")
    local = ChecklistTemplate.objects.create(
        kind=JOURNEY.key,
        layer="municipal",
        owner=Municipality.objects.get(code="2380"),
        name_sv="Östersund",
    )
    ChecklistItem.objects.create(
        template=local, key="ski-club", title_sv="Skidklubb", phase="settling_in"
    )
    assert celery_worker.wait_for(2, name="checklists.tasks.checklists_refresh_after_change")
    assert "ski-club" in keys(here)
    assert "ski-club" not in keys(there)

    local.is_active = False  # switched off: the step moves to history, with its progress
    local.save()
    assert celery_worker.wait_for(3, name="checklists.tasks.checklists_refresh_after_change")
    assert "ski-club" not in keys(here)
    assert InstanceItem.objects.get(instance__newcomer=here, key="ski-club").state == "removed"


def test_a_new_municipal_template_re_assembles_only_that_municipalitys_journeys(client, national):
    here = newcomer(client, municipality="2380")
    there = newcomer(client, municipality="0180")
    before = ChecklistInstance.objects.get(newcomer=there).assembled_at
    local = ChecklistTemplate.objects.create(
        kind=JOURNEY.key,
        layer="municipal",
        owner=Municipality.objects.get(code="2380"),
        name_sv="Östersund",
    )
    ChecklistTemplate.objects.filter(pk=local.pk).update(changed_at=timezone.now())
    assert checklists_refresh_after_change(template_id=local.pk, whole_kind=True) == (1, 0)
    assert local in ChecklistInstance.objects.get(newcomer=here).templates.all()
    assert ChecklistInstance.objects.get(newcomer=there).assembled_at == before


def test_the_nightly_job_moves_childrens_ages_on(client, national):
    profile = newcomer(client, children="5")
    assert "preschool-place" in keys(profile)
    # A year later the child is six: school, not preschool.
    Child.objects.filter(profile=profile).update(birth_year=timezone.localdate().year - 6)
    assert checklists_refresh_stale() == (1, 0)
    assert "preschool-place" not in keys(profile)
    assert "school-place" in keys(profile)
    assert checklists_refresh_stale() == (0, 0)  # nothing moved since: nothing to do


def test_the_nightly_job_catches_a_change_the_broker_never_delivered(client, national):
    profile = newcomer(client)
    template = national_template()
    item = ChecklistItem(
        template=template, key="library-card", title_sv="Lånekort", phase="settling_in"
    )
    ChecklistItem.objects.bulk_create([item])  # no signal, no task: as if it were lost
    ChecklistTemplate.objects.filter(pk=template.pk).update(changed_at=timezone.now())
    assert "library-card" not in keys(profile)
    checklists_refresh_stale()
    assert "library-card" in keys(profile)


def test_one_persons_failure_does_not_stop_the_others(client, national):
    first = newcomer(client)
    second = newcomer(client, children="5")

    def facts_of(profile):
        if profile.pk == first.pk:
            raise ValueError("broken data")
        return JOURNEY.facts_of(profile)

    fragile = dataclasses.replace(JOURNEY, facts_of=facts_of)
    assert checklists_refresh(
        kind=fragile, instances=ChecklistInstance.objects.filter(kind=JOURNEY.key)
    ) == (1, 1)
    assert "preschool-place" in keys(second)


def test_a_step_in_someones_journey_cannot_be_deleted(client, national):
    profile = newcomer(client)
    step = ChecklistItem.objects.get(template=national_template(), key="bank-account")
    with pytest.raises(ProtectedError):
        step.delete()
    assert "bank-account" in keys(profile)
