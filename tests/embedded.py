"""Running a script under the embedded settings of `make run` (SQLite, eager tasks,
mail to files), in a process of its own, as a person starting Landa would."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from django.conf import settings


def run_embedded(script: str, tmp_path: Path) -> object:
    """Run ``script`` with no PostgreSQL or Redis; return the JSON its last line prints."""
    env = {
        name: value
        for name, value in os.environ.items()
        if name not in {"DATABASE_URL", "REDIS_URL", "DJANGO_ALLOW_ASYNC_UNSAFE"}
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
        [sys.executable, "-c", script],
        cwd=settings.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])
