"""Settings for a deployment behind a TLS-terminating proxy.

Refuses to start with DEBUG on or without a strong SECRET_KEY given in the
environment: a production server must not run on a key generated into var/
that nobody backs up.
"""

import os

from rightsdesk.env import SettingError, env_bool, env_int
from rightsdesk.settings import *  # noqa: F403

if DEBUG:  # noqa: F405
    raise SettingError("DEBUG must be off in production")
_key = os.environ.get("SECRET_KEY", "")
if len(_key) < 50 or len(set(_key)) < 5:
    raise SettingError("SECRET_KEY must be set to at least 50 random characters in production")
SECRET_KEY = _key

SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
WHITENOISE_USE_FINDERS = False
