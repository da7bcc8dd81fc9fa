"""Whom a he or she stands for, in longer contexts written here: several people named nearby, the
speaker's own subject a sentence or two back, other people inside what the speaker reported."""

import pytest

pytestmark = pytest.mark.model


def _speakers(extractor, text):
    return [(q.speaker, q.text) for q in extractor.extract(text)]


def test_people_inside_a_reported_clause_do_not_take_the_next_he(extractor):
    text = (
        "Walter Brandt, who chaired the party during Bill Hargreave's term, has backed "
        "Kathleen Hargreave since her first race.\n\n"
        "Brandt said he expects Hargreave to recover fully from the infection, which kept her "
        "off the trail for a week. But he said the party would be foolish to go on without a "
        "fallback plan.\n\n"
        '"You would be a fool not to prepare for it," he said in an interview.'
    )
    found = _speakers(extractor, text)
    assert [s for s, _ in found] == ["Walter Brandt"] * 3, found


def test_a_name_in_the_reported_clause_is_not_the_next_speaker(extractor):
    text = (
        "Press secretary Daniel Okafor said on Monday that Governor Ray Whitcombe has long "
        "called for a fairer tax code. He said the governor hopes his successor will keep "
        "pushing for it."
    )
    found = _speakers(extractor, text)
    assert found and found[-1][0] == "Daniel Okafor", found


def test_a_she_subject_carries_its_person_to_the_next_she(extractor):
    text = (
        '"Make yourself heard and own your ideas," Loretta Vance said.\n\n'
        "She has faced several storms since taking over the ministry, most recently over a "
        "meeting with Paul Brennan while her office was looking into his wife, the party leader "
        "Maria Brennan, over the accounts she kept as treasurer.\n\n"
        "She said she had not noticed a harsher reaction because she is a woman."
    )
    found = _speakers(extractor, text)
    assert found[-1] == (
        "Loretta Vance",
        "she had not noticed a harsher reaction because she is a woman",
    ), found


def test_a_surname_the_tagger_missed_is_still_the_subject(extractor):
    text = (
        "Retired Air Force Gen. Norman Ham is speaking out about why he believes the challenger "
        "Donald Reece has the better plan.\n\n"
        "In an interview with a radio host, Ham made it clear he had grave doubts about the "
        "forces under President Michael Barlow.\n\n"
        '"Now that I can speak freely," he told the host, "it was hard to serve under him."'
    )
    found = _speakers(extractor, text)
    assert {s for s, _ in found} == {"Norman Ham"}, found


def test_a_she_after_a_clause_about_someone_else_does_not_make_the_subject_a_she(extractor):
    text = (
        "Gov. Chris Dalton described Senator Hannah Ruiz as a disgrace after she criticised the "
        "state police.\n\n"
        "Protests broke out in the capital after Marcus Reed, 43, was shot by an officer.\n\n"
        "Dalton, who has campaigned for the party's nominee since he left the race in March, "
        "attacked Ruiz again on Wednesday.\n\n"
        '"Those comments are a disgrace," he said.'
    )
    found = _speakers(extractor, text)
    assert found[-1] == ("Chris Dalton", "Those comments are a disgrace,"), found


def test_a_titled_name_opening_the_sentence_is_its_subject(extractor):
    text = (
        "The evening featured singers such as Amara Cole, Patti Lowell and Stevie Marsh, who "
        'joked, "I have not heard it yet."\n\n'
        'Ms. Lowell got a huge cheer when, at the end of her song "A River Runs Home," she '
        'added the words, "Vote on Tuesday."'
    )
    found = _speakers(extractor, text)
    assert ("Patti Lowell", "Vote on Tuesday.") in found, found


def test_a_name_opening_a_reported_clause_before_its_cue_is_not_the_he(extractor):
    text = (
        "Hogan Reese, a former director of the state party, said the base was angry.\n\n"
        '"We are tired of it," Mr. Reese said.\n\n'
        "Mr. Barlow, who is not taking large donations, fits that bill for many people, he "
        "added."
    )
    found = _speakers(extractor, text)
    assert found[-1][0] == "Hogan Reese", found


def test_a_possessive_is_never_part_of_a_speakers_name(extractor):
    text = (
        "Supporters gathered outside Marisol Quintero's campaign office on Friday.\n\n"
        '"We will win this county," Quintero said.'
    )
    found = _speakers(extractor, text)
    assert found == [("Marisol Quintero", "We will win this county,")], found


@pytest.mark.parametrize(
    "text, speaker",
    [
        (
            "Dana Roe was charged on Monday. Roe's lawyer said the case was weak. He added that "
            "his client would plead not guilty.",
            "Roe's lawyer",
        ),
        (
            "Dock workers' leader Hanna Berg called the offer an insult on Monday. A spokeswoman "
            "for the rival Harbour Pilots Union said its members would vote on Friday.\n\n"
            '"We are not in a hurry," she said.',
            "Harbour Pilots Union",
        ),
    ],
)
def test_a_he_after_a_described_speaker_stays_with_it(extractor, text, speaker):
    # the lawyer speaks for Roe and the spokeswoman for her union: neither says what Roe or the
    # rival leader named before said
    found = _speakers(extractor, text)
    assert len(found) == 2 and all(speaker in s for s, _ in found), found


