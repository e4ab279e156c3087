"""Test settings: fast hashing, in-memory mail, immediate tasks, isolated media folder.

The database comes from LOA_DATABASE_URL like everywhere else, so the same suite runs
on SQLite (default) and on PostgreSQL (`make test` runs both).
"""

import tempfile
from pathlib import Path

from .base import *  # noqa: F403

DEBUG = False
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
MEDIA_ROOT = Path(tempfile.mkdtemp(prefix="loa-test-media-"))
STATIC_ROOT = Path(tempfile.mkdtemp(prefix="loa-test-static-"))
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
LOGGING = {"version": 1, "disable_existing_loggers": False, "root": {"level": "WARNING"}}

# Sign-in throttling stays on, so the suite proves it. `client.force_login` needs nothing;
# `client.login` must pass a request, as every real sign-in does:
# `client.login(request=HttpRequest(), username=…, password=…)`.
AXES_ENABLED = True
