"""Settings shared by every environment; each difference comes from the environment."""

from pathlib import Path

import environ
from celery.schedules import crontab
from csp.constants import NONCE, NONE, SELF

BASE_DIR = Path(__file__).resolve().parent.parent.parent
VAR_DIR = Path(environ.Env().str("VAR_DIR", default=str(BASE_DIR / "var")))

env = environ.Env()
VAR_DIR.mkdir(parents=True, exist_ok=True)

SECRET_KEY = env.str("SECRET_KEY", default="dev-only-insecure-key-change-me-in-production")
DEBUG = env.bool("DEBUG", default=False)
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost", "[::1]"])
SITE_URL = env.str("SITE_URL", default="http://127.0.0.1:8000")
# Reverse proxies in front of the site that append to X-Forwarded-For (core/clients.py):
# the one setting from which every limit, the API throttle, allauth and axes take the
# visitor's address. 0 (the default) ignores the header, for gunicorn facing clients.
TRUSTED_PROXIES = env.int("TRUSTED_PROXIES", default=0)
SITE_ID = 1

INSTALLED_APPS = [
    "accounts.apps.TwoFactorAdminConfig",  # django.contrib.admin, open to staff after 2FA
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.sites",
    "django.contrib.humanize",
    "django.forms",  # the widget templates GovukFormRenderer (TemplatesSetting) needs
    "django.contrib.sitemaps",
    "allauth",
    "allauth.account",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "taggit",
    "haystack",
    "django_celery_beat",
    "simple_history",
    "csp",
    "rest_framework",
    "drf_spectacular",
    "corsheaders",
    "core.apps.CoreConfig",
    "accounts.apps.AccountsConfig",
    "contacts.apps.ContactsConfig",
    "projects.apps.ProjectsConfig",
    "linkcheck.apps.LinkcheckConfig",
    "eindex.apps.EindexConfig",
    "forums.apps.ForumsConfig",
    "funding.apps.FundingConfig",
    "papers.apps.PapersConfig",
    "events.apps.EventsConfig",
    "digests.apps.DigestsConfig",
    "londonconnects.apps.LondonConnectsConfig",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "accounts.browser_policies.BrowserPoliciesMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "corsheaders.middleware.CorsMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "londonconnects.urls"
WSGI_APPLICATION = "londonconnects.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "londonconnects.context_processors.site",
            ],
        },
    },
]

DATABASES = {
    "default": env.db("DATABASE_URL", default=f"sqlite:///{VAR_DIR / 'db.sqlite3'}"),
}
DATABASES["default"]["ATOMIC_REQUESTS"] = False
DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=0)
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

REDIS_URL = env.str("REDIS_URL", default="")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": env.str("CACHE_KEY_PREFIX", default="lc"),
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
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
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "accounts:profile"
# Password reset links (allauth's token generator checks Django's setting) last one hour
PASSWORD_RESET_TIMEOUT = 60 * 60

# allauth
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_CHANGE_EMAIL = True
# The address in use is told of every change to how the account is reached (accounts/notices.py)
ACCOUNT_EMAIL_NOTIFICATIONS = True
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = True
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = False
ACCOUNT_EMAIL_SUBJECT_PREFIX = "[LondonConnects] "
ACCOUNT_DEFAULT_HTTP_PROTOCOL = env.str("ACCOUNT_DEFAULT_HTTP_PROTOCOL", default="http")
ACCOUNT_RATE_LIMITS = {"login_failed": "10/m/ip,5/5m/key"}
ACCOUNT_ADAPTER = "accounts.adapter.AccountAdapter"
# Never "remember me": a session ends when the browser closes or after inactivity
ACCOUNT_SESSION_REMEMBER = False
ACCOUNT_FORMS = {
    "login": "accounts.forms.LoginForm",
    "signup": "accounts.forms.SignupForm",
    "add_email": "accounts.forms.AddEmailForm",
    "change_password": "accounts.forms.ChangePasswordForm",
    "reset_password": "accounts.forms.ResetPasswordForm",
    "reset_password_from_key": "accounts.forms.ResetPasswordKeyForm",
}

# Two-factor for staff before they reach the admin (django-otp TOTP)
OTP_TOTP_ISSUER = "LondonConnects"

