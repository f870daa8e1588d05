"""K-LEAN settings: one module, every value from the environment.

With no environment at all it runs as the embedded default (``make run``):
SQLite file, Celery tasks run eagerly, e-mail printed to the console. Production
sets DATABASE_URL, REDIS_URL, SECRET_KEY, ALLOWED_HOSTS and EMAIL_URL; see the
configuration table in README.md.
"""

from datetime import timedelta
from pathlib import Path

import dj_database_url
from celery.schedules import crontab
from django.utils.translation import gettext_lazy as _

from klean.env import (
    email_settings,
    env_bool,
    env_int,
    env_list,
    env_str,
    redis_url_with_db,
)

BASE_DIR = Path(__file__).resolve().parent.parent

# --- Core -------------------------------------------------------------------

DEBUG = env_bool("DEBUG", default=False)

# The development key is recognised as insecure by `check --deploy`
# (security.W009), so a production deployment without SECRET_KEY fails the check.
SECRET_KEY = env_str("SECRET_KEY") or "django-insecure-klean-development-only-do-not-deploy"

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

# Served over HTTPS (directly or behind a proxy that sets X-Forwarded-Proto).
# Production sets HTTPS=true; `check --deploy` fails while it is off.
HTTPS = env_bool("HTTPS", default=False)

# Base address used in e-mails (invitations, password reset) sent from tasks.
SITE_URL = env_str("SITE_URL", "http://127.0.0.1:8000").rstrip("/")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django_htmx",
    "template_partials",
    "csp",
    "axes",
    "klean",
    "accounts",
    "projects",
    "processes",
    "feedback",
    "ideas",
    "reports",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "klean.middleware.SecurityHeadersMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "klean.middleware.LanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # Needs request.user: after AuthenticationMiddleware.
    "klean.middleware.PrivateResponsesMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "accounts.middleware.SessionLimitsMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "klean.urls"
WSGI_APPLICATION = "klean.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "accounts.context_processors.memberships",
            ],
            "builtins": ["template_partials.templatetags.partials"],
        },
    },
]

# --- Database -----------------------------------------------------------------

DATABASES = {
    "default": dj_database_url.parse(
        env_str("DATABASE_URL") or f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=env_int("DB_CONN_MAX_AGE", 600),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # The embedded default: concurrent requests wait for each other instead of
    # failing with "database is locked" (WAL lets readers run beside a writer;
    # IMMEDIATE takes the write lock when a transaction starts, so two writers
    # queue up within the busy timeout instead of deadlocking).
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Accounts, sessions, login ---------------------------------------------------

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "accounts.backends.MemberBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 10},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "accounts:login"
PASSWORD_RESET_TIMEOUT = 60 * 60 * 3

# A session lives at most 12 hours; organisations that ask for it log their
# members out after 30 minutes without activity (accounts.middleware).
SESSION_COOKIE_AGE = 12 * 60 * 60
# Working hours in one full-time equivalent (årsverk), for a process map's FTEs a year.
KLEAN_FTE_HOURS = env_int("FTE_HOURS", 1695)

SESSION_IDLE_TIMEOUT = timedelta(minutes=env_int("SESSION_IDLE_MINUTES", 30))
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_SECURE = HTTPS
CSRF_COOKIE_HTTPONLY = True
CSRF_COOKIE_SECURE = HTTPS
LANGUAGE_COOKIE_SECURE = HTTPS
LANGUAGE_COOKIE_HTTPONLY = True
LANGUAGE_COOKIE_SAMESITE = "Lax"
LANGUAGE_COOKIE_AGE = 365 * 24 * 60 * 60

INVITATION_VALID_FOR = timedelta(days=env_int("INVITATION_VALID_DAYS", 14))

# Brute-force protection: 5 failures for one e-mail address from one IP address
# within 15 minutes lock that pair; the same address from another IP still works.
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = timedelta(minutes=15)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_USERNAME_FORM_FIELD = "username"
AXES_USERNAME_CALLABLE = "accounts.auth.lockout_username"
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "accounts/locked_out.html"
AXES_HTTP_RESPONSE_CODE = 429
AXES_VERBOSE = False
# Behind proxies, the client's address is taken from X-Forwarded-For (klean.client).
TRUSTED_PROXY_COUNT = env_int("TRUSTED_PROXY_COUNT", 0)
AXES_CLIENT_IP_CALLABLE = "klean.client.client_ip"

# --- Security headers -----------------------------------------------------------

SECURE_SSL_REDIRECT = HTTPS
SECURE_REDIRECT_EXEMPT = [r"^healthz$", r"^ping$"]
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https") if HTTPS else None
SECURE_HSTS_SECONDS = env_int("HSTS_SECONDS", 31536000) if HTTPS else 0
SECURE_HSTS_INCLUDE_SUBDOMAINS = HTTPS
SECURE_HSTS_PRELOAD = HTTPS
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
CSRF_FAILURE_VIEW = "klean.views.csrf_failure"

CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "form-action": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'none'"],
        "frame-ancestors": ["'none'"],
    }
}

# --- Internationalisation ---------------------------------------------------------

LANGUAGE_CODE = "nb"
LANGUAGES = [
    ("nb", _("Norwegian Bokmål")),
    ("nn", _("Norwegian Nynorsk")),
    ("en", _("English")),
]
LOCALE_PATHS = [BASE_DIR / "locale"]
# Dates as 26.11.2026 in bokmål and nynorsk, 26 November 2026 in English, and
# day.month.year typed by hand in date fields (klean/formats).
FORMAT_MODULE_PATH = ["klean.formats"]
TIME_ZONE = "Europe/Oslo"
USE_I18N = True
USE_TZ = True

