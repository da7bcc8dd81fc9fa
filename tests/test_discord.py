"""The Discord adapter through real discord.py: a message in, discord.py's parsing, our command,
embeds out.

Prefix commands run under dpytest (discord.py's own `process_commands`, converters and `send`);
slash commands and More buttons are called with a FakeInteraction (Discord's side), see
tests/discord_harness.py. What is asserted is what a user would see, and that nothing pings.
"""

from __future__ import annotations

import datetime as dt
import logging
import os
import socket
import subprocess
import sys
import types

import discord
import discord.ext.test as dpytest
import pytest
from aiohttp import web
from discord.ext import commands

from adapters.compose import jobs_for
from adapters.discord_bot import LOGIN_FAILED, DiscordOutbox, create_bot, run, serve
from adapters.discord_embeds import link, render
from adapters.discord_limits import (
    DESCRIPTION_CHARS,
    EMBED_CHARS,
    EMBEDS_PER_MESSAGE,
    FIELD_VALUE_CHARS,
    MESSAGE_CHARS,
    TITLE_CHARS,
)
from bot.app import App
from bot.chat.messages import Digest, QuoteView, Reply, Request, SpeakerDigest
from bot.chat.registry import commands as router_commands
from bot.errors import ConfigError, UserError
from bot.settings import Settings
from tests.conftest import ROOT, SAMPLES, make_article, store_quotes
from tests.discord_harness import (
    FakeInteraction,
    embed_text,
    grant_manage_channels,
    pings_nobody,
    start_bot,
    unescaped,
)

TODAY = dt.date(2026, 11, 20)
YESTERDAY = dt.date(2026, 11, 19)
DOCKS_URL = "https://harbourgazette.example.com/news/2026/11/20/port-talks"
CLINIC_URL = "https://valepost.example.com/2026/11/19/clinic_(update)"
MARSH_QUOTES = [
    (
        "Helena Marsh",
        "I am delighted that both sides are finally talking to each other again.",
        "direct",
    ),
    ("Ruben Tallis", "This offer is an insult to every single worker at the port.", "direct"),
]
CLINIC_QUOTES = [
    ("Helena Marsh", "The clinic will stay open all winter, whatever the budget says.", "direct")
]
MENTION_QUOTE = (
    "Dana Whitlock",
    "Tell @everyone and @here, and <@123456789012345678> and <@&234567890123456789>: "
    "**nothing** is settled ||yet||.",
    "direct",
)


@pytest.fixture
async def env(app, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)  # dpytest keeps attachments (a digest's chart) as files here
    environment = await start_bot(app)
    yield environment
    await dpytest.empty_queue()


@pytest.fixture
def stored(app):
    """Two fictional articles: the port talks (today) and the clinic (yesterday, brackets in its
    title)."""
    store_quotes(
        app,
        make_article(
            "Port talks resume.",
            title="Port talks resume",
            url=DOCKS_URL,
            published=TODAY,
            outlet="Harbour Gazette",
        ),
        MARSH_QUOTES,
    )
    store_quotes(
        app,
        make_article(
            "Clinic stays open.",
            title="Clinic [update] stays open ]",
            url=CLINIC_URL,
            published=YESTERDAY,
            outlet="Vale Post",
        ),
        CLINIC_QUOTES,
    )
    return app


async def say(text: str, member=0) -> discord.Message:
    """Send `text` as a user and return the bot's answer."""
    await dpytest.message(text, member=member)
    return dpytest.get_message()


# ---- registration ------------------------------------------------------------


async def test_every_router_command_is_a_prefix_and_a_slash_command(env):
    names = {cmd.name for cmd in router_commands()}
    assert {c.name for c in env.bot.commands} == names
    assert {c.name for c in env.bot.tree.get_commands()} == names
    assert env.bot.help_command is None  # our !help (the router's) replaced discord.py's
    assert isinstance(env.bot.quotebot_app, App)


