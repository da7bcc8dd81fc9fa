"""A light check that a text is English: the share of its words that are English function words.

English news runs at 35-50% (the, of, and, to, a, in, said, ...); French, German, Spanish or
Indonesian text shares only a few such words and stays under 10%; a script without Latin letters
has none. No model and no download: enough to say "0 quotes: not English" rather than nothing.
"""

from __future__ import annotations

import re

ENGLISH_WORDS = frozenset(
    "the of and to a in is that for it was on with as he she they we you i at by be this are "
    "have from or an but not his her their its had has were been will would said says which "
    "who what when there if about more than after over also into could our can all new one "
    "them him us do did no so up out just most other year years people told because some".split()
)
WORD_RE = re.compile(r"[^\W\d_]+", re.UNICODE)
MIN_WORDS = 30  # shorter texts are not judged
MIN_SHARE = 0.15  # below this share of English function words, a text is not English


def looks_english(text: str) -> bool:
    """True unless the text is long enough to judge and few of its words are English ones."""
    words = WORD_RE.findall(text[:20_000].lower())
    if len(words) < MIN_WORDS:
        return True
    share = sum(word in ENGLISH_WORDS for word in words) / len(words)
    return share >= MIN_SHARE
