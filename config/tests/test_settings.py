"""Deployment settings: secure by default, secrets from the environment or generated once, never in the code."""

import os
import stat
import subprocess
import sys
from pathlib import Path

from config.secret_key import secret_key_load_or_create

ROOT = Path(__file__).resolve().parents[2]


def run_manage(*args: str, **env: str) -> subprocess.CompletedProcess[str]:
    """manage.py in a fresh process with no deployment variables but those given: the embedded default."""
    test_only = {"DJANGO_SETTINGS_MODULE", "DATABASE_URL", "DJANGO_ALLOW_ASYNC_UNSAFE"}
    environment = {k: v for k, v in os.environ.items() if k not in test_only}
    environment.update(env)
    return subprocess.run(  # noqa: S603
        [sys.executable, "manage.py", *args], cwd=ROOT, env=environment, capture_output=True, text=True, check=False
    )


def test_production_settings_pass_the_deploy_check(tmp_path):
    result = run_manage(
        "check", "--deploy", "--fail-level", "WARNING", "--settings", "config.settings.production",
        NEWSSTAND_DATA_DIR=str(tmp_path), ALLOWED_HOSTS="news.example.org",
    )  # fmt: skip
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_embedded_default_is_not_in_debug_mode(tmp_path):
    result = run_manage(
        "shell", "--no-imports", "-c",
        "from django.conf import settings; print(settings.DEBUG, settings.DATABASES['default']['ENGINE'])",
        NEWSSTAND_DATA_DIR=str(tmp_path),
    )  # fmt: skip
    assert result.stdout.split() == ["False", "django.db.backends.sqlite3"], result.stderr


def test_secret_key_is_generated_once_and_kept_private(tmp_path):
    path = tmp_path / "secret_key"
    first = secret_key_load_or_create(path)
    second = secret_key_load_or_create(path)
    assert first == second
    assert len(first) >= 50
    assert stat.S_IMODE(path.stat().st_mode) == 0o600


def test_no_secret_key_literal_in_settings():
    settings_source = "".join(p.read_text() for p in (ROOT / "config" / "settings").glob("*.py"))
    assert 'SECRET_KEY = "' not in settings_source
    assert "SECRET_KEY = '" not in settings_source
