"""Cases: an officer opens a newcomer who agreed to be contacted, ticks the case
checklist and chooses a contact person, each action in the newcomer's access log; the
to-do view; feedback on place pages; the authority registry; and every other role kept
out."""

from __future__ import annotations

import pytest
from django.test import Client

from checklists.models import ChecklistInstance
from municipalities.models import Municipality, OfficerAccess, PlaceFeedback, PlacePage
from newcomers.models import NewcomerProfile
from newcomers.services import consent_set
from welcome.cases.kind import CASE
from welcome.models import Case, LetterTemplate

from .factories import OfficerFactory, UserFactory, sign_in_with_mfa
from .journeys import onboard
from .test_welcome_letters import template, welcomed

pytestmark = pytest.mark.usefixtures("national", "geography", "case_checklist")

DESK = "/en/municipalities/desk/"


def consenting(email="case@example.org", *, code="2380", arrival_days=20, name="Ada Case"):
    user = UserFactory(email=email, display_name=name)
    onboard(Client(), user, municipality=code, arrival_days=arrival_days)
    consent_set(user=user, kind="municipality_contact", given=True)
    return NewcomerProfile.objects.get(user=user)


def officer_client(code="2380", role="officer", **kwargs):
    municipality = Municipality.objects.get(code=code) if code else None
    if municipality is None:  # a region officer of Jämtland
        officer = OfficerFactory(
            municipality=None, region=Municipality.objects.get(code="2380").region, role=role
        )
    else:
        officer = OfficerFactory(municipality=municipality, role=role, **kwargs)
    client = Client()
    sign_in_with_mfa(client, officer.user)
    return client, officer


def case_url(profile, rest=""):
    return f"{DESK}newcomers/{profile.pk}/{rest}"


def actions(profile) -> list[str]:
    return list(
        OfficerAccess.objects.filter(person=profile.user)
        .order_by("pk")
        .values_list("action", flat=True)
    )


def test_opening_a_case_assembles_its_checklist_from_the_household_and_logs_it():
    profile = consenting()
    client, _officer = officer_client()
    html = client.get(case_url(profile)).content.decode()
    assert "Case checklist" in html and "Partner referred to career support" in html
    case = Case.objects.get(profile=profile)
    instance = ChecklistInstance.objects.get(kind=CASE.key, case=case)
    assert sorted(instance.items.values_list("key", flat=True)) == [
        "first-meeting-held",
        "partner-career-referral",
        "welcome-event-invitation",
        "welcome-letter-sent",
    ]
    assert actions(profile) == ["viewed"]

    NewcomerProfile.objects.filter(pk=profile.pk).update(partner_moving=False)
    html = client.get(case_url(profile)).content.decode()
    assert "Partner referred to career support" not in html  # the household changed


def test_ticking_a_step_is_kept_and_logged_and_a_letter_ticks_its_own():
    profile = consenting()
    client, _officer = officer_client()
    client.get(case_url(profile))
    response = client.post(case_url(profile, "steps/first-meeting-held/"), {"done": "1"})
    assert response.status_code == 302
    case = Case.objects.get(profile=profile)
    rows = {row.key: row for row in case.checklists.get().items.all()}
    assert rows["first-meeting-held"].done_at is not None
    assert rows["welcome-letter-sent"].done_at is None
    client.post(case_url(profile, "steps/first-meeting-held/"), {"done": "1"})  # no change
    assert actions(profile) == ["viewed", "case_updated"]

    template(days=30)
    welcomed(profile.user)  # the letter goes out: the case's step is ticked by itself
    rows = {row.key: row for row in case.checklists.get().items.all()}
    assert rows["welcome-letter-sent"].done_at is not None
    assert client.post(case_url(profile, "steps/no-such-step/"), {"done": "1"}).status_code == 404


def test_a_letter_sent_before_the_case_was_opened_is_ticked_when_it_opens():
    profile = consenting()
    template(days=30)
    welcomed(profile.user)
    client, _officer = officer_client()
    client.get(case_url(profile))
    row = Case.objects.get(profile=profile).checklists.get().items.get(key="welcome-letter-sent")
    assert row.done_at is not None


