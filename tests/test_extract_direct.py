"""Direct and mixed quotes: quote marks, speaker before/after/inside, apostrophes, scare quotes."""

import pytest

pytestmark = pytest.mark.model


def _rows(extractor, text):
    return [(q.speaker, q.cue, q.text, q.kind) for q in extractor.extract(text)]


DIRECT = [
    (
        '"We will rebuild every school," said Maria Lopez, the education minister.',
        [("Maria Lopez", "said", "We will rebuild every school,", "direct")],
    ),
    (
        '"The river rose faster than anyone expected," fire chief Tom Harris told reporters.',
        [("Tom Harris", "told", "The river rose faster than anyone expected,", "direct")],
    ),
    (
        'Harbour master Ellen Park said: "No ship will leave until the storm has passed."',
        [("Ellen Park", "said", "No ship will leave until the storm has passed.", "direct")],
    ),
    (
        "'We don't know when the trains will run again,' said Peter Walsh, a union official.",
        [("Peter Walsh", "said", "We don't know when the trains will run again,", "direct")],
    ),
    (
        "\u201cPrices will keep rising this winter,\u201d warned economist Sarah Klein.",
        [("Sarah Klein", "warned", "Prices will keep rising this winter,", "direct")],
    ),
    (  # German marks: a low opener closed by a high one
        "Mayor Greta Vogel said: \u201eWe will rebuild the bridge.\u201c",
        [("Greta Vogel", "said", "We will rebuild the bridge.", "direct")],
    ),
    (
        "\u2018The '90s were a different era,\u2019 said coach Liam Doyle.",
        [("Liam Doyle", "said", "The '90s were a different era,", "direct")],
    ),
    # a lowercase job title before the name, which the tagger may take for a verb
    (
        '"The channel is silting up again," said harbourmaster Ysolde Carrow.',
        [("Ysolde Carrow", "said", "The channel is silting up again,", "direct")],
    ),
]

SPLIT = [
    # speaker inside: one speaker, two quotes
    (
        '"We are ready," Anna Berg said, "but the talks must go on."',
        [
            ("Anna Berg", "said", "We are ready,"),
            ("Anna Berg", "said", "but the talks must go on."),
        ],
    ),
    # "A," X told reporters. "B." gives two quotes
    (
        '"The dam held," engineer Raj Patel told reporters. "Nobody was hurt, and the road is open '
        'again."',
        [
            ("Raj Patel", "told", "The dam held,"),
            ("Raj Patel", None, "Nobody was hurt, and the road is open again."),
        ],
    ),
    (
        "'The vote is final,' said senator Joan Miller. 'There will be no recount.'",
        [
            ("Joan Miller", "said", "The vote is final,"),
            ("Joan Miller", None, "There will be no recount."),
        ],
    ),
    # a quote ending in an inner quote ('... "closed,"') is still open before its speaker
    (
        "\u201cThey told us the road was \u2018closed for good,\u2019\u201d Joss Arden "
        "said. \u201cIt reopened a week later.\u201d",
        [
            ("Joss Arden", "said", "They told us the road was \u2018closed for good,\u2019"),
            ("Joss Arden", None, "It reopened a week later."),
        ],
    ),
    # a follow-on that ends in an inner quote's closing mark is a sentence, not a subheading
    (
        "\u201cWe waited all week,\u201d said Joss Arden. \u201cThe sign still says "
        "\u2018closed.\u2019\u201d",
        [
            ("Joss Arden", "said", "We waited all week,"),
            ("Joss Arden", None, "The sign still says \u2018closed.\u2019"),
        ],
    ),
    # archive copy writes a double mark as two single ones; the follow-on after '' is kept too
    (
        "''The ferry will sail at dawn,'' skipper Ines Varga said. ''Pack warm clothes.''",
        [
            ("Ines Varga", "said", "The ferry will sail at dawn,"),
            ("Ines Varga", None, "Pack warm clothes."),
        ],
    ),
]

