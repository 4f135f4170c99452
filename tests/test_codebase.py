"""The codebase stays as STYLE.md asks: linted, formatted, migrations committed."""

import ast
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


# Bottom to top (docs/decisions/0005-layers-and-engine.md): an app imports only the
# apps before it. ``portal`` is the top: settings, URLs, site pages, composition.
LAYERS = [
    "outbox",
    "accounts",
    "checklists",
    "municipalities",
    "newcomers",
    "welcome",
    "employers",
    "portal",
]


def imported_apps(source: Path) -> set[tuple[int, str]]:
    """``(line, app)`` of every absolute import of one of our apps in ``source``,
    wherever it is written: at the top, inside a function, under TYPE_CHECKING."""
    found = set()
    for node in ast.walk(ast.parse(source.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names = [node.module]
        else:
            continue
        found |= {
            (node.lineno, name.split(".")[0]) for name in names if name.split(".")[0] in LAYERS
        }
    return found


def test_apps_import_only_downwards():
    offenders = []
    for rank, app in enumerate(LAYERS):
        for source in sorted((ROOT / app).rglob("*.py")):
            for line, imported in sorted(imported_apps(source)):
                if LAYERS.index(imported) > rank:
                    offenders.append(f"{source.relative_to(ROOT)}:{line} imports {imported}")
    assert offenders == []


def test_the_import_check_sees_imports_inside_functions(tmp_path):
    source = tmp_path / "example.py"
    source.write_text("def f():\n    from newcomers.models import Guide\n    import portal.urls\n")
    assert imported_apps(source) == {(2, "newcomers"), (3, "portal")}
