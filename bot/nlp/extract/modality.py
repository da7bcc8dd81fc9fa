"""Cues that report nothing: negated, hypothetical or purposive ("did not say", "declined to
say", "would say")."""

from __future__ import annotations

from collections.abc import Callable

from spacy.tokens import Token

MODAL_BLOCKERS = frozenset("would could might may should must ought shall".split())
# Verbs and adjectives before "to say" that leave it unsaid: refused, wished, planned or expected.
UNSAID_HEADS = frozenset(
    """decline refuse want plan hope try expect intend need wish seek like love prefer fail
    hesitate have be set due likely unlikely able unable willing unwilling reluctant ready
    afraid decide choose agree promise vow threaten ask urge tell order allow permit
    invite encourage seem appear""".split()
)


# Cues that put a question or a request to someone: what they report is asked, not stated (a
# direct quote under them, '"Why?" she asked', is still the asker's words).
QUESTION_CUES = frozenset(("ask", "inquire", "wonder"))


def states(cue: Token) -> bool:
    """False for a cue that asks ("asked whether ...", "asked voters to ..."): no statement."""
    return cue.lemma_.lower() not in QUESTION_CUES


def is_real_report(cue: Token, quoted: Callable[[int], bool] = lambda at: False) -> bool:
    """False for negated, hypothetical or purposive cues ("did not say", "declined to say").
    Words for which `quoted(char_offset)` is true are the quote's own ('"Probably not," she
    said'), not the cue's."""
    words = [c for c in cue.children if not quoted(c.idx)]
    if any(c.dep_ == "neg" for c in words):
        return False
    if any(c.dep_ == "aux" and c.lower_ in MODAL_BLOCKERS for c in words):
        return False
    if cue.dep_ != "xcomp" or not any(c.dep_ == "aux" and c.lower_ == "to" for c in words):
        return True
    # "to say": real after "went on", "interjected", "took to Twitter"; not after "declined",
    # "wants", "is expected", nor after a negated or hypothetical verb ("did not want to say")
    head = cue.head
    if head.lemma_.lower() in UNSAID_HEADS or any(c.dep_ == "dobj" for c in head.children):
        return False  # "led some to say": the object speaks, if anyone
    return is_real_report(head, quoted)
