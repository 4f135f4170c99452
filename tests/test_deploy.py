"""Production settings load, pass `check --deploy`, and build their static files."""

import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from django.conf import settings

ROOT = Path(settings.BASE_DIR)


def production_env(tmp_path: Path) -> dict[str, str]:
    inherited = {k: v for k, v in os.environ.items() if k != "DJANGO_ALLOW_ASYNC_UNSAFE"}
    return {
        **inherited,
        "DJANGO_SETTINGS_MODULE": "portal.settings.production",
        "SECRET_KEY": secrets.token_urlsafe(60),
        "DATABASE_URL": os.environ.get("DATABASE_URL", "postgres://landa@127.0.0.1:5432/landa"),
        "REDIS_URL": os.environ.get("REDIS_URL", "redis://127.0.0.1:6379/0"),
        "SITE_URL": "https://landa.example.org",
        "ALLOWED_HOSTS": "landa.example",
        "STATIC_ROOT": str(tmp_path / "static"),
    }


def manage(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )


def test_check_deploy_has_no_warnings(tmp_path):
    result = manage("check", "--deploy", "--fail-level", "WARNING", env=production_env(tmp_path))
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_collectstatic_with_hashed_compressed_storage(tmp_path):
    result = manage("collectstatic", "--noinput", env=production_env(tmp_path))
    assert result.returncode == 0, result.stderr
    manifest = tmp_path / "static" / "staticfiles.json"
    assert manifest.exists()
    assert list((tmp_path / "static" / "css").glob("landa.*.css.gz"))


def test_production_refuses_to_start_without_a_secret_key(tmp_path):
    env = production_env(tmp_path)
    del env["SECRET_KEY"]
    result = manage("check", env=env)
    assert result.returncode != 0
    assert "SECRET_KEY" in result.stderr


COMPOSE = yaml.safe_load((ROOT / "docker-compose.yml").read_text())


def test_compose_has_every_service_with_health_checks():
    services = COMPOSE["services"]
    assert set(services) >= {"postgres", "redis", "web", "worker", "beat", "mail"}
    for name in ("postgres", "redis", "web", "mail"):
        assert "healthcheck" in services[name], name
    assert {"postgres-data", "redis-data"} <= set(COMPOSE["volumes"])


@pytest.mark.parametrize("service", ["web", "worker", "beat"])
def test_compose_commands_are_real_entry_points(service):
    command = COMPOSE["services"][service]["command"]
    command = command if isinstance(command, list) else command.split()
    if command[0] == "gunicorn":
        module, attribute = command[1].split(":")
        assert (ROOT / Path(*module.split("."))).with_suffix(".py").exists()
        assert attribute == "application"
    else:
        assert command[:3] == ["celery", "-A", "portal"]
        assert command[3] in {"worker", "beat"}
    env_files = COMPOSE["services"][service].get("env_file", [])
    assert env_files == [{"path": ".env", "required": True}]  # your own, never the example


def test_production_refuses_the_published_example_key(tmp_path):
    example = dict(
        line.split("=", 1)
        for line in (ROOT / ".env.example").read_text().splitlines()
        if "=" in line and not line.startswith("#")
    )
    for key in (example["SECRET_KEY"], "short-but-not-example"):
        result = manage("check", env={**production_env(tmp_path), "SECRET_KEY": key})
        assert result.returncode != 0
        assert "SECRET_KEY is the published example or too weak" in result.stderr


def test_local_state_and_secrets_stay_out_of_git_and_the_image():
    ignored = (ROOT / ".dockerignore").read_text().splitlines()
    for entry in (".env", ".venv/", "var/", ".git/"):
        assert entry in ignored, entry
    assert ".env" in (ROOT / ".gitignore").read_text().splitlines()


def test_compose_web_uses_production_settings():
    environment = COMPOSE["x-landa-env"]
    assert environment["DJANGO_SETTINGS_MODULE"] == "portal.settings.production"
