"""Unnamed, group and joint sources: kept with their type, never merged into a person."""

import pytest

pytestmark = pytest.mark.model


def _rows(extractor, text):
    return [(q.speaker, q.speaker_type, q.text) for q in extractor.extract(text)]


CASES = [
    (
        "Officials said the bridge would stay shut until May.",
        [("Officials", "UNNAMED", "the bridge would stay shut until May")],
    ),
    (
        "A source close to the talks said a deal was near.",
        [("Source", "UNNAMED", "a deal was near")],
    ),
    (
        "Shop owners and residents say the new car park is too far from the market.",
        [("Shop owners and residents", "GROUP", "the new car park is too far from the market")],
    ),
    # A live blog's timestamp line before it makes the model tag "Residents" a name: still people.
    (
        "11:15 GMT\nResidents in Calder Mill say they have been left to fend for themselves.",
        [("Residents", "GROUP", "they have been left to fend for themselves")],
    ),
    (
        "11:15 GMT\nOfficials in Hebden Bridge say the ferry will not sail today.",
        [("Officials", "UNNAMED", "the ferry will not sail today")],
    ),
    (
        "10:40 GMT\nProtesters in Calder Mill say they will march again on Sunday.",
        [("Protesters", "GROUP", "they will march again on Sunday")],
    ),
    # A joint statement belongs to each named speaker.
    (
        "Senators Ada Vance and Tom Beck said the bill would pass before the recess.",
        [
            ("Ada Vance", "PERSON", "the bill would pass before the recess"),
            ("Tom Beck", "PERSON", "the bill would pass before the recess"),
        ],
    ),
    # ... and so is one by two organisations; an "and" inside one organisation's name splits none
    (
        "Harwick Motors and Velden Rail said they would appeal the ruling.",
        [
            ("Harwick Motors", "ORG", "they would appeal the ruling"),
            ("Velden Rail", "ORG", "they would appeal the ruling"),
        ],
    ),
    (
        "The National Oceanic and Atmospheric Administration said in a statement that it would "
        "review the study.",
        [("National Oceanic and Atmospheric Administration", "ORG", "it would review the study")],
    ),
    # The speaker's own description naming an institution is not a second speaker.
    (
        "'The east is now the focus,' said Rhys Mallet of the Harbour Policy Institute, "
        "who once advised the harbour board's security office. "
        "'They cannot hold the whole country.'",
        [
            ("Rhys Mallet", "PERSON", "The east is now the focus,"),
            ("Rhys Mallet", "PERSON", "They cannot hold the whole country."),
        ],
    ),
]


@pytest.mark.parametrize("text, expected", CASES)
def test_sources_keep_their_type(extractor, text, expected):
    assert _rows(extractor, text) == expected


# 'They' names the plural or joint subject just before it, and keeps that subject's type.
THEY_CASES = [
    (
        "Nine ferry unions filed a complaint against the harbour board on Monday.\n\n"
        "They argue that the new rota breaks the 2019 agreement.",
        [("Nine ferry unions", "GROUP", "the new rota breaks the 2019 agreement")],
    ),
    (
        "Mayor Ada Vance and Councillor Tom Beck wrote to the minister on Friday. "
        "They said the harbour plan was rushed.",
        [
            ("Ada Vance", "PERSON", "the harbour plan was rushed"),
            ("Tom Beck", "PERSON", "the harbour plan was rushed"),
        ],
    ),
    (
        "Fishermen have asked the council for a new quay, although they say the old one "
        "could still be saved.",
        [("Fishermen", "GROUP", "the old one could still be saved")],
    ),
    # A person's aides are not the person.
    (
        "Vance aides met reporters on Friday. They said the harbour plan was dead.",
        [("Vance aides", "UNNAMED", "the harbour plan was dead")],
    ),
    # One person is never 'they'.
    ("Ada Vance spoke at the rally on Friday. They said the harbour plan was rushed.", []),
]


@pytest.mark.parametrize("text, expected", THEY_CASES)
def test_they_is_the_plural_subject_before_it(extractor, text, expected):
    assert _rows(extractor, text) == expected


def test_an_unnamed_source_is_not_a_pronoun_target(extractor):
    text = (
        "Officials said the port would reopen. Harbour master Lina Ostrova disagreed. "
        "She said the cranes were still broken."
    )
    assert [q.speaker for q in extractor.extract(text)] == ["Officials", "Lina Ostrova"]


@pytest.mark.parametrize(
    "text, speaker",
    [
        (
            "According to a statement from the Harbour Council, the ferry will run again on "
            "Friday.",
            "Harbour Council",
        ),
        ("A report by the Harbour Times said the mayor would resign.", "Harbour Times"),
    ],
)
def test_a_document_speaks_for_whoever_put_it_out(extractor, text, speaker):
    assert [q.speaker for q in extractor.extract(text)] == [speaker]


@pytest.mark.parametrize(
    "text, speaker, kind",
    [
        ("The Belgian said he would not make excuses.", "Belgian", "UNNAMED"),
        ("The Democrats said the bill was dead.", "Democrats", "NORP"),
    ],
)
def test_one_person_named_by_a_nationality_is_an_unnamed_source(extractor, text, speaker, kind):
    # "the Belgian" is one person, never the people the nationality names, so never pooled with
    # other articles' Belgians as an organisation would be
    assert [(q.speaker, q.speaker_type) for q in extractor.extract(text)] == [(speaker, kind)]


@pytest.mark.parametrize(
    "text, written",
    [
        ("A Democrat familiar with the talks said the senator was furious.", "A Democrat"),
        ("A source close to the talks said a deal was near.", "A source"),
        ("Those close to him said he would run.", "Those close to him"),
    ],
)
def test_an_unnamed_source_is_written_without_half_a_phrase(extractor, text, written):
    # an adjective after the noun keeps its words or goes: never "A source close"
    assert [q.speaker_as_written for q in extractor.extract(text)] == [written]
