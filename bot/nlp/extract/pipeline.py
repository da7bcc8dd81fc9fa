"""A tiny pipeline component: a line break that ends a paragraph also ends a sentence."""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

COMPONENT = "quotebot_paragraphs"


@Language.component(COMPONENT)
def mark_paragraph_starts(doc: Doc) -> Doc:
    """Start a sentence after every newline, so the parser never joins two paragraphs."""
    for token in doc[:-1]:
        if "\n" in token.text or token.whitespace_ == "\n":
            doc[token.i + 1].is_sent_start = True
    return doc


def add_paragraph_component(nlp: Language) -> None:
    """Insert the component before the parser once (idempotent; the shared model gains it)."""
    if COMPONENT in nlp.pipe_names or "parser" not in nlp.pipe_names:
        return
    nlp.add_pipe(COMPONENT, before="parser")
