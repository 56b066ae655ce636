"""Settings for rightsdesk, read from environment variables.

Defaults are safe for one office server: DEBUG off, SQLite in WAL mode under
var/, a secret key generated once into var/. `rightsdesk.settings_production`
adds what a deployment behind TLS needs.
"""

from pathlib import Path

import dj_database_url
from django.utils.csp import CSP
from django.utils.translation import gettext_lazy as _

from rightsdesk.env import env_bool, env_int, env_list, env_str, secret_key_from

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(env_str("RIGHTSDESK_VAR", str(BASE_DIR / "var"))).resolve()

DEBUG = env_bool("DEBUG", False)
SECRET_KEY = secret_key_from(VAR_DIR)
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost", "[::1]"])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.forms",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "rightsdesk",
    "audit",
    "vocabularies",
    "accounts",
    "people",
    "casework",
    "search",
    "deathpenalty",
    "monitoring",
    "publishing",
    "bench",
    "advocacy",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "accounts.middleware.SessionTimeoutMiddleware",
    "accounts.middleware.RequireVerifiedLoginMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "rightsdesk.middleware.PrivateCacheMiddleware",
]

ROOT_URLCONF = "rightsdesk.urls"
WSGI_APPLICATION = "rightsdesk.wsgi.application"

# Widgets render through the project's templates, so rightsdesk/templates can
# override one (django/forms/widgets/select.html, for speed).
FORM_RENDERER = "django.forms.renderers.TemplatesSetting"
TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "rightsdesk" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.template.context_processors.csp",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "rightsdesk.context_processors.navigation",
            ],
        },
    },
]

