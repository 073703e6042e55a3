"""factcheck settings: every value comes from the environment, with safe development defaults.

With nothing set the project runs on SQLite in ``data/`` and Celery tasks run eagerly in
process, so no service is needed.  ``DATABASE_URL`` and ``CELERY_BROKER_URL`` switch to
PostgreSQL and Redis; ``DJANGO_ENV=production`` turns on the secure settings and requires
``DJANGO_SECRET_KEY``.
"""

from pathlib import Path

import environ
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent
DATA_DIR = BASE_DIR / "data"

env = environ.Env()

DJANGO_ENV = env.str("DJANGO_ENV", default="development")
PRODUCTION = DJANGO_ENV == "production"

DEBUG = env.bool("DJANGO_DEBUG", default=not PRODUCTION)
if PRODUCTION:
    SECRET_KEY = env.str("DJANGO_SECRET_KEY", default="") or env.str("SECRET_KEY", default="")
    if not SECRET_KEY:
        raise ImproperlyConfigured("DJANGO_ENV=production needs DJANGO_SECRET_KEY to be set.")
else:
    SECRET_KEY = env.str("DJANGO_SECRET_KEY", default="dev-only-insecure-key-do-not-use-in-production")

ALLOWED_HOSTS = env.list("DJANGO_ALLOWED_HOSTS", default=[] if PRODUCTION else ["*"])
CSRF_TRUSTED_ORIGINS = env.list("DJANGO_CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "rest_framework",
    "rest_framework_api_key",
    "django_filters",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "django_celery_beat",
    "simple_history",
    "sources",
    "claims",
    "partners",
    "reports",
    "review",
    "credibility",
    "public",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "factcheck.csp.ContentSecurityPolicyMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
]

if PRODUCTION:
    # Serves collected static files from gunicorn; in development runserver serves them.
    MIDDLEWARE.insert(1, "whitenoise.middleware.WhiteNoiseMiddleware")

# Try a policy change without enforcing it: the browser reports what it would block.
FACTCHECK_CSP_REPORT_ONLY = env.bool("FACTCHECK_CSP_REPORT_ONLY", default=False)

ROOT_URLCONF = "factcheck.urls"
WSGI_APPLICATION = "factcheck.wsgi.application"

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
            ],
        },
    },
]

DATABASES = {
    "default": env.db("DATABASE_URL", default=f"sqlite:///{DATA_DIR / 'factcheck.sqlite3'}"),
}
DATABASES["default"]["ATOMIC_REQUESTS"] = False
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    DATABASES["default"]["CONN_MAX_AGE"] = env.int("DJANGO_CONN_MAX_AGE", default=60)
    DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTHENTICATION_BACKENDS = ["factcheck.auth.ProductionSafeModelBackend"]

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en-us"
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if PRODUCTION
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}
MEDIA_URL = "media/"
MEDIA_ROOT = env.path("DJANGO_MEDIA_ROOT", default=str(DATA_DIR / "media"))

# Upload and body limits: a partner's oversized submission is refused, not stored.
DATA_UPLOAD_MAX_MEMORY_SIZE = env.int("DJANGO_DATA_UPLOAD_MAX_MEMORY_SIZE", default=2 * 1024 * 1024)
FACTCHECK_MAX_ARTICLE_BYTES = env.int("FACTCHECK_MAX_ARTICLE_BYTES", default=1024 * 1024)

