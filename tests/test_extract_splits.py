"""Split quotes, refused cues and sources that are things, in sentences written here."""

import pytest

pytestmark = pytest.mark.model


def _rows(extractor, text):
    return [(q.speaker, q.kind, q.text) for q in extractor.extract(text)]


def test_a_one_word_opening_scrap_is_not_a_quote_of_its_own(extractor):
    rows = _rows(extractor, '"So," Vance said, "we start again on Monday with the whole crew."')
    assert rows == [("Vance", "direct", "we start again on Monday with the whole crew.")]


def test_a_longer_opening_piece_stays_a_quote(extractor):
    rows = _rows(extractor, '"We are ready," Vance said, "and we will win the vote next week."')
    assert [text for _, _, text in rows] == ["We are ready,", "and we will win the vote next week."]
    assert {speaker for speaker, _, _ in rows} == {"Vance"}


def test_a_cue_inside_the_reported_clause_makes_one_mixed_quote(extractor):
    text = (
        "Mayor Ada Vance spoke to reporters. "
        '"The first stage of the plan," said Vance, was "to force the council to vote on the '
        'budget before winter."'
    )
    quotes = extractor.extract(text)
    assert len(quotes) == 1
    quote = quotes[0]
    assert (quote.speaker, quote.kind) == ("Ada Vance", "mixed")
    assert quote.text.startswith("The first stage of the plan")
    assert quote.text.endswith("before winter.")
    pieces = [quote.text[s:e] for s, e in quote.verbatim]
    assert pieces == [
        "The first stage of the plan,",
        "to force the council to vote on the budget before winter.",
    ]


def test_adding_after_a_quote_is_a_second_statement_not_one_clause(extractor):
    rows = _rows(extractor, '"The plan is sound," said Vance, adding "we will win the vote."')
    assert [text for _, _, text in rows] == ["The plan is sound,", "we will win the vote."]


def test_a_negation_inside_the_quote_does_not_negate_its_cue(extractor):
    text = (
        "The campaign sent 900 volunteers to Ohio.\n\n"
        '"Are we where we need to be? Probably not," Ms. Moore said.'
    )
    assert _rows(extractor, text) == [
        ("Moore", "direct", "Are we where we need to be? Probably not,")
    ]


def test_a_negated_cue_gives_no_mixed_quote(extractor):
    text = (
        "The clerks struck voters off because they did not respond to letters, in what is being "
        'criticized as a "use it or lose it" rule.'
    )
    assert _rows(extractor, text) == []


def test_a_document_never_becomes_the_speaker_of_a_mixed_quote(extractor):
    text = (
        "A document on the campaign website states that couples would get the leave only if "
        'their marriage is "recognized under state law," language that could exclude many.'
    )
    assert _rows(extractor, text) == []


def test_which_speaks_for_an_organisation_not_for_a_thing(extractor):
    assert _rows(extractor, "My uncle died of a fever, which confirmed what I always feared.") == []
    text = "The Pentagon, which said the strike was lawful, declined to comment."
    assert _rows(extractor, text) == [("Pentagon", "indirect", "the strike was lawful")]


def test_who_after_a_list_is_the_nearest_name(extractor):
    text = (
        "Guests included Oskar Lind, Mira Hale, Tomas Bren and Ilse Varga, who joked of the "
        'gallery, "I have not seen it yet, but I am going to."'
    )
    assert _rows(extractor, text) == [
        ("Ilse Varga", "direct", "I have not seen it yet, but I am going to.")
    ]


def test_a_signature_after_a_no_break_space(extractor):
    text = (
        "\u201cWe can build a better bus network for this town.\u201d \u2015\u00a0Steve Quill.\n"
        "\u201cI hope this campaign gets people out to vote.\u201d \u2015\u00a0Jorge Falcon\n"
    )
    assert [(s, t) for s, _, t in _rows(extractor, text)] == [
        ("Steve Quill", "We can build a better bus network for this town."),
        ("Jorge Falcon", "I hope this campaign gets people out to vote."),
    ]


def test_words_after_an_aside_without_a_verb_are_not_a_statement(extractor):
    text = (
        "Mayor Ada Vance spoke on Monday. She was unable to find a single backer, she said, on "
        "condition of anonymity to speak freely about the council."
    )
    assert _rows(extractor, text) == [
        ("Ada Vance", "indirect", "She was unable to find a single backer")
    ]


