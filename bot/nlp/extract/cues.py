"""Speech cues in a parsed Doc: which verbs report speech, who spoke, and what they reported."""

from __future__ import annotations

from spacy.tokens import Doc, Token

from bot.nlp.extract.antecedents import (
    after_participle,
    antecedent,
    aside_subject,
    untagged_opener,
)
from bot.nlp.extract.modality import convened, with_subject
from bot.nlp.extract.modifiers import doer_above, relative_namer, shown_saying
from bot.nlp.extract.nearby import name_before
from bot.nlp.extract.noise import DATELINE
from bot.nlp.words import (
    CUE_LEMMAS,
    NON_SPEAKERS,
    ORG_LABELS,
    ORG_WORDS,
)

TEXT_KEY = "quotebot_text"
SUBJECT_DEPS = frozenset(("nsubj",))
# A cue without its own subject borrows its head's: "..., adding that", "and warned that".
BORROWING_DEPS = frozenset(("advcl", "conj", "xcomp", "pcomp", "acl"))
# What an organisation or a person puts out, and speaks through.
DOCUMENTS = NON_SPEAKERS | frozenset("statement release letter memo email tweet post".split())
WH_SUBJECTS = frozenset("who that which".split())
# "X was prompted (asked, moved, ...) to say", "X can be heard saying": X speaks.
PROMPTED = frozenset(
    "prompt ask force move inspire compel press push invite lead provoke hear".split()
)
# Who is told things in court and parliament headlines ("Jury told ...", "MPs told ...").
HEARINGS = frozenset("jury court inquiry inquest tribunal hearing mp mps committee panel".split())


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
            and not convened(token)
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
    if _headline_told(verb):
        return True
    if any(c.dep_ in ("nsubj", "aux") for c in verb.children):
        return False
    # A subjectless participle ahead of the main verb ("Asked whether ..., she said") is the
    # question.
    return verb.tag_ == "VBN" or (verb.dep_ == "advcl" and verb.i < verb.head.i)


def _headline_told(verb: Token) -> bool:
    """'Jury told nurse "lied"', 'Inquiry told of ...': a headline's passive with its "was"
    dropped; a court or a jury with no article before it is told, it does not tell."""
    subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    return (
        verb.lower_ == "told"
        and subject is not None
        and subject.lemma_.lower() in HEARINGS
        and not any(c.dep_ in ("det", "poss") for c in subject.children)
    )


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
        source = according_source(cue)
        source = _publisher(source) or appended_name(source) or source
        return source if source is not None and can_speak(source) else None
    subject = own_subject(cue) or aside_subject(cue) or untagged_opener(cue) or _name_left(cue)
    subject = shown_saying(cue) or subject  # "footage of Clinton asking": hers, not the footage's
    subject = subject or with_subject(cue)  # "..., with the group's economist, Lawson, saying"
    subject = _publisher(subject) or _before_brackets(subject, cue) or subject
    if subject is not None and not can_speak(subject):
        return None
    if subject is not None or cue.dep_ not in BORROWING_DEPS:
        return subject
    quoted = _quoted_as_saying(cue)
    if quoted is not None:
        return quoted if can_speak(quoted) else None
    if cue.dep_ == "xcomp" and cue.head.lemma_.lower() in PROMPTED:
        # "Mr. Trump was prompted to say": who was prompted, not the subject of the clause above
        passive = next((c for c in cue.head.children if c.dep_ == "nsubjpass"), None)
        if passive is not None:
            return passive if can_speak(passive) else None
    # "..., adding that": borrow from the nearest speech verb above, else from the nearest verb.
    # a participle never takes the subject of a clause about a noun ("rejected claims that the
    # plan has failed, telling ...")
    trailing = cue.tag_ == "VBG" and cue.dep_ != "xcomp"  # "considering announcing": Bush's
    doer = doer_above(cue)
    if doer is not None:
        return doer
    if cue.dep_ == "acl" and cue.tag_ in ("VBD", "VBN"):
        return relative_namer(cue)  # a participle on a noun never borrows the clause's subject
    ancestors = [
        a
        for a in list(cue.ancestors)[:4]
        if own_subject(a) is not None and not (trailing and a.dep_ in ("acl", "relcl"))
    ]
    # A speech verb inside another's report ("said they must agree ..., adding") is not the
    # speaker's.
    speaking = [a for a in ancestors if a.lemma_.lower() in CUE_LEMMAS and a.dep_ != "ccomp"]
    chosen = (speaking or ancestors)[:1]
    borrowed = own_subject(chosen[0]) if chosen else None  # never a document: "the memo, accusing"
    return borrowed if borrowed is not None and can_speak(borrowed) else None


def _name_left(cue: Token) -> Token | None:
    """'Outside the Parliament, Commissioner of Police Yolande Pierre-Joseph told ...': the parser
    hung the name on the place before it, leaving the main verb with no subject."""
    if cue.dep_ != "ROOT" or cue.tag_ not in ("VBD", "VBZ", "VBP"):
        return None
    doc = cue.doc
    if cue.i > 1 and doc[cue.i - 1].text == ",":  # "..., Ghulam Rasool Jatoi, a farmer, said"
        for ent in (e for e in doc.ents if e.label_ == "PERSON" and cue.sent.start <= e.start):
            described = [c for c in ent.root.children if c.dep_ == "appos"]
            if described and described[-1].right_edge.i == cue.i - 2 and ent.end < cue.i:
                return ent.root if doc[ent.end].text == "," else None
    return name_before(cue)


