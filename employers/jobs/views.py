"""Jobs: the public list (filters, pages; only postings still open) and a posting's
page; an organisation's own postings, which its members write (another organisation's
postings: 404)."""

from __future__ import annotations

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from ..models import Job
from ..views import member_required
from .forms import JobFilterForm, JobForm
from .services import job_save, jobs_filtered

PER_PAGE = 20


def job_list(request: HttpRequest) -> HttpResponse:
    form = JobFilterForm(request.GET)
    form.is_valid()  # a bad filter is shown with its error and left out
    jobs = jobs_filtered(form.cleaned_data)
    page = Paginator(jobs, PER_PAGE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    context = {"form": form, "page": page, "query": query.urlencode()}
    return render(request, "employers/jobs/list.html", context)


def job_detail(request: HttpRequest, uuid) -> HttpResponse:
    job = get_object_or_404(
        Job.objects.select_related("organization", "municipality", "occupation").prefetch_related(
            "languages"
        ),
        uuid=uuid,
    )
    closed = job.expires_on < timezone.localdate()
    return render(request, "employers/jobs/detail.html", {"job": job, "closed": closed})


@member_required
def organization_jobs(request: HttpRequest) -> HttpResponse:
    organization = request.membership.organization
    jobs = organization.jobs.select_related("municipality", "occupation")
    page = Paginator(jobs, PER_PAGE).get_page(request.GET.get("page"))
    today = timezone.localdate()
    context = {"organization": organization, "page": page, "today": today}
    return render(request, "employers/jobs/mine.html", context)


def _edit(request: HttpRequest, job: Job | None) -> HttpResponse:
    organization = request.membership.organization
    posted = request.method == "POST"
    form = JobForm(request.POST if posted else None, instance=job)
    if posted and form.is_valid():
        saved = job_save(organization=organization, form=form)
        messages.success(request, _("The posting is saved."))
        return redirect("employers:job_edit", uuid=organization.uuid, job=saved.uuid)
    context = {"organization": organization, "form": form, "job": job}
    status = 400 if form.errors else 200
    return render(request, "employers/jobs/form.html", context, status=status)


@member_required
def job_new(request: HttpRequest) -> HttpResponse:
    return _edit(request, None)


@member_required
def job_edit(request: HttpRequest, job) -> HttpResponse:
    found = request.membership.organization.jobs.filter(uuid=job).first()
    if found is None:
        raise Http404
    return _edit(request, found)
