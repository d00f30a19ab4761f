"""Ondol settings, read from the environment.

Everything that differs between a laptop demo and production comes from an environment
variable; nothing secret is committed. `ONDOL_ENV=production` switches on the strict settings
that `manage.py check --deploy` looks for.
"""

from __future__ import annotations

import os
from datetime import timedelta
from pathlib import Path

import dj_database_url
from django.conf.locale import LANG_INFO
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

PACKAGE_DIR = Path(__file__).resolve().parent
BASE_DIR = Path(os.environ.get("ONDOL_HOME", PACKAGE_DIR.parent.parent)).resolve()
VAR_DIR = Path(os.environ.get("ONDOL_VAR_DIR", BASE_DIR / "var"))
SHARED_DATA_DIR = Path(os.environ.get("ONDOL_SHARED_DATA", BASE_DIR.parent / "shared" / "data"))


def env_bool(name: str, default: bool) -> bool:
    """Read a yes/no environment variable; anything but a clear yes or no is a mistake."""
    raw = os.environ.get(name)
    if raw is None or raw == "":
        return default
    lowered = raw.strip().lower()
    if lowered in {"1", "true", "yes", "on"}:
        return True
    if lowered in {"0", "false", "no", "off"}:
        return False
    raise ImproperlyConfigured(f"{name} must be true or false, not {raw!r}.")


def env_list(name: str, default: list[str]) -> list[str]:
    raw = os.environ.get(name)
    if not raw:
        return default
    return [item.strip() for item in raw.split(",") if item.strip()]


ONDOL_ENV = os.environ.get("ONDOL_ENV", "development").strip().lower()
if ONDOL_ENV not in {"development", "production", "test"}:
    raise ImproperlyConfigured("ONDOL_ENV must be development, test or production.")
PRODUCTION = ONDOL_ENV == "production"

_DEV_SECRET = "ondol-development-only-secret-key-do-not-use-in-production-0123456789"  # noqa: S105 — development only; production must set its own
SECRET_KEY = os.environ.get("SECRET_KEY", "" if PRODUCTION else _DEV_SECRET)
if PRODUCTION and len(SECRET_KEY) < 50:
    raise ImproperlyConfigured("SECRET_KEY must be set to at least 50 random characters in production.")

DEBUG = env_bool("DEBUG", default=False)
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", [] if PRODUCTION else ["127.0.0.1", "localhost", "testserver"])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])

# Personal identifiers (registration and passport numbers) are encrypted with this key.
# In development a fixed key keeps demo data readable between runs; production must set its own.
_DEV_FIELD_KEY = "b25kb2wtZGV2ZWxvcG1lbnQta2V5LW5vdC1zZWNyZXQ="
FIELD_ENCRYPTION_KEYS = env_list("ONDOL_FIELD_KEYS", [] if PRODUCTION else [_DEV_FIELD_KEY])
if PRODUCTION and not FIELD_ENCRYPTION_KEYS:
    raise ImproperlyConfigured("ONDOL_FIELD_KEYS must name at least one Fernet key in production.")
# Keyed hashes let staff find a record by its exact number without decrypting every row.
FIELD_HASH_KEY = os.environ.get("ONDOL_HASH_KEY", "" if PRODUCTION else "ondol-development-hash-key")
if PRODUCTION and len(FIELD_HASH_KEY) < 32:
    raise ImproperlyConfigured("ONDOL_HASH_KEY must be at least 32 characters in production.")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "axes",
    "csp",
    "template_partials",
    "django_tasks",
    "django_tasks_db",
    "ondol.core",
    "ondol.accounts",
    "ondol.guide",
    "ondol.eligibility",
    "ondol.cases",
    "ondol.complaints",
    "ondol.discovery",
    "ondol.fieldwork",
    "ondol.community",
    "ondol.centre",
    "ondol.stats",
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
    "ondol.accounts.middleware.StaffTwoFactorMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "axes.middleware.AxesMiddleware",
    "ondol.core.middleware.DomainErrorMiddleware",
]

ROOT_URLCONF = "ondol.urls"
WSGI_APPLICATION = "ondol.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [PACKAGE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "ondol.core.context.site",
            ],
            "builtins": ["template_partials.templatetags.partials"],
        },
    }
]

# --- Database -------------------------------------------------------------------------------
DEFAULT_SQLITE = VAR_DIR / "ondol.sqlite3"
DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL") or f"sqlite:///{DEFAULT_SQLITE}",
        conn_max_age=int(os.environ.get("ONDOL_DB_CONN_MAX_AGE", "60" if PRODUCTION else "0")),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # A fresh clone has no var/ yet, and SQLite creates the file but not its folder.
    Path(DATABASES["default"]["NAME"]).parent.mkdir(parents=True, exist_ok=True)
    # WAL lets the web server read while a background job writes.
    DATABASES["default"].setdefault("OPTIONS", {})
    DATABASES["default"]["OPTIONS"].update(
        {"init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;", "timeout": 20}
    )
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

