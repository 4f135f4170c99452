"""An organisation's readiness checks: members answer as they go without undoing each
other's work, finish to keep the scores, see their progress over time (SVG with a text
alternative), and a comparison with organisations of their size in their county only
when five have a result; the public check's answers are kept when the organisation
registers; each organisation's checks are its own."""

from __future__ import annotations

import pytest
from django.test import Client

from checklists.models import InstanceItem
from employers.models import Assessment, Membership, Organization
from employers.readiness.services import (
    answers_save,
    assessment_complete,
    assessment_start,
    peers_of,
)
from municipalities.models import Municipality

from .factories import UserFactory
from .test_employers import invite, number, owner

pytestmark = pytest.mark.usefixtures("geography", "readiness")


def colleague_of(client, organization) -> Client:
    from employers.models import MemberInvitation

    invite(client, organization, email="colleague@example.org")
    colleague = Client()
    colleague.force_login(UserFactory(email="colleague@example.org"))
    colleague.post(f"/en/employers/invitations/{MemberInvitation.objects.get().token}/")
    return colleague


def start(client, organization) -> Assessment:
    response = client.post(f"/en/employers/o/{organization.uuid}/readiness/new/")
    assert response.status_code == 302
    return Assessment.objects.latest("started_at")


def test_colleagues_answer_as_they_go_without_undoing_each_others_work():
    client, organization = owner()
    colleague = colleague_of(client, organization)
    check = start(client, organization)
    page = f"/en/employers/o/{organization.uuid}/readiness/{check.uuid}/"
    keys = list(client.get(page).context["form"].fields)
    assert len(keys) == 25
    # Both open the page with nothing answered; each answers a different question.
    assert client.post(page, {keys[0]: "in_place", "action": "save"}).status_code == 302
    assert colleague.post(page, {keys[1]: "started", "action": "save"}).status_code == 302
    answers = dict(check.answers.values_list("key", "value"))
    assert answers == {keys[0]: "in_place", keys[1]: "started"}
    done = InstanceItem.objects.filter(instance__subject_id=check.pk, done_at__isnull=False)
    assert set(done.values_list("key", flat=True)) == {keys[0], keys[1]}
    html = client.get(page).content.decode()
    assert "2 of 25 questions answered" in html

    response = colleague.post(
        page, {keys[0]: "in_place", keys[1]: "started", "action": "finish"}, follow=True
    )
    html = response.content.decode()
    assert "Your action plan" in html and "Overall readiness" in html
    check.refresh_from_db()
    assert check.completed_at and check.scores["overall"] == response.context["result"].overall


def test_progress_over_time_is_drawn_with_a_text_alternative():
    client, organization = owner()
    user = organization.memberships.get().user
    for value in ("started", "in_place"):
        check = assessment_start(organization=organization, user=user)
        keys = [row.key for row in InstanceItem.objects.filter(instance__subject_id=check.pk)]
        answers_save(assessment=check, user=user, changes=dict.fromkeys(keys, value))
        assessment_complete(assessment=check)
    html = client.get(f"/en/employers/o/{organization.uuid}/readiness/").content.decode()
    assert '<svg class="progress-chart"' in html and 'role="img"' in html
    assert "of 100" in html and "<td>33</td>" in html and "<td>100</td>" in html


def test_a_comparison_appears_only_with_five_peers():
    _client, organization = owner()
    ostersund = organization.municipality
    krokom = Municipality.objects.get(code="2309")  # the same county
    stockholm = Municipality.objects.get(code="0180")  # another county
    comparable = [(ostersund, "10-49"), (krokom, "10-49"), (krokom, "10-49"), (ostersund, "10-49")]
    others = [(stockholm, "10-49"), (ostersund, "1-9")]  # another county, another size
    for index, (place, size) in enumerate([*comparable, *others]):
        other = Organization.objects.create(
            org_number=number(f"5566{index:05d}"),
            name=f"Peer {index}",
            size_class=size,
            sector="C",
            municipality=place,
        )
        user = UserFactory()
        Membership.objects.create(organization=other, user=user, role="owner")
        check = assessment_start(organization=other, user=user)
        keys = [row.key for row in InstanceItem.objects.filter(instance__subject_id=check.pk)]
        answers_save(assessment=check, user=user, changes=dict.fromkeys(keys, "mostly"))
        assessment_complete(assessment=check)
    assert peers_of(organization).median_overall is None  # four comparable: too few
    fifth = Organization.objects.create(
        org_number=number("556699999"),
        name="Peer 5",
        size_class="10-49",
        sector="F",
        municipality=krokom,
    )
    user = UserFactory()
    check = assessment_start(organization=fifth, user=user)
    assessment_complete(assessment=check)  # nothing answered: 0
    peers = peers_of(organization)
    assert (peers.count, peers.median_overall) == (5, 67)


