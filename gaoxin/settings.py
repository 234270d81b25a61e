"""Gaoxin settings.

Configuration comes only from environment variables prefixed ``GAOXIN_`` (listed with their
defaults in ``.env.example``). The defaults run the embedded demo: SQLite under ``var/``,
no server to install.
"""

import datetime
import os
from pathlib import Path

import dj_database_url
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent
REPO_DIR = BASE_DIR.parent


def env(name: str, default: str = "") -> str:
    """``GAOXIN_<name>``, else the content of the file named by ``GAOXIN_<name>_FILE`` (secrets
    mounted as files, e.g. Docker or systemd credentials), else the default."""
    value = os.environ.get(f"GAOXIN_{name}")
    if value is None and os.environ.get(f"GAOXIN_{name}_FILE"):
        value = Path(os.environ[f"GAOXIN_{name}_FILE"]).read_text(encoding="utf-8").strip()
    return default if value is None else value


def env_bool(name: str, default: bool) -> bool:
    value = env(name, "")
    return default if value == "" else value.lower() in {"1", "true", "yes", "on"}


def env_int(name: str, default: int) -> int:
    value = env(name, "")
    return default if value == "" else int(value)


def env_list(name: str, default: str) -> list[str]:
    return [item.strip() for item in env(name, default).split(",") if item.strip()]


VAR_DIR = Path(env("VAR_DIR", str(REPO_DIR / "var")))
# Off unless asked for: a production install that forgets the variable shows no tracebacks.
DEBUG = env_bool("DEBUG", False)
# The development key is public: gaoxin.wsgi/asgi refuse to serve with it when DEBUG is off,
# and `check --deploy` reports it (core/checks.py); `gaoxin demo` makes a key of its own.
DEV_SECRET_KEY = "dev-only-insecure-key-change-me-in-production-0123456789"
SECRET_KEY = env("SECRET_KEY", DEV_SECRET_KEY)
CSRF_FAILURE_VIEW = "gaoxin.core.views_errors.csrf_failure"
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost,testserver")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", "")
# Behind a reverse proxy: record the first X-Forwarded-For address of a sign-in (core.auth_events).
TRUST_X_FORWARDED_FOR = env_bool("TRUST_X_FORWARDED_FOR", False)

# Served over HTTPS (behind a proxy that sets X-Forwarded-Proto): secure cookies, HSTS and a
# redirect to https. `gaoxin check --deploy` is clean with GAOXIN_HTTPS=true (docs/operations.md).
HTTPS = env_bool("HTTPS", False)
if HTTPS:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_SSL_REDIRECT = env_bool("SSL_REDIRECT", True)
    SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_HSTS_SECONDS = env_int("HSTS_SECONDS", 31536000)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("HSTS_INCLUDE_SUBDOMAINS", True)
    SECURE_HSTS_PRELOAD = env_bool("HSTS_PRELOAD", False)
# Preloading HSTS into browsers is a commitment for the whole domain: a zone decides it
# (GAOXIN_HSTS_PRELOAD), so `check --deploy` does not ask for it.
SILENCED_SYSTEM_CHECKS = [] if env_bool("HSTS_PRELOAD", False) else ["security.W021"]
SESSION_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
# Content-Security-Policy (django-csp, issue 12.9): no inline script anywhere, scripts and
# every fetch from this site only (the assets ship with it), styles inline too (ECharts and
# Tabler set style attributes). GAOXIN_CSP_REPORT_ONLY=true sends the same policy as
# Content-Security-Policy-Report-Only, to roll it out on an installation that has custom
# templates. The API docs page serves its own start script (SpectacularSwaggerSplitView).
CSP_DIRECTIVES = {
    "default-src": ["'self'"],
    "script-src": ["'self'"],
    "style-src": ["'self'", "'unsafe-inline'"],
    "img-src": ["'self'", "data:", "blob:"],
    "font-src": ["'self'", "data:"],
    "connect-src": ["'self'"],
    "frame-ancestors": ["'none'"],
    "form-action": ["'self'"],
    "base-uri": ["'self'"],
    "object-src": ["'none'"],
}
if env_bool("CSP_REPORT_ONLY", False):
    CONTENT_SECURITY_POLICY_REPORT_ONLY = {"DIRECTIVES": CSP_DIRECTIVES}
