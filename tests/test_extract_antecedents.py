"""Whom a he or she stands for when the person just before has no known gender, and which one of
a family it names (pages written here)."""

import pytest

from bot.nlp.extract.fullnames import one_of_family
from tests.extracting import the_quote

pytestmark = pytest.mark.model


def test_a_named_subject_of_unknown_gender_just_before_takes_the_he(extractor):
    # Whitaker is a he the page names, Liu's first name tells no gender: the subject just before
    # the quote is Liu, and the quote is his
    text = (
        "Trade minister Colin Whitaker flew to Shanghai on Monday and met Liu Wei, the chairman "
        "of the port group, at its headquarters. Liu has insisted for months that the terminal "
        'deal stands as signed. "We will not move on the price, and our partners know it," he '
        "said."
    )
    assert the_quote(extractor, text, "move on the price").speaker == "Liu"


def test_an_unknown_subject_two_sentences_back_does_not_hold_against_a_known_one(extractor):
    text = (
        "Trade minister Colin Whitaker met Liu Wei, the chairman of the port group, on Monday. "
        "Liu has insisted for months that the terminal deal stands as signed. Whitaker spoke to "
        'reporters after the meeting. The talks ran late into the evening. "We made progress '
        'on the timetable, if not the price," he said.'
    )
    assert the_quote(extractor, text, "progress on the timetable").speaker == "Colin Whitaker"


def test_an_outlet_reporting_just_before_never_takes_the_he(extractor):
    text = (
        "Whitcombe, who is a pastor, slammed the Girl Scouts on his show, Pulpit Wire Watch "
        'first reported.\n\n"They have lost their way, and parents should say so," he said.'
    )
    assert the_quote(extractor, text, "lost their way").speaker == "Whitcombe"


def test_a_she_names_the_one_woman_of_a_family_written_two_ways():
    # "Whitby" + she: Gloria, whether written with her middle name or without; never Trevor
    names = ["Gloria Vance Whitby", "Trevor Whitby", "Gloria Whitby"]
    assert one_of_family("Whitby", "f", names) == "Gloria Vance Whitby"
    assert one_of_family("Whitby", "m", names) == "Trevor Whitby"


def test_a_name_owning_the_subject_of_a_fronted_report_is_not_the_next_she(extractor):
    # "Kim Jae-sung's case was unusual, Lee said": Kim is inside the critic's words
    text = (
        "Prosecutors questioned Kim Jae-sung, the agency's founder, on Monday. His former "
        "partner, Park Min-ji, was questioned last week. Her lawyer, Lee Soo-hyun, said she had "
        "never signed for the accounts. Lee said his client had handed over every document.\n\n"
        "Culture critic Lee Jung-eun, a professor in Seoul, said the case showed how little "
        "oversight small agencies face. Kim Jae-sung's case was unusual only in its size, Lee "
        'said. "The small ones often have one man and his accountant," she said in a phone '
        "interview."
    )
    assert the_quote(extractor, text, "his accountant").speaker == "Lee Jung-eun"


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        (
            'Counsel Meera Iyengar rose again. "This is not an accident, my lords. It is a '
            'strategy to starve the Act," she submitted.',
            "Meera Iyengar",
        ),
        (
            '"Order! Order! I want to hear the Leader of the Opposition," Sir Alan Pryce '
            "bellowed from the chair.",
            "Alan Pryce",
        ),
        ('"You must be joking," Grace Obi laughed when asked about a comeback.', "Grace Obi"),
    ],
)
def test_a_direct_quote_before_a_verb_of_manner_is_its_speakers(extractor, text, speaker):
    found = extractor.extract(text)
    assert [q.speaker for q in found] == [speaker], [(q.speaker, q.text) for q in found]


def test_an_elder_of_a_family_is_not_the_man_of_the_same_surname(extractor):
    # "Elder" is what she is, not a man's first name: Agnes Swan is not Harold Swan
    text = (
        "Corinne Lavoie, the provincial minister, said the province would help with road access. "
        'She called the deal "a foundation, not a finish line."\n\n'
        'Band councillor Harold Swan chaired the land committee. "Our people have been on that '
        'land for generations," Swan said.\n\n'
        "Elder Agnes Swan, his aunt, opened the ceremony with a prayer in Cree. Speaking "
        "afterward, she said she had attended her first meeting about the claim in her thirties."
        '\n\n"I am eighty-one now," she said.'
    )
    assert the_quote(extractor, text, "eighty-one").speaker == "Agnes Swan"


def test_a_man_named_in_a_when_clause_beats_an_unnamed_source_further_up(extractor):
    text = (
        "Dana Feld, a publicist for the actor, confirmed the filing. But a source close to "
        'the singer said she had been "blindsided" by it.\n\n'
        '"She found out from her lawyer," the source said.\n\n'
        "The couple met in 2016 on the set of a drama.\n\n"
        "Rumors first surfaced last autumn, when Jesse Calloway attended a premiere alone. In "
        "an interview published in December, he appeared to allude to difficulties at home. "
        '"Marriage is work," he told the magazine.'
    )
    assert the_quote(extractor, text, "Marriage is work").speaker == "Jesse Calloway"


def test_a_station_in_the_dateline_is_not_the_it_of_a_statement(extractor):
    text = (
        "Vigil held for Maple Ridge student\n"
        "By Kendra Wallace\n"
        "CLARKSVILLE, Tenn. (WKRN) — Hundreds of students gathered at the stadium on Tuesday "
        "night.\n"
        "The victim's mother did not speak, but a family friend read a short statement on her "
        'behalf. "Our hearts are shattered, but we are grateful for every prayer," it said.'
    )
    speakers = [q.speaker for q in extractor.extract(text) if "shattered" in q.text]
    assert "WKRN" not in speakers, speakers


def test_the_owner_of_a_role_named_beside_it_is_not_the_subject(extractor):
    # "Danladi's lead counsel, Chinyere Eze, sat": the subject is Eze, a she; the he that
    # follows is the governor's counsel quoted just before, not Danladi
    text = (
        "Speaking to reporters outside the courtroom, Oyelaran said the petition had been dead "
        "on arrival. Danladi's lead counsel, Chinyere Eze, sat quietly at the back of the room "
        'as he spoke. "We told them from day one that you cannot build a house on sand," he '
        "said."
    )
    assert the_quote(extractor, text, "house on sand").speaker == "Oyelaran"


def test_a_noun_after_a_subordinator_is_not_the_cues_subject(extractor):
    text = (
        "The family of a grandmother who waited more than 31 hours on a trolley in an A&E "
        'corridor before her death have said she was "treated like a parcel nobody wanted to '
        'sign for".'
    )
    found = extractor.extract(text)
    assert [q.speaker for q in found] == ["family of a grandmother"], found
