"""Settings for CCM Portal: one file, read from the environment.

Development defaults need nothing set: SQLite under var/, tasks run in-process,
mail printed on the console. Production sets DEBUG=false, SECRET_KEY,
ALLOWED_HOSTS, DATABASE_URL and REDIS_URL (see README.md).
"""

import sys
from pathlib import Path

import dj_database_url
from celery.schedules import crontab
from django.utils.csp import CSP
from django.utils.translation import gettext_lazy as _

from ccm_portal.lib.env import env_bool, env_int, env_list, env_str

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(env_str("VAR_DIR", str(BASE_DIR / "var")))

DEBUG = env_bool("DEBUG", True)

SECRET_KEY = env_str("SECRET_KEY")
if not SECRET_KEY:
    if not DEBUG:
        sys.exit("CCM Portal refuses to start: DEBUG is off and SECRET_KEY is not set.")
    SECRET_KEY = "django-insecure-development-only-key-never-used-in-production"  # noqa: S105

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["localhost", "127.0.0.1", "[::1]", "testserver"])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "modeltranslation",  # before the admin, which it extends with fields per language
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "simple_history",
    "ccm_portal",  # operations commands: backup, restore
    "accounts",
    "meetings",
    "documents",
    "consultations",
    "machinery",
    "submissions",
    "registration",
    "reporting",
    "api",  # the read-only JSON API (/api/v1/), over the apps' public functions
    "pages",  # the pages that show several apps at once: last, as no app depends on it
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "ccm_portal.middleware.RefuseNulMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Public pages for anonymous visitors straight from the cache (ccm_portal/lib/cache.py).
    "ccm_portal.lib.cache.PublicPageCacheMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "ccm_portal.middleware.ActingDelegationMiddleware",
    "accounts.middleware.AbsoluteSessionLifetimeMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "accounts.middleware.StaffMFAMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
]

ROOT_URLCONF = "ccm_portal.urls"
WSGI_APPLICATION = "ccm_portal.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            # |in_language: content in the page's language, or English marked as such.
            "builtins": ["ccm_portal.lib.content", "ccm_portal.lib.formatting"],
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "ccm_portal.lib.i18n.language_alternates",
                "django.template.context_processors.csp",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

# Database: SQLite under var/ unless DATABASE_URL says otherwise.
DATABASES = {
    "default": dj_database_url.parse(
        env_str("DATABASE_URL") or f"sqlite:///{VAR_DIR / 'ccm_portal.sqlite3'}",
        conn_max_age=env_int("DATABASE_CONN_MAX_AGE", 60),
        conn_health_checks=True,
    )
}
if env_str("DATABASE_NAME"):  # used by the test suite to point a Celery worker at the test database
    DATABASES["default"]["NAME"] = env_str("DATABASE_NAME")
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "home"

# django-allauth: sign-in by e-mail, no public sign-up (see accounts.adapter).
ACCOUNT_ADAPTER = "accounts.adapter.AccountAdapter"
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_EMAIL_VERIFICATION = "none"
ACCOUNT_EMAIL_SUBJECT_PREFIX = "[CCM Portal] "
ACCOUNT_LOGIN_ON_PASSWORD_RESET = False
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = False
ACCOUNT_RATE_LIMITS = {
    "login": "30/m/ip",
    "login_failed": "10/m/ip,5/5m/key",
    "reset_password": "20/m/ip,5/m/key",
    "reset_password_from_key": "20/m/ip",
    "change_password": "5/m/user",
}
# The portal's own rate limits (ccm_portal.lib.ratelimit), per signed-in person: changes to a
# submission (comments, files, consent, submit, withdraw) and receipt PDFs rendered on demand.
SUBMISSIONS_RATE_LIMIT = env_str("SUBMISSIONS_RATE_LIMIT", "60/m")
RECEIPT_PDF_RATE_LIMIT = env_str("RECEIPT_PDF_RATE_LIMIT", "20/m")
# Requests to the open data API per client address (answers from the page cache not counted).
API_RATE_LIMIT = env_str("API_RATE_LIMIT", "300/m")
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = "CCM Portal"
# Staff must have MFA whenever DEBUG is off (accounts.middleware.StaffMFAMiddleware).
STAFF_MFA_REQUIRED = env_bool("STAFF_MFA_REQUIRED", not DEBUG)

