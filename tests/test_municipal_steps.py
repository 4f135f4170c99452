"""Editors write the municipal layer of the journey: they add steps, replace or hide
national ones, see the result as a persona, and the change reaches the journeys of the
municipality's newcomers with their progress kept. Only editors of the municipality's
area may, and bad content is refused naming what is wrong, with nothing typed lost."""

from __future__ import annotations

import html

import pytest
from django.test import Client
from django.utils import timezone

from checklists.models import ChecklistItem, ChecklistTemplate, InstanceItem, never
from checklists.refresh import REFRESH_TASK
from checklists.services import checklist_item_remove
from municipalities.models import Municipality, Officer, Region
from newcomers.journey import JOURNEY
from newcomers.models import NewcomerProfile
from portal import celery_app
from welcome.steps.personas import PERSONAS
from welcome.steps.selectors import municipal_template_of

from .factories import OfficerFactory, UserFactory, sign_in_with_mfa, totp_for
from .journeys import onboard

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("national", "geography")]

OSTERSUND, KROKOM = "2380", "2309"
STEPS = "/en/municipalities/desk/steps/"


def steps_url(code: str = OSTERSUND, path: str = "") -> str:
    return f"{STEPS}{code}/{path}"


def municipality(code: str) -> Municipality:
    return Municipality.objects.get(code=code)


def editor(code: str | None = OSTERSUND, role: str = Officer.Role.EDITOR) -> Officer:
    if code is None:  # a region editor: all of Jämtland's municipalities
        return OfficerFactory(role=role, municipality=None, region=Region.objects.get(code="23"))
    return OfficerFactory(role=role, municipality=municipality(code))


def signed_in(officer: Officer) -> Client:
    client = Client()
    sign_in_with_mfa(client, officer.user)
    return client


@pytest.fixture
def ostersund_editor() -> Client:
    return signed_in(editor())


def step_data(**overrides) -> dict:
    data = {
        "key": "housing-queue",
        "title_sv": "Ställ dig i bostadskön",
        "title_en": "Join the housing queue",
        "title_ar": "",
        "title_uk": "",
        "body_sv": "Kön hos det kommunala bostadsbolaget.",
        "body_en": "The queue of the municipal housing company.",
        "body_ar": "",
        "body_uk": "",
        "phase": "before_arrival",
        "due_offset_days": "-60",
        "authority": "",
        "link_url": "https://example.org/housing-queue",
        "condition": '{"all": []}',
    }
    data.update(overrides)
    return data


def own(key: str, code: str = OSTERSUND) -> ChecklistItem | None:
    template = municipal_template_of(municipality=municipality(code))
    return ChecklistItem.objects.filter(template=template, key=key).first()


def text(response) -> str:
    """A page as a person reads it (entities decoded)."""
    return html.unescape(response.content.decode())


def preview(client: Client, persona: str = "eu-worker", code: str = OSTERSUND) -> str:
    return text(client.get(steps_url(code), {"persona": persona}))


def previewed(page: str) -> str:
    """The preview part of the list page."""
    return page.split('id="preview"')[1]


def step_title(title: str) -> str:
    return f'<h4 class="step-title">{title}</h4>'


def journey_keys(profile: NewcomerProfile) -> set[str]:
    return set(
        InstanceItem.objects.filter(instance__newcomer=profile, state="active").values_list(
            "key", flat=True
        )
    )


def newcomer(code: str) -> NewcomerProfile:
    user = UserFactory()
    onboard(Client(), user, municipality=code)
    return NewcomerProfile.objects.get(user=user)


# --- Adding, replacing, hiding --------------------------------------------------------


def test_an_editor_adds_a_step_and_the_preview_marks_it_as_the_municipalitys_own(
    ostersund_editor,
):
    response = ostersund_editor.post(steps_url(path="add/"), step_data())
    assert response.status_code == 302
    assert response["Location"] == f"{steps_url()}#preview"
    item = own("housing-queue")
    assert item.title_sv == "Ställ dig i bostadskön" and item.title_en == "Join the housing queue"
    assert item.template.layer == "municipal" and item.template.owner == municipality(OSTERSUND)
    assert item.due_offset_days == -60 and item.condition == {"all": []}

    page = text(ostersund_editor.get(response["Location"]))
    assert "Saved “Join the housing queue”" in page
    step = previewed(page).split(step_title("Join the housing queue"))[1]
    assert "The municipality's own step" in step.split("</li>")[0]
    # Another municipality's preview does not have it.
    assert "Join the housing queue" not in preview(signed_in(editor(None)), code=KROKOM)