# --- Static and media files ---------------------------------------------------------

STATIC_URL = "/static/"
STATIC_ROOT = Path(env_str("STATIC_ROOT") or BASE_DIR / "staticfiles")
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env_str("MEDIA_ROOT") or BASE_DIR / "media")
# Report PDFs: a private folder outside MEDIA_ROOT and STATIC_ROOT with no URL;
# they are served only by the download view, which checks access (reports/storage.py).
REPORTS_ROOT = Path(env_str("REPORTS_ROOT") or BASE_DIR / "private")
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "klean.storage.StaticStorage"},
}
WHITENOISE_USE_FINDERS = DEBUG
WHITENOISE_AUTOREFRESH = DEBUG

# --- Cache ----------------------------------------------------------------------------
# Sessions and the signed-in user with their memberships, so that a page does
# not load them from the database on every request (QUALITY.md P2a). With
# REDIS_URL the cache is shared by every web process and survives a Redis
# outage as misses (klean.cache); without it (`make run`, one process) each
# process keeps its own. No rendered HTML is ever cached.
REDIS_CACHE_URL = env_str("REDIS_CACHE_URL") or redis_url_with_db(env_str("REDIS_URL"), 1)
CACHES = {
    "default": {
        "BACKEND": "klean.cache.TolerantRedisCache",
        "LOCATION": REDIS_CACHE_URL,
        "KEY_PREFIX": "klean",
        "TIMEOUT": 300,
        "OPTIONS": {"socket_connect_timeout": 0.25, "socket_timeout": 0.25},
    }
    if REDIS_CACHE_URL
    else {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": "klean",
        "TIMEOUT": 300,
        "OPTIONS": {"MAX_ENTRIES": 5000},
    }
}
SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"

# --- Tasks (Celery) -----------------------------------------------------------------

REDIS_URL = env_str("REDIS_URL")
CELERY_BROKER_URL = REDIS_URL or "memory://"
CELERY_TASK_ALWAYS_EAGER = not REDIS_URL
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_TIME_LIMIT = 300
CELERY_TASK_SOFT_TIME_LIMIT = 280
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_BROKER_CONNECTION_TIMEOUT = 1
# A web request that enqueues while Redis is down must fail fast, not hang.
CELERY_BROKER_TRANSPORT_OPTIONS = {
    "max_retries": 1,
    "interval_start": 0,
    "interval_step": 0.2,
    "interval_max": 0.5,
    "socket_connect_timeout": 1,
    "socket_timeout": 5,
}
CELERY_TIMEZONE = TIME_ZONE
CELERY_BEAT_SCHEDULE = {
    "purge-expired-invitations": {
        "task": "accounts.tasks.purge_expired_invitations",
        "schedule": timedelta(hours=6),
    },
    # Login records (django-axes) are kept at most 30 days (QUALITY.md G5).
    "purge-old-login-records": {
        "task": "accounts.tasks.purge_old_login_records",
        "schedule": timedelta(hours=1),
    },
    # Free-text feedback older than its form's retention period (QUALITY.md G3).
    "feedback-delete-expired-free-text": {
        "task": "feedback.tasks.delete_expired_free_text",
        "schedule": crontab(hour=3, minute=15),
    },
    # Each owner's open actions past their due date, Monday morning (ideas/notifications.py).
    "ideas-overdue-actions-digest": {
        "task": "ideas.tasks.send_overdue_digests",
        "schedule": crontab(hour=7, minute=0, day_of_week="mon"),
    },
    # Reports not sent when asked for (the broker was down) and reports whose
    # worker died: sent again (reports/services.py, QUALITY.md R2, R3).
    "reports-send-waiting": {
        "task": "reports.tasks.send_waiting_reports",
        "schedule": timedelta(minutes=1),
    },
}
# WeasyPrint's memory grows with each long document: a worker process is
# replaced once it holds more than this (in KiB) after a task.
CELERY_WORKER_MAX_MEMORY_PER_CHILD = env_int("WORKER_MAX_MEMORY_KB", 600_000)

# --- Resident feedback forms (feedback/protection.py) ----------------------------------
# A post sooner than this after the form was rendered is not stored (QUALITY.md S6).
KLEAN_FEEDBACK_MIN_SECONDS = 3
# Posts a minute from one client address to one form before 429; kiosk tablets are exempt.
KLEAN_FEEDBACK_POSTS_PER_MINUTE = env_int("FEEDBACK_POSTS_PER_MINUTE", 30)
# Kiosk: idle seconds before "Do you need more time?", seconds to answer it (WCAG 2.2.1:
# at least 20), and seconds the thank-you screen shows before the next person's form.
KLEAN_FEEDBACK_KIOSK_IDLE_SECONDS = 90
KLEAN_FEEDBACK_KIOSK_WARNING_SECONDS = 30
KLEAN_FEEDBACK_KIOSK_RESET_SECONDS = 20

# --- E-mail ---------------------------------------------------------------------------

DEFAULT_FROM_EMAIL = "K-LEAN <ikke-svar@klean.no>"
SERVER_EMAIL = DEFAULT_FROM_EMAIL
globals().update(email_settings(env_str("EMAIL_URL", "console://")))

# --- Logging ---------------------------------------------------------------------------

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
    "loggers": {
        "django.security.DisallowedHost": {"level": "ERROR"},
        # Lockouts are warnings; every successful login at INFO is noise.
        "axes": {"level": "WARNING"},
        # A line per page of every PDF report at INFO.
        "weasyprint": {"level": "WARNING"},
    },
}
