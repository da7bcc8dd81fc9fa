"""Slack's listeners: payloads to Requests, Replies delivered within Slack's rules.

Slack's rules live here: ack within 3 seconds (the answer comes later from a lazy listener), a
retried or duplicated request is acknowledged but never answered twice, and a response_url is used
at most 5 times within 30 minutes (after that the Web API posts instead).
"""

from __future__ import annotations

import logging
import threading
import time
from dataclasses import replace
from typing import TYPE_CHECKING

from slack_bolt import BoltRequest, BoltResponse
from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError
from slack_sdk.webhook import WebhookClient

from adapters.slack_blocks import SlackMessage, render
from adapters.slack_files import attach_chart, upload_image
from adapters.slack_perms import SlackPermissions
from bot.chat.messages import Image, Reply, Request
from bot.chat.router import SORRY

if TYPE_CHECKING:
    from bot.app import App

log = logging.getLogger(__name__)

COMMAND = "/quotes"
RETRY_HEADER = "x-slack-retry-num"
TIMESTAMP_HEADER = "x-slack-request-timestamp"
# Slack accepts at most 5 replies per response_url within 30 minutes (a minute's margin here for
# clocks and queues).
RESPONSE_URL_USES = 5
RESPONSE_URL_SECONDS = 30 * 60 - 60
SEEN_SECONDS = 60 * 60  # how long a trigger_id is remembered, to drop a request delivered twice


class ResponseUrlBudget:
    """Counts each response_url's replies so none is used more than 5 times or after 30 minutes."""

    def __init__(
        self,
        *,
        uses: int = RESPONSE_URL_USES,
        seconds: float = RESPONSE_URL_SECONDS,
        clock=time.time,
    ):
        self.uses, self.seconds, self.clock = uses, seconds, clock
        self._used: dict[str, tuple[float, int]] = {}  # url -> (issued_at, replies so far)
        self._lock = threading.Lock()

    def claim(self, url: str, *, issued_at: float) -> bool:
        """True (and counted) when one more reply may go to `url`."""
        now = self.clock()
        with self._lock:
            self._forget_expired(now)
            issued, used = self._used.get(url, (issued_at, 0))
            if used >= self.uses or now - issued > self.seconds:
                return False
            self._used[url] = (issued, used + 1)
            return True

    def _forget_expired(self, now: float) -> None:
        for url in [u for u, (issued, _) in self._used.items() if now - issued > self.seconds]:
            del self._used[url]


class SeenRequests:
    """trigger_ids answered recently: the same request delivered twice is answered once."""

    def __init__(self, *, seconds: float = SEEN_SECONDS, clock=time.time):
        self.seconds, self.clock = seconds, clock
        self._seen: dict[str, float] = {}
        self._lock = threading.Lock()

    def first_time(self, key: str) -> bool:
        now = self.clock()
        with self._lock:
            self._seen = {k: t for k, t in self._seen.items() if now - t <= self.seconds}
            if key in self._seen:
                return False
            self._seen[key] = now
            return True


