"""Attribution across sentences: inheritance, pronouns, titles, roles, organisations."""

import pytest

pytestmark = pytest.mark.model


def _speakers(extractor, text):
    return [(q.speaker, q.text) for q in extractor.extract(text)]


def test_follow_on_paragraph_inherits_the_speaker(extractor):
    text = (
        '"The water came in the middle of the night," said farmer Helen Ward.\n\n'
        '"We lost everything we had in the barn."'
    )
    assert _speakers(extractor, text) == [
        ("Helen Ward", "The water came in the middle of the night,"),
        ("Helen Ward", "We lost everything we had in the barn."),
    ]


def test_a_new_speaker_ends_the_inheritance(extractor):
    text = (
        '"The water came at night," said farmer Helen Ward.\n\n'
        "Council leader Mark Oduya visited the farm on Tuesday.\n\n"
        '"We lost everything we had in the barn."'
    )
    assert [s for s, _ in _speakers(extractor, text)] == ["Helen Ward"]


def test_unattributed_quote_far_from_any_speaker_is_dropped(extractor):
    text = (
        '"The water came at night," said farmer Helen Ward.\n\n'
        'The river burst its banks.\n\nRoads were closed.\n\n"Nobody could have seen this coming."'
    )
    assert [s for s, _ in _speakers(extractor, text)] == ["Helen Ward"]


def test_pronoun_resolves_to_the_named_person(extractor):
    text = (
        "Prime Minister Karin Holm said the budget would be balanced.\n\n"
        '"We have made hard choices," she told parliament.'
    )
    quotes = extractor.extract(text)
    assert [q.speaker for q in quotes] == ["Karin Holm", "Karin Holm"]
    assert quotes[1].speaker_as_written == "she"


def test_pronoun_respects_gender_titles(extractor):
    text = (
        "Mr Ortega met Ms Lindqvist in Oslo on Monday. Ms Lindqvist said the talks were useful.\n\n"
        '"We will meet again," he told reporters.'
    )
    assert [q.speaker for q in extractor.extract(text)][-1] == "Ortega"


def test_unresolvable_pronoun_is_never_a_speaker(extractor):
    quotes = extractor.extract('"It is too early to tell," he said.')
    assert quotes == []


def test_plural_pronoun_is_never_a_speaker(extractor):
    assert extractor.extract("They said the road would stay closed for a week.") == []


def test_title_and_role_are_split_from_the_name(extractor):
    (quote,) = extractor.extract('"Talks will resume," Red Cross spokesman Ivan Petrov said.')
    assert (quote.speaker, quote.role, quote.speaker_type) == (
        "Ivan Petrov",
        "Red Cross spokesman",
        "PERSON",
    )
    assert quote.speaker_as_written == "Red Cross spokesman Ivan Petrov"


def test_surname_and_mr_map_to_the_full_name(extractor):
    text = (
        "Foreign Minister Anton Weber said the embassy would stay open.\n\n"
        "Mr Weber added that staff had been told to stay indoors.\n\n"
        '"There is no immediate danger," Weber said.'
    )
    assert [q.speaker for q in extractor.extract(text)] == ["Anton Weber"] * 3


def test_description_resolves_to_the_named_spokesman(extractor):
    text = (
        '"Aid is on its way," said Ivan Petrov, a Red Cross spokesman.\n\n'
        "The Red Cross spokesman said that trucks had crossed the border."
    )
    assert [q.speaker for q in extractor.extract(text)] == ["Ivan Petrov", "Ivan Petrov"]


def test_organisations_and_countries_are_speakers(extractor):
    text = (
        "The World Health Organization (WHO) said cases had fallen for a third week.\n\n"
        "Germany said it would send two more field hospitals."
    )
    quotes = extractor.extract(text)
    assert [(q.speaker, q.speaker_type) for q in quotes] == [
        ("World Health Organization", "ORG"),
        ("Germany", "GPE"),
    ]


def test_acronym_maps_to_the_long_name(extractor):
    text = (
        "The International Energy Agency (IEA) published its outlook on Monday.\n\n"
        "The IEA said demand for oil would peak before 2030."
    )
    (quote,) = extractor.extract(text)
    assert quote.speaker == "International Energy Agency"
    assert quote.speaker_as_written == "The IEA"


