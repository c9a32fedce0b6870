"""Settings for every deployment, read from the environment.

The embedded default (SQLite, media on local disk, background work in the same database) needs no variable at
all; a deployment at scale changes only environment variables. See README.md for the list.
"""

from pathlib import Path

import environ
from django.utils.translation import gettext_lazy as _

from config.secret_key import secret_key_load_or_create

BASE_DIR = Path(__file__).resolve().parent.parent.parent

env = environ.Env()
env.read_env(BASE_DIR / ".env")  # optional; real deployments set variables directly

# The data folder holds everything the embedded default writes: database, media, generated secret key.
DATA_DIR = Path(env.str("NEWSSTAND_DATA_DIR", default=str(BASE_DIR / "var")))
DATA_DIR.mkdir(parents=True, exist_ok=True)

DEBUG = env.bool("DEBUG", default=False)
SECRET_KEY = env.str("SECRET_KEY", default="") or secret_key_load_or_create(DATA_DIR / "secret_key")
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost", "[::1]"])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    "newsstand.core",
    "newsstand.accounts",
    "newsstand.catalog",
    "newsstand.ingestion",
    "newsstand.access",
    "newsstand.payments",
    "newsstand.library",
    "newsstand.feeds",
    "newsstand.search",
    "newsstand.api",
    "newsstand.reading",
    "newsstand.demo",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.contrib.sitemaps",
    "django_countries",
    "django_tasks",
    "django_tasks_db",
    "allauth",
    "allauth.account",
    "rest_framework",
    "rest_framework.authtoken",
    "drf_spectacular",
    "drf_spectacular_sidecar",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "newsstand.accounts.middleware.AccountLanguageMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "allauth.account.middleware.AccountMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

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
                "newsstand.core.context_processors.site",
            ],
        },
    },
]

DATABASES = {"default": env.db("DATABASE_URL", default=f"sqlite:///{DATA_DIR / 'db.sqlite3'}")}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets readers work while the worker writes; IMMEDIATE avoids "database is locked" on upgrade.
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
        "init_command": (
            "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA mmap_size=134217728; "
            "PRAGMA journal_size_limit=27103364; PRAGMA cache_size=2000;"
        ),
    }
else:
    DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=60)
    DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

CACHES = {"default": env.cache("CACHE_URL", default="locmemcache://newsstand")}

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]

# Accounts (django-allauth): readers sign in with their email address, by password or by a one-time code.
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*"]
ACCOUNT_EMAIL_VERIFICATION = env.str("ACCOUNT_EMAIL_VERIFICATION", default="optional")
ACCOUNT_LOGIN_BY_CODE_ENABLED = True
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_USER_MODEL_USERNAME_FIELD = "username"
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = False
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = True
ACCOUNT_PRESERVE_USERNAME_CASING = False
# allauth's own limits (per IP and per account, kept in the cache): failed log-ins, sign-ups, codes, resets.
ACCOUNT_RATE_LIMITS = {
    "login_failed": "10/m/ip,5/5m/key",
    "signup": "20/m/ip",
    "confirm_email": "1/3m/key",
    "reset_password": "20/m/ip,5/m/key",
    "request_login_code": "20/m/ip,3/m/key",
}
LOGIN_REDIRECT_URL = "/"
LOGIN_URL = "account_login"

# Mail: a folder of .eml files for the embedded default (var/mail), SMTP or anything else through EMAIL_URL.
if env.str("EMAIL_URL", default=""):
    vars().update(env.email_url("EMAIL_URL"))
else:
    EMAIL_BACKEND = "django.core.mail.backends.filebased.EmailBackend"
    EMAIL_FILE_PATH = DATA_DIR / "mail"
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="Newsstand <no-reply@localhost>")

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Background work: the database is the queue (django-tasks-db), so the embedded default needs no broker.
TASKS = {"default": {"BACKEND": env.str("TASKS_BACKEND", default="django_tasks_db.DatabaseBackend")}}

