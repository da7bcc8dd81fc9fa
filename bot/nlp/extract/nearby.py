"""The name beside a cue the parser left without a subject (it hung the cue on the quote)."""

from __future__ import annotations

from spacy.tokens import Token

from bot.nlp.extract.marks import QuoteSpan
from bot.nlp.words import NOT_SPEAKER_LABELS, ROLE_WORDS, SPEAKER_LABELS, TITLES

TITLED = ROLE_WORDS | TITLES
TITLE_TAGS = frozenset(("NOUN", "ADJ", "VERB", "PROPN"))


def name_before(cue: Token) -> Token | None:
    """The name right before the cue ('"...," Police Chief Jane Roe said')."""
    before = cue.doc[cue.i - 1] if cue.i else None
    if before is None or before.pos_ != "PROPN" or before.ent_type_ not in SPEAKER_LABELS:
        return None
    return before


def name_after_quote(span: QuoteSpan, cue: Token) -> Token | None:
    """The person named right after the closing mark, before the cue, with an appositive between
    ("'...,' Jane Roe, the mayor's chief of staff, said"; "'...,' Ramos, 58, told AFP", the name
    tagged an organisation or a place): the last word of that name."""
    doc = cue.doc
    if cue.idx <= span.close_at:
        return None
    between = doc.char_span(span.close_at + 1, cue.idx, alignment_mode="contract")
    if between is None:
        return None
    words = [t for t in between if not (t.is_punct or t.is_space)]
    while len(words) > 1 and not words[0].ent_type_ and words[0].lower_.rstrip(".") in TITLED:
        words.pop(0)  # "'...,' Representative Steve Cohen, Democrat of Tennessee, told ..."
    if not words or words[0].ent_type_ not in SPEAKER_LABELS or words[0].ent_iob_ != "B":
        return None
    last = words[0]
    while last.i + 1 < len(doc) and doc[last.i + 1].ent_iob_ == "I":
        last = doc[last.i + 1]
    return last if last.ent_type_ in ("PERSON", "ORG") or _aged(last) else None


def _aged(name: Token) -> bool:
    """True for a name an age follows ("Ramos, 58,"), whatever the tagger took it for."""
    doc, at = name.doc, name.i
    return (
        at + 3 < len(doc)
        and doc[at + 1].text == ","
        and doc[at + 2].like_num
        and (doc[at + 3].text == ",")
    )


# Cues whose next noun is the one spoken to: no speaker follows them ("'...,' told Roe" is no
# English).
ADDRESSING_CUES = frozenset("tell inform assure".split())


def inverted_subject(cue: Token) -> Token | None:
    """The speaker right after the cue in "'...,' said major general Jane Roe": the noun phrase
    head."""
    doc = cue.doc
    if cue.lemma_.lower() in ADDRESSING_CUES:
        return None  # "told analysts on a call that ...": whom it was told, never who told it
    for token in doc[cue.i + 1 : min(len(doc), cue.i + 8)]:
        if _title_before_name(token):
            # "said harbourmaster Ysolde Carrow": a lowercase job title the tagger took for a verb
            continue
        if token.is_punct or token.pos_ in ("VERB", "AUX", "SCONJ", "ADP"):
            return None  # 'said that for X ...', 'said of their time': X is not who spoke
        if token.ent_type_ in NOT_SPEAKER_LABELS:
            continue  # "'...,' said Thursday the minister": the date is not the speaker
        if token.pos_ in ("PROPN", "NOUN"):
            while token.dep_ in ("compound", "flat", "amod") and token.head.i > token.i:
                token = token.head
            return token
    return None


def _title_before_name(token: Token) -> bool:
    following = token.nbor(1) if token.i + 1 < len(token.doc) else None
    return (
        token.is_lower
        and token.is_alpha
        and token.pos_ in TITLE_TAGS  # "harbourmaster", not "on" in "said on Fox News"
        and following is not None
        and following.pos_ == "PROPN"
        and following.text[:1].isupper()
    )
