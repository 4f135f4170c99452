"""Jobs: members write postings with their languages; bad input (a salary range upside
down, a last day in the past, a language without its level, markup) is refused or comes
out inert; the public list filters and pages in a fixed number of queries, and an
expired posting leaves it by itself; each organisation's postings are its own."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone

from employers.models import Job, Occupation, Organization
from municipalities.models import Municipality

from .factories import UserFactory
from .test_employers import number, owner

pytestmark = pytest.mark.usefixtures("geography", "occupations")


def posting(organization, **changes) -> dict:
    return {
        "title": "Backend developer",
        "description": "Python and PostgreSQL. <script>alert(1)</script>",
        "occupation": Occupation.objects.get(code="2512").pk,
        "municipality": organization.municipality_id,
        "english_is_enough": "on",
        "work_mode": "hybrid",
        "relocation_support": "on",
        "partner_support": "on",
        "salary_min": "45000",
        "salary_max": "60000",
        "apply_url": "https://jobs.example.org/backend",
        "expires_on": (timezone.localdate() + timedelta(days=30)).isoformat(),
        "language_1": "en",
        "level_1": "fluent",
        "language_2": "",
        "level_2": "",
        **changes,
    }


def test_a_member_posts_a_job_and_the_public_finds_it(client):
    member, organization = owner()
    response = member.post(f"/en/employers/o/{organization.uuid}/jobs/new/", posting(organization))
    assert response.status_code == 302
    job = Job.objects.get()
    assert list(job.languages.values_list("code", "level")) == [("en", "fluent")]
    html = client.get(job.get_absolute_url()).content.decode()
    assert "English is enough" in html and "45,000\u201360,000 kr" in html
    assert "<script>alert(1)" not in html and "&lt;script&gt;" in html
    listed = client.get("/en/employers/jobs/", {"english": "on", "municipality": "2380"})
    assert [j.title for j in listed.context["page"].object_list] == ["Backend developer"]
    for filters in ({"municipality": "2309"}, {"work_mode": "remote"}, {"q": "nurse"}):
        assert not client.get("/en/employers/jobs/", filters).context["page"].object_list


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"salary_min": "70000"}, "The highest salary must be at least the lowest."),
        ({"expires_on": "2020-01-01"}, "The last day to apply cannot be in the past."),
        ({"language_2": "sv"}, "Choose the level this language is needed at."),
        ({"language_2": "en", "level_2": "basic"}, "Each language once."),
        ({"apply_url": "ftp://jobs.example.org"}, "Give an address that starts with https://."),
        ({"salary_min": "-1"}, "Ensure this value is greater than or equal to 0."),
    ],
)
def test_bad_postings_are_refused_with_what_was_typed(changes, message):
    member, organization = owner()
    response = member.post(
        f"/en/employers/o/{organization.uuid}/jobs/new/", posting(organization, **changes)
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert message in html and 'value="Backend developer"' in html
    assert not Job.objects.exists()


def test_an_expired_posting_leaves_the_list_by_itself(client):
    member, organization = owner()
    member.post(f"/en/employers/o/{organization.uuid}/jobs/new/", posting(organization))
    job = Job.objects.get()
    Job.objects.filter(pk=job.pk).update(expires_on=timezone.localdate() - timedelta(days=1))
    assert not client.get("/en/employers/jobs/").context["page"].object_list
    html = client.get(job.get_absolute_url()).content.decode()
    assert "This posting has closed." in html and "Apply at the employer" not in html
    mine = member.get(f"/en/employers/o/{organization.uuid}/jobs/").content.decode()
    assert "Backend developer" in mine and "closed" in mine


def test_each_organisation_keeps_its_postings_to_itself():
    member, organization = owner()
    member.post(f"/en/employers/o/{organization.uuid}/jobs/new/", posting(organization))
    job = Job.objects.get()
    other = Organization.objects.create(
        org_number=number("556600001"),
        name="Other AB",
        size_class="1-9",
        sector="C",
        municipality=Municipality.objects.get(code="2309"),
    )
    outsider = Client()
    outsider.force_login(UserFactory(email="outsider@example.org"))
    edit = f"/en/employers/o/{organization.uuid}/jobs/{job.uuid}/"
    assert outsider.get(edit).status_code == 404
    assert outsider.post(edit, posting(organization, title="Hijacked")).status_code == 404
    assert outsider.get(f"/en/employers/o/{organization.uuid}/jobs/").status_code == 404
    assert Client().get(edit).status_code == 302
    assert Client().get(f"/en/employers/o/{organization.uuid}/jobs/").status_code == 302
    assert Client().post(f"/en/employers/o/{organization.uuid}/jobs/new/").status_code == 302
    # A member reaching the posting through another organisation's address: 404.
    assert member.get(f"/en/employers/o/{other.uuid}/jobs/{job.uuid}/").status_code == 404
    job.refresh_from_db()
    assert job.title == "Backend developer"


def test_the_list_reads_a_fixed_number_of_queries(client, django_assert_max_num_queries):
    member, organization = owner()
    for index in range(25):
        member.post(
            f"/en/employers/o/{organization.uuid}/jobs/new/",
            posting(organization, title=f"Job {index}", language_2="sv", level_2="basic"),
        )
    assert Job.objects.count() == 25
    with django_assert_max_num_queries(8):
        response = client.get("/en/employers/jobs/", {"english": "on"})
    assert len(response.context["page"].object_list) == 20


def test_strangers_and_other_organisations_cannot_post_for_an_employer():
    _member, organization = owner()
    outsider = Client()
    outsider.force_login(UserFactory(email="outsider@example.org"))
    address = f"/en/employers/o/{organization.uuid}/jobs/new/"
    assert outsider.get(address).status_code == 404
    assert outsider.post(address, posting(organization)).status_code == 404
    assert Client().post(address, posting(organization)).status_code == 302
    assert not Job.objects.exists()
