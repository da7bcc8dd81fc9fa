"""Reported speech the parser splits or hangs oddly: clauses found whole, and joint speakers
named as the text names them (sentences written here)."""

import pytest

pytestmark = pytest.mark.model


def _quotes(extractor, text):
    return [(q.speaker, q.text) for q in extractor.extract(text)]


def test_a_clause_ending_in_an_absolute_phrase_is_still_reported(extractor):
    text = (
        "Mr. Okafor said he had been flooded with angry mail, some of it mentioning Mr. Castro "
        "by name."
    )
    assert _quotes(extractor, text) == [
        ("Okafor", "he had been flooded with angry mail, some of it mentioning Mr. Castro by name")
    ]


def test_a_name_and_others_is_the_named_speaker(extractor):
    found = _quotes(extractor, "Harlow and others said they would not back the levy.")
    assert found == [("Harlow", "they would not back the levy")]


def test_a_name_beside_one_common_noun_stays_unattributed(extractor):
    # guard: 'a neighbour' is one unnamed person; whose claim it is stays unclear
    assert _quotes(extractor, "Harlow and a neighbour said the fence was new.") == []


def test_a_first_name_before_a_full_name_shares_its_surname(extractor):
    text = "Her biographers, Peter and Ruth Okonjo, wrote that the governor had a tin ear."
    assert [s for s, _ in _quotes(extractor, text)] == ["Peter Okonjo", "Ruth Okonjo"]


def test_names_hung_on_the_subject_from_after_the_verb_do_not_speak(extractor):
    text = (
        "The lawyers also pointed to two former hopefuls, Sen. Mara Quill of Utah and former Gov. "
        "Owen Tate, as examples of runs that went ahead, despite the fact that both were born "
        "abroad."
    )
    assert _quotes(extractor, text) == []


def test_a_list_of_acts_after_to_stays_in_the_clause(extractor):
    text = (
        "Public health experts said money is desperately needed to build a clinic, educate the "
        "public and learn more about the disease."
    )
    assert _quotes(extractor, text) == [
        (
            "Public health experts",
            "money is desperately needed to build a clinic, educate the public and learn more "
            "about the disease",
        )
    ]


def test_the_name_before_a_bracketed_aside_is_the_speaker(extractor):
    text = (
        "Sen. Lena Voss (a Vermont Democrat so boyish she has been mistaken for a junior aide) "
        "says she was unfocused in her first weeks."
    )
    assert [s for s, _ in _quotes(extractor, text)] == ["Lena Voss"]


def test_a_follow_on_quote_ending_its_sentence_keeps_its_speaker(extractor):
    text = (
        '"There is little research into replacing coal with anything else," Mr. Thurlow said. '
        '"They are just throwing solar panels at a coal base." While campaigners welcomed the '
        "plan, they said it came late."
    )
    found = _quotes(extractor, text)
    assert ("Thurlow", "They are just throwing solar panels at a coal base.") in found, found


def test_a_question_still_takes_the_cue_after_it(extractor):
    # guard: only a full stop ends the quote's sentence; "?" may be followed by its cue
    text = 'The board met at noon. "Why now?" Ms. Farrow asked. Nobody answered her.'
    assert [s for s, _ in _quotes(extractor, text)] == ["Farrow"]


def test_a_hyphenated_given_name_stays_whole(extractor):
    text = (
        "Rep. Choi Yoon-ah of the main opposition party criticized the response.\n\n"
        '"Every time there is a launch, we hear the same statement," Choi said.'
    )
    assert [s for s, _ in _quotes(extractor, text)] == ["Choi Yoon-ah"]


def test_what_a_spokesperson_relays_is_the_speakers(extractor):
    text = (
        '"The government will not tolerate any act that threatens our people," Lee said during '
        "the meeting, according to presidential spokesperson Kang Min-seo."
    )
    found = extractor.extract(text)
    assert [(q.speaker, q.kind) for q in found] == [("Lee", "direct")], found


def test_what_an_outlet_reports_stays_the_outlets(extractor):
    # guard: "according to" an outlet or a document keeps PolNeAR's convention
    text = (
        "Harlan Vose said the vote would be close, according to the Dunmore Gazette. "
        "The paper did not say when he said it."
    )
    assert "Dunmore Gazette" in [s for s, _ in _quotes(extractor, text)]


def test_according_to_a_named_person_still_speaks_alone(extractor):
    # no inner speaker, so the person is the source, and the whole name is no part of the quote
    text = "The plan was sound, according to presidential spokesperson Kang Min-seo."
    assert _quotes(extractor, text) == [("Kang Min-seo", "The plan was sound")]


def test_the_scot_is_the_manager_just_named(extractor):
    text = '"We were too soft," said Graham Leckie. The Scot said the referee was wrong.'
    assert [s for s, _ in _quotes(extractor, text)] == ["Graham Leckie", "Graham Leckie"]


def test_a_subordinate_clauses_subject_takes_no_turn(extractor):
    text = (
        "Kofi Asante scored twice for the visitors.\n\n"
        '"We were too soft in the second half," said Graham Leckie.\n\n'
        "The Scot also criticised the decision not to award a penalty when Asante went down "
        "under a challenge just before half-time.\n\n"
        '"Everyone in the ground saw it except the one man who mattered," he said.'
    )
    assert [s for s, _ in _quotes(extractor, text)] == ["Graham Leckie", "Graham Leckie"]


def test_one_of_a_group_named_beside_it_speaks(extractor):
    text = (
        "Sandra Koenig, a lawyer for the plaintiffs, said the ordinance was cruel.\n\n"
        "One of the plaintiffs, Lorraine Petty, 67, a retired school bus driver, said she had "
        'received nine citations in a single year. "I was not hurting anybody," she said.'
    )
    assert [s for s, _ in _quotes(extractor, text)] == [
        "Sandra Koenig",
        "Lorraine Petty",
        "Lorraine Petty",
    ]


def test_a_that_clause_the_parser_took_for_a_relative_one_is_the_report(extractor):
    text = (
        "Helena Marquardt said the deal was big. Marquardt told analysts on a conference call "
        "that she expected the deal to generate about $400 million in annual savings."
    )
    assert _quotes(extractor, text)[-1] == (
        "Helena Marquardt",
        "she expected the deal to generate about $400 million in annual savings",
    )


def test_a_that_clause_after_a_participle_of_the_cue_is_the_report(extractor):
    text = (
        "Heather Johnston, a 26-year-old benefits manager, said before attending the town hall "
        "that CNN asked her to pose a question about student debt."
    )
    assert _quotes(extractor, text) == [
        ("Heather Johnston", "CNN asked her to pose a question about student debt")
    ]


def test_a_relative_clause_is_no_report(extractor):
    # guard: "the problems that America faces" lacks its object; the words after a dash are a list
    text = (
        "Sanders answered an early question about his agenda by focusing on all the problems "
        "that America faces — stagnant wages, unaffordable health care."
    )
    assert _quotes(extractor, text) == []


def test_the_role_after_an_opening_participle_is_the_subject(extractor):
    text = (
        "Reacting, the state chairman of the party, Prince Olufemi Ajiboye, told PUNCH that the "
        "party had set up an appeal committee."
    )
    assert [s for s, _ in _quotes(extractor, text)] == ["Olufemi Ajiboye"]
