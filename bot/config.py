"""Settings from the environment or ``.env``, validated once at start.

A bad value must stop the bot with one line naming the setting, and the token must never
be printed, so the token is a ``SecretStr`` and validation errors are rewritten by
:func:`describe_settings_error` without echoing input values. Every setting is checked
here, before anything starts, so a typo costs one line at once rather than a traceback
minutes later (a refused bind, a read-only volume, a webhook Telegram cannot reach).
"""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import Annotated, Literal
from urllib.parse import urlsplit

from pydantic import Field, SecretStr, ValidationError, field_validator, model_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict, SettingsError

from bot.domain.languages import LANGUAGES

TOKEN_PATTERN = re.compile(r"^\d{3,20}:[A-Za-z0-9_-]{30,64}$")
#: Anything shaped like a token, wherever it stands in a text: scrubbed from printed errors.
TOKEN_ANYWHERE = re.compile(r"\d{3,20}:[A-Za-z0-9_-]{30,64}")
#: Telegram's rule for setWebhook's secret_token.
WEBHOOK_SECRET_PATTERN = re.compile(r"^[A-Za-z0-9_-]{1,256}$")
#: A bearer token for /metrics: long enough not to be guessed, and safe in an HTTP header.
METRICS_TOKEN_PATTERN = re.compile(r"^[A-Za-z0-9._~-]{16,256}$")
DEFAULT_DATABASE = Path("var/rating.db")
#: Messages a second Telegram lets a bot send for free; paid broadcast goes up to 1000.
FREE_BROADCAST_RATE = 30.0
#: Where the webhook server answers health checks; the webhook itself may not live there.
HEALTH_PATH = "/healthz"
#: Where the rating page (bot/web/) serves its API and files; the webhook may not live there.
WEB_PATH_PREFIXES = ("/api/", "/static/")
#: Hosts for which a plain-http WEBHOOK_URL is allowed: only something on this machine
#: (a local Bot API server, the tests) can call it; Telegram itself requires https.
LOCAL_HOSTS = frozenset({"127.0.0.1", "localhost", "::1"})


class StorageSettings(BaseSettings):
    """What the importer needs: it runs without a bot token."""

    model_config = SettingsConfigDict(
        env_file=".env", env_file_encoding="utf-8", extra="ignore", case_sensitive=False
    )

    database_path: Path = DEFAULT_DATABASE


class DeliverySettings(StorageSettings):
    """How notifications go out: also read by the operator's status (no token needed)."""

    notify_rate: float = Field(default=25.0, gt=0, le=1000)  # messages a second, overall
    notify_paid_broadcast: bool = False  # above FREE_BROADCAST_RATE, Telegram charges Stars


class WebSettings(StorageSettings):
    """What ``python -m bot web`` needs to serve the rating page alone: no bot token, though
    with one the page can check a Mini App user's signed data and personalize."""

    bot_token: SecretStr | None = None
    default_language: str = "ru"
    log_level: Literal["DEBUG", "INFO", "WARNING", "ERROR"] = "INFO"
    # The rating page and its JSON API (bot/web/): a server of their own on WEB_HOST:WEB_PORT.
    # Unset: none beside the bot (the webhook server serves them anyway); `bot web` takes 8081.
    web_port: int | None = None
    web_host: str = "127.0.0.1"  # loopback unless changed, as for the other servers

    @field_validator("bot_token")
    @classmethod
    def _token_shape(cls, value: SecretStr | None) -> SecretStr | None:
        if value is None:
            return None
        if not TOKEN_PATTERN.fullmatch(value.get_secret_value().strip()):
            raise ValueError("must look like 123456789:AA... (the token @BotFather gave you)")
        return SecretStr(value.get_secret_value().strip())

    @field_validator("default_language", mode="before")
    @classmethod
    def _language_spelling(cls, value: object) -> object:
        """`` EN `` means en: only the spelling is forgiven, not the choice."""
        return value.strip().lower() if isinstance(value, str) else value

    @field_validator("default_language")
    @classmethod
    def _language_known(cls, value: str) -> str:
        if value not in LANGUAGES:
            *others, last = (repr(code) for code in LANGUAGES)
            raise ValueError(f"must be {', '.join(others)} or {last}")
        return value

    @field_validator("log_level", mode="before")
    @classmethod
    def _level_spelling(cls, value: object) -> object:
        return value.strip().upper() if isinstance(value, str) else value

    @field_validator("web_port", mode="before")
    @classmethod
    def _web_port_unset(cls, value: object) -> object:
        """An empty WEB_PORT (``WEB_PORT=`` in compose) means "no server of its own"."""
        return None if isinstance(value, str) and not value.strip() else value

    @field_validator("web_port")
    @classmethod
    def _web_port(cls, value: int | None) -> int | None:
        if value is not None and not 1 <= value <= 65535:
            raise ValueError("must be a TCP port number, 1..65535")
        return value

    @field_validator("web_host")
    @classmethod
    def _web_host(cls, value: str) -> str:
        value = value.strip()
        if not re.fullmatch(r"[A-Za-z0-9._:-]+", value):
            raise ValueError("must be an address to listen on, e.g. 0.0.0.0 or 127.0.0.1")
        return value


