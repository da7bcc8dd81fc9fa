"""Who is never a speaker: a dateline, a date."""

import pytest

from bot.nlp.extract.noise import datelines
from tests.extracting import the_quote


@pytest.mark.parametrize(
    "line, dateline",
    [
        ("KINGSTON — The port reopened.", "KINGSTON —"),
        ("LIMA, Peru - The port reopened.", "LIMA, Peru -"),
        ("SEOUL (Reuters) - The port reopened.", "SEOUL (Reuters) -"),
        ("NEW YORK -- The port reopened.", "NEW YORK --"),
        ("TRUMP: We will win.", None),  # a transcript's speaker label, not a place
        ("NASA said the launch would go ahead.", None),
        ("US-China talks - a timeline", None),
    ],
)
def test_dateline_is_found_only_at_a_line_start_before_a_dash(line, dateline):
    found = [line[s:e] for s, e in datelines(line)]
    assert found == ([dateline] if dateline else [])


@pytest.mark.model
@pytest.mark.parametrize(
    "text",
    [
        'KINGSTON, Jamaica — "We will not back down from this fight," the union leader said.',
        'ACCRA — "Prices will rise again," Tuesday morning said.',
        '"The plan is a disaster for the whole region," Reyes, a former mayor, said Thursday '
        'morning on Radio Harbour\'s "Morning Desk." "We will fight it in court."',
    ],
)
def test_a_dateline_or_a_date_is_never_a_speaker(extractor, text):
    speakers = [q.speaker for q in extractor.extract(text)]
    assert all(s.upper() not in ("KINGSTON", "ACCRA") and "morning" not in s for s in speakers)


@pytest.mark.model
@pytest.mark.parametrize(
    "text, kind, quote",
    [
        (
            'KINGSTON, Jamaica (AP) — "We will rebuild," said Prime Minister Andrew Holness on '
            "Sunday.",
            "direct",
            "We will rebuild,",
        ),
        (
            'KINGSTON (Reuters) - "We will rebuild," said Prime Minister Andrew Holness on Sunday.',
            "direct",
            "We will rebuild,",
        ),
        (
            "KINGSTON, Jamaica (AP) — Prime Minister Andrew Holness said on Sunday that the "
            "island would rebuild.",
            "indirect",
            "the island would rebuild",
        ),
    ],
)
def test_a_quote_on_the_dateline_line_keeps_its_speaker(extractor, text, kind, quote):
    # the parser takes the dateline for a second subject of "said"; the place never spoke, and the
    # quote after it is still the prime minister's
    found = [(q.speaker, q.kind, q.text) for q in extractor.extract(text)]
    assert found == [("Andrew Holness", kind, quote)], found


def test_who_is_never_a_speaker(extractor):
    # the parser joins "but who suggested" to "said": the who is the person who said
    text = (
        '"The intensity of his supporters is so much greater than for any other candidate," said '
        "Rep. Dario Vela, a Rivera endorser whose district went strongly for her but who "
        'suggested that Marsh could pull out new voters. "In our city, she crushed him, and yet '
        'the calls to our office were three to one for Marsh."'
    )
    speakers = [q.speaker for q in extractor.extract(text)]
    assert speakers and set(speakers) == {"Dario Vela"}, speakers


@pytest.mark.parametrize(
    "text, speaker",
    [
        (
            "But much of the hearing was so calm that Senator Ada Whitlock was prompted to say, "
            '"So far, I cannot believe how polite it has been."',
            "Ada Whitlock",
        ),
        (
            "In the video, Lorna Pike can be heard yelling to the police that her husband was "
            "unarmed.",
            "Lorna Pike",
        ),
    ],
)
def test_who_was_prompted_or_heard_to_say_is_the_speaker(extractor, text, speaker):
    speakers = [q.speaker for q in extractor.extract(text)]
    assert speakers == [speaker], speakers


