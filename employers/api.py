"""The readiness check as an API, for anyone (no account):

- ``GET /api/readiness/questions`` (``?language=sv``, else the request's language): the
  areas in order, each with its questions (stable keys, the statement, the advice) and
  the answer options on the one scale, with their points.
- ``POST /api/readiness/score`` with ``{"answers": {key: value}}``: ``{"areas": {area:
  score}, "overall": score, "actions": [question keys]}`` (``readiness.scoring``).

A body that is not that shape, an unknown question key or an unknown value is answered
with HTTP 400 naming it, in the reader's language; nothing is stored.
"""

from __future__ import annotations

import json

from django.conf import settings
from django.http import HttpRequest, JsonResponse
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_POST

from accounts.api import parameter_refused

from .choices import READINESS_POINTS, Readiness
from .readiness.content import questions_by_area
from .readiness.scoring import score

LANGUAGES = {code for code, _name in settings.LANGUAGES}
MAX_BODY = 20_000


@require_GET
def questions(request: HttpRequest) -> JsonResponse:
    language = request.GET.get("language") or translation.get_language()
    if language not in LANGUAGES:
        message = _("language must be one of: %(codes)s.") % {"codes": ", ".join(sorted(LANGUAGES))}
        return parameter_refused("language", message)
    with translation.override(language):
        areas = [
            {
                "key": area.key,
                "name": area.label,
                "questions": [
                    {"key": item.key, "statement": item.title, "advice": item.body}
                    for item in area.questions
                ],
            }
            for area in questions_by_area()
        ]
        options = [
            {"value": value, "label": str(label), "points": READINESS_POINTS.get(value)}
            for value, label in Readiness.choices
        ]
    return JsonResponse({"language": language, "areas": areas, "options": options})


@csrf_exempt  # no session is read or written: anyone may ask for a score
@require_POST
def score_answers(request: HttpRequest) -> JsonResponse:
    if len(request.body) > MAX_BODY:
        return parameter_refused("body", _("The request is too large."))
    try:
        body = json.loads(request.body or b"null")
    except (ValueError, UnicodeDecodeError):
        return parameter_refused("body", _('The body must be JSON: {"answers": {key: value}}.'))
    answers = body.get("answers") if isinstance(body, dict) else None
    if not isinstance(answers, dict):
        return parameter_refused("answers", _('The body must be JSON: {"answers": {key: value}}.'))
    ordered = [(item.key, area.key) for area in questions_by_area() for item in area.questions]
    known = dict(ordered)
    for key, value in answers.items():
        if key not in known:
            return parameter_refused(
                f"answers.{key[:60]}", _("There is no question %(key)s.") % {"key": key[:60]}
            )
        if value not in Readiness.values:
            return parameter_refused(
                f"answers.{key}",
                _("%(value)s is not an answer; use one of: %(values)s.")
                % {"value": str(value)[:40], "values": ", ".join(Readiness.values)},
            )
    return JsonResponse(score(answers, ordered).as_json())