MIXED = [
    (
        'City engineer Paul Grant told the council that "about 40 per cent" of the pipes '
        "were corroded.",
        ("Paul Grant", "told", '"about 40 per cent" of the pipes were corroded', "mixed"),
    ),
    (
        "Spokeswoman Lena Novak said the company 'deeply regrets the delay' and promised refunds.",
        (
            "Lena Novak",
            "said",
            "the company 'deeply regrets the delay' and promised refunds",
            "mixed",
        ),
    ),
    (
        'Organiser Ama Boateng said the crossing had become a "winnable fight" for the village.',
        (
            "Ama Boateng",
            "said",
            'the crossing had become a "winnable fight" for the village',
            "mixed",
        ),
    ),
]
# The quoted words of each MIXED quote, as they stand in its text.
VERBATIM = ["about 40 per cent", "deeply regrets the delay", "winnable fight"]

NOTHING = [
    "The two self-styled 'people's republics' remain at the centre of the dispute.",
    'The film "Silent River" opened in forty cinemas on Friday.',
    "The farmers' union met in the town hall after the rebels' retreat.",
    "Many experts believe the recession will end next year.",
    "Polls suggest most voters think the tax is unfair.",
    # one quoted word that is not a cue's word for its object stays a scare quote
    'Councillor Ravi Menon praised the "reform" on Monday.',
    'Councillor Ravi Menon called for "calm" on Monday.',
]


@pytest.mark.parametrize("text, expected", DIRECT)
def test_direct_quote_speaker_and_cue(extractor, text, expected):
    assert [row for row in _rows(extractor, text)] == expected


@pytest.mark.parametrize("text, expected", SPLIT)
def test_split_quotes_share_one_speaker(extractor, text, expected):
    assert [(s, c, t) for s, c, t, _ in _rows(extractor, text)] == expected


@pytest.mark.parametrize("text, expected", MIXED)
def test_mixed_quote_is_the_whole_reported_clause(extractor, text, expected):
    assert _rows(extractor, text) == [expected]


@pytest.mark.parametrize("text, words", list(zip(MIXED, VERBATIM, strict=True)))
def test_mixed_quote_keeps_its_verbatim_piece(extractor, text, words):
    (quote,) = extractor.extract(text[0])
    assert [quote.text[s:e] for s, e in quote.verbatim] == [words]


def test_a_direct_quote_has_no_verbatim_pieces(extractor):
    (quote,) = extractor.extract('"The pipes are sound," engineer Paul Grant said.')
    assert quote.verbatim == ()


@pytest.mark.parametrize("text", NOTHING)
def test_scare_quotes_titles_and_beliefs_yield_nothing(extractor, text):
    assert _rows(extractor, text) == []


def test_offsets_point_at_the_quote_text(extractor):
    text = 'Officials were silent. "It is over," said Jack Moore.'
    (quote,) = extractor.extract(text)
    assert text[quote.start : quote.end] == quote.text == "It is over,"


SIGNED = [
    # a round-up: each quote signed with a dash and a name on its own line
    (
        "Readers wrote in after the debate.\n\n"
        '"He never answers the question and he never will." \u2015 Marta Quiroga\n'
        '"The debate changed my mind about the whole race." \u2015 Tomas Lindqvist.\n',
        [
            ("Marta Quiroga", "He never answers the question and he never will."),
            ("Tomas Lindqvist", "The debate changed my mind about the whole race."),
        ],
    ),
    (  # a name of four words the model leaves untagged is still a signature
        "Readers wrote in after the debate.\n\n"
        "\u201cI am so ashamed. I cannot believe this man is a nominee.\u201d "
        "\u2015 Jacklyn Ashley\n\n"
        "\u201cHe answers to no one and respects no one.\u201d \u2015 Christina N Luis Olidem\n",
        [
            ("Jacklyn Ashley", "I am so ashamed. I cannot believe this man is a nominee."),
            ("Christina N Luis Olidem", "He answers to no one and respects no one."),
        ],
    ),
    # a fact check: the claim, then its speaker signed on the next line
    (
        "The candidates met again on Thursday.\n\n"
        '"We will raise the wage for every worker in the state."\n\n- Helen Corrigan.\n\n'
        "That claim needs context.",
        [("Helen Corrigan", "We will raise the wage for every worker in the state.")],
    ),
]


