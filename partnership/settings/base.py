"""Settings for every environment, read from the environment through `env.py`.

Production is this module with production variables (LEARNING_ENV=production); tests use
`test.py`, which changes only what a test run needs.
"""

from datetime import timedelta

from celery.schedules import crontab

from .env import (
    BASE_DIR,
    IS_PRODUCTION,
    VAR_DIR,
    env,
    local_secret_key,
    required_in_production,
)

DEBUG = env.bool("DEBUG", default=not IS_PRODUCTION)
SECRET_KEY = required_in_production("SECRET_KEY", local_secret_key)
ALLOWED_HOSTS = env.list(
    "ALLOWED_HOSTS",
    default=[] if IS_PRODUCTION else ["127.0.0.1", "localhost", "[::1]"],
)
if IS_PRODUCTION and not ALLOWED_HOSTS:
    from django.core.exceptions import ImproperlyConfigured

    raise ImproperlyConfigured("ALLOWED_HOSTS must be set when LEARNING_ENV=production.")
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

# The partnership this installation serves, shown in the header, emails and reports.
PARTNERSHIP_NAME = env.str("PARTNERSHIP_NAME", default="Northbrook Safeguarding Children Partnership")
PARTNERSHIP_SHORT_NAME = env.str("PARTNERSHIP_SHORT_NAME", default="NSCP")
# The address that links in emails point at.
SITE_URL = env.str("SITE_URL", default="http://127.0.0.1:8000").rstrip("/")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_filters",
    "django_htmx",
    "simple_history",
    "axes",
    # Two-factor sign-in: authenticator apps (TOTP) and single-use recovery codes.
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    # Our apps: the core first, the sources of learning, then what reads them all.
    "partnership",
    "reviews",
    "audits",
    "training",
    "dashboards",
    # Meetings of the executive, the board and the subgroups, and their decisions.
    "governance",
    # The API for partners' reporting tools, its OpenAPI schema and documentation (api/).
    "rest_framework",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "api",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # The Content-Security-Policy header (CONTENT_SECURITY_POLICY below) on every response.
    "csp.middleware.CSPMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # No caching of signed-in pages and downloads; refusals and downloads logged. Right after
    # authentication, so that they see every response the middleware below may return.
    "partnership.security.middleware.NoStoreMiddleware",
    "partnership.security.middleware.SecurityEventMiddleware",
    "django.contrib.auth.middleware.LoginRequiredMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # Idle and absolute session timeouts, then two-factor: after auth and messages.
    "partnership.middleware_sessions.SessionTimeoutMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "partnership.two_factor.middleware.TwoFactorMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    # Axes last, as its documentation asks.
    "axes.middleware.AxesMiddleware",
]
# The benchmark (make bench) counts each request's queries in an X-Query-Count header.
QUERY_COUNT_HEADER = env.bool("QUERY_COUNT_HEADER", default=False)
if QUERY_COUNT_HEADER:
    MIDDLEWARE.insert(0, "partnership.middleware_query_count.QueryCountMiddleware")

ROOT_URLCONF = "partnership.urls"
WSGI_APPLICATION = "partnership.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "partnership.context_processors.partnership",
            ],
        },
    },
]
FORM_RENDERER = "partnership.forms.rendering.GovukFormRenderer"