def test_a_possessor_is_the_he_when_no_subject_of_his_is_nearer(extractor):
    text = (
        "The ministry has struggled for years.\n\n"
        "It was under Mr. Osei's watch that the council set up a fund for village wells. He has "
        "championed small farmers, and he said he hoped a woman would succeed him."
    )
    found = _speakers(extractor, text)
    assert [s for s, _ in found] == ["Osei"], found


def test_a_possessor_does_not_take_the_he_of_a_described_speaker(extractor):
    text = (
        "The party still remembers Mitt Romney's poor showing with young voters. One delegate "
        "from Ohio said he tried to hand out free passes to his students. He was unable to find "
        'a single taker, he said. "Not even one," he said.'
    )
    found = _speakers(extractor, text)
    assert found and all("delegate" in s for s, _ in found), found


def test_whom_a_he_speaks_to_is_not_who_he_is(extractor):
    # the senator is the subject just before, but "he told Castellan" rules him out
    text = (
        "Reuben Okafor, a retired engineer, drove from Chicago to the diner in Dubuque.\n\n"
        "Senator Mark Castellan asked what had brought him so far in the snow.\n\n"
        '"People like me have been badly hurt by this program," he told Castellan.'
    )
    found = _speakers(extractor, text)
    assert found[-1][0] == "Reuben Okafor", found


def test_a_surname_tagged_a_plural_noun_is_still_the_person(extractor):
    # "Petrakis" ends in s: the tagger reads a plural noun, and the county before it has a
    # first name's shape ("Hamilton"); the he is the restaurant owner, never the county
    text = (
        "A Hamilton County judge on Tuesday threw out a lawsuit over the city's parking rules.\n\n"
        "The lawsuit was filed in March by downtown business owners, led by restaurant owner "
        "Frank Petrakis.\n\n"
        'Petrakis said he was disappointed and would consider an appeal. "We are not going '
        'away," he said.'
    )
    found = _speakers(extractor, text)
    assert [s for s, _ in found] == ["Frank Petrakis"] * 2, found


def test_a_name_that_is_a_whole_sentence_is_nobody_a_he_means(extractor):
    # "Harsh?" is tagged a person; it is a word the writer asks about, not a man
    text = (
        "In his book, Mr. Calloway suggested looking at the card statement and asking what "
        "you would rather pay for.\n\n"
        "Harsh? He doesn't think so. \"I don't judge what people choose to spend money on,\" "
        "he said."
    )
    doc = extractor.nlp(text)
    assert any(e.text == "Harsh" and e.label_ == "PERSON" for e in doc.ents), "the tags changed"
    found = _speakers(extractor, text)
    assert found and found[-1] == (
        "Calloway",
        "I don't judge what people choose to spend money on,",
    )


def test_a_paper_written_with_the_is_no_he(extractor):
    text = (
        "Ben Carson took his campaign to Ohio on Thursday.\n\n"
        '"Poor people used to grow their money in a savings account," Carson said at a diner '
        'downtown. "You cannot do that any more. It is these policies that hurt the poor."\n\n'
        "The New York Times quoted one of Carson's advisers as saying the retired neurosurgeon "
        "is having trouble understanding foreign policy.\n\n"
        'He brushed off these concerns. "I have been to 57 different countries," he said.'
    )
    found = _speakers(extractor, text)
    assert found[-1] == ("Ben Carson", "I have been to 57 different countries,"), found


def test_a_his_before_its_subject_points_ahead(extractor):
    text = (
        "Joe Biden spoke in Scranton on Monday.\n\n"
        "Clinton also has ties to the town. Her father was born and buried in Scranton, and "
        "Clinton was christened there as a child.\n\n"
        "Repeating from his much-praised speech at the convention last week, Biden rubbished "
        "Trump\u2019s claim to understand the middle class.\n\n"
        '"To repeat myself, it is a bunch of malarkey," he said.'
    )
    found = _speakers(extractor, text)
    assert found[-1][0] == "Joe Biden", found


def test_a_name_in_the_cues_own_object_is_not_its_he(extractor):
    text = (
        "Last week, New Jersey Gov. Chris Christie announced that he would support the "
        "campaign.\n\n"
        "Tuttle\u2019s article also attacked Christie by accusing him of chasing a job. He calls "
        "Christie\u2019s endorsement \u201cthe most transparent display of ambition in years.\u201d"
    )
    found = _speakers(extractor, text)
    assert all(s != "Chris Christie" for s, t in found if "ambition" in t), found


def test_the_admiral_is_the_person_titled_adm(extractor):
    text = (
        "Adm. Harry B. Harris Jr., who leads the Pacific Command, said China was militarizing "
        "the sea.\n\n"
        "An American official said the talks were stalled.\n\n"
        "Asked later about the shoal, the admiral chuckled.\n\n"
        '"It is good that my voice is low," he said.'
    )
    found = _speakers(extractor, text)
    assert found[-1] == ("Harry B. Harris Jr.", "It is good that my voice is low,"), found