else:
    CONTENT_SECURITY_POLICY = {"DIRECTIVES": CSP_DIRECTIVES}

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.forms",
    "rest_framework",
    "rest_framework.authtoken",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "django_filters",
    "django_tables2",
    "django_htmx",
    "django_tasks",
    "django_tasks_db",
    "axes",
    "csp",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "gaoxin.core",
    "gaoxin.reference",
    "gaoxin.zone",
    "gaoxin.enterprises",
    "gaoxin.indicators",
    "gaoxin.goals",
    "gaoxin.projects",
    "gaoxin.chains",
    "gaoxin.attraction",
    "gaoxin.land",
    "gaoxin.payouts",
    "gaoxin.points",
    "gaoxin.cultivation",
    "gaoxin.policies",
    "gaoxin.talent",
    "gaoxin.portal",
    "gaoxin.visits",
    "gaoxin.govservices",
    "gaoxin.reports",
    "gaoxin.notify",
    "gaoxin.demo",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "gaoxin.core.middleware.SessionRenewalMiddleware",  # inside: renews before the save
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",  # request.user.is_verified(): the second step passed
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "gaoxin.core.middleware.RequestContextMiddleware",
    "gaoxin.core.middleware.UploadLimitMiddleware",
    "gaoxin.core.two_factor.SecondStepMiddleware",  # administrators: the code before any page
    "axes.middleware.AxesMiddleware",  # last: answers a locked-out login
]

ROOT_URLCONF = "gaoxin.urls"
# Widget templates come from the project's template dirs too (the industry code box).
FORM_RENDERER = "gaoxin.core.renderers.Renderer"  # TemplatesSetting, selects in Python
WSGI_APPLICATION = "gaoxin.wsgi.application"

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
                "django.template.context_processors.i18n",
                "gaoxin.core.context_processors.platform",
                "gaoxin.zone.context_processors.zone",
            ],
        },
    },
]

# --- database -------------------------------------------------------------------------
DATABASE_URL = env("DATABASE_URL", f"sqlite:///{VAR_DIR / 'gaoxin.sqlite3'}")
DATABASES = {"default": dj_database_url.parse(DATABASE_URL, conn_max_age=env_int("DB_CONN_MAX_AGE", 0))}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL + IMMEDIATE transactions + a busy timeout let the task worker and the web
    # process share the file without "database is locked" (library-spikes.md §1).
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "timeout": 30,
        "init_command": (
            "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=30000;"
            " PRAGMA cache_size=-65536; PRAGMA temp_store=MEMORY;"
        ),
    }
    DATABASES["default"]["TEST"] = {"NAME": env("TEST_SQLITE_NAME", "") or None}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# What a government system asks of a password: ≥ 10 characters, not like the user's name,
