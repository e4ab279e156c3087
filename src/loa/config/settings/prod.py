"""Production: everything that differs between servers comes from LOA_* environment variables.

Refuses to start (ImproperlyConfigured naming the variable) on an unsafe value: debug
on, the development or a short secret key, no allowed hosts, no database URL.

nginx terminates TLS in front of gunicorn, so SSL redirection stays off by default and
X-Forwarded-Proto tells Django the request was secure (nginx must set it, and strip a
client-sent one). LOA_TLS=0 is only for a closed network without HTTPS.
"""

from __future__ import annotations

import os

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .base import DATABASES, STORAGES

DEV_SECRET_KEY = "insecure-development-key-never-used-in-production"
MIN_SECRET_KEY_LENGTH = 50
TRUE_VALUES = {"1", "true", "yes", "on"}
FALSE_VALUES = {"0", "false", "no", "off", ""}


def env_flag(name: str, default: str) -> bool:
    value = os.environ.get(name, default).strip().lower()
    if value in TRUE_VALUES:
        return True
    if value in FALSE_VALUES:
        return False
    raise ImproperlyConfigured(f"{name} must be 1 or 0, not {value!r}.")


def env_list(name: str) -> list[str]:
    return [item.strip() for item in os.environ.get(name, "").split(",") if item.strip()]


def env_int(name: str, default: int) -> int:
    value = os.environ.get(name, str(default)).strip()
    try:
        return int(value)
    except ValueError:
        raise ImproperlyConfigured(f"{name} must be a whole number, not {value!r}.") from None


if env_flag("LOA_DEBUG", "0"):
    raise ImproperlyConfigured("LOA_DEBUG must be off in production: it shows settings and code to anyone.")
DEBUG = False

SECRET_KEY = os.environ.get("LOA_SECRET_KEY", "")
if not SECRET_KEY or SECRET_KEY == DEV_SECRET_KEY or SECRET_KEY.startswith("django-insecure-"):
    raise ImproperlyConfigured("LOA_SECRET_KEY must be set to a random production key.")
if len(SECRET_KEY) < MIN_SECRET_KEY_LENGTH or len(set(SECRET_KEY)) < 5:
    raise ImproperlyConfigured(
        f"LOA_SECRET_KEY is too weak: use at least {MIN_SECRET_KEY_LENGTH} random characters."
    )

ALLOWED_HOSTS = env_list("LOA_ALLOWED_HOSTS")
if not ALLOWED_HOSTS:
    raise ImproperlyConfigured("LOA_ALLOWED_HOSTS must list the site's host names, comma-separated.")
CSRF_TRUSTED_ORIGINS = env_list("LOA_CSRF_TRUSTED_ORIGINS")

_database_url = os.environ.get("LOA_DATABASE_URL", "").strip()
if not _database_url:
    raise ImproperlyConfigured("LOA_DATABASE_URL must be set, e.g. postgres://loa:…@localhost/loa.")
DATABASES["default"] = dj_database_url.parse(_database_url, conn_max_age=env_int("LOA_DB_CONN_MAX_AGE", 60))

TIME_ZONE = os.environ.get("LOA_TIME_ZONE", "Asia/Ho_Chi_Minh")

# Mail: an SMTP relay; without LOA_EMAIL_HOST, mail stays on the console (the log).
EMAIL_HOST = os.environ.get("LOA_EMAIL_HOST", "")
if EMAIL_HOST:
    EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
EMAIL_PORT = env_int("LOA_EMAIL_PORT", 587)
EMAIL_HOST_USER = os.environ.get("LOA_EMAIL_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("LOA_EMAIL_PASSWORD", "")
EMAIL_USE_TLS = env_flag("LOA_EMAIL_USE_TLS", "1")
EMAIL_TIMEOUT = 30
DEFAULT_FROM_EMAIL = os.environ.get("LOA_DEFAULT_FROM_EMAIL", "loa@localhost")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# Transport: cookies only over HTTPS, browsers remember HTTPS for a year.
TLS = env_flag("LOA_TLS", "1")
SESSION_COOKIE_SECURE = TLS
CSRF_COOKIE_SECURE = TLS
SECURE_HSTS_SECONDS = 365 * 24 * 3600 if TLS else 0
SECURE_HSTS_INCLUDE_SUBDOMAINS = TLS
SECURE_HSTS_PRELOAD = False  # preloading is a one-way decision for the whole domain
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env_flag("LOA_SSL_REDIRECT", "0")  # nginx redirects to HTTPS itself
# The proxies of ours in front (loa.web.client): 1 behind deploy/nginx/loa.conf, whose
# X-Forwarded-For holds just the address nginx saw. gunicorn on a unix socket sees no
# client address at all, so with 0 every client would share one for sign-in throttling
# and the feedback rate limit.
LOA_TRUSTED_PROXY_COUNT = env_int("LOA_TRUSTED_PROXY_COUNT", 0)

# Checks of `check --deploy` that do not apply here, and why:
# W008 (no SECURE_SSL_REDIRECT): nginx terminates TLS and redirects plain HTTP itself.
# W021 (no HSTS preload): preloading binds the whole registrable domain for good, which
#   is the domain owner's decision (and impossible for a subdomain of gov.vn).
SILENCED_SYSTEM_CHECKS = ["security.W021"] + ([] if SECURE_SSL_REDIRECT else ["security.W008"])

# Static files: collectstatic (run at every install and upgrade) writes content-hashed
# names, cacheable for a year, and a .gz beside each; nginx serves them from STATIC_ROOT.
# A page refers to the hashed names in the manifest, so it fails without collectstatic.
STORAGES = {**STORAGES, "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"}}

# Downloads of stored files (evidence, feedback attachments, generated documents): Django
# checks permission, then lets nginx send the file from MEDIA_ROOT through its `internal`
# /protected-media/ location (deploy/nginx/loa.conf). Only turn on behind that nginx
# configuration: without it, every download would be empty.
LOA_X_ACCEL_REDIRECT = env_flag("LOA_X_ACCEL_REDIRECT", "0")

# A plan import or document build whose worker died (no live task for this long) is
# marked failed, so its user can ask again (loa.ops.jobs).
LOA_JOB_STALLED_SECONDS = env_int("LOA_JOB_STALLED_SECONDS", 600)

# Stored and collected files: the loa user writes them, its group reads them (nginx's
# www-data is made a member of group loa, docs/deploy.md), nobody else does.
FILE_UPLOAD_PERMISSIONS = 0o640
FILE_UPLOAD_DIRECTORY_PERMISSIONS = 0o750

SESSION_COOKIE_AGE = 8 * 3600  # a working day
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = True  # htmx reads the token from the page, not the cookie
CSRF_COOKIE_SAMESITE = "Lax"

X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LOA_REQUEST_LOG = True  # loa.web.logging.RequestLogMiddleware: one JSON line per request

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"json": {"()": "loa.web.logging.JsonFormatter"}},
    "handlers": {
        "stdout": {"class": "logging.StreamHandler", "stream": "ext://sys.stdout", "formatter": "json"}
    },
    "root": {"handlers": ["stdout"], "level": os.environ.get("LOA_LOG_LEVEL", "INFO")},
    "loggers": {
        "loa.requests": {"level": "INFO"},
        # Our request line replaces Django's and the server's access lines.
        "django.server": {"level": "WARNING"},
        # django-axes says "deleted 0 failed attempts" at INFO on every sign-in (as in base.py).
        "axes": {"level": "WARNING"},
    },
}
