"""Characters no reader should receive from an article: controls, direction overrides, invisibles.

Each platform's neutraliser (slack_blocks.escape, discord_embeds.escape, console.inert) starts
here, then escapes what its own markup would read. ESC and the other C0/C1 controls would drive a
terminal (`ESC[2J` clears it, `ESC]8;;URL` makes a hidden link); bidi overrides make text read
backwards (a title that displays as a different URL); zero-width characters hide words from
search and moderation.
"""

from __future__ import annotations

import re

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