# --- Monitoring: fetching URLs and polling feeds (sources/fetching.py, sources/feeds.py) ----------
FACTCHECK_FETCH_USER_AGENT = env.str(
    "FACTCHECK_FETCH_USER_AGENT", default="factcheck/1.0 (+https://github.com/factcheck; claim tracker)"
)
FACTCHECK_FETCH_CONNECT_TIMEOUT = env.float("FACTCHECK_FETCH_CONNECT_TIMEOUT", default=5.0)
FACTCHECK_FETCH_READ_TIMEOUT = env.float("FACTCHECK_FETCH_READ_TIMEOUT", default=10.0)
# The whole fetch, redirects and reading included.
FACTCHECK_FETCH_DEADLINE = env.float("FACTCHECK_FETCH_DEADLINE", default=20.0)
FACTCHECK_FETCH_MAX_BYTES = env.int("FACTCHECK_FETCH_MAX_BYTES", default=4 * FACTCHECK_MAX_ARTICLE_BYTES)
FACTCHECK_FETCH_MAX_REDIRECTS = env.int("FACTCHECK_FETCH_MAX_REDIRECTS", default=5)
# Hosts, addresses or networks (CIDR) fetched although they are not public; empty in production.
FACTCHECK_FETCH_ALLOW_PRIVATE_HOSTS = env.list("FACTCHECK_FETCH_ALLOW_PRIVATE_HOSTS", default=[])
# Politeness: at least this many seconds between two requests to one host (0 turns it off), and how
# long a fetch waits for its turn before giving up.
FACTCHECK_FETCH_HOST_INTERVAL = env.float("FACTCHECK_FETCH_HOST_INTERVAL", default=1.0)
FACTCHECK_FETCH_HOST_MAX_WAIT = env.float("FACTCHECK_FETCH_HOST_MAX_WAIT", default=30.0)
# Feeds: entries ingested per poll, attempts at an entry whose page fails, longest back-off (seconds).
FACTCHECK_FEED_MAX_ENTRIES = env.int("FACTCHECK_FEED_MAX_ENTRIES", default=50)
FACTCHECK_FEED_ENTRY_MAX_ATTEMPTS = env.int("FACTCHECK_FEED_ENTRY_MAX_ATTEMPTS", default=3)
FACTCHECK_FEED_MAX_BACKOFF = env.int("FACTCHECK_FEED_MAX_BACKOFF", default=24 * 60 * 60)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env.str("DJANGO_LOG_LEVEL", default="INFO")},
}

# --- Security (production) ---------------------------------------------------------------
if PRODUCTION:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_SSL_REDIRECT = env.bool("DJANGO_SECURE_SSL_REDIRECT", default=True)
    # The compose and load-balancer healthchecks ask over plain HTTP inside the network.
    SECURE_REDIRECT_EXEMPT = [r"^health/$"]
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_HSTS_SECONDS = env.int("DJANGO_SECURE_HSTS_SECONDS", default=60 * 60 * 24 * 365)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    SECURE_CONTENT_TYPE_NOSNIFF = True
    X_FRAME_OPTIONS = "DENY"
    SECURE_SSL_HOST = env.str("DJANGO_SECURE_SSL_HOST", default=None)

# --- Email ---------------------------------------------------------------------------------
EMAIL_CONFIG = env.email_url("DJANGO_EMAIL_URL", default="consolemail://")
vars().update(EMAIL_CONFIG)
DEFAULT_FROM_EMAIL = env.str("DJANGO_DEFAULT_FROM_EMAIL", default="factcheck <reports@factcheck.invalid>")
FACTCHECK_BASE_URL = env.str("FACTCHECK_BASE_URL", default="http://127.0.0.1:8000")

# --- Public pages and ClaimReview (public/, claims/claimreview.py) ---------------------------
# The address readers reach the public pages at: ClaimReview's url is a page on it.
FACTCHECK_PUBLIC_BASE_URL = env.str("FACTCHECK_PUBLIC_BASE_URL", default=FACTCHECK_BASE_URL).rstrip("/")
# The organisation that publishes the fact checks (ClaimReview's author; the pages' masthead).
FACTCHECK_ORG_NAME = env.str("FACTCHECK_ORG_NAME", default="factcheck")
FACTCHECK_ORG_URL = env.str("FACTCHECK_ORG_URL", default=FACTCHECK_PUBLIC_BASE_URL + "/")
# An absolute logo URL; empty: the logo shipped with the public pages, on FACTCHECK_PUBLIC_BASE_URL.
FACTCHECK_ORG_LOGO = env.str("FACTCHECK_ORG_LOGO", default="")
# Seconds shared caches and browsers may keep a public page (Cache-Control: public, max-age).
FACTCHECK_PUBLIC_MAX_AGE = env.int("FACTCHECK_PUBLIC_MAX_AGE", default=300)

# --- Celery --------------------------------------------------------------------------------
# No broker configured: tasks run eagerly in process (development and the default tests).
CELERY_BROKER_URL = env.str("CELERY_BROKER_URL", default="")
CELERY_TASK_ALWAYS_EAGER = env.bool("CELERY_TASK_ALWAYS_EAGER", default=not CELERY_BROKER_URL)
CELERY_TASK_EAGER_PROPAGATES = True
if not CELERY_BROKER_URL:
    CELERY_BROKER_URL = "memory://"
