"""Settings come from the environment; production refuses unsafe defaults and passes check --deploy."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parents[3]


def _run(code: str, **env: str) -> subprocess.CompletedProcess[str]:
    environment = {k: v for k, v in os.environ.items()
                   if k not in {"DATABASE_URL", "ONDOL_ENV", "SECRET_KEY", "DJANGO_ALLOW_ASYNC_UNSAFE"}}
    environment.update({"PYTHONPATH": str(SRC), "DJANGO_SETTINGS_MODULE": "ondol.settings", **env})
    return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=environment, timeout=120)


PRODUCTION_ENV = {
    "ONDOL_ENV": "production",
    "SECRET_KEY": "x7!f2Kq9#mPz4@Lw8$Rt1^Vb6&Nc3*Hd5(Jg0)Ys-Ue+Ia=Oo~Pe" * 2,
    "ALLOWED_HOSTS": "ondol.example.kr",
    "ONDOL_FIELD_KEYS": "b25kb2wtcHJvZHVjdGlvbi10ZXN0LWtleS0wMDAwMDA=",
    "ONDOL_HASH_KEY": "a-production-hash-key-of-at-least-32-chars",
    "DATABASE_URL": "postgres://postgres@127.0.0.1:5432/ondol",
}


def test_the_database_url_selects_postgresql() -> None:
    result = _run(
        "from django.conf import settings; print(settings.DATABASES['default']['ENGINE'], settings.DATABASES['default']['NAME'])",
        DATABASE_URL="postgres://postgres@127.0.0.1:5432/somewhere",
    )
    assert result.stdout.split() == ["django.db.backends.postgresql", "somewhere"]


def test_without_a_database_url_ondol_uses_sqlite_under_var() -> None:
    result = _run("from django.conf import settings; print(settings.DATABASES['default']['NAME'])")
    assert result.stdout.strip().endswith("var/ondol.sqlite3")


def test_allowed_hosts_come_from_the_environment() -> None:
    result = _run("from django.conf import settings; print(settings.ALLOWED_HOSTS)", ALLOWED_HOSTS="a.kr, b.kr")
    assert result.stdout.strip() == "['a.kr', 'b.kr']"


def test_production_refuses_to_start_without_a_secret_key() -> None:
    env = dict(PRODUCTION_ENV)
    env.pop("SECRET_KEY")
    result = _run("import django; django.setup()", **env)
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


def test_production_refuses_to_start_without_field_encryption_keys() -> None:
    env = dict(PRODUCTION_ENV)
    env.pop("ONDOL_FIELD_KEYS")
    result = _run("import django; django.setup()", **env)
    assert result.returncode != 0
    assert "ONDOL_FIELD_KEYS" in result.stderr


def test_a_yes_no_variable_with_nonsense_is_a_clear_error() -> None:
    result = _run("import django; django.setup()", DEBUG="maybe")
    assert result.returncode != 0
    assert "DEBUG must be true or false" in result.stderr


def test_production_settings_pass_the_deployment_check_with_no_warnings() -> None:
    result = _run(
        "import sys; from django.core.management import execute_from_command_line; "
        "execute_from_command_line(['ondol', 'check', '--deploy', '--fail-level', 'WARNING'])",
        **PRODUCTION_ENV,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_production_requires_two_factor_and_the_demo_does_not() -> None:
    production = _run("from django.conf import settings; print(settings.ONDOL_REQUIRE_2FA)", **PRODUCTION_ENV)
    demo = _run("from django.conf import settings; print(settings.ONDOL_REQUIRE_2FA)")
    assert (production.stdout.strip(), demo.stdout.strip()) == ("True", "False")


@pytest.mark.parametrize("url", ["redis://127.0.0.1:6379/1"])
def test_a_redis_url_switches_the_cache_to_redis(url: str) -> None:
    result = _run("from django.conf import settings; print(settings.CACHES['default']['BACKEND'])", REDIS_URL=url)
    assert result.stdout.strip() == "django.core.cache.backends.redis.RedisCache"