def test_pronoun_takes_the_latest_titled_man_not_an_earlier_woman(extractor):
    text = (
        "Health Secretary Meena Kaur said she was disappointed by the vote.\n\n"
        "The junior minister, Owen Pryce, met the unions on Monday. "
        "Mr Pryce later told MPs that the government would review the contracts.\n\n"
        '"Nothing is ruled out," he said.'
    )
    assert [q.speaker for q in extractor.extract(text)][-1] == "Owen Pryce"


def test_pronoun_after_a_name_gives_that_name_its_gender(extractor):
    text = (
        "Brannor Keswick has kept the Skarra light for thirty years, and next month he will "
        "retire.\n\n"
        "The agency's director, Ingrid Solvang, said her staff had tested the automatic lamp.\n\n"
        '"A machine never sees a boat in trouble," he says.'
    )
    assert [q.speaker for q in extractor.extract(text)][-1] == "Brannor Keswick"


def test_a_pronoun_in_a_reported_clause_belongs_to_its_reporter(extractor):
    text = (
        "Kelly Brannigan, who is married to footballer Jamie Rourke, said she had been filming "
        "abroad.\n\n"
        '"How was I supposed to object to something I never saw?" she said.'
    )
    assert [q.speaker for q in extractor.extract(text)] == ["Kelly Brannigan"] * 2


def test_an_unnamed_description_is_no_pronoun_target(extractor):
    text = (
        "Singer Lola Marchetti has branded the new tower block an eyesore.\n\n"
        "The 41-year-old fumed that the builders had ruined her garden.\n\n"
        "She told the Beacon: 'I bought this house for the view.'"
    )
    quotes = extractor.extract(text)
    assert quotes[-1].speaker == "Lola Marchetti"
    assert quotes[-1].speaker_as_written == "She"


def test_a_spokesman_for_an_organisation_speaks_for_it(extractor):
    (quote,) = extractor.extract(
        "A spokesman for the Harbour Workers' Union said the offer was an insult."
    )
    assert (quote.speaker, quote.speaker_as_written, quote.speaker_type) == (
        "Harbour Workers' Union",
        "A spokesman for the Harbour Workers' Union",
        "ORG",
    )


def test_an_appositive_organisation_names_the_speaker(extractor):
    (quote,) = extractor.extract(
        "The growers' trade body, the Orchard Producers Alliance, said the harvest had failed."
    )
    assert quote.speaker == "Orchard Producers Alliance"


def test_a_name_label_and_colon_attribute_the_quote(extractor):
    text = (
        'Coach Rita Vance was furious after the defeat.\n\nVance: "We gave the game away in ten '
        'minutes."'
    )
    quotes = extractor.extract(text)
    assert [(q.speaker, q.speaker_as_written, q.text) for q in quotes] == [
        ("Rita Vance", "Vance", "We gave the game away in ten minutes.")
    ]


def test_a_heading_with_a_colon_is_no_speaker(extractor):
    assert extractor.extract('Verdict: "Guilty on all counts."\n\nThe jury took four hours.') == []


FEATURE = (
    '"We sell everything we grow," Orla {0} says.\n\n'
    '"The river has never been this low," Dr. Tobias Fenn says. "We measure it every week."\n\n'
    '{0} is less certain about her own importance.\n\n"I only opened the gates," she says.'
)


# The parser misreads "Keneally" as an adverb; NER tags no entity on "Brannock".
@pytest.mark.parametrize("surname", ["Keneally", "Brannock"])
def test_a_name_opening_a_sentence_is_the_nearest_antecedent(extractor, surname):
    quotes = extractor.extract(FEATURE.format(surname))
    assert (quotes[-1].speaker, quotes[-1].text) == (f"Orla {surname}", "I only opened the gates,")


def test_a_surname_tagged_as_a_place_is_still_a_person_for_pronouns(extractor):
    text = (
        "Sen. Marisol Ventura (D-Calif.) opposed the bill. Rep. Owen Tarr (R-Ohio) backed it.\n\n"
        '"It is a bad deal," Tarr said.\n\nVentura said she would vote against it.\n\n'
        '"We can do better than this," she said.'
    )
    assert [q.speaker for q in extractor.extract(text)] == [
        "Owen Tarr",
        "Marisol Ventura",
        "Marisol Ventura",
    ]
