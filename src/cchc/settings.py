"""The one settings module: every knob is a CCHC_* environment variable (docs/settings.md)."""

from __future__ import annotations

from pathlib import Path

from cchc.env import (
    ConfigError,
    database_from_url,
    env_bool,
    env_clock,
    env_int,
    env_str,
    secret_key_file,
)

BASE_DIR = Path(__file__).resolve().parent
# The key earlier versions used by default: public, so refused in production.
PUBLIC_DEV_KEY = "cchc-development-only-secret-key-do-not-use-in-production"

DATA_DIR = Path(env_str("CCHC_DATA_DIR", "./var")).resolve()
DATA_DIR.mkdir(parents=True, exist_ok=True)
ANALYTICS_DIR = DATA_DIR / "analytics"

# Production by default: `cchc serve` and `cchc demo` run without debug pages; development
# turns them on with CCHC_DEBUG=true.
DEBUG = env_bool("CCHC_DEBUG", False)
# Without CCHC_SECRET_KEY, a key generated once into the data dir (mode 0600) and reused after.
SECRET_KEY = env_str("CCHC_SECRET_KEY", "") or secret_key_file(DATA_DIR / "secret_key")
if not DEBUG and SECRET_KEY == PUBLIC_DEV_KEY:
    raise ConfigError(
        "CCHC_SECRET_KEY là khóa phát triển công khai, bị từ chối khi CCHC_DEBUG tắt "
        "(CCHC_SECRET_KEY is the public development key, refused when CCHC_DEBUG is off)"
    )
# A replacement for the shipped civil-service notices file (calendar_notices.toml).
CALENDAR_NOTICES_FILE = env_str("CCHC_CALENDAR_NOTICES", "")
# Key for pseudonymising applicant identifiers; defaults to a derivation of SECRET_KEY.
PSEUDONYM_KEY = env_str("CCHC_PSEUDONYM_KEY", "") or f"pseudonym:{SECRET_KEY}"

ALLOWED_HOSTS = [h for h in env_str("CCHC_ALLOWED_HOSTS", "127.0.0.1,localhost").split(",") if h]
CSRF_TRUSTED_ORIGINS = [o for o in env_str("CCHC_CSRF_TRUSTED_ORIGINS", "").split(",") if o]

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "ninja",  # its templates and static files: /api/docs without a CDN
    "cchc.core",
    "cchc.dossiers",
    "cchc.analytics",
    "cchc.inspections",
    "cchc.explanations",
    "cchc.citizens",
    "cchc.plans",
    "cchc.indicators",
    "cchc.web",
    "cchc.notices",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "cchc.web.nul_guard.RejectNulMiddleware",
    "cchc.core.request_memo.RequestMemoMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "cchc.web.locale.VietnameseFirstLocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]

ROOT_URLCONF = "cchc.urls"
WSGI_APPLICATION = "cchc.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
            ],
        },
    },
]

DATABASES = {"default": database_from_url(env_str("CCHC_DATABASE_URL", ""), DATA_DIR)}
# Keep each worker thread's connection between requests: opening one per request cost a
# PostgreSQL server process per page (docs/web.md, "Việc của mỗi trang"); health-checked on reuse.
DATABASES["default"]["CONN_MAX_AGE"] = env_int("CCHC_DB_CONN_MAX_AGE", 300)
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
if DATABASES["default"]["ENGINE"].endswith("sqlite3"):
    DATABASES["default"]["OPTIONS"] = {
        "timeout": 30,
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        "transaction_mode": "IMMEDIATE",
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
]
LOGIN_URL = "/dang-nhap/"
LOGIN_REDIRECT_URL = "/"
LOGIN_MAX_FAILURES = env_int("CCHC_LOGIN_MAX_FAILURES", 5)
LOGIN_LOCKOUT_MINUTES = env_int("CCHC_LOGIN_LOCKOUT_MINUTES", 15)
INDICATORS_MIN_RANKED = env_int("CCHC_INDICATORS_MIN_RANKED", 20)  # docs/indicators.md
SURVEY_MIN_RANKED = env_int("CCHC_SURVEY_MIN_RANKED", 30)  # docs/citizens.md
SURVEY_QUESTIONNAIRE = env_str("CCHC_SURVEY_QUESTIONNAIRE", "")  # docs/citizens.md
# The province the system serves, as external indices (PAPI…) name it (docs/plans.md).
PROVINCE = env_str("CCHC_PROVINCE", "")

