"""Offices written before a person's name ("Chancellor Matthias Rehberg", "Commissioner of Police
Yolande Roe", "Scottish Conservative leader Gordon Leckie"), remembered so that a later "the
chancellor said" is that person."""

from __future__ import annotations

from spacy.tokens import Doc, Span, Token

from bot.nlp.extract.coref import Cast
from bot.nlp.extract.namespans import PORTFOLIO_PREPS
from bot.nlp.words import ROLE_WORDS, TITLES

OFFICE_RANKS = frozenset("first prime chief deputy vice".split())
MAX_PORTFOLIO = 3  # words of a portfolio: "National Security", "Foreign and Commonwealth"
MAX_TITLE = 4  # words of an office before a name: "Scottish Conservative leader"


def note_title(cast: Cast, ent: Span) -> None:
    """Remember the office written before a person's name ("Chancellor Matthias Rehberg sought
    ..."), so a later "the chancellor said" is that person even before they speak."""
    if ent.label_ != "PERSON" or len(ent) < 2:
        return  # "President Obama": a surname alone may be any Obama the article names
    doc, named = ent.doc, ent.start
    while named < ent.end - 2 and _office_word(doc[named]):
        named += 1  # "Treasurer Rebecca Kilgour", "Mrs Justice Harriet Okonjo": tagged as one
    start = ent.start
    while start > 0 and doc[start - 1].lower_.rstrip(".") in ROLE_WORDS:  # "Gov. Ray Tillery"
        start -= 1
    if 0 < start < named and doc[start - 1].lower_ in OFFICE_RANKS:
        start -= 1  # "First Minister Moira Lindsay": "the FM" recalls her
    start = _portfolio_start(doc, start)  # "Commissioner of Police Yolande Roe"
    while 0 < start < named and named - start < MAX_TITLE and _party(doc[start - 1]):
        start -= 1  # "Scottish Conservative leader Gordon Leckie": "the Tory leader" recalls him
    if start < named:
        cast.titles.setdefault(cast.canonical_person(ent.text), doc[start:named].text)
        cast.titled_at.setdefault(cast.canonical_person(ent.text), ent.start_char)


def _office_word(token: Token) -> bool:
    word = token.lower_.rstrip(".")
    return token.is_title and (word in ROLE_WORDS or word in TITLES)


def _party(token: Token) -> bool:
    return token.is_title and (token.ent_type_ in ("NORP", "GPE") or token.pos_ in ("PROPN", "ADJ"))


def _portfolio_start(doc: Doc, start: int) -> int:
    """Where an office with its portfolio starts before a name ("Commissioner of Police", "Minister
    for Manpower", "leader in the Assembly"): a role word, its preposition, and capitalised words
    up to the name."""
    k = start
    while k > 0 and start - k < MAX_PORTFOLIO and doc[k - 1].is_title:
        k -= 1
    if k == start or k < 2 or doc[k - 1].lower_ not in PORTFOLIO_PREPS:
        return start
    return k - 2 if doc[k - 2].lower_ in ROLE_WORDS else start
