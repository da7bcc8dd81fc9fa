"""Speech cues in a parsed Doc: which verbs report speech, who spoke, and what they reported."""

from __future__ import annotations

from spacy.tokens import Doc, Token

from bot.nlp.words import CUE_LEMMAS, NON_SPEAKERS, NOT_SPEAKER_LABELS, ORG_LABELS, ORG_WORDS

TEXT_KEY = "quotebot_text"
SUBJECT_DEPS = frozenset(("nsubj",))
# A cue without its own subject borrows its head's: "..., adding that", "and warned that".
BORROWING_DEPS = frozenset(("advcl", "conj", "xcomp", "pcomp", "acl"))
WH_SUBJECTS = frozenset("who that which".split())
REPORT_OPENERS = frozenset("that whether if".split())
# Speech acts that ask an act of someone: "urged voters to stay home" is a statement.
APPEALING_CUES = frozenset(("urge",))
PROMISING_CUES = frozenset(("promise",))  # "is promising to help": what the speaker undertakes
# "told analysts on a call that ...", "said in a statement that ...": the small parser hangs the
# that-clause off the noun before it as a relative clause; a clause opened by a "that" marker is the
# report.
MISATTACHED_DEPS = frozenset(("relcl", "acl"))
CUE_OBJECT_DEPS = frozenset(("dobj", "dative", "prep", "pobj"))
THAT_DEPS = frozenset(("mark", "advmod"))
# What a lowercase title before a name can be tagged ("said harbourmaster Ysolde Carrow").
TITLE_TAGS = frozenset(("NOUN", "ADJ", "VERB", "PROPN"))


def doc_text(doc: Doc) -> str:
    """doc.text, built once: spaCy rebuilds the string from its tokens on every access."""
    text = doc.user_data.get(TEXT_KEY)
    if text is None:
        text = doc.user_data[TEXT_KEY] = doc.text
    return text


def find_cue_tokens(doc: Doc) -> list[Token]:
    """Every speech-cue token of `doc` in order (one linear pass)."""
    cues = []
    for token in doc:
        if (
            token.pos_ == "VERB"
            and token.lemma_.lower() in CUE_LEMMAS
            and not _addressed(token)
            and not _imperative(token)
        ):
            cues.append(token)
        elif (
            token.lower_ == "according"
            and token.i + 1 < len(doc)
            and doc[token.i + 1].lower_ == "to"
        ):
            cues.append(token)
    return cues


def _addressed(verb: Token) -> bool:
    """True for "Asked whether ...," or "She was told that ...": the subject is spoken to, not
    speaking."""
    if any(c.dep_ in ("nsubjpass", "auxpass") for c in verb.children):
        return True
    if any(c.dep_ in ("nsubj", "aux") for c in verb.children):
        return False
    # A subjectless participle ahead of the main verb ("Asked whether ..., she said") is the
    # question.
    return verb.tag_ == "VBN" or (verb.dep_ == "advcl" and verb.i < verb.head.i)


def _imperative(verb: Token) -> bool:
    """True for "Ask the expert: '...'" or "Tell us: '...'": a bare verb opening its sentence asks
    the reader."""
    return (
        verb.tag_ == "VB"
        and verb.i == verb.sent.start
        and not any(c.dep_ in SUBJECT_DEPS for c in verb.children)
    )


def is_according(cue: Token) -> bool:
    return cue.lower_ == "according"


def cue_text(cue: Token) -> str:
    return "according to" if is_according(cue) else cue.text


def can_speak(token: Token) -> bool:
    """False for a document or a poll ('a document states ...', 'according to the audit'): what
    they say is a finding, not a statement (README, "Extraction")."""
    return token.lemma_.lower() not in NON_SPEAKERS


def subject_of(cue: Token) -> Token | None:
    """The token naming who spoke: the cue's subject, its head's, or the object of 'according
    to'."""
    if is_according(cue):
        to = next((c for c in cue.children if c.lower_ == "to"), None)
        source = (
            next((c for c in to.children if c.dep_ == "pobj"), None) if to is not None else None
        )
        return source if source is not None and can_speak(source) else None
    subject = _own_subject(cue)
    if subject is not None and not can_speak(subject):
        return None
    if subject is not None or cue.dep_ not in BORROWING_DEPS:
        return subject
    # "..., adding that": borrow from the nearest speech verb above, else from the nearest verb.
    ancestors = [a for a in list(cue.ancestors)[:4] if _own_subject(a) is not None]
    # A speech verb inside another's report ("said they must agree ..., adding") is not the
    # speaker's.
    speaking = [a for a in ancestors if a.lemma_.lower() in CUE_LEMMAS and a.dep_ != "ccomp"]
    chosen = (speaking or ancestors)[:1]
    return _own_subject(chosen[0]) if chosen else None


def inverted_subject(cue: Token) -> Token | None:
    """The speaker right after the cue in "'...,' said major general Jane Roe": the noun phrase
    head."""
    doc = cue.doc
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