# Database: SQLite in var/ for the quick start; PostgreSQL when DATABASE_URL is set.
DATABASES = {
    "default": env.db(
        "DATABASE_URL",
        default=f"sqlite:///{VAR_DIR / 'learning.sqlite3'}",
    )
}
DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=60)
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql" and not env.bool(
    "DATABASE_JIT", default=False
):
    # PostgreSQL's JIT compiles a plan when its cost estimate is high, which for our short
    # page queries costs more (tens of ms) than it saves. Off unless DATABASE_JIT=true.
    options = DATABASES["default"].setdefault("OPTIONS", {})
    options["options"] = f"{options.get('options', '')} -c jit=off".strip()
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Redis is the broker and the cache when REDIS_URL is set. Without it the quick start still
# runs real background jobs on kombu's filesystem transport and caches in memory.
REDIS_URL = env.str("REDIS_URL", default="")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
        }
    }
    CELERY_BROKER_URL = REDIS_URL
    # A task taken by a worker that is then killed goes back to the queue after this long
    # (Redis's default is an hour). It must exceed the longest a task can stay unacknowledged
    # (its time limit, after its longest retry wait), or a task still running is handed to a
    # second worker; see the README's operations notes.
    CELERY_BROKER_TRANSPORT_OPTIONS = {
        "visibility_timeout": env.int("BROKER_VISIBILITY_TIMEOUT_MINUTES", default=40) * 60
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    CELERY_BROKER_URL = "filesystem://"
    _queue_dir = VAR_DIR / "celery" / "queue"
    for _folder in (_queue_dir, VAR_DIR / "celery" / "control"):
        _folder.mkdir(parents=True, exist_ok=True)
    CELERY_BROKER_TRANSPORT_OPTIONS = {
        "data_folder_in": str(_queue_dir),
        "data_folder_out": str(_queue_dir),
        "control_folder": str(VAR_DIR / "celery" / "control"),
    }
# Rendered fragments of the big pages kept until the data changes (partnership/fragments.py): on
# only with a cache every process shares, as a write in one must reach the others' readers.
FRAGMENT_CACHE = env.bool("FRAGMENT_CACHE", default=bool(REDIS_URL))
FRAGMENT_CACHE_SECONDS = env.int("FRAGMENT_CACHE_SECONDS", default=15 * 60)
CELERY_TASK_IGNORE_RESULT = True
CELERY_TASK_ACKS_LATE = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_TIME_LIMIT = 300
CELERY_TASK_SOFT_TIME_LIMIT = 240
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_TIMEZONE = "Europe/London"
CELERY_BEAT_SCHEDULE_FILENAME = str(VAR_DIR / "celerybeat-schedule")

# The one schedule of background jobs. Each job is idempotent (see STYLE.md, principle 8).
CELERY_BEAT_SCHEDULE = {
    # Every day at 07:00: every due reminder of every app (six-monthly chasers, digests, …).
    "send-reminders-daily": {
        "task": "partnership.tasks.send_reminders_task",
        "schedule": crontab(hour=7, minute=0),
    },
    # Every day at 06:45: what the framework sends to the executive's agenda (Section 11
    # improvements outstanding six months after the overview), once each.
    "place-standing-agenda-items-daily": {
        "task": "governance.tasks.place_standing_items_task",
        "schedule": crontab(hour=6, minute=45),
    },
    # Every day at 03:15: delete expired sessions, so signed-out sessions leave no data behind.
    "clear-expired-sessions": {
        "task": "partnership.tasks.clear_expired_sessions_task",
        "schedule": crontab(hour=3, minute=15),
    },
    # Every day at 02:30: delete or anonymise what has passed its retention period (RETENTION).
    "apply-retention-daily": {
        "task": "partnership.tasks.apply_retention_task",
        "schedule": crontab(hour=2, minute=30),
    },
    # Every 10 minutes: the training analysis's stored figures for this programme year and the
    # last (sessions that have just started count as delivered; any write missed is caught up).
    "refresh-training-analysis-summary": {
        "task": "training.tasks.refresh_analysis_summary_task",
        "schedule": crontab(minute="*/10"),
    },
}

# Email: the console in development; SMTP in production from EMAIL_URL
# (smtp+tls://user:password@host:587). EMAIL_URL=filemail:// writes each email to a file in
# EMAIL_FILE_PATH instead.
EMAIL_CONFIG = env.email_url("EMAIL_URL", default="consolemail://")
globals().update(EMAIL_CONFIG)
EMAIL_FILE_PATH = env.str("EMAIL_FILE_PATH", default=str(VAR_DIR / "emails"))
EMAIL_TIMEOUT = env.int("EMAIL_TIMEOUT", default=20)
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="learning@northbrook-scp.example")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
# The business unit's shared mailbox, copied on escalations.
BUSINESS_UNIT_EMAIL = env.str("BUSINESS_UNIT_EMAIL", default="business.unit@northbrook-scp.example")

