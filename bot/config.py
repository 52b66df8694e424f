"""Settings from the environment or ``.env``, validated once at start.

A bad value must stop the bot with one line naming the setting, and the token must never
be printed, so the token is a ``SecretStr`` and validation errors are rewritten by
:func:`describe_settings_error` without echoing input values.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Annotated, Literal

from pydantic import Field, SecretStr, ValidationError, field_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict

from bot.notify.limits import Limits

TOKEN_PATTERN = re.compile(r"^\d{3,20}:[A-Za-z0-9_-]{30,64}$")
SUPPORTED_LANGUAGES: tuple[str, ...] = ("ru", "kk", "en")
DEFAULT_DATABASE = Path("var/rating.db")


class StorageSettings(BaseSettings):
    """What the importer needs: it runs without a bot token."""

    model_config = SettingsConfigDict(
        env_file=".env", env_file_encoding="utf-8", extra="ignore", case_sensitive=False
    )

    database_path: Path = DEFAULT_DATABASE


class Settings(StorageSettings):
    """Everything the operator can set. Names are the environment variables."""

    bot_token: SecretStr
    default_language: Literal["ru", "kk", "en"] = "ru"
    telegram_api_url: str | None = None
    admin_ids: Annotated[frozenset[int], NoDecode] = Field(default_factory=frozenset)
    log_level: Literal["DEBUG", "INFO", "WARNING", "ERROR"] = "INFO"
    notify_rate: float = Field(default=25.0, gt=0, le=1000)  # messages a second, overall
    notify_max_attempts: int = Field(default=5, ge=1, le=100)
    notify_backoff_seconds: float = Field(default=2.0, gt=0, le=3600)
    notify_poll_seconds: float = Field(default=2.0, gt=0, le=3600)

    def delivery_limits(self) -> Limits:
        return Limits(
            rate=self.notify_rate,
            max_attempts=self.notify_max_attempts,
            backoff_base=self.notify_backoff_seconds,
            idle_poll=self.notify_poll_seconds,
        )

    @field_validator("bot_token")
    @classmethod
    def _token_shape(cls, value: SecretStr) -> SecretStr:
        if not TOKEN_PATTERN.fullmatch(value.get_secret_value().strip()):
            raise ValueError("must look like 123456789:AA... (the token @BotFather gave you)")
        return SecretStr(value.get_secret_value().strip())

    @field_validator("telegram_api_url")
    @classmethod
    def _api_url(cls, value: str | None) -> str | None:
        if value is None or not value.strip():
            return None
        value = value.strip().rstrip("/")
        if not re.fullmatch(r"https?://[^\s/]+(/[^\s]*)?", value):
            raise ValueError("must be an http:// or https:// URL of a Bot API server")
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


class ConfigError(SystemExit):
    """Raised to stop the process with one line that says what to fix."""


def describe_settings_error(error: ValidationError) -> str:
    """One line per bad setting, naming the variable and never echoing its value."""
    problems = []
    for item in error.errors():
        name = str(item["loc"][0]).upper() if item["loc"] else "settings"
        if item["type"] == "missing":
            problems.append(f"{name} is not set")
        else:
            message = str(item["msg"]).removeprefix("Value error, ")
            problems.append(f"{name} {message}")
    return "Configuration error: " + "; ".join(problems)


def load_settings(**overrides: object) -> Settings:
    """Read and validate the settings, or stop with one clear line."""
    try:
        return Settings(**overrides)  # type: ignore[arg-type]
    except ValidationError as error:
        raise ConfigError(describe_settings_error(error)) from None