LANGUAGE_CODE = env.str("LANGUAGE_CODE", default="en")
LANGUAGES = [
    ("en", _("English")),
    ("nb", _("Norwegian Bokmål")),
    ("de", _("German")),
    ("fr", _("French")),
    ("es", _("Spanish")),
    ("ar", _("Arabic")),
]
LOCALE_PATHS = [BASE_DIR / "locale"]
FORMAT_MODULE_PATH = ["config.formats"]
TIME_ZONE = env.str("TIME_ZONE", default="UTC")
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = Path(env.str("STATIC_ROOT", default=str(DATA_DIR / "static")))
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = env.str("MEDIA_URL", default="/media/")
MEDIA_ROOT = Path(env.str("MEDIA_ROOT", default=str(DATA_DIR / "media")))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
# Uploaded editions can be large PDFs; Django streams them to a temporary file past this size.
FILE_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024

# Secure defaults that hold on plain-HTTP localhost too; config/settings/production.py adds the TLS-only ones.
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = True
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https") if env.bool("BEHIND_TLS_PROXY", default=False) else None

# Newsstand's own settings.
NEWSSTAND_SITE_NAME = env.str("NEWSSTAND_SITE_NAME", default="Newsstand")
# The site's address as readers reach it, for links in emails.
NEWSSTAND_BASE_URL = env.str("NEWSSTAND_BASE_URL", default="http://127.0.0.1:8000").rstrip("/")
# Widths (px) of each page image; the replica view offers them through srcset.
NEWSSTAND_PAGE_WIDTHS = env.list("NEWSSTAND_PAGE_WIDTHS", cast=int, default=[320, 800, 1600])
NEWSSTAND_THUMBNAIL_WIDTH = 160
NEWSSTAND_WEBP_QUALITY = env.int("NEWSSTAND_WEBP_QUALITY", default=80)
NEWSSTAND_CATALOG_PAGE_SIZE = 24
# "offline" completes payments on this machine (the embedded default and the demo).
NEWSSTAND_PAYMENT_PROVIDER = env.str("NEWSSTAND_PAYMENT_PROVIDER", default="offline")
STRIPE_SECRET_KEY = env.str("STRIPE_SECRET_KEY", default="")
STRIPE_WEBHOOK_SECRET = env.str("STRIPE_WEBHOOK_SECRET", default="")
# Proxies in front of the app that append to X-Forwarded-For (0: use the connection's address).
NEWSSTAND_PROXY_COUNT = env.int("NEWSSTAND_PROXY_COUNT", default=0)
# Adds /_bench/bytes/<n>/, the bare view `make bench` compares pages against. Never on in production.
NEWSSTAND_BENCH_VIEW = env.bool("NEWSSTAND_BENCH_VIEW", default=False)