# not a common password, letters and digits.
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": env_int("PASSWORD_MIN_LENGTH", 10)},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
    {"NAME": "gaoxin.core.passwords.LettersAndDigitsValidator"},
]
# Sessions end after this many idle minutes: a request renews the session and its cookie,
# at most once a minute (core.middleware.SessionRenewalMiddleware; not a write per request).
SESSION_COOKIE_AGE = env_int("SESSION_IDLE_MINUTES", 8 * 60) * 60
SESSION_SAVE_EVERY_REQUEST = False
SESSION_RENEW_SECONDS = 60
# Login protection (django-axes): after GAOXIN_LOGIN_FAILURE_LIMIT wrong passwords for one user
# name from one address, that pair is locked for GAOXIN_LOGIN_LOCKOUT_MINUTES (429 with the
# reason in Chinese). An administrator unlocks at once: 系统管理 → 登录失败记录 → delete, or
# `gaoxin axes_reset_username NAME`.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "gaoxin.core.backends.CachedPermissionsBackend",  # ModelBackend, its sets cached (ADR 0015)
]
AXES_FAILURE_LIMIT = env_int("LOGIN_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = datetime.timedelta(minutes=env_int("LOGIN_LOCKOUT_MINUTES", 30))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "gaoxin.core.views_home.locked_out"
AXES_VERBOSE = False
LOGIN_URL = "login"
# Two-factor sign-in (django-otp, core/two_factor.py) for administrators (superusers and staff,
# who reach /admin/): "optional" (default: an administrator who enrolled at /account/otp/ gives
# a code after the password; the others are not asked), "required" (an administrator without
# an authenticator app enrols before any other page) or "off" (nobody is asked). `check
# --deploy` warns (gaoxin.W001) unless "required". Wrong codes wait 1, 2, 4, 8 … seconds
# (django-otp's throttling, per device); docs/operations.md.
OTP_ADMINS = env("OTP_ADMINS", "optional").strip().lower()


def OTP_TOTP_ISSUER(device):
    from gaoxin.core.two_factor import issuer

    return issuer()


OTP_ADMIN_HIDE_SENSITIVE_DATA = True  # the admin never shows another person's secret or QR code
OTP_BACKUP_CODES = 10
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

# --- cache ---------------------------------------------------------------------------
# Each process keeps its own cache in memory (nothing to install). Cached figures (the
# cockpit) are keyed by the data generation kept in the database (core.generation, ADR 0015),
# so a write seen by one gunicorn worker is seen by all at once. GAOXIN_FIGURES_CACHE=false
# computes the figures on every request (the load benchmark's peer).
CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "OPTIONS": {"MAX_ENTRIES": 2000},
    },
    # what every server process must count together (the API's throttle: gunicorn's workers
    # would each allow the full rate with the local-memory cache): a table of the database,
    # created by core's migration 0007
    "shared": {
        "BACKEND": "django.core.cache.backends.db.DatabaseCache",
        "LOCATION": "gaoxin_shared_cache",
        "OPTIONS": {"MAX_ENTRIES": 20000},
    },
}
FIGURES_CACHE = env_bool("FIGURES_CACHE", True)

# --- language and time ----------------------------------------------------------------
LANGUAGE_CODE = "zh-hans"
LANGUAGES = [("zh-hans", "简体中文"), ("en", "English")]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = env("TIME_ZONE", "Asia/Shanghai")
USE_I18N = True
USE_TZ = True

# --- static files ---------------------------------------------------------------------
STATIC_URL = "static/"
# WhiteNoise serves the assets from the apps' folders also without `collectstatic` (the demo
# serves with DEBUG off, so that nobody sees Django's debug or URL-list pages)
WHITENOISE_USE_FINDERS = True
STATIC_ROOT = VAR_DIR / "static"
STATIC_ROOT.mkdir(parents=True, exist_ok=True)  # WhiteNoise warns when it is missing
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_ROOT = VAR_DIR / "media"
MEDIA_URL = "media/"

# --- uploads --------------------------------------------------------------------------
# Uploads above the limit are refused from the Content-Length header, before any byte of
# the body is read (core.middleware.UploadLimitMiddleware); smaller files above
# FILE_UPLOAD_MAX_MEMORY_SIZE spool to disk instead of memory.
MAX_UPLOAD_BYTES = env_int("MAX_UPLOAD_MB", 20) * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 2 * 1024 * 1024
DATA_UPLOAD_MAX_NUMBER_FIELDS = 5000
# Imports with more data rows than this run as a background task with a progress bar.
IMPORT_SYNC_MAX_ROWS = env_int("IMPORT_SYNC_MAX_ROWS", 2000)
# Above this size the request only stores the upload and queues its job (nothing is parsed
# in the web process); a kind that cannot stream refuses a file of more rows than
# IMPORT_MAX_ROWS before building it; a result keeps the first IMPORT_MAX_ERRORS row errors
# (the full list is a downloadable .xlsx); uploads not committed are deleted after
# IMPORT_UPLOAD_RETENTION_DAYS (`gaoxin purge_uploads`, daily).
IMPORT_SYNC_MAX_BYTES = env_int("IMPORT_SYNC_MAX_KB", 1024) * 1024
IMPORT_MAX_ROWS = env_int("IMPORT_MAX_ROWS", 70_000)
IMPORT_MAX_ERRORS = env_int("IMPORT_MAX_ERRORS", 1000)
IMPORT_UPLOAD_RETENTION_DAYS = env_int("IMPORT_UPLOAD_RETENTION_DAYS", 30)
# Unpacked size an .xlsx may reach (zip-bomb guard) and the largest ratio per member.
XLSX_MAX_UNPACKED_BYTES = env_int("XLSX_MAX_UNPACKED_MB", 500) * 1024 * 1024
XLSX_MAX_RATIO = env_int("XLSX_MAX_RATIO", 200)

