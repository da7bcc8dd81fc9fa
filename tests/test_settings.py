"""Settings from environment and .env, validated at once, secrets masked."""

import pytest

from bot.errors import ConfigError
from bot.settings import Settings, load_settings


def test_defaults_need_nothing():
    settings = load_settings({}, env_file=None)
    assert settings.db_url.startswith("sqlite:///")
    assert settings.digest_time == "08:00"


def test_environment_wins_over_env_file(tmp_path):
    env = tmp_path / ".env"
    env.write_text("DIGEST_TZ=Europe/Kyiv\nPAGE_SIZE=7\n")
    settings = load_settings({"PAGE_SIZE": "3"}, env_file=env)
    assert settings.digest_tz == "Europe/Kyiv"
    assert settings.page_size == 3


def test_every_invalid_setting_is_reported_in_one_error():
    with pytest.raises(ConfigError) as err:
        load_settings(
            {"PORT": "abc", "DIGEST_TIME": "25:99", "DIGEST_TZ": "Nowhere/City"}, env_file=None
        )
    message = str(err.value)
    assert "PORT" in message
    assert "DIGEST_TIME" in message
    assert "DIGEST_TZ" in message


def test_private_url_switch():
    assert load_settings({"QUOTEBOT_ALLOW_PRIVATE_URLS": "true"}, env_file=None).allow_private_urls
    assert not load_settings({}, env_file=None).allow_private_urls


def test_digest_chart_is_on_unless_switched_off():
    assert load_settings({}, env_file=None).digest_chart
    assert not load_settings({"DIGEST_CHART": "off"}, env_file=None).digest_chart
    assert load_settings({"DIGEST_CHART": "Yes"}, env_file=None).digest_chart


def test_a_misspelt_switch_is_refused_not_read_as_false():
    with pytest.raises(ConfigError, match="DIGEST_CHART='ture': expected true or false"):
        load_settings({"DIGEST_CHART": "ture"}, env_file=None)


def test_repr_masks_tokens():
    text = repr(
        Settings(slack_bot_token="xoxb-1234567890-HIDDENVALUE", discord_token="abcdefghijkl")
    )
    assert "HIDDENVALUE" not in text
    assert "abcdefghijkl" not in text


def test_adapter_names_what_it_lacks():
    with pytest.raises(
        ConfigError, match="slack adapter needs SLACK_BOT_TOKEN, SLACK_SIGNING_SECRET"
    ):
        Settings().require("slack-http")
    Settings(discord_token="x").require("discord")


def test_env_example_documents_every_setting():
    from dataclasses import fields
    from pathlib import Path

    example = (Path(__file__).resolve().parents[1] / ".env.example").read_text()
    names = {f.name.upper() for f in fields(Settings)} - {"ALLOW_PRIVATE_URLS"}
    missing = [n for n in names if f"\n{n}=" not in example]
    assert missing == []
    assert "QUOTEBOT_ALLOW_PRIVATE_URLS=" in example
