"""A that-clause the small parser hung on the cue's object or setting as a relative clause:
"told analysts on a call that ...", "said in a statement that ...", "told reporters after the
hearing that ...". A clause opened by a "that" marker is the report."""

from __future__ import annotations

from spacy.tokens import Token

MISATTACHED_DEPS = frozenset(("relcl", "acl"))
CUE_OBJECT_DEPS = frozenset(("dobj", "dative", "prep", "pobj", "pcomp"))
THAT_DEPS = frozenset(("mark", "advmod"))
TOLD_SUBJECTS = frozenset("he she they we i it".split())
CONCESSIONS = frozenset(("despite", "amid"))  # "despite the fact that ...": no report
# Where or when something was said, as a phrase on the cue: "told reporters [after the hearing]"
SETTINGS = frozenset("at after outside in on during before following inside".split())


def misattached_clause(cue: Token) -> Token | None:
    """A that-clause the parser gave to the cue's object or adverbial ("told analysts on a call that
    ...")); never the clause of what something adds to ("add to growing evidence that ...")."""
    stack = [
        c
        for c in cue.children
        if c.dep_ in CUE_OBJECT_DEPS and c.i > cue.i and not _adds_to(cue, c)
    ]
    while stack:
        token = stack.pop(0)
        loose = token.head.head == cue and token.head.lower_ in SETTINGS  # "after the hearing"
        for child in token.children:
            if child.dep_ in MISATTACHED_DEPS and (
                _opens_with_that(child, loose) or _told_clause(cue, token, child)
            ):
                return child
            if child.dep_ in CUE_OBJECT_DEPS:
                stack.append(child)
    return None


def _told_clause(cue: Token, addressee: Token, clause: Token) -> bool:
    """'telling the jury he had acted in self-defence': a clause the parser took for a relative
    one of the person told, opening with its own he, she or they right after them."""
    subject = next((c for c in clause.children if c.dep_ == "nsubj"), None)
    return (
        cue.lemma_.lower() == "tell"
        and addressee.dep_ == "dobj"
        and subject is not None
        and subject.lower_ in TOLD_SUBJECTS
        and subject.i == addressee.i + 1 == clause.left_edge.i
    )


def _adds_to(cue: Token, child: Token) -> bool:
    """'The findings add to growing evidence ...': adding to something is no speech act; nor is
    a concession beside the cue ('pointed to ..., despite the fact that ...')."""
    if child.dep_ == "prep" and child.lower_ in CONCESSIONS:
        return True
    return cue.lemma_.lower() == "add" and child.dep_ == "prep" and child.lower_ == "to"


def _opens_with_that(clause: Token, loose: bool = False) -> bool:
    """True when 'that' marks the clause (a complement), not when it is its subject or object (a
    relative)."""
    first = clause.doc[clause.left_edge.i]
    # the parser may label the marker an adverb ("claimed at the time that ..."), as in "the time
    # that we met"; after a speech verb with no complement of its own the clause is the report
    marker = next((c for c in clause.children if c.dep_ in THAT_DEPS and c.lower_ == "that"), None)
    if (
        marker is None
        and first.lower_ == "that"
        and (_no_gap(first) or loose and _subject_next(first))
    ):
        marker = first  # "told analysts on a call that she expected the deal to generate $4m"
    return (  # the subject may hang on the auxiliary: "that she [was] disappointed"
        marker is not None
        and first.i == marker.i
        and any(t.dep_ in ("nsubj", "nsubjpass") for c in clause.children for t in (c, *c.children))
    )


def _no_gap(that: Token) -> bool:
    """True for a "that" the parser made the object of a verb that has an object already: no
    relative clause lacks it, so it marks a complement ("... that CNN asked her to pose a
    question")."""
    verb, doc = that.head, that.doc
    return that.dep_ == "dobj" and any(
        c.dep_ == "dobj"
        and c.i > verb.i
        and not any(t.is_punct for t in doc[verb.i + 1 : c.left_edge.i])  # "faces — wages"
        for c in verb.children
    )


def _subject_next(that: Token) -> bool:
    """'told reporters after the hearing that her client would appeal': a "that" the parser made
    the object of a verb whose own subject follows it at once reads as a report after a speech
    cue's setting."""
    subject = next((c for c in that.head.children if c.dep_ == "nsubj"), None)
    return that.dep_ == "dobj" and subject is not None and subject.left_edge.i == that.i + 1