@pytest.mark.parametrize(
    "text, expected",
    [
        (
            'Governor Ada Vance interjected to say: "They have both been wrong on this issue."',
            [("Ada Vance", "They have both been wrong on this issue.")],
        ),
        ("Governor Ada Vance declined to say whether the plan would pass.", []),
        ("Governor Ada Vance is expected to say that the plan will pass.", []),
        ("The late hour led some to say that the debate was hidden from voters.", []),
    ],
)
def test_to_say_is_said_after_going_on_not_after_refusing(extractor, text, expected):
    assert [(s, t) for s, _, t in _rows(extractor, text)] == expected


def test_a_name_with_its_appositive_between_the_quote_and_the_cue(extractor):
    text = (
        "''They were rivals, but also friends,'' Walter P. Dunn, the mayor's former chief of "
        "staff, said of their years in office."
    )
    assert [(s, t) for s, _, t in _rows(extractor, text)] == [
        ("Walter P. Dunn", "They were rivals, but also friends,")
    ]


def test_a_promise_reports_what_the_speaker_undertakes(extractor):
    text = "Mayor Ada Vance is promising to rebuild the harbour wall before the storms."
    assert [(s, t) for s, _, t in _rows(extractor, text)] == [
        ("Ada Vance", "to rebuild the harbour wall before the storms")
    ]


def test_an_appeal_reports_what_it_asks_of_whom(extractor):
    text = "Mayor Ada Vance urged residents to leave their homes before the tide."
    assert [(s, t) for s, _, t in _rows(extractor, text)] == [
        ("Ada Vance", "residents to leave their homes before the tide")
    ]


@pytest.mark.parametrize(
    "text",
    [
        # vows, pledges, threats and orders of an act are acts, not statements (seed gold)
        "Mayor Ada Vance vowed to rebuild the harbour wall before the storms.",
        # a promise of a thing, not of an act, reports nothing
        "Mayor Ada Vance promised voters a new bridge over the river.",
        "Mayor Ada Vance pledged to rebuild the harbour wall before the storms.",
        "Mayor Ada Vance threatened to close the harbour to fishing boats.",
        "Mayor Ada Vance told her staff to prepare the harbour for the storm.",
        # 'urged' with nobody asked is no appeal to report
        "Mayor Ada Vance urged caution before the storm.",
    ],
)
def test_vows_pledges_threats_and_orders_report_nothing(extractor, text):
    assert _rows(extractor, text) == []


@pytest.mark.parametrize(
    "text, expected",
    [
        (
            "Senator Ada Vance this week also said she would back the harbour bill.",
            [("Ada Vance", "she would back the harbour bill")],
        ),
        ("Let's say you think a degree will cost a lot of money in 18 years.", []),
    ],
)
def test_a_time_is_not_part_of_a_name_and_a_clitic_is_nobody(extractor, text, expected):
    assert [(s, t) for s, _, t in _rows(extractor, text)] == expected


def test_a_title_cased_line_in_quote_marks_is_a_subheading(extractor):
    text = (
        '"The tide tables are clear," Mayor Ada Vance said.\n\n'
        "'All Bets Are Off.'\n\n"
        "Eight years ago, the harbour was different."
    )
    assert [t for _, _, t in _rows(extractor, text)] == ["The tide tables are clear,"]


def test_a_first_name_and_surname_tagged_as_an_organisation_is_a_person(extractor):
    text = (
        "Mayor Helena Marsh urged both sides to return to the table within days.\n"
        "'I'm asking everyone to put the city first,' Ms Marsh said. The mayor said the council "
        "could not pay for lost trade."
    )
    quotes = extractor.extract(text)
    assert [(q.speaker, q.speaker_type) for q in quotes] == [("Helena Marsh", "PERSON")] * 3


def test_a_name_followed_by_who_is_a_person_for_the_pronoun_after(extractor):
    text = (
        "Protests broke out after Keith Lamont Scott, 43, was killed by police.\n\n"
        "Scott, who was black, was shot by an officer after he allegedly held a pistol.\n\n"
        "Christie, who has campaigned for the nominee since he ended his own campaign in "
        'February, blasted Clinton as a "disgrace" on Wednesday.\n\n'
        '"She is a disgrace and those comments are a disgrace," he said.'
    )
    assert [q.speaker for q in extractor.extract(text)] == ["Christie"]


def test_a_statement_stops_before_the_but_that_joins_the_next(extractor):
    text = (
        'The Patients\' Association said shorter waits were "good news for families," but urged '
        "the ministry to publish data on cancelled operations."
    )
    assert [t for _, _, t in _rows(extractor, text)] == [
        'shorter waits were "good news for families,"',
        "the ministry to publish data on cancelled operations",
    ]