async def test_slash_options_are_the_declared_arguments_and_options(env):
    quotes = env.bot.tree.get_command("quotes")
    assert [(p.name, p.required, p.type) for p in quotes.parameters] == [
        ("name", True, discord.AppCommandOptionType.string),
        ("page", False, discord.AppCommandOptionType.integer),
    ]
    assert quotes.parameters[0].description == "The speaker, e.g. Marsh"
    feeds = env.bot.tree.get_command("feeds")
    assert [c.value for c in feeds.get_parameter("action").choices] == ["list", "add", "remove"]
    subscribe = env.bot.tree.get_command("subscribe")
    assert [p.name for p in subscribe.parameters] == ["time", "timezone", "speakers", "keywords"]
    assert env.bot.get_command("digest").usage == "[24h|7d|YYYY-MM-DD] [--full]"


async def test_create_bot_reads_settings_from_the_environment(monkeypatch, tmp_path):
    monkeypatch.chdir(tmp_path)  # no .env here
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path / 'env.db'}")
    monkeypatch.setenv("DISCORD_PREFIX", "?")
    bot = create_bot()
    try:
        assert bot.command_prefix == "?"
        assert bot.quotebot_app.settings.db_url.endswith("env.db")
        assert bot.intents.message_content
        assert not bot.intents.members
    finally:
        bot.quotebot_app.close()


def test_an_unknown_manage_permission_is_a_config_error(settings):
    with pytest.raises(ConfigError, match="DISCORD_MANAGE_PERMISSION='manage_everything'"):
        create_bot(settings=settings.with_(discord_manage_permission="manage_everything"))


async def test_setup_hook_syncs_to_the_guild_when_one_is_set(app):
    bot = create_bot(app, app.settings.with_(discord_guild_id=4242))
    synced = []

    async def sync(*, guild=None):  # the HTTP call to Discord, recorded
        synced.append(guild.id if guild else None)
        return []

    bot.tree.sync = sync
    await bot.setup_hook()
    assert synced == [4242]
    assert {c.name for c in bot.tree.get_commands(guild=discord.Object(4242))} == {
        c.name for c in bot.tree.get_commands()
    }


async def test_setup_hook_syncs_globally_and_then_starts_the_jobs_on_its_outbox(app):
    started = []

    class Jobs:
        def shutdown(self):
            started.append("shut down")

    def jobs(outbox):
        started.append(outbox.platform)
        return Jobs()

    bot = create_bot(app, app.settings, jobs=jobs)
    synced = []

    async def sync(*, guild=None):
        synced.append(guild)
        return []

    bot.tree.sync = sync
    await bot.setup_hook()
    assert synced == [None]
    assert started == ["discord"]
    await bot.close()
    assert started == ["discord", "shut down"]


async def test_the_composition_roots_jobs_run_the_digest_scheduler_on_the_bot_outbox(app):
    bot = create_bot(app, app.settings, jobs=jobs_for(app))

    async def sync(*, guild=None):
        return []

    bot.tree.sync = sync
    await bot.setup_hook()
    try:
        assert bot.jobs.outboxes == {"discord": bot.outbox}
        assert bot.jobs.scheduler.running
    finally:
        await bot.close()
    assert bot.jobs is None


async def test_a_refused_guild_sync_is_one_line_user_error(app):
    bot = create_bot(app, app.settings.with_(discord_guild_id=77))

    async def sync(*, guild=None):
        raise discord.Forbidden(
            types.SimpleNamespace(status=403, reason="Forbidden"), "Missing Access"
        )

    bot.tree.sync = sync
    with pytest.raises(UserError, match="guild 77 .*applications.commands"):
        await bot.setup_hook()


# ---- digest --------------------------------------------------------------------


