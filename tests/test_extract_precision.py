"""Speaker precision in longer contexts: objects, appositives, relative clauses, bylines, roles."""

import pytest

pytestmark = pytest.mark.model


CASES = [
    # The newspaper a speaker talks to is the object of "told", never the speaker.
    (
        "Rescue chief Darma Wibowo said the search would go on. "
        '"We will not stop until every family knows," he told Indonesian newspaper Suara Pagi.',
        ["Darma Wibowo", "Darma Wibowo"],
    ),
    # A person inside the speaker's relative clause is not the speaker.
    (
        'Pilot Marta Koenig landed the plane safely. "The weather closed in fast," Koenig, '
        "who flew for years under commander Tomas Reyes, said.",
        ["Marta Koenig"],
    ),
    # A place in an appositive is not the speaker.
    (
        "The water was rising fast, Hana Duro, a farmer in Lembang, the town with the nearest "
        "airstrip, said.",
        ["Hana Duro"],
    ),
    # The byline's reporter is never the "he" of a quote.
    (
        "By Laura Finch\n\nThe ferry sank on Tuesday. Captain Idris Saleh said the crew had "
        'tried to turn back. "We had no chance," he said.',
        ["Idris Saleh", "Idris Saleh"],
    ),
    # "he" is the lawyer, not the president he served under.
    (
        "Lawyer Sam Pell, who served in President Ana Ruiz's administration, spoke to "
        'reporters. "This case is weak," he said.',
        ["Sam Pell"],
    ),
    # The minister's words stay hers when "the government" is named in between.
    (
        "Health Minister Rosa Tan visited the ward. The government has promised more beds. "
        '"We are hiring 500 nurses," she said.',
        ["Rosa Tan"],
    ),
    # An organisation the model tags as a person is never the "he" of a quote.
    (
        "Union leader Ivo Marek said the Kestrel Port Authority had 'wasted everybody's time'. "
        '"They came with the same offer," he said.',
        ["Ivo Marek", "Ivo Marek"],
    ),
    # A director's words are not the actress's he praised.
    (
        "Director Paolo Verdi praised his lead actress, Nina Sol. "
        '"She carried the film," Verdi said. "I owe her everything," he added.',
        ["Paolo Verdi", "Paolo Verdi"],
    ),
]


@pytest.mark.parametrize("text, speakers", CASES)
def test_the_speaker_is_the_one_who_spoke(extractor, text, speakers):
    assert [q.speaker for q in extractor.extract(text)] == speakers


def test_the_airline_is_not_its_chief_executive(extractor):
    text = (
        "Kestrel Air chief executive Mona Wells resigned on Friday. "
        "The airline said flights would run as normal."
    )
    (quote,) = extractor.extract(text)
    assert quote.speaker != "Mona Wells" and quote.speaker_type != "PERSON"


@pytest.mark.parametrize(
    "text",
    [
        "That said, the plan was never costed.",
        "My father said we would move to the coast that summer.",
    ],
)
def test_generic_phrases_are_never_speakers(extractor, text):
    assert [q.speaker for q in extractor.extract(text)] == []


@pytest.mark.parametrize(
    "text, title",
    [
        (
            "\u201cBeing a grandmother is the best job,\u201d Okafor said in May on the podcast "
            "\u201cTell Me Everything.\u201d",
            "Tell Me Everything",
        ),
        ("Wexler said in her 2014 memoir, \u201cSalt and Iron.\u201d", "Salt and Iron"),
        ("Pryor said on \u201cThe Sunday Round Table\u201d last month.", "The Sunday Round Table"),
    ],
)
def test_the_title_of_a_work_is_nobodys_words(extractor, text, title):
    # a book, a podcast or a show named in quote marks is a title, not a quote
    assert [q.text for q in extractor.extract(text) if title in q.text] == []


@pytest.mark.parametrize(
    "text",
    [
        "Voters remember a comment that described all young farmers as "
        "\u201clazy freeloaders.\u201d",
        "Critics seized on an editorial that described Mayor Ines Okafor as "
        "\u201ca caricature of civic shame.\u201d",
        "It was a message that accused Dara Quist of running a "
        "\u201cfiction-filled campaign.\u201d",
    ],
)
def test_whom_a_cue_describes_never_speaks_its_quote(extractor, text):
    # the object after the cue is who is described or accused; the speaker is someone else or
    # nobody named
    spoken = [q.speaker for q in extractor.extract(text)]
    assert not {"all young farmers", "Ines Okafor", "Dara Quist"} & set(spoken), spoken