def test_the_municipal_template_is_created_on_first_use_only():
    client = signed_in(editor())
    client.get(steps_url())
    assert not ChecklistTemplate.objects.filter(layer="municipal").exists()
    client.post(steps_url(path="add/"), step_data())
    client.post(steps_url(path="add/"), step_data(key="library-card"))
    template = ChecklistTemplate.objects.get(layer="municipal")
    assert template.kind == JOURNEY.key and template.owner == municipality(OSTERSUND)
    assert template.items.count() == 2


def test_replacing_a_national_step_starts_from_its_text_and_keeps_its_key(ostersund_editor):
    form = text(ostersund_editor.get(steps_url(path="sfi-course/edit/")))
    national = ChecklistItem.objects.get(template__layer="national", key="sfi-course")
    assert national.title_en in form and national.title_sv in form
    assert "population-registration" in form  # its dependency, by key

    data = step_data(
        title_en="Swedish for immigrants at Campus Östersund",
        title_sv="SFI på Campus Östersund",
        phase=national.phase,
        due_offset_days="30",
        depends_on=["population-registration"],
        condition='{"gte": ["stay_months", 12]}',
    )
    del data["key"]
    assert ostersund_editor.post(steps_url(path="sfi-course/edit/"), data).status_code == 302
    replacement = own("sfi-course")
    assert replacement.condition == {"gte": ["stay_months", 12]}
    assert [d.key for d in replacement.dependencies.all()] == ["population-registration"]

    page = preview(ostersund_editor, "eu-worker")
    assert step_title("Swedish for immigrants at Campus Östersund") in previewed(page)
    assert step_title(national.title_en) not in previewed(page)
    assert f"Replaces the national step “{national.title_en}”" in page


def test_a_new_step_with_a_national_key_replaces_it(ostersund_editor):
    ostersund_editor.post(steps_url(path="add/"), step_data(key="find-housing"))
    page = previewed(preview(ostersund_editor))
    assert page.count(step_title("Join the housing queue")) == 1
    national = ChecklistItem.objects.get(template__layer="national", key="find-housing")
    assert step_title(national.title_en) not in page


def test_hide_a_national_step_and_show_it_again(ostersund_editor):
    national = ChecklistItem.objects.get(template__layer="national", key="sfi-course")
    assert step_title(national.title_en) in previewed(preview(ostersund_editor))

    ostersund_editor.post(steps_url(path="sfi-course/hide/"))
    hidden = own("sfi-course")
    assert hidden.condition == never() == {"any": []}
    page = preview(ostersund_editor)
    assert step_title(national.title_en) not in previewed(page)
    assert "Show again" in page

    response = ostersund_editor.post(steps_url(path="sfi-course/remove/"), follow=True)
    assert f"“{national.title_en}” is shown again." in text(response)
    assert own("sfi-course") is None
    assert step_title(national.title_en) in previewed(preview(ostersund_editor))


def test_hiding_needs_a_post_and_a_national_key(ostersund_editor):
    assert ostersund_editor.get(steps_url(path="sfi-course/hide/")).status_code == 405
    assert ostersund_editor.post(steps_url(path="no-such-step/hide/")).status_code == 404
    assert ostersund_editor.post(steps_url(path="no-such-step/remove/")).status_code == 404
    assert not ChecklistTemplate.objects.filter(layer="municipal").exists()


def test_every_persona_gives_a_preview(ostersund_editor):
    for persona in PERSONAS:
        page = preview(ostersund_editor, persona.key)
        assert f'<option value="{persona.key}" selected>' in page
        assert previewed(page).count('<li class="step') >= 3, persona.key
    # An unknown persona falls back to the first one.
    assert f'<option value="{PERSONAS[0].key}" selected>' in preview(ostersund_editor, "x")


# --- Refusals, nothing typed lost ------------------------------------------------------


@pytest.mark.parametrize(
    ("condition", "message"),
    [
        ('{"all": [', "This is not valid JSON (line 1, column 10)."),
        ('{"eq": ["shoe_size", 42]}', "Unknown fact “shoe_size”"),
        ('{"equals": ["citizenship", "eu_eea"]}', "Unknown operator “equals”"),
        ('{"eq": ["citizenship", "martian"]}', "“martian” is not a valid value for “citizenship”"),
        ('{"gte": ["citizenship", 3]}', "“gte” compares numbers"),
    ],
)
def test_a_bad_condition_is_refused_naming_what_is_wrong(ostersund_editor, condition, message):
    response = ostersund_editor.post(steps_url(path="add/"), step_data(condition=condition))
    assert response.status_code == 200
    page = text(response)
    assert message in page
    assert "Join the housing queue" in page and condition in page  # nothing typed is lost
    assert own("housing-queue") is None