def test_a_contact_person_is_chosen_among_the_areas_officers():
    profile = consenting()
    client, officer = officer_client()
    colleague = OfficerFactory(user__display_name="Colleague Birch")
    region_officer = OfficerFactory(
        municipality=None, region=officer.region, user__display_name="Region Rowan"
    )
    krokom = OfficerFactory(municipality=Municipality.objects.get(code="2309"))
    html = client.get(case_url(profile)).content.decode()
    assert "Colleague Birch" in html and "Region Rowan" in html
    assert f'value="{krokom.pk}"' not in html

    client.post(case_url(profile, "contact/"), {"contact_person": colleague.pk})
    assert Case.objects.get(profile=profile).contact_person == colleague
    contact = case_url(profile, "contact/")
    response = client.post(contact, {"contact_person": krokom.pk}, follow=True)
    assert "Choose an officer of this municipality or region." in response.content.decode()
    assert Case.objects.get(profile=profile).contact_person == colleague
    client.post(case_url(profile, "contact/"), {"contact_person": region_officer.pk})
    assert Case.objects.get(profile=profile).contact_person == region_officer
    assert actions(profile) == ["viewed", "assigned", "viewed", "assigned"]

    desk = client.get(DESK).content.decode()
    assert "Region Rowan" in desk and "Open the case" in desk


def test_every_case_address_keeps_other_roles_out():
    profile = consenting()
    client, _officer = officer_client()
    client.get(case_url(profile))  # opens the case
    addresses = [case_url(profile), case_url(profile, "contact/")]
    step = case_url(profile, "steps/first-meeting-held/")

    krokom, _ = officer_client(code="2309")
    assert krokom.get(addresses[0]).status_code == 404
    assert krokom.post(step, {"done": "1"}).status_code == 404
    assert krokom.post(addresses[1], {"contact_person": ""}).status_code == 404

    region, _ = officer_client(code=None)
    assert region.get(addresses[0]).status_code == 200  # a region officer sees the region

    newcomer = Client()
    newcomer.force_login(profile.user)
    assert newcomer.get(addresses[0]).status_code == 403
    assert newcomer.post(step, {"done": "1"}).status_code == 403
    stranger = Client()
    assert stranger.get(addresses[0]).status_code == 302
    assert stranger.post(step, {"done": "1"}).status_code == 302
    no_mfa = Client()
    no_mfa.force_login(OfficerFactory().user)
    response = no_mfa.get(addresses[0])
    assert response.status_code == 302 and "/accounts/" in response["Location"]

    consent_set(user=profile.user, kind="municipality_contact", given=False)
    assert client.get(addresses[0]).status_code == 404  # no longer consents: gone
    assert client.post(step, {"done": "1"}).status_code == 404
    assert "Ada Case" not in client.get(DESK).content.decode()
    assert "Ada Case" not in client.get(f"{DESK}todo/").content.decode()
    row = Case.objects.get(profile=profile).checklists.get().items.get(key="first-meeting-held")
    assert row.done_at is None


def test_the_desk_and_a_case_read_a_fixed_number_of_queries(django_assert_max_num_queries):
    client, _officer = officer_client()
    first = consenting("one@example.org")
    client.get(case_url(first))
    with django_assert_max_num_queries(12):
        assert client.get(DESK).status_code == 200
    for number in range(6):
        client.get(case_url(consenting(f"more{number}@example.org")))
    with django_assert_max_num_queries(12):  # the same, whatever the number of cases
        assert client.get(DESK).status_code == 200
    with django_assert_max_num_queries(30):
        assert client.get(case_url(first)).status_code == 200


