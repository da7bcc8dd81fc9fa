"""Any text in, never an exception out; quote-mark pairing edge cases.

"Never an exception out" is checked where a failure would show: the extractor logs (rather than
raises) a failure inside one article so a batch goes on, so every test here also fails when
anything was logged at ERROR while it ran; an empty result is not taken as success.
"""

import logging

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bot.nlp.extract.marks import find_quote_spans

QUOTE_HEAVY = st.lists(
    st.sampled_from(
        list("ab S.,'\"\u2018\u2019\u201c\u201d\n") + [" said", " he", " Mr ", " Jo Bloggs"]
    ),
    max_size=80,
).map("".join)


@pytest.fixture
def failures(caplog):
    """The ERROR records logged so far (a swallowed exception is logged, so it shows here)."""
    caplog.set_level(logging.WARNING)

    def logged() -> list[str]:
        return [r.getMessage() for r in caplog.records if r.levelno >= logging.ERROR]

    return logged


def _quoted(text):
    return [text[s.start : s.end] for s in find_quote_spans(text)]


@pytest.mark.parametrize(
    "text, expected",
    [
        ("He said 'we don't know' and left.", ["we don't know"]),
        ("Russia's army and the rebels' positions.", []),
        ("Music from the '90s is back.", []),
        ("'The sides' positions are far apart,' he said.", ["The sides' positions are far apart,"]),
        ('"Never," she said. "Not again."', ["Never,", "Not again."]),
        ("He said \u201cyes\u201d and \u2018no\u2019.", ["yes", "no"]),
        ("\"Outer 'inner' text,\" he said.", ["Outer 'inner' text,"]),
    ],
)
def test_quote_marks_pair_without_apostrophes(text, expected):
    assert _quoted(text) == expected


def test_unclosed_quote_runs_to_the_paragraph_end():
    text = '"This is the first part of a long statement.\n\n"And this is the rest," she said.'
    assert _quoted(text) == ["This is the first part of a long statement.", "And this is the rest,"]


@pytest.mark.model
@pytest.mark.parametrize(
    "text",
    [
        "",
        " ",
        "\n\n\n",
        '"',
        "'",
        '"""',
        "''''",
        "\u201c",
        '"Unbalanced, he said.',
        "said said said",
        '"A quote running to the end of the article, said Jo Bloggs',
        "No sentences at all just words without end",
        "\u201d\u201c\u2019\u2018",
        "'90s' 'em '",
    ],
)
def test_odd_texts_do_not_raise(extractor, failures, text):
    for quote in extractor.extract(text):
        assert text[quote.start : quote.end] == quote.text
    assert failures() == []


@pytest.mark.model
def test_long_article_is_handled(extractor, failures):
    paragraph = (
        '"We will keep the port open," harbour master Ellen Park said. '
        "The ministry said ships had been delayed by the storm.\n\n"
    )
    quotes = extractor.extract(paragraph * 400)
    assert len(quotes) == 800
    assert failures() == []


@pytest.mark.model
def test_a_plain_quote_is_found_so_an_empty_answer_is_a_failure(extractor, failures):
    quotes = extractor.extract('"The bridge opens on Monday," the mayor, Ines Hart, said.')
    assert [q.text for q in quotes] == ["The bridge opens on Monday,"]
    assert failures() == []


@pytest.mark.model
@settings(
    max_examples=50, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(text=st.one_of(st.text(max_size=300), QUOTE_HEAVY))
def test_any_text_gives_quotes_inside_the_text(extractor, failures, text):
    for quote in extractor.extract(text):
        assert 0 <= quote.start <= quote.end <= len(text)
        assert text[quote.start : quote.end] == quote.text
        assert quote.speaker.strip().lower() not in {"he", "she", "they", "it", "we", "i", "you"}
    assert failures() == []
