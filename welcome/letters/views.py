"""Officers' welcome letters: templates (editors), history with status, resending,
print runs from a CSV; and a newcomer's own letters, as PDF too."""

from __future__ import annotations

from datetime import timedelta

from django.conf import settings
from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from municipalities.access import editor_required, officer_required
from municipalities.models import Municipality
from newcomers.access import newcomer_required
from newcomers.selectors import contact_consenting, newcomers_for_officer
from outbox.rendering import site_address

from ..models import LetterTemplate, PrintRun, WelcomeLetter
from .compose import associations_for, events_for, letter_write, place_url
from .forms import LetterTemplateForm, ResidentsUploadForm
from .pdf import LetterPage, letters_pdf, pdf_available
from .placeholders import LetterValues
from .print_runs import print_run_create, print_run_pages
from .residents import ResidentsRefused, residents_read
from .services import letter_resend


def _pdf_response(pages: list[LetterPage], *, title: str, file_name: str) -> HttpResponse:
    if not pdf_available():
        return HttpResponse(_("PDF letters are not available on this server."), status=503)
    response = HttpResponse(letters_pdf(pages, title=title), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{file_name}"'
    return response


@officer_required
def letters_home(request: HttpRequest) -> HttpResponse:
    officer = request.officer
    area = officer.municipalities()
    municipalities = list(area.order_by("name"))
    templates = {
        (t.municipality_id, t.language): t
        for t in LetterTemplate.objects.filter(municipality__in=area)
    }
    history = Paginator(
        WelcomeLetter.objects.filter(
            municipality__in=area, profile__user_id__in=contact_consenting()
        )
        .select_related("profile__user", "municipality", "message")
        .order_by("-created_at", "-pk"),
        25,
    ).get_page(request.GET.get("page"))
    runs = PrintRun.objects.filter(municipality__in=area).select_related("municipality")[:10]
    rows = [
        (m, [(code, name, templates.get((m.pk, code))) for code, name in settings.LANGUAGES])
        for m in municipalities
    ]
    return render(
        request,
        "welcome/letters/home.html",
        {
            "officer": officer,
            "rows": rows,
            "history": history,
            "runs": runs,
            "upload_form": ResidentsUploadForm(municipalities=area),
        },
    )


@editor_required
def template_edit(request: HttpRequest, code: str, language: str) -> HttpResponse:
    # Only a municipality in the editor's area; any other is not found.
    municipality = get_object_or_404(
        request.officer.municipalities().select_related("region"), code=code
    )
    if language not in dict(settings.LANGUAGES):
        raise Http404
    template = LetterTemplate.objects.filter(municipality=municipality, language=language).first()
    form = LetterTemplateForm(request.POST or None, instance=template)
    preview = None
    if request.method == "POST" and form.is_valid():
        draft = form.save(commit=False)
        draft.municipality = municipality
        draft.language = language
        if "preview" in request.POST:
            preview = letter_write(draft, _sample_values(municipality, request))
        else:
            if template is not None and form.has_changed():
                draft.version = template.version + 1
            draft.updated_at = timezone.now()
            draft.updated_by = request.officer
            draft.save()
            messages.success(request, _("The letter is saved."))
            return redirect("welcome:letters:home")
    return render(
        request,
        "welcome/letters/template_form.html",
        {
            "form": form,
            "municipality": municipality,
            "language": language,
            "language_name": dict(settings.LANGUAGES)[language],
            "template": template,
            "preview": preview,
        },
    )


def _sample_values(municipality: Municipality, request: HttpRequest) -> LetterValues:
    return LetterValues(
        first_name=_("Alex"),
        municipality=municipality.name,
        arrival_date=timezone.localdate() + timedelta(days=14),
        place_url=place_url(municipality, request.LANGUAGE_CODE, site_address(request)),
        associations=associations_for(municipality, request.LANGUAGE_CODE, site_address(request)),
        events=events_for(municipality, request.LANGUAGE_CODE, site_address(request)),
    )


@require_POST
@officer_required
def letter_resend_view(request: HttpRequest, pk: int) -> HttpResponse:
    letter = get_object_or_404(
        WelcomeLetter.objects.select_related("profile__user", "profile__municipality"), pk=pk
    )
    # Only a newcomer still in the area and still consenting: the desk's own rule.
    if not newcomers_for_officer(officer=request.officer).filter(pk=letter.profile_id).exists():
        raise Http404
    if letter_resend(profile=letter.profile, officer=request.officer):
        messages.success(request, _("The letter is sent again."))
    else:
        messages.error(request, _("There is no letter to send for this municipality."))
    return redirect("welcome:letters:home")


@require_POST
@officer_required
def print_run_upload(request: HttpRequest) -> HttpResponse:
    area = request.officer.municipalities()
    form = ResidentsUploadForm(request.POST, request.FILES, municipalities=area)
    problems: list[str] = []
    if form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            residents = residents_read(upload.read())
            run = print_run_create(
                municipality=form.cleaned_data["municipality"],
                officer=request.officer,
                file_name=upload.name,
                residents=residents,
            )
        except ResidentsRefused as refused:
            problems = refused.problems
        else:
            messages.success(
                request,
                ngettext(
                    "%(count)s letter is ready to print.",
                    "%(count)s letters are ready to print.",
                    len(residents),
                )
                % {"count": len(residents)},
            )
            return redirect("welcome:letters:print_run", pk=run.pk)
    return render(
        request,
        "welcome/letters/upload_refused.html",
        {"form": form, "problems": problems},
        status=400,
    )


def _area_run(request: HttpRequest, pk: int) -> PrintRun:
    run = get_object_or_404(PrintRun.objects.select_related("municipality__region"), pk=pk)
    if not request.officer.covers(run.municipality):
        raise Http404
    return run


@officer_required
def print_run_detail(request: HttpRequest, pk: int) -> HttpResponse:
    run = _area_run(request, pk)
    letters = Paginator(run.letters.all(), 50).get_page(request.GET.get("page"))
    return render(
        request,
        "welcome/letters/print_run.html",
        {"run": run, "letters": letters, "pdf_available": pdf_available()},
    )


@officer_required
def print_run_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    run = _area_run(request, pk)
    pages = print_run_pages(run, site_url=site_address(request))
    return _pdf_response(
        pages, title=run.file_name, file_name=f"landa-welcome-letters-{run.pk}.pdf"
    )


@newcomer_required
def my_letters(request: HttpRequest) -> HttpResponse:
    letters = WelcomeLetter.objects.filter(profile__user=request.user).select_related(
        "municipality"
    )
    return render(request, "welcome/letters/mine.html", {"letters": letters})


@newcomer_required
def my_letter_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    letter = get_object_or_404(
        WelcomeLetter.objects.select_related("municipality"), pk=pk, profile__user=request.user
    )
    page = LetterPage(
        language=letter.language,
        body_html=letter.body_html,
        municipality=letter.municipality.name,
    )
    return _pdf_response(
        [page], title=letter.subject, file_name=f"landa-welcome-letter-{letter.pk}.pdf"
    )