# --- domain configuration -------------------------------------------------------------
# Region prefixes (positions 3-8 of a credit code) of the early pilot format whose check
# digit may fail although the code is legally valid: a warning there, an error elsewhere
# (domain-rules.md §11). Configurable because the source names the region, not the range.
USCC_PILOT_PREFIXES = env_list("USCC_PILOT_PREFIXES", "35")

# --- background tasks -----------------------------------------------------------------
TASKS = {
    "default": {
        "BACKEND": env("TASK_BACKEND", "django_tasks_db.DatabaseBackend"),
        "QUEUES": ["default"],
    }
}

# --- reminders (gaoxin.notify, docs/notify.md) ------------------------------------------
# E-mail through Django's SMTP backend; the robots and the SMS gateway are configured as
# data in the admin (notify.ChannelConfig), not here.
EMAIL_BACKEND = env("EMAIL_BACKEND", "django.core.mail.backends.smtp.EmailBackend")
EMAIL_HOST = env("EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("EMAIL_PORT", 25)
EMAIL_HOST_USER = env("EMAIL_USER", "")
EMAIL_HOST_PASSWORD = env("EMAIL_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
EMAIL_USE_SSL = env_bool("EMAIL_USE_SSL", False)
EMAIL_TIMEOUT = env_int("EMAIL_TIMEOUT", 10)
DEFAULT_FROM_EMAIL = env("EMAIL_FROM", "gaoxin@localhost")
# Robots' webhooks: seconds to wait for an answer.
WEBHOOK_TIMEOUT = env_int("WEBHOOK_TIMEOUT", 10)
# The links in e-mails and robot messages start with this address.
SITE_URL = env("SITE_URL", "http://127.0.0.1:8000")
# The daily run (local time) and the waits before each retry of a failed delivery (minutes);
# after the last retry a delivery is failed.
REMINDERS_AT = env("REMINDERS_AT", "07:30")
REMINDER_RETRY_MINUTES = [int(m) for m in env_list("REMINDER_RETRY_MINUTES", "5,30,120")]

# --- API ------------------------------------------------------------------------------
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "rest_framework.authentication.SessionAuthentication",
        "gaoxin.core.drf.ExpiringTokenAuthentication",
    ],
    # per user and per anonymous address, counted in the "shared" cache (every process)
    "DEFAULT_THROTTLE_CLASSES": [
        "gaoxin.core.drf.AnonThrottle",
        "gaoxin.core.drf.UserThrottle",
    ],
    "DEFAULT_THROTTLE_RATES": {
        "anon": env("API_RATE_ANON", "30/min"),
        "user": env("API_RATE_USER", "600/min"),
    },
    "DEFAULT_PERMISSION_CLASSES": ["gaoxin.core.drf.ModelPermissions"],
    "DEFAULT_FILTER_BACKENDS": [
        "django_filters.rest_framework.DjangoFilterBackend",
        "rest_framework.filters.OrderingFilter",
    ],
    "DEFAULT_PAGINATION_CLASS": "gaoxin.core.drf.Pagination",
    "PAGE_SIZE": 50,
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "COERCE_DECIMAL_TO_STRING": True,
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Gaoxin API",
    "DESCRIPTION": "高新区管委会运营平台 API。Money is Decimal in 万元 (10^4 CNY), sent as strings.",
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "COMPONENT_SPLIT_REQUEST": True,
    # every operation's refusals (400/403/404/412/429) with their bodies (core/openapi.py)
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "gaoxin.core.openapi.add_error_responses",
    ],
    "ENUM_NAME_OVERRIDES": {
        "QualificationLevelEnum": "gaoxin.enterprises.models.QualificationType.Level",
        "ProjectStageEnum": "gaoxin.projects.models.Stage",
        "LeadStageEnum": "gaoxin.attraction.models.LeadStage",
        "FirmStageEnum": "gaoxin.points.models.Stage",
        "PolicyScopeEnum": "gaoxin.policies.models.Policy.Scope",
        "ScopeEnum": "gaoxin.indicators.models.Scope",
        "RecognitionStageEnum": "gaoxin.cultivation.models.RecognitionStage",
        "IndustryLevelEnum": "gaoxin.reference.models.Industry.Level",
        "RegionLevelEnum": "gaoxin.reference.models.Region.Level",
        "FirmRequestStatusEnum": "gaoxin.portal.models.FirmRequest.Status",
        "FirmRequestSourceEnum": "gaoxin.portal.models.FirmRequest.Source",
        "ParcelStatusEnum": "gaoxin.land.models.Parcel.Status",
        "LandRequestStatusEnum": "gaoxin.land.models.LandRequest.Status",
        "AllocationStatusEnum": "gaoxin.land.models.Allocation.Status",
        "VisitQuestionKindEnum": "gaoxin.visits.models.VisitQuestion.Kind",
        "VisitPlanStatusEnum": "gaoxin.visits.models.VisitPlan.Status",
        "VisitFlagEnum": "gaoxin.visits.models.Flag",
    },
}

