"""Files on Slack: a reply's image (a chart) uploaded with files_upload_v2, its summary as text."""

from __future__ import annotations

from slack_sdk import WebClient

from adapters.slack_blocks import MAX_HEADER, clip, data, escape
from bot.chat.messages import Reply

MAX_ALT = 1000  # Slack's limit on a file's alt text


def upload_image(client: WebClient, channel_id: str, reply: Reply) -> None:
    """A reply's image as a file in the channel (files_upload_v2), its summary as the comment."""
    assert reply.image is not None
    image = reply.image
    client.files_upload_v2(
        channel=channel_id,
        file=image.data,
        filename=image.filename,
        title=clip(escape(reply.title or image.filename), MAX_HEADER),
        alt_txt=image.alt[:MAX_ALT],
        initial_comment=data(reply.text or image.alt),
    )
