"""One settings module for every environment, driven by COORDO_* environment variables.

Production differences are switches (COORDO_ENV=production), not forks.
"""

from __future__ import annotations

import os
from pathlib import Path
from urllib.parse import unquote, urlsplit

from django.utils.csp import CSP
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent


def env_str(name: str, default: str = "") -> str:
    return os.environ.get(name, default)


def env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_int(name: str, default: int) -> int:
    value = os.environ.get(name)
    return default if value in (None, "") else int(value)


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in env_str(name, default).split(",") if item.strip()]


def database_from_url(url: str) -> dict[str, object]:
    """Turn `postgres://user:pass@host:port/name` or `sqlite:///path` into a DATABASES entry."""
    parts = urlsplit(url)
    if parts.scheme == "sqlite":
        return {"ENGINE": "django.db.backends.sqlite3", "NAME": parts.path[1:] or ":memory:"}
    if parts.scheme in {"postgres", "postgresql"}:
        return {
            "ENGINE": "django.db.backends.postgresql",
            "NAME": unquote(parts.path.lstrip("/")) or "coordo",
            "USER": unquote(parts.username or "postgres"),
            "PASSWORD": unquote(parts.password or ""),
            "HOST": parts.hostname or "127.0.0.1",
            "PORT": str(parts.port or 5432),
            "CONN_MAX_AGE": 60,
        }
    raise ValueError(f"COORDO_DATABASE_URL: unsupported scheme {parts.scheme!r}")


PRODUCTION = env_str("COORDO_ENV", "development") == "production"
# Off unless asked for, the demo included: a debug page shows settings and stack frames
# (with the personal data in them) to whoever meets an error. Static files and the 404
# and 500 pages work without it (WhiteNoise, coordo/templates).
DEBUG = env_bool("COORDO_DEBUG", default=False)
SECRET_KEY = env_str("COORDO_SECRET_KEY", "" if PRODUCTION else "dev-only-insecure-key-change-me")
if not SECRET_KEY:
    raise RuntimeError("COORDO_SECRET_KEY must be set when COORDO_ENV=production")
ALLOWED_HOSTS = env_list("COORDO_ALLOWED_HOSTS", "" if PRODUCTION else "127.0.0.1,localhost,[::1]")
CSRF_TRUSTED_ORIGINS = env_list("COORDO_CSRF_TRUSTED_ORIGINS")

VAR_DIR = Path(env_str("COORDO_VAR_DIR", str(BASE_DIR / "var")))
VAR_DIR.mkdir(parents=True, exist_ok=True)
DATABASES = {
    "default": database_from_url(
        env_str("COORDO_DATABASE_URL", f"sqlite:///{VAR_DIR / 'coordo.sqlite3'}")
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # IMMEDIATE transactions serialise writers, so a scarce place cannot be taken twice.
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
# A streaming replica, when there is one, serves the figures, reports and exports
# (coordo/replica.py). In tests it mirrors the test database, as a real standby would.
if REPLICA_DATABASE_URL := env_str("COORDO_REPLICA_DATABASE_URL"):
    DATABASES["replica"] = database_from_url(REPLICA_DATABASE_URL) | {"TEST": {"MIRROR": "default"}}
    DATABASE_ROUTERS = ["coordo.replica.ReplicaRouter"]

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "axes",
    "django_htmx",
    "django_tasks_db",
    "ninja",
    "coordo.access",
    "coordo.people",
    "coordo.housing",
    "coordo.casework",
    "coordo.partners",
    "coordo.planning",
    "coordo.dispatch",
    "coordo.notifications",
    "coordo.incidents",
    "coordo.reports",
    "coordo.community",
    "coordo.demo",
    "coordo.operations",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # Before WhiteNoise, so that static files carry it too.
    "coordo.web.middleware.PermissionsPolicyMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "coordo.access.middleware.RequestContextMiddleware",
    # Before the session (its cookie is looked up in the database) and every view.
    "coordo.web.middleware.RefuseNulMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "coordo.access.middleware.SlidingSessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    # After the session and the user are read (from the primary, always).
    "coordo.replica.ReplicaReadsMiddleware",
    "django.contrib.auth.middleware.LoginRequiredMiddleware",
    "coordo.access.middleware.MfaRequiredMiddleware",
    "coordo.access.middleware.CurrentSiteMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "coordo.access.middleware.NoStoreMiddleware",
    # Last, so that a locked-out login is answered before any view runs.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "dashboard"
LOGOUT_REDIRECT_URL = "login"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "coordo" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.csp",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "coordo.access.context_processors.navigation",
                "coordo.notifications.context_processors.inbox",
            ],
        },
    }
]

