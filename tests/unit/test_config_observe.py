"""The settings of flood control and metrics: sane defaults, one line for each bad value.

(The other settings' tests are in test_config.py; the environment is cleared the same way.)
"""

from __future__ import annotations

import pytest

from bot.config import ConfigError, load_settings

METRICS_TOKEN = "metrics-token-0123456789abcdef"


def config_error(env: pytest.MonkeyPatch, **values: str) -> str:
    for name, value in values.items():
        env.setenv(name, value)
    with pytest.raises(ConfigError) as raised:
        load_settings()
    line = str(raised.value.code)
    assert "\n" not in line
    assert line.startswith("Configuration error: ")
    return line


def test_throttling_is_on_and_metrics_off_by_default(env: pytest.MonkeyPatch) -> None:
    settings = load_settings()

    assert (settings.throttle_rate, settings.throttle_burst) == (1.0, 10)
    assert settings.metrics_port is None
    assert settings.metrics_token is None
    assert settings.metrics_host == "127.0.0.1"


def test_metrics_settings_are_read(env: pytest.MonkeyPatch) -> None:
    env.setenv("METRICS_PORT", "9464")
    env.setenv("METRICS_HOST", " 0.0.0.0 ")
    env.setenv("METRICS_TOKEN", METRICS_TOKEN)
    env.setenv("THROTTLE_RATE", "0")

    settings = load_settings()

    assert (settings.metrics_port, settings.metrics_host) == (9464, "0.0.0.0")
    assert settings.metrics_token is not None
    assert settings.metrics_token.get_secret_value() == METRICS_TOKEN
    assert METRICS_TOKEN not in repr(settings)
    assert settings.throttle_rate == 0


def test_empty_metrics_values_mean_unset(env: pytest.MonkeyPatch) -> None:
    env.setenv("METRICS_PORT", "")
    env.setenv("METRICS_TOKEN", "")

    settings = load_settings()

    assert (settings.metrics_port, settings.metrics_token) == (None, None)


@pytest.mark.parametrize(
    ("values", "expected"),
    [
        ({"THROTTLE_RATE": "-1"}, "THROTTLE_RATE must be greater than or equal to 0"),
        ({"THROTTLE_BURST": "0"}, "THROTTLE_BURST must be greater than or equal to 1"),
        ({"METRICS_PORT": "70000"}, "METRICS_PORT must be a TCP port number, 1..65535"),
        ({"METRICS_PORT": "nine"}, "METRICS_PORT must be a valid integer"),
        ({"METRICS_HOST": "a host"}, "METRICS_HOST must be an address to listen on"),
        ({"METRICS_PORT": "9464", "METRICS_TOKEN": "short"}, "METRICS_TOKEN must be 16-256 characters"),
        ({"METRICS_TOKEN": METRICS_TOKEN}, "METRICS_TOKEN is set but there is no server for /metrics"),
        (
            {"WEBHOOK_URL": "https://bot.example.org", "METRICS_PORT": "8080"},
            "METRICS_PORT must differ from WEBHOOK_PORT",
        ),
        (
            {
                "WEBHOOK_URL": "https://bot.example.org",
                "WEBHOOK_PATH": "/metrics",
                "METRICS_TOKEN": METRICS_TOKEN,
            },
            "WEBHOOK_PATH must not be /metrics",
        ),
    ],
)
def test_a_bad_value_is_one_line_naming_it(
    env: pytest.MonkeyPatch, values: dict[str, str], expected: str
) -> None:
    line = config_error(env, **values)

    assert expected in line
    assert METRICS_TOKEN not in line  # a token is never echoed, right or wrong
