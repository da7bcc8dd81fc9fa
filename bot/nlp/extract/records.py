"""The extract JSON-lines contract: one dict per quote, shared by the CLI and the evaluation."""

from __future__ import annotations

from typing import Any

from bot.nlp.extract.types import Quote
from bot.nlp.tone import score_tone


def quote_record(article: str, quote: Quote) -> dict[str, Any]:
    """One quote as the `extract --json` contract row, with its tone."""
    tone = score_tone(quote.text)
    return {
        "article": article,
        "speaker": quote.speaker,
        "speaker_as_written": quote.speaker_as_written,
        "quote": quote.text,
        "type": quote.kind,
        "cue": quote.cue,
        "start": quote.start,
        "end": quote.end,
        "role": quote.role,
        "speaker_type": quote.speaker_type,
        "verbatim": [list(piece) for piece in quote.verbatim],
        "sentiment": {"compound": tone.compound, "label": tone.label},
    }
