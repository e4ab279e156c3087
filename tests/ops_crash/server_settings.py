"""Settings of the servers the crash tests start and kill (gunicorn and the db_worker).

The test settings, with what a real deployment has and the test settings replace:
background jobs in the database (run by `loa db_worker`, not inline), one media folder
shared by the web server and the worker, and a rate limit a burst of test submissions
from one address does not hit. The database comes from LOA_DATABASE_URL as everywhere.
"""

import os
from pathlib import Path

from loa.config.settings.test import *  # noqa: F403

TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
MEDIA_ROOT = Path(os.environ["LOA_CRASH_MEDIA"])
# A burst of a hundred submissions comes from 127.0.0.1; the limit itself is tested elsewhere.
LOA_FEEDBACK_RATE_LIMIT = 100_000
# A job with no sign of life for this long has lost its worker (seconds; production waits longer).
LOA_JOB_STALLED_SECONDS = float(os.environ.get("LOA_CRASH_STALLED_SECONDS", "3"))
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": "WARNING"},
    "loggers": {"django_tasks": {"level": "INFO"}, "django_tasks_db": {"level": "INFO"}},
}
