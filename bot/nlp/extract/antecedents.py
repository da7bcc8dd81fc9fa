"""Whom a subject word stands for when the parser hung the name elsewhere: the antecedent of
'who' or 'which', the name after an opening participle, the subject of an aside before the cue."""

from __future__ import annotations

from spacy.tokens import Token

from bot.nlp.words import ORG_LABELS, ORG_WORDS, PLACE_LABELS

PLACE_PREPS = frozenset(("in", "on", "at", "from"))


def aside_subject(cue: Token) -> Token | None:
    """'Judge Eleanor Hartwell, writing for the majority, said ...': the parser gave the name to
    the aside before the cue; it is the cue's subject too."""
    doc = cue.doc
    for child in cue.children:
        if child.dep_ != "advcl" or child.tag_ != "VBG" or not 1 < child.i < cue.i:
            continue
        subject = next((c for c in child.children if c.dep_ == "nsubj"), None)
        set_off = doc[child.i - 1].text == "," and doc[cue.i - 1].text == ","
        if set_off and subject is not None and subject.pos_ == "PROPN":
            if subject.i == child.i - 2:  # "Name, writing for the majority, said"
                return subject
    return None


def untagged_opener(cue: Token) -> Token | None:
    """'Tolliver told analysts ...' where the tagger read the surname as an adverb: the single
    capitalised word opening the sentence, right before a cue with no subject, is who spoke."""
    if cue.i == 0 or any(c.dep_ in ("nsubj", "nsubjpass") for c in cue.children):
        return None
    word = cue.doc[cue.i - 1]
    opening = word.is_sent_start or word.i == cue.sent.start
    if not opening or not word.is_title or word.is_stop or word.lower_.endswith("ly"):
        return None
    return word if word.head.i == cue.i and word.dep_ in ("advmod", "npadvmod") else None


def after_participle(clause: Token, verb: Token) -> Token:
    """The name after an opening participle clause the parser took for the subject ("Opening the
    case at Leeds Crown Court, prosecutor James Whitlock KC said"), else the clause."""
    doc = clause.doc
    described = next((c for c in clause.children if c.dep_ == "appos" and c.i < verb.i), None)
    if described is not None and described.pos_ in ("NOUN", "PROPN"):
        return described  # "Reacting, the state chairman of the party, Prince Roe, told ..."
    commas = [t.i for t in doc[clause.i : verb.i] if t.text == ","]
    run = doc[commas[-1] + 1 : verb.i] if commas else doc[verb.i : verb.i]
    named = any(t.ent_type_ == "PERSON" for t in run)
    if not named or not all(t.pos_ in ("NOUN", "PROPN") for t in run):
        return clause
    return next(t for t in run if t.head.i not in range(run.start, run.end))


def antecedent(head: Token, relative: Token) -> Token | None:
    """Who 'who', 'which' or 'that' stands for. In a list ("A, B and C, who joked") the name
    nearest the pronoun, not the whole list; 'which' and 'that' speak only for an organisation
    ("the Pentagon, which said"), never for a thing ("rules that promise to ...")."""
    if relative.lower_ in ("which", "that") and not (
        head.pos_ == "PROPN" or head.ent_type_ in ORG_LABELS or head.lemma_.lower() in ORG_WORDS
    ):
        return None
    while (
        relative.lower_ == "who"
        and head.dep_ == "pobj"
        and head.head.lower_ in PLACE_PREPS
        and head.head.head.pos_ in ("NOUN", "PROPN")
        and (head.ent_type_ in PLACE_LABELS or head.head.head.tag_ in ("NNS", "NNPS"))
    ):
        head = head.head.head  # "Democrats on Capitol Hill, who have argued": the Democrats
    if (
        relative.lower_ in ("which", "that")
        and head.dep_ == "pobj"
        and head.ent_type_ in PLACE_LABELS
        and head.head.lower_ in PLACE_PREPS
        and head.head.head.lemma_.lower() in ORG_WORDS
    ):
        head = head.head.head  # "a residents' association from Botshabelo, which argued"
    while (
        relative.lower_ == "who"
        and head.dep_ == "pobj"
        and head.lemma_.lower() in ORG_WORDS
        and head.head.head.pos_ in ("NOUN", "PROPN")
    ):
        head = (
            head.head.head
        )  # "Derek Page, a manager at a consulting firm, who posted": not the firm
    while head.dep_ == "appos" and head.head.pos_ == "PROPN":
        head = head.head  # "Jane Roe, a member of the staff who said": Roe
    listed = [t for t in head.subtree if t.dep_ == "conj" and t.i < relative.i]
    return max([head, *listed], key=lambda t: t.i)


def relative_holder(subject: Token) -> Token | None:
    """The organisation an "it" in a relative clause stands for: the subject of the clause the
    relative hangs on, when that is an organisation ("the government offered ..., which it said
    ...")."""
    verb = subject.head
    if subject.lower_ != "it" or verb.dep_ != "relcl":
        return None
    main = verb.head.head
    holder = next((c for c in main.children if c.dep_ == "nsubj"), None)
    if holder is None or holder.i > subject.i:
        return None
    named = holder.ent_type_ == "ORG" or holder.lemma_.lower() in ORG_WORDS
    return holder if named and holder.pos_ in ("NOUN", "PROPN") else None
