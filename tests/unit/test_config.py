"""Settings: every bad value stops the bot with one line naming the setting, never the token.

Values come from the environment, as in production (``load_settings()`` with no
arguments), in a directory without a ``.env``; the variables of the developer's own
environment are cleared first.
"""

from __future__ import annotations

import logging
import os
from pathlib import Path

import pytest

from bot.config import ConfigError, Settings, database_location_problem, load_settings
from bot.notify.limits import Limits
from bot.runtime.logs import RedactToken

TOKEN = "123456789:AAHsecretPartOfTheToken_0123456789abc"
SECRET_PART = TOKEN.split(":")[1]
PREFIXES = (
    "BOT_",
    "TELEGRAM_",
    "WEBHOOK_",
    "DATABASE_",
    "ADMIN_",
    "DEFAULT_LANGUAGE",
    "LOG_LEVEL",
    "NOTIFY_",
)


@pytest.fixture
def env(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> pytest.MonkeyPatch:
    """A clean environment with a valid token and a database in ``tmp_path``."""
    for name in list(os.environ):
        if name.upper().startswith(PREFIXES):
            monkeypatch.delenv(name)
    monkeypatch.chdir(tmp_path)  # no .env here
    monkeypatch.setenv("BOT_TOKEN", TOKEN)
    monkeypatch.setenv("DATABASE_PATH", str(tmp_path / "var" / "rating.db"))
    return monkeypatch


def config_error(env: pytest.MonkeyPatch, **values: str | None) -> str:
    for name, value in values.items():
        if value is None:
            env.delenv(name, raising=False)
        else:
            env.setenv(name, value)
    with pytest.raises(ConfigError) as raised:
        load_settings()
    line = str(raised.value.code)
    assert "\n" not in line
    assert line.startswith("Configuration error: ")
    assert SECRET_PART not in line
    return line


def test_defaults(env: pytest.MonkeyPatch, tmp_path: Path) -> None:
    settings = load_settings()
    assert settings.bot_token.get_secret_value() == TOKEN
    assert TOKEN not in repr(settings)
    assert settings.webhook_url is None
    assert settings.webhook_endpoint is None
    assert (settings.webhook_host, settings.webhook_port, settings.webhook_path) == (
        "127.0.0.1",
        8080,
        "/webhook",
    )
    assert settings.webhook_secret is None
    assert settings.default_language == "ru"
    assert settings.log_level == "INFO"
    assert not (tmp_path / "var").exists(), "checking DATABASE_PATH creates nothing"


def test_webhook_settings(env: pytest.MonkeyPatch) -> None:
    env.setenv("WEBHOOK_URL", "https://bot.example.org/tg/hook")
    env.setenv("WEBHOOK_HOST", "0.0.0.0")
    env.setenv("WEBHOOK_PORT", "8443")
    env.setenv("WEBHOOK_PATH", "/hook")
    env.setenv("WEBHOOK_SECRET", "s3cret_-X")
    settings = load_settings()
    assert settings.webhook_endpoint == "https://bot.example.org/tg/hook", "a URL with a path is used as is"
    assert settings.webhook_port == 8443
    assert settings.webhook_secret is not None
    assert settings.webhook_secret.get_secret_value() == "s3cret_-X"
    assert "s3cret" not in repr(settings)


@pytest.mark.parametrize(
    ("url", "endpoint"),
    [
        ("https://bot.example.org", "https://bot.example.org/webhook"),
        ("https://bot.example.org/", "https://bot.example.org/webhook"),
        ("http://127.0.0.1:8080/webhook", "http://127.0.0.1:8080/webhook"),
        ("http://localhost:9000", "http://localhost:9000/webhook"),
    ],
)
def test_webhook_endpoint_adds_the_path_to_a_bare_base(
    env: pytest.MonkeyPatch, url: str, endpoint: str
) -> None:
    env.setenv("WEBHOOK_URL", url)
    assert load_settings().webhook_endpoint == endpoint


def test_empty_optional_values_mean_unset(env: pytest.MonkeyPatch) -> None:
    """``VAR=`` is how compose passes an optional setting nobody gave."""
    for name in ("WEBHOOK_URL", "WEBHOOK_SECRET", "TELEGRAM_API_URL", "ADMIN_IDS"):
        env.setenv(name, "")
    settings = load_settings()
    assert settings.webhook_url is None
    assert settings.webhook_secret is None
    assert settings.telegram_api_url is None
    assert settings.admin_ids == frozenset()


def test_spelling_is_forgiven(env: pytest.MonkeyPatch) -> None:
    env.setenv("DEFAULT_LANGUAGE", " EN ")
    env.setenv("LOG_LEVEL", "debug")
    settings = load_settings()
    assert (settings.default_language, settings.log_level) == ("en", "DEBUG")


@pytest.mark.parametrize(
    ("setting", "values", "says"),
    [
        ("BOT_TOKEN", {"BOT_TOKEN": None}, "not set"),
        ("BOT_TOKEN", {"BOT_TOKEN": "not-a-token"}, "@BotFather"),
        ("BOT_TOKEN", {"BOT_TOKEN": TOKEN + " extra"}, "@BotFather"),
        ("BOT_TOKEN", {"BOT_TOKEN": "12:" + SECRET_PART}, "@BotFather"),
        ("ADMIN_IDS", {"ADMIN_IDS": "12345,alice"}, "user ids"),
        ("TELEGRAM_API_URL", {"TELEGRAM_API_URL": "ftp://api.example.org"}, "http"),
        ("TELEGRAM_API_URL", {"TELEGRAM_API_URL": "api.example.org"}, "http"),
        ("TELEGRAM_API_URL", {"TELEGRAM_API_URL": f"http://api example.org/bot{TOKEN}"}, "http"),
        ("WEBHOOK_URL", {"WEBHOOK_URL": "http://bot.example.org/webhook"}, "https"),
        ("WEBHOOK_URL", {"WEBHOOK_URL": f"http://bot.example.org/{TOKEN}"}, "https"),
        ("WEBHOOK_URL", {"WEBHOOK_URL": f"https://bot.example.org/{TOKEN} x"}, "https"),
        ("WEBHOOK_URL", {"WEBHOOK_URL": "bot.example.org/webhook"}, "https"),
        ("WEBHOOK_URL", {"WEBHOOK_URL": "https:///webhook"}, "host"),
        ("WEBHOOK_URL", {"WEBHOOK_URL": "https://bot.example.org:99999/webhook"}, "valid URL"),
        ("WEBHOOK_URL", {"WEBHOOK_URL": f"https://bot.example.org/hook?token={TOKEN}"}, "query"),
        ("WEBHOOK_PORT", {"WEBHOOK_PORT": "0"}, "1..65535"),
        ("WEBHOOK_PORT", {"WEBHOOK_PORT": "65536"}, "1..65535"),
        ("WEBHOOK_PORT", {"WEBHOOK_PORT": "http"}, "integer"),
        ("WEBHOOK_PATH", {"WEBHOOK_PATH": "webhook"}, '"/"'),
        ("WEBHOOK_PATH", {"WEBHOOK_PATH": "/web hook"}, '"/"'),
        ("WEBHOOK_PATH", {"WEBHOOK_PATH": "/healthz"}, "health"),
        ("WEBHOOK_HOST", {"WEBHOOK_HOST": "http://0.0.0.0"}, "address"),
        ("WEBHOOK_SECRET", {"WEBHOOK_SECRET": "has spaces in it"}, "A-Z"),
        ("WEBHOOK_SECRET", {"WEBHOOK_SECRET": "x" * 257}, "1-256"),
        ("WEBHOOK_SECRET", {"WEBHOOK_SECRET": TOKEN}, "A-Z"),  # ":" is not allowed
        ("DEFAULT_LANGUAGE", {"DEFAULT_LANGUAGE": "de"}, "'ru', 'kk' or 'en'"),
        ("LOG_LEVEL", {"LOG_LEVEL": "verbose"}, "'DEBUG'"),
        ("NOTIFY_RATE", {"NOTIFY_RATE": "0"}, "greater than 0"),
        (
            "NOTIFY_RATE",
            {"NOTIFY_RATE": "1001", "NOTIFY_PAID_BROADCAST": "true"},
            "less than or equal to 1000",
        ),
        ("NOTIFY_WINDOW", {"NOTIFY_WINDOW": "0"}, "greater than or equal to 1"),
        ("NOTIFY_WINDOW", {"NOTIFY_WINDOW": "101"}, "less than or equal to 100"),
        ("NOTIFY_WINDOW", {"NOTIFY_WINDOW": "ten"}, "integer"),
        ("NOTIFY_PAID_BROADCAST", {"NOTIFY_PAID_BROADCAST": "perhaps"}, "boolean"),
    ],
)
def test_bad_value_is_one_line_naming_the_setting(
    env: pytest.MonkeyPatch, setting: str, values: dict[str, str | None], says: str
) -> None:
    line = config_error(env, **values)
    assert setting in line
    assert says in line
    assert "Input should" not in line, "pydantic's wording is rewritten into the line's"
    for value in values.values():
        if value and len(value) > 10:  # shorter ones are words the message may use itself
            assert value not in line, "the value is not echoed"


def test_every_problem_is_named_on_the_one_line(env: pytest.MonkeyPatch) -> None:
    line = config_error(env, BOT_TOKEN=None, WEBHOOK_PORT="0", DEFAULT_LANGUAGE="de")
    assert "BOT_TOKEN is not set" in line
    assert "WEBHOOK_PORT" in line
    assert "DEFAULT_LANGUAGE" in line


def test_database_in_a_directory_that_is_a_file(env: pytest.MonkeyPatch, tmp_path: Path) -> None:
    blocker = tmp_path / "not-a-dir"
    blocker.write_text("")
    line = config_error(env, DATABASE_PATH=str(blocker / "sub" / "rating.db"))
    assert "DATABASE_PATH" in line
    assert "not a directory" in line


def test_database_path_that_is_a_directory(env: pytest.MonkeyPatch, tmp_path: Path) -> None:
    line = config_error(env, DATABASE_PATH=str(tmp_path))
    assert "DATABASE_PATH" in line
    assert "is a directory" in line


@pytest.mark.skipif(os.geteuid() == 0, reason="root may write anywhere")
def test_database_in_a_read_only_directory(env: pytest.MonkeyPatch, tmp_path: Path) -> None:
    locked = tmp_path / "locked"
    locked.mkdir()
    locked.chmod(0o555)
    try:
        line = config_error(env, DATABASE_PATH=str(locked / "var" / "rating.db"))
    finally:
        locked.chmod(0o755)
    assert "DATABASE_PATH" in line
    assert "not writable" in line


def test_read_only_directory_is_found_without_being_root(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The check itself, with os.access answering as it would for an unprivileged user."""
    readonly = tmp_path / "volume"
    readonly.mkdir()
    real_access = os.access

    def access(path: object, mode: int) -> bool:
        return False if Path(str(path)) == readonly and mode & os.W_OK else real_access(path, mode)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "access", access)
    problem = database_location_problem(readonly / "data" / "rating.db")
    assert problem is not None
    assert str(readonly) in problem
    assert "not writable" in problem
    assert database_location_problem(tmp_path / "fine" / "rating.db") is None


def test_token_in_a_path_is_scrubbed(env: pytest.MonkeyPatch, tmp_path: Path) -> None:
    blocker = tmp_path / TOKEN
    blocker.write_text("")
    line = config_error(env, DATABASE_PATH=str(blocker / "rating.db"))
    assert "DATABASE_PATH" in line
    assert "<BOT_TOKEN>" in line


def test_settings_object_never_shows_the_token(env: pytest.MonkeyPatch) -> None:
    settings = Settings()  # type: ignore[call-arg]
    assert SECRET_PART not in repr(settings)
    assert SECRET_PART not in str(settings.model_dump())


def test_log_redaction_covers_the_webhook_secret_and_tracebacks() -> None:
    redaction = RedactToken(TOKEN)
    redaction.add("webhook-secret-value", "<WEBHOOK_SECRET>")
    record = logging.LogRecord(
        "x", logging.INFO, __file__, 1, "POST %s with %s", (TOKEN, "webhook-secret-value"), None
    )
    redaction.filter(record)
    assert record.getMessage() == "POST <BOT_TOKEN> with <WEBHOOK_SECRET>"

    try:
        raise RuntimeError(f"https://api.telegram.org/bot{TOKEN}/getMe failed at 100%")
    except RuntimeError as error:
        record = logging.LogRecord(
            "x", logging.ERROR, __file__, 1, "failed: %d%%", (3,), (type(error), error, None)
        )
    redaction.filter(record)
    text = logging.Formatter().format(record)
    assert SECRET_PART not in text
    assert text.count("RuntimeError") == 1, "the traceback appears once"
    assert text.startswith("failed: 3%")


def test_delivery_defaults_are_free_broadcast_in_a_window_of_ten(env: pytest.MonkeyPatch) -> None:
    limits = Limits.from_settings(load_settings())
    assert (limits.rate, limits.window, limits.lease, limits.paid_broadcast) == (25.0, 10, 30.0, False)


def test_a_rate_above_the_free_limit_without_paid_broadcast_is_one_line_naming_both(
    env: pytest.MonkeyPatch,
) -> None:
    line = config_error(env, NOTIFY_RATE="100")
    assert line == (
        "Configuration error: NOTIFY_RATE above 30 a second needs NOTIFY_PAID_BROADCAST=true "
        "(Telegram charges Stars for every message above its free limit)"
    )


@pytest.mark.parametrize("rate", ["30.5", "1000"])
def test_any_rate_above_thirty_needs_paid_broadcast(env: pytest.MonkeyPatch, rate: str) -> None:
    line = config_error(env, NOTIFY_RATE=rate, NOTIFY_PAID_BROADCAST="false")
    assert "NOTIFY_RATE" in line
    assert "NOTIFY_PAID_BROADCAST" in line


def test_thirty_a_second_is_still_free(env: pytest.MonkeyPatch) -> None:
    env.setenv("NOTIFY_RATE", "30")
    settings = load_settings()
    assert (settings.notify_rate, settings.notify_paid_broadcast) == (30.0, False)


def test_with_paid_broadcast_a_rate_up_to_a_thousand_is_fine(env: pytest.MonkeyPatch) -> None:
    env.setenv("NOTIFY_RATE", "100")
    env.setenv("NOTIFY_PAID_BROADCAST", "true")
    limits = Limits.from_settings(load_settings())
    assert (limits.rate, limits.paid_broadcast) == (100.0, True)
    env.setenv("NOTIFY_RATE", "1000")
    assert load_settings().notify_rate == 1000.0


@pytest.mark.parametrize("window", [1, 100])
def test_the_window_may_be_from_one_to_a_hundred(env: pytest.MonkeyPatch, window: int) -> None:
    env.setenv("NOTIFY_WINDOW", str(window))
    assert Limits.from_settings(load_settings()).window == window