# People sign in with their email address.
AUTH_USER_MODEL = "partnership.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
LOGIN_URL = "partnership:login"
LOGIN_REDIRECT_URL = "partnership:home"
LOGOUT_REDIRECT_URL = "partnership:login"
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 12}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
# Password reset links last one hour; invitation links last INVITATION_DAYS days.
PASSWORD_RESET_TIMEOUT = 60 * 60
INVITATION_DAYS = env.int("INVITATION_DAYS", default=7)
# A published briefing's cascade: each named agency's lead confirms it by an emailed link that
# works once and lasts CASCADE_LINK_DAYS days; the cascade is due CASCADE_DUE_DAYS days after
# publishing, unless the source's dissemination plan says an earlier or later date.
CASCADE_LINK_DAYS = env.int("CASCADE_LINK_DAYS", default=28)
CASCADE_DUE_DAYS = env.int("CASCADE_DUE_DAYS", default=28)

# Login throttling: five wrong passwords lock the account for AXES_COOLOFF_MINUTES.
AXES_FAILURE_LIMIT = env.int("AXES_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = timedelta(minutes=env.int("AXES_COOLOFF_MINUTES", default=15))
# Lock the account, not the address: a partner agency's staff share one office address, and
# locking it would lock out everyone there after five typos. Rotating user agents or cookies
# cannot get round an account lock, which is what axes.W006 warns about for other parameters.
AXES_LOCKOUT_PARAMETERS = ["username"]
SILENCED_SYSTEM_CHECKS = ["axes.W006"]
AXES_RESET_ON_SUCCESS = True
# The sign-in form's email field keeps Django's name "username"; axes would otherwise look for
# the user model's USERNAME_FIELD ("email") and count nothing.
AXES_USERNAME_FORM_FIELD = "username"
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
AXES_VERBOSE = False

# A wrong current password or code is logged by axes with the request: never in clear.
AXES_SENSITIVE_PARAMETERS = [
    "username",
    "ip_address",
    "old_password",
    "new_password1",
    "new_password2",
    "code",
]

# Two-factor sign-in (partnership/two_factor/): required for the business unit, partnership
# leads, superusers and everyone who can see case reviews; optional for others, unless this is on.
TWO_FACTOR_REQUIRED_FOR_ALL = env.bool("TWO_FACTOR_REQUIRED_FOR_ALL", default=False)
# The name authenticator apps show beside the account.
OTP_TOTP_ISSUER = PARTNERSHIP_SHORT_NAME
# Development only: `seed_demo` gives demo people who need it an app with a published key, and
# the code page shows its current code. Never in production (seed_demo refuses to run there).
TWO_FACTOR_DEMO_DEVICES = env.str("LEARNING_ENV", default="development") == "development"

# Sessions end after SESSION_IDLE_TIMEOUT_MINUTES without a request, SESSION_ABSOLUTE_TIMEOUT_HOURS
# after signing in, and when the browser closes (partnership/middleware_sessions.py). The stored
# session lasts as long as the absolute limit, so the sign-in page can say why it ended.
SESSION_IDLE_TIMEOUT_MINUTES = env.int("SESSION_IDLE_TIMEOUT_MINUTES", default=30)
SESSION_ABSOLUTE_TIMEOUT_HOURS = env.int("SESSION_ABSOLUTE_TIMEOUT_HOURS", default=10)
SESSION_COOKIE_AGE = 60 * 60 * SESSION_ABSOLUTE_TIMEOUT_HOURS
SESSION_SAVE_EVERY_REQUEST = True
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = True

# Security headers; HTTPS-only settings apply in production.
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
# Content-Security-Policy (django-csp): our own scripts, styles, fonts and images only; no
# inline script or style anywhere (tests/partnership/test_security_headers.py scans the
# templates), no plugins, no <base>, forms post only to us, and no page may be framed.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'none'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}
if IS_PRODUCTION:
    SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=True)
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=60 * 60 * 24 * 365)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = env.bool("SECURE_HSTS_PRELOAD", default=True)
    SECURE_REDIRECT_EXEMPT = [r"^healthz$"]

