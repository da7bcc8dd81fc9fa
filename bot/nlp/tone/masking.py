"""What VADER reads: names masked to a neutral token, news idioms spelled plainly.

Words inside a name carry no tone of the speaker ("Justice Department", "United Nations",
"Affordable Care Act"), so every capitalised run that is not a lone sentence-initial word
becomes NAME_TOKEN. A capitalised-span rule, not spaCy's NER, so that `quotebot tone TEXT`
needs no parse and training and scoring see exactly the same text.
"""

from __future__ import annotations

import re

# VADER strips only ASCII punctuation from a word: "‘bullied’" would miss its lexicon.
PLAIN_QUOTES = str.maketrans({"‘": "'", "’": "'", "“": '"', "”": '"'})
NAME_TOKEN = "someone"  # not in VADER's lexicon, not a booster, not all caps
WORD = re.compile(r"[A-Za-z][\w'’.-]*\w|[A-Za-z]")
# Small words that may sit inside a name: "Department of Justice", "Bill and Melinda Gates".
NAME_JOINERS = frozenset({"of", "for", "and", "the", "on", "de"})
NOT_NAMES = frozenset({"I", "I'm", "I’m", "I've", "I’ve", "I'd", "I’d", "I'll", "I’ll", "OK"})
SENTENCE_STARTS = ".!?:;—–-"
OPENERS = " “\"‘'(["

# News idioms VADER reads backwards, rewritten to their plain sense before it reads them:
# negated comparatives ("never been prouder"), understatement ("nothing short of heroic"),
# and refusals, whose negation does not praise the refused thing ("will not be bullied",
# "not another insult": VADER flips those to positive).
REFUSED = r"(?=be\s+\w+ed\b|be\s+\w+en\b|tolerate\b|stand\s+for\b|put\s+up\s+with\b)"
REWRITES: tuple[tuple[re.Pattern[str], str], ...] = (
    (
        re.compile(
            r"(?:\bnever|\bnot|n't|n’t|\bhardly)\s+(?:(?:have|has|had|ever|possibly)\s+)*"
            r"(?:be|been|felt|feel|looked|look|sounded)\s+(?:any\s+|so\s+)?"
            r"(prouder|happier|better|more proud|more pleased|more delighted|more excited)\b",
            re.I,
        ),
        r" very \1",
    ),
    (
        re.compile(
            r"\b(?:could|can)\s*(?:not|n't|n’t)\s+(?:have\s+)?(?:asked|wished|hoped)\s+for\s+"
            r"(?:a\s+)?(better|more)\b",
            re.I,
        ),
        r"delighted \1",
    ),
    (re.compile(r"\bnothing\s+(?:short\s+of|less\s+than)\s+", re.I), "truly "),
    (re.compile(r"\bno\s+(?:small|mean)\s+(feat|achievement)\b", re.I), r"great \1"),
    (
        re.compile(r"\b(will|would|shall|must)\s+(['‘\"“]?)(?:not|never)\s+" + REFUSED, re.I),
        r"\1 \2",
    ),
    (re.compile(r"\b(?:won't|won’t)\s+" + REFUSED, re.I), "will "),
    (re.compile(r"^(\W*)(?:not|never)\s+" + REFUSED, re.I), r"\1"),  # a quoted fragment
    (re.compile(r"\bnot\s+(another|more|any\s+more)\b", re.I), r"\1"),
)
COMPARATIVES = re.compile(r"\bvery (prouder|happier|better|greater|more \w+)\b")
COMPARATIVE_BASES = {"prouder": "proud", "happier": "happy", "better": "good", "greater": "great"}


def reader_text(text: str) -> str:
    """`text` as the tone model reads it: plain quote marks, idioms rewritten, names masked."""
    return mask_names(rewrite_idioms(text.translate(PLAIN_QUOTES)))


def rewrite_idioms(text: str) -> str:
    """Spell negated comparatives and understatement plainly ("never been prouder" -> proud)."""
    for pattern, replacement in REWRITES:
        text = pattern.sub(replacement, text)
    return COMPARATIVES.sub(_base_form, text)


def mask_names(text: str) -> str:
    """Replace each capitalised name span with NAME_TOKEN."""
    spans = _name_spans(text)
    if not spans:
        return text
    out: list[str] = []
    last = 0
    for start, end in spans:
        out.append(text[last:start])
        out.append(NAME_TOKEN)
        last = end
    out.append(text[last:])
    return "".join(out)


def _base_form(match: re.Match[str]) -> str:
    word = match.group(1).lower()
    return "very " + COMPARATIVE_BASES.get(word, word.removeprefix("more "))


def _name_spans(text: str) -> list[tuple[int, int]]:
    words = list(WORD.finditer(text))
    spans: list[tuple[int, int]] = []
    i = 0
    while i < len(words):
        if not _capital(words[i].group()):
            i += 1
            continue
        j = _span_end(text, words, i)
        if j > i or not _starts_sentence(text, words[i].start()):
            spans.append((words[i].start(), words[j].end()))
        i = j + 1
    return spans


def _span_end(text: str, words: list[re.Match[str]], i: int) -> int:
    """Index of the last word of the name starting at word i (names join over single spaces)."""
    j = i
    while j + 1 < len(words) and text[words[j].end() : words[j + 1].start()] == " ":
        nxt = words[j + 1].group()
        if _capital(nxt):
            j += 1
        elif nxt in NAME_JOINERS and j + 2 < len(words) and _capital(words[j + 2].group()):
            if text[words[j + 1].end() : words[j + 2].start()] != " ":
                break
            j += 2
        else:
            break
    return j


def _capital(word: str) -> bool:
    return word[0].isupper() and word not in NOT_NAMES


def _starts_sentence(text: str, start: int) -> bool:
    before = text[:start].rstrip(OPENERS)
    return not before or before[-1] in SENTENCE_STARTS
