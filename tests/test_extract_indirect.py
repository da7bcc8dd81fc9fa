"""Indirect speech: the reported clause of a speech verb, 'according to', end attribution."""

import pytest

pytestmark = pytest.mark.model


INDIRECT = [
    (
        "Health minister Clara Voss said that hospitals would receive extra funding next month.",
        ("Clara Voss", "said", "hospitals would receive extra funding next month"),
    ),
    (
        "Mayor Tom Reyes told residents the bridge would reopen by Friday.",
        ("Tom Reyes", "told", "the bridge would reopen by Friday"),
    ),
    (
        "The storm will reach the coast on Sunday, the national weather service warned.",
        ("national weather service", "warned", "The storm will reach the coast on Sunday"),
    ),
    (
        "Police chief Dana White confirmed that two suspects had been arrested.",
        ("Dana White", "confirmed", "two suspects had been arrested"),
    ),
    (
        "According to the finance ministry, the deficit fell to 3 per cent last year.",
        ("finance ministry", "according to", "the deficit fell to 3 per cent last year"),
    ),
    (
        "The union said its members would strike, adding that talks had collapsed.",
        ("union", "said", "its members would strike"),
    ),
    (
        # the day is when it was said, though the parser hangs it on the reported clause
        "Premier Ana Lindqvist said on Tuesday the two provinces would share the new ferry.",
        ("Ana Lindqvist", "said", "the two provinces would share the new ferry"),
    ),
    (
        "The harbour master said Thursday the channel would stay closed.",
        ("harbour master", "said", "the channel would stay closed"),
    ),
    (
        # the parser takes "the cuts" for what was warned; they are what would push
        "Backbencher Rachael Maskell warned the cuts would push disabled people into poverty.",
        ("Rachael Maskell", "warned", "the cuts would push disabled people into poverty"),
    ),
    (
        # what someone must explain is asked of them, not said by them: the report is the party's
        "The Harbour Party says the Government must explain why a road contract went to a firm "
        "with no track record.",
        (
            "Harbour Party",
            "says",
            "the Government must explain why a road contract went to a firm with no track record",
        ),
    ),
]

NOTHING = [
    "Analysts believe the merger will go ahead.",
    "She did not say whether the plan would change.",
    "The president told his staff to prepare for the visit.",
    "The minister declined to say when the report would be published.",
    "Officials said nothing.",
    "Minister Ana Lindqvist must explain why the ferry is late.",
    # a question or a request put to someone states nothing
    "Senator Dara Quist asked how it was prudent to add a trillion dollars to the budget.",
    'Governor Ada Vance asked her rivals to "prayerfully consider" the future of their campaigns.',
    # what a letter writer wishes someone would say is not said
    'She has done nothing wrong. I hope in 2030 the country says, "Thank you, Governor Vance."',
    "I hope the council says yes to the new park.",
]


@pytest.mark.parametrize("text, expected", INDIRECT)
def test_indirect_clause_speaker_and_cue(extractor, text, expected):
    speaker, cue, clause = expected
    quotes = extractor.extract(text)
    assert quotes, text
    first = quotes[0]
    assert speaker in first.speaker
    assert first.cue == cue
    assert first.kind == "indirect"
    assert first.text == clause


@pytest.mark.parametrize("text", NOTHING)
def test_beliefs_refusals_and_orders_are_not_quotes(extractor, text):
    assert extractor.extract(text) == []


def test_a_report_inside_a_report_whose_source_cannot_speak_stays_whole(extractor):
    # a phrase suggests nothing by itself: the whole clause is what the senator added
    text = (
        '"I have always disliked the term," Senator Tim Okoye told the group, adding that the '
        "phrase suggests a campaign has to go outside itself to find voters."
    )
    found = [(q.speaker, q.cue, q.text) for q in extractor.extract(text)]
    assert found[-1] == (
        "Tim Okoye",
        "adding",
        "the phrase suggests a campaign has to go outside itself to find voters",
    ), found


def test_a_report_inside_a_report_by_a_thing_stays_the_speakers(extractor):
    # an advertisement is no voice of its own: the city attorney said what it suggests
    text = (
        "City Attorney Noor Haddad said in the letter that the advertisement "
        "\u201cunmistakably and wrongfully\u201d suggests that the city's officers back the "
        "campaign."
    )
    found = [(q.speaker, q.kind, q.text) for q in extractor.extract(text)]
    assert found == [
        (
            "Noor Haddad",
            "mixed",
            "the advertisement \u201cunmistakably and wrongfully\u201d suggests that the city's "
            "officers back the campaign",
        )
    ]