_sqlite_path = VAR_DIR / "rightsdesk.sqlite3"
DATABASES = {"default": dj_database_url.parse(env_str("DATABASE_URL", f"sqlite:///{_sqlite_path}"), conn_max_age=60)}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets readers work while one writer commits; synchronous=FULL so an
    # acknowledged write survives a power cut; IMMEDIATE transactions take the
    # write lock up front instead of failing half-way with "database is locked".
    # The connection is kept between requests (conn_max_age above), as on PostgreSQL: opening one
    # costs a few milliseconds of every page (the pragmas, reading the schema of 84 tables, a cold
    # page cache), ~8 ms of a 32 ms case list under load (docs/scaling.md, fourth round). A kept
    # connection holds no lock between requests: each request's reads and writes end with it.
    DATABASES["default"]["OPTIONS"] = {
        "init_command": (
            "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; PRAGMA foreign_keys=ON; PRAGMA busy_timeout=10000;"
        ),
        "transaction_mode": "IMMEDIATE",
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Caches. "public_pages" keeps rendered public pages for anonymous visitors (publishing.cache);
# it lives in files under var/ so that every worker process sees the same pages and the same
# version number, which the publishing and death-penalty actions raise to forget them all.
CACHES = {
    "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
    "public_pages": {
        "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
        "LOCATION": str(VAR_DIR / "cache" / "public-pages"),
        "TIMEOUT": 600,
        "OPTIONS": {"MAX_ENTRIES": 5000, "CULL_FREQUENCY": 4},
    },
    # Aggregates shared by an office's staff (casework.counts), in files for the same reason.
    "counts": {
        "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
        "LOCATION": str(VAR_DIR / "cache" / "counts"),
        "TIMEOUT": 600,
        "OPTIONS": {"MAX_ENTRIES": 2000, "CULL_FREQUENCY": 4},
    },
}

AUTH_USER_MODEL = "accounts.User"
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
    # Millions of passwords from breaches, shipped offline (accounts/passwords.py).
    {"NAME": "accounts.passwords.BreachedPasswordValidator"},
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "casework:dashboard"

# Accounts policy.
RIGHTSDESK_REQUIRE_2FA_FOR_ALL = env_bool("RIGHTSDESK_REQUIRE_2FA_FOR_ALL", False)
RIGHTSDESK_LOGIN_FAILURE_LIMIT = env_int("RIGHTSDESK_LOGIN_FAILURE_LIMIT", 5)
RIGHTSDESK_LOCKOUT_MINUTES = env_int("RIGHTSDESK_LOCKOUT_MINUTES", 15)
RIGHTSDESK_IDLE_TIMEOUT_MINUTES = env_int("RIGHTSDESK_IDLE_TIMEOUT_MINUTES", 30)
RIGHTSDESK_EMERGENCY_ACCESS_MINUTES = env_int("RIGHTSDESK_EMERGENCY_ACCESS_MINUTES", 60)
RIGHTSDESK_REAUTH_MINUTES = env_int("RIGHTSDESK_REAUTH_MINUTES", 10)
SESSION_COOKIE_AGE = env_int("RIGHTSDESK_SESSION_HOURS", 10) * 3600
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = True
OTP_TOTP_ISSUER = env_str("RIGHTSDESK_OTP_ISSUER", "rightsdesk")

# Records kept in the full-text index; each has search_text().
# Every model with search documents (search.rebuild recomputes them from these).
RIGHTSDESK_SEARCH_INDEXED_MODELS = [
    "people.Person",
    "casework.Consultation",
    "casework.Case",
    "monitoring.Event",
    "publishing.PublishedRecord",
]
# How long a worker remembers that a search has many matches, so that it walks the list at once
# (search.frequent); 0 remembers nothing, and every search counts its matches first.
RIGHTSDESK_SEARCH_HINT_MINUTES = env_int("RIGHTSDESK_SEARCH_HINT_MINUTES", 15)

# Files: case documents and evidence live outside any web root and are served
# only by views that check access first.
FILES_ROOT = Path(env_str("RIGHTSDESK_FILES", str(VAR_DIR / "files"))).resolve()
# The signed head of the audit chain, outside the database (audit/anchor.py).
AUDIT_ANCHOR_FILE: Path | None = VAR_DIR / "audit-anchor.json"
RIGHTSDESK_DOCUMENT_MAX_BYTES = env_int("RIGHTSDESK_DOCUMENT_MAX_MB", 20) * 1024 * 1024
RIGHTSDESK_IMPORT_MAX_BYTES = env_int("RIGHTSDESK_IMPORT_MAX_MB", 5) * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 2 * 1024 * 1024
FILE_UPLOAD_PERMISSIONS = 0o600
FILE_UPLOAD_DIRECTORY_PERMISSIONS = 0o700

LANGUAGE_CODE = "en"
LANGUAGES = [("en", _("English")), ("ru", _("Russian")), ("kk", _("Kazakh"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
FORMAT_MODULE_PATH = ["rightsdesk.formats"]
TIME_ZONE = env_str("TIME_ZONE", "Asia/Almaty")
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
# WhiteNoise expects the collected-static folder to exist even when it serves from the finders.
STATIC_ROOT.mkdir(parents=True, exist_ok=True)
STATICFILES_DIRS = [BASE_DIR / "static"]
WHITENOISE_USE_FINDERS = True

# Security headers that hold everywhere; TLS-only ones are in settings_production.
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF, CSP.NONCE],
    "style-src": [CSP.SELF],
    "img-src": [CSP.SELF, "data:"],
    "font-src": [CSP.SELF],
    "connect-src": [CSP.SELF],
    "object-src": [CSP.NONE],
    "base-uri": [CSP.SELF],
    "form-action": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "redacting": {
            "()": "rightsdesk.log_format.RedactingFormatter",
            "format": "%(asctime)s %(levelname)s %(name)s %(message)s",
        },
    },
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "redacting"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "WARNING")},
    # pypdf describes what is wrong with a broken PDF by quoting its bytes; an evidence file's
    # content does not belong in the logs, and the editor is told the file was refused.
    "loggers": {"pypdf": {"level": "CRITICAL"}},
}
