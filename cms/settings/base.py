"""Settings shared by every environment; the environment is read here, once."""

import os
from datetime import timedelta
from pathlib import Path

import dj_database_url
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parents[2]
VAR_DIR = Path(os.environ.get("VAR_DIR", BASE_DIR / "var"))

SECRET_KEY = os.environ.get("SECRET_KEY", "")
DEBUG = False
ALLOWED_HOSTS = [
    h.strip()
    for h in os.environ.get("ALLOWED_HOSTS", "127.0.0.1,localhost").split(",")
    if h.strip()
]
PUBLIC_BASE_URL = os.environ.get("PUBLIC_BASE_URL", "http://127.0.0.1:8000").rstrip("/")
CSRF_TRUSTED_ORIGINS = [PUBLIC_BASE_URL]

DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL", f"sqlite:///{VAR_DIR / 'db.sqlite3'}"),
        conn_max_age=60,
    )
}
if DATABASES["default"]["ENGINE"].endswith("sqlite3"):
    # Several gunicorn workers write to one file: each transaction takes the write lock when
    # it begins (no "database is locked" halfway through a registration) and waits up to
    # 20 s for it, and readers never wait for writers (write-ahead log).
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        transaction_mode="IMMEDIATE", timeout=20, init_command="PRAGMA journal_mode=WAL"
    )
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

ELASTICSEARCH_URL = os.environ.get("ELASTICSEARCH_URL", "")
ELASTICSEARCH_INDEX_PREFIX = os.environ.get("ELASTICSEARCH_INDEX_PREFIX", "coworking")
ELASTICSEARCH_TIMEOUT = float(os.environ.get("ELASTICSEARCH_TIMEOUT", "5"))
# After a failed request, answer from the database for this many seconds before retrying.
ELASTICSEARCH_RETRY_AFTER = 10.0
# Requests per second and burst per client address, shared by every worker (cms/api/throttling.py).
SEARCH_RATE_LIMIT = tuple(
    float(part) for part in os.environ.get("SEARCH_RATE_LIMIT", "5,30").split(",")
)
# Where the shared allowances live: the database by default, Redis at scale.
RATE_LIMIT_REDIS_URL = os.environ.get("RATE_LIMIT_REDIS_URL", "")
# How many proxies of ours stand in front of gunicorn (nginx: 1). The client address is read
# that many hops from the right of X-Forwarded-For; 0 trusts no header (cms/security/clients.py).
TRUSTED_PROXY_HOPS = int(os.environ.get("TRUSTED_PROXY_HOPS", "0"))

INSTALLED_APPS = [
    "cms.core",
    "cms.api",
    "cms.security",
    "cms.notifications",
    "cms.calendars",
    "cms.users",
    "cms.registrations",
    "cms.projects",
    "cms.reviews",
    "cms.meetings",
    "cms.courses",
    "cms.parent_questions",
    "cms.wellbeing",
    "cms.consultations",
    "cms.audiences",
    "cms.votes",
    "cms.comments",
    "cms.surveys",
    "cms.initiatives",
    "cms.accounts",
    "media",
    "site_content.pages",
    "site_content.taxonomy",
    "site_content.library",
    "site_content.exhibitions",
    "site_content.solutions",
    "site_content.events",
    "site_content.media_plan",
    "site_content.dissemination",
    "site_content.governance",
    "site_content.support",
    "site_content.partners",
    "site_content.legal",
    # Our `publish` command must shadow bakery's S3 `publish`, so this app comes first.
    "publish",
    "search",
    "wagtail_localize",
    "wagtail_localize.locales",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.contrib.typed_table_block",
    "wagtail.embeds",
    "wagtail.sites",
    # Wagtail's users app with our user forms (cms/users/admin_views.py).
    "cms.users.apps.WagtailUsersConfig",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "bakery",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "axes",
    "rest_framework",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "django_tasks",
    "django_tasks_db",
    "django_rq",
    "rules",
    "allauth",
    "allauth.account",
    "allauth.mfa",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "cms.security.audit.RequestContextMiddleware",
    "cms.core.middleware.SecurityHeadersMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "cms.api.middleware.LocaleMiddlewareKeepingApi404s",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "cms.security.sessions.IdleSessionMiddleware",
    # After the idle check, so that an ended session is not sent to set up a second factor.
    "cms.accounts.middleware.MfaRequiredMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "cms.api.errors.ApiErrorMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    # Last, as django-axes asks: it turns a lockout raised during sign-in into its response.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "cms.urls"
WSGI_APPLICATION = "cms.wsgi.application"

THEME = os.environ.get("THEME", "default")
THEME_DIR = BASE_DIR / "themes" / THEME

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [THEME_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "cms.core.context_processors.public_site",
            ],
        },
    },
]

