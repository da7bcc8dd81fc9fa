"""Characters no reader should receive from an article: controls, direction overrides, invisibles.

Each platform's neutraliser (slack_blocks.escape, discord_embeds.escape, console.inert) starts
here, then escapes what its own markup would read. ESC and the other C0/C1 controls would drive a
terminal (`ESC[2J` clears it, `ESC]8;;URL` makes a hidden link); bidi overrides make text read
backwards (a title that displays as a different URL); zero-width characters hide words from
search and moderation.
"""

from __future__ import annotations

import json
import re
from typing import Any

# C0 controls but tab and newline, DEL, C1 controls; bidi marks, embeddings, overrides, isolates;
# zero-width spaces and joiners, word joiner and invisible operators, BOM, Mongolian vowel
# separator, soft hyphen, line/paragraph separators, tag characters.
INVISIBLE_RE = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f"
    "\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069"
    "\u200b-\u200d\u2060-\u2064\ufeff\u180e\u00ad"
    "\u2028\u2029"
    "\U000e0000-\U000e007f]"
)
LINE_BREAKS = re.compile("[\r\u2028\u2029]")


def strip_invisible(text: str | None) -> str:
    """`text` without controls (tab and newline kept), direction overrides or invisibles."""
    return INVISIBLE_RE.sub("", LINE_BREAKS.sub(" ", text or ""))


def inert_json(data: Any, **options: Any) -> str:
    """JSON text with letters kept readable but every control, direction override and invisible
    character \\u-escaped: the values parse back unchanged, yet none reaches a terminal raw.

    json.dumps escapes only C0 controls; C1 (`\\x9b` is a CSI on some terminals) and bidi
    overrides would pass through. They can only occur inside strings, so escaping them in the
    dumped text is safe.
    """
    return INVISIBLE_RE.sub(_json_escape, json.dumps(data, ensure_ascii=False, **options))


def _json_escape(match: re.Match[str]) -> str:
    code = ord(match.group())
    if code > 0xFFFF:  # JSON spells a character past the BMP as a surrogate pair
        code -= 0x10000
        return f"\\u{0xD800 + (code >> 10):04x}\\u{0xDC00 + (code & 0x3FF):04x}"
    return f"\\u{code:04x}"
