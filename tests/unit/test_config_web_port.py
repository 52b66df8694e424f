"""WEB_PORT and WEB_HOST (the rating page's own server) and the paths the page reserves.

(The environment is cleared as in test_config.py.)
"""

from __future__ import annotations

import pytest

from bot.config import ConfigError, load_settings, load_web_settings


def error_line(**values: str) -> str:
    with pytest.MonkeyPatch.context() as patch:
        for name, value in values.items():
            patch.setenv(name, value)
        with pytest.raises(ConfigError) as raised:
            load_settings()
    line = str(raised.value.code)
    assert "\n" not in line
    return line


def test_unset_or_empty_means_no_server_of_its_own(env: pytest.MonkeyPatch) -> None:
    assert load_settings().web_port is None
    env.setenv("WEB_PORT", " ")
    settings = load_settings()
    assert settings.web_port is None
    assert settings.web_host == "127.0.0.1"


def test_port_and_host_are_read(env: pytest.MonkeyPatch) -> None:
    env.setenv("WEB_PORT", "8081")
    env.setenv("WEB_HOST", " 0.0.0.0 ")
    settings = load_settings()
    assert (settings.web_port, settings.web_host) == (8081, "0.0.0.0")


@pytest.mark.parametrize("port", ["0", "65536", "eighty"])
def test_a_bad_port_is_one_line(env: pytest.MonkeyPatch, port: str) -> None:
    assert error_line(WEB_PORT=port).startswith("Configuration error: WEB_PORT ")


def test_a_bad_host_is_one_line(env: pytest.MonkeyPatch) -> None:
    assert error_line(WEB_HOST="local host").startswith("Configuration error: WEB_HOST must be an address")


def test_web_port_must_not_be_the_webhook_port(env: pytest.MonkeyPatch) -> None:
    line = error_line(WEBHOOK_URL="https://bot.example.org", WEBHOOK_PORT="8080", WEB_PORT="8080")
    assert "WEB_PORT must differ from WEBHOOK_PORT" in line


def test_web_port_must_not_be_the_metrics_port(env: pytest.MonkeyPatch) -> None:
    assert "WEB_PORT must differ from METRICS_PORT" in error_line(METRICS_PORT="9100", WEB_PORT="9100")


@pytest.mark.parametrize("path", ["/api/v1/years", "/api", "/static/", "/static/page.css"])
def test_the_webhook_may_not_take_the_page_paths(env: pytest.MonkeyPatch, path: str) -> None:
    line = error_line(WEBHOOK_PATH=path)
    assert line.startswith("Configuration error: WEBHOOK_PATH must not be under /api/ or /static/")


@pytest.mark.parametrize("path", ["/", "/webhook", "/apiary", "/statics"])
def test_other_webhook_paths_stay_allowed(env: pytest.MonkeyPatch, path: str) -> None:
    env.setenv("WEBHOOK_PATH", path)
    assert load_settings().webhook_path == path


def test_the_page_alone_needs_no_token(env: pytest.MonkeyPatch) -> None:
    env.delenv("BOT_TOKEN")
    env.setenv("WEB_PORT", "8090")
    env.setenv("DEFAULT_LANGUAGE", " KK ")
    settings = load_web_settings()
    assert (settings.web_port, settings.default_language) == (8090, "kk")


def test_the_page_alone_reports_a_bad_setting_in_one_line(env: pytest.MonkeyPatch) -> None:
    env.setenv("WEB_PORT", "99999")
    with pytest.raises(ConfigError) as raised:
        load_web_settings()
    assert str(raised.value.code) == "Configuration error: WEB_PORT must be a TCP port number, 1..65535"
