"""docker-compose.yml describes the whole stack honestly (no Docker engine runs here to start it)."""

import re
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]
COMPOSE = yaml.safe_load((ROOT / "docker-compose.yml").read_text())


def test_stack_has_every_service():
    assert {"postgres", "redis", "web", "worker", "beat"} <= set(COMPOSE["services"])


@pytest.mark.parametrize("service", ["postgres", "redis", "web", "worker"])
def test_long_running_services_have_healthchecks(service):
    assert "test" in COMPOSE["services"][service]["healthcheck"]


def test_data_lives_in_named_volumes():
    assert {"pgdata", "redisdata"} <= set(COMPOSE["volumes"])


def test_worker_consumes_every_routed_queue():
    from django.conf import settings

    command = " ".join(COMPOSE["services"]["worker"]["command"])
    queues = set(re.search(r"-Q (\S+)", command).group(1).split(","))
    routed = {route["queue"] for route in settings.CELERY_TASK_ROUTES.values()}
    assert routed | {settings.CELERY_TASK_DEFAULT_QUEUE} <= queues


def test_beat_uses_the_database_scheduler():
    assert "django_celery_beat.schedulers:DatabaseScheduler" in COMPOSE["services"]["beat"]["command"]


def test_env_example_names_only_settings_the_project_reads():
    settings_text = (ROOT / "factcheck" / "settings.py").read_text()
    names = [
        line.split("=", 1)[0]
        for line in (ROOT / ".env.example").read_text().splitlines()
        if line and not line.startswith("#")
    ]
    for name in names:
        if name != "POSTGRES_PASSWORD":
            assert f'"{name}"' in settings_text, f"{name} in .env.example is not read by settings"


@pytest.mark.skipif(not shutil.which("docker-compose"), reason="docker-compose client not installed")
def test_docker_compose_accepts_the_file(tmp_path):
    (tmp_path / ".env").write_text((ROOT / ".env.example").read_text())
    (tmp_path / "docker-compose.yml").write_text((ROOT / "docker-compose.yml").read_text())
    result = subprocess.run(
        ["docker-compose", "config", "-q"], capture_output=True, text=True, timeout=60, cwd=tmp_path
    )
    assert result.returncode == 0, result.stderr
