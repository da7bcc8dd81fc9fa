"""Where a name stands in its sentence: the subject of the main clause, or a lesser place."""

from __future__ import annotations

from typing import NamedTuple

from spacy.tokens import Span, Token

from bot.nlp.extract.genders import opens_sentence, titled
from bot.nlp.words import CUE_LEMMAS, ROLE_WORDS

CLAUSE_SUBJECTS = frozenset(("nsubj", "nsubjpass"))
PEOPLE_PRONOUNS = frozenset("he she they i we you who".split())

# "..., he added" / "..., the agency's spokesman said": how near its comma a fronted report's cue
# stands.
FRONTED_CUE_REACH = 6


class Mention(NamedTuple):
    """A person named (or a he/she standing for one) at some place in the article."""

    canonical: str  # "" for a pronoun: Cast works out whom it stands for when a pronoun reaches it
    paragraph: int
    # The subject of a main clause, or a speaker already resolved: the preferred antecedent. A
    # name inside an appositive, a compound or a reported clause ("Fowler said he expects Clinton
    # to recover") is taken only when no main subject of the pronoun's gender is near.
    main: bool = True
    pronoun: str | None = None  # "m" or "f" for a he/she subject
    # Named as an object ("We spoke to Gareth Lloyd"): taken only when nobody else is near, from
    # the same or the previous paragraph, and only by a pronoun of the gender known for it.
    object: bool = False
    # A person described, not named ("The judge appeared skeptical"): the head noun and its
    # modifiers, matched against the roles of the speakers named so far when a pronoun reaches it.
    description: tuple[str, frozenset[str]] | None = None


def leads(ent: Span) -> bool:
    """True for a person's name opening its sentence, a title before it or not ("Ms. LaBelle got
    ..."): its subject, whatever a quote later in the sentence makes of the parse."""
    start = ent.sent.start
    first = opens_sentence(ent, person=True) or (ent.start == start + 1 and titled(ent.doc, ent))
    return (first and not fronted(ent)) or _after_participle(ent)


def owns_a_named(ent: Span) -> bool:
    """True for the possessor of a person named beside their role ("Danladi's lead counsel,
    Chinyere Eze, sat ..."): the subject is the one named, never the possessor."""
    noun = ent.root.head
    return ent.root.dep_ == "poss" and any(
        c.dep_ == "appos" and c.ent_type_ == "PERSON" for c in noun.children
    )


def fronted(ent: Span) -> bool:
    """True for a name in a clause reported before its cue ("Roe's case was unusual, Lee
    said"), as its subject or its subject's possessor."""
    head = ent.root.head
    return _fronted_report(head.head if ent.root.dep_ == "poss" else head)


def _after_participle(ent: Span) -> bool:
    """True for the name after an opening participle ("Born in 1938 in Portland, Dr. Roe was
    ..."), the subject whatever the parser hung it on, when a finite verb follows it."""
    doc, opener = ent.doc, ent.sent[0]
    start = ent.start - 1 if ent.start and titled(doc, ent) else ent.start
    return (
        opener.tag_ in ("VBN", "VBG")
        and start > opener.i + 1
        and doc[start - 1].text == ","
        and ent.end < len(doc)
        and doc[ent.end].tag_ in ("VBD", "VBZ")
    )


def _fronted_report(verb: Token) -> bool:
    """True for the clause of "Mr. Roe fits the bill, he added": reported, its cue after it."""
    cue, after = verb.head, verb.right_edge.i + 1
    return (
        verb.dep_ == "ccomp"
        and cue.lemma_.lower() in CUE_LEMMAS  # not "X looks embarrassed, then pleased"
        and after < cue.i <= after + FRONTED_CUE_REACH
        and verb.doc[after].text == ","
        and not any(c.dep_ in ("dobj", "ccomp") and c.i > cue.i for c in cue.children)
    )


def in_main_clause(subject: Token) -> bool:
    """True for the subject of the sentence's main verb (or of a verb joined to it by 'and'), not
    of a relative, reported or subordinate clause."""
    verb = subject.head
    if any(c.dep_ == "aux" and c.i < subject.i for c in verb.children):
        return False  # "..., should Clinton attempt an early return": a condition, not the main
    while verb.dep_ == "conj" and verb.head is not verb:
        verb = verb.head
    # "..., Biden rubbished Trump's claim": a past-tense verb with a subject, parsed as a modifier
    misparsed = verb.dep_ == "amod" and verb.tag_ in ("VBD", "VBZ") and verb.i > subject.i
    return verb.dep_ == "ROOT" or misparsed or _it_comes_after(verb) or _set_off(subject, verb)


def _set_off(subject: Token, verb: Token) -> bool:
    """True for "Marsh, asked about it, laughed", the name given to the aside by the parser: the
    subject of the main verb after it, which has none of its own."""
    main, doc = verb.head, subject.doc
    return (
        verb.dep_ == "advcl"
        and main.dep_ == "ROOT"
        and subject.i + 2 == verb.i < main.i
        and doc[subject.i + 1].text == ","
        and doc[main.i - 1].text == ","
        and not any(c.dep_ in CLAUSE_SUBJECTS for c in main.children)
    )