AUTH_USER_MODEL = "access.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.Argon2PasswordHasher"]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Lockout (coordo/access/lockout.py): COORDO_LOGIN_FAILURE_LIMIT wrong passwords lock the
# account; a client address is only throttled, after COORDO_LOGIN_ADDRESS_FAILURE_LIMIT
# failures for any accounts. The address is REMOTE_ADDR unless COORDO_TRUSTED_PROXIES says
# how many proxies stand in front, so a forged X-Forwarded-For cannot reset the counter.
AXES_FAILURE_LIMIT = env_int("COORDO_LOGIN_FAILURE_LIMIT", 5)
COORDO_LOGIN_ADDRESS_FAILURE_LIMIT = env_int("COORDO_LOGIN_ADDRESS_FAILURE_LIMIT", 50)
AXES_COOLOFF_TIME = env_int("COORDO_LOGIN_COOLOFF_MINUTES", 15) / 60
AXES_LOCKOUT_PARAMETERS = [["username"], ["ip_address"]]
AXES_HANDLER = "coordo.access.lockout.AccountLockoutHandler"
AXES_LOCKOUT_CALLABLE = "coordo.access.lockout.lockout_response"
AXES_USERNAME_FORM_FIELD = "username"
AXES_RESET_ON_SUCCESS = True
AXES_VERBOSE = False
COORDO_TRUSTED_PROXIES = env_int("COORDO_TRUSTED_PROXIES", 0)
AXES_CLIENT_IP_CALLABLE = "coordo.access.client_ip.client_ip"

# An API token answers 401 this many days after its issuance (it is issued again, not renewed).
COORDO_API_TOKEN_DAYS = env_int("COORDO_API_TOKEN_DAYS", 90)

# A forced reset's e-mailed link works once, for this long.
PASSWORD_RESET_TIMEOUT = 24 * 3600

# Sessions end after COORDO_SESSION_IDLE_MINUTES without a request (sliding expiry,
# pushed back by SlidingSessionMiddleware at most once a minute).
SESSION_COOKIE_AGE = env_int("COORDO_SESSION_IDLE_MINUTES", 30) * 60
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_SECURE = PRODUCTION
CSRF_COOKIE_SECURE = PRODUCTION
LANGUAGE_COOKIE_SECURE = PRODUCTION
LANGUAGE_COOKIE_SAMESITE = "Lax"
SECURE_SSL_REDIRECT = PRODUCTION and env_bool("COORDO_SSL_REDIRECT", True)
SECURE_HSTS_SECONDS = 31_536_000 if PRODUCTION else 0
SECURE_HSTS_INCLUDE_SUBDOMAINS = PRODUCTION
SECURE_HSTS_PRELOAD = PRODUCTION
SECURE_PROXY_SSL_HEADER = (
    ("HTTP_X_FORWARDED_PROTO", "https") if env_bool("COORDO_BEHIND_TLS_PROXY") else None
)
# The load balancer probes the backend over plain HTTP, behind the TLS proxy or beside it.
SECURE_REDIRECT_EXEMPT = [r"^health/$"]
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF, CSP.NONCE],
    "style-src": [CSP.SELF],
    "img-src": [CSP.SELF, "data:"],
    "font-src": [CSP.SELF],
    "connect-src": [CSP.SELF],
    "object-src": [CSP.NONE],
    "base-uri": [CSP.SELF],
    "form-action": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
}

OTP_TOTP_ISSUER = "Coordo"
OTP_TOTP_THROTTLE_FACTOR = 1

LANGUAGE_CODE = "fr"
LANGUAGES = [("fr", _("French")), ("nl", _("Dutch")), ("en", _("English"))]
# Overridable so the catalogue test can regenerate the catalogues in a scratch copy.
LOCALE_PATHS = [Path(env_str("COORDO_LOCALE_DIR", str(BASE_DIR / "locale")))]
USE_I18N = True
# Day-first dates and 24-hour times in every language (Django's English is American).
FORMAT_MODULE_PATH = ["config.formats"]
TIME_ZONE = "Europe/Brussels"
USE_TZ = True

