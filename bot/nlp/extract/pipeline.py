"""A tiny pipeline component: a line break that ends a paragraph also ends a sentence, and a
title abbreviation before a name never does."""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from bot.nlp.words import NAME_ABBREVIATIONS

COMPONENT = "quotebot_paragraphs"


@Language.component(COMPONENT)
def mark_paragraph_starts(doc: Doc) -> Doc:
    """Start a sentence after every newline, so the parser never joins two paragraphs."""
    for token in doc[:-1]:
        if "\n" in token.text or token.whitespace_ == "\n":
            doc[token.i + 1].is_sent_start = True
            _no_break_in_opening_name(doc, token.i + 1)
        elif token.text in NAME_ABBREVIATIONS and doc[token.i + 1].text[:1].isupper():
            doc[token.i + 1].is_sent_start = False  # "Capt. Jeff Davis": one name
            before = doc[token.i - 1] if token.i > 0 else None
            if before is not None and not (before.is_punct or before.is_space):
                token.is_sent_start = False  # "said Air Force 1st Sgt. Tyler Lindgren"
    return doc


def _no_break_in_opening_name(doc: Doc, start: int) -> None:
    """A paragraph opening on two capitalised words ("Gwen Pritchard is late") opens on a name,
    which the parser must not split into two sentences."""
    if start + 1 < len(doc) and all(t.is_title and t.is_alpha for t in doc[start : start + 2]):
        doc[start + 1].is_sent_start = False


def add_paragraph_component(nlp: Language) -> None:
    """Insert the component before the parser once (idempotent; the shared model gains it)."""
    if COMPONENT in nlp.pipe_names or "parser" not in nlp.pipe_names:
        return
    nlp.add_pipe(COMPONENT, before="parser")