def test_the_todo_view_lists_what_waits_in_the_area(django_assert_max_num_queries):
    client, officer = officer_client(role="editor")
    waiting = consenting("wait@example.org", arrival_days=40, name="Waiting Willow")
    late = consenting("late@example.org", arrival_days=-30, name="Late Larch")
    consenting("krokom@example.org", code="2309", name="Krokom Kauri")
    html = client.get(f"{DESK}todo/").content.decode()
    assert "Waiting Willow" in html and "Krokom Kauri" not in html
    assert "no letter is written in their language" in html

    template(days=14)
    html = client.get(f"{DESK}todo/").content.decode()
    assert "goes out on" in html

    client.get(case_url(late))  # arrived 30 days ago: the first meeting is overdue
    html = client.get(f"{DESK}todo/").content.decode()
    assert "Late Larch" in html and "no contact person yet" in html
    Case.objects.filter(profile=late).update(contact_person=officer)
    assert "you are the contact person" in client.get(f"{DESK}todo/").content.decode()

    PlacePage.objects.filter(municipality__code="2380").update(review_due_on=None)
    assert "Östersund" in client.get(f"{DESK}todo/").content.decode()
    for number in range(5):
        consenting(f"many{number}@example.org", arrival_days=35)
    with django_assert_max_num_queries(24):
        assert client.get(f"{DESK}todo/").status_code == 200
    assert waiting.user_id in OfficerAccess.objects.filter(action="listed").values_list(
        "person", flat=True
    )


def test_feedback_on_a_place_page_reaches_its_editors_inert(client):
    page = "/sv/places/jamtlands-lan/ostersund/"
    payload = "<script>alert(1)</script><img src=x onerror=alert(2)>"
    response = client.post(page, {"answer": "", "comment": payload})
    assert response.status_code == 400  # no yes or no: shown again with what was typed
    html = response.content.decode()
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html and "<script>alert(1)" not in html
    assert not PlaceFeedback.objects.exists()
    assert client.post(page, {"answer": "missing", "comment": payload}).status_code == 302
    answer = PlaceFeedback.objects.get()
    assert (answer.municipality.code, answer.helpful, answer.language) == ("2380", False, "sv")
    assert answer.could_not_find

    editor, _ = officer_client(role="editor")
    html = editor.get(f"{DESK}todo/").content.decode()
    assert "&lt;img src=x onerror=alert(2)&gt;" in html and "<img src=x" not in html

    officer, _ = officer_client(role="officer")
    read = f"{DESK}todo/feedback/{answer.pk}/read/"
    assert officer.post(read).status_code == 403  # only editors mark it read
    krokom, _ = officer_client(code="2309", role="editor")
    assert krokom.post(read).status_code == 404
    assert "onerror" not in krokom.get(f"{DESK}todo/").content.decode()
    assert editor.post(read).status_code == 302
    answer.refresh_from_db()
    assert answer.read_at is not None
    assert "onerror" not in editor.get(f"{DESK}todo/").content.decode()


def test_who_handles_what(django_assert_max_num_queries):
    client, _officer = officer_client()
    with django_assert_max_num_queries(14):
        html = client.get(f"{DESK}authorities/").content.decode()
    assert "Migrationsverket" in html and "Skatteverket" in html
    assert "/en/newcomers/steps/" in html
    newcomer = Client()
    newcomer.force_login(UserFactory())
    assert newcomer.get(f"{DESK}authorities/").status_code == 403
    assert Client().get(f"{DESK}authorities/").status_code == 302


def test_erasing_the_account_takes_the_case_and_its_checklist():
    profile = consenting()
    client, _officer = officer_client()
    client.get(case_url(profile))
    profile.user.delete()
    assert not Case.objects.exists()
    assert not ChecklistInstance.objects.filter(kind=CASE.key).exists()
    assert LetterTemplate.objects.count() == 0


def test_the_newcomer_downloads_their_case():
    profile = consenting()
    client, officer = officer_client()
    client.get(case_url(profile))
    client.post(case_url(profile, "steps/first-meeting-held/"), {"done": "1"})
    client.post(case_url(profile, "contact/"), {"contact_person": officer.pk})
    own = Client()
    own.force_login(profile.user)
    [case] = own.get("/en/newcomers/my-data/download/").json()["cases"]
    assert case["municipality"] == "2380"
    assert case["contact_person"] == officer.user.get_full_name()
    done = {step["step"]: step["done"] for step in case["steps"]}
    assert done["First meeting held"] is not None and done["Welcome letter sent"] is None


def test_a_newcomer_who_withdraws_consent_leaves_the_letter_history():
    template(days=30)
    profile = consenting()
    welcomed(profile.user)
    client, _officer = officer_client()
    assert "Ada Case" in client.get(f"{DESK}letters/").content.decode()
    consent_set(user=profile.user, kind="municipality_contact", given=False)
    assert "Ada Case" not in client.get(f"{DESK}letters/").content.decode()