def _it_comes_after(verb: Token) -> bool:
    """True for the clause of "It comes after Tamsin opened up about ...": the news's own subject,
    under an empty "it comes"."""
    main = verb.head
    return (
        verb.dep_ == "advcl"
        and main.dep_ == "ROOT"
        and main.lemma_.lower() == "come"
        and any(c.dep_ == "nsubj" and c.lower_ in ("it", "this") for c in main.children)
    )


def takes_the_floor(ent: Span) -> bool:
    """True for a name in a lesser place that a sentence is about all the same."""
    subject = closing_subject(ent)
    if _topic(ent) or _seat_holder(ent) or _introduced(ent):
        return True
    return subject is not None and in_main_clause(subject)


def _introduced(ent: Span) -> bool:
    """True for a full name brought in with what they are, in a sentence no person is the subject
    of ("..., which is something that concerns Henry Crespo, president of the Caucus."): the
    story turns to them, and the next he or she is theirs."""
    described = any(
        c.dep_ == "appos" and c.pos_ == "NOUN" and not c.ent_type_ for c in ent.root.children
    )
    if len(ent) < 2 or not described or ent.root.dep_ not in ("dobj", "pobj"):
        return False
    return not any(
        t.dep_ in CLAUSE_SUBJECTS
        and (t.ent_type_ == "PERSON" or t.lower_ in PEOPLE_PRONOUNS)
        and in_main_clause(t)
        for t in ent.sent
    )


def closing_subject(ent: Span) -> Token | None:
    """The subject whose phrase a name closes, when the parser set the name beside the phrase's
    last noun ("Her counterpart at the CFDT, Laurent Berthier, struck ...", "Another lawyer for
    Kwon, Choi Hye-won, said"): that noun's name, right before its verb."""
    doc, root = ent.doc, ent.root
    subject = root.head.head.head
    end = ent.end  # past a clause on the name: "..., Marc Dumont, who is not related to her, said"
    hung = (*root.children, *root.head.children)  # the parser hangs it on either
    clause = next((c for c in hung if c.dep_ == "relcl" and c.left_edge.i > end), None)
    if clause is not None and doc[end].text == ",":
        end = clause.right_edge.i + 1
    closes = (
        root.dep_ == "appos"
        and root.head.dep_ == "pobj"
        and subject.dep_ in CLAUSE_SUBJECTS
        and subject.pos_ == "NOUN"
        and end + 1 < len(doc)
        and doc[end].text == ","
        and doc[end + 1].i == subject.head.i
    )
    return subject if closes else None


def _seat_holder(ent: Span) -> bool:
    """True for the holder named after an office's seat ("Opposition leader in the Sindh Assembly
    Syed Faisal Rizvi"), the subject of its sentence."""
    doc, prep = ent.doc, ent.root.head
    holder = prep.head
    return (
        ent.root.dep_ == "pobj"
        and holder.dep_ in CLAUSE_SUBJECTS
        and holder.lemma_.lower() in ROLE_WORDS
        and prep.i == holder.i + 1
        and ent.start > prep.i + 1
        and doc[ent.start - 1].is_title
        and in_main_clause(holder)
    )


def _topic(ent: Span) -> bool:
    """True for the person a sentence opens on ("For Ahmad, a 34-year-old from Aleppo, the
    decision is a blow. He asked ...", "For Dr. Roe, ...", "For Fianna Fáil backbencher Aoife
    Roe, ..."): whom a he or she next means."""
    root = ent.root
    described = root.dep_ == "appos" and root.head.dep_ == "pobj"  # "For backbencher Aoife Roe,"
    prep = root.head.head if described else root.head
    doc = ent.doc
    return (
        (root.dep_ == "pobj" or described)
        and prep.lower_ == "for"
        and prep.i == ent.sent.start
        and (ent.start == prep.i + 1 or titled(doc, ent) or described)
        and ent.end < len(doc)
        and doc[ent.end].text == ","
        and ent.label_ == "PERSON"
    )


def described_subject(token: Token) -> bool:
    """True for 'the' and a role as a main clause's subject ("The judge appeared skeptical"): a
    person a later he or she may mean, once the role is known to be a named speaker's."""
    return (
        token.tag_ in ("NN", "NNP")
        and token.dep_ in CLAUSE_SUBJECTS
        and token.lemma_.lower() in ROLE_WORDS
        and any(c.dep_ == "det" and c.lower_ == "the" for c in token.children)
        and in_main_clause(token)
    )


def is_who(ent: Span) -> bool:
    """True for "Christie, who has campaigned ...": only a person is a 'who'."""
    return any(
        c.dep_ == "relcl" and any(g.dep_ == "nsubj" and g.lower_ == "who" for g in c.children)
        for c in ent.root.children
    )


def reported_by_another(subject: Token) -> bool:
    """True for the subject of a clause reported by someone named before it ("Brandt said he
    expects Hargreave to recover"), not one whose reporter comes after ("In her speech, Rhimes
    declared ...: '...,' she said"; "aides say Roe advises ..." leaves Roe the next she)."""
    verb = subject.head
    while verb.dep_ in ("ccomp", "xcomp", "conj") and verb.head is not verb:
        verb = verb.head
        if any(c.dep_ in CLAUSE_SUBJECTS and c.i < subject.i and _one(c) for c in verb.children):
            return True
    return False


def _one(subject: Token) -> bool:
    """A reporter who is one person named or a he or she, never "aides" or "officials"."""
    return subject.pos_ == "PROPN" or subject.lower_ in ("he", "she")