# django-axes: throttles every login path (allauth and admin share the backend)
AXES_FAILURE_LIMIT = env.int("AXES_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = 1  # hours
AXES_RESET_ON_SUCCESS = True
AXES_USERNAME_CALLABLE = "accounts.security.axes_username"
AXES_LOCKOUT_TEMPLATE = "accounts/locked_out.html"
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_CLIENT_IP_CALLABLE = "core.clients.client_address"

# Sessions expire after inactivity
SESSION_COOKIE_AGE = env.int("SESSION_COOKIE_AGE", default=2 * 60 * 60)
SESSION_SAVE_EVERY_REQUEST = True
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"

# Content security policy: no inline script or style; GOV.UK's one snippet carries the nonce
CSP_REPORT_PATH = "/csp-report/"
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF, NONCE],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
        "object-src": [NONE],
        "base-uri": [SELF],
        # Violations are reported to the site, which keeps them for site administrators
        # (accounts/browser_policies.py): report-uri for older browsers, report-to for newer.
        "report-uri": [CSP_REPORT_PATH],
        "report-to": "csp-endpoint",
    },
}
CSP_REPORTS_PER_VISITOR_PER_HOUR = env.int("CSP_REPORTS_PER_VISITOR_PER_HOUR", default=100)
# Browser features the site never uses, switched off for it and anything it embeds.
PERMISSIONS_POLICY = {
    feature: []
    for feature in (
        "accelerometer",
        "autoplay",
        "camera",
        "display-capture",
        "encrypted-media",
        "geolocation",
        "gyroscope",
        "magnetometer",
        "microphone",
        "midi",
        "payment",
        "picture-in-picture",
        "publickey-credentials-get",
        "screen-wake-lock",
        "usb",
        "xr-spatial-tracking",
    )
}
CSRF_FAILURE_VIEW = "londonconnects.views.csrf_failure"
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"

LANGUAGE_CODE = "en-gb"
LANGUAGES = [("en-gb", "English")]
TIME_ZONE = "Europe/London"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = Path(env.str("STATIC_ROOT", default=str(VAR_DIR / "staticfiles")))
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env.str("MEDIA_ROOT", default=str(VAR_DIR / "media")))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
# Uploads: the largest file any form takes (the web server's limit, docs/deployment.md, sits
# a little above it); a file over it is refused with a message and never kept whole on disk
# (papers/uploads.py). A request's other fields, and a file held in memory rather than in a
# temporary file, have Django's 2.5 MB limits.
MAX_UPLOAD_MB = env.int("MAX_UPLOAD_MB", default=20)
DATA_UPLOAD_MAX_MEMORY_SIZE = env.int("DATA_UPLOAD_MAX_MEMORY_SIZE", default=2_621_440)
FILE_UPLOAD_MAX_MEMORY_SIZE = env.int("FILE_UPLOAD_MAX_MEMORY_SIZE", default=2_621_440)
FILE_UPLOAD_HANDLERS = [
    "django.core.files.uploadhandler.MemoryFileUploadHandler",
    "papers.uploads.CappedUploadHandler",
]
# Reading the text of an uploaded PDF for search (papers/tasks.py): at most this many pages,
# and the reading is stopped after the soft time limit (seconds; the worker process is
# ended at the hard one). Either way the outcome is shown on the paper in admin.
PAPERS_PDF_MAX_PAGES = env.int("PAPERS_PDF_MAX_PAGES", default=2000)
PAPERS_PDF_SOFT_TIME_LIMIT = env.int("PAPERS_PDF_SOFT_TIME_LIMIT", default=120)
PAPERS_PDF_TIME_LIMIT = env.int("PAPERS_PDF_TIME_LIMIT", default=150)