async def test_digest_posts_speakers_quotes_tone_and_links(env, stored):
    answer = await say("!digest")
    shown = embed_text(answer.embeds)
    assert answer.embeds[0].title == "Quote digest: the last 24 hours"
    assert "3 quotes from 2 speakers in 2 articles" in shown
    titles = [e.title for e in answer.embeds]
    assert titles.index("Helena Marsh") < titles.index("Ruben Tallis")  # most quoted first
    for _, text, _ in MARSH_QUOTES + CLINIC_QUOTES:
        assert text in shown
    assert "tone negative" in shown
    assert "overall tone neutral" in shown
    assert f"[Port talks resume (Harbour Gazette, 2026-11-20)]({DOCKS_URL})" in shown
    assert (
        "[Clinic (update) stays open ) (Vale Post, 2026-11-19)]"
        "(https://valepost.example.com/2026/11/19/clinic_%28update%29)" in shown
    )
    assert len(answer.embeds) == 4  # header, two speakers, sources: one message
    assert pings_nobody(env.sent[-1].payload["allowed_mentions"])


async def test_digest_of_a_publication_day(env, stored):
    answer = await say("!digest 2026-11-19")
    shown = embed_text(answer.embeds)
    assert answer.embeds[0].title == "Quote digest: 2026-11-19"
    assert CLINIC_QUOTES[0][1] in shown
    assert MARSH_QUOTES[0][1] not in shown
    empty = await say("!digest 2026-01-01")
    shown = empty.content + embed_text(empty.embeds)
    assert "No quotes" in shown
    assert "2026-01-01" in shown


async def test_digest_with_a_bad_period_explains_the_usage(env, stored):
    answer = await say("!digest fortnight")
    assert "the period 'fortnight' is unknown" in answer.content
    assert "Usage: digest [24h|7d|YYYY-MM-DD]" in unescaped(answer.content)


async def test_long_digest_pages_with_the_more_button(env, app):
    names = [f"Speaker Number{i}" for i in range(8)]
    for i, name in enumerate(names):
        article = make_article(
            f"Story {i}.", title=f"Story {i}", url=f"https://news.example.com/{i}"
        )
        store_quotes(
            app,
            article,
            [(name, f"Quote {j} of {name}: " + "we shall see. " * 60, "direct") for j in range(3)],
        )
    first = await say("!digest 7d")
    pages = [first.embeds]
    view = env.sent[-1].view
    while view is not None:
        click = env.interaction()
        await view.more_button.callback(click)
        assert click.calls[0].name == "edit_message"
        assert click.calls[0].kwargs["view"] is None
        (followup,) = click.followups
        assert pings_nobody(followup["allowed_mentions"])
        pages.append(followup["embeds"])
        view = followup.get("view")
    assert len(pages) > 1
    shown = "\n".join(embed_text(p) for p in pages)
    for name in names:
        assert name in shown
    for page in pages:
        assert len(page) <= EMBEDS_PER_MESSAGE
        assert sum(len(e) for e in page) <= EMBED_CHARS


# ---- quotes and search ---------------------------------------------------------


async def test_prefix_and_slash_quotes_give_the_same_quotes(env, stored):
    prefix = await say("!quotes marsh")
    interaction = env.interaction()
    await env.bot.tree.get_command("quotes").callback(interaction, name="Helena Marsh")
    assert interaction.calls[0].name == "defer"  # answered within Discord's 3 seconds, work after
    (followup,) = interaction.followups
    assert followup["ephemeral"] is False
    assert [e.to_dict() for e in followup["embeds"]] == [e.to_dict() for e in prefix.embeds]
    assert prefix.embeds[0].title == "Quotes by Helena Marsh"
    assert [e.author.name for e in prefix.embeds[1:]] == ["Helena Marsh", "Helena Marsh"]
    assert CLINIC_QUOTES[0][1] in embed_text(prefix.embeds)
    assert pings_nobody(followup["allowed_mentions"])


