"""What the portal's JSON APIs share: how they refuse a request that names a wrong
parameter (HTTP 400, the message in the reader's language and the parameter by name),
so that a client handles every API's refusals alike."""

from __future__ import annotations

from django.http import JsonResponse


def parameter_refused(name: str, message: str) -> JsonResponse:
    return JsonResponse({"error": message, "parameter": name}, status=400)