STATIC_URL = "/static/"
# The container image collects them at build time, outside the data volume.
STATIC_ROOT = Path(env_str("COORDO_STATIC_ROOT", str(VAR_DIR / "static")))
STATIC_ROOT.mkdir(parents=True, exist_ok=True)
WHITENOISE_USE_FINDERS = not PRODUCTION
WHITENOISE_AUTOREFRESH = DEBUG
STATICFILES_DIRS = [BASE_DIR / "coordo" / "static"]
# Files browsers ask for at the site's root (/favicon.ico), served before any login check.
WHITENOISE_ROOT = BASE_DIR / "coordo" / "root"
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
# Uploaded files live outside the web root and are served only through permission checks.
MEDIA_ROOT = VAR_DIR / "private-files"

# Imports (coordo/web/tabular): rows and bytes one file may hold. Exports write CSV with
# this separator (semicolon, comma or tab); a request can ask another (`?delimiter=comma`).
COORDO_IMPORT_MAX_ROWS = env_int("COORDO_IMPORT_MAX_ROWS", 2000)
COORDO_IMPORT_MAX_BYTES = env_int("COORDO_IMPORT_MAX_BYTES", 5 * 1024 * 1024)
COORDO_CSV_DELIMITER = env_str("COORDO_CSV_DELIMITER", "semicolon")

TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
# A running solver writes a heartbeat every half second; a run silent for this long lost
# its worker and is shown failed, so it can be started again (coordo/background/runs.py).
COORDO_RUN_STALE_AFTER_SECONDS = env_int("COORDO_RUN_STALE_AFTER_SECONDS", 120)
# The worker runs a heartbeat task this often; the health check and `coordo check` fail
# once none ran for the second (above the longest task: a solver run, two minutes).
COORDO_WORKER_HEARTBEAT_SECONDS = env_int("COORDO_WORKER_HEARTBEAT_SECONDS", 60)
COORDO_WORKER_STALE_AFTER_SECONDS = env_int("COORDO_WORKER_STALE_AFTER_SECONDS", 300)

# `coordo backup` (coordo/operations/backup.py) writes here, encrypted to these age public
# keys (comma-separated; the private keys stay off the server); `coordo check` fails when
# the newest backup here is older than COORDO_BACKUP_MAX_AGE_HOURS.
COORDO_BACKUP_DIR = env_str("COORDO_BACKUP_DIR")
COORDO_BACKUP_RECIPIENTS = env_list("COORDO_BACKUP_RECIPIENT")
COORDO_BACKUP_MAX_AGE_HOURS = env_int("COORDO_BACKUP_MAX_AGE_HOURS", 26)

# The daily retention job (coordo/operations/retention.py) deletes and anonymises what has
# expired only once the admin has read its dry-run report and set this; until then it
# records the dry run.
COORDO_RETENTION_APPLY = env_bool("COORDO_RETENTION_APPLY")

MAILERS = {
    "default": {
        "BACKEND": env_str(
            "COORDO_EMAIL_BACKEND",
            "django.core.mail.backends.smtp.EmailBackend"
            if PRODUCTION
            else "django.core.mail.backends.console.EmailBackend",
        ),
        # Django's SMTP backend logs in only when both a user and a password are set.
        "OPTIONS": {
            "host": env_str("COORDO_EMAIL_HOST", "localhost"),
            "port": env_int("COORDO_EMAIL_PORT", 25),
            "username": env_str("COORDO_EMAIL_USER"),
            "password": env_str("COORDO_EMAIL_PASSWORD"),
            "use_tls": env_bool("COORDO_EMAIL_STARTTLS"),
        }
        if PRODUCTION
        else {},
    }
}
DEFAULT_FROM_EMAIL = env_str("COORDO_FROM_EMAIL", "coordo@localhost")
# The address links in e-mails start with (a notification's "open Coordo" link).
COORDO_BASE_URL = env_str("COORDO_BASE_URL", "http://127.0.0.1:8000")
# An incident alert nobody acknowledges goes to the next person after this many seconds.
COORDO_ESCALATION_DELAY_SECONDS = env_int("COORDO_ESCALATION_DELAY_SECONDS", 600)

NINJA_PAGINATION_PER_PAGE = 50

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"request_id": {"()": "coordo.access.logging.RequestIdFilter"}},
    "formatters": {
        "plain": {"format": "%(asctime)s %(levelname)s %(name)s [%(request_id)s] %(message)s"}
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "formatter": "plain",
            "filters": ["request_id"],
        }
    },
    "root": {"handlers": ["console"], "level": env_str("COORDO_LOG_LEVEL", "INFO")},
    # Query logging would echo personal data into the logs.
    "loggers": {"django.db.backends": {"level": "WARNING", "propagate": True}},
}
