"""What a speech cue reports: the token range of its clause ("said [the bridge would reopen]")."""

from __future__ import annotations

from spacy.tokens import Doc, Token

from bot.nlp.extract.cues import according_source, appended_name, is_according, own_subject
from bot.nlp.extract.misattached import misattached_clause

REPORT_OPENERS = frozenset("that whether if".split())
# Speech acts that ask an act of someone: "urged voters to stay home" is a statement.
APPEALING_CUES = frozenset(("urge",))
PROMISING_CUES = frozenset(("promise",))  # "is promising to help": what the speaker undertakes
CLAUSE_SUBJECTS = frozenset(("nsubj", "nsubjpass", "csubj", "expl"))
CONTRASTS = frozenset(("while", "whereas", "although", "though"))
OWN_CLAUSE = frozenset(("nsubj", "mark", "aux"))  # a verb with these starts a clause of its own
BREAKS = frozenset((":", ";", "\u2014", "\u2013", "-", "--"))  # marks that end a clause


def reported_range(cue: Token) -> tuple[int, int] | None:
    """Token range [start, end) of the clause a cue reports, or None when it reports none."""
    if is_according(cue):
        return _according_range(cue)
    head = cue.head
    if (
        cue.dep_ in ("parataxis", "ccomp", "conj")
        and head.i != cue.i
        and head.i < cue.i
        and _after_comma(cue)
        and (cue.dep_ != "conj" or own_subject(cue) is not None)
    ):
        # "The bridge will reopen, officials said": the parser may hang the cue off the clause,
        # and then any clause it gives the cue itself is a misparse of what follows. A verb joined
        # to the clause with no subject of its own shares it ("disliked the gatherings, called the
        # Clinton Global Initiative"): it reports nothing before it.
        subject = own_subject(cue)
        end = subject.left_edge.i if subject is not None and subject.i < cue.i else cue.i
        return head.left_edge.i, end
    clause = _clause_child(cue)
    if clause is not None:
        end = clause.right_edge.i + 1
        rest = [c for c in cue.children if c.dep_ == "ccomp" and c.i > clause.i]
        if clause.is_quote:  # "said he would 'back ...'": the parser took the mark for the verb
            end = max([end, *(c.right_edge.i + 1 for c in rest[:1])])
        # "adding that she remained hopeful [a deal could be reached]", "was co[-][operating]": a
        # clause right after the first, with nothing between, is the rest of the first
        for more in rest if not clause.is_quote else []:
            end = more.right_edge.i + 1 if _continues(more, end) else end
        end = _listed_infinitives(cue, clause, end)
        return _past_when(cue, _object_as_subject(cue, clause)), end
    return _appeal(cue)


def _listed_infinitives(cue: Token, clause: Token, end: int) -> int:
    """The end of a list of acts the parser split off the clause: in "said money is needed to
    develop a vaccine, educate the public and learn more" the parser hangs "educate ..." on the cue,
    yet it goes on the clause's "to develop"."""
    doc = cue.doc
    after = end if doc[end - 1].text == "," else end + 1
    if after >= len(doc) or doc[after - 1].text != ",":
        return end
    if not any(t.tag_ == "VB" and t.dep_ == "xcomp" for t in doc[clause.i : end]):
        return end
    verb = next((c for c in cue.children if c.i == after and c.dep_ in ("advcl", "conj")), None)
    if verb is None or verb.tag_ != "VB" or any(c.dep_ in OWN_CLAUSE for c in verb.children):
        return end
    return verb.right_edge.i + 1


def _continues(clause: Token, end: int) -> bool:
    """True for a clause right at `end` that goes on with the first: "hopeful [a deal could be
    reached]", never "... investigation and Democrats [accused ...]", whose subject the parser
    joined to the first clause."""
    opener, last = clause.left_edge, clause.doc[end - 1]
    joined = opener.dep_ in ("cc", "mark") or last.dep_ == "conj"
    glued = [t for t in (opener, last) if t.text == "-" and not t.whitespace_]  # "co-operating"
    glued = [t for t in glued if not t.doc[t.i - 1].whitespace_]  # a hyphen inside a word
    joined = joined or any(t.text in BREAKS and t not in glued for t in (opener, last))
    return opener.i == end and not joined


def _object_as_subject(cue: Token, clause: Token) -> int:
    """Where the clause starts, with the subject the parser took for the cue's object: in "warned
    the cuts would push ..." the cuts are what would push, so they open the report."""
    start = clause.left_edge.i
    if (
        clause.pos_ not in ("VERB", "AUX")
        or cue.doc[start].is_quote
        or any(c.dep_ in CLAUSE_SUBJECTS or c.dep_ == "mark" for c in clause.children)
    ):
        return start  # 'asked the crowd "If ..."': the crowd is asked, the quote is whole
    thing = next(
        (c for c in cue.children if c.dep_ == "dobj" and c.right_edge.i + 1 == start), None
    )
    if thing is None or thing.i < cue.i or thing.tag_ == "PRP":
        return start  # "urged them to ...": whom an appeal is made to
    return thing.left_edge.i


def _past_when(cue: Token, start: int) -> int:
    """Skip a day the parser hung on the reported clause: in "said on Tuesday the two sides would
    ..." (or "said Tuesday ...") the day is when it was said, not part of what was."""
    doc = cue.doc
    first = doc[start]
    if start != cue.i + 1 or first.dep_ not in ("prep", "npadvmod"):
        return start
    when = list(first.subtree)
    dated = all(t.ent_type_ in ("DATE", "TIME") or (t.i == start and t.pos_ == "ADP") for t in when)
    return when[-1].i + 1 if dated and when[-1].i + 1 < doc[start].head.i else start