async def test_quotes_pages_through_the_router_with_more(app, tmp_path):
    small = App(Settings(database_url=f"sqlite:///{tmp_path / 'small.db'}", page_size=2))
    try:
        rows = [
            ("Helena Marsh", f"Statement number {i} about the harbour wall.", "direct")
            for i in range(5)
        ]
        store_quotes(
            small, make_article("Harbour wall.", title="Harbour wall", url=DOCKS_URL), rows
        )
        env = await start_bot(small)
        first = await say("!quotes Helena Marsh")
        seen = [e.description.splitlines()[0] for e in first.embeds[1:]]
        view, clicks = env.sent[-1].view, 0
        while view is not None:
            click = env.interaction()
            await view.more_button.callback(click)
            (followup,) = click.followups
            seen += [e.description.splitlines()[0] for e in followup["embeds"][1:]]
            view, clicks = followup.get("view"), clicks + 1
        assert clicks == 2
        assert sorted(seen) == sorted(f"“{text}”" for _, text, _ in rows)
        await dpytest.empty_queue()
    finally:
        small.close()


async def test_search_finds_quotes_by_words(env, stored):
    answer = await say("!search insult port")
    assert answer.embeds[0].title == "Quotes matching 'insult port'"
    assert [e.author.name for e in answer.embeds[1:]] == ["Ruben Tallis"]


async def test_speakers_lists_who_is_quoted_most(env, stored):
    answer = await say("!speakers")
    lines = answer.embeds[0].description.splitlines()
    assert lines[0].startswith("**1.** Helena Marsh: 2 quotes in 2 articles")
    assert lines[1].startswith("**2.** Ruben Tallis: 1 quote in 1 article")


# ---- errors --------------------------------------------------------------------


async def test_unknown_command_names_it_and_suggests_the_closest(env, stored):
    with pytest.raises(commands.CommandNotFound):  # dpytest re-raises what reached on_command_error
        await dpytest.message("!digets")
    answer = dpytest.get_message()
    assert "Unknown command 'digets'" in answer.content
    assert "'digest'" in answer.content
    assert pings_nobody(env.sent[-1].payload["allowed_mentions"])


async def test_punctuation_after_the_prefix_gets_no_answer(env):
    with pytest.raises(commands.CommandNotFound):
        await dpytest.message("!!!")
    assert dpytest.verify().message().nothing()


async def test_unknown_speaker_gets_the_closest_names(env, stored):
    answer = await say("!quotes Helena Morse")
    assert "I know no speaker called 'Helena Morse'" in answer.content
    assert answer.content.count("Helena Marsh") == 1  # suggested once, not again as a list line


async def test_missing_argument_gets_the_usage(env):
    answer = await say("!search")
    assert "search needs TEXT" in answer.content
    assert "Usage: search TEXT" in answer.content


async def test_slash_error_is_private(env, stored):
    interaction = env.interaction()
    await env.bot.tree.get_command("quotes").callback(interaction, name="Nobody Known")
    assert [c.name for c in interaction.calls] == ["defer", "delete_original_response", "followup"]
    (followup,) = interaction.followups
    assert followup["ephemeral"] is True
    assert "I know no speaker called 'Nobody Known'" in followup["content"]


async def test_help_is_the_routers_help(env):
    answer = await say("!help")
    assert answer.embeds[0].title == "quotebot commands"
    for cmd in router_commands():
        assert cmd.help in answer.embeds[0].description
    detail = await say("!help digest")
    assert detail.embeds[0].title == "help: digest"


# ---- mentions and markdown -------------------------------------------------------


async def test_a_quoted_everyone_pings_nobody(env, app):
    store_quotes(
        app,
        make_article("Notice.", title="Notice to @everyone", url="https://news.example.com/n"),
        [MENTION_QUOTE],
    )
    answer = await say("!quotes Dana Whitlock")
    assert pings_nobody(env.sent[-1].payload["allowed_mentions"])
    quote = answer.embeds[1].description
    assert "@\u200beveryone" in quote
    assert "@\u200bhere" in quote  # shown as text, not as a mention
    assert "<@\u200b123456789012345678>" in quote
    assert "<@\u200b&234567890123456789>" in quote
    assert "\\*\\*nothing\\*\\*" in quote
    assert "\\|\\|yet\\|\\|" in quote  # markdown shown, not applied
    assert "[Notice to @\u200beveryone](https://news.example.com/n)" in quote


