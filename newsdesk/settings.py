"""Newsdesk settings: every value comes from the environment (see .env.example)."""

import datetime
import os
import tempfile
from pathlib import Path

import environ
from csp.constants import NONCE, NONE, SELF
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
    "csp",
    "axes",
    "newsdesk",
    "dramas",
    "people",
    "images",
    "articles",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # Before anything reads the body: a request over MAX_REQUEST_BYTES gets a 413.
    "newsdesk.middleware.RequestSizeLimitMiddleware",
    # Outside the page cache, so pages served from it carry the policy too.
    "csp.middleware.CSPMiddleware",
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
    # Last, as django-axes asks: it answers a locked-out login with a 429.
    "axes.middleware.AxesMiddleware",
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

# An empty DATABASE_URL (`DATABASE_URL= make test`) means the default, as unset does.
DATABASES = {
    "default": env.db_url_config(
        env.str("DATABASE_URL", default="") or f"sqlite:///{BASE_DIR / 'db.sqlite3'}"
    )
}
# Persistent connections on both databases (?conn_max_age=0 in DATABASE_URL turns
# them off). On SQLite a new connection for every request read the schema and the
# pages it needed afresh: 6 million more instructions an article page, 2.5 to 3.5 ms.
DATABASES["default"].setdefault("CONN_MAX_AGE", 60)
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
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
# django-environ 0.14 leaves a redis:// URL's ?key_prefix=, ?timeout= and ?version=
# in lower case, where Django's RedisCache never looks: two sites sharing a Redis
# database would share their keys.
for option in ("key_prefix", "timeout", "version"):
    if option in CACHES["default"]:
        CACHES["default"][option.upper()] = CACHES["default"].pop(option)
if CACHES["default"]["BACKEND"].endswith("LocMemCache"):
    CACHES["default"].setdefault("OPTIONS", {}).setdefault("MAX_ENTRIES", 5000)
# How long anonymous readers' pages may be kept, by browsers and by the shared page
# cache; publications and withdrawals show at once anyway (newsdesk/caching.py).
PUBLIC_PAGE_MAX_AGE = env.int("NEWSDESK_PUBLIC_MAX_AGE", default=60)
# A bare view at /_bench/floor/ that the benchmarks measure pages against; off for
# readers (newsdesk/floor.py).
NEWSDESK_BENCH_FLOOR = env.bool("NEWSDESK_BENCH_FLOOR", default=False)

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
]

LANGUAGE_CODE = "en-us"
# The desk's day-first dates and 24-hour times (newsdesk/formats/en/formats.py).
FORMAT_MODULE_PATH = ["newsdesk.formats"]
TIME_ZONE = env("DJANGO_TIME_ZONE", default="Asia/Seoul")
# One language, English, for the site and the desk: with translation off, Django
# skips its catalogue lookups (4% of an article page's instructions, 6% of the change
# form's). Dates still follow FORMAT_MODULE_PATH.
USE_I18N = False
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = env.path("DJANGO_STATIC_ROOT", default=BASE_DIR / "staticfiles")
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = env("DJANGO_MEDIA_URL", default="/media/")
MEDIA_ROOT = env.path("DJANGO_MEDIA_ROOT", default=BASE_DIR / "media")
SERVE_MEDIA = env.bool("DJANGO_SERVE_MEDIA", default=DEBUG)
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
# The largest request body accepted (413 above it): room for the biggest image and
# its form. Django caps form fields itself, but not uploaded files.
MAX_REQUEST_BYTES = env.int("NEWSDESK_MAX_REQUEST_BYTES", default=30 * 1024 * 1024)

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

SITE_NAME = env("NEWSDESK_SITE_NAME", default="Newsdesk")

# Security. Defaults are for production (debug off); `make run` and the tests relax
# only what plain-HTTP local work needs.
SECURE_SSL_REDIRECT = env.bool("DJANGO_SECURE_SSL_REDIRECT", default=not DEBUG)
SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = env.bool(
    "DJANGO_SECURE_COOKIES", default=not DEBUG
)
SECURE_HSTS_SECONDS = env.int("DJANGO_HSTS_SECONDS", default=0 if DEBUG else 31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env.bool(
    "DJANGO_HSTS_INCLUDE_SUBDOMAINS", default=True
)
SECURE_HSTS_PRELOAD = env.bool("DJANGO_HSTS_PRELOAD", default=True)
if env.bool("DJANGO_BEHIND_TLS_PROXY", default=False):
    # Only behind a proxy that sets this header itself and strips it from clients.
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
CSRF_TRUSTED_ORIGINS = env.list("DJANGO_CSRF_TRUSTED_ORIGINS", default=[])
# A refused post says what happened in the site's words (Django's page is for
# developers, and its inline style is blocked by the policy).
CSRF_FAILURE_VIEW = "newsdesk.errors.csrf_failure"
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_AGE = env.int("DJANGO_SESSION_SECONDS", default=12 * 60 * 60)
# Staff log in to the desk and land on it.
LOGIN_URL = "admin:login"
LOGIN_REDIRECT_URL = "admin:index"

CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        # No inline script anywhere; the desk's editor gets a per-request nonce for
        # its import map (articles/admin.py).
        "script-src": [SELF, NONCE],
        # The rich-text editor (django-prose-editor 0.28) injects one fixed block of
        # CSS; its hash, not 'unsafe-inline'. The browser tests catch a change.
        "style-src": [SELF, "'sha256-PlumsSlvJ7vvWzjqibGAYKq92O3y/4JTxWWsWJvyUYA='"],
        "img-src": [SELF, "data:", *env.list("NEWSDESK_MEDIA_ORIGINS", default=[])],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [NONE],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}

# Login throttling: a lockout per username *and* address, so colleagues behind one
# office proxy are not locked out by one person's typos.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_FAILURE_LIMIT = env.int("NEWSDESK_LOGIN_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = datetime.timedelta(
    minutes=env.int("NEWSDESK_LOGIN_COOLOFF_MINUTES", default=15)
)
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
AXES_CLIENT_IP_CALLABLE = "newsdesk.proxies.client_ip"
# Addresses of the proxies (load balancers) in front of the app; X-Forwarded-For is
# believed only when the request comes from one of them.
NEWSDESK_TRUSTED_PROXIES = env.list("NEWSDESK_TRUSTED_PROXIES", default=[])

# Logs go to standard error, where gunicorn and systemd's journal keep them. Django's
# own default prints nothing once debug is off and mails errors to ADMINS instead:
# with none set, a 500's traceback went nowhere.
LOG_LEVEL = env("DJANGO_LOG_LEVEL", default="WARNING").upper()
if LOG_LEVEL not in {"DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL"}:
    raise ImproperlyConfigured(
        f"DJANGO_LOG_LEVEL={LOG_LEVEL!r}: use DEBUG, INFO, WARNING, ERROR or CRITICAL."
    )
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "plain": {"format": "{asctime} {levelname} {name}: {message}", "style": "{"}
    },
    "handlers": {"stderr": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["stderr"], "level": LOG_LEVEL},
    "loggers": {
        "django": {"handlers": ["stderr"], "level": LOG_LEVEL, "propagate": False},
    },
}