# Internationalization: English first; French and Spanish follow.
LANGUAGE_CODE = "en"
# Dates and times as the UN writes them in each language (ccm_portal/formats/).
FORMAT_MODULE_PATH = ["ccm_portal.formats"]
LANGUAGES = [("en", _("English")), ("fr", _("French")), ("es", _("Spanish"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
# Content in three languages (each app's translation.py): one column per language; a text
# missing in French or Spanish falls back to the English one (pages mark it "English only").
MODELTRANSLATION_DEFAULT_LANGUAGE = "en"
MODELTRANSLATION_LANGUAGES = ("en", "fr", "es")
MODELTRANSLATION_FALLBACK_LANGUAGES = ("en",)
TIME_ZONE = env_str("TIME_ZONE", "Europe/Zurich")
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = Path(env_str("STATIC_ROOT", str(VAR_DIR / "static")))
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "media/"
MEDIA_ROOT = Path(env_str("MEDIA_ROOT", str(VAR_DIR / "media")))
# Behind nginx: the internal location that serves MEDIA_ROOT (e.g. /protected-media/, see
# README.md, "Configuration"); a ready PDF is then answered with X-Accel-Redirect, sent by nginx.
PDF_ACCEL_REDIRECT_LOCATION = env_str("PDF_ACCEL_REDIRECT_LOCATION")
WHITENOISE_AUTOREFRESH = DEBUG
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}

# Redis: broker, cache and rate limits in production. Without it the cache is the database's
# cache table (made by the migration ccm_portal 0003), never one process's memory: every web
# process, worker and management command sees the same pages and the same rate limits.
REDIS_URL = env_str("REDIS_URL")
CACHE_TABLE = "ccm_portal_cache"
if REDIS_URL:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL}}
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.db.DatabaseCache",
            "LOCATION": CACHE_TABLE,
            "OPTIONS": {"MAX_ENTRIES": env_int("CACHE_MAX_ENTRIES", 50_000)},
        }
    }

# Public pages served from that cache to anonymous visitors (ccm_portal/lib/cache.py): how long
# a stored page lives at most (any change to a record replaces it at once), and the max-age
# browsers and shared caches are told (they revalidate with ETag / Last-Modified after it).
PUBLIC_PAGE_CACHE_SECONDS = env_int("PUBLIC_PAGE_CACHE_SECONDS", 600)
PUBLIC_PAGE_MAX_AGE = env_int("PUBLIC_PAGE_MAX_AGE", 0 if DEBUG else 60)
# Each process keeps the pages it served last (up to this many bytes), checks their versions in
# the shared cache on every request, or serves its copy this many seconds without asking (0: a
# change made by any process shows on the next request everywhere).
PUBLIC_PAGE_LOCAL_BYTES = env_int("PUBLIC_PAGE_LOCAL_BYTES", 16 * 1024 * 1024)
PUBLIC_PAGE_LOCAL_SECONDS = env_int("PUBLIC_PAGE_LOCAL_SECONDS", 0)

