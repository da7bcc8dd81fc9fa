"""Reported speech in more shapes: wire-style marks, one-line paragraphs, participles."""

import pytest

from bot.nlp.extract import Extractor
from bot.nlp.extract.marks import find_quote_spans, paragraph_bounds
from bot.nlp.model import load_model


def _rows(extractor, text):
    return [(q.speaker, q.cue, q.text) for q in extractor.extract(text)]


def test_two_single_marks_are_one_double_mark():
    text = "''We will not close the mill,'' said the owner. He said it was ''not for sale''."
    assert [text[s.start : s.end] for s in find_quote_spans(text)] == [
        "We will not close the mill,",
        "not for sale",
    ]


def test_a_two_mark_closer_ends_past_both_marks():
    text = "''We will not close the mill,'' said the owner."
    (span,) = find_quote_spans(text)
    assert text[span.close_at + 1 :] == " said the owner."


@pytest.mark.parametrize(
    "text, count",
    [
        ("Title\n\nFirst paragraph.\nSecond paragraph.\nThird paragraph.", 4),
        ("One.\nTwo.", 2),
        (
            "A report that was wrapped at a fixed\nwidth by an old wire system so that\n"
            "every line breaks in mid sentence and\nonly the last ends.",
            1,
        ),
    ],
)
def test_paragraphs_are_lines_unless_the_block_is_hard_wrapped(text, count):
    assert len(paragraph_bounds(text)) == count


CASES = [
    # A follow-on quote in the next one-line paragraph, after a blank-line header.
    (
        "Harbour plans\n\n"
        '"The dredging starts in May," said Ines Calder, a pilot who trained under Tomas Reyes.\n'
        '"After that, the big ships can come in."',
        [
            ("Ines Calder", "said", "The dredging starts in May,"),
            ("Ines Calder", None, "After that, the big ships can come in."),
        ],
    ),
    # The parser takes the quote's first word for the subject; the real one follows the quote.
    (
        '"Both, at first," Marta Ilves said. "Then only our own staff."',
        [
            ("Marta Ilves", "said", "Both, at first,"),
            ("Marta Ilves", None, "Then only our own staff."),
        ],
    ),
    # ", telling/saying ..." after an act of the same subject reports what was said.
    (
        "The council leader, Ruth Amadi, rejected the offer, saying it ignored overtime pay.",
        [("Ruth Amadi", "saying", "it ignored overtime pay")],
    ),
    (
        "Minister Joel Park defended the cut, telling reporters that the old scheme was wasteful.",
        [("Joel Park", "telling", "the old scheme was wasteful")],
    ),
    # Wire copy with two single marks for a double one.
    (
        "''It is a tax on savers,'' said Nadia Ferro, an economist.",
        [("Nadia Ferro", "said", "It is a tax on savers,")],
    ),
]

MORE = [
    # A progressive main verb reports like a simple one.
    (
        "The county board is saying that the levy will fall next spring.",
        [("county board", "saying", "the levy will fall next spring")],
    ),
    # Only one opener is dropped: the condition stays part of what was said.
    (
        "Councillor Ben Oyelaran said that, if elected, he would reopen the library.",
        [("Ben Oyelaran", "said", "if elected, he would reopen the library")],
    ),
    # A weekday after the cue is when, not who; a stray word before the name is no clause.
    (
        '"We will find who did this," Harbour police Chief Aldo Brennan said Monday.',
        [("Aldo Brennan", "said", "We will find who did this,")],
    ),
    # An age description is a speaker, though the model tags it as a date.
    (
        'Dana Kerr scored twice. "I just hit it clean," said the 23-year-old.',
        [("Dana Kerr", "said", "I just hit it clean,")],
    ),
]

NOTHING = [
    "With the union insisting on a deal, the talks went on into the night.",
    "The mayor vowed to fight on, saying nothing more about the budget.",
]


@pytest.mark.model
@pytest.mark.parametrize("text, expected", CASES)
def test_reported_speech_shapes(extractor, text, expected):
    assert _rows(extractor, text) == expected


@pytest.mark.model
@pytest.mark.parametrize("text, expected", MORE)
def test_more_reported_speech_shapes(extractor, text, expected):
    assert [(s.split()[-1], c, t) for s, c, t in _rows(extractor, text)] == [
        (s.split()[-1], c, t) for s, c, t in expected
    ]


@pytest.mark.model
@pytest.mark.parametrize("text", NOTHING)
def test_scene_setting_participles_are_not_quotes(extractor, text):
    assert _rows(extractor, text) == []


@pytest.mark.model
def test_a_speech_verb_inside_a_report_does_not_lend_its_subject():
    extractor = Extractor(load_model())
    text = (
        "Aid worker Sam Oduya said both sides must agree on the route, adding that "
        "'thousands of families' were waiting."
    )
    speakers = {q.speaker for q in extractor.extract(text)}
    assert speakers == {"Sam Oduya"}


@pytest.mark.model
@pytest.mark.parametrize(
    "text",
    [
        "If she withdrew, party rules give the chair authority to call a “special meeting” to "
        "vote on a replacement.",
        "The mayor called a “crisis summit” for Friday.",
    ],
)
def test_calling_a_meeting_is_no_quote(extractor, text):
    assert _rows(extractor, text) == []


@pytest.mark.model
def test_calling_something_a_name_is_still_a_quote(extractor):
    (quote,) = extractor.extract("Councillor Ruth Jones called the deal “a betrayal” on Monday.")
    assert quote.speaker == "Ruth Jones" and "betrayal" in quote.text