def test_participle_adds_a_second_statement(extractor):
    quotes = extractor.extract(
        "The union said its members would strike, adding that talks had collapsed."
    )
    assert [(q.cue, q.text) for q in quotes] == [
        ("said", "its members would strike"),
        ("adding", "talks had collapsed"),
    ]
    assert {q.speaker for q in quotes} == {"union"}


def test_nested_report_goes_to_the_inner_speaker(extractor):
    quotes = extractor.extract("Smith told Jones that 'the deal is dead and buried', aides said.")
    assert [(q.speaker, q.cue) for q in quotes] == [("Smith", "told")]


def test_a_question_put_to_the_speaker_is_not_her_statement(extractor):
    text = 'Asked whether the plan went far enough, Mayor Ines Duarte said: "No plan ever does."'
    rows = [(q.speaker, q.cue, q.text) for q in extractor.extract(text)]
    assert rows == [("Ines Duarte", "said", "No plan ever does.")]


def test_a_second_speaker_after_while_gets_their_own_quote(extractor):
    text = (
        "The growers' union said the drought would cost 4,000 jobs, "
        "while Councillor Rhys Morgan warned that food prices could spiral."
    )
    rows = [(q.speaker, q.text) for q in extractor.extract(text)]
    assert rows[-1] == ("Rhys Morgan", "food prices could spiral")
    assert rows[0][1] == "the drought would cost 4,000 jobs"


@pytest.mark.parametrize(
    "text",
    [
        "The sale is expected to close in June, according to a filing with the stock exchange.",
        "Costs have doubled since 2020, according to a council report.",
        # a participle borrows its subject from the clause above: never a document's
        "The memo circulated widely, accusing Dara Quist of running a \u201cfake campaign.\u201d",
        "Court filings were unsealed on Friday, saying the consultant had leaked the plans.",
    ],
)
def test_documents_are_not_speakers(extractor, text):
    assert extractor.extract(text) == []


@pytest.mark.parametrize(
    "text",
    [
        "The festival was cancelled, with organisers insisting the site was unsafe.",
        "The general has vowed to press on with the campaign, saying his troops will not stop.",
    ],
)
def test_scene_setting_participles_are_not_statements(extractor, text):
    assert [q.cue for q in extractor.extract(text)] == []


@pytest.mark.parametrize(
    "text",
    [
        "The governor made the remarks at a rally in Dayton on Saturday, her campaign said.",
        "The comments came during a two-hour call with the Danish premier, the palace said.",
    ],
)
def test_where_earlier_words_were_spoken_is_no_statement(extractor, text):
    assert extractor.extract(text) == []


def test_a_statement_made_is_still_reported_when_it_says_something(extractor):
    # guard: a fresh statement, not one pointed back at
    text = "Officials said the minister made a statement on Friday calling for calm."
    assert [q.speaker_type for q in extractor.extract(text)] == ["UNNAMED"]


def test_a_participle_under_a_statement_still_reports(extractor):
    text = (
        "The chief executive said profits would rise this year, adding that costs had begun to "
        "fall."
    )
    assert [(q.cue, q.text) for q in extractor.extract(text)][-1] == (
        "adding",
        "costs had begun to fall",
    )


@pytest.mark.parametrize(
    "text",
    [
        "Petra Lindahl told investors at a meeting in Zurich that the merger would close in May.",
        "His legal team said in a statement that Petra Lindahl would not be commenting further.",
        # "that" parsed as an adverb of "time", as in "the time that we met"
        "Mayor Idris Kane claimed at the time that the bridge would pay for itself in a decade.",
    ],
)
def test_a_that_clause_hung_on_the_object_is_still_reported(extractor, text):
    quotes = extractor.extract(text)
    assert [q.kind for q in quotes] == ["indirect"]
    assert quotes[0].text.endswith(("close in May", "commenting further", "in a decade"))


@pytest.mark.parametrize(
    "text, clause",
    [
        # where or when it was said, then a "that" the parser read as a relative pronoun
        (
            "Defence lawyer Hanna Roos told reporters after the hearing that her client would "
            "appeal.",
            "her client would appeal",
        ),
        (
            "Hanna Roos said outside the courthouse that her client would appeal.",
            "her client would appeal",
        ),
        # the clause's subject hung on its auxiliary ("she [was] disappointed")
        (
            "Hanna Roos told reporters outside the courthouse that she was disappointed.",
            "she was disappointed",
        ),
        # a hyphen inside a word splits no clause
        ("A spokesperson for the council said it was co-operating fully.", "co-operating fully"),
    ],
)
def test_a_clause_the_parser_broke_is_reported_whole(extractor, text, clause):
    assert [q.text for q in extractor.extract(text)][-1].endswith(clause)