def test_refusals_are_in_the_language_of_the_page(ostersund_editor):
    swedish = steps_url(path="add/").replace("/en/", "/sv/", 1)
    data = step_data(condition='{"eq": ["shoe_size", 42]}')
    assert "Okänd uppgift ”shoe_size”" in text(ostersund_editor.post(swedish, data))


def test_a_dependency_that_closes_a_cycle_across_layers_is_refused_naming_it(
    ostersund_editor,
):
    # National id-card depends on population-registration: a replacement of
    # population-registration that waits for id-card would close a cycle.
    data = step_data(depends_on=["id-card"], phase="first_weeks")
    del data["key"]
    response = ostersund_editor.post(steps_url(path="population-registration/edit/"), data)
    assert response.status_code == 200
    assert "id-card → population-registration → id-card" in text(response)
    assert own("population-registration") is None


def test_an_unknown_dependency_key_is_refused_naming_it(ostersund_editor):
    response = ostersund_editor.post(steps_url(path="add/"), step_data(depends_on=["no-such-step"]))
    assert "There is no step with the key “no-such-step”." in text(response)
    assert own("housing-queue") is None


def test_a_step_cannot_depend_on_itself(ostersund_editor):
    data = step_data(key="find-housing", depends_on=["find-housing"])
    response = ostersund_editor.post(steps_url(path="add/"), data)
    assert "A step cannot depend on itself." in text(response)
    data.pop("key")  # changing a step, its own key is not even offered
    response = ostersund_editor.post(steps_url(path="find-housing/edit/"), data)
    assert "There is no step with the key “find-housing”." in text(response)
    assert own("find-housing") is None


def test_a_key_the_municipality_already_has_is_refused(ostersund_editor):
    ostersund_editor.post(steps_url(path="add/"), step_data())
    response = ostersund_editor.post(steps_url(path="add/"), step_data(title_en="Again"))
    assert "“housing-queue” is already one of the municipality's steps" in text(response)
    assert own("housing-queue").title_en == "Join the housing queue"


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("link_url", "http://example.org/queue", "Enter an address that starts with https://."),
        ("title_en", "", "This field is required."),
        ("body_sv", "", "This field is required."),
        ("key", "Not a slug!", "Enter a valid “slug”"),
    ],
)
def test_shape_errors_are_shown_on_the_field(ostersund_editor, field, value, message):
    response = ostersund_editor.post(steps_url(path="add/"), step_data(**{field: value}))
    assert response.status_code == 200
    assert message in text(response)
    assert not ChecklistItem.objects.filter(template__layer="municipal").exists()


def test_arabic_and_ukrainian_are_optional_and_fall_back_to_english(ostersund_editor):
    ostersund_editor.post(steps_url(path="add/"), step_data(title_uk="Стати в чергу на житло"))
    item = own("housing-queue")
    assert item.title_ar == "" and item.title_uk == "Стати в чергу на житло"
    arabic = ostersund_editor.get(steps_url().replace("/en/", "/ar/", 1))
    assert "<h4>Join the housing queue</h4>" in text(arabic)


def test_text_is_stored_as_typed_and_always_shown_escaped(ostersund_editor):
    typed = "<script>alert(1)</script> Queue & <b>more</b>"
    ostersund_editor.post(steps_url(path="add/"), step_data(title_en=typed, body_en=typed))
    item = own("housing-queue")
    assert item.title_en == typed and item.body_en == typed
    for page in (
        ostersund_editor.get(steps_url()).content.decode(),
        ostersund_editor.get(steps_url(path="housing-queue/edit/")).content.decode(),
    ):
        assert "<script>alert(1)" not in page and "<b>more" not in page
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page


def test_changing_an_own_step_keeps_its_key(ostersund_editor):
    ostersund_editor.post(steps_url(path="add/"), step_data())
    form = text(ostersund_editor.get(steps_url(path="housing-queue/edit/")))
    assert 'name="key"' not in form and "Join the housing queue" in form
    data = step_data(title_en="Join the queue of Östersundshem", key="sneaky-new-key")
    assert ostersund_editor.post(steps_url(path="housing-queue/edit/"), data).status_code == 302
    assert own("housing-queue").title_en == "Join the queue of Östersundshem"
    assert own("sneaky-new-key") is None


