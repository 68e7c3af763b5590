"""One typed settings module, read from the environment.

Nothing set → SQLite in ./data (or ZHIFA_DATA_DIR), a secret key generated into that folder on first run,
DEBUG off. DATABASE_URL selects PostgreSQL (psycopg 3 with a connection pool) or another SQLite file.
"""

from __future__ import annotations

import os
import secrets
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlparse

BASE_DIR = Path(__file__).resolve().parent.parent


# --- typed helpers -------------------------------------------------------------------------------------
def env_str(name: str, default: str = "") -> str:
    return os.environ.get(name, default)


def env_bool(name: str, default: bool = False) -> bool:
    raw = os.environ.get(name)
    if raw is None or raw == "":
        return default
    return raw.strip().lower() in {"1", "true", "yes", "on"}


def env_int(name: str, default: int) -> int:
    raw = os.environ.get(name)
    if raw is None or raw == "":
        return default
    try:
        return int(raw)
    except ValueError as exc:
        raise RuntimeError(f"环境变量 {name} 应为整数，实际为 {raw!r}") from exc


def env_list(name: str, default: list[str]) -> list[str]:
    raw = os.environ.get(name)
    if not raw:
        return default
    return [item.strip() for item in raw.split(",") if item.strip()]


DATA_DIR = Path(env_str("ZHIFA_DATA_DIR", str(Path.cwd() / "data"))).resolve()
DATA_DIR.mkdir(parents=True, exist_ok=True)
MEDIA_ROOT = DATA_DIR / "files"  # evidence and uploads: outside the web root, never served directly


def _secret_key() -> str:
    """SECRET_KEY from the environment, else one generated once into the data folder (mode 0600)."""
    given = env_str("SECRET_KEY")
    if given:
        return given
    key_file = DATA_DIR / "secret_key"
    if not key_file.exists():
        key_file.write_text(secrets.token_urlsafe(50))
        key_file.chmod(0o600)
    return key_file.read_text().strip()


def _field_key() -> str:
    """Key for personal-data encryption and keyed hashes; kept apart from SECRET_KEY so either can rotate."""
    given = env_str("ZHIFA_FIELD_KEY")
    if given:
        return given
    key_file = DATA_DIR / "field_key"
    if not key_file.exists():
        key_file.write_text(secrets.token_urlsafe(32))
        key_file.chmod(0o600)
    return key_file.read_text().strip()


SECRET_KEY = _secret_key()
ZHIFA_FIELD_KEY = _field_key()
DEBUG = env_bool("DEBUG", False)
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost", "[::1]", "testserver"])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])


# --- database -----------------------------------------------------------------------------------------
def _sqlite(path: Path) -> dict[str, object]:
    return {
        "ENGINE": "django.db.backends.sqlite3",
        "NAME": str(path),
        "OPTIONS": {
            # IMMEDIATE: a writer takes the lock at BEGIN, so two writers queue instead of deadlocking.
            "transaction_mode": "IMMEDIATE",
            "timeout": 20,
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;",
        },
        "TEST": {"NAME": str(DATA_DIR / "test.sqlite3")} if env_bool("ZHIFA_TEST_SQLITE_FILE") else {},
    }


def database_from_url(url: str) -> dict[str, object]:
    """Parse postgres://user:pass@host:port/name or sqlite:///path into a Django DATABASES entry."""
    if not url:
        return _sqlite(DATA_DIR / "zhifa.sqlite3")
    parsed = urlparse(url)
    if parsed.scheme == "sqlite":
        raw_path = unquote(parsed.path)
        return _sqlite(Path(raw_path[1:] if raw_path.startswith("//") else raw_path))
    if parsed.scheme in {"postgres", "postgresql", "pgsql"}:
        query = parse_qs(parsed.query)
        options: dict[str, object] = {
            "pool": {"min_size": 1, "max_size": env_int("ZHIFA_DB_POOL_MAX", 10), "timeout": 10},
            # Short OLTP queries: PostgreSQL's JIT compiles any plan its cost model calls large, which costs
            # 100+ ms on a workbench query that runs in 20 ms without it (measured, docs/benchmarks.md).
            "options": "-c jit=off",
        }
        if "sslmode" in query:
            options["sslmode"] = query["sslmode"][0]
        return {
            "ENGINE": "django.db.backends.postgresql",
            "NAME": unquote(parsed.path.lstrip("/")) or "zhifa",
            "USER": unquote(parsed.username or ""),
            "PASSWORD": unquote(parsed.password or ""),
            "HOST": parsed.hostname or "",
            "PORT": str(parsed.port or ""),
            "OPTIONS": options,
            "TEST": {"NAME": env_str("ZHIFA_TEST_DB_NAME", "test_zhifa")},
        }
    raise RuntimeError(f"DATABASE_URL 的协议 {parsed.scheme!r} 不受支持：请使用 postgres:// 或 sqlite:///")


DATABASES = {"default": database_from_url(env_str("DATABASE_URL"))}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"


# --- applications -------------------------------------------------------------------------------------
INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "zhifa.core",
    "zhifa.accounts",
    "zhifa.audit",
    "zhifa.workdays",
    "zhifa.numbering",
    "zhifa.catalog",
    "zhifa.cases",
    "zhifa.jobs",
    "zhifa.documents",
    "zhifa.intake",
    "zhifa.portal",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "zhifa.core.middleware.NulCharacterMiddleware",
    "zhifa.audit.middleware.AuditContextMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "zhifa.accounts.middleware.IdleTimeoutMiddleware",
    "zhifa.accounts.middleware.SecondFactorMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "zhifa.core.middleware.ContentSecurityPolicyMiddleware",
]