# Chords (the contradiction rescan) need a result backend: Redis, the broker's server, by default.
CELERY_RESULT_BACKEND = (
    env.str(
        "CELERY_RESULT_BACKEND", default=CELERY_BROKER_URL if CELERY_BROKER_URL.startswith("redis") else ""
    )
    or None
)
CELERY_RESULT_EXPIRES = 24 * 60 * 60
CELERY_RESULT_BACKEND_TRANSPORT_OPTIONS = {"retry_policy": {"timeout": 2.0}}
CELERY_TASK_SERIALIZER = "json"
CELERY_RESULT_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_TIMEZONE = TIME_ZONE
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_SOFT_TIME_LIMIT = env.int("CELERY_TASK_SOFT_TIME_LIMIT", default=300)
CELERY_TASK_TIME_LIMIT = env.int("CELERY_TASK_TIME_LIMIT", default=360)
# Enqueueing never holds a web request: a short connect timeout, one attempt, no retry (the write that
# enqueues has committed already, and a periodic sweep over a state column sends the work later:
# claims' pending checks, articles still "received", URL submissions still "queued", rescan blocks not done).
CELERY_BROKER_CONNECT_TIMEOUT = env.float("CELERY_BROKER_CONNECT_TIMEOUT", default=0.5)
CELERY_BROKER_CONNECTION_TIMEOUT = CELERY_BROKER_CONNECT_TIMEOUT
# Longer than the longest task, so an unacknowledged message is not redelivered mid-run.
CELERY_BROKER_TRANSPORT_OPTIONS = {
    "visibility_timeout": env.int("CELERY_VISIBILITY_TIMEOUT", default=3600),
    "socket_connect_timeout": CELERY_BROKER_CONNECT_TIMEOUT,
}
CELERY_TASK_PUBLISH_RETRY_POLICY = {
    "max_retries": 0,
    "interval_start": 0,
    "interval_step": 0,
    "interval_max": 0,
}
# Results are stored only for the tasks that declare them (the rescan, whose caller waits on it): a
# task that keeps a result makes its sender subscribe on the result backend, which on an unreachable
# Redis held each article submission for five seconds and then broke the backend for the process.
CELERY_TASK_IGNORE_RESULT = True
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_BEAT_SCHEDULER = "django_celery_beat.schedulers:DatabaseScheduler"
CELERY_TASK_DEFAULT_QUEUE = "default"
CELERY_TASK_ROUTES = {
    "claims.tasks.extract_article": {"queue": "extraction"},
    "claims.tasks.check_claim": {"queue": "checks"},
    "claims.tasks.rescan_block": {"queue": "checks"},
    "sources.tasks.*": {"queue": "extraction"},
    "reports.tasks.*": {"queue": "reports"},
    "credibility.tasks.*": {"queue": "reports"},
}
# Reviews enqueue one credibility recompute per window of this many seconds (credibility.services).
CREDIBILITY_RECOMPUTE_DELAY = env.int("CREDIBILITY_RECOMPUTE_DELAY", default=30)