class Settings(DeliverySettings, WebSettings):
    """Everything the operator can set. Names are the environment variables."""

    bot_token: SecretStr
    telegram_api_url: str | None = None
    admin_ids: Annotated[frozenset[int], NoDecode] = Field(default_factory=frozenset)
    notify_window: int = Field(default=10, ge=1, le=100)  # sends in flight at once
    notify_lease_seconds: float = Field(default=30.0, ge=1, le=3600)
    notify_max_attempts: int = Field(default=5, ge=1, le=100)
    notify_backoff_seconds: float = Field(default=2.0, gt=0, le=3600)
    notify_poll_seconds: float = Field(default=2.0, gt=0, le=3600)
    notify_progress_seconds: float = Field(default=5.0, gt=0, le=3600)  # admins' progress message
    # Webhook mode, when webhook_url is set; long polling otherwise.
    webhook_url: str | None = None
    # Loopback: the server speaks plain http for an https proxy on the same machine. The
    # Docker image sets 0.0.0.0, where the published port is the boundary.
    webhook_host: str = "127.0.0.1"
    webhook_port: int = 8080
    webhook_path: str = "/webhook"
    webhook_secret: SecretStr | None = None  # generated at start when unset
    # Flood control per user (bot/runtime/throttle.py): a burst, then a rate; 0 turns it off.
    throttle_rate: float = Field(default=1.0, ge=0, le=1000)  # updates a second per user
    throttle_burst: int = Field(default=10, ge=1, le=1000)
    # Prometheus /metrics (bot/runtime/metrics.py): off unless METRICS_PORT or METRICS_TOKEN is set.
    metrics_port: int | None = None  # a server of its own, on METRICS_HOST
    metrics_host: str = "127.0.0.1"  # loopback: metrics are never public by default
    metrics_token: SecretStr | None = None  # required as a bearer token; serves it on the webhook server too
    # The rating page as a Mini App (issue 15): the https address Telegram opens it at.
    web_app_url: str | None = None

    @property
    def webhook_endpoint(self) -> str | None:
        """The URL given to setWebhook: WEBHOOK_URL as written, or, when it names no path
        (``https://bot.example.org``), that base with WEBHOOK_PATH added."""
        if self.webhook_url is None:
            return None
        if urlsplit(self.webhook_url).path in ("", "/"):
            return self.webhook_url.rstrip("/") + self.webhook_path
        return self.webhook_url

    @model_validator(mode="after")
    def _paid_above_the_free_rate(self) -> Settings:
        if self.notify_rate > FREE_BROADCAST_RATE and not self.notify_paid_broadcast:
            raise ValueError(
                f"NOTIFY_RATE above {FREE_BROADCAST_RATE:g} a second needs NOTIFY_PAID_BROADCAST=true "
                "(Telegram charges Stars for every message above its free limit)"
            )
        return self

    @model_validator(mode="after")
    def _metrics_somewhere(self) -> Settings:
        if self.metrics_token is not None and self.metrics_port is None and self.webhook_url is None:
            raise ValueError(
                "METRICS_TOKEN is set but there is no server for /metrics: set METRICS_PORT "
                "(long polling has no webhook server)"
            )
        if (
            self.metrics_token is not None
            and self.webhook_url is not None
            and self.webhook_path.rstrip("/") == "/metrics"
        ):
            raise ValueError("WEBHOOK_PATH must not be /metrics while METRICS_TOKEN serves metrics there")
        if self.webhook_url is not None and self.metrics_port == self.webhook_port:
            raise ValueError(
                "METRICS_PORT must differ from WEBHOOK_PORT (set METRICS_TOKEN to serve /metrics "
                "on the webhook server instead)"
            )
        return self

    @model_validator(mode="after")
    def _web_port_free(self) -> Settings:
        """The page's own server cannot share a port with the bot's other servers."""
        if self.web_port is None:
            return self
        if self.webhook_url is not None and self.web_port == self.webhook_port:
            raise ValueError(
                "WEB_PORT must differ from WEBHOOK_PORT (the webhook server serves the page anyway: "
                "leave WEB_PORT unset)"
            )
        if self.web_port == self.metrics_port:
            raise ValueError("WEB_PORT must differ from METRICS_PORT")
        return self

    @field_validator("telegram_api_url")
    @classmethod
    def _api_url(cls, value: str | None) -> str | None:
        if value is None or not value.strip():
            return None
        value = value.strip().rstrip("/")
        if http_url_problem(value) is not None:
            raise ValueError("must be an http:// or https:// URL of a Bot API server")
        return value

    @field_validator("webhook_url")
    @classmethod
    def _webhook_url(cls, value: str | None) -> str | None:
        if value is None or not value.strip():
            return None
        value = value.strip()
        problem = http_url_problem(value)
        if problem is not None:
            raise ValueError(f"must be the https:// URL Telegram posts updates to ({problem})")
        parts = urlsplit(value)
        if parts.scheme != "https" and (parts.hostname or "") not in LOCAL_HOSTS:
            raise ValueError("must be an https:// URL (Telegram calls only https; http is for 127.0.0.1)")
        if parts.query or parts.fragment:
            raise ValueError("must not have a ?query or #fragment")
        return value

    @field_validator("web_app_url")
    @classmethod
    def _web_app_url(cls, value: str | None) -> str | None:
        """Telegram opens Mini Apps only over https, so http is refused even on 127.0.0.1."""
        if value is None or not value.strip():
            return None
        value = value.strip()
        problem = http_url_problem(value)
        if problem is not None:
            raise ValueError(f"must be the https:// URL of the rating page ({problem})")
        if urlsplit(value).scheme != "https":
            raise ValueError("must be an https:// URL (Telegram opens Mini Apps only over https)")
        if urlsplit(value).fragment:
            raise ValueError("must not have a #fragment (Telegram puts its own data there)")
        return value

    @field_validator("webhook_host")
    @classmethod
    def _webhook_host(cls, value: str) -> str:
        value = value.strip()
        if not re.fullmatch(r"[A-Za-z0-9._:-]+", value):
            raise ValueError("must be an address to listen on, e.g. 0.0.0.0 or 127.0.0.1")
        return value

    @field_validator("webhook_port")
    @classmethod
    def _webhook_port(cls, value: int) -> int:
        if not 1 <= value <= 65535:
            raise ValueError("must be a TCP port number, 1..65535")
        return value

    @field_validator("metrics_port", mode="before")
    @classmethod
    def _metrics_port_unset(cls, value: object) -> object:
        """An empty METRICS_PORT (``METRICS_PORT=`` in compose) means "no metrics server"."""
        return None if isinstance(value, str) and not value.strip() else value

    @field_validator("metrics_port")
    @classmethod
    def _metrics_port(cls, value: int | None) -> int | None:
        if value is not None and not 1 <= value <= 65535:
            raise ValueError("must be a TCP port number, 1..65535")
        return value

    @field_validator("metrics_host")
    @classmethod
    def _metrics_host(cls, value: str) -> str:
        value = value.strip()
        if not re.fullmatch(r"[A-Za-z0-9._:-]+", value):
            raise ValueError("must be an address to listen on, e.g. 127.0.0.1")
        return value

    @field_validator("metrics_token", mode="before")
    @classmethod
    def _metrics_token_unset(cls, value: object) -> object:
        return None if isinstance(value, str) and not value.strip() else value

    @field_validator("metrics_token")
    @classmethod
    def _metrics_token_shape(cls, value: SecretStr | None) -> SecretStr | None:
        if value is not None and not METRICS_TOKEN_PATTERN.fullmatch(value.get_secret_value()):
            raise ValueError(
                "must be 16-256 characters of A-Z, a-z, 0-9, _ . ~ and - (e.g. openssl rand -hex 24)"
            )
        return value

    @field_validator("webhook_path")
    @classmethod
    def _webhook_path(cls, value: str) -> str:
        value = value.strip()
        if not re.fullmatch(r"/[A-Za-z0-9._~!$&'()*+,;=:@%/-]*", value):
            raise ValueError('must be a URL path starting with "/", e.g. /webhook')
        if value.rstrip("/") == HEALTH_PATH:
            raise ValueError(f"must not be {HEALTH_PATH}: that path answers health checks")
        if any(f"{value.rstrip('/')}/".startswith(prefix) for prefix in WEB_PATH_PREFIXES):
            raise ValueError("must not be under /api/ or /static/: the rating page's paths")
        return value

    @field_validator("webhook_secret", mode="before")
    @classmethod
    def _secret_unset(cls, value: object) -> object:
        """An empty WEBHOOK_SECRET (``WEBHOOK_SECRET=`` in compose) means "generate one"."""
        if isinstance(value, str) and not value.strip():
            return None
        return value

    @field_validator("webhook_secret")
    @classmethod
    def _secret_shape(cls, value: SecretStr | None) -> SecretStr | None:
        if value is not None and not WEBHOOK_SECRET_PATTERN.fullmatch(value.get_secret_value()):
            raise ValueError("must be 1-256 characters of A-Z, a-z, 0-9, _ and - (Telegram's rule)")
        return value

    @field_validator("database_path")
    @classmethod
    def _database_location(cls, value: Path) -> Path:
        problem = database_location_problem(value)
        if problem is not None:
            raise ValueError(problem)
        return value

    @field_validator("admin_ids", mode="before")
    @classmethod
    def _admin_ids(cls, value: object) -> frozenset[int]:
        if value is None or value == "":
            return frozenset()
        if isinstance(value, str):
            parts = [p for p in re.split(r"[,\s]+", value.strip()) if p]
        elif isinstance(value, (list, tuple, set, frozenset)):
            parts = [str(p) for p in value]
        else:
            parts = [str(value)]
        if not all(re.fullmatch(r"-?\d{1,20}", p) for p in parts):
            raise ValueError("must be Telegram user ids separated by commas, e.g. 12345,67890")
        return frozenset(int(p) for p in parts)


