"""Settings for the test suite: the real databases, fast password hashing, files in a temp dir."""

import os
import tempfile
from pathlib import Path

os.environ.setdefault("RIGHTSDESK_VAR", tempfile.mkdtemp(prefix="rightsdesk-test-var-"))

from rightsdesk.settings import *  # noqa: F403

# Argon2 is the production hasher; tests hash thousands of passwords.
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
FILES_ROOT = Path(tempfile.mkdtemp(prefix="rightsdesk-test-files-"))
# Each test rolls its database back, but a file outside it would not be:
# tests of the anchor point it at a file of their own.
AUDIT_ANCHOR_FILE = None
# Likewise cached counts would outlive the test that made them: tests of the cache use their own.
CACHES["counts"] = {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}  # noqa: F405

# A file, not memory, so tests can read what the database holds at rest.
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":  # noqa: F405
    DATABASES["default"]["TEST"] = {"NAME": str(Path(os.environ["RIGHTSDESK_VAR"]) / "test.sqlite3")}  # noqa: F405