async def test_typed_mentions_echoed_in_content_ping_nobody(env, stored):
    answer = await say("!quotes @everyone <@&234567890123456789>")
    payload = env.sent[-1].payload
    assert payload["content"] == answer.content
    assert "@\u200beveryone" in answer.content
    assert pings_nobody(payload["allowed_mentions"])
    assert (
        payload["allowed_mentions"].get("replied_user") is False
    )  # the reply does not ping its author


async def test_slash_and_button_sends_pass_no_mentions_explicitly(env, stored):
    interaction = env.interaction()
    await env.bot.tree.get_command("digest").callback(interaction, period="")
    for call in interaction.named("followup"):
        assert pings_nobody(call.kwargs["allowed_mentions"])


# ---- channel settings and permissions ------------------------------------------------


async def test_subscribe_needs_manage_channels(env, app):
    refused = await say("!subscribe 07:30 Europe/Kyiv", member=0)
    assert "needs the Manage Channels permission" in refused.content
    assert app.channels.subscription("discord", str(env.channel.id)) is None
    await grant_manage_channels(env.moderator)
    done = await say("!subscribe 07:30 Europe/Kyiv", member=1)
    assert "Subscribed" in done.content
    assert "07:30 (Europe/Kyiv)" in done.content
    sub = app.channels.subscription("discord", str(env.channel.id))
    assert (sub.time, sub.tz) == ("07:30", "Europe/Kyiv")
    assert "07:30 (Europe/Kyiv)" in (await say("!subscriptions", member=0)).content
    assert "Unsubscribed" in (await say("!unsubscribe", member=1)).content


async def test_slash_subscribe_passes_options_and_permission(env, stored):
    app = env.bot.quotebot_app
    refused = env.interaction(env.reader)
    await env.bot.tree.get_command("subscribe").callback(
        refused, time="06:00", timezone="", speakers="", keywords=""
    )
    assert "Manage Channels" in refused.followups[0]["content"]
    assert refused.followups[0]["ephemeral"] is True
    await grant_manage_channels(env.moderator)
    allowed = env.interaction(env.moderator)
    await env.bot.tree.get_command("subscribe").callback(
        allowed,
        time="06:00",
        timezone="Europe/London",
        speakers="Helena Marsh, Ruben Tallis",
        keywords="port wall",
    )
    sub = app.channels.subscription("discord", str(env.channel.id))
    assert sub.speakers == ("Helena Marsh", "Ruben Tallis")
    assert sub.keywords == ("port wall",)
    assert "following speakers: Helena Marsh, Ruben Tallis" in allowed.followups[0]["content"]


async def test_direct_messages_may_manage(env, app):
    dm = await env.reader.create_dm()
    interaction = FakeInteraction(env.reader, dm, guild_id=None)
    await env.bot.tree.get_command("subscribe").callback(
        interaction, time="09:15", timezone="", speakers="", keywords=""
    )
    assert "Subscribed" in interaction.followups[0]["content"]
    assert app.channels.subscription("discord", str(dm.id)).time == "09:15"


# ---- the scheduler's outbox --------------------------------------------------------


async def test_outbox_posts_a_digest_to_a_channel(env, stored):
    app = env.bot.quotebot_app
    reply = app.handle(Request(text="digest", platform="discord", channel_id=str(env.channel.id)))
    await DiscordOutbox(env.bot).post(str(env.channel.id), reply)
    posted = dpytest.get_message()
    assert posted.channel.id == env.channel.id
    assert posted.embeds[0].title == "Quote digest: the last 24 hours"
    assert pings_nobody(env.sent[-1].payload["allowed_mentions"])
    with pytest.raises(UserError, match="'general' is not a number"):
        await env.bot.outbox.post("general", reply)