# Sessions are read from the shared cache in front of the database, and the logged-in user from
# this process's memory under the change stamp: two queries fewer on every page (docs/web.md).
SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
SESSION_CACHE_ALIAS = "default"
AUTHENTICATION_BACKENDS = ["cchc.core.remembered_users.RememberedModelBackend"]
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SECURE = not DEBUG
CSRF_COOKIE_SECURE = not DEBUG
SESSION_COOKIE_SAMESITE = "Lax"
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True

LANGUAGE_CODE = "vi"
LANGUAGES = [("vi", "Tiếng Việt"), ("en", "English")]
TIME_ZONE = "Asia/Ho_Chi_Minh"
USE_I18N = True
USE_TZ = True
LOCALE_PATHS = [BASE_DIR / "locale"]

STATIC_URL = "/static/"
STATIC_ROOT = DATA_DIR / "static"
STATIC_ROOT.mkdir(exist_ok=True)  # whitenoise warns about a missing folder
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
WHITENOISE_USE_FINDERS = True
MEDIA_ROOT = DATA_DIR / "media"

DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024

# Late-list rankings and figures: "default" is shared by the worker processes, "local" is each
# process's memory in front of it (cchc/web/data_cache.py, with the measurements behind the
# choice). Keyed by the data version, so old entries are unreachable after an import; they expire
# after a day or are culled beyond MAX_ENTRIES. `cchc serve` empties it at start (entries are
# pickles of this code's objects).
CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
        "LOCATION": str(DATA_DIR / "cache" / "django"),
        "TIMEOUT": 24 * 3600,
        "OPTIONS": {"MAX_ENTRIES": 5000},
    },
    "local": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "TIMEOUT": 24 * 3600,
        "OPTIONS": {"MAX_ENTRIES": 256},
    },
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("CCHC_LOG_LEVEL", "WARNING")},
}

# E-mail for reminders and escalations; without CCHC_SMTP_HOST only in-app notifications go out.
SMTP_HOST = env_str("CCHC_SMTP_HOST", "")
EMAIL_HOST = SMTP_HOST or "localhost"
EMAIL_PORT = env_int("CCHC_SMTP_PORT", 25)
EMAIL_HOST_USER = env_str("CCHC_SMTP_USER", "")
EMAIL_HOST_PASSWORD = env_str("CCHC_SMTP_PASSWORD", "")
EMAIL_USE_TLS = env_bool("CCHC_SMTP_TLS", False)
DEFAULT_FROM_EMAIL = env_str("CCHC_EMAIL_FROM", "cchc@localhost")
EMAIL_TIMEOUT = env_int("CCHC_SMTP_TIMEOUT", 20)  # seconds before a silent server is a failure
# An e-mail the server refused is tried again (1 min, 5 min, 30 min, 2 h, then daily) up to this
# many attempts in all (docs/reminders.md).
EMAIL_MAX_ATTEMPTS = env_int("CCHC_EMAIL_MAX_ATTEMPTS", 10)
# This site's address as users reach it, for links in e-mails (https://cchc.example.gov.vn).
SITE_URL = env_str("CCHC_SITE_URL", "").rstrip("/")
# Local time (Asia/Ho_Chi_Minh) at which the worker runs the daily jobs (reminders), HH:MM.
REMINDERS_AT = env_clock("CCHC_REMINDERS_AT", "07:00")
