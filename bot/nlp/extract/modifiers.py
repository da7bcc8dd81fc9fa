"""A cue the parser hung on a person as a modifier: the person is who spoke, not the clause's
subject."""

from __future__ import annotations

from spacy.tokens import Token


def doer_above(cue: Token) -> Token | None:
    """'cyclist Thomas Adeyemi, 44, tapped on his window to complain that ...': the parser made
    the deed a modifier of the person; the one who did it complained, not the clause's subject."""
    verb = cue.head
    if cue.dep_ not in ("advcl", "xcomp") or verb.dep_ != "acl" or verb.tag_ not in ("VBD", "VBN"):
        return None
    person = verb.head
    set_off = verb.i > 0 and cue.doc[verb.i - 1].text == ","
    return person if set_off and person.ent_type_ == "PERSON" and person.i < verb.i else None


def relative_namer(cue: Token) -> Token | None:
    """'the union's efforts -- which Acme's chief executive, Tim Crook, called "a raid" --': the
    parser read the relative clause as "Tim Crook, called ...", a modifier of the name; the name
    after the relative word is the one who called it so. No relative word: no speaker."""
    doc, head = cue.doc, cue.head
    named = [c for c in head.children if c.dep_ == "appos" and c.i < cue.i]
    person = head if head.ent_type_ == "PERSON" else (named[-1] if named else head)
    if person.ent_type_ != "PERSON" or person.i > cue.i or doc[cue.i - 1].text != ",":
        return None
    for token in reversed(doc[max(cue.sent.start, head.left_edge.i - 10) : person.i]):
        if token.pos_ in ("VERB", "AUX"):
            return None
        if token.tag_ in ("WDT", "WP") or token.lower_ in ("which", "what"):
            return person
    return None


# What shows someone speaking without speaking itself: "footage of Clinton asking, '...'".
RECORDINGS = frozenset("footage video clip recording tape audio image picture photo".split())


def shown_saying(cue: Token) -> Token | None:
    """'The ad uses footage of Clinton asking, "..."': the person the recording shows speaking,
    wherever the parser hung the participle."""
    doc = cue.doc
    person = doc[cue.i - 1] if cue.i > 0 else cue
    holder = person.head
    if cue.tag_ != "VBG" or person.dep_ != "pobj" or holder.lower_ != "of":
        return None
    shown = holder.head.lemma_.lower() in RECORDINGS
    return person if shown and person.ent_type_ == "PERSON" else None