def test_the_public_checks_answers_are_kept_when_the_organisation_registers(client):
    keys = list(client.get("/en/employers/readiness/").context["form"].fields)
    client.post("/en/employers/readiness/", dict.fromkeys(keys, "in_place"))
    client.force_login(UserFactory(email="owner@example.org"))
    response = client.post(
        "/en/employers/mine/",
        {
            "org_number": number(),
            "name": "Fjällverkstaden AB",
            "size_class": "10-49",
            "sector": "C",
            "municipality": Municipality.objects.get(code="2380").pk,
        },
        follow=True,
    )
    assert "kept as the organisation" in response.content.decode()
    check = Assessment.objects.get()
    assert check.completed_at and check.scores["overall"] == 100
    assert check.answers.count() == 25 and "readiness_answers" not in client.session


def test_each_organisation_keeps_its_checks_to_itself(django_assert_max_num_queries):
    client, organization = owner()
    check = start(client, organization)
    outsider = Client()
    outsider.force_login(UserFactory(email="outsider@example.org"))
    base = f"/en/employers/o/{organization.uuid}/readiness/"
    pdf = client.get(f"/ar{base[3:]}{check.uuid}/plan.pdf")
    assert pdf["Content-Type"] == "application/pdf" and pdf.content.startswith(b"%PDF")
    for address in (
        base,
        f"{base}{check.uuid}/",
        f"{base}{check.uuid}/result/",
        f"{base}{check.uuid}/plan.pdf",
    ):
        assert outsider.get(address).status_code == 404, address
        assert Client().get(address).status_code == 302, address
    assert outsider.post(f"{base}new/").status_code == 404
    assert outsider.post(f"{base}{check.uuid}/", {"action": "save"}).status_code == 404
    assert Client().post(f"{base}new/").status_code == 302  # a stranger signs in first
    assert Client().post(f"{base}{check.uuid}/", {"action": "save"}).status_code == 302
    assert Assessment.objects.count() == 1
    # Another organisation's check, through one's own organisation's address: 404 too.
    other = Organization.objects.create(
        org_number=number("556600001"),
        name="Other AB",
        size_class="1-9",
        sector="C",
        municipality=organization.municipality,
    )
    assert client.get(f"/en/employers/o/{other.uuid}/readiness/").status_code == 404
    theirs = Assessment.objects.create(organization=other)
    for address in ("", "result/", "plan.pdf"):  # through one's own organisation's address
        assert client.get(f"{base}{theirs.uuid}/{address}").status_code == 404, address
    with django_assert_max_num_queries(14):
        assert client.get(f"{base}{check.uuid}/").status_code == 200
    with django_assert_max_num_queries(14):
        assert client.get(f"{base}{check.uuid}/result/").status_code == 200


@pytest.mark.usefixtures("guides")
def test_the_plan_links_guides_and_local_support_near_the_organisation(
    client, django_assert_max_num_queries
):
    from .test_directory import activity

    activity("Partners' coffee", category="partner_networks", code="2380")
    activity("Far away partners", category="partner_networks", code="1480")
    employer, organization = owner()  # in Östersund (2380)
    check = start(employer, organization)
    answers_save(
        assessment=check,
        user=organization.memberships.get().user,
        changes={"partner-supported": "not_yet", "social-life-introduced": "not_yet"},
    )
    assessment_complete(assessment=check)
    result = f"/en/employers/o/{organization.uuid}/readiness/{check.uuid}/result/"
    with django_assert_max_num_queries(16):
        html = employer.get(result).content.decode()
    assert 'href="/en/newcomers/guides/partner-careers/"' in html
    assert "Partners&#x27; coffee" in html and "Far away partners" not in html
    assert 'href="/en/directory/?municipality=2380&amp;category=partner_networks"' in html
    assert 'href="/en/events/?municipality=2380"' in html

    public = client.post(
        "/en/employers/readiness/", {"partner-supported": "not_yet"}
    ).content.decode()
    assert 'href="/en/newcomers/guides/partner-careers/"' in public
    assert "Partners&#x27; coffee" not in public  # no place known: the whole directory
    assert 'href="/en/directory/?category=partner_networks"' in public


def test_changing_a_finished_checks_answers_keeps_its_scores_true():
    employer, organization = owner()
    check = start(employer, organization)
    user = organization.memberships.get().user
    answers_save(assessment=check, user=user, changes={"skills-gap-mapped": "in_place"})
    first = assessment_complete(assessment=check).overall
    answers_save(assessment=check, user=user, changes={"skills-gap-mapped": "not_yet"})
    check.refresh_from_db()
    result = f"/en/employers/o/{organization.uuid}/readiness/{check.uuid}/result/"
    shown = employer.get(result).context["result"].overall
    assert check.scores["overall"] == shown != first
