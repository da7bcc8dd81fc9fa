"""Cues that report nothing: negated, hypothetical or purposive ("did not say", "declined to
say", "would say"), or calling a meeting ("called a special meeting")."""

from __future__ import annotations

from collections.abc import Callable

from spacy.tokens import Token

from bot.nlp.words import MANNER_CUES

MODAL_BLOCKERS = frozenset("would could might may should must ought shall".split())
# Verbs and adjectives before "to say" that leave it unsaid: refused, wished, planned or expected.
UNSAID_HEADS = frozenset(
    """decline refuse want plan hope try expect intend need wish seek like love prefer fail
    hesitate have be set due likely unlikely able unable willing unwilling reluctant ready
    afraid decide choose agree promise vow threaten ask urge tell order allow permit
    invite encourage seem appear""".split()
)

# Verbs over a clause that only wish or imagine it: "I hope the mayor says ..." reports nothing.
WISHES = frozenset("hope wish pray imagine dream pretend".split())

# Cues that put a question or a request to someone: what they report is asked, not stated (a
# direct quote under them, '"Why?" she asked', is still the asker's words).
QUESTION_CUES = frozenset(("ask", "inquire", "wonder"))
NO_STATEMENT = QUESTION_CUES | MANNER_CUES


def states(cue: Token) -> bool:
    """False for a cue that asks ("asked whether ...", "asked voters to ...") or only tells how
    a quote was said ("laughed"): no statement of a clause of its own."""
    return cue.lemma_.lower() not in NO_STATEMENT


def is_real_report(cue: Token, quoted: Callable[[int], bool] = lambda at: False) -> bool:
    """False for negated, hypothetical or purposive cues ("did not say", "declined to say").
    Words for which `quoted(char_offset)` is true are the quote's own ('"Probably not," she
    said'), not the cue's."""
    words = [c for c in cue.children if not quoted(c.idx)]
    if any(c.dep_ == "neg" for c in words):
        return False
    if any(c.dep_ == "aux" and c.lower_ in MODAL_BLOCKERS for c in words):
        return False
    wished = cue.dep_ == "ccomp" or (cue.dep_ == "parataxis" and cue.head.i < cue.i)
    if (wished and cue.head.lemma_.lower() in WISHES) or any(_i_wish(c, cue) for c in words):
        return False  # 'I hope in 2017 America says, "..."': wished for, not said
    if cue.dep_ != "xcomp" or not any(c.dep_ == "aux" and c.lower_ == "to" for c in words):
        return True
    # "to say": real after "went on", "interjected", "took to Twitter"; not after "declined",
    # "wants", "is expected", nor after a negated or hypothetical verb ("did not want to say")
    head = cue.head
    if head.lemma_.lower() in UNSAID_HEADS or any(c.dep_ == "dobj" for c in head.children):
        return False  # "led some to say": the object speaks, if anyone
    return is_real_report(head, quoted)


def _i_wish(verb: Token, cue: Token) -> bool:
    """'I hope [the mayor] says': the wish the parser hung on the cue as an aside."""
    wished = (
        verb.dep_ in ("ccomp", "parataxis") and verb.i < cue.i and verb.lemma_.lower() in WISHES
    )
    return wished and any(c.dep_ == "nsubj" and c.lower_ in ("i", "we") for c in verb.children)


def absolute(cue: Token) -> bool:
    """True for a participle in an absolute clause, which sets a scene beside the statement
    ("with Kyiv insisting that ...", "..., with the group's chief economist, Gregory Lawson,
    saying ...", the subject hung on "with" by the parser); the seed gold leaves them out."""
    if cue.tag_ != "VBG" or cue.lower_ == "according" or any(c.dep_ == "aux" for c in cue.children):
        return False
    own = any(c.dep_ == "nsubj" for c in cue.children)
    if (own and cue.dep_ != "ROOT") or cue.head.lower_ == "with":
        return True
    return not own and with_subject(cue) is not None


def with_subject(cue: Token) -> Token | None:
    """Who a participle right after a "with" phrase beside it is said of ("..., with the group's
    chief economist, Gregory Lawson, saying ..."): the parser hung the subject on "with"."""
    doc = cue.doc
    before = cue.i - 2 if cue.i > 1 and doc[cue.i - 1].text == "," else cue.i - 1
    if cue.tag_ != "VBG" or any(c.dep_ == "nsubj" for c in cue.children):
        return None
    # "..., with two directors accusing the president ... and warning they would resign": the
    # participle hangs on the noun after "with", and the next one on the main verb
    held = [cue] if cue.dep_ != "conj" else doc[cue.head.i + 1 : cue.i]
    nouns = [noun for t in held if t.tag_ == "VBG" and (noun := _with_noun(t)) is not None]
    if nouns:
        return nouns[-1]
    found = next(
        (
            c
            for c in cue.head.children
            if c.dep_ == "prep"
            and c.lower_ == "with"
            and c.right_edge.i == before
            and (c.i == c.sent.start or doc[c.i - 1].text == ",")  # never "sided with X, saying"
        ),
        None,
    )
    return next((c for c in found.children if c.dep_ == "pobj"), None) if found else None


def _with_noun(participle: Token) -> Token | None:
    """The noun a participle in a "with" phrase is said of: "with two directors accusing", parsed
    with the participle on the noun or the noun as the participle's subject."""
    if participle.dep_ == "acl" and _after_with(participle.head):
        return participle.head
    subject = next((c for c in participle.children if c.dep_ == "nsubj"), None)
    return subject if participle.dep_ == "pcomp" and _after_with(participle) else None


def _after_with(token: Token) -> bool:
    """True for the object of a "with" phrase set off by a comma (or opening the sentence)."""
    with_ = token.head
    set_off = with_.i == token.sent.start or token.doc[with_.i - 1].text == ","
    return token.dep_ in ("pobj", "pcomp") and with_.lower_ == "with" and set_off


def convened(verb: Token) -> bool:
    """'called a "special meeting"', 'called a snap election': what was called together, no
    words ('called the deal "a betrayal"' is a report)."""
    after = verb.doc[verb.i + 1] if verb.i + 1 < len(verb.doc) else None
    return (
        verb.lemma_.lower() == "call"
        and after is not None
        and after.lower_ in ("a", "an")
        and after.head.dep_ == "dobj"
        and after.head.head.i == verb.i
        and not any(c.dep_ in ("oprd", "ccomp", "xcomp", "dative") for c in verb.children)
    )
