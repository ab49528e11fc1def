"""Test settings: base settings with fast hashing and the in-memory email outbox.

The database comes from DATABASE_URL like everywhere else: SQLite by default, PostgreSQL in CI.
"""

import os
import tempfile

os.environ.setdefault("LEARNING_ENV", "test")

from .base import *  # noqa: F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
STORAGES["staticfiles"]["BACKEND"] = "django.contrib.staticfiles.storage.StaticFilesStorage"  # noqa: F405
LOGGING["root"]["level"] = "WARNING"  # noqa: F405
# Unit tests run tasks in-process; tests/partnership/test_celery_worker.py proves the real
# path through Redis and a worker process.
CELERY_TASK_ALWAYS_EAGER = True
CELERY_TASK_EAGER_PROPAGATES = True
# Uploaded files go to a throwaway folder, never to a developer's var/private.
STORAGES["default"]["OPTIONS"]["location"] = tempfile.mkdtemp(prefix="learning-cycle-test-files-")  # noqa: F405