@pytest.mark.parametrize("text, expected", SIGNED)
def test_a_dash_and_a_name_sign_a_quote(extractor, text, expected):
    assert [(q.speaker, q.text) for q in extractor.extract(text)] == expected


def test_a_dash_before_more_than_a_name_signs_nothing(extractor):
    text = 'Dana Whitfield arrived late.\n\n"Nobody expected it" - and that was the point.\n'
    assert extractor.extract(text) == []


COMPLEMENTS = [
    # the object and the quoted words that describe it
    (
        'Councillor Ravi Menon called the budget a "reckless gamble" with the town\'s savings.',
        ("Ravi Menon", "called", 'the budget a "reckless gamble" with the town\'s savings'),
    ),
    (
        'Coach Dita Sorensen described the referee as "completely out of his depth" on the day.',
        ("Dita Sorensen", "described", 'the referee as "completely out of his depth" on the day'),
    ),
    # one quoted word the cue gives its object is the speaker's word for it, not a scare quote
    (
        'Councillor Ravi Menon called the ferry timetable "chaotic."',
        ("Ravi Menon", "called", 'the ferry timetable "chaotic."'),
    ),
    (
        'Ms. Varga, the union leader, called it "disqualifying" and demanded a new vote.',
        ("Varga", "called", 'it "disqualifying"'),
    ),
    # an infinitive complement: the addressee is not part of what was said
    (
        'The mayor, Owen Pryce, urged residents on Sunday to "stay indoors until the wind drops."',
        ("Owen Pryce", "urged", 'to "stay indoors until the wind drops."'),
    ),
]


@pytest.mark.parametrize("text, expected", COMPLEMENTS)
def test_a_fragment_in_a_complement_gives_the_whole_complement(extractor, text, expected):
    speaker, cue, quote = expected
    assert [(q.speaker, q.cue, q.text, q.kind) for q in extractor.extract(text)] == [
        (speaker, cue, quote, "mixed")
    ]


def test_a_line_ending_in_a_cue_and_colon_announces_the_next_paragraph(extractor):
    text = (
        "Nadia Okafor spoke to reporters on Monday. She said:\n\n"
        '"We will open the new line before the spring rains. Nobody should doubt it."\n'
    )
    assert [(q.speaker, q.cue) for q in extractor.extract(text)] == [("Nadia Okafor", "said")]


@pytest.mark.parametrize(
    "lead",
    [
        "The full statement:",
        # the verb nearest the colon is no statement ("refusing to call"), so it names nobody
        "As the Courier reported, the council was refusing to call the closure a failure:",
    ],
)
def test_a_lead_in_line_without_a_statement_names_nobody(extractor, lead):
    text = f'The council met on Monday.\n\n{lead}\n\n"The council regrets the closure."\n'
    assert extractor.extract(text) == []


LABELLED = [
    # a label with a title and a party in brackets
    'Rep. Daniel Morgan (D-Ore.): "I have not heard anyone cite that figure before today."',
    # a role before the name
    'Former harbour master Daniel Morgan: "We counted every boat twice."',
    # a round-up line: the label starts after the dash
    "The interplay matters for coastal towns - Analyst Daniel Morgan: "
    '"Two weeks ago the south was the stronghold."',
    # the person whose own sentence ends in the colon
    'Daniel Morgan has since apologized for the error: "I should have checked the figures."',
    # a round-up of reactions: the name and an outlet or a role after a comma
    'Daniel Morgan, UNA: "Our members are exhausted and leaving the profession."',
    'Daniel Morgan, health minister: "We have made a fair offer."',
]


@pytest.mark.parametrize("line", LABELLED)
def test_a_name_before_a_colon_is_the_speaker(extractor, line):
    text = "The committee heard from both sides on Tuesday.\n\n" + line + "\n"
    assert [(q.speaker, q.kind) for q in extractor.extract(text)] == [("Daniel Morgan", "direct")]


@pytest.mark.parametrize(
    "line",
    [
        'The message was simple: "Vote early."',
        'Verdict: "A fine day."',
        'In a statement, the council chair, who had resigned: "A fine day."',
    ],
)
def test_a_colon_after_no_person_names_nobody(extractor, line):
    assert extractor.extract("The committee met on Tuesday.\n\n" + line + "\n") == []