AUTH_USER_MODEL = "users.User"
# A new person's one-time link to set a password is valid this long.
INVITATION_VALID_FOR = timedelta(days=7)
# The lyceum's demo people (`manage.py load_demo_people`); a partner school sets it empty.
DEMO_PEOPLE_ROSTER = os.environ.get(
    "DEMO_PEOPLE_ROSTER", str(BASE_DIR / "site_content" / "content" / "roster.demo.csv")
)

# At least 12 characters (ASVS 2.1.1); every form and command that sets a password validates.
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

AUTHENTICATION_BACKENDS = [
    # First, so that a locked-out client is refused before its password is even checked.
    "axes.backends.AxesStandaloneBackend",
    # Signing in by email or username on the account pages (django-allauth).
    "allauth.account.auth_backends.AuthenticationBackend",
    "django.contrib.auth.backends.ModelBackend",
    # Object permissions (who may see or change whom) are `rules` predicates, per app.
    "rules.permissions.ObjectPermissionBackend",
]
# The JSON API (Django REST framework). Our endpoints take their policy from cms/api/base.py
# (session sign-in with CSRF, JSON only, one error shape, bounded pages, shared rate limits);
# the defaults here stay DRF's own, because Wagtail's admin and wagtail-localize use DRF too.
REST_FRAMEWORK = {"DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema"}
# Requests per second and burst: per client address, per signed-in person, and for writes.
# Override as `API_RATE_LIMITS="address=10,60;user=5,40;write=1,10"` (the benchmark raises them).
API_RATE_LIMITS = {"address": (10.0, 60), "user": (5.0, 40), "write": (1.0, 10)} | {
    scope.strip(): tuple(float(n) for n in limit.split(","))
    for scope, _, limit in (
        part.partition("=") for part in os.environ.get("API_RATE_LIMITS", "").split(";") if part
    )
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Digital coworking space API",
    "DESCRIPTION": (
        "The JSON API behind the widgets of the static site. Sign in on the site; the session "
        "cookie authenticates, and writes send the CSRF token in `X-CSRFToken`. Errors are "
        '`{"error": {"code", "message", "fields"}}` with messages in the request\'s language.'
    ),
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
    "SERVE_PERMISSIONS": ["rest_framework.permissions.AllowAny"],
    "SCHEMA_PATH_PREFIX": "/api/",
    # Only our API: Wagtail's admin API and wagtail-localize's are internal to the admin.
    "PREPROCESSING_HOOKS": ["cms.api.schema.only_public_api"],
    # Several apps have a `status` or a `kind`: each set of choices gets its own name.
    "ENUM_NAME_OVERRIDES": {
        "ProjectKindEnum": "cms.projects.models.ProjectKind",
        "ProjectStatusEnum": "cms.projects.models.ProjectStatus",
        "StageStatusEnum": "cms.projects.models.StageStatus",
        "MemberStatusEnum": "cms.projects.models.MemberStatus",
        "RegistrationStatusEnum": "cms.registrations.models.RegistrationStatus",
        "HealthStatusEnum": ["ok", "degraded"],
        "AcceptOrDeclineEnum": ["accept", "decline"],
        "MeetingStatusEnum": "cms.meetings.models.MeetingStatus",
        "ParticipantStatusEnum": "cms.meetings.models.ParticipantStatus",
        "QueueStatusEnum": "cms.consultations.models.QueueStatus",
        "HelpRequestStatusEnum": "cms.wellbeing.models.HelpStatus",
        "RoomKindEnum": "cms.meetings.models.RoomKind",
    },
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "cms.api.schema.error_responses",
    ],
}