def http_url_problem(value: str) -> str | None:
    """What makes ``value`` no absolute http(s) URL, in words that do not repeat it; None if fine."""
    if re.search(r"\s", value):
        return "no spaces allowed"
    try:
        parts = urlsplit(value)
        parts.port  # noqa: B018 - raises ValueError on a port that is not a number in 0..65535
    except ValueError:
        return "not a valid URL"
    if parts.scheme not in ("http", "https"):
        return "it must start with https://"
    if not parts.hostname:
        return "no host name"
    return None


def database_location_problem(path: Path) -> str | None:
    """Why the bot could not create or write its SQLite file at ``path``; None if it can.

    Checked at start without creating anything, so a read-only volume or a mistyped
    directory is one line naming DATABASE_PATH, not an SQLite traceback. SQLite in WAL
    mode also writes ``-wal`` and ``-shm`` files beside the database, so the directory
    itself must be writable, not only the file.
    """
    if path.is_dir():
        return "is a directory: it must name the SQLite file, e.g. /data/rating.db"
    if path.exists() and not os.access(path, os.R_OK | os.W_OK):
        return "is a file this user cannot read and write"
    existing = path.parent
    while not existing.exists() and existing.parent != existing:
        existing = existing.parent  # the directories below it are created at start
    if not existing.is_dir():
        return f"cannot be created: {existing} is not a directory"
    if not os.access(existing, os.W_OK | os.X_OK):
        return f"cannot be created: the directory {existing} is not writable by this user"
    return None