# --- REST framework ------------------------------------------------------------------------
REST_FRAMEWORK = {
    "DEFAULT_RENDERER_CLASSES": [
        "drf_orjson_renderer.renderers.ORJSONRenderer",
        "rest_framework.renderers.BrowsableAPIRenderer",
    ],
    # Size-limited: a body over DATA_UPLOAD_MAX_MEMORY_SIZE is refused with 413 before parsing.
    "DEFAULT_PARSER_CLASSES": [
        "factcheck.rest.parsers.LimitedJSONParser",
        "factcheck.rest.parsers.LimitedFormParser",
        "factcheck.rest.parsers.LimitedMultiPartParser",
    ],
    # Every API view (partners' and reports') takes a partner key or a staff login; the first class
    # names the challenge, so a request without credentials gets 401, not 403.
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "partners.auth.PartnerAPIKeyAuthentication",
        "partners.auth.StaffTokenAuthentication",
        "partners.auth.StaffSessionAuthentication",
    ],
    # Default: staff, or a partner key with the "read" scope on safe methods only.
    "DEFAULT_PERMISSION_CLASSES": ["partners.permissions.HasReadScope"],
    "DEFAULT_THROTTLE_CLASSES": ["partners.throttling.PartnerRateThrottle"],
    "DEFAULT_THROTTLE_RATES": {
        "partner": env.str("FACTCHECK_PARTNER_THROTTLE", default="600/minute"),
        # Requests with an unknown, revoked or expired key, per client address (guessing keys).
        "bad_key": env.str("FACTCHECK_BAD_KEY_THROTTLE", default="30/minute"),
    },
    "DEFAULT_FILTER_BACKENDS": [
        "factcheck.rest.filters.FilterBackend",
        "factcheck.rest.ordering.StrictOrderingFilter",
    ],
    "DEFAULT_PAGINATION_CLASS": "factcheck.rest.pagination.SyncCursorPagination",
    "PAGE_SIZE": 50,
    "EXCEPTION_HANDLER": "factcheck.rest.errors.api_exception_handler",
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DEFAULT_VERSIONING_CLASS": "rest_framework.versioning.URLPathVersioning",
    "DEFAULT_VERSION": "v1",
    "ALLOWED_VERSIONS": ["v1"],
    "TEST_REQUEST_DEFAULT_FORMAT": "json",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "factcheck partner API",
    "DESCRIPTION": "Claims, parties, incidents and contradictions in news coverage of armed conflicts "
    "(each conflict, its sides and gazetteer loaded from a conflict pack: see `/api/v1/conflicts/`).\n\n"
    "Authenticate with a partner API key in the `X-Api-Key` header (or `Authorization: Api-Key <key>`); "
    "staff use their admin session or `Authorization: Token <token>`. Keys carry scopes: `read` for every "
    "GET, `submit` to POST articles and claims; review actions are for staff. Lists are cursor-paginated "
    "(follow `next`), filterable, and take `updated_since` to pull only what changed. Errors are "
    '`{"field": ["message"]}` (400) or `{"detail": "message"}` (401, 403, 404, 409, 413, 429).',
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    # Swagger UI and Redoc are served from the project (drf-spectacular-sidecar), not a CDN, so the
    # docs work on a machine without internet.
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "COMPONENT_SPLIT_REQUEST": True,
    # Bodies are documented as JSON, the API's format (form bodies are still parsed, for the browsable
    # API, but an empty form field means "not sent" there, which a JSON schema cannot say).
    "PARSER_WHITELIST": ["factcheck.rest.parsers.LimitedJSONParser"],
    "SCHEMA_PATH_PREFIX": r"/api/v[0-9]+",
    "PREPROCESSING_HOOKS": [
        "drf_spectacular.hooks.preprocess_exclude_path_format",
    ],
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "factcheck.rest.schema.every_operation_documents_auth_errors",
        "factcheck.rest.schema.empty_filters_filter_nothing",
        "factcheck.rest.schema.request_bodies_refuse_unknown_fields",
        "factcheck.rest.schema.text_never_holds_nul",
    ],
    "SERVE_PERMISSIONS": ["rest_framework.permissions.AllowAny"],
    "SERVE_AUTHENTICATION": [],
    "ENUM_NAME_OVERRIDES": {
        "ClaimStatusEnum": "claims.models.ClaimStatus",
        "ContradictionStatusEnum": "claims.models.ContradictionStatus",
        "ArticleStatusEnum": "sources.models.Article.Status",
        "ClaimKindEnum": "claims.models.ClaimKind",
        "ContradictionKindEnum": "claims.models.ContradictionKind",
        "IncidentKindEnum": "claims.models.IncidentKind",
        "PartyKindEnum": "sources.models.Party.Kind",
        "OutletKindEnum": "sources.models.Outlet.Kind",
        "PlaceKindEnum": "sources.models.Place.Kind",
        "ReportKindEnum": "reports.models.PeriodKind",
    },
}
API_KEY_CUSTOM_HEADER = "HTTP_X_API_KEY"

_default_cache = env.cache("DJANGO_CACHE_URL", default="locmemcache://")
if _default_cache["BACKEND"] == "django.core.cache.backends.redis.RedisCache":
    # Django's backend, reusing its Redis clients and incrementing in one round trip.
    _default_cache["BACKEND"] = "factcheck.cache.RedisCache"
CACHES = {"default": _default_cache}