def _own_subject(verb: Token) -> Token | None:
    subject = next((c for c in verb.children if c.dep_ in SUBJECT_DEPS), None)
    if subject is not None and subject.lower_ in WH_SUBJECTS and verb.dep_ == "relcl":
        return _antecedent(verb.head, subject)
    return subject


def _antecedent(head: Token, relative: Token) -> Token | None:
    """Who 'who', 'which' or 'that' stands for. In a list ("A, B and C, who joked") the name
    nearest the pronoun, not the whole list; 'which' and 'that' speak only for an organisation
    ("the Pentagon, which said"), never for a thing ("rules that promise to ...")."""
    if relative.lower_ in ("which", "that") and not (
        head.pos_ == "PROPN" or head.ent_type_ in ORG_LABELS or head.lemma_.lower() in ORG_WORDS
    ):
        return None
    while head.dep_ == "appos" and head.head.pos_ == "PROPN":
        head = head.head  # "Jane Roe, a member of the staff who said": Roe
    listed = [t for t in head.subtree if t.dep_ == "conj" and t.i < relative.i]
    return max([head, *listed], key=lambda t: t.i)


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
    ):
        # "The bridge will reopen, officials said": the parser may hang the cue off the clause,
        # and then any clause it gives the cue itself is a misparse of what follows.
        subject = _own_subject(cue)
        end = subject.left_edge.i if subject is not None and subject.i < cue.i else cue.i
        return head.left_edge.i, end
    clause = _clause_child(cue)
    if clause is not None:
        end = clause.right_edge.i + 1
        if clause.is_quote:  # "said he would 'back ...'": the parser took the mark for the verb
            rest = [c for c in cue.children if c.dep_ == "ccomp" and c.i > clause.i]
            end = max([end, *(c.right_edge.i + 1 for c in rest[:1])])
        return clause.left_edge.i, end
    return _appeal(cue)


def governed_range(cue: Token) -> tuple[int, int]:
    """Token range a cue governs, for deciding whether a quoted fragment is its quote."""
    found = reported_range(cue)
    if found is not None:
        return found
    return cue.left_edge.i, cue.right_edge.i + 1


def trim_clause(doc: Doc, start: int, end: int) -> tuple[int, int]:
    """Drop a leading 'that' and edge punctuation from a token range."""
    start = _skip_punct(doc, start, end)
    if start < end and doc[start].lower_ in REPORT_OPENERS:
        start = _skip_punct(
            doc, start + 1, end
        )  # one opener: "that, if elected, he'd ..." keeps "if"
    while end > start and (
        doc[end - 1].is_punct or doc[end - 1].is_space or doc[end - 1].dep_ == "cc"
    ):
        end -= 1  # "... families," but' [urged ...]: the 'but' joins the next statement
    return start, end


def _skip_punct(doc: Doc, start: int, end: int) -> int:
    while start < end and (doc[start].is_punct or doc[start].is_space):
        start += 1
    return start


def _after_comma(cue: Token) -> bool:
    """True for "<clause>, she said": a comma (past any closing quote marks) before subject and
    cue."""
    subject = _own_subject(cue)
    start = subject.left_edge.i if subject is not None and subject.i < cue.i else cue.i
    before = start - 1
    while before > 0 and cue.doc[before].is_quote:
        before -= 1
    return before >= 0 and cue.doc[before].text in (",", ";", "\u2014", "-")


def _clause_child(cue: Token) -> Token | None:
    clauses = [c for c in cue.children if c.dep_ == "ccomp"]
    if not clauses:
        return _misattached_clause(cue)
    after = [c for c in clauses if c.i > cue.i]
    return after[0] if after else clauses[-1]


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


def _misattached_clause(cue: Token) -> Token | None:
    """A that-clause the parser gave to the cue's object or adverbial ("told analysts on a call that
    ...")."""
    stack = [c for c in cue.children if c.dep_ in CUE_OBJECT_DEPS and c.i > cue.i]
    while stack:
        token = stack.pop(0)
        for child in token.children:
            if child.dep_ in MISATTACHED_DEPS and _opens_with_that(child):
                return child
            if child.dep_ in CUE_OBJECT_DEPS:
                stack.append(child)
    return None


def _opens_with_that(clause: Token) -> bool:
    """True when 'that' marks the clause (a complement), not when it is its subject or object (a
    relative)."""
    first = clause.doc[clause.left_edge.i]
    # the parser may label the marker an adverb ("claimed at the time that ..."), as in "the time
    # that we met"; after a speech verb with no complement of its own the clause is the report
    marker = next((c for c in clause.children if c.dep_ in THAT_DEPS and c.lower_ == "that"), None)
    return (
        marker is not None
        and first.i == marker.i
        and any(c.dep_ in ("nsubj", "nsubjpass") for c in clause.children)
    )


def _according_range(cue: Token) -> tuple[int, int] | None:
    head = cue.head
    if head.i == cue.i:
        return None
    left, right = cue.left_edge.i, cue.right_edge.i
    if left <= head.left_edge.i:
        return right + 1, head.right_edge.i + 1
    if right >= head.right_edge.i - 1:
        return head.left_edge.i, left
    return head.left_edge.i, head.right_edge.i + 1
