"""Quoted-speech rules that must hold when the parser gets the sentence wrong (hand-built Docs)."""

from spacy.tokens import Doc
from spacy.vocab import Vocab

from bot.nlp.extract.cues import find_cue_tokens
from bot.nlp.extract.marks import find_quote_spans, paragraph_bounds
from bot.nlp.extract.quoted import find_quoted


def _findings(doc: Doc) -> list[tuple[str, str | None]]:
    text = doc.text
    paragraphs = paragraph_bounds(text)
    spans = find_quote_spans(text, paragraphs)
    people = [e for e in doc.ents if e.label_ == "PERSON"]
    found = find_quoted(doc, spans, paragraphs, find_cue_tokens(doc), people)
    return [
        (text[f.start : f.end], f.subject.text if f.subject is not None else None) for f in found
    ]


def test_the_name_before_a_cue_hung_on_the_quote_is_its_speaker():
    # the misparse: "said" hangs on "won" inside the quote, and the name is its object
    words = ["\u201c", "We", "won", ",", "\u201d", "Chief", "Dana", "Okoro", "said", "."]
    doc = Doc(
        Vocab(),
        words=words,
        spaces=[False, True, False, False, True, True, True, True, False, False],
        pos=["PUNCT", "PRON", "VERB", "PUNCT", "PUNCT", "PROPN", "PROPN", "PROPN", "VERB", "PUNCT"],
        lemmas=["\u201c", "we", "win", ",", "\u201d", "chief", "Dana", "Okoro", "say", "."],
        heads=[2, 2, 2, 2, 2, 7, 7, 8, 2, 2],
        deps=["punct", "nsubj", "ROOT", "punct", "punct", "compound", "compound", "dobj", "conj"]
        + ["punct"],
        ents=["O", "O", "O", "O", "O", "O", "B-PERSON", "I-PERSON", "O", "O"],
    )
    assert _findings(doc) == [("We won,", "Okoro")]
