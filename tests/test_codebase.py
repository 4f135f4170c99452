"""The codebase stays as STYLE.md asks: linted, formatted, migrations committed."""

import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command

ROOT = Path(settings.BASE_DIR)
RUFF = Path(sys.executable).parent / "ruff"


@pytest.mark.django_db
def test_migrations_are_committed():
    call_command("makemigrations", "--check", "--dry-run", verbosity=0)


@pytest.mark.parametrize("command", [["check", "."], ["format", "--check", "."]])
def test_ruff_is_clean(command):
    result = subprocess.run([RUFF, *command], cwd=ROOT, capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stdout + result.stderr


def test_apps_import_only_downwards():
    """portal ← checklists ← municipalities ← newcomers ← employers; no cycles."""
    order = ["portal", "checklists", "municipalities", "newcomers", "employers"]
    offenders = []
    for rank, app in enumerate(order):
        for source in (ROOT / app).rglob("*.py"):
            composition = app == "portal" and (
                "management" in source.parts or source.name == "urls.py"
            )
            if "migrations" in source.parts or composition:
                continue  # site-wide composition (URLs, seed_demo) may read every app
            text = source.read_text(encoding="utf-8")
            for higher in order[rank + 1 :]:
                if f"from {higher}" in text or f"import {higher}" in text:
                    offenders.append(f"{source.relative_to(ROOT)} imports {higher}")
    assert offenders == []
