import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

PRINT_SETTINGS = (
    "import django; from django.conf import settings; django.setup(); "
    "db = settings.DATABASES['default']; "
    "print(settings.DEBUG, settings.TIME_ZONE, db['ENGINE'], db.get('CONN_MAX_AGE'), "
    "settings.CACHES['default']['BACKEND'], ','.join(settings.ALLOWED_HOSTS))"
)


def run_settings(code=PRINT_SETTINGS, **env):
    clean = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("DJANGO_", "DATABASE_", "CACHE_"))
    }
    clean["DJANGO_SETTINGS_MODULE"] = "newsdesk.settings"
    return subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        env={**clean, **env},
        capture_output=True,
        text=True,
    )


def test_settings_refuse_to_start_without_secret_when_debug_is_off():
    result = run_settings(DJANGO_DEBUG="false")

    assert result.returncode != 0
    assert "Set DJANGO_SECRET_KEY" in result.stderr


def test_settings_default_to_debug_off_sqlite_locmem_and_seoul():
    result = run_settings(DJANGO_SECRET_KEY="s3cret")

    assert result.returncode == 0, result.stderr
    debug, zone, engine, max_age, cache, _ = result.stdout.split()
    assert (debug, zone) == ("False", "Asia/Seoul")
    assert engine == "django.db.backends.sqlite3"
    assert max_age == "60"  # persistent connections, on SQLite too
    assert cache.endswith("LocMemCache")


def test_settings_read_database_cache_zone_and_hosts_from_environment():
    result = run_settings(
        DJANGO_SECRET_KEY="s3cret",
        DATABASE_URL="postgres://desk@db.example:5432/newsdesk",
        CACHE_URL="redis://127.0.0.1:6379/1",
        DJANGO_TIME_ZONE="Europe/London",
        DJANGO_ALLOWED_HOSTS="news.example,www.news.example",
    )

    assert result.returncode == 0, result.stderr
    debug, zone, engine, max_age, cache, hosts = result.stdout.split()
    assert zone == "Europe/London"
    assert engine == "django.db.backends.postgresql"
    assert int(max_age) > 0
    assert "redis" in cache.lower()
    assert hosts == "news.example,www.news.example"


def test_database_url_can_turn_persistent_connections_off():
    result = run_settings(
        DJANGO_SECRET_KEY="s3cret", DATABASE_URL="sqlite:////tmp/desk.db?conn_max_age=0"
    )

    assert result.returncode == 0, result.stderr
    assert result.stdout.split()[3] == "0"


def test_settings_debug_runs_without_secret():
    result = run_settings(DJANGO_DEBUG="true")

    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("True")


def test_settings_read_an_empty_database_url_as_the_default():
    result = run_settings(DJANGO_SECRET_KEY="s3cret", DATABASE_URL="")

    assert result.returncode == 0, result.stderr
    assert result.stdout.split()[2] == "django.db.backends.sqlite3"


def test_settings_apply_the_cache_urls_key_prefix_and_timeout():
    code = (
        "import django; from django.conf import settings; django.setup(); "
        "from django.core.cache import cache; "
        "print(cache.key_prefix, cache.default_timeout)"
    )

    result = run_settings(
        code,
        DJANGO_SECRET_KEY="s3cret",
        CACHE_URL="redis://127.0.0.1:6379/1?key_prefix=desk-two&timeout=30",
    )

    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["desk-two", "30"]


RAISE_IN_A_VIEW = """
import sys, types
import django
django.setup()
from django.test import Client, override_settings
from django.urls import path

def broken(request):
    raise ValueError("the view broke")

urls = types.ModuleType("broken_urls")
urls.urlpatterns = [path("broken/", broken)]
sys.modules["broken_urls"] = urls
with override_settings(ROOT_URLCONF="broken_urls", ALLOWED_HOSTS=["testserver"]):
    response = Client(raise_request_exception=False).get("/broken/")
print(response.status_code)
"""


def test_a_500_leaves_its_traceback_in_the_log_with_debug_off():
    result = run_settings(
        RAISE_IN_A_VIEW,
        DJANGO_SECRET_KEY="s3cret",
        DJANGO_SECURE_SSL_REDIRECT="false",
        DJANGO_STATIC_ROOT="/nonexistent",
        NEWSDESK_PUBLIC_MAX_AGE="0",  # no page cache: no database
    )

    assert result.stdout.strip() == "500", result.stderr
    assert "ERROR django.request: Internal Server Error: /broken/" in result.stderr
    assert "ValueError: the view broke" in result.stderr


def test_an_unknown_log_level_stops_start_up_naming_the_variable():
    result = run_settings(DJANGO_SECRET_KEY="s3cret", DJANGO_LOG_LEVEL="LOUD")

    assert result.returncode != 0
    assert "DJANGO_LOG_LEVEL='LOUD'" in result.stderr