# --- Changes reach existing journeys --------------------------------------------------


@pytest.fixture
def refresh_in_process(monkeypatch, django_capture_on_commit_callbacks):
    """Run the background re-assembly the engine's signals queue after commit, here:
    the task's own function, without Celery's eager mode (whose end-of-task handlers,
    once a test worker ran in this process, would close the test's connection)."""
    task = celery_app.tasks[REFRESH_TASK]
    monkeypatch.setattr(task, "delay", lambda *args, **kwargs: task.run(*args, **kwargs))

    def run(action):
        with django_capture_on_commit_callbacks(execute=True) as callbacks:
            result = action()
        assert callbacks, "the change queued no re-assembly"
        return result

    return run


def test_a_step_an_editor_adds_reaches_journeys_in_the_municipality_only(
    ostersund_editor, refresh_in_process
):
    here, there = newcomer(OSTERSUND), newcomer(KROKOM)
    InstanceItem.objects.filter(instance__newcomer=here, key="bank-account").update(
        done_at=timezone.now(), note="Handelsbanken on Storgatan"
    )
    refresh_in_process(lambda: ostersund_editor.post(steps_url(path="add/"), step_data()))

    assert "housing-queue" in journey_keys(here)
    assert "housing-queue" not in journey_keys(there)
    kept = InstanceItem.objects.get(instance__newcomer=here, key="bank-account")
    assert kept.done_at is not None and kept.note == "Handelsbanken on Storgatan"


def test_hiding_a_step_moves_it_to_history_and_showing_brings_back_the_progress(
    ostersund_editor, refresh_in_process
):
    here = newcomer(OSTERSUND)
    InstanceItem.objects.filter(instance__newcomer=here, key="sfi-course").update(
        done_at=timezone.now()
    )
    refresh_in_process(lambda: ostersund_editor.post(steps_url(path="sfi-course/hide/")))
    assert "sfi-course" not in journey_keys(here)
    refresh_in_process(lambda: ostersund_editor.post(steps_url(path="sfi-course/remove/")))
    row = InstanceItem.objects.get(instance__newcomer=here, key="sfi-course")
    assert row.state == "active" and row.done_at is not None


def test_going_back_to_a_national_step_that_journeys_hold_keeps_progress(
    ostersund_editor, refresh_in_process
):
    here = newcomer(OSTERSUND)
    data = step_data(title_en="SFI at Campus Östersund", phase="first_months")
    del data["key"]
    refresh_in_process(lambda: ostersund_editor.post(steps_url(path="sfi-course/edit/"), data))
    row = InstanceItem.objects.get(instance__newcomer=here, key="sfi-course")
    assert row.item == own("sfi-course")  # the replacement is in their journey
    InstanceItem.objects.filter(pk=row.pk).update(done_at=timezone.now(), note="Tuesdays")

    response = refresh_in_process(
        lambda: ostersund_editor.post(steps_url(path="sfi-course/remove/"), follow=True)
    )
    assert "The national step “" in text(response)
    assert own("sfi-course") is None
    row.refresh_from_db()
    assert row.item.template.layer == "national" and row.state == "active"
    assert row.done_at is not None and row.note == "Tuesdays"


def test_an_own_step_in_someones_journey_is_hidden_rather_than_removed(
    ostersund_editor, refresh_in_process
):
    here = newcomer(OSTERSUND)
    refresh_in_process(lambda: ostersund_editor.post(steps_url(path="add/"), step_data()))
    assert "housing-queue" in journey_keys(here)
    response = refresh_in_process(
        lambda: ostersund_editor.post(steps_url(path="housing-queue/remove/"), follow=True)
    )
    assert "is hidden rather than removed" in text(response)
    assert own("housing-queue").condition == never()
    assert "housing-queue" not in journey_keys(here)
    assert InstanceItem.objects.get(instance__newcomer=here, key="housing-queue").state == (
        "removed"
    )


def test_an_own_step_nobody_has_is_deleted(ostersund_editor):
    ostersund_editor.post(steps_url(path="add/"), step_data())
    response = ostersund_editor.post(steps_url(path="housing-queue/remove/"), follow=True)
    assert "Removed “Join the housing queue”." in text(response)
    assert own("housing-queue") is None