# Background work (django-tasks). Our tasks (emails, publishing) run on the "background"
# backend: the database queue and `manage.py db_worker --backend background --queue-name '*'`
# by default, RQ on Redis at scale (`TASKS_REDIS_URL`; workers, listening on every queue:
# `manage.py rqworker default email publish --job-class django_tasks_rq.backend.Job`).
# Wagtail's own housekeeping (the reference index, focal points, deleting replaced files) uses
# "default" and runs inside the editor's request, as it did before Wagtail 7: the image consent
# check reads the reference index right after a page is published.
TASKS_REDIS_URL = os.environ.get("TASKS_REDIS_URL", "")
TASK_QUEUES = ["default", "email", "publish"]
if TASKS_REDIS_URL:
    _BACKGROUND = {"BACKEND": "django_tasks_rq.RQBackend", "QUEUES": TASK_QUEUES}
    RQ_QUEUES = {name: {"URL": TASKS_REDIS_URL} for name in TASK_QUEUES}
else:
    _BACKGROUND = {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": TASK_QUEUES}
    RQ_QUEUES = {}
TASKS = {
    "default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"},
    "background": _BACKGROUND,
}

# Survey results by group (role, grade) hide any group with fewer answers than this: a
# smaller one could tell who answered what (cms/surveys/selectors.py).
SURVEY_MIN_CUT = int(os.environ.get("SURVEY_MIN_CUT", "5"))

# Registrations' personal data (answers, guests' names and addresses) is removed this many days
# after an event ends, keeping only counts: `manage.py shred_event_data`, run daily.
EVENT_DATA_RETENTION_DAYS = int(os.environ.get("EVENT_DATA_RETENTION_DAYS", "180"))

# Video for the meeting rooms (cms/meetings/video/, README "Meeting rooms and video"):
# "external" hands out the room's own Telemost/Sferum link; "jitsi" signs a token for the
# school's Jitsi server; "bigbluebutton" signs calls to its API. `manage.py check` says what is
# missing for the chosen one.
MEETINGS_VIDEO = {
    "PROVIDER": os.environ.get("MEETINGS_VIDEO_PROVIDER", "external"),
    "JITSI_URL": os.environ.get("JITSI_URL", ""),
    "JITSI_APP_ID": os.environ.get("JITSI_APP_ID", ""),
    "JITSI_APP_SECRET": os.environ.get("JITSI_APP_SECRET", ""),
    "BBB_URL": os.environ.get("BBB_URL", ""),
    "BBB_SECRET": os.environ.get("BBB_SECRET", ""),
    "BBB_CHECKSUM": os.environ.get("BBB_CHECKSUM", "sha256"),
}
# A participant may enter this many minutes before a meeting starts.
MEETINGS_JOIN_EARLY_MINUTES = 15
# The psychologist's confidential help (cms/wellbeing/). Texts are encrypted with Fernet keys
# from the environment, comma-separated: the first encrypts, all decrypt, so a new key goes
# first and the old one stays until `manage.py rotate_help_keys` has re-encrypted every row.
# Production refuses to start without one; development and tests derive one from SECRET_KEY.
HELP_ENCRYPTION_KEYS = [
    key.strip() for key in os.environ.get("HELP_ENCRYPTION_KEYS", "").split(",") if key.strip()
]
# Requests (and their replies) are deleted this long after they were written: one school year.
HELP_RETENTION_DAYS = int(os.environ.get("HELP_RETENTION_DAYS", "365"))
# Shown to a requester whose words sound like a crisis when no relaxation room page is published.
HELP_LINE_DEFAULT = os.environ.get(
    "HELP_LINE_DEFAULT",
    "Детский телефон доверия: 8-800-2000-122 (бесплатно, анонимно, круглосуточно). "
    "Если есть угроза жизни — 112.",
)

# Email: SMTP when EMAIL_HOST is set; otherwise each message is written as a file under
# var/mail/, so a developer can open an invitation without a mail server.
EMAIL_HOST = os.environ.get("EMAIL_HOST", "")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = os.environ.get("EMAIL_USE_TLS", "0") == "1"
EMAIL_TIMEOUT = 20
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "coworking@localhost")
EMAIL_BACKEND = (
    "django.core.mail.backends.smtp.EmailBackend"
    if EMAIL_HOST
    else "django.core.mail.backends.filebased.EmailBackend"
)
EMAIL_FILE_PATH = VAR_DIR / "mail"