def test_a_relative_clause_on_what_was_agreed_to_is_no_report(extractor):
    text = (
        "Patients will think twice before agreeing to scans and procedures that they might not "
        "need."
    )
    assert extractor.extract(text) == []


def test_a_fragment_and_a_second_that_clause_make_one_mixed_quote(extractor):
    text = (
        'Ilse Varga wrote in a blog post that the plan was "a step backwards for the town" '
        "and that she would oppose it."
    )
    assert [(q.speaker, q.kind, q.text) for q in extractor.extract(text)] == [
        (
            "Ilse Varga",
            "mixed",
            'the plan was "a step backwards for the town" and that she would oppose it',
        )
    ]


def test_a_fragment_in_a_single_statement_gives_the_whole_clause(extractor):
    text = 'Ilse Varga said the plan was "a step backwards for the town" and would cost millions.'
    assert [q.text for q in extractor.extract(text)] == [
        'the plan was "a step backwards for the town" and would cost millions'
    ]


ASIDES = [
    # the cue in commas after a subject: the words after it are the statement
    (
        "The new tram line, chief engineer Nadia Okafor said, will open before the spring rains.",
        [("Nadia Okafor", "said", "will open before the spring rains")],
    ),
    # after a fronted phrase, with a time and an object between the cue and its comma
    (
        "Within a year, Governor Ellis Brandt told reporters on Monday, the clinic will double "
        "its beds.",
        [("Ellis Brandt", "told", "the clinic will double its beds")],
    ),
    # after a whole clause: both the clause and the rest of the sentence are reported
    (
        "The harbour was full of boats, the ferry captain Ruth Imrie said, until the storm "
        "drove them out to sea.",
        [
            ("Ruth Imrie", "said", "The harbour was full of boats"),
            ("Ruth Imrie", "said", "until the storm drove them out to sea"),
        ],
    ),
]


@pytest.mark.parametrize("text, expected", ASIDES)
def test_a_cue_in_commas_reports_the_rest_of_its_sentence(extractor, text, expected):
    rows = [(q.speaker, q.cue, q.text) for q in extractor.extract(text)]
    assert [(s.split()[-1], c, t) for s, c, t in rows] == [
        (s.split()[-1], c, t) for s, c, t in expected
    ]


@pytest.mark.parametrize(
    "text, clause",
    [
        (
            "The ferry will sail at dawn, the skipper Ines Varga said.",
            "The ferry will sail at dawn",
        ),
        # the writer's gloss after the cue is not part of what was said
        (
            "The road will stay closed until spring, Owen Pryce said, citing the damage to the "
            "bridge.",
            "The road will stay closed until spring",
        ),
        (
            "But the town was seeing a build-up of water behind the dam, the engineer Owen Pryce "
            "added, referring to the northern reservoir.",
            "But the town was seeing a build-up of water behind the dam",
        ),
    ],
)
def test_only_the_clause_before_a_closing_cue_is_reported(extractor, text, clause):
    assert [q.text for q in extractor.extract(text)] == [clause]


def test_a_quote_opened_at_the_end_of_a_reported_clause_belongs_to_it(extractor):
    text = (
        "Coach Mira Halvorsen said the fans are right to blame the board for focusing on "
        '"he said this, she wrote that."'
    )
    quotes = extractor.extract(text)
    assert [(q.kind, q.text) for q in quotes] == [
        ("mixed", text[text.index("the fans") :]),
    ]


@pytest.mark.parametrize(
    "text, quote",
    [
        (
            "Marsh had 412 delegates to Vance's 230, according to a Herald tally, but her path "
            "to the nomination is narrowing.",
            "Marsh had 412 delegates to Vance's 230",
        ),
        (
            "Over the long term, according to the budget office, the rise in the deficit is "
            "driven by an ageing population.",
            "Over the long term, according to the budget office, the rise in the deficit is "
            "driven by an ageing population",
        ),
    ],
)
def test_according_to_is_the_source_not_part_of_the_report(extractor, text, quote):
    # before a new clause ("..., but ...") the report is what precedes the phrase; inside one
    # sentence it stays whole, as annotators mark it
    found = [q.text for q in extractor.extract(text) if q.cue == "according to"]
    assert found == [quote], found


def test_a_name_after_the_source_of_according_to_is_the_source(extractor):
    # the parser hangs "Dale Witt" on the main verb: the report still ends before "according"
    text = (
        "A fundraiser has already collected more than $12,000, according to its organizer, "
        "neighbor Dale Witt."
    )
    found = [(q.speaker, q.text) for q in extractor.extract(text)]
    assert found == [("Dale Witt", "A fundraiser has already collected more than $12,000")]