# ---- rendering within Discord's limits -------------------------------------------------


def _view(i: int, text: str, *, speaker: str = "Speaker") -> QuoteView:
    return QuoteView(
        id=i,
        speaker=speaker,
        text=text,
        kind="direct",
        cue="said",
        compound=-0.5,
        label="negative",
        emoji="😟",
        article_title="[Breaking] *" * 40,
        article_url=f"https://news.example.com/{i}",
        published=TODAY,
        outlet="Wire",
    )


def test_a_huge_digest_fits_discords_limits():
    huge = "*_`|~ " * 1000  # every character escapes to two
    speakers = tuple(
        SpeakerDigest(
            f"Speaker {n} " + "x" * 300,
            3,
            -0.5,
            "negative",
            "😟",
            tuple(_view(n * 10 + j, huge) for j in range(3)),
        )
        for n in range(10)
    )
    digest = Digest(
        period="the last week",
        summary="30 quotes",
        speakers=speakers,
        average=-0.5,
        label="negative",
        emoji="😟",
        most_positive=_view(1, huge),
        most_negative=_view(2, huge),
        articles=tuple(
            (f"Title {i} " + "[y] " * 100, f"https://news.example.com/{i}") for i in range(300)
        ),
        quote_count=30,
    )
    pages = render(Reply(title="Quote digest: " + "t" * 400, text="x" * 9000, digest=digest))
    for page in pages:
        assert len(page.embeds) <= EMBEDS_PER_MESSAGE
        assert sum(len(e) for e in page.embeds) <= EMBED_CHARS
        for e in page.embeds:
            assert len(e.title or "") <= TITLE_CHARS
            assert len(e.description or "") <= DESCRIPTION_CHARS
            assert all(len(f.value) <= FIELD_VALUE_CHARS for f in e.fields)
            assert len(e.fields) <= 25
    shown = "\n".join(embed_text(p.embeds) for p in pages)
    assert all(f"Speaker {n} " in shown for n in range(10))
    assert "…" in shown


def test_long_plain_text_is_clipped_not_refused():
    (page,) = render(Reply(text="word " * 1000))
    assert len(page.content) == MESSAGE_CHARS
    assert page.content.endswith("…")


def test_link_titles_cannot_break_the_link():
    assert (
        link("A [live] story ]", "https://x.example.com/a_(b) c") == "A (live) story )"
    )  # whitespace: no link
    assert (
        link("A [live] story ]", "https://x.example.com/a_(b)")
        == "[A (live) story )](https://x.example.com/a_%28b%29)"
    )
    assert link("Local file", "file:///etc/passwd") == "Local file"


# ---- run(): one line when Discord cannot be reached or refuses the token ----------------------


@pytest.fixture
def discord_api(monkeypatch):
    """Point discord.py's REST base URL at a loopback address (set by the test)."""

    def point_at(base: str) -> None:
        monkeypatch.setattr(discord.http.Route, "BASE", base)

    return point_at


async def test_a_rejected_token_is_one_user_error_without_traceback(app, discord_api, caplog):
    async def users_me(request):  # Discord's answer to a bad token
        return web.json_response({"message": "401: Unauthorized", "code": 0}, status=401)

    server = web.Application()
    server.router.add_get("/api/v10/users/@me", users_me)
    runner = web.AppRunner(server)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    host, port = runner.addresses[0][:2]
    discord_api(f"http://{host}:{port}/api/v10")
    try:
        with caplog.at_level(logging.WARNING), pytest.raises(UserError) as raised:
            await serve(app, app.settings.with_(discord_token="bad"))
    finally:
        await runner.cleanup()
    assert str(raised.value) == LOGIN_FAILED
    assert "\n" not in str(raised.value)
    assert not [r for r in caplog.records if r.exc_info]


