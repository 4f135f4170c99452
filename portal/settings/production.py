"""Settings for a deployment: Postgres, Redis, hashed static files, strict transport.

Everything here is loaded by the test suite too (``tests/test_deploy.py`` runs
``check --deploy`` and ``collectstatic`` against this module).
"""

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .base import DATABASES, env

DEBUG = False
DEMO_MODE = env.bool("DEMO_MODE", default=False)
SECRET_KEY = env("SECRET_KEY")
# The key in .env.example is published with the code, and a short key can be guessed:
# refuse both at start rather than sign sessions and password-reset links with them.
if SECRET_KEY.startswith("change-me") or len(SECRET_KEY) < 50 or len(set(SECRET_KEY)) < 10:
    raise ImproperlyConfigured(
        "SECRET_KEY is the published example or too weak. Generate one with: "
        "python -c 'import secrets; print(secrets.token_urlsafe(64))'"
    )
if DATABASES["default"]["ENGINE"] != "django.db.backends.postgresql":
    raise RuntimeError("Production settings need DATABASE_URL pointing at PostgreSQL.")
if not env("REDIS_URL", default=""):
    raise RuntimeError("Production settings need REDIS_URL (cache and Celery broker).")

CONTENT_VERSION_FOLLOWED = env.bool("CONTENT_VERSION_FOLLOWED", default=True)

# Mail written in the background (the digest, its unsubscribe link) links here.
SITE_URL = env("SITE_URL")

STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=True)
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
LANGUAGE_COOKIE_SECURE = True
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=60 * 60 * 24 * 365)
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