LANGUAGE_CODE = "en-gb"
TIME_ZONE = "Europe/London"
USE_I18N = True
USE_TZ = True
# Dates as GOV.UK writes them everywhere, lists and tables too: 22 November 2026. Django's
# en_GB formats would win over these settings, so partnership/formats/ sets them for en-gb;
# they are typed in a GOV.UK date input (partnership/widgets.py).
FORMAT_MODULE_PATH = ["partnership.formats"]
DATE_FORMAT = "j F Y"
SHORT_DATE_FORMAT = "j F Y"
DATETIME_FORMAT = "j F Y, H:i"
SHORT_DATETIME_FORMAT = "j F Y, H:i"
DATE_INPUT_FORMATS = ["%d/%m/%Y", "%Y-%m-%d", "%d-%m-%Y", "%d %B %Y", "%d %b %Y"]

STATIC_URL = "/static/"
STATIC_ROOT = env.str("STATIC_ROOT", default=str(BASE_DIR / "staticfiles"))
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"location": str(VAR_DIR / "private"), "base_url": None},
    },
    "staticfiles": {
        "BACKEND": (
            "whitenoise.storage.CompressedManifestStaticFilesStorage"
            if IS_PRODUCTION
            else "django.contrib.staticfiles.storage.StaticFilesStorage"
        ),
    },
}
# Uploaded files are private: stored outside the static root, served only by checked views.
PRIVATE_FILES_ROOT = env.str("PRIVATE_FILES_ROOT", default=str(VAR_DIR / "private"))
STORAGES["default"]["OPTIONS"]["location"] = PRIVATE_FILES_ROOT
MAX_UPLOAD_MB = env.int("MAX_UPLOAD_MB", default=20)
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024

# Lists show this many rows a page.
PAGE_SIZE = env.int("PAGE_SIZE", default=25)

# The API (api/): personal tokens or the browser session; JSON or CSV; the same scoping as the
# pages. Anonymous requests get a 401. Numbers stay numbers (not strings) for reporting tools.
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "api.authentication.ApiTokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer", "api.renderers.CsvRenderer"],
    "DEFAULT_PARSER_CLASSES": ["rest_framework.parsers.JSONParser"],
    "DEFAULT_PAGINATION_CLASS": "api.pagination.ApiPagination",
    "PAGE_SIZE": 100,
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "COERCE_DECIMAL_TO_STRING": False,
    "TEST_REQUEST_DEFAULT_FORMAT": "json",
}
SPECTACULAR_SETTINGS = {
    "TITLE": f"{PARTNERSHIP_NAME}: learning cycle API",
    "DESCRIPTION": "Read the partnership's data as JSON or CSV (`?format=csv`) with a personal token "
    "(`Authorization: Token <key>`, created under Your account > API tokens). Every answer holds "
    "exactly what the token's owner sees on the pages.",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SERVE_PERMISSIONS": ["rest_framework.permissions.IsAuthenticated"],
    "SCHEMA_PATH_PREFIX": "/api/",
    "COMPONENT_SPLIT_REQUEST": True,
    # Swagger UI from drf-spectacular-sidecar's static files: no CDN.
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    # Several models have a `status`: each choice set keeps its own name in the schema.
    "ENUM_NAME_OVERRIDES": {
        "ActionStatusEnum": "partnership.models.ActionStatus",
        "ReturnStatusEnum": "audits.models.ReturnStatus",
        "RoundStatusEnum": "audits.models.RoundStatus",
        "SessionStatusEnum": "training.models.SessionStatus",
    },
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="INFO")},
    # WeasyPrint and fontTools log every page laid out and every font subset at INFO: noise.
    "loggers": {
        "axes": {"level": "WARNING"},
        "weasyprint": {"level": "WARNING"},
        "fontTools": {"level": "WARNING"},
    },
}

