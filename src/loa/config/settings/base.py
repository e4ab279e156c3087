"""Settings shared by every environment.

Environment-specific modules import * from here and override; production reads
everything that differs between servers from environment variables (see prod.py).
"""

from __future__ import annotations

import os
from datetime import timedelta
from pathlib import Path

import dj_database_url
from django.utils.translation import gettext_lazy as _

SRC_DIR = Path(__file__).resolve().parents[3]
# The project root holds var/ (database, uploads, generated files) when run from a checkout.
BASE_DIR = Path(os.environ.get("LOA_HOME", SRC_DIR.parent)).resolve()
VAR_DIR = Path(os.environ.get("LOA_VAR_DIR", BASE_DIR / "var")).resolve()

SECRET_KEY = os.environ.get("LOA_SECRET_KEY", "insecure-development-key-never-used-in-production")
DEBUG = False
ALLOWED_HOSTS: list[str] = ["127.0.0.1", "localhost"]

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_htmx",
    "ninja",  # serves the API docs page's Swagger UI from our static files, not a CDN
    "django_tasks",
    "django_tasks_db",
    "axes",
    "loa.units",
    "loa.accounts",
    "loa.audit",
    "loa.plans",
    "loa.activities",
    "loa.reports",
    "loa.procedures",
    "loa.feedback",
    "loa.surveys",
    "loa.indices",
    "loa.portal",
    "loa.web",
    "loa.demo",
]

MIDDLEWARE = [
    "loa.web.logging.RequestLogMiddleware",  # outermost: times and logs the whole request
    "django.middleware.security.SecurityMiddleware",
    "loa.web.security.SecurityHeadersMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "loa.web.middleware.ChosenLanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "axes.middleware.AxesMiddleware",  # last, as axes asks: turns a refused sign-in into the lock page
]

ROOT_URLCONF = "loa.config.urls"
WSGI_APPLICATION = "loa.config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("LOA_DATABASE_URL") or f"sqlite:///{VAR_DIR / 'loa.sqlite3'}",
        conn_max_age=int(os.environ.get("LOA_DB_CONN_MAX_AGE", "60")),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets the dev server read while a background task writes; IMMEDIATE avoids
    # "database is locked" upgrades inside write transactions.
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;",
    }

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "accounts.User"
LOGIN_URL = "web:login"
LOGIN_REDIRECT_URL = "web:home"
LOGOUT_REDIRECT_URL = "web:login"

# Sign-in throttling (django-axes) for the staff sign-in and the admin's: five wrong
# passwords for one username from one address lock that pair for 15 minutes (another
# address, or another username, may still sign in); a success clears the count. Counts
# live in the database, shared by every worker. API tokens never go through this.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",  # first: refuses a locked pair before any password check
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = timedelta(minutes=15)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_HANDLER = "axes.handlers.database.AxesDatabaseHandler"
AXES_CLIENT_IP_CALLABLE = "loa.web.client.client_address"
AXES_LOCKOUT_CALLABLE = "loa.web.accounts.views.locked_out"
# No row per successful sign-in (axes would keep every address forever); a failure's row
# goes at the first sign-in event after its cool-off. `loa axes_reset_username NAME` unlocks.
AXES_DISABLE_ACCESS_LOG = True
# A failure's row keeps the posted form for the admin's "access attempts": mask the
# CSRF token as well as the password and username (axes' defaults).
AXES_SENSITIVE_PARAMETERS = ["username", "ip_address", "csrfmiddlewaretoken"]
AXES_VERBOSE = False  # no "AXES: BEGIN" banner at the start of every `loa` command

# How many reverse proxies of ours (nginx) stand in front of the application and append
# to X-Forwarded-For; 0 ignores the header (see loa.web.client). Production reads it
# from LOA_TRUSTED_PROXY_COUNT.
LOA_TRUSTED_PROXY_COUNT = 0

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "vi"
LANGUAGES = [("vi", _("Tiếng Việt")), ("en", _("Tiếng Anh"))]
LOCALE_PATHS = [SRC_DIR / "loa" / "locale"]
TIME_ZONE = "Asia/Ho_Chi_Minh"
USE_I18N = True
USE_TZ = True
FORMAT_MODULE_PATH = ["loa.config.formats"]

STATIC_URL = "static/"
STATIC_ROOT = VAR_DIR / "static"
MEDIA_URL = "media/"
MEDIA_ROOT = VAR_DIR / "media"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

# Uploaded plan documents and evidence files: enough for a scanned plan, not for video.
# Citizens' submissions (feedback, questions) per client address and window, in seconds.
LOA_FEEDBACK_RATE_LIMIT = int(os.environ.get("LOA_FEEDBACK_RATE_LIMIT", "5"))
LOA_FEEDBACK_RATE_WINDOW = int(os.environ.get("LOA_FEEDBACK_RATE_WINDOW", "3600"))
LOA_MAX_UPLOAD_BYTES = int(os.environ.get("LOA_MAX_UPLOAD_BYTES", str(20 * 1024 * 1024)))
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024

TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}

EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
DEFAULT_FROM_EMAIL = os.environ.get("LOA_DEFAULT_FROM_EMAIL", "loa@localhost")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": "INFO"},
    # axes says "cleaned up 0 attempts" at INFO on every sign-in; failures and locks are warnings.
    "loggers": {"axes": {"level": "WARNING"}},
}
