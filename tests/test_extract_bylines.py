"""Names and offices as pages outside US election news write them (written here): an office the
model tagged inside the name, a surname it took for an organisation, an organisation ending in a
country, a relative clause after an appositive name, a "with" phrase before a cue,
a relative clause the parser read as a modifier of the name."""

import pytest

from tests.extracting import the_quote

pytestmark = pytest.mark.model


def test_a_relative_clause_after_the_name_leaves_the_named_one_the_subject(extractor):
    # the parser hangs "who has sat on it" on the board, not on Dumont: the comma after the clause
    # still closes the phrase whose name Dumont is
    text = (
        "Thomas Petit defended the plan on Monday. His deputy on the finance board, Marc Dumont, "
        'who has sat on it since 2009, disagreed. "It leaves the harbour works unfinished for '
        'another decade," he said.'
    )
    assert the_quote(extractor, text, "harbour works").speaker == "Marc Dumont"


def test_a_surname_tagged_as_an_organisation_stays_with_its_first_name(extractor):
    text = (
        "Mayor Gordon Avery defended the levy at Tuesday's meeting. Coun. Priya Sandhu voted "
        "against it. She added that residents on fixed incomes could not absorb another rise."
    )
    assert the_quote(extractor, text, "fixed incomes").speaker == "Priya Sandhu"


def test_a_with_phrase_gives_its_participles_to_its_own_noun(extractor):
    # "warning" hangs on the main verb, "accusing" on "with" with the directors as its subject:
    # the warning is the directors', never the dispute's (and, like any "with X saying", left out)
    text = (
        "A bitter dispute has erupted at the top of West Indies cricket, with two directors "
        "accusing the president of concealing the accounts, and warning that they would quit."
    )
    found = [(q.speaker, q.text) for q in extractor.extract(text)]
    assert not any("dispute" in (speaker or "") for speaker, _ in found), found


@pytest.mark.parametrize(
    ("sentence", "speaker"),
    [
        ("Amnesty International UK said the new powers went too far.", "Amnesty International UK"),
        ("Alzheimer's Research UK said the results were encouraging.", "Alzheimer's Research UK"),
    ],
)
def test_an_organisation_ending_in_a_country_keeps_its_whole_name(extractor, sentence, speaker):
    assert the_quote(extractor, sentence, "the").speaker == speaker


@pytest.mark.parametrize(
    ("sentence", "office"),
    [
        ("Treasurer Rebecca Kilgour handed down the budget.", "Treasurer"),
        ("Shadow Treasurer Damien Pryce called it a con.", "Shadow Treasurer"),
    ],
)
def test_an_office_the_model_tagged_inside_the_name_is_remembered(extractor, sentence, office):
    from spacy.tokens import Span

    from bot.nlp.extract.coref import Cast
    from bot.nlp.extract.offices import note_title

    doc = extractor.nlp(sentence)
    words = len(office.split())
    doc.ents = [Span(doc, words - 1, words + 2, label="PERSON")]  # "Treasurer Damien Pryce"
    cast = Cast()
    note_title(cast, doc.ents[0])
    assert cast.titles == {doc[words : words + 2].text: office}


def test_a_relative_clause_read_as_a_modifier_of_the_name_is_the_names(extractor):
    # the parser reads "which Acme's chief executive, Tim Crook, called ..." as "Tim Crook,
    # called ...", a participle on the executive: the words are Crook's, never borrowed from a
    # clause above (where the pronoun "it" once found the country two sentences back)
    text = (
        "It is worth noting that the $14.5 billion tax bill levied by the European Union, which "
        "contended that Ireland undertaxed the company, is a good example. Perhaps it is a twist "
        "of irony, but given the European Union's efforts to collect -- which Acme's chief "
        "executive, Tim Crook, called ''total political nonsense'' -- one question that has "
        "emerged is whether companies may be more inclined to bring money back home rather than "
        "risk shifting tax rules in Europe."
    )
    assert the_quote(extractor, text, "political nonsense").speaker == "Tim Crook"
