"""Production settings: safe with sane variables, refusing to start with unsafe ones."""

from __future__ import annotations

import json
import logging
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from django.test import Client

from loa.web.logging import JsonFormatter
from tests.accounts.factories import UserFactory

PROJECT_ROOT = Path(__file__).resolve().parents[2]
LOA = PROJECT_ROOT / ".venv" / "bin" / "loa"
SANE = {
    "LOA_DATABASE_URL": "sqlite:////tmp/loa-prod-settings-test.sqlite3",
    "LOA_SECRET_KEY": "k3Y-" + "x7Qz9pLm2Vb8Rt4Wn6Hs1Jd5Fg0Ck" * 3,
    "LOA_ALLOWED_HOSTS": "loa.example.vn, www.loa.example.vn",
    "LOA_CSRF_TRUSTED_ORIGINS": "https://loa.example.vn",
}


def environment(**overrides: str | None) -> dict[str, str]:
    env = {name: value for name, value in os.environ.items() if not name.startswith("LOA_")}
    env.pop("DJANGO_SETTINGS_MODULE", None)
    # The browser tests' conftest sets this for the whole session; a server never has it.
    env.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
    for name, value in {**SANE, **overrides}.items():
        if value is not None:
            env[name] = value
    return env


def load_settings(**overrides: str | None) -> subprocess.CompletedProcess[str]:
    code = (
        "import json, loa.config.settings.prod as s; print(json.dumps({"
        "'ALLOWED_HOSTS': s.ALLOWED_HOSTS, 'SESSION_COOKIE_AGE': s.SESSION_COOKIE_AGE, "
        "'SECURE_HSTS_SECONDS': s.SECURE_HSTS_SECONDS, 'SESSION_COOKIE_SECURE': s.SESSION_COOKIE_SECURE, "
        "'TIME_ZONE': s.TIME_ZONE, 'DEBUG': s.DEBUG}))"
    )
    return subprocess.run(
        [sys.executable, "-c", code], env=environment(**overrides), capture_output=True, text=True, timeout=60
    )


def test_check_deploy_is_clean_with_sane_variables() -> None:
    result = subprocess.run(
        [str(LOA), "check", "--deploy", "--settings", "loa.config.settings.prod"],
        env=environment(),
        capture_output=True,
        text=True,
        timeout=120,
        cwd=PROJECT_ROOT,
    )

    assert result.returncode == 0, result.stderr
    assert "no issues" in result.stdout
    assert "WARNING" not in result.stdout + result.stderr


def test_sane_variables_give_the_hardened_values() -> None:
    result = load_settings()

    assert result.returncode == 0, result.stderr
    values = json.loads(result.stdout)
    assert values == {
        "ALLOWED_HOSTS": ["loa.example.vn", "www.loa.example.vn"],
        "SESSION_COOKIE_AGE": 8 * 3600,
        "SECURE_HSTS_SECONDS": 365 * 24 * 3600,
        "SESSION_COOKIE_SECURE": True,
        "TIME_ZONE": "Asia/Ho_Chi_Minh",
        "DEBUG": False,
    }


@pytest.mark.parametrize(
    ("overrides", "variable"),
    [
        ({"LOA_DEBUG": "1"}, "LOA_DEBUG"),
        ({"LOA_SECRET_KEY": None}, "LOA_SECRET_KEY"),
        ({"LOA_SECRET_KEY": "insecure-development-key-never-used-in-production"}, "LOA_SECRET_KEY"),
        ({"LOA_SECRET_KEY": "short-but-random-9f8e7d"}, "LOA_SECRET_KEY"),
        ({"LOA_ALLOWED_HOSTS": None}, "LOA_ALLOWED_HOSTS"),
        ({"LOA_ALLOWED_HOSTS": " , "}, "LOA_ALLOWED_HOSTS"),
        ({"LOA_DATABASE_URL": None}, "LOA_DATABASE_URL"),
        ({"LOA_TLS": "maybe"}, "LOA_TLS"),
    ],
)
def test_an_unsafe_value_stops_start_up_naming_the_variable(overrides: dict[str, Any], variable: str) -> None:
    result = load_settings(**overrides)

    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    assert variable in result.stderr.strip().splitlines()[-1]


@pytest.mark.django_db
def test_a_request_is_logged_as_one_json_line_without_address_or_query(
    settings: Any, caplog: pytest.LogCaptureFixture
) -> None:
    settings.LOA_REQUEST_LOG = True
    user = UserFactory()
    client = Client(REMOTE_ADDR="203.0.113.7")
    client.force_login(user)

    with caplog.at_level(logging.INFO, logger="loa.requests"):
        client.get("/cong-khai/theo-doi/ABC123SECRET/?q=Nguyễn+Văn+A")

    records = [record for record in caplog.records if record.name == "loa.requests"]
    assert len(records) == 1
    line = JsonFormatter().format(records[0])
    entry = json.loads(line)
    assert entry["method"] == "GET"
    assert entry["path"] == "/cong-khai/theo-doi/<code>/"
    assert entry["user_id"] == user.pk
    assert isinstance(entry["status"], int)
    assert isinstance(entry["duration_ms"], float)
    assert "203.0.113.7" not in line
    assert "ABC123SECRET" not in line
    assert "Nguy" not in line
    assert "\n" not in line


@pytest.mark.django_db
def test_request_lines_are_off_outside_production(client: Client, caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.INFO, logger="loa.requests"):
        client.get("/suc-khoe/")

    assert not [record for record in caplog.records if record.name == "loa.requests"]
