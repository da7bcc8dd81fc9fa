"""Helpers for extraction tests: the one quote of a text that holds some words."""


def the_quote(extractor, text, words):
    """The one quote of `text` holding `words` (fails, listing all, unless exactly one)."""
    found = [q for q in extractor.extract(text) if words in q.text]
    assert len(found) == 1, [(q.speaker, q.text) for q in extractor.extract(text)]
    return found[0]
