"""A newcomer's own journey: wizard, steps, progress, notes, calendar, re-assembly."""

import pytest
from icalendar import Calendar

from checklists.models import InstanceItem
from newcomers.models import NewcomerProfile
from newcomers.services import journey_sync

from .factories import OfficerFactory, UserFactory
from .journeys import in_days, onboard

JOIN = {"citizenship": "third_country"}  # a partner states their own


@pytest.fixture
def newcomer(client, national, geography):
    user = UserFactory(preferred_language="en")
    onboard(client, user)
    return user


def rows(user):
    return InstanceItem.objects.filter(instance__newcomer__user=user)


def test_wizard_builds_a_journey_from_the_answers(client, newcomer):
    profile = NewcomerProfile.objects.get(user=newcomer)
    assert profile.municipality.code == "2380"
    assert [child.age() for child in profile.children.all()] == [4]
    keys = set(rows(newcomer).values_list("key", flat=True))
    assert {"work-permit", "preschool-place", "partner-career-support"} <= keys
    response = client.get("/en/newcomers/journey/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "0 of" in html and "Before you arrive" in html


def test_wizard_rejects_impossible_facts_and_keeps_what_was_typed(client, national):
    client.force_login(UserFactory())
    response = client.post(
        "/en/newcomers/start/",
        {
            "citizenship": "eu_eea",
            "purpose": "work",
            "stay_months": "0",
            "arrival": "2126-05-01",
        },
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "Choose an arrival date within five years of today." in html
    assert "Ensure this value is greater than or equal to 1." in html
    assert 'value="2126-05-01"' in html
    assert not NewcomerProfile.objects.exists()


def test_family_step_rejects_negative_ages(client, newcomer):
    response = client.post("/en/newcomers/start/family/", {"partner": "0", "children": "-2"})
    assert "A child&#x27;s age must be between 0 and 25." in response.content.decode()


def test_mark_done_undo_and_note(client, newcomer):
    client.post("/en/newcomers/journey/steps/work-permit/done/", {"done": "1"})
    row = rows(newcomer).get(key="work-permit")
    assert row.done_at is not None
    client.post("/en/newcomers/journey/steps/work-permit/note/", {"note": "Case 123 <b>"})
    row.refresh_from_db()
    assert row.note == "Case 123 <b>"
    html = client.get("/en/newcomers/journey/").content.decode()
    assert "Case 123 &lt;b&gt;" in html
    assert "1 of" in html
    client.post("/en/newcomers/journey/steps/work-permit/done/", {"done": "0"})
    row.refresh_from_db()
    assert row.done_at is None


def test_changing_facts_keeps_progress_and_history(client, newcomer):
    client.post("/en/newcomers/journey/steps/work-permit/done/", {"done": "1"})
    client.post("/en/newcomers/journey/steps/preschool-place/note/", {"note": "queue 3"})
    client.post(
        "/en/newcomers/start/family/",
        {"partner": "1", "partner_working": "0", "children": "", "has_employer": "1"},
    )
    preschool = rows(newcomer).get(key="preschool-place")
    assert preschool.state == InstanceItem.State.REMOVED
    assert preschool.note == "queue 3"
    html = client.get("/en/newcomers/journey/").content.decode()
    assert "Steps that no longer apply" in html and "queue 3" in html
    assert rows(newcomer).get(key="work-permit").done_at is not None
    client.post(
        "/en/newcomers/start/family/",
        {"partner": "1", "partner_working": "0", "children": "2", "has_employer": "1"},
    )
    preschool.refresh_from_db()
    assert preschool.state == InstanceItem.State.ACTIVE
    assert preschool.note == "queue 3"


def test_due_dates_and_badges(client, newcomer):
    row = rows(newcomer).get(key="work-permit")
    assert row.due_date == in_days(20 - 90)
    html = client.get("/en/newcomers/journey/").content.decode()
    assert "badge-overdue" in html


def test_calendar_export_lists_open_due_dates(client, newcomer):
    response = client.get("/en/newcomers/journey/calendar.ics")
    assert response["Content-Type"].startswith("text/calendar")
    calendar = Calendar.from_ical(response.content)
    events = {str(e["summary"]): e.decoded("dtstart") for e in calendar.walk("VEVENT")}
    assert len(events) == rows(newcomer).filter(due_date__isnull=False).count()
    assert events["Apply for a Swedish ID card"] == rows(newcomer).get(key="id-card").due_date


def test_print_view(client, newcomer):
    html = client.get("/en/newcomers/journey/print/").content.decode()
    assert "print-table" in html and "Apply for a Swedish ID card" in html


def test_journey_page_queries_do_not_grow_with_the_steps(
    client, newcomer, django_assert_max_num_queries
):
    # 11 when drawn (see test_journey_page); 2 once kept (tests/test_personal_pages).
    with django_assert_max_num_queries(11):
        assert "Your steps are ready." in client.get("/en/newcomers/journey/").content.decode()
    with django_assert_max_num_queries(11):  # drawn again without the message, and kept
        assert client.get("/en/newcomers/journey/").status_code == 200
    with django_assert_max_num_queries(2):
        assert client.get("/en/newcomers/journey/").status_code == 200
    profile = NewcomerProfile.objects.get(user=newcomer)
    profile.stay_months = 48
    profile.save()
    journey_sync(profile=profile)  # more steps now
    with django_assert_max_num_queries(11):
        assert client.get("/en/newcomers/journey/").status_code == 200


def test_a_newcomer_cannot_touch_another_newcomers_steps(client, newcomer):
    stranger = UserFactory()
    client.force_login(stranger)
    client.post(
        "/en/newcomers/start/",
        {
            "citizenship": "eu_eea",
            "purpose": "work",
            "stay_months": "6",
            "arrival": in_days(5).isoformat(),
        },
    )
    response = client.post("/en/newcomers/journey/steps/work-permit/done/", {"done": "1"})
    assert (
        response.status_code == 404
    )  # the EU citizen has no such step; the other's is unreachable
    assert rows(newcomer).get(key="work-permit").done_at is None
    client.post("/en/newcomers/journey/steps/bank-account/note/", {"note": "mine"})
    assert rows(newcomer).get(key="bank-account").note == ""


@pytest.mark.parametrize(
    "path",
    [
        "/en/newcomers/journey/",
        "/en/newcomers/journey/print/",
        "/en/newcomers/journey/calendar.ics",
        "/en/newcomers/profile/",
        "/en/newcomers/household/",
        "/en/newcomers/consents/",
        "/en/newcomers/my-data/",
        "/en/newcomers/my-data/download/",
        "/en/newcomers/start/",
    ],
)
def test_strangers_are_sent_to_sign_in(client, path):
    response = client.get(path)
    assert response.status_code == 302
    assert response["Location"].startswith("/en/accounts/login/")


def test_an_officer_without_a_profile_has_no_journey(client, national):
    officer = OfficerFactory()
    client.force_login(officer.user)
    assert client.get("/en/newcomers/journey/")["Location"] == "/en/newcomers/start/"
    assert client.post("/en/newcomers/journey/steps/work-permit/done/").status_code == 302


def test_journey_is_in_the_page_language(client, newcomer):
    html = client.get("/sv/newcomers/journey/").content.decode()
    assert "Ansök om svenskt id-kort" in html
    assert "Before you arrive" not in html  # the phase is named in Swedish too


def test_why_this_step_names_the_municipality(client, newcomer):
    from checklists.models import ChecklistItem, ChecklistTemplate
    from municipalities.models import Municipality
    from newcomers.journey import JOURNEY
    from newcomers.models import NewcomerProfile
    from newcomers.services import journey_sync

    local = ChecklistTemplate.objects.create(
        kind=JOURNEY.key,
        layer="municipal",
        owner=Municipality.objects.get(code="2380"),
        name_sv="Östersund",
    )
    ChecklistItem.objects.create(
        template=local,
        key="ski-club",
        title_sv="Skidklubb",
        title_en="Join the ski club",
        phase="settling_in",
        condition={"eq": ["municipality", "2380"]},
    )
    journey_sync(profile=NewcomerProfile.objects.get(user=newcomer))
    html = client.get("/en/newcomers/journey/").content.decode()
    assert "destination municipality: Östersund" in html


@pytest.mark.parametrize(
    ("path", "data"),
    [
        ("/en/newcomers/journey/steps/work-permit/done/", {"done": "1"}),
        ("/en/newcomers/journey/steps/work-permit/note/", {"note": "x"}),
        ("/en/newcomers/household/", {"email": "p@example.org"}),
        ("/en/newcomers/household/sharing/", {"share": "1"}),
        ("/en/newcomers/consents/", {"kind": "municipality_contact", "given": "1"}),
        ("/en/newcomers/my-data/delete/", {"confirm": "DELETE"}),
    ],
)
def test_strangers_change_nothing(client, newcomer, path, data):
    client.logout()
    before = list(rows(newcomer).values_list("key", "done_at", "note"))
    response = client.post(path, data)
    assert response.status_code == 302
    assert response["Location"].startswith("/en/accounts/login/")
    assert list(rows(newcomer).values_list("key", "done_at", "note")) == before
    assert newcomer.__class__.objects.filter(pk=newcomer.pk).exists()
    assert not newcomer.consents.exists()


def test_an_officer_cannot_use_newcomer_actions(client, newcomer, national):
    officer = OfficerFactory()
    client.force_login(officer.user)
    response = client.post("/en/newcomers/my-data/delete/", {"confirm": "DELETE"})
    assert response.status_code == 403  # an administrator closes an officer's account
    assert officer.user.__class__.objects.filter(pk=officer.user.pk).exists()
    assert "administrator closes it" in client.get("/en/newcomers/my-data/").content.decode()
    assert client.get("/en/newcomers/my-data/download/").json()["account"]


def test_a_stranger_is_sent_to_sign_in_from_an_invitation(client, newcomer):
    client.post("/en/newcomers/household/", {"email": "p@example.org"})
    token = newcomer.newcomer.household.invitations.get().token
    client.logout()
    response = client.post(f"/en/newcomers/household/join/{token}/", JOIN)
    assert response["Location"].startswith("/en/accounts/login/")


def test_only_the_person_changes_their_name_and_language(client, newcomer):
    data = {"save_name": "1", "display_name": "Intruder", "preferred_language": "ar"}
    client.logout()
    response = client.post("/en/newcomers/profile/", data)
    assert response["Location"].startswith("/en/accounts/login/")
    officer = OfficerFactory()
    client.force_login(officer.user)
    assert client.post("/en/newcomers/profile/", data)["Location"] == "/en/newcomers/start/"
    newcomer.refresh_from_db()
    officer.user.refresh_from_db()
    assert (newcomer.display_name, newcomer.preferred_language) == ("", "en")
    assert officer.user.display_name != "Intruder"

    client.force_login(newcomer)
    client.post("/en/newcomers/profile/", data)
    newcomer.refresh_from_db()
    assert (newcomer.display_name, newcomer.preferred_language) == ("Intruder", "ar")