def test_removing_a_replacement_moves_what_depended_on_it_to_the_national_step(
    ostersund_editor,
):
    data = step_data(title_en="Our registration help", phase="first_weeks")
    del data["key"]
    ostersund_editor.post(steps_url(path="population-registration/edit/"), data)
    replacement = own("population-registration")
    ostersund_editor.post(steps_url(path="add/"), step_data(depends_on=["population-registration"]))
    assert [d.pk for d in own("housing-queue").dependencies.all()] == [replacement.pk]
    assert checklist_item_remove(item=replacement) is True
    national = ChecklistItem.objects.get(template__layer="national", key="population-registration")
    assert list(own("housing-queue").dependencies.all()) == [national]


# --- Access -----------------------------------------------------------------------------

PAGES = [("get", ""), ("get", "add/"), ("get", "sfi-course/edit/"), ("post", "sfi-course/hide/")]


@pytest.mark.parametrize(("method", "path"), PAGES)
def test_an_officer_who_is_not_an_editor_is_refused(method, path):
    client = signed_in(editor(role=Officer.Role.OFFICER))
    assert getattr(client, method)(steps_url(path=path)).status_code == 403
    assert client.get(STEPS).status_code == 403
    assert not ChecklistTemplate.objects.filter(layer="municipal").exists()


@pytest.mark.parametrize(("method", "path"), PAGES)
def test_an_editor_cannot_reach_a_municipality_outside_their_area(ostersund_editor, method, path):
    response = getattr(ostersund_editor, method)(steps_url(KROKOM, path))
    assert response.status_code == 404
    assert not ChecklistTemplate.objects.filter(layer="municipal").exists()


def test_a_region_editor_picks_any_municipality_of_the_county():
    client = signed_in(editor(None))
    index = text(client.get(STEPS))
    assert f'href="{steps_url(OSTERSUND)}"' in index and f'href="{steps_url(KROKOM)}"' in index
    assert steps_url("0180") not in index  # Stockholm is another county
    for code in (OSTERSUND, KROKOM):
        assert client.post(steps_url(code, "add/"), step_data()).status_code == 302
        assert own("housing-queue", code) is not None
    assert client.get(steps_url("0180")).status_code == 404


def test_a_municipal_editor_goes_straight_to_their_municipality(ostersund_editor):
    assert ostersund_editor.get(STEPS)["Location"] == steps_url()


def test_a_newcomer_is_refused():
    user = UserFactory()
    client = Client()
    onboard(client, user)
    assert client.get(steps_url()).status_code == 403
    assert client.post(steps_url(path="add/"), step_data()).status_code == 403


def test_a_stranger_is_sent_to_sign_in():
    response = Client().get(steps_url())
    assert response.status_code == 302
    assert response["Location"].startswith("/en/accounts/login/")


def test_an_editor_who_has_not_passed_mfa_in_this_session_is_not_let_in():
    officer = editor()
    totp_for(officer.user)
    client = Client()
    client.force_login(officer.user)  # password alone
    response = client.post(steps_url(path="add/"), step_data())
    assert response.status_code == 302
    assert "/accounts/2fa/reauthenticate/" in response["Location"]
    assert own("housing-queue") is None


def test_the_desk_links_editors_to_their_steps():
    desk = "/en/municipalities/desk/"
    assert STEPS in text(signed_in(editor()).get(desk))
    assert STEPS not in text(signed_in(editor(role=Officer.Role.OFFICER)).get(desk))


# --- Bounded pages ------------------------------------------------------------------------


def test_the_list_takes_a_bounded_number_of_queries(django_assert_max_num_queries):
    client = signed_in(editor())
    client.post(steps_url(path="add/"), step_data())
    client.post(steps_url(path="sfi-course/hide/"))
    client.get(steps_url())  # warm the content types cache

    def add_steps(count: int) -> None:
        template = municipal_template_of(municipality=municipality(OSTERSUND))
        start = ChecklistItem.objects.filter(template=template).count()
        ChecklistItem.objects.bulk_create(
            ChecklistItem(
                template=template, key=f"extra-{start + n}", title_en="x", phase="staying"
            )
            for n in range(count)
        )

    add_steps(2)
    with django_assert_max_num_queries(12):
        assert client.get(steps_url()).status_code == 200
    add_steps(60)
    with django_assert_max_num_queries(12):
        page = client.get(steps_url()).content.decode()
    assert "extra-61" in page
