"""Scraped-page furniture (links, captions, credits, headlines, imperatives) yields no quotes;
the story does."""

import pytest

from bot.nlp.extract.cues import NON_SPEAKERS
from bot.nlp.extract.noise import in_noise, noise_lines


def _texts(extractor, text):
    return [q.text for q in extractor.extract(text)]


@pytest.mark.parametrize(
    "line, furniture",
    [
        ("Read more: 'I'm not going anywhere,' says defiant council boss", True),
        ("RELATED: 'We will not surrender': Mayor vows to fight on", True),
        ("PICTURED: Tom Birch, who said he was 'proud', leaves the town hall", True),
        ("Watch: 'I was terrified,' says driver trapped in flood", True),
        ("Dan Ruff tells Example Sport he is 'over the moon' (Video: Example Sport)", True),
        ("Councillor Tom Birch said: 'Read more about it in the report.'", False),
        ("More than 200 people said they would attend.", False),
    ],
)
def test_furniture_lines_are_recognised(line, furniture):
    text = "The first line.\n" + line + "\nThe last line."
    assert in_noise(text.index(line) + 5, noise_lines(text)) is furniture


@pytest.mark.model
def test_links_to_other_stories_carry_no_quotes(extractor):
    text = (
        "Read more: 'I'm not going anywhere,' says defiant council boss\n"
        "MORE: Minister Harriet Vane says cuts are 'unavoidable'\n"
        "'We have no choice,' Ms Vane said on Monday."
    )
    assert _texts(extractor, text) == ["We have no choice,"]


@pytest.mark.model
def test_labelled_captions_carry_no_quotes(extractor):
    text = (
        "PICTURED: Tom Birch, who said he was 'proud' of his record, leaves the town hall\n"
        "Tom Birch said he would stand down in May."
    )
    assert _texts(extractor, text) == ["he would stand down in May"]


@pytest.mark.model
def test_a_credited_caption_carries_no_quote(extractor):
    text = (
        "Dan Ruff tells Example Sport he is 'over the moon' after his hat-trick (Video: Example "
        "Sport)\n"
        "Ruff said the win was 'the best day of my career'."
    )
    assert _texts(extractor, text) == ["the win was 'the best day of my career'"]


@pytest.mark.model
def test_a_headline_about_a_quote_does_not_name_a_speaker_without_a_cue(extractor):
    text = (
        "'Absolutely shameful': Union leader Bob Crane attacks minister\n"
        "Union leader Bob Crane said the cuts were 'absolutely shameful'."
    )
    quotes = extractor.extract(text)
    assert [(q.text, q.kind) for q in quotes] == [("the cuts were 'absolutely shameful'", "mixed")]
    assert quotes[0].start > text.index("\n")


@pytest.mark.model
def test_an_imperative_to_the_reader_is_not_a_cue(extractor):
    text = (
        "Ask the expert: 'Should I fix my mortgage rate now or wait?'\n"
        "Jo Bloggs told reporters: 'We will look at the figures again.'"
    )
    assert _texts(extractor, text) == ["We will look at the figures again."]


@pytest.mark.model
def test_a_planning_document_is_not_a_speaker(extractor):
    text = (
        "The scheme would include new flood defences worth ten million, according to the planning "
        "application."
    )
    assert "application" in NON_SPEAKERS
    assert _texts(extractor, text) == []


@pytest.mark.model
def test_a_quoted_subheading_does_not_inherit_the_last_speaker(extractor):
    text = (
        "Coach Maria Lenz said the team had trained hard all week.\n"
        "'It was a brutal session,' she said.\n"
        "'Nobody saw it coming'\n"
        "The defeat was the heaviest in a decade."
    )
    assert _texts(extractor, text) == [
        "the team had trained hard all week",
        "It was a brutal session,",
    ]


@pytest.mark.model
def test_a_quoted_follow_on_line_still_inherits_the_last_speaker(extractor):
    text = "'It was a brutal session,' Maria Lenz said.\n'We go again on Saturday.'"
    assert _texts(extractor, text) == ["It was a brutal session,", "We go again on Saturday."]