def _quoted_as_saying(cue: Token) -> Token | None:
    """Whom a report quotes: 'The report quoted Kim as saying ...' is Kim's, not the report's."""
    holder = cue.head
    if holder.lower_ != "as" or holder.head.lemma_.lower() not in ("quote", "cite"):
        return None
    return next((c for c in holder.head.children if c.dep_ == "dobj"), None)


def _before_brackets(subject: Token | None, cue: Token) -> Token | None:
    """'Sen. Chris Murphy (a Democrat so boyish he ...) says': the name before a bracketed aside
    that the parser took a word of for the subject."""
    if subject is None:
        return None
    doc = subject.doc
    opening = next(
        (t for t in reversed(doc[max(0, subject.i - 30) : subject.i]) if t.text in "()"), None
    )
    if opening is None or opening.text != "(" or opening.i == 0:
        return None
    if not any(t.text == ")" for t in doc[subject.i : cue.i]):
        return None
    name = doc[opening.i - 1]
    return name if name.pos_ == "PROPN" and name.ent_type_ in ("PERSON", "ORG") else None


def _publisher(source: Token | None) -> Token | None:
    """Who put a document out: "a statement from the White House", "a report by the Harbour
    Times" speak for the organisation named (README, "Extraction")."""
    if source is None or source.lemma_.lower() not in DOCUMENTS:
        return None
    for prep in (c for c in source.children if c.dep_ == "prep" and c.lower_ in ("from", "by")):
        named = next((c for c in prep.children if c.dep_ == "pobj"), None)
        if named is not None and (
            named.ent_type_ in ORG_LABELS or named.pos_ == "PROPN" or named.lower_ in ORG_WORDS
        ):  # "a statement from the hospital trust": the trust
            return named
    return None


def according_source(cue: Token) -> Token | None:
    """The object of 'according to' as the parser gives it ("the poll", "its organizer")."""
    to = next((c for c in cue.children if c.lower_ == "to"), None)
    return next((c for c in to.children if c.dep_ == "pobj"), None) if to is not None else None


def appended_name(source: Token | None) -> Token | None:
    """The person named after a comma closing the sentence, which the parser hung elsewhere:
    "according to its organizer, neighbor Dale Witt." is Dale Witt."""
    if source is None:
        return None
    doc, after = source.doc, source.right_edge.i + 1
    if after >= len(doc) or doc[after].text != ",":
        return None
    run = [t for t in doc[after + 1 : source.sent.end] if not (t.is_punct or t.is_space)]
    if run and all(t.pos_ in ("NOUN", "PROPN") for t in run) and run[-1].ent_type_ == "PERSON":
        return run[-1]
    return None


def own_subject(verb: Token) -> Token | None:
    subjects = [c for c in verb.children if c.dep_ in SUBJECT_DEPS]
    if len(subjects) > 1:
        subjects = _likeliest_subjects(subjects, verb)
    subject = subjects[0] if subjects else None
    if subject is not None and _dateline(subject):
        subject = _after_dateline(subject)
    if subject is not None and subject.tag_ == "VBG":
        subject = after_participle(subject, verb)
    if subject is None or subject.lower_ not in WH_SUBJECTS:
        return subject
    clause = verb
    while clause.dep_ == "conj" and clause.head is not clause:
        clause = clause.head  # "a mayor whose city voted for her but who said ...": the mayor
    if clause.dep_ == "relcl":
        return antecedent(clause.head, subject)
    if clause is not verb:  # a "but who suggested" the parser joined to the main verb: its subject
        return next((c for c in clause.children if c.dep_ in SUBJECT_DEPS), None)
    # "who" or "which" as a subject outside a relative clause ("who said ...?") names nobody,
    # unless a name ends right before it: a relative clause the parser missed ("the Chicago Police
    # Department which reported")
    if subject.lower_ not in ("who", "which"):
        return subject
    before = subject.doc[subject.i - 1] if subject.i > 0 else subject
    if before.text == "," and before.i > 0:
        before = subject.doc[before.i - 1]
    named = before.pos_ == "PROPN" or before.ent_type_ in ORG_LABELS
    return antecedent(before, subject) if named and before.i < subject.i else None


def _likeliest_subjects(subjects: list[Token], verb: Token) -> list[Token]:
    """Two subjects of one verb are a misparse: never a dateline ("KINGSTON (AP) — Holness said"),
    a person's name before anything else, then the one nearest the verb; never one after a
    subordinator the parser hung on the verb ("The family of a woman who waited before her death
    have said")."""
    marked = {m.i + 1 for m in verb.children if m.dep_ == "mark"}
    subjects = [s for s in subjects if not _dateline(s) and s.left_edge.i not in marked] or subjects
    people = [s for s in subjects if s.ent_type_ == "PERSON"]
    return sorted(people or subjects, key=lambda s: abs(s.i - verb.i))


def _dateline(token: Token) -> bool:
    """True for the place of a dateline ("WASHINGTON —", "KINGSTON, Jamaica (AP) —"), which the
    parser may take for a second subject of the first verb."""
    if token.left_edge.i != token.sent.start:
        return False
    match = DATELINE.match(doc_text(token.doc), token.sent[0].idx)  # "DES MOINES, Iowa —"
    return match is not None and token.idx < match.end()


def _after_dateline(place: Token) -> Token:
    """The subject a dateline's place stands before ("CLEVELAND, July 19 (UPI) — Former Attorney
    General Michael Mukasey told ...", parsed as the place's appositive), else the place."""
    match = DATELINE.match(doc_text(place.doc), place.sent[0].idx)
    end = match.end() if match is not None else place.idx
    after = [c for c in place.children if c.dep_ == "appos" and c.idx >= end]
    return after[-1] if after else place
