"""WEB_APP_URL, the Mini App's address: optional, https only, one line when it is wrong.

(The other settings' tests are in test_config.py; the environment is cleared the same way.)
"""

from __future__ import annotations

import pytest

from bot.config import ConfigError, load_settings


def config_error(env: pytest.MonkeyPatch, value: str) -> str:
    env.setenv("WEB_APP_URL", value)
    with pytest.raises(ConfigError) as raised:
        load_settings()
    line = str(raised.value.code)
    assert "\n" not in line
    assert line.startswith("Configuration error: WEB_APP_URL ")
    assert value.strip() not in line, "the value is not echoed"
    return line


def test_unset_or_empty_means_no_mini_app(env: pytest.MonkeyPatch) -> None:
    assert load_settings().web_app_url is None
    env.setenv("WEB_APP_URL", "  ")
    assert load_settings().web_app_url is None


@pytest.mark.parametrize(
    "url",
    ["https://rating.example.kz/", "https://rating.example.kz/page?lang=kk", " https://bot.example.org/web "],
)
def test_an_https_url_is_kept(env: pytest.MonkeyPatch, url: str) -> None:
    env.setenv("WEB_APP_URL", url)
    assert load_settings().web_app_url == url.strip()


@pytest.mark.parametrize(
    ("url", "says"),
    [
        ("http://rating.example.kz/", "https://"),
        ("http://127.0.0.1:8080/", "https://"),  # unlike WEBHOOK_URL: Telegram opens only https
        ("rating.example.kz", "https://"),
        ("https:///nohost", "no host name"),
        ("https://rating.example.kz/a b", "no spaces"),
        ("https://rating.example.kz:99999/", "not a valid URL"),
        ("https://rating.example.kz/#top", "#fragment"),
    ],
)
def test_a_bad_url_is_one_line(env: pytest.MonkeyPatch, url: str, says: str) -> None:
    assert says in config_error(env, url)
