"""An editor's pages for a municipality's own steps: the list with a persona preview, a
step added, a national step replaced or hidden, and given back.

Every query starts from the signed-in editor's area (``Officer.municipalities``), so a
municipality outside it is not found.
"""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from checklists.selectors import by_phase
from municipalities.access import editor_required
from municipalities.collation import swedish
from municipalities.models import Municipality
from newcomers.journey import JOURNEY

from .forms import REQUIRED_LANGUAGES, PersonaForm, StepForm, facts_help, initial_from
from .personas import persona_get, persona_preview
from .selectors import MunicipalSteps, is_hidden, municipal_steps
from .services import municipal_step_hide, municipal_step_remove, municipal_step_save


def _municipality(request: HttpRequest, code: str) -> Municipality:
    return get_object_or_404(request.officer.municipalities(), code=code)


def _list_url(municipality: Municipality) -> str:
    return reverse("welcome:steps:list", kwargs={"code": municipality.code})


@editor_required
def steps_index(request: HttpRequest) -> HttpResponse:
    """A municipal editor goes to their municipality; a region editor picks one."""
    officer = request.officer
    if officer.municipality_id:
        return redirect(_list_url(officer.municipality))
    municipalities = officer.municipalities().order_by(swedish("name"))
    return render(
        request,
        "welcome/steps/index.html",
        {"officer": officer, "municipalities": municipalities},
    )


@editor_required
def steps_list(request: HttpRequest, code: str) -> HttpResponse:
    municipality = _municipality(request, code)
    steps = municipal_steps(municipality=municipality)
    persona = persona_get(request.GET.get("persona"))
    today = timezone.localdate()
    return render(
        request,
        "welcome/steps/list.html",
        {
            "municipality": municipality,
            "template": steps.template,
            "national_phases": by_phase(
                steps.national_steps(), kind=JOURNEY, phase_of=lambda step: step.national.phase
            ),
            "own_phases": by_phase(steps.own_steps(), kind=JOURNEY, phase_of=lambda i: i.phase),
            "hidden_keys": {key for key, item in steps.municipal.items() if is_hidden(item)},
            "persona": persona,
            "persona_form": PersonaForm(initial={"persona": persona.key}),
            "arrival": persona.arrival(today),
            "preview": persona_preview(persona=persona, municipality=municipality, today=today),
            "region_editor": request.officer.municipality_id is None,
        },
    )


def _step_form_page(
    request: HttpRequest,
    *,
    municipality: Municipality,
    steps: MunicipalSteps,
    form: StepForm,
    page_title: str,
    key: str | None = None,
) -> HttpResponse:
    if request.method == "POST" and form.is_valid():
        item = municipal_step_save(
            municipality=municipality,
            key=form.key_value,
            content=form.content(),
            depends_on=form.cleaned_data["depends_on"],
        )
        messages.success(
            request,
            _("Saved “%(title)s”. The journeys of newcomers it concerns are updated shortly.")
            % {"title": item.title},
        )
        return redirect(f"{_list_url(municipality)}#preview")
    return render(
        request,
        "welcome/steps/form.html",
        {
            "municipality": municipality,
            "form": form,
            "page_title": page_title,
            "key": key,
            "national": steps.national.get(key) if key else None,
            "required_languages": REQUIRED_LANGUAGES,
            "facts": facts_help(),
        },
    )


@editor_required
def step_add(request: HttpRequest, code: str) -> HttpResponse:
    municipality = _municipality(request, code)
    steps = municipal_steps(municipality=municipality)
    form = StepForm(request.POST or None, steps=steps)
    return _step_form_page(
        request, municipality=municipality, steps=steps, form=form, page_title=_("Add a step")
    )


@editor_required
def step_edit(request: HttpRequest, code: str, key: str) -> HttpResponse:
    """Replace a national step (the form starts from it), or change the municipality's
    own step or replacement."""
    municipality = _municipality(request, code)
    steps = municipal_steps(municipality=municipality)
    own, national = steps.municipal.get(key), steps.national.get(key)
    if own is None and national is None:
        raise Http404
    replacing = national is not None and (own is None or is_hidden(own))
    source = national if replacing else own
    initial = initial_from(source, depends_on=[d.key for d in source.dependencies.all()])
    form = StepForm(request.POST or None, steps=steps, key=key, initial=initial)
    title = _("Replace a national step") if national is not None else _("Change a step")
    return _step_form_page(
        request, municipality=municipality, steps=steps, form=form, page_title=title, key=key
    )


@editor_required
@require_POST
def step_hide(request: HttpRequest, code: str, key: str) -> HttpResponse:
    municipality = _municipality(request, code)
    steps = municipal_steps(municipality=municipality)
    national = steps.national.get(key)
    if national is None:
        raise Http404
    municipal_step_hide(municipality=municipality, key=key)
    messages.success(
        request,
        _("“%(title)s” is hidden: newcomers to %(municipality)s no longer get this step.")
        % {"title": national.title, "municipality": municipality.name},
    )
    return redirect(_list_url(municipality))


@editor_required
@require_POST
def step_remove(request: HttpRequest, code: str, key: str) -> HttpResponse:
    """Show a hidden national step again, go back to a replaced one, or remove an own
    step (hidden instead while it is in someone's journey)."""
    municipality = _municipality(request, code)
    steps = municipal_steps(municipality=municipality)
    own = steps.municipal.get(key)
    if own is None:
        raise Http404
    national = steps.national.get(key)
    removed = municipal_step_remove(municipality=municipality, key=key)
    if national is not None and is_hidden(own):
        message = _("“%(title)s” is shown again.") % {"title": national.title}
    elif national is not None:
        message = _("The national step “%(title)s” applies again.") % {"title": national.title}
    elif removed:
        message = _("Removed “%(title)s”.") % {"title": own.title}
    else:
        message = _(
            "“%(title)s” is hidden rather than removed: it stays in the history of the "
            "newcomers who had it."
        ) % {"title": own.title}
    messages.success(request, message)
    return redirect(_list_url(municipality))
