"""Settings shared by every environment, read from the process environment.

With no ``DATABASE_URL`` and no ``REDIS_URL`` Landa runs embedded: SQLite under
``var/``, Celery tasks run in-process and email is written to files in ``var/mail/``.
Setting the variables switches each part to the real service independently.
"""

from __future__ import annotations

from pathlib import Path

import environ
from celery.schedules import crontab
from django.utils.translation import gettext_lazy as _
from kombu import Queue

BASE_DIR = Path(__file__).resolve().parent.parent.parent
VAR_DIR = BASE_DIR / "var"

env = environ.Env()
environ.Env.read_env(BASE_DIR / ".env", overwrite=False)

DEBUG = env.bool("DEBUG", default=False)
SECRET_KEY = env("SECRET_KEY", default="")
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["localhost", "127.0.0.1", "[::1]"])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])
DEMO_MODE = env.bool("DEMO_MODE", default=False)
SITE_URL = env("SITE_URL", default="http://127.0.0.1:8000")
CONTACT_EMAIL = env("CONTACT_EMAIL", default="kontakt@landa.example")

INSTALLED_APPS = [
    "modeltranslation",  # must precede django.contrib.admin
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "csp",
    "django_celery_beat",
    # Ours, bottom layer first (docs/decisions/0005-layers-and-engine.md).
    "outbox",
    "accounts",
    "checklists",
    "municipalities",
    "associations",
    "events",
    "newcomers",
    "welcome",
    "employers",
    "surveys",
    "insights",
    "portal",
]

MIDDLEWARE = [
    "portal.pagecache.PageCacheMiddleware",  # first: a kept page needs nothing below
    "django.middleware.security.SecurityMiddleware",
    "portal.headers.PrivacyHeadersMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "csp.middleware.CSPMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "portal.pagecache.KeptPagesMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "accounts.access.StaffMFAMiddleware",
]

ROOT_URLCONF = "portal.urls"
WSGI_APPLICATION = "portal.wsgi.application"
AUTH_USER_MODEL = "accounts.User"

FORM_RENDERER = "portal.forms.LandaFormRenderer"
TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "portal.context_processors.site",
                "caching.csrf.csrf_placeholder",
            ],
        },
    },
]

# --- Data stores -------------------------------------------------------------
if "DATABASE_URL" not in env:
    VAR_DIR.mkdir(exist_ok=True)  # the embedded database lives here
DATABASES = {
    "default": env.db("DATABASE_URL", default=f"sqlite:///{VAR_DIR / 'landa.sqlite3'}"),
}
DATABASES["default"]["ATOMIC_REQUESTS"] = False
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=60)
    DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

REDIS_URL = env("REDIS_URL", default="")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "portal.cache.FallbackRedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": env("CACHE_KEY_PREFIX", default="landa"),
            "OPTIONS": {"socket_connect_timeout": 2, "socket_timeout": 2},
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
# Each process follows the content version that Redis pushes (caching.follower) instead
# of reading it for every kept page. Off unless a deployment turns it on: the tests roll
# content back and flush the cache between tests, and read the version each time.
CONTENT_VERSION_FOLLOWED = env.bool("CONTENT_VERSION_FOLLOWED", default=False)

# Calendars imported from an address are fetched only from the public internet, so that
# an association's address cannot reach this server's own network; tests serve theirs
# from 127.0.0.1 and say so.
CALENDAR_FETCH_ALLOW_PRIVATE = env.bool("CALENDAR_FETCH_ALLOW_PRIVATE", default=False)