CACHES = {
    "default": (
        {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": os.environ["REDIS_URL"]}
        if os.environ.get("REDIS_URL")
        else {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "ondol"}
    )
}

TASKS = {
    "default": {
        "BACKEND": os.environ.get(
            "ONDOL_TASK_BACKEND",
            "django_tasks_db.backend.DatabaseBackend"
            if PRODUCTION
            else "django_tasks.backends.immediate.ImmediateBackend",
        )
    }
}

# --- Accounts and security ------------------------------------------------------------------
AUTH_USER_MODEL = "accounts.User"
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "accounts:console"
LOGOUT_REDIRECT_URL = "core:home"
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 12}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = int(os.environ.get("ONDOL_LOGIN_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = timedelta(minutes=int(os.environ.get("ONDOL_LOGIN_COOLOFF_MINUTES", "15")))
# Lock a username after repeated failures from anywhere, and an address trying many usernames.
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "accounts/locked_out.html"
AXES_VERBOSE = False

# Two-factor is required of every staff account in production; the demo lets people try it.
ONDOL_REQUIRE_2FA = env_bool("ONDOL_REQUIRE_2FA", default=PRODUCTION)
OTP_TOTP_ISSUER = "Ondol"

SESSION_COOKIE_AGE = int(os.environ.get("ONDOL_SESSION_SECONDS", str(8 * 3600)))
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = True
LANGUAGE_COOKIE_SAMESITE = "Lax"
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"

if PRODUCTION:
    SECURE_SSL_REDIRECT = env_bool("ONDOL_SSL_REDIRECT", default=True)
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_HSTS_SECONDS = 31536000
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    LANGUAGE_COOKIE_SECURE = True

from csp.constants import NONE, SELF  # noqa: E402

CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}

# --- Languages ------------------------------------------------------------------------------
# Source strings are English; Korean is the default language of the site.
LANGUAGE_CODE = "ko"
LANGUAGES = [
    ("ko", _("Korean")),
    ("en", _("English")),
    ("vi", _("Vietnamese")),
    ("zh-hans", _("Simplified Chinese")),
    ("th", _("Thai")),
    ("ru", _("Russian")),
    ("uz", _("Uzbek")),
    ("mn", _("Mongolian")),
    ("ne", _("Nepali")),
    ("tl", _("Tagalog")),
    ("id", _("Indonesian")),
    ("ja", _("Japanese")),
    ("km", _("Khmer")),
    ("lo", _("Lao")),
]
# Django knows most of these; Tagalog and Lao need their own-name entries for the switcher.
LANG_INFO.setdefault("tl", {"bidi": False, "code": "tl", "name": "Tagalog", "name_local": "Tagalog"})
LANG_INFO.setdefault("lo", {"bidi": False, "code": "lo", "name": "Lao", "name_local": "ພາສາລາວ"})
LANG_INFO["zh-hans"]["name_local"] = "简体中文"
LANG_INFO["mn"]["name_local"] = "Монгол"
LANG_INFO["km"]["name_local"] = "ភាសាខ្មែរ"
LANG_INFO["uz"]["name_local"] = "Oʻzbekcha"
ONDOL_COMPLETE_LANGUAGES = ["ko", "en", "vi", "zh-hans"]
LOCALE_PATHS = [PACKAGE_DIR / "locale"]
USE_I18N = True
USE_TZ = True
TIME_ZONE = "Asia/Seoul"
LANGUAGE_COOKIE_NAME = "ondol_language"
LANGUAGE_COOKIE_AGE = 365 * 24 * 3600

# --- Static files and media -----------------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("ONDOL_MEDIA_ROOT", VAR_DIR / "media"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "whitenoise.storage.CompressedManifestStaticFilesStorage"
            if PRODUCTION
            else "django.contrib.staticfiles.storage.StaticFilesStorage"
        )
    },
}
WHITENOISE_USE_FINDERS = not PRODUCTION
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024

# --- Email and messages ---------------------------------------------------------------------
EMAIL_BACKEND = os.environ.get(
    "EMAIL_BACKEND",
    "django.core.mail.backends.smtp.EmailBackend" if PRODUCTION else "django.core.mail.backends.console.EmailBackend",
)
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", default=False)
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "Ondol <no-reply@ondol.localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
ONDOL_SMS_BACKEND = os.environ.get("ONDOL_SMS_BACKEND", "ondol.cases.messaging.channels.ConsoleSmsBackend")

# --- Logging --------------------------------------------------------------------------------
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": os.environ.get("ONDOL_LOG_LEVEL", "INFO")},
    "loggers": {"axes": {"level": "WARNING"}},
}

# The public address of the site, for links in emails and text messages sent outside a request.
ONDOL_SITE_URL = os.environ.get("ONDOL_SITE_URL", "http://127.0.0.1:8000").rstrip("/")

ONDOL_PUBLIC_PHONE_NUMBERS = [
    ("1345", _("Immigration contact centre, 20 languages")),
    ("1577-1366", _("Danuri helpline for multicultural families, 13 languages")),
    ("129", _("Health and welfare call centre")),
]