# Action plans. RAG: amber when due within RAG_AMBER_DUE_DAYS days and not updated for
# RAG_AMBER_STALE_DAYS days. Chasers go to the subgroup chair every CHASER_INTERVAL_MONTHS
# months while a plan has open actions; actions overdue by more than ESCALATE_AFTER_MONTHS
# months copy the business unit's mailbox in.
RAG_AMBER_DUE_DAYS = env.int("RAG_AMBER_DUE_DAYS", default=30)
RAG_AMBER_STALE_DAYS = env.int("RAG_AMBER_STALE_DAYS", default=60)
CHASER_INTERVAL_MONTHS = env.int("CHASER_INTERVAL_MONTHS", default=6)
CHASER_STALE_UPDATE_MONTHS = env.int("CHASER_STALE_UPDATE_MONTHS", default=3)
ESCALATE_AFTER_MONTHS = env.int("ESCALATE_AFTER_MONTHS", default=3)
# A reminder claimed but not sent for this long (a crashed worker) may be claimed again. Longer
# than the longest task's time limit (so a live run's claim is never taken over) and shorter
# than BROKER_VISIBILITY_TIMEOUT_MINUTES (so a task redelivered after its worker was killed
# sends what that worker left).
REMINDER_CLAIM_TIMEOUT_MINUTES = env.int("REMINDER_CLAIM_TIMEOUT_MINUTES", default=35)

# Case reviews' statutory clocks. Each number can be changed from the environment; each
# source is shown beside its clock on the review pages.
REVIEW_CLOCKS = {
    "panel_notification": {
        "name": "Notification to the national Panel",
        "working_days": env.int("CLOCK_PANEL_NOTIFICATION_WORKING_DAYS", default=5),
        "source": "Working Together to Safeguard Children 2023, chapter 5: the local authority notifies "
        "the Child Safeguarding Practice Review Panel within 5 working days of becoming aware of the incident.",
    },
    "rapid_review": {
        "name": "Rapid Review complete and sent to the Panel",
        "working_days": env.int("CLOCK_RAPID_REVIEW_WORKING_DAYS", default=15),
        "source": "Working Together to Safeguard Children 2023, chapter 5: the safeguarding partners complete "
        "a Rapid Review and send it to the Panel within 15 working days of the notification.",
    },
    "lcspr_report": {
        "name": "LCSPR final report",
        "months": env.int("CLOCK_LCSPR_MONTHS", default=6),
        "source": "Working Together to Safeguard Children 2023, chapter 5: the final report of an LCSPR within "
        "6 months of the decision to hold it.",
    },
    "publication_notice": {
        "name": "Final report sent to the Panel and the Secretary of State",
        "working_days": env.int("CLOCK_PUBLICATION_NOTICE_WORKING_DAYS", default=7),
        "source": "Working Together to Safeguard Children 2023, chapter 5: the final report is sent to the "
        "Panel and the Secretary of State at least 7 working days before it is published.",
    },
    "dhr_decision": {
        "name": "Decision whether to hold a DHR",
        "months": env.int("CLOCK_DHR_DECISION_MONTHS", default=1),
        "source": "Home Office statutory guidance for Domestic Homicide Reviews: the Community Safety "
        "Partnership decides within 1 month of the notification.",
    },
    "dhr_review": {
        "name": "DHR completed",
        "months": env.int("CLOCK_DHR_REVIEW_MONTHS", default=6),
        "source": "Home Office statutory guidance for Domestic Homicide Reviews: the review is completed within "
        "6 months of the decision to hold it.",
    },
}
# Warnings go this many working days before a clock runs out (and again on the day it is missed).
CLOCK_WARNING_WORKING_DAYS = env.int("CLOCK_WARNING_WORKING_DAYS", default=3)

