"""The bare view every page is measured beside (``bench/load.py``): Django with one URL
and one view, no database, no middleware, served by gunicorn with the same interpreter
and the same number of workers as Landa. What Django itself can serve on this machine."""

import django
from django.conf import settings

settings.configure(
    DEBUG=False,
    SECRET_KEY="bare-view-for-measuring-only",
    ALLOWED_HOSTS=["*"],
    ROOT_URLCONF=__name__,
    MIDDLEWARE=[],
    INSTALLED_APPS=[],
)
django.setup()

from django.core.wsgi import get_wsgi_application  # noqa: E402
from django.http import HttpRequest, HttpResponse  # noqa: E402
from django.urls import path  # noqa: E402


def bare(request: HttpRequest) -> HttpResponse:
    return HttpResponse("ok", content_type="text/plain")


urlpatterns = [path("", bare)]
application = get_wsgi_application()