class ConfigError(SystemExit):
    """Raised to stop the process with one line that says what to fix."""


def describe_settings_error(error: ValidationError) -> str:
    """One line per bad setting, naming the variable and never echoing its value."""
    problems = []
    for item in error.errors(include_input=False, include_url=False):
        name = str(item["loc"][0]).upper() if item["loc"] else "settings"
        if item["type"] == "missing":
            problems.append(f"{name} is not set")
        else:
            message = str(item["msg"]).removeprefix("Value error, ")
            message = re.sub(r"^Input should be\b", "must be", message)
            problems.append(f"{name} {message}" if item["loc"] else message)  # a rule of two settings
    return "Configuration error: " + "; ".join(problems)


def scrub(text: str) -> str:
    """``text`` with anything shaped like a bot token replaced: the last guard on what is printed."""
    return TOKEN_ANYWHERE.sub("<BOT_TOKEN>", text)


def load_web_settings() -> WebSettings:
    """The settings ``python -m bot web`` reads (no bot token), or stop with one clear line."""
    try:
        return WebSettings()
    except ValidationError as error:
        raise ConfigError(scrub(describe_settings_error(error))) from None
    except SettingsError as error:
        raise ConfigError(f"Configuration error: {scrub(str(error))}") from None


def load_settings(**overrides: object) -> Settings:
    """Read and validate the settings, or stop with one clear line."""
    try:
        return Settings(**overrides)  # type: ignore[arg-type]
    except ValidationError as error:
        raise ConfigError(scrub(describe_settings_error(error))) from None
    except SettingsError as error:  # a value pydantic-settings could not even decode
        raise ConfigError(f"Configuration error: {scrub(str(error))}") from None
