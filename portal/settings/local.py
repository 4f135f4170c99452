"""Settings for a developer's machine and for the test suite.

Defaults suit ``make run``: debug on, demo data, an insecure key that never leaves
this machine. Every variable can still be overridden from the environment.
"""

from .base import *  # noqa: F403
from .base import env

DEBUG = env.bool("DEBUG", default=True)
DEMO_MODE = env.bool("DEMO_MODE", default=True)
SECRET_KEY = env(
    "SECRET_KEY", default="django-insecure-landa-local-development-key-not-for-production"
)

# Serve static files straight from the apps, so `make run` needs no collectstatic.
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = DEBUG