def test_a_name_and_appositive_after_the_quote_with_a_time_after_the_cue(extractor):
    text = (
        "Retired Gen. Walter Brann said the mayor was right.\n\n"
        "\u201cHe is absolutely right. The harbour plan has no money behind it,\u201d Brann, a "
        "former council member, said Thursday morning."
    )
    assert [q.speaker for q in extractor.extract(text)] == ["Walter Brann", "Walter Brann"]


def test_a_subject_in_a_relative_clause_does_not_end_the_follow_on(extractor):
    text = (
        '"Our progress is on the ballot," Mayor Ada Vance said on Saturday at the dinner in '
        'Porthaven, where Mr. Tomas Berg also spoke. "Tolerance is on the ballot. Justice is '
        'on the ballot."'
    )
    assert [q.speaker for q in extractor.extract(text)] == ["Ada Vance", "Ada Vance"]


@pytest.mark.parametrize(
    "text, expected",
    [
        (
            'Mayor Ada Vance stood on the quay. "Did you see the wave?" she yelled at the crew.',
            [("Ada Vance", "Did you see the wave?")],
        ),
        (
            'Protesters chanted, "Save our harbour!"',
            [("Protesters", "Save our harbour!")],
        ),
    ],
)
def test_yelled_and_chanted_words_are_quotes(extractor, text, expected):
    assert [(s, t) for s, _, t in _rows(extractor, text)] == expected


def test_the_outlet_after_said_on_is_not_the_speaker(extractor):
    text = (
        "\u201cHe is absolutely right about the harbour,\u201d Brann, a former council member, "
        "said Thursday morning on Harbour Radio\u2019s \u201cMorning Tide.\u201d"
    )
    assert [q.speaker for q in extractor.extract(text)] == ["Brann"]


def test_a_live_blog_heading_is_never_a_speaker():
    from bot.nlp.names import is_generic

    assert is_generic("Latest")
    assert not is_generic("Ada Vance")


def test_a_single_quote_mark_the_parser_took_for_a_verb_keeps_the_whole_clause(extractor):
    text = (
        "The club's owner, Pieter van Dam, has previously said he would 'back the manager to the "
        "hilt', but supporters booed at the final whistle."
    )
    quotes = extractor.extract(text)
    assert [(q.speaker, q.kind, q.text) for q in quotes] == [
        ("Pieter van Dam", "mixed", "he would 'back the manager to the hilt'")
    ]
    assert [quotes[0].text[s:e] for s, e in quotes[0].verbatim] == ["back the manager to the hilt"]


def test_an_organisation_named_with_of_keeps_its_whole_name(extractor):
    text = (
        "The Joint Chiefs of Staff said the missiles flew about 350 kilometres. "
        '"Our military is maintaining a full readiness posture," it said in a statement.'
    )
    assert [(q.speaker, q.speaker_type) for q in extractor.extract(text)] == [
        ("Joint Chiefs of Staff", "ORG"),
        ("Joint Chiefs of Staff", "ORG"),
    ]


@pytest.mark.parametrize("role", ["Councilor", "Alderman", "Superintendent", "Trustee"])
def test_us_local_roles_are_roles_not_names(extractor, role):
    quotes = extractor.extract(f'{role} Dan Whitaker called the plan "a betrayal of the families."')
    assert [q.speaker for q in quotes] == ["Dan Whitaker"]


@pytest.mark.parametrize(
    "text, expected",
    [
        # whoever is named in the subject is not the speaker when the subject is someone else
        (
            "Jane Roe was arrested on Monday. Jane Roe's lawyer said she would plead not guilty.",
            "Jane Roe's lawyer",
        ),
        (
            "Donald Drum spoke in Ohio. The Drum campaign said he would return next week.",
            "Drum campaign",
        ),
        (
            "Mayor Jane Roe was away. A spokesman for Mayor Jane Roe said the talks would resume.",
            "spokesman for Mayor Jane Roe",
        ),
        # the name an appositive describes is the speaker of the clause after it
        (
            "''We will be out there,'' said Elena Arnot, 32, a former staff member for the Reyes "
            "campaign in Ashby who said she planned to march.",
            "Elena Arnot",
        ),
    ],
)
def test_a_person_named_inside_someone_elses_description_is_not_the_speaker(
    extractor, text, expected
):
    assert [q.speaker for q in extractor.extract(text)][-1] == expected


def test_a_name_tagged_as_an_organisation_in_an_appositive_is_a_person(extractor):
    text = "Labour's shadow home secretary, Yvette Moor, told the BBC the plan was flawed."
    assert [(q.speaker, q.speaker_type) for q in extractor.extract(text)] == [
        ("Yvette Moor", "PERSON")
    ]