def test_run_without_a_route_to_discord_is_one_user_error(app, discord_api):
    with socket.socket() as sock:  # a loopback port nobody listens on
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    discord_api(f"http://127.0.0.1:{port}/api/v10")
    with pytest.raises(UserError, match=r"^could not reach Discord \(") as raised:
        run(app, app.settings.with_(discord_token="bad"))
    assert "\n" not in str(raised.value)


def test_run_without_a_token_names_the_setting(app):
    with pytest.raises(ConfigError, match="DISCORD_TOKEN"):
        run(app, app.settings)


def test_cli_run_discord_with_a_bad_token_exits_with_one_line(tmp_path):
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DISCORD_", "SLACK_"))}
    env.update(
        DISCORD_TOKEN="bad", DATABASE_URL=f"sqlite:///{tmp_path / 'cli.db'}", PYTHONPATH=str(ROOT)
    )
    done = subprocess.run(
        [sys.executable, "-m", "adapters.cli", "run", "discord"],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=180,
    )
    lines = [line for line in done.stderr.splitlines() if line.strip()]
    assert done.returncode != 0
    assert "Traceback" not in done.stderr
    assert len(lines) == 1, done.stderr
    assert "Discord" in lines[0], done.stderr


# ---- real ingest (spaCy): the seeds and the project's own samples ------------------------------


def _ingest(app, paths) -> None:
    from bot.jobs.ingest import ingest

    report = ingest(app, [str(p) for p in paths])
    assert report.quotes > 0, report.summary()


@pytest.mark.model
async def test_digest_of_the_ingested_seeds(env, shared_dir):
    app = env.bot.quotebot_app
    _ingest(app, [shared_dir / "seeds"])
    answer = await say("!digest")
    shown = embed_text(answer.embeds)
    assert answer.embeds[0].title == "Quote digest: the last 24 hours"
    speakers = [e for e in answer.embeds[1:] if e.title != "Sources"]
    stats = app.store.speakers(limit=100).items
    most = max(s.quotes for s in stats)
    assert speakers
    assert speakers[0].title in {s.name for s in stats if s.quotes == most}  # most quoted first
    assert all(
        "“" in e.description
        and (
            "negative" in e.description or "positive" in e.description or "neutral" in e.description
        )
        for e in speakers
    )  # quotes with tone
    assert "](https://www.dailymail.co.uk/" in shown
    assert ", 2022-03-31)" in shown  # linked and dated, each source once
    # (one seed article has neither URL nor date, so its quotes show the title alone)
    day = await say("!digest 2022-03-31")
    assert day.embeds[0].title == "Quote digest: 2022-03-31"
    assert "No quotes" not in day.embeds[0].description
    prefix = await say("!quotes zelensky")
    interaction = env.interaction()
    await env.bot.tree.get_command("quotes").callback(interaction, name="Zelensky")
    assert "Zelensky" in prefix.embeds[0].title
    assert [e.to_dict() for e in interaction.followups[0]["embeds"]] == [
        e.to_dict() for e in prefix.embeds
    ]


@pytest.mark.model
async def test_digest_of_the_ingested_samples(env):
    app = env.bot.quotebot_app
    _ingest(app, [SAMPLES])
    answer = await say("!digest")
    assert answer.embeds[0].title == "Quote digest: the last 24 hours"
    assert len(answer.embeds) > 1
    assert "](https://" in embed_text(answer.embeds)
    day = await say("!digest 2026-11-16")
    shown = embed_text(day.embeds)
    view = env.sent[-1].view
    while view is not None:  # the sources may be on a later page
        click = env.interaction()
        await view.more_button.callback(click)
        shown += embed_text(click.followups[0]["embeds"])
        view = click.followups[0].get("view")
    assert "Porthaven dockers vote for first all-out strike in three decades" in shown