def governed_range(cue: Token) -> tuple[int, int]:
    """Token range a cue governs, for deciding whether a quoted fragment is its quote."""
    found = reported_range(cue)
    if found is not None:
        return found
    return cue.left_edge.i, cue.right_edge.i + 1


def trim_clause(doc: Doc, start: int, end: int) -> tuple[int, int]:
    """Drop a leading 'that' and edge punctuation from a token range."""
    start = _skip_punct(doc, start, end)
    if start < end and doc[start].lower_ in REPORT_OPENERS and not _subject_that(doc[start]):
        start = _skip_punct(
            doc, start + 1, end
        )  # one opener: "that, if elected, he'd ..." keeps "if"
    while end > start and (
        doc[end - 1].is_punct or doc[end - 1].is_space or doc[end - 1].dep_ == "cc"
    ):
        end -= 1  # "... families," but' [urged ...]: the 'but' joins the next statement
    return start, end


def _subject_that(token: Token) -> bool:
    """'said that was not fast enough': a "that" the clause is about, not the one opening it."""
    return token.lower_ == "that" and token.dep_ in ("nsubj", "nsubjpass")


def _skip_punct(doc: Doc, start: int, end: int) -> int:
    while start < end and (doc[start].is_punct or doc[start].is_space):
        start += 1
    return start


def _after_comma(cue: Token) -> bool:
    """True for "<clause>, she said": a comma (past any closing quote marks) before subject and
    cue."""
    subject = own_subject(cue)
    start = subject.left_edge.i if subject is not None and subject.i < cue.i else cue.i
    before = start - 1
    while before > 0 and cue.doc[before].is_quote:
        before -= 1
    return before >= 0 and cue.doc[before].text in (",", ";", "\u2014", "-")


def _semicolon_before(cue: Token) -> bool:
    subject = own_subject(cue)
    start = subject.left_edge.i if subject is not None and subject.i < cue.i else cue.i
    return start > 0 and cue.doc[start - 1].text == ";"


def _clause_child(cue: Token) -> Token | None:
    if any(c.dep_ == "oprd" for c in cue.children) and not any(
        c.dep_ == "dobj" and c.lower_ == "it" for c in cue.children
    ):
        # "called the Clinton Global Initiative, that ...": a naming, not a report ("called it
        # 'dangerous' that ..." is one)
        return None
    clauses = [c for c in cue.children if c.dep_ == "ccomp" and not _inside_a_name(c, cue)]
    if not clauses:
        return misattached_clause(cue)
    after = [c for c in clauses if c.i > cue.i]
    if after:
        return after[0]
    # "He calls for more spending; she calls for less": a clause set off by a semicolon is a
    # statement beside the cue's, never what it reports
    return None if _semicolon_before(cue) else clauses[-1]


def _inside_a_name(clause: Token, cue: Token) -> bool:
    """'told the newspaper Bild am Sonntag': a "clause" whose every word is part of one name
    (not a title-case headline the model took whole for a name, cue and all)."""
    if clause.ent_iob_ != "I":
        return False
    name = next(e for e in clause.doc.ents if e.start < clause.i < e.end)
    within = name.start <= clause.left_edge.i and clause.right_edge.i < name.end
    return within and not name.start <= cue.i < name.end


def _appeal(cue: Token) -> tuple[int, int] | None:
    """What an appeal asks of whom, or a promise promises: 'urged voters to stay home' reports
    'voters to stay home', 'is promising to cut fees' reports 'to cut fees'. Vows, pledges, threats
    and orders of an act ('vowed to fight on', 'told his staff to prepare') are acts, not
    statements (the seed gold leaves 'vowed to' out; news annotators rarely mark the others)."""
    lemma = cue.lemma_.lower()
    if lemma not in APPEALING_CUES and lemma not in PROMISING_CUES:
        return None
    act = next((c for c in cue.children if c.dep_ == "xcomp" and c.i > cue.i), None)
    if act is None or not any(c.dep_ == "aux" and c.lower_ == "to" for c in act.children):
        return None
    addressee = next((c for c in cue.children if c.dep_ == "dobj" and cue.i < c.i < act.i), None)
    if (addressee is None) != (lemma in PROMISING_CUES):
        return None  # "urged caution", "promised voters to ...": not the shape of either
    start = act.left_edge.i if addressee is None else addressee.left_edge.i
    return start, act.right_edge.i + 1


def _according_range(cue: Token) -> tuple[int, int] | None:
    head = cue.head
    if head.i == cue.i:
        return None
    left, right = cue.left_edge.i, cue.right_edge.i
    if left <= head.left_edge.i:
        return right + 1, head.right_edge.i + 1
    doc = cue.doc
    rest = [t for t in doc[right + 1 : head.right_edge.i + 1] if not (t.is_punct or t.is_space)]
    while rest and rest[0].i == right + 1 and rest[0].ent_type_ == "PERSON":
        right = rest.pop(0).i  # "according to spokesperson Kang Min-seo": the parser cut the name
    named = appended_name(according_source(cue)) is not None  # "..., its organizer, Dale Witt."
    if not rest or rest[0].dep_ == "cc" or rest[0].lower_ in CONTRASTS or named:
        # "X leads by nine points, according to the poll[, but ...]": what comes before it
        return head.left_edge.i, left
    return head.left_edge.i, head.right_edge.i + 1  # "Over the long term, according to Y, the ..."
