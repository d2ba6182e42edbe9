"""Newsdesk settings: every value comes from the environment (see .env.example)."""

import os
import tempfile
from pathlib import Path

import environ
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent

env = environ.Env()
environ.Env.read_env(BASE_DIR / ".env")

DEBUG = env.bool("DJANGO_DEBUG", default=False)

SECRET_KEY = env("DJANGO_SECRET_KEY", default="")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured(
            "Set DJANGO_SECRET_KEY: it is required when DJANGO_DEBUG is off "
            "(for local work, set DJANGO_DEBUG=true instead)."
        )
    SECRET_KEY = "insecure-debug-only-key"

ALLOWED_HOSTS = env.list(
    "DJANGO_ALLOWED_HOSTS", default=["127.0.0.1", "localhost", "[::1]"]
)

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "django_filters",
    "django_prose_editor",
    "reversion",
    "newsdesk",
    "dramas",
    "people",
    "images",
    "articles",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Above the page cache, so a cached page also answers If-None-Match with a 304.
    "django.middleware.http.ConditionalGetMiddleware",
    # Above sessions and auth: a cached page is served before anything reads the
    # database or marks the response as varying by cookie.
    "newsdesk.caching.PublicPageCacheMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]

ROOT_URLCONF = "newsdesk.urls"
WSGI_APPLICATION = "newsdesk.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.tz",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "newsdesk.context_processors.site",
            ],
        },
    },
]

DATABASES = {
    "default": env.db("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}")
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    DATABASES["default"].setdefault("CONN_MAX_AGE", 60)
    DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
elif DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # IMMEDIATE takes the write lock at BEGIN, so concurrent writers queue instead of
    # failing with "database is locked" halfway through a transaction.
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {
            "transaction_mode": "IMMEDIATE",
            "timeout": 20,
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        }
    )
    # A file rather than shared memory, so tests can run several processes against
    # the test database (publish_due's exactly-once test); one per test process.
    DATABASES["default"].setdefault("TEST", {}).setdefault(
        "NAME",
        str(Path(tempfile.gettempdir()) / f"newsdesk-test-{os.getpid()}.sqlite3"),
    )

CACHES = {"default": env.cache("CACHE_URL", default="locmemcache://newsdesk")}
if CACHES["default"]["BACKEND"].endswith("LocMemCache"):
    CACHES["default"].setdefault("OPTIONS", {}).setdefault("MAX_ENTRIES", 5000)
# How long anonymous readers' pages may be kept, by browsers and by the shared page
# cache; publications and withdrawals show at once anyway (newsdesk/caching.py).
PUBLIC_PAGE_MAX_AGE = env.int("NEWSDESK_PUBLIC_MAX_AGE", default=60)

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
]

LANGUAGE_CODE = "en-us"
TIME_ZONE = env("DJANGO_TIME_ZONE", default="Asia/Seoul")
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = env.path("DJANGO_STATIC_ROOT", default=BASE_DIR / "staticfiles")
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = env("DJANGO_MEDIA_URL", default="/media/")
MEDIA_ROOT = env.path("DJANGO_MEDIA_ROOT", default=BASE_DIR / "media")
# Uploads and image renditions go through the default storage: files under MEDIA_ROOT,
# or any backend named here, e.g. django-storages' S3 (see the README).
STORAGES = {
    "default": {
        "BACKEND": env(
            "DJANGO_STORAGE_BACKEND",
            default="django.core.files.storage.FileSystemStorage",
        ),
        "OPTIONS": env.json("DJANGO_STORAGE_OPTIONS", default={}),
    },
    # Hashed, compressed names that browsers may keep for a year, served by
    # whitenoise; they need `collectstatic` first. Debug serves the files as they are.
    # Tests keep plain names too (tests/conftest.py), as they render {% static %}
    # without running collectstatic.
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEBUG
        else "whitenoise.storage.CompressedManifestStaticFilesStorage",
    },
}
# The image library refuses bigger uploads (the desk's rule; tests lower them).
NEWSDESK_IMAGE_MAX_BYTES = 25 * 1024 * 1024
NEWSDESK_IMAGE_MAX_PIXELS = 40_000_000

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

SITE_NAME = env("NEWSDESK_SITE_NAME", default="Newsdesk")