class SlackAdapter:
    """The listeners: map Slack payloads to Requests and deliver the rendered Replies."""

    def __init__(
        self,
        core_app: App,
        client: WebClient,
        *,
        budget: ResponseUrlBudget | None = None,
        permissions: SlackPermissions | None = None,
    ) -> None:
        self.core = core_app
        self.client = client
        self.permissions = permissions or SlackPermissions(client)
        self.budget = budget or ResponseUrlBudget()
        self.seen = SeenRequests()

    def skip_repeats(self, request: BoltRequest, next) -> BoltResponse | None:
        """Global middleware: acknowledge a retry or a duplicate delivery without running it
        again."""
        if _retry_number(request) > 0:
            log.info("acknowledged Slack retry %s without answering again", _retry_number(request))
            return BoltResponse(status=200, body="")
        body = request.body if isinstance(request.body, dict) else {}
        key = body.get("trigger_id") or body.get("event_id")
        if key and not self.seen.first_time(str(key)):
            log.info("acknowledged a repeated delivery of %s without answering again", key)
            return BoltResponse(status=200, body="")
        return next()

    def answer_command(self, body: dict, request: BoltRequest) -> None:
        """Lazy listener for /quotes: answer through the response_url."""
        text = f"{COMMAND} {unescape(body.get('text', ''))}".strip()
        user = body.get("user_id", "")
        req = Request(
            text=text,
            user_id=user,
            channel_id=body.get("channel_id", ""),
            platform="slack",
            can_manage=self.permissions.can_manage(user),
        )
        self.deliver(self.answer(req), body, issued_at=_request_time(request))

    def answer_more(self, body: dict, action: dict, request: BoltRequest) -> None:
        """Lazy listener for the More button: its value is the command for the next page."""
        channel = (body.get("channel") or {}).get("id") or (body.get("container") or {}).get(
            "channel_id", ""
        )
        user = (body.get("user") or {}).get("id", "")
        req = Request(
            text=action.get("value", ""),
            user_id=user,
            channel_id=channel,
            platform="slack",
            can_manage=self.permissions.can_manage(user),
        )
        issued = _float(action.get("action_ts")) or _request_time(request)
        self.deliver(self.answer(req), body, issued_at=issued)

    def answer(self, req: Request) -> Reply:
        try:
            return self.core.handle(req)
        except Exception:  # the router catches command errors; this is the store or the wiring
            log.exception("answering %r failed", req.text)
            return Reply.error(SORRY)

    def deliver(self, reply: Reply, body: dict, *, issued_at: float) -> None:
        """Send through the response_url while it is valid, else post with the bot token; a
        digest's chart is drawn only then, and follows it as a file."""
        if reply.image is not None and reply.digest is None:  # a chart: the file is the answer
            reply = self._deliver_image(reply, reply.image, body)
            if reply.image is not None:
                return
        message = render(reply)
        url = body.get("response_url") or ""
        valid = bool(url) and self.budget.claim(url, issued_at=issued_at)
        if not (valid and self._respond(url, message)):
            self._post(message, body)
        attach_chart(self.client, _channel(body), reply)

    def _deliver_image(self, reply: Reply, image: Image, body: dict) -> Reply:
        """Upload a chart to the channel; on failure, the text alone with a note (image dropped)."""
        channel = _channel(body)
        try:
            upload_image(self.client, channel, reply, image)
            return reply
        except SlackApiError:
            log.exception("could not upload the chart to %s", channel)
        note = "The chart could not be uploaded here (is quotebot in this channel?)."
        return replace(reply, image=None, text=f"{reply.text}\n{note}", ephemeral=True)

    def _respond(self, url: str, message: SlackMessage) -> bool:
        try:
            response = WebhookClient(url).send_dict(message.response_payload())
        except OSError:  # unreachable or timed out: the Web API may still get through
            log.exception("response_url failed; posting with the Web API")
            return False
        if response.status_code != 200:
            log.warning(
                "response_url answered %s %s; posting with the Web API",
                response.status_code,
                response.body,
            )
            return False
        return True

    def _post(self, message: SlackMessage, body: dict) -> None:
        channel = _channel(body)
        user = body.get("user_id") or (body.get("user") or {}).get("id")
        if not channel:
            log.error("no channel to post the reply to: %s", message.text)
            return
        blocks = list(message.blocks)
        try:
            if message.ephemeral and user:
                self.client.chat_postEphemeral(
                    channel=channel, user=user, text=message.text, blocks=blocks
                )
            else:
                self.client.chat_postMessage(
                    channel=channel,
                    text=message.text,
                    blocks=blocks,
                    unfurl_links=False,
                    unfurl_media=False,
                )
        except SlackApiError:
            log.exception("could not post the reply to %s", channel)


def unescape(text: str) -> str:
    """Slack sends &, <, > escaped in command text; the core wants the text as typed."""
    return (text or "").replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")


def _channel(body: dict) -> str:
    """The channel a command (channel_id) or a button click (channel.id) came from."""
    return body.get("channel_id") or (body.get("channel") or {}).get("id") or ""


def _retry_number(request: BoltRequest) -> int:
    # Socket Mode mirrors its retry_attempt here too, with 0 for a first delivery.
    values = request.headers.get(RETRY_HEADER) or ["0"]
    try:
        return int(values[0])
    except ValueError:
        return 1  # present but unreadable: treat as a retry rather than answer twice


def _request_time(request: BoltRequest) -> float:
    """When Slack sent the request (its signed timestamp), else now (Socket Mode has none)."""
    values = request.headers.get(TIMESTAMP_HEADER) or []
    return _float(values[0] if values else None) or time.time()


def _float(value) -> float | None:
    try:
        return float(value)
    except (TypeError, ValueError):
        return None