# E-mail, in django-environ's URL form (smtp+tls://user:pass@host:587, consolemail://)
vars().update(env.email_url("EMAIL_URL", default="consolemail://"))
DEFAULT_FROM_EMAIL = env.str(
    "DEFAULT_FROM_EMAIL", default="LondonConnects <noreply@londonconnects.example>"
)
SERVER_EMAIL = DEFAULT_FROM_EMAIL
# Who is told of directory requests (correct, object, remove); comma-separated addresses
DIRECTORY_REQUESTS_EMAIL = env.list(
    "DIRECTORY_REQUESTS_EMAIL", default=["directory@londonconnects.example"]
)
# Who is told, with the owner organisation's editors, when a visitor reports a problem with a page
SITE_MANAGERS_EMAIL = env.list("SITE_MANAGERS_EMAIL", default=["managers@londonconnects.example"])
# The public forms that make the site send e-mail, limited so that nobody can use them to
# mail an address (or an organisation's editors) over and over: per visitor (their address,
# core/clients.py) and per recipient.
CORRECTION_REQUESTS_PER_VISITOR_PER_HOUR = env.int(
    "CORRECTION_REQUESTS_PER_VISITOR_PER_HOUR", default=5
)
CORRECTION_REQUESTS_PER_ADDRESS_PER_DAY = env.int(
    "CORRECTION_REQUESTS_PER_ADDRESS_PER_DAY", default=3
)
PROBLEM_REPORTS_PER_VISITOR_PER_HOUR = env.int("PROBLEM_REPORTS_PER_VISITOR_PER_HOUR", default=5)
PROBLEM_REPORTS_PER_OWNER_PER_DAY = env.int("PROBLEM_REPORTS_PER_OWNER_PER_DAY", default=30)
# Personal data kept only so long, each purged by a nightly task: a closed correction
# request's requester details (contacts/tasks.py); records of signing in, and the admin log's
# naming of an account deleted since (accounts/retention.py).
CORRECTION_REQUEST_RETENTION_DAYS = env.int("CORRECTION_REQUEST_RETENTION_DAYS", default=365)
LOGIN_RECORDS_RETENTION_DAYS = env.int("LOGIN_RECORDS_RETENTION_DAYS", default=90)
DELETED_ACCOUNT_LOG_RETENTION_DAYS = env.int("DELETED_ACCOUNT_LOG_RETENTION_DAYS", default=90)

# Forums: the text of removed posts and the earlier versions of edited ones stay readable to
# moderators (a complaint may need them) for this many days; then a nightly task erases them.
FORUMS_REMOVED_TEXT_RETENTION_DAYS = env.int("FORUMS_REMOVED_TEXT_RETENTION_DAYS", default=90)

# Search: Whoosh through haystack; index writes go through Celery after commit
HAYSTACK_CONNECTIONS = {
    "default": {
        "ENGINE": "core.whoosh_backend.SiteWhooshEngine",
        "PATH": env.str("WHOOSH_PATH", default=str(VAR_DIR / "whoosh_index")),
        "INCLUDE_SPELLING": True,
    },
}
HAYSTACK_SIGNAL_PROCESSOR = "core.search.QueuedSignalProcessor"
# Every document carries its own `type` field; haystack's default would also filter every
# search by model, which costs seconds on a large Whoosh index.
HAYSTACK_LIMIT_TO_REGISTERED_MODELS = False

