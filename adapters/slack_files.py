"""Files on Slack: a reply's image (a chart) uploaded with files_upload_v2, its summary as text."""

from __future__ import annotations

import logging

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from adapters.slack_blocks import MAX_HEADER, clip, data, escape
from bot.chat.messages import Image, Reply

log = logging.getLogger(__name__)

MAX_ALT = 1000  # Slack's limit on a file's alt text


def upload_image(client: WebClient, channel_id: str, reply: Reply, image: Image) -> None:
    """A reply's image as a file in the channel (files_upload_v2), its summary as the comment."""
    # A digest's own text (its totals) went out with it; under its chart, the chart's summary.
    comment = image.alt if reply.digest is not None else (reply.text or image.alt)
    client.files_upload_v2(
        channel=channel_id,
        file=image.data,
        filename=image.filename,
        title=clip(escape(reply.title or image.filename), MAX_HEADER),
        alt_txt=image.alt[:MAX_ALT],
        initial_comment=data(comment),
    )


def attach_chart(client: WebClient, channel_id: str, reply: Reply) -> None:
    """The chart a digest carries, drawn once the digest is out and uploaded under it.

    A failed drawing (logged by DeferredImage.draw) or a refused upload (the bot not in the
    channel, files:write missing) is logged, not raised: the digest itself was delivered, and a
    scheduled one raising would be retried and posted twice.
    """
    if reply.deferred_image is None:
        return
    image = reply.deferred_image.draw()
    if image is None:
        return
    try:
        upload_image(client, channel_id, reply, image)
    except SlackApiError:
        log.exception("the digest went to %s; its chart could not be uploaded", channel_id)