# --- Celery --------------------------------------------------------------------
CELERY_BROKER_URL = env("CELERY_BROKER_URL", default=REDIS_URL or "memory://")
CELERY_TASK_ALWAYS_EAGER = not REDIS_URL
CELERY_TASK_EAGER_PROPAGATES = False
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
# A worker child that has grown past this (kilobytes) is replaced after its task, so a
# large digest run cannot keep a worker's memory high.
CELERY_WORKER_MAX_MEMORY_PER_CHILD = env.int("CELERY_WORKER_MAX_MEMORY_PER_CHILD", default=262144)
CELERY_TASK_IGNORE_RESULT = True
# Celery's Django fixup closes the database connection after every task unless this is
# set; a new connection per message held a worker near 70 messages a second. Tasks keep
# it instead as requests do (CONN_MAX_AGE, health check; portal/celery.py), and the
# fixup only closes it every this many tasks.
CELERY_DB_REUSE_MAX = env.int("CELERY_DB_REUSE_MAX", default=1000)
CELERY_BROKER_CONNECTION_TIMEOUT = 2
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
# A stalled Redis (accepting connections, answering nothing) must not hold a request:
# every socket read and write gives up after two seconds.
CELERY_BROKER_TRANSPORT_OPTIONS = {
    "visibility_timeout": 3600,
    "socket_timeout": 2,
    "socket_connect_timeout": 2,
}
# After Redis fails (cache or broker), each process skips it for this many seconds: a
# stalled Redis then costs one two-second timeout, not one per call (portal/breaker.py).
REDIS_BREAKER_SECONDS = env.int("REDIS_BREAKER_SECONDS", default=15)
CELERY_BEAT_SCHEDULER = "django_celery_beat.schedulers:DatabaseScheduler"
# Maintenance (requeue, digests) has its own queue so that a backlog of sends never
# delays the job that recovers them. Workers consume both queues by default.
CELERY_TASK_DEFAULT_QUEUE = "celery"
CELERY_TASK_QUEUES = (Queue("celery"), Queue("maintenance"))
CELERY_TASK_ROUTES = {
    "outbox.tasks.outbox_requeue_stale": {"queue": "maintenance"},
    "outbox.tasks.outbox_retention": {"queue": "maintenance"},
    "newcomers.tasks.reminders_send_daily": {"queue": "maintenance"},
    "newcomers.tasks.reminders_send_range": {"queue": "maintenance"},
    "checklists.tasks.checklists_refresh_after_change": {"queue": "maintenance"},
    "checklists.tasks.checklists_refresh_nightly": {"queue": "maintenance"},
    "accounts.tasks.sessions_clear_expired": {"queue": "maintenance"},
    "welcome.tasks.welcome_letters_send": {"queue": "maintenance"},
    "welcome.tasks.welcome_print_runs_expire": {"queue": "maintenance"},
    "associations.tasks.directory_verification_reminders": {"queue": "maintenance"},
    "events.tasks.event_reminders_send": {"queue": "maintenance"},
    "events.tasks.event_calendars_sync": {"queue": "maintenance"},
}
CELERY_TIMEZONE = "Europe/Stockholm"

# --- Email -----------------------------------------------------------------------
if "EMAIL_URL" in env:
    globals().update(env.email_url("EMAIL_URL"))
else:
    EMAIL_BACKEND = "django.core.mail.backends.filebased.EmailBackend"
    EMAIL_FILE_PATH = env("EMAIL_FILE_PATH", default=str(VAR_DIR / "mail"))
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", default="Landa <noreply@landa.example>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
EMAIL_TIMEOUT = 10
OUTBOX_MAX_ATTEMPTS = env.int("OUTBOX_MAX_ATTEMPTS", default=5)
OUTBOX_STALE_AFTER_SECONDS = env.int("OUTBOX_STALE_AFTER_SECONDS", default=300)
OUTBOX_REQUEUE_BATCH = env.int("OUTBOX_REQUEUE_BATCH", default=1000)

# --- Accounts ---------------------------------------------------------------------
AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "home"
LANDA_LANDING = "portal.roles.landing"  # where each role lands after signing in
ACCOUNT_ADAPTER = "accounts.adapters.AccountAdapter"
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_SIGNUP_FORM_CLASS = "accounts.forms.SignupForm"  # an optional name
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_EMAIL_VERIFICATION_BY_CODE_ENABLED = False
ACCOUNT_LOGIN_BY_CODE_ENABLED = True
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = True  # in the browser that signed up
ACCOUNT_CONFIRM_EMAIL_ON_GET = False
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = False
ACCOUNT_PREVENT_ENUMERATION = True
ACCOUNT_RATE_LIMITS = {
    "login": "30/m/ip",
    "login_failed": "10/m/ip,5/5m/key",
    "signup": "20/m/ip",
    "confirm_email": "1/3m/key",
    "reset_password": "20/m/ip,5/m/key",
    "reset_password_from_key": "20/m/ip",
    "change_password": "5/m/user",
    "manage_email": "10/m/user",
    "guide_feedback": "30/h/ip",  # anonymous "was this helpful?" answers
    "place_feedback": "30/h/ip",  # the same on place pages
}
ACCOUNT_EMAIL_SUBJECT_PREFIX = "Landa: "
# Rate limits key on the client's address. Behind reverse proxies, REMOTE_ADDR is the
# proxy's, so one client's failures would lock everyone out: say how many proxies
# append to X-Forwarded-For (0: none, the default).
ALLAUTH_TRUSTED_PROXY_COUNT = env.int("TRUSTED_PROXY_COUNT", default=0)
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = "Landa"
MFA_FORMS = {"activate_totp": "accounts.forms.StableTOTPForm"}

SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = True

# --- Languages --------------------------------------------------------------------
LANGUAGE_CODE = "sv"
LANGUAGES = [
    ("sv", _("Swedish")),
    ("en", _("English")),
    ("ar", _("Arabic")),
    ("uk", _("Ukrainian")),
]
LOCALE_PATHS = [BASE_DIR / "locale"]
USE_I18N = True
USE_TZ = True
TIME_ZONE = "Europe/Stockholm"
MODELTRANSLATION_DEFAULT_LANGUAGE = "sv"
MODELTRANSLATION_FALLBACK_LANGUAGES = {"default": ("en", "sv")}
JQUERY_UI_URL = "vendor/jquery-ui/jquery-ui.min.js"  # modeltranslation tabs, no CDN

# --- Static files -------------------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = env("STATIC_ROOT", default=str(VAR_DIR / "static"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

# --- Security headers that hold everywhere -----------------------------------------------
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
        "base-uri": ["'self'"],
        "object-src": ["'none'"],
    }
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", default="WARNING")},
    "loggers": {
        app: {"level": env("LOG_LEVEL", default="INFO")}
        for app in ("outbox", "accounts", "checklists", "newcomers", "portal")
    },
}

OUTBOX_RETRY_BACKOFF_SECONDS = env.int("OUTBOX_RETRY_BACKOFF_SECONDS", default=30)
OUTBOX_SWEEP_SECONDS = env.int("OUTBOX_SWEEP_SECONDS", default=15)
OUTBOX_BODY_RETENTION_DAYS = env.int("OUTBOX_BODY_RETENTION_DAYS", default=30)
OUTBOX_ROW_RETENTION_DAYS = env.int("OUTBOX_ROW_RETENTION_DAYS", default=365)
CELERY_BEAT_SCHEDULE = {
    # The sweep is the clock of retries (``next_attempt_at``): often, and cheap when idle.
    "outbox-requeue-stale": {
        "task": "outbox.tasks.outbox_requeue_stale",
        "schedule": float(OUTBOX_SWEEP_SECONDS),
    },
    "outbox-retention": {
        "task": "outbox.tasks.outbox_retention",
        "schedule": crontab(hour=3, minute=45),
    },
    "reminders-daily": {
        "task": "newcomers.tasks.reminders_send_daily",
        "schedule": crontab(hour=7, minute=0),
    },
    "checklists-refresh-nightly": {
        "task": "checklists.tasks.checklists_refresh_nightly",
        "schedule": crontab(hour=2, minute=30),
    },
    "sessions-clear-expired": {
        "task": "accounts.tasks.sessions_clear_expired",
        "schedule": crontab(hour=3, minute=30),
    },
    "welcome-letters": {
        "task": "welcome.tasks.welcome_letters_send",
        "schedule": crontab(minute=20),
    },
    "welcome-print-runs-expire": {
        "task": "welcome.tasks.welcome_print_runs_expire",
        "schedule": crontab(hour=3, minute=50),
    },
    "directory-verification-reminders": {
        "task": "associations.tasks.directory_verification_reminders",
        "schedule": crontab(hour=9, minute=10),
    },
    "event-reminders": {
        "task": "events.tasks.event_reminders_send",
        "schedule": crontab(hour=10, minute=0),
    },
    "figures-refresh-recent": {
        "task": "insights.tasks.figures_refresh_recent",
        "schedule": crontab(minute="*/15"),
    },
    "figures-refresh-all": {
        "task": "insights.tasks.figures_refresh_all",
        "schedule": crontab(hour=4, minute=10),
    },
    "surveys-invite": {
        "task": "surveys.tasks.surveys_invite",
        "schedule": crontab(hour=11, minute=0),
    },
    "event-calendars-sync": {
        "task": "events.tasks.event_calendars_sync",
        "schedule": crontab(minute=35),
    },
}
CELERY_WORKER_CANCEL_LONG_RUNNING_TASKS_ON_CONNECTION_LOSS = True
