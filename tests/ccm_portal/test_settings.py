import os
import subprocess
import sys

import pytest
from django.conf import settings

PRODUCTION_ENV = {
    "DEBUG": "false",
    "SECRET_KEY": "a-production-secret-key-that-is-long-enough-and-random-0123456789abcdef",
    "ALLOWED_HOSTS": "portal.example.org",
}


def _manage(*args, env):
    clean = {
        k: v
        for k, v in os.environ.items()
        if k not in {"DEBUG", "SECRET_KEY", "DJANGO_SETTINGS_MODULE", "DJANGO_ALLOW_ASYNC_UNSAFE"}
    }
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=settings.BASE_DIR,
        env=clean | env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_check_deploy_passes_with_production_values():
    result = _manage("check", "--deploy", "--fail-level", "WARNING", env=PRODUCTION_ENV)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_refuses_to_start_without_secret_key_when_debug_is_off():
    result = _manage("check", env={"DEBUG": "false", "ALLOWED_HOSTS": "portal.example.org"})
    assert result.returncode != 0
    assert result.stderr.strip().splitlines() == [
        "CCM Portal refuses to start: DEBUG is off and SECRET_KEY is not set."
    ]


@pytest.mark.django_db
def test_security_headers_on_pages(client):
    response = client.get("/")
    csp = response["Content-Security-Policy"]
    assert "script-src 'self'" in csp
    assert "unsafe-inline" not in csp
    assert "frame-ancestors 'none'" in csp
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["X-Frame-Options"] == "DENY"


@pytest.mark.django_db
def test_no_inline_script_or_style_in_pages(client):
    html = client.get("/delegations/").content.decode() + client.get("/accounts/login/").content.decode()
    assert "<script>" not in html and "<script " not in html.replace("<script src=", "")
    assert "<style" not in html
    assert ' style="' not in html


@pytest.mark.django_db
def test_healthz_reports_database(client):
    response = client.get("/healthz")
    assert response.json() == {"status": "ok"}


def test_staff_mfa_is_required_whenever_debug_is_off():
    code = (
        "from django.conf import settings; print(settings.STAFF_MFA_REQUIRED, settings.SESSION_COOKIE_SECURE)"
    )
    production = _manage("shell", "-c", code, env=PRODUCTION_ENV)
    assert production.stdout.strip().splitlines()[-1] == "True True", production.stderr
    development = _manage(
        "shell", "-c", "from django.conf import settings; print(settings.STAFF_MFA_REQUIRED)", env={}
    )
    assert development.stdout.strip().splitlines()[-1] == "False", development.stderr
