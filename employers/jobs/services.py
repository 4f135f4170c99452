"""Jobs: saving a posting with its languages, and the public list, where a posting
appears from publication to its last day to apply and then leaves by itself."""

from __future__ import annotations

from django.db import transaction
from django.db.models import Q, QuerySet
from django.utils import timezone

from ..models import Job, JobLanguage, Organization


@transaction.atomic
def job_save(*, organization: Organization, form) -> Job:
    job = form.save(commit=False)
    job.organization = organization
    job.save()
    job.languages.all().delete()
    JobLanguage.objects.bulk_create(
        JobLanguage(job=job, code=code, level=level) for code, level in form.languages
    )
    return job


def open_jobs() -> QuerySet[Job]:
    return Job.objects.filter(expires_on__gte=timezone.localdate())


def jobs_filtered(data: dict) -> QuerySet[Job]:
    jobs = open_jobs()
    if data.get("municipality"):
        jobs = jobs.filter(municipality=data["municipality"])
    if data.get("occupation"):
        jobs = jobs.filter(occupation=data["occupation"])
    if data.get("english"):
        jobs = jobs.filter(english_is_enough=True)
    if data.get("work_mode"):
        jobs = jobs.filter(work_mode=data["work_mode"])
    if data.get("relocation"):
        jobs = jobs.filter(relocation_support=True)
    if data.get("partner"):
        jobs = jobs.filter(partner_support=True)
    for word in (data.get("q") or "").split()[:8]:
        jobs = jobs.filter(
            Q(title__icontains=word)
            | Q(description__icontains=word)
            | Q(organization__name__icontains=word)
        )
    return jobs.select_related("organization", "municipality")  # what the list shows