ROOT_URLCONF = "zhifa.urls"
WSGI_APPLICATION = "zhifa.wsgi.application"
AUTH_USER_MODEL = "accounts.User"
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "core:workbench"

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
                "zhifa.core.context_processors.zhifa",
            ],
        },
    }
]

# --- security ------------------------------------------------------------------------------------------
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": env_int("ZHIFA_PASSWORD_MIN_LENGTH", 10)},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
    {
        "NAME": "zhifa.accounts.passwords.CharacterClassValidator",
        "OPTIONS": {"min_classes": env_int("ZHIFA_PASSWORD_MIN_CLASSES", 3)},
    },
]
# 等保 2.0 practice (legal-rules.md, information security): lock after 5 failures for 15 minutes,
# log out after 15 minutes idle; both configurable.
ZHIFA_LOCKOUT_FAILURES = env_int("ZHIFA_LOCKOUT_FAILURES", 5)
ZHIFA_LOCKOUT_MINUTES = env_int("ZHIFA_LOCKOUT_MINUTES", 15)
ZHIFA_IDLE_MINUTES = env_int("ZHIFA_IDLE_MINUTES", 15)
ZHIFA_TOTP_REQUIRED_ROLES = env_list("ZHIFA_TOTP_REQUIRED_ROLES", ["administrator", "bureau_leader"])
ZHIFA_AUDIT_RETENTION_MONTHS = max(6, env_int("ZHIFA_AUDIT_RETENTION_MONTHS", 6))  # 网络安全法: ≥ 6 months
ZHIFA_CALENDAR_WARNING_DAYS = env_int("ZHIFA_CALENDAR_WARNING_DAYS", 60)

SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_SECURE = env_bool("ZHIFA_SECURE_COOKIES", False)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
SESSION_COOKIE_AGE = 8 * 3600
SESSION_SAVE_EVERY_REQUEST = False
FORM_RENDERER = "zhifa.core.form_renderer.FastRenderer"  # plain inputs without templates (speed)
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"

REDIS_URL = env_str("REDIS_URL")
if REDIS_URL:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL}}
    SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# --- language, time, files ----------------------------------------------------------------------------
LANGUAGE_CODE = "zh-hans"
LANGUAGES = [("zh-hans", "简体中文")]
TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = DATA_DIR / "staticfiles"
STATIC_ROOT.mkdir(exist_ok=True)  # WhiteNoise serves from the finders; it only needs the folder to exist
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
WHITENOISE_USE_FINDERS = True  # serve straight from static/ without a collectstatic step
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 2 * 1024 * 1024
ZHIFA_IMPORT_MAX_BYTES = env_int("ZHIFA_IMPORT_MAX_BYTES", 5 * 1024 * 1024)
# The address the public reaches the verification page at: printed under the QR code of every decision.
ZHIFA_PUBLIC_URL = env_str("ZHIFA_PUBLIC_URL", "http://127.0.0.1:8000")
# A running background job silent for longer than this is taken to have lost its worker (docs/jobs.md).
JOB_STALE_SECONDS = env_int("ZHIFA_JOB_STALE_SECONDS", 600)

# --- complaints (issue #7) -----------------------------------------------------------------------------
# Duplicate candidates: same category, within this many metres (or the same address text), in the last days.
ZHIFA_DUPLICATE_METERS = env_int("ZHIFA_DUPLICATE_METERS", 200)
ZHIFA_DUPLICATE_DAYS = env_int("ZHIFA_DUPLICATE_DAYS", 7)
# The public complaint form: submissions allowed per client address and hour.
ZHIFA_PUBLIC_FORM_PER_HOUR = env_int("ZHIFA_PUBLIC_FORM_PER_HOUR", 5)
# The tracking page: wrong number-and-code entries allowed per client address and hour.
ZHIFA_PUBLIC_TRACK_FAILURES_PER_HOUR = env_int("ZHIFA_PUBLIC_TRACK_FAILURES_PER_HOUR", 10)
ZHIFA_PORTAL_SEARCH_PER_MINUTE = env_int("ZHIFA_PORTAL_SEARCH_PER_MINUTE", 60)  # public decision searches per address
# Reverse proxies in front of the app that append to X-Forwarded-For (0 = trust none): the client address
# of the audit log and of the public form's rate limit is the one the outermost trusted proxy saw.
ZHIFA_TRUST_PROXY = env_str("ZHIFA_TRUST_PROXY", "0")  # "1", "2" … or "true" (= 1)

# --- disclosure (issue #8) -----------------------------------------------------------------------------
# Whether decisions whose only penalty is a warning are published (local rules differ).
ZHIFA_DISCLOSE_WARNING_ONLY = env_bool("ZHIFA_DISCLOSE_WARNING_ONLY", True)
# Years after the decision date before a published record is taken down (`zhifa disclosure takedown`).
ZHIFA_DISCLOSURE_YEARS = env_int("ZHIFA_DISCLOSURE_YEARS", 5)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("ZHIFA_LOG_LEVEL", "WARNING")},
}