CELERY_BROKER_URL = env_str("CELERY_BROKER_URL") or REDIS_URL
# Tasks record their outcome on their own rows (and on their outbox message), so no result is
# stored and no result backend is configured: a web process that queues a task never talks to
# one (with Redis down, a result backend's reconnect loop used to block a request and then
# demand a restart). CELERY_RESULT_BACKEND sets one for a tool that wants results.
CELERY_RESULT_BACKEND = env_str("CELERY_RESULT_BACKEND") or None
CELERY_TASK_IGNORE_RESULT = True
CELERY_TASK_ALWAYS_EAGER = not CELERY_BROKER_URL
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_SOFT_TIME_LIMIT = env_int("CELERY_TASK_SOFT_TIME_LIMIT", 240)
CELERY_TASK_TIME_LIMIT = env_int("CELERY_TASK_TIME_LIMIT", 300)
# A render claimed longer ago than this was left by a worker that died: another run may take
# it over (documents.rendering).
DOCUMENT_RENDER_LEASE_SECONDS = env_int("DOCUMENT_RENDER_LEASE_SECONDS", CELERY_TASK_TIME_LIMIT + 60)
CELERY_WORKER_MAX_MEMORY_PER_CHILD = env_int("CELERY_WORKER_MAX_MEMORY_PER_CHILD", 400_000)  # KiB
CELERY_TASK_SERIALIZER = "json"
CELERY_RESULT_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_RESULT_EXPIRES = 3600
CELERY_TIMEZONE = TIME_ZONE
# Workers and beat wait for the broker (at start and whenever it goes away) instead of exiting.
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_BROKER_CONNECTION_RETRY = True
CELERY_BROKER_CONNECTION_MAX_RETRIES = None
# A task taken by a worker that dies (acks late) is given to another worker after this many
# seconds (Redis broker): longer than CELERY_TASK_TIME_LIMIT, so a task never runs twice at once.
# Publishing gives up within about a second when the broker is down (the outbox keeps the task),
# and a connection attempt to an address that does not answer gives up after two seconds. The
# pooled connection of a web process is checked again on its next use, so publishing works again
# as soon as Redis is back, without a restart (tests/robustness/test_broker_down.py).
CELERY_BROKER_TRANSPORT_OPTIONS = {
    "visibility_timeout": env_int("CELERY_VISIBILITY_TIMEOUT", 3600),
    "max_retries": 2,
    "interval_start": 0,
    "interval_step": 0.3,
    "interval_max": 0.5,
    "socket_connect_timeout": 2,
}
# Periodic work (`make beat`): the outbox sweep hands over the tasks the broker could not take
# when they were written (ccm_portal.lib.outbox).
CELERY_BEAT_SCHEDULE = {
    "outbox-sweep": {"task": "ccm_portal.outbox_sweep", "schedule": env_int("OUTBOX_SWEEP_SECONDS", 60)},
    # Personal data of registrations past their retention period (registration/services.py).
    "registration-erasures": {
        "task": "registration.queue_erasures",
        "schedule": env_int("REGISTRATION_ERASURE_SECONDS", 24 * 3600),
    },
    # Article 7 reminders (reporting/reminders.py), crontab lines ("minute hour day month weekday"):
    # focal points told in February that the annual report is due on 30 April (each State once a
    # year, so a daily run only catches up), and the ISU's weekly list of reports newly overdue.
    "reporting-annual-reminders": {
        "task": "reporting.queue_annual_reminders",
        "schedule": crontab.from_string(env_str("REPORTING_REMINDER_CRONTAB", "0 8 * 2 *")),
    },
    "reporting-overdue-list": {
        "task": "reporting.queue_overdue_list",
        "schedule": crontab.from_string(env_str("REPORTING_OVERDUE_LIST_CRONTAB", "0 8 * * 1")),
    },
}
# The security log (registration.SecurityEvent) keeps entries this long; the daily task above
# deletes older ones.
SECURITY_LOG_RETENTION_DAYS = env_int("SECURITY_LOG_RETENTION_DAYS", 365)

# Mail (Django 6.1 mailers): console in development, SMTP in production.
EMAIL_BACKEND_PATH = env_str(
    "EMAIL_BACKEND",
    "django.core.mail.backends.console.EmailBackend"
    if DEBUG
    else "django.core.mail.backends.smtp.EmailBackend",
)
_mail_options: dict = {}
if EMAIL_BACKEND_PATH.endswith("smtp.EmailBackend"):
    _mail_options = {
        "host": env_str("EMAIL_HOST", "localhost"),
        "port": env_int("EMAIL_PORT", 25),
        "username": env_str("EMAIL_HOST_USER"),
        "password": env_str("EMAIL_HOST_PASSWORD"),
        "use_tls": env_bool("EMAIL_USE_TLS", False),
        "timeout": env_int("EMAIL_TIMEOUT", 20),
    }
elif EMAIL_BACKEND_PATH.endswith("filebased.EmailBackend"):
    _mail_options = {"file_path": env_str("EMAIL_FILE_PATH", str(VAR_DIR / "mail"))}
MAILERS = {"default": {"BACKEND": EMAIL_BACKEND_PATH, "OPTIONS": _mail_options}}
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "CCM Portal <noreply@clusterconvention.org>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# Security. Production values are on whenever DEBUG is off.
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_AGE = env_int("SESSION_COOKIE_AGE", 12 * 3600)  # an absolute lifetime: no sliding
SESSION_SAVE_EVERY_REQUEST = False
CSRF_COOKIE_HTTPONLY = True
if not DEBUG:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
    SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 31_536_000)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_REDIRECT_EXEMPT = [r"^healthz$"]

# Content Security Policy (Django's built-in middleware): no inline script or style.
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF],
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
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
    # WeasyPrint and fontTools narrate every step of every PDF at INFO.
    "loggers": {
        "weasyprint": {"level": "WARNING"},
        "weasyprint.progress": {"level": "WARNING"},
        "fontTools": {"level": "WARNING"},
    },
}

SIMPLE_HISTORY_HISTORY_CHANGE_REASON_USE_TEXT_FIELD = True

SITE_NAME = env_str("SITE_NAME", "CCM Portal")
# The public address, for links in e-mails sent outside a request (commands, tasks).
SITE_URL = env_str("SITE_URL", "http://127.0.0.1:8000")