# Sign-in lockout: five wrong passwords for one account *from one address* lock that pair out
# for 15 minutes, so one pupil guessing cannot lock out a whole school behind one NAT address.
# An administrator unlocks under Settings → Sign-in lockouts, or `manage.py axes_reset_username`.
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = timedelta(minutes=15)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_CLIENT_IP_CALLABLE = "cms.security.clients.axes_client_address"
AXES_LOCKOUT_CALLABLE = "cms.security.lockout.lockout_response"
# The account pages' field is `login` and holds an email or a username; the key is what was typed,
# in lower case, so that changing the case of an address does not buy more guesses.
AXES_USERNAME_CALLABLE = "cms.accounts.lockout.typed_login"
# There is no Django admin here; lockouts are listed in Wagtail's (cms/security/wagtail_hooks.py).
AXES_ENABLE_ADMIN = False

# Sign-in, sign-up, email verification and password reset: django-allauth, at /<lang>/accounts/.
# Wagtail's /admin/login/ sends people there too (cms/accounts/views.py), so there is one way in.
LOGIN_URL = "account_login"
# The cabinet of the person's language; staff land in the admin (cms/accounts/adapter.py).
LOGIN_REDIRECT_URL = "/ru/cabinet/"
LOGOUT_REDIRECT_URL = "/"
ACCOUNT_ADAPTER = "cms.accounts.adapter.AccountAdapter"
ACCOUNT_LOGIN_METHODS = {"email", "username"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_UNIQUE_EMAIL = True
# Whether an address has an account is never revealed: sign-up with a taken address and a reset
# for an unknown one look the same on the page, and no email goes to unknown addresses.
ACCOUNT_PREVENT_ENUMERATION = True
ACCOUNT_EMAIL_UNKNOWN_ACCOUNTS = False
ACCOUNT_LOGOUT_ON_GET = False
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = True
# Links in emails use the public site's scheme, whatever the proxy spoke to gunicorn.
ACCOUNT_DEFAULT_HTTP_PROTOCOL = PUBLIC_BASE_URL.split(":", 1)[0]
ACCOUNT_EMAIL_SUBJECT_PREFIX = ""
# allauth's limits for what costs an email or a token check; wrong passwords are django-axes'
# (account and address together), so allauth's own failed-login limit is off. The per-address
# sign-in limit is generous: a whole school signs in from one NAT address when a lesson starts.
ACCOUNT_RATE_LIMITS = {
    "login": "120/m/ip",
    "login_failed": None,
    "signup": "20/m/ip",
    "reset_password": "20/m/ip,5/m/key",
    "reset_password_from_key": "20/m/ip",
    "confirm_email": "1/3m/key",
}
# Anyone may sign up as a public participant unless this is off (PUBLIC_SIGNUP=0).
ACCOUNT_PUBLIC_SIGNUP = os.environ.get("PUBLIC_SIGNUP", "1") == "1"
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
# Staff, experts and the psychologist can use nothing until they add an authenticator app
# (cms/accounts/middleware.py).
SECOND_FACTOR_REQUIRED = True
MFA_TOTP_ISSUER = "Коворкинг лицея"

# Sessions end after a quiet spell, staff sooner (ASVS 3.3.2), and after 12 hours at most.
SESSION_IDLE_TIMEOUT = int(os.environ.get("SESSION_IDLE_MINUTES", "120")) * 60
SESSION_IDLE_TIMEOUT_STAFF = int(os.environ.get("STAFF_SESSION_IDLE_MINUTES", "30")) * 60
SESSION_MAX_AGE = 12 * 60 * 60
SESSION_COOKIE_AGE = SESSION_MAX_AGE
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"

LANGUAGE_CODE = "ru"
LANGUAGES = [("ru", _("Russian")), ("en", _("English"))]
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
WAGTAIL_I18N_ENABLED = True
LOCALE_PATHS = [BASE_DIR / "cms" / "locale"]
TIME_ZONE = "Europe/Moscow"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
STATICFILES_DIRS = [THEME_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", VAR_DIR / "media"))
# Files students hand in with their projects' stages: outside MEDIA_ROOT, so no web server
# route serves them; the API hands a file only to the project's people.
PROJECT_FILES_ROOT = Path(os.environ.get("PROJECT_FILES_ROOT", VAR_DIR / "private"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "cms.core.storage.StaticFilesStorage"},
}

# The published static site: every build is a fresh directory under SITE_DIR/builds,
# and SITE_DIR/live is a symlink swapped atomically to the newest complete build.
SITE_DIR = Path(os.environ.get("SITE_DIR", VAR_DIR / "site"))
# bakery's own setting; our builder writes under SITE_DIR/builds/<id> and never reads it.
BUILD_DIR = str(SITE_DIR)
BAKERY_VIEWS: list[str] = []
# Publish affected pages when an editor publishes, unpublishes, moves or deletes a page.
PUBLISH_ON_CHANGE = os.environ.get("PUBLISH_ON_CHANGE", "1") == "1"
# ...in the background worker (queue "publish"), so the editor's request does not wait for the
# build. "0" publishes inside the editor's request instead, for a site run without a worker.
PUBLISH_IN_BACKGROUND = os.environ.get("PUBLISH_IN_BACKGROUND", "1") == "1"

WAGTAIL_SITE_NAME = "Цифровое коворкинг-пространство"
WAGTAILADMIN_BASE_URL = PUBLIC_BASE_URL
WAGTAILIMAGES_IMAGE_MODEL = "media.CustomImage"
# Uploads are checked by their content, not their name (media/files.py).
WAGTAILIMAGES_IMAGE_FORM_BASE = "media.forms.ImageForm"
WAGTAILDOCS_DOCUMENT_FORM_BASE = "media.forms.DocumentForm"
WAGTAILIMAGES_EXTENSIONS = ["gif", "jpg", "jpeg", "png", "webp"]
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 15 * 1024 * 1024
WAGTAILIMAGES_MAX_IMAGE_PIXELS = 40_000_000
WAGTAILDOCS_MAX_UPLOAD_SIZE = 50 * 1024 * 1024
WAGTAILDOCS_DOCUMENT_MODEL = "media.CustomDocument"
# Documents go through the staff-only view (media/views.py), never straight to the storage's URL.
WAGTAILDOCS_SERVE_METHOD = "serve_view"
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
WAGTAILEMBEDS_RESPONSIVE_HTML = True
WAGTAIL_ALLOW_UNICODE_SLUGS = False
WAGTAILADMIN_PERMITTED_LANGUAGES = LANGUAGES

# Security events (sign-ins, lockouts, password and permission changes) as JSON lines.
SECURITY_LOG_FILE = Path(os.environ.get("SECURITY_LOG_FILE", VAR_DIR / "log" / "security.log"))

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"json_lines": {"()": "cms.security.audit.JsonLinesFormatter"}},
    "handlers": {
        "console": {"class": "logging.StreamHandler"},
        "security_file": {
            "class": "cms.security.audit.SecurityLogHandler",
            "filename": str(SECURITY_LOG_FILE),
            "formatter": "json_lines",
        },
    },
    "loggers": {
        "coworking.security": {"handlers": ["security_file"], "level": "INFO"},
        # django-axes says the same as our log, less structured; keep its errors only.
        "axes": {"level": "ERROR"},
    },
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
}

