"""Indirect speech: the reported clause of a speech verb, 'according to', end attribution."""

import pytest

from bot.extract import Extractor
from bot.nlp import load_model

pytestmark = pytest.mark.model


@pytest.fixture(scope="module")
def extractor():
    return Extractor(load_model())


INDIRECT = [
    ("Health minister Clara Voss said that hospitals would receive extra funding next month.",
     ("Clara Voss", "said", "hospitals would receive extra funding next month")),
    ("Mayor Tom Reyes told residents the bridge would reopen by Friday.",
     ("Tom Reyes", "told", "the bridge would reopen by Friday")),
    ("The storm will reach the coast on Sunday, the national weather service warned.",
     ("national weather service", "warned", "The storm will reach the coast on Sunday")),
    ("Police chief Dana White confirmed that two suspects had been arrested.",
     ("Dana White", "confirmed", "two suspects had been arrested")),
    ("According to the finance ministry, the deficit fell to 3 per cent last year.",
     ("finance ministry", "according to", "the deficit fell to 3 per cent last year")),
    ("The union said its members would strike, adding that talks had collapsed.",
     ("union", "said", "its members would strike")),
]

NOTHING = [
    "Analysts believe the merger will go ahead.",
    "She did not say whether the plan would change.",
    "The president told his staff to prepare for the visit.",
    "The minister declined to say when the report would be published.",
    "Officials said nothing.",
]


@pytest.mark.parametrize("text, expected", INDIRECT)
def test_indirect_clause_speaker_and_cue(extractor, text, expected):
    speaker, cue, clause = expected
    quotes = extractor.extract(text)
    assert quotes, text
    first = quotes[0]
    assert speaker in first.speaker and first.cue == cue and first.kind == "indirect"
    assert first.text == clause


@pytest.mark.parametrize("text", NOTHING)
def test_beliefs_refusals_and_orders_are_not_quotes(extractor, text):
    assert extractor.extract(text) == []


def test_participle_adds_a_second_statement(extractor):
    quotes = extractor.extract("The union said its members would strike, adding that talks had collapsed.")
    assert [(q.cue, q.text) for q in quotes] == [
        ("said", "its members would strike"), ("adding", "talks had collapsed")]
    assert {q.speaker for q in quotes} == {"union"}


def test_nested_report_goes_to_the_inner_speaker(extractor):
    quotes = extractor.extract("Smith told Jones that 'the deal is dead and buried', aides said.")
    assert [(q.speaker, q.cue) for q in quotes] == [("Smith", "told")]
