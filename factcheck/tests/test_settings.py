"""Settings come from the environment: safe development defaults, a strict production mode."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def run_manage(*args: str, **env_overrides: str) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DATABASE_URL", "CELERY_"))}
    env.update(env_overrides)
    return subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120
    )


def test_production_mode_refuses_to_start_without_a_secret_key():
    result = run_manage("check", DJANGO_ENV="production")
    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY" in result.stderr


def test_production_mode_passes_check_deploy_without_warnings():
    result = run_manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        DJANGO_ENV="production",
        DJANGO_SECRET_KEY="x" * 20 + "a-long-random-production-secret-value-0123456789",
        DJANGO_ALLOWED_HOSTS="factcheck.example",
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_development_defaults_need_no_services():
    result = run_manage(
        "shell",
        "-c",
        "from django.conf import settings as s; "
        "print(s.DATABASES['default']['ENGINE'], s.CELERY_TASK_ALWAYS_EAGER, s.DEBUG)",
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split()[-3:] == ["django.db.backends.sqlite3", "True", "True"]


def test_database_and_broker_urls_switch_to_real_services():
    result = run_manage(
        "shell",
        "-c",
        "from django.conf import settings as s; "
        "print(s.DATABASES['default']['ENGINE'], s.DATABASES['default']['NAME'], s.CELERY_TASK_ALWAYS_EAGER)",
        DATABASE_URL="postgres://postgres@127.0.0.1:5432/somedb",
        CELERY_BROKER_URL="redis://127.0.0.1:6379/0",
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split()[-3:] == ["django.db.backends.postgresql", "somedb", "False"]


def test_debug_is_off_and_cookies_secure_in_production():
    result = run_manage(
        "shell",
        "-c",
        "from django.conf import settings as s; print(s.DEBUG, s.SESSION_COOKIE_SECURE)",
        DJANGO_ENV="production",
        DJANGO_SECRET_KEY="y" * 60,
        DJANGO_ALLOWED_HOSTS="factcheck.example",
    )
    assert result.stdout.split()[-2:] == ["False", "True"], result.stderr


def _env_example() -> dict[str, str]:
    values = {}
    for line in (ROOT / ".env.example").read_text().splitlines():
        if line.strip() and not line.lstrip().startswith("#") and "=" in line:
            name, _, value = line.partition("=")
            values[name.strip()] = value.strip()
    return values


def test_the_env_example_passes_check_deploy_once_its_key_is_generated():
    import secrets

    values = _env_example()
    values.pop("DATABASE_URL")  # a compose host name; check --deploy needs no database
    values.pop("CELERY_BROKER_URL")
    values.pop("DJANGO_CACHE_URL")
    values["DJANGO_SECRET_KEY"] = secrets.token_urlsafe(50)
    result = run_manage("check", "--deploy", "--fail-level", "WARNING", **values)
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_health_check_answers_over_plain_http_in_production():
    result = run_manage(
        "shell",
        "-c",
        "from django.test import Client; c = Client(HTTP_HOST='127.0.0.1');"
        "print(c.get('/health/').status_code, c.get('/admin/').status_code)",
        DJANGO_ENV="production",
        DJANGO_SECRET_KEY="z" * 60,
        DJANGO_ALLOWED_HOSTS="127.0.0.1",
    )
    assert result.stdout.split()[-2:] == ["200", "301"], result.stdout + result.stderr