# The REST API (newsstand/api): reading apps sign in with a token, the site's own scripts with the session
# (CSRF-checked). Limits per address for anonymous callers and per account for signed-in ones, counted in the
# default cache (Redis at scale); the token endpoint has a strict limit of its own against password guessing.
REST_FRAMEWORK = {
    # Token first: a caller without credentials is told 401 with `WWW-Authenticate: Token`, not 403.
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "rest_framework.authentication.TokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.AllowAny"],
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": ["rest_framework.parsers.JSONParser"],
    "DEFAULT_PAGINATION_CLASS": "newsstand.api.pagination.PageNumberPagination",
    # OPTIONS would describe endpoints DRF's own way; the OpenAPI document at /api/schema/ does that.
    "DEFAULT_METADATA_CLASS": None,
    "DEFAULT_THROTTLE_CLASSES": [
        "rest_framework.throttling.AnonRateThrottle",
        "rest_framework.throttling.UserRateThrottle",
    ],
    "DEFAULT_THROTTLE_RATES": {
        "anon": env.str("NEWSSTAND_API_RATE_ANON", default="60/min"),
        "user": env.str("NEWSSTAND_API_RATE_USER", default="600/min"),
        "token": env.str("NEWSSTAND_API_RATE_TOKEN", default="10/min"),
    },
    # Without this DRF trusts the whole X-Forwarded-For header, which any caller can write to dodge the limits.
    "NUM_PROXIES": NEWSSTAND_PROXY_COUNT,
    "EXCEPTION_HANDLER": "newsstand.api.errors.api_exception_handler",
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
}
SPECTACULAR_SETTINGS = {
    "TITLE": f"{NEWSSTAND_SITE_NAME} API",
    "VERSION": "1",
    "DESCRIPTION": _("Publications, editions, stories and search; a reader’s bookmarks and follows."),
    "SCHEMA_PATH_PREFIX": r"/api/v1",
    "SERVE_INCLUDE_SCHEMA": False,
    "COMPONENT_SPLIT_REQUEST": True,
    # The docs page's scripts and styles come from drf-spectacular-sidecar through our static files: no CDN.
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    # No online validator badge: the docs page makes no request beyond this site.
    "SWAGGER_UI_SETTINGS": {"deepLinking": True, "validatorUrl": None},
    # Each kind of story block has a `type` field of its own values: named here, not by a hash.
    "ENUM_NAME_OVERRIDES": {
        "TextBlockTypeEnum": "newsstand.api.serializers.TEXT_BLOCK_TYPES",
        "QuoteBlockTypeEnum": "newsstand.api.serializers.QUOTE_BLOCK_TYPES",
        "ImageBlockTypeEnum": "newsstand.api.serializers.IMAGE_BLOCK_TYPES",
    },
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "newsstand.api.schema.error_responses",
    ],
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="INFO")},
    "loggers": {"django.db.backends": {"level": "WARNING"}},
}

# Ingestion of PDF editions: what a job accepts and how it runs (see newsstand/ingestion/services.py).
NEWSSTAND_INGEST_MAX_BYTES = env.int("NEWSSTAND_INGEST_MAX_BYTES", default=500 * 1024 * 1024)
NEWSSTAND_INGEST_MAX_PAGES = env.int("NEWSSTAND_INGEST_MAX_PAGES", default=1000)
NEWSSTAND_INGEST_MAX_SECONDS = env.int("NEWSSTAND_INGEST_MAX_SECONDS", default=1800)
# Threads encoding WebP beside the one rasterising pages: encoding costs several times the rasterising.
NEWSSTAND_INGEST_ENCODE_THREADS = env.int("NEWSSTAND_INGEST_ENCODE_THREADS", default=2)
NEWSSTAND_INGEST_MAX_PAGE_PIXELS = env.int("NEWSSTAND_INGEST_MAX_PAGE_PIXELS", default=16_000_000)

# Web and feed import (newsstand/ingestion/web/fetch.py): limits on every page, feed and image fetched.
NEWSSTAND_FETCH_TIMEOUT = env.int("NEWSSTAND_FETCH_TIMEOUT", default=15)  # seconds for the whole answer
NEWSSTAND_FETCH_MAX_BYTES = env.int("NEWSSTAND_FETCH_MAX_BYTES", default=10_000_000)
# Fetch from private/loopback addresses too (an intranet's feeds). Off, a feed address cannot probe the server's
# own network.
NEWSSTAND_FETCH_ALLOW_PRIVATE = env.bool("NEWSSTAND_FETCH_ALLOW_PRIVATE", default=False)
# Or only these private networks (e.g. 10.20.0.0/16, an intranet's feed server); every other private address stays
# out of reach, redirects included.
NEWSSTAND_FETCH_ALLOW_NETWORKS = env.list("NEWSSTAND_FETCH_ALLOW_NETWORKS", default=[])
NEWSSTAND_FETCH_USER_AGENT = env.str("NEWSSTAND_FETCH_USER_AGENT", default="")  # empty: "Newsstand (+BASE_URL)"
