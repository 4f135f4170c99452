"""The embedded default of `make run`: SQLite, eager tasks, email written to files."""

import json
import os
import subprocess
import sys
from pathlib import Path

from django.conf import settings

ROOT = Path(settings.BASE_DIR)

SCRIPT = """
import django, json, os
django.setup()
from django.core.management import call_command
from django.test import Client
call_command("migrate", verbosity=0)
client = Client()
signup = client.post("/en/accounts/signup/", {"email": "embedded@example.org",
    "password1": "a-Long-test-passphrase-42", "password2": "a-Long-test-passphrase-42"})
health = client.get("/healthz")
print(json.dumps({"signup": signup.status_code, "health": health.status_code,
                  "state": health.json()}))
"""


def test_signup_mail_is_sent_in_process_and_written_to_a_file(tmp_path):
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in {"DATABASE_URL", "REDIS_URL", "DJANGO_ALLOW_ASYNC_UNSAFE"}
    }
    env.update(
        {
            "DJANGO_SETTINGS_MODULE": "portal.settings.local",
            "DATABASE_URL": f"sqlite:///{tmp_path / 'embedded.sqlite3'}",
            "EMAIL_FILE_PATH": str(tmp_path / "mail"),
            "ALLOWED_HOSTS": "testserver",
        }
    )
    result = subprocess.run(
        [sys.executable, "-c", SCRIPT],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    outcome = json.loads(result.stdout.strip().splitlines()[-1])
    assert outcome == {
        "signup": 302,
        "health": 200,
        "state": {"database": "ok", "cache": "ok", "broker": "eager"},
    }
    mails = list((tmp_path / "mail").iterdir())
    assert len(mails) == 1
    assert "/en/accounts/confirm-email/" in mails[0].read_text()