@pytest.mark.parametrize(
    "text, speakers",
    [
        (
            # the surname alone is tagged an organisation: the full name before it says who
            "Conservative MP Isla Hale-Munro said the bill was rushed. Hale-Munro added that "
            "she would vote against it.",
            ["Isla Hale-Munro", "Isla Hale-Munro"],
        ),
        (
            # a family name written first that is also a given name elsewhere ("Han"), tagged a
            # nationality: the Korean-shaped full name before it is who it names
            "Opposition leader Han Dong-hoon said the plan had failed. Han told a press "
            "conference the vote had been rigged.",
            ["Han Dong-hoon", "Han Dong-hoon"],
        ),
        (
            # "Sir" and "Dame" go with the first name: "Sir Keir" is the full name before it
            "Sir Keir Starmer said the plan was fair. Sir Keir added that nobody would lose out.",
            ["Keir Starmer", "Keir Starmer"],
        ),
        (
            # a council title the model takes for part of an organisation's name
            "Cllr Peter Holt said the road would reopen.",
            ["Peter Holt"],
        ),
        (
            # the model tags no name here: the appositive's first name says it is a person
            "The mayor, Ana Ruiz, said the city would appeal.",
            ["Ana Ruiz"],
        ),
        (
            # the compounds of the force's name are not the officer's name
            "Detective Constable Ruth Avery, of Greater Manchester Police, said after the hearing: "
            '"This was a calculated and cruel crime."',
            ["Ruth Avery"],
        ),
    ],
)
def test_a_name_keeps_its_person(extractor, text, speakers):
    found = [q.speaker for q in extractor.extract(text)]
    assert found == speakers, found


def test_an_age_after_a_quote_is_the_person_last_named(extractor):
    # split at its hyphens "the 46-year-old" reads to the parser as adjectives of "said", which
    # is then left with no subject and the quote with no speaker
    text = (
        "Leinster coach Leo Cullen played down talk of a treble.\n\n"
        '"We have done nothing yet," the 46-year-old said. "There is a long way to go."\n\n'
        '"It hurts," said the 46-year-old.'
    )
    found = [(q.speaker, q.text) for q in extractor.extract(text)]
    assert [s for s, _ in found] == ["Leo Cullen"] * 3, found


def test_adding_to_evidence_is_no_speech_act(extractor):
    text = (
        "The findings, published in the journal Animal Minds, add to growing evidence that "
        "crows are among the most intelligent animals."
    )
    assert extractor.extract(text) == []


@pytest.mark.parametrize(
    "text, speakers",
    [
        (
            # the parser misses the relative clause: "which" is still the department
            'They turned to the Norfolk Police Department which reported "2,521 shooting '
            'incidents" in the city.',
            ["Norfolk Police Department"],
        ),
        ("Which said the plan would fail? Nobody knows.", []),
    ],
)
def test_which_is_the_name_it_follows_or_nobody(extractor, text, speakers):
    assert [q.speaker for q in extractor.extract(text)] == speakers


@pytest.mark.parametrize(
    "text, speaker",
    [
        (
            "The move is likely to reassure anxious Democrats on Capitol Hill, who have argued "
            "that it helps candidates down the ballot.",
            "Democrats",
        ),
        (
            "The ruling should please farmers in Iowa, who have argued that the rule was unfair.",
            "farmers",
        ),
        (
            "That is not good enough, said Howard Rubel, a senior analyst at Jefferies, who "
            "notes that the company has vowed to cut costs.",
            "Howard Rubel",
        ),
    ],
)
def test_who_after_a_place_is_the_people_before_it(extractor, text, speaker):
    found = [q.speaker for q in extractor.extract(text)]
    assert found and found[-1] == speaker, found


def test_a_cue_in_a_when_clause_after_a_quote_is_not_its_cue(extractor):
    text = 'Marsh boasted, "That makes me smart," when Okafor blasted him for paying no income tax.'
    assert [(q.speaker, q.cue) for q in extractor.extract(text)] == [("Marsh", "boasted")]


@pytest.mark.parametrize(
    "text, words",
    [
        (
            "The ad shows footage of Dana Whitlock asking, "
            '"Why should anyone trust a word of this?"',
            "trust a word",
        ),
        (
            "Last month she released a web ad listing his worst remarks, followed by a clip of "
            "Gov. Ray Ostrander saying he will back the party's nominee.",
            "back the party",
        ),
    ],
)
def test_a_recording_of_someone_speaking_is_theirs(extractor, text, words):
    # the footage or the clip shows the words; the person in it said them
    speaker = the_quote(extractor, text, words).speaker
    assert speaker in ("Dana Whitlock", "Ray Ostrander"), speaker