# The annual report's submission clock. Working Together to Safeguard Children 2023, chapter 2
# (the safeguarding partners' yearly report): the partners publish the report and send it to the
# Child Safeguarding Practice Review Panel and to Foundations, the What Works Centre for Children
# & Families, within 7 days of publishing it (paraphrased: the reference search available when
# this was written held no copy of the guidance's own text; check it on gov.uk when it changes).
# The guidance says days, not working days, so this clock counts calendar days.
ANNUAL_REPORT_SUBMISSION_DAYS = env.int("ANNUAL_REPORT_SUBMISSION_DAYS", default=7)

# The partnership's year (reporting, training programme, audit programme) starts in this month.
REPORTING_YEAR_START_MONTH = env.int("REPORTING_YEAR_START_MONTH", default=4)
# Performance dataset: a value worse than its target by at most this % of the target is amber.
DATASET_AMBER_TOLERANCE_PERCENT = env.float("DATASET_AMBER_TOLERANCE_PERCENT", default=10.0)

# Training: booking reminders, evaluation on the day and the three-month follow-up.
TRAINING_BOOKING_REMINDER_WORKING_DAYS = env.int("TRAINING_BOOKING_REMINDER_WORKING_DAYS", default=2)
TRAINING_EVALUATION_REMINDER_DAYS = env.int("TRAINING_EVALUATION_REMINDER_DAYS", default=7)
TRAINING_EVALUATION_LINK_DAYS = env.int("TRAINING_EVALUATION_LINK_DAYS", default=30)
TRAINING_FOLLOW_UP_MONTHS = env.int("TRAINING_FOLLOW_UP_MONTHS", default=3)
TRAINING_FOLLOW_UP_REMINDER_DAYS = env.int("TRAINING_FOLLOW_UP_REMINDER_DAYS", default=14)
TRAINING_FOLLOW_UP_LINK_DAYS = env.int("TRAINING_FOLLOW_UP_LINK_DAYS", default=30)

# Retention: how long each kind of record is kept, and what happens then (`delete`, or
# `anonymise` where the rule supports it). `python manage.py apply_retention --dry-run` lists
# what is due; without the flag it acts and logs it. Each app adds its rules in its
# retention.py (partnership/security/retention.py explains the periods chosen).
RETENTION = {
    # From when the event happened.
    "security_events": {
        "months": env.int("RETENTION_SECURITY_EVENTS_MONTHS", default=24),
        "action": env.str("RETENTION_SECURITY_EVENTS_ACTION", default="delete"),
    },
    # From the date the reminder was for. The latest of each job and subject is kept while the
    # subject exists: it is what stops a job sending the same email again.
    "sent_reminders": {
        "months": env.int("RETENTION_SENT_REMINDERS_MONTHS", default=24),
        "action": env.str("RETENTION_SENT_REMINDERS_ACTION", default="delete"),
    },
    # Evidence files of an action plan, from when its last action closed.
    "action_evidence": {
        "months": env.int("RETENTION_ACTION_EVIDENCE_MONTHS", default=72),
        "action": env.str("RETENTION_ACTION_EVIDENCE_ACTION", default="delete"),
    },
    # A case review's private documents, from when the review closed.
    "review_documents": {
        "months": env.int("RETENTION_REVIEW_DOCUMENTS_MONTHS", default=180),
        "action": env.str("RETENTION_REVIEW_DOCUMENTS_ACTION", default="delete"),
    },
    # Training attendees' names, emails and line managers, from the end of the session.
    "training_attendees": {
        "months": env.int("RETENTION_TRAINING_ATTENDEES_MONTHS", default=36),
        "action": env.str("RETENTION_TRAINING_ATTENDEES_ACTION", default="anonymise"),
    },
}
