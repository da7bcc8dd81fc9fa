"""The Slack adapter: `/quotes ...` and the More button in, Block Kit out, on slack-bolt.

Thin by design: a slash command becomes a `Request`, `core_app.handle` answers it, and
`slack_blocks.render` draws the `Reply`. This module builds the bolt app, serves it (Socket Mode
or HTTP on /slack/events) and posts scheduled digests; the listeners and Slack's delivery rules
(ack within 3 seconds, a retry never answered twice, a response_url used at most 5 times within
30 minutes) are in slack_listeners.
"""

from __future__ import annotations

import logging
from concurrent.futures import Executor
from typing import TYPE_CHECKING

from slack_bolt import App as BoltApp
from slack_sdk import WebClient
from slack_sdk.http_retry import ConnectionErrorRetryHandler, RateLimitErrorRetryHandler

from adapters.slack_blocks import MORE_ACTION, render
from adapters.slack_files import attach_chart, upload_image
from adapters.slack_http import EVENTS_PATH, HttpServer, serve_http
from adapters.slack_listeners import COMMAND, SlackAdapter
from adapters.slack_perms import SlackPermissions
from bot.chat.messages import Reply
from bot.errors import ConfigError
from bot.settings import Settings

if TYPE_CHECKING:
    from adapters.compose import Jobs
    from bot.app import App

log = logging.getLogger(__name__)

__all__ = ["EVENTS_PATH", "create_app", "run", "serve_http", "SlackOutbox"]

RATE_LIMIT_RETRIES = 2


def create_app(
    core_app: App, settings: Settings, *, listener_executor: Executor | None = None
) -> BoltApp:
    """The bolt App with /quotes and the More button wired; builds without connecting to Slack."""
    settings.require("slack")
    client = make_client(settings)
    bolt = BoltApp(
        client=client,
        signing_secret=settings.slack_signing_secret or None,
        # no auth.test at start-up; bolt asks on the first request
        token_verification_enabled=False,
        listener_executor=listener_executor,
        name="quotebot",
    )
    permissions = SlackPermissions(client, admin_users=settings.slack_admin_users)
    adapter = SlackAdapter(core_app, client, permissions=permissions)
    bolt.use(adapter.skip_repeats)
    bolt.command(COMMAND)(ack=acknowledge, lazy=[adapter.answer_command])
    bolt.action(MORE_ACTION)(ack=acknowledge, lazy=[adapter.answer_more])
    return bolt


def run(
    core_app: App,
    settings: Settings,
    *,
    http: bool = False,
    port: int | None = None,
    jobs: Jobs | None = None,
) -> None:
    """Serve Slack until stopped: Socket Mode when SLACK_APP_TOKEN is set (unless http), else HTTP.

    `jobs` (from the composition root) starts the digest scheduler on this process's SlackOutbox.
    """
    use_http = http or not settings.slack_app_token
    _require_tokens(settings, http=http)
    bolt = create_app(core_app, settings)
    digests = jobs(SlackOutbox(bolt.client)) if jobs is not None else None
    try:
        if use_http:
            server = serve_http(
                bolt,
                host=settings.host,
                port=settings.port if port is None else port,
                signing_secret=settings.slack_signing_secret,
                threads=settings.http_threads,
                max_bytes=settings.max_request_bytes,
            )
            _serve_forever(server)
        else:
            from slack_bolt.adapter.socket_mode import SocketModeHandler

            log.warning("Slack adapter connecting in Socket Mode")
            SocketModeHandler(bolt, settings.slack_app_token).start()
    finally:
        if digests is not None:
            digests.shutdown()


def _require_tokens(settings: Settings, *, http: bool) -> None:
    """One line naming what is missing; without --http that includes Socket Mode's
    SLACK_APP_TOKEN."""
    if http or settings.slack_app_token or settings.slack_signing_secret:
        settings.require("slack-http" if http or not settings.slack_app_token else "slack-socket")
        return
    missing = ["SLACK_BOT_TOKEN"] if not settings.slack_bot_token else []
    raise ConfigError(
        f"the slack adapter needs {' and '.join([*missing, 'SLACK_APP_TOKEN'])} for Socket Mode "
        "(the default), or SLACK_SIGNING_SECRET with --http for HTTP mode: set them in the "
        "environment or in .env (see .env.example)"
    )


def make_client(settings: Settings) -> WebClient:
    """A Web API client that waits out 429s (Retry-After) and talks to SLACK_API_URL when set."""
    handlers = [
        ConnectionErrorRetryHandler(),
        RateLimitErrorRetryHandler(max_retry_count=RATE_LIMIT_RETRIES),
    ]
    base_url = settings.slack_api_url or WebClient.BASE_URL
    return WebClient(token=settings.slack_bot_token, retry_handlers=handlers, base_url=base_url)


def acknowledge(ack) -> None:
    """Answer Slack's HTTP request at once; the reply follows through the response_url."""
    ack()


class SlackOutbox:
    """Scheduled digests to Slack channels through chat.postMessage (raises on failure), each
    with its chart drawn after the text and uploaded under it (files_upload_v2; a failed drawing
    or a refused upload is only logged)."""

    platform = "slack"

    def __init__(self, client: WebClient):
        self.client = client

    @classmethod
    def from_settings(cls, settings: Settings) -> SlackOutbox:
        settings.require("slack")
        return cls(make_client(settings))

    def post(self, channel_id: str, reply: Reply) -> None:
        if reply.image is not None and reply.digest is None:  # a chart alone
            upload_image(self.client, channel_id, reply, reply.image)
            return
        message = render(reply)
        self.client.chat_postMessage(
            channel=channel_id,
            text=message.text,
            blocks=list(message.blocks),
            unfurl_links=False,
            unfurl_media=False,
        )
        attach_chart(self.client, channel_id, reply)  # a digest's chart, drawn now, under it


def _serve_forever(server: HttpServer) -> None:
    # WARNING is the default log level: the one line that says where the bot listens.
    log.warning(
        "Slack adapter serving POST %s on %s port %s",
        EVENTS_PATH,
        server.server_host,
        server.server_port,
    )
    try:
        server.serve_forever()
    finally:
        server.server_close()