# Celery: eager when no broker is configured so the site runs on a bare machine
CELERY_BROKER_URL = env.str("CELERY_BROKER_URL", default="")
CELERY_RESULT_BACKEND = env.str("CELERY_RESULT_BACKEND", default="") or None
CELERY_TASK_ALWAYS_EAGER = env.bool("CELERY_TASK_ALWAYS_EAGER", default=not CELERY_BROKER_URL)
# Eager tasks never reach a broker; naming the in-memory one stops Celery guessing at AMQP.
CELERY_BROKER_URL = CELERY_BROKER_URL or "memory://"
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_BROKER_TRANSPORT_OPTIONS = {"visibility_timeout": 60 * 60}
CELERY_TIMEZONE = TIME_ZONE
CELERY_BEAT_SCHEDULER = "django_celery_beat.schedulers:DatabaseScheduler"
CELERY_BEAT_SCHEDULE = {
    # Entries past their review-by date are hidden; the search index must follow overnight.
    "contacts-drop-lapsed-entries-from-search": {
        "task": "contacts.tasks.drop_lapsed_contacts_from_search_index",
        "schedule": crontab(hour=0, minute=5),
    },
    # Catch-up: records changed in the last day are indexed again, whatever an update lost.
    "search-nightly-catch-up": {
        "task": "londonconnects.tasks.catch_up_search_index",
        "schedule": crontab(hour=3, minute=30),
    },
    # Removed forum text and earlier versions past FORUMS_REMOVED_TEXT_RETENTION_DAYS.
    "forums-purge-removed-text": {
        "task": "forums.tasks.purge_removed_text",
        "schedule": crontab(hour=4, minute=15),
    },
    # Personal data past its retention period (CORRECTION_REQUEST_RETENTION_DAYS,
    # LOGIN_RECORDS_RETENTION_DAYS, DELETED_ACCOUNT_LOG_RETENTION_DAYS).
    "contacts-anonymise-closed-requests": {
        "task": "contacts.tasks.anonymise_closed_correction_requests",
        "schedule": crontab(hour=4, minute=30),
    },
    "accounts-purge-expired-personal-records": {
        "task": "accounts.tasks.purge_expired_personal_records",
        "schedule": crontab(hour=4, minute=45),
    },
    # Links falling due are rechecked in batches spread over LINKCHECK_SWEEP_WINDOW.
    "linkcheck-nightly-sweep": {
        "task": "linkcheck.tasks.sweep",
        "schedule": crontab(hour=2, minute=15),
        "options": {"queue": "linkcheck_bulk"},
    },
    # Digests at London times (CELERY_TIMEZONE), right across the clock changes: daily at
    # 07:00, weekly on Monday at 07:30, monthly on the 1st at 08:00. Beat's database scheduler
    # writes these entries over any edited in admin each time it starts.
    "digests-daily": {
        "task": "digests.tasks.send_scheduled_digests",
        "schedule": crontab(hour=7, minute=0),
        "args": ("daily",),
    },
    "digests-weekly": {
        "task": "digests.tasks.send_scheduled_digests",
        "schedule": crontab(hour=7, minute=30, day_of_week="mon"),
        "args": ("weekly",),
    },
    "digests-monthly": {
        "task": "digests.tasks.send_scheduled_digests",
        "schedule": crontab(hour=8, minute=0, day_of_month=1),
        "args": ("monthly",),
    },
}

# Link checking (linkcheck/conf.py has the rest). Networks the SSRF guard lets the checker
# reach, as comma-separated CIDRs; none by default. New links are checked on save only when
# a worker runs the tasks: eager Celery would fetch them inside the web request.
LINKCHECK_ALLOWED_NETWORKS = env.list("LINKCHECK_ALLOWED_NETWORKS", default=[])
# Ports the checker connects to (single ports or ranges such as 8000-8099): the web's only.
LINKCHECK_ALLOWED_PORTS = env.list("LINKCHECK_ALLOWED_PORTS", default=["80", "443"])
LINKCHECK_CHECK_ON_SAVE = env.bool("LINKCHECK_CHECK_ON_SAVE", default=not CELERY_TASK_ALWAYS_EAGER)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="INFO")},
    "loggers": {"axes": {"level": "WARNING"}, "celery.app.trace": {"level": "WARNING"}},
}

TAGGIT_CASE_INSENSITIVE = True

FORM_RENDERER = "core.forms.GovukFormRenderer"

# The public read API (/api/, londonconnects/api.py): anonymous and read-only, so no
# authentication at all; every client is throttled by address, the counts kept in the cache.
API_ANONYMOUS_RATE = env.str("API_ANONYMOUS_RATE", default="120/minute")
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.AllowAny"],
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
    "DEFAULT_PAGINATION_CLASS": "core.rest_policies.Pagination",
    "DEFAULT_THROTTLE_CLASSES": ["core.rest_policies.AnonymousRateThrottle"],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "LondonConnects open data API",
    "DESCRIPTION": "The public records of LondonConnects, London's e-government partnership, "
    "read-only. Terms and an example: /api/.",
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
    "SCHEMA_PATH_PREFIX": "/api/v1",
    "ENUM_NAME_OVERRIDES": {"SubRegionEnum": "contacts.models.SubRegion"},
}
# Any site may read the API from a browser, without cookies; If-None-Match and
# If-Modified-Since are allowed in, and the validators let out, for conditional requests.
CORS_URLS_REGEX = r"^/api/.*$"
CORS_ALLOW_ALL_ORIGINS = True
CORS_ALLOW_CREDENTIALS = False
CORS_ALLOW_METHODS = ["GET", "HEAD", "OPTIONS"]
CORS_ALLOW_HEADERS = ["accept", "accept-language", "if-modified-since", "if-none-match"]
CORS_EXPOSE_HEADERS = ["ETag", "Last-Modified", "Retry-After"]
