"""``/healthz``: the state of the database, the cache and the broker as JSON."""

from __future__ import annotations

import logging
import uuid

from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.http import HttpRequest, JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_safe
from kombu import Connection

logger = logging.getLogger(__name__)

UP = {"ok", "eager"}


def check_database() -> str:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception as error:  # any failure means "down"; the log keeps the reason
        logger.warning("healthz: database down: %s", error)
        return "error"
    return "ok"


def check_cache() -> str:
    token = uuid.uuid4().hex
    # Through the cache server itself: a fallback to local memory is not "up".
    set_value = getattr(cache, "set_strict", cache.set)
    get_value = getattr(cache, "get_strict", cache.get)
    try:
        set_value("healthz", token, 10)
        return "ok" if get_value("healthz") == token else "error"
    except Exception as error:
        logger.warning("healthz: cache down: %s", error)
        return "error"


def check_broker() -> str:
    if settings.CELERY_TASK_ALWAYS_EAGER:
        return "eager"
    try:
        with Connection(
            settings.CELERY_BROKER_URL,
            connect_timeout=2,
            transport_options=settings.CELERY_BROKER_TRANSPORT_OPTIONS,
        ) as broker:
            broker.ensure_connection(max_retries=1, interval_start=0, timeout=2)
    except Exception as error:
        logger.warning("healthz: broker down: %s", error)
        return "error"
    return "ok"


@csrf_exempt  # read-only: another method is refused with 405, not a CSRF 403
@never_cache
@require_safe
def healthz(request: HttpRequest) -> JsonResponse:
    state = {"database": check_database(), "cache": check_cache(), "broker": check_broker()}
    healthy = all(value in UP for value in state.values())
    return JsonResponse(state, status=200 if healthy else 503)
