"""Tests: fast hashing, tasks run at once, files in a temporary folder."""

import tempfile
from pathlib import Path

from config.settings.base import *  # noqa: F403

EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
MEDIA_ROOT = Path(tempfile.mkdtemp(prefix="newsstand-test-media-"))
STATIC_ROOT = Path(tempfile.mkdtemp(prefix="newsstand-test-static-"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
# Far above anything the suite sends, so that the schemathesis run is never throttled; one test lowers them.
REST_FRAMEWORK = {
    **REST_FRAMEWORK,  # noqa: F405
    "DEFAULT_THROTTLE_RATES": {"anon": "100000/min", "user": "100000/min", "token": "100000/min"},
}

# Pages render at two widths in the tests, not three: the 1600 px rendition costs more than the rest together, and
# nothing a test checks depends on a third width (tests that need particular widths set their own).
NEWSSTAND_PAGE_WIDTHS = [320, 800]