# Security headers, one policy for Django's responses and the static build (see
# cms/core/security_headers.py; `manage.py security_headers` writes them out for nginx).
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        # The players of the video block's providers (cms/core/blocks.py), loaded when opened.
        "frame-src": [
            "'self'",
            "https://www.youtube-nocookie.com",
            "https://rutube.ru",
            "https://vk.com",
        ],
        "frame-ancestors": ["'self'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "object-src": ["'none'"],
    }
}
# Added under /admin/ only: Wagtail's admin still writes inline scripts (date pickers, inline
# panels) and styles, its accessibility checker compiles templates with `new Function`, and its
# image uploader previews files as blob: URLs.
CONTENT_SECURITY_POLICY_ADMIN = {
    "script-src": ["'unsafe-inline'", "'unsafe-eval'"],
    "style-src": ["'unsafe-inline'"],
    "img-src": ["blob:"],
}
# The admin's policy allows no other site: no avatars from an avatar service, no update check.
WAGTAIL_GRAVATAR_PROVIDER_URL = None
WAGTAIL_ENABLE_UPDATE_CHECK = False
# Wagtail's admin shows page previews in a same-origin iframe, so DENY would break editing.
X_FRAME_OPTIONS = "SAMEORIGIN"
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
PERMISSIONS_POLICY = "camera=(), microphone=(), geolocation=()"