# API tokens end after this many days (a new one: `gaoxin drf_create_token -r USER`).
API_TOKEN_DAYS = env_int("API_TOKEN_DAYS", 90)

# --- tables ---------------------------------------------------------------------------
DJANGO_TABLES2_TEMPLATE = "core/table.html"
DJANGO_TABLES2_PAGE_RANGE = 8

MESSAGE_STORAGE = "django.contrib.messages.storage.session.SessionStorage"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", "WARNING")},
}

PLATFORM_NAME = _("Gaoxin zone platform")

# Land (docs/land.md): the address the parcels' QR codes encode when the public pages are
# published under another name than the staff's (empty: the address staff use), and the
# overlap below which two parcel boundaries are taken as touching (drawing tolerance, m²).
PUBLIC_BASE_URL = env("PUBLIC_BASE_URL", "")
GAOXIN_LAND_OVERLAP_M2 = float(env("LAND_OVERLAP_M2", "1"))
# A reservation older than this many days without 出让/划拨 is on the land clerks' 待办; an
# optional tile server (e.g. https://tiles.example.gov.cn/{z}/{x}/{y}.png) behind the park map
# (empty: the offline drawing only — no online default).
LAND_RESERVATION_DAYS = int(env("LAND_RESERVATION_DAYS", "90"))
LAND_TILE_URL = env("LAND_TILE_URL", "")
if LAND_TILE_URL:  # the map's <image> tiles come from that server: the CSP allows its origin
    from urllib.parse import urlsplit

    _tiles = urlsplit(LAND_TILE_URL)
    CSP_DIRECTIVES["img-src"].append(f"{_tiles.scheme}://{_tiles.netloc}")

# The enterprise portal (docs/portal.md): how long an invitation of a colleague stays open, how
# many invitations and requests one user may send per hour, the size limit of an attachment.
PORTAL_INVITATION_DAYS = env_int("PORTAL_INVITATION_DAYS", 7)
PORTAL_INVITATIONS_PER_HOUR = env_int("PORTAL_INVITATIONS_PER_HOUR", 20)
PORTAL_REQUESTS_PER_HOUR = env_int("PORTAL_REQUESTS_PER_HOUR", 10)
PORTAL_ATTACHMENT_MB = env_int("PORTAL_ATTACHMENT_MB", 10)
