"""The embedded default of `make run`: SQLite, eager tasks, email written to files."""

from .embedded import run_embedded

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
    outcome = run_embedded(SCRIPT, tmp_path)
    assert outcome == {
        "signup": 302,
        "health": 200,
        "state": {"database": "ok", "cache": "ok", "broker": "eager"},
    }
    mails = list((tmp_path / "mail").iterdir())
    assert len(mails) == 1
    assert "/en/accounts/confirm-email/" in mails[0].read_text()
