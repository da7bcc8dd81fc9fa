"""Desks of several countries (sentences written here): an organisation's 'it', a report quoting
someone, Indian offices and initials, an obituary's family."""

import pytest

from bot.nlp.extract.namespans import join_split_names

pytestmark = pytest.mark.model


def _speakers(extractor, text):
    return [q.speaker for q in extractor.extract(text)]


def test_it_after_the_army_is_the_army_not_an_earlier_ministry(extractor):
    text = (
        "The Gaza health ministry said 14 people had died.\n\n"
        '"They were operating from a school," the army said in a statement. It said steps had '
        "been taken to reduce the risk to civilians."
    )
    found = extractor.extract(text)
    assert [(q.speaker, q.speaker_type) for q in found][1:] == [
        ("army", "UNNAMED"),
        ("army", "UNNAMED"),
    ], found


def test_the_center_is_the_named_center_not_a_player(extractor):
    text = (
        "Live updates: Hurricane Delphine makes landfall near Port Collier\n\n"
        "Follow our live coverage as Hurricane Delphine moves ashore along the Gulf coast.\n\n"
        "10:42 a.m.\n\n"
        "Delphine made landfall as a Category 3 storm just east of Port Collier, the National "
        "Hurricane Center said. Maximum sustained winds were estimated at 120 mph.\n\n"
        '"This is a life-threatening situation. If you are in a surge zone and have not left, '
        'shelter in the highest room you can reach," the center said in its 10 a.m. advisory.'
    )
    assert _speakers(extractor, text) == ["National Hurricane Center", "National Hurricane Center"]


def test_whom_a_report_quotes_as_saying_speaks(extractor):
    text = (
        "State media said leader Kim Song-ho oversaw the launch. The report quoted Kim as saying "
        'the test was "a clear warning to the hostile forces."'
    )
    assert _speakers(extractor, text)[-1] == "Kim Song-ho"


def test_initials_and_a_surname_are_a_person_for_a_later_he(extractor):
    text = (
        "Revenue Minister S. Lakshmi Narayanan rejected the charge, saying the money had been "
        "spent.\n\n"
        "P.S. Murugavel, general secretary of the Delta Farmers' Federation, said the offer was "
        '"a cruel joke."\n\n'
        '"What will a farmer do with that?" he asked.'
    )
    assert _speakers(extractor, text)[-1] == "P.S. Murugavel"


def test_a_name_after_a_portfolio_starts_at_its_initial(extractor):
    text = (
        "Union Minister of State for Home Affairs R. Venkatesh Prasad, who visited the district on "
        "Sunday, said a central team would finish its assessment within ten days.\n\n"
        '"There is no question of neglect," Mr. Prasad told reporters.'
    )
    assert _speakers(extractor, text) == ["R. Venkatesh Prasad", "R. Venkatesh Prasad"]


def test_the_cm_is_the_chief_minister(extractor):
    text = (
        "Chief Minister M.K. Selvaraj on Monday urged the Centre to release relief funds.\n\n"
        '"Funds will be released as per the norms," Mr. Prasad told reporters.\n\n'
        'The CM, however, said the norms were outdated. "Prices have all gone up," he said.'
    )
    assert _speakers(extractor, text)[-2:] == ["M.K. Selvaraj", "M.K. Selvaraj"]


def test_her_daughter_is_the_daughter_named_before(extractor):
    text = (
        "Her death was confirmed by her daughter, Anne Ellery-Voss, who said the cause was "
        "pneumonia.\n\n"
        '"She went out on the boat until she was 82," her daughter said.'
    )
    assert _speakers(extractor, text) == ["Anne Ellery-Voss", "Anne Ellery-Voss"]


def test_the_name_after_an_opening_participle_is_the_subject_for_a_later_she(extractor):
    text = (
        "Dr. Grace Whitfield, a marine biologist, died on Saturday.\n\n"
        '"She went out on the boat until she was 82," her daughter said.\n\n'
        "Born in 1938 in Portland, Oregon, Dr. Whitfield was one of two women in her class. She "
        'later recalled being told she would "make a fine lab assistant."\n\n'
        '"I decided right then that I would run my own lab," she told the Times in 1998.'
    )
    assert _speakers(extractor, text)[-1] == "Grace Whitfield"


def test_malay_and_nigerian_honorifics_are_no_part_of_a_name(extractor):
    text = (
        "Kuala Selangor MP Encik Faizal Ahmad Nordin said the subsidy was late. "
        '"It is late," Encik Faizal said.\n\n'
        "Alhaji Saliu Abdulkareem-Jimoh said the vote was rigged."
    )
    assert _speakers(extractor, text) == [
        "Faizal Ahmad Nordin",
        "Faizal Ahmad Nordin",
        "Saliu Abdulkareem-Jimoh",
    ]


def test_a_family_name_first_name_the_model_tagged_last_is_whole(extractor):
    text = 'Opposition MP Tan Siew Lan said the budget was cruel. "It is cruel," Madam Tan said.'
    assert _speakers(extractor, text) == ["Tan Siew Lan", "Tan Siew Lan"]


def test_plural_titles_never_join_a_name(extractor):
    # guard: "Senators Rubio and Cruz" names two people, neither of them "Senators Rubio"
    doc = extractor.nlp("Senators Rubio and Cruz said the deal was weak.")
    join_split_names(doc)
    assert not any(e.text.startswith("Senators") for e in doc.ents)


def test_a_titled_appositive_name_is_the_speaker(extractor):
    text = (
        "But the governor's spokesman, Mr Tunde Alabi-Oyewole, in a statement on Monday, "
        'described the allegations as "the lamentations of desperate politicians."'
    )
    assert _speakers(extractor, text) == ["Tunde Alabi-Oyewole"]


def test_a_name_with_particles_and_its_surname_are_one_speaker(extractor):
    text = (
        "The federal mediator, Beatriz del Río Montaño, said talks would begin next month.\n\n"
        '"My role is not to decide who is right," Ms. del Río said in Spanish. "My role is to '
        'make sure both sides are heard."'
    )
    assert _speakers(extractor, text) == ["Beatriz del Río Montaño"] * 3


def test_the_name_of_a_described_subject_is_the_subject_for_a_later_he(extractor):
    text = (
        "The federal mediator, Beatriz del Río Montaño, said talks would begin next month.\n\n"
        "The governor, Héctor Iturbide Garza, did not attend the announcement. In a post on "
        'social media, he wrote that the state "respects the rights of indigenous peoples."'
    )
    assert _speakers(extractor, text)[-1] == "Héctor Iturbide Garza"
