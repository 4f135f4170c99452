"""Due dates: days from arrival, or days from the completion of what a step waits for."""

from datetime import timedelta

import pytest
from django.utils import timezone

from checklists.models import ChecklistItem, ChecklistTemplate, InstanceItem
from checklists.services import checklist_sync, instance_item_set_done
from newcomers.journey import JOURNEY
from newcomers.models import Household, NewcomerProfile

from .factories import UserFactory
from .journeys import facts

pytestmark = pytest.mark.django_db


def test_a_step_dated_from_its_dependency_gets_a_date_when_that_is_done():
    template = ChecklistTemplate.objects.create(kind=JOURNEY.key, layer="national", name_sv="N")
    register = ChecklistItem.objects.create(
        template=template, key="register", title_sv="r", phase="first_weeks", due_offset_days=7
    )
    card = ChecklistItem.objects.create(
        template=template,
        key="card",
        title_sv="c",
        phase="first_months",
        due_offset_days=14,
        due_after_dependencies=True,
    )
    card.dependencies.add(register)
    arrival = timezone.localdate() + timedelta(days=10)
    profile = NewcomerProfile.objects.create(
        user=UserFactory(),
        household=Household.objects.create(),
        citizenship="eu_eea",
        purpose="work",
        stay_months=24,
        arrival_date=arrival,
    )
    instance = checklist_sync(kind=JOURNEY, subject=profile, facts=facts(arrival_date=arrival))
    rows = {row.key: row for row in instance.items.all()}
    assert rows["register"].due_date == arrival + timedelta(days=7)
    assert rows["card"].due_date is None

    instance_item_set_done(row=rows["register"], done=True)
    card_row = InstanceItem.objects.get(instance=instance, key="card")
    assert card_row.due_date == timezone.localdate() + timedelta(days=14)

    instance_item_set_done(row=rows["register"], done=False)
    card_row.refresh_from_db()
    assert card_row.due_date is None
