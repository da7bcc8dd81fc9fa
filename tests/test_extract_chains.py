"""Pronoun chains and offices across paragraphs (pages written here): whom a she, an age or an
office means when several people speak."""

import pytest

pytestmark = pytest.mark.model


def _speakers(extractor, text):
    return [q.speaker for q in extractor.extract(text)]


def test_the_unnamed_official_again_keeps_her_next_she(extractor):
    text = (
        '"We were told on Friday that an offer was coming," said one union official, who asked '
        "not to be named.\n\n"
        '"We have made a significant offer," said Elaine Shawcross, the trust\'s chief '
        "executive.\n\n"
        "Asked whether further walkouts were planned, the union official said another two days "
        'of action had been pencilled in. "Nobody wants that," she said.'
    )
    assert _speakers(extractor, text)[-2:] == ["Union official", "Union official"]


def test_an_age_after_a_surname_the_model_took_for_a_thing_is_that_player(extractor):
    text = (
        "Dunmore Athletic manager Steve Rowan said his side had been superb.\n\n"
        "Goals from Declan Moriarty, Tomasz Zielinski and substitute Kai Banner sent Dunmore "
        "into the quarter-finals for the first time since 2009.\n\n"
        '"From the first whistle we were on the front foot," Rowan said.\n\n'
        "Moriarty opened the scoring in the 12th minute, bending a free-kick into the top corner "
        "from 25 yards. The striker, who joined from Shelbourne Harps in the summer, has now "
        "scored nine goals in eleven games.\n\n"
        '"I\'ve been practising that one all week, to be honest," said the 27-year-old.'
    )
    assert _speakers(extractor, text)[-1] == "Declan Moriarty"


def test_a_trailing_participle_is_the_main_subjects(extractor):
    text = (
        "The Taoiseach has rejected claims that the Government's housing plan has failed, "
        "telling the Dáil that completions this year would be the highest in a decade."
    )
    assert _speakers(extractor, text) == ["Taoiseach"]


def test_a_participle_inside_a_report_keeps_its_own_subject(extractor):
    # guard: "considering announcing" is Bush's, not the subject of the sentence
    text = (
        "Donald Trump dismissed a report in Politico that Jeb Bush has been considering "
        "announcing that he will not endorse the billionaire businessman."
    )
    assert _speakers(extractor, text) == ["Jeb Bush"]


def test_the_tanaiste_is_the_tanaiste_named_before(extractor):
    text = (
        'Tánaiste Fergal Quilty said the Opposition had "no credible alternative".\n\n'
        "Independent Deputy Máire Coyle said rural housing had been forgotten.\n\n"
        "Responding, the Tánaiste said the Government would bring forward new rural planning "
        "guidelines in the spring."
    )
    assert _speakers(extractor, text) == ["Fergal Quilty", "Máire Coyle", "Fergal Quilty"]


def test_a_first_name_alone_is_the_full_name_it_opens(extractor):
    text = (
        "James Okafor and his wife opened the shop in 1994.\n\n"
        '"We came with two suitcases and one hundred dollars," James said.'
    )
    assert _speakers(extractor, text) == ["James Okafor"]


def test_a_statement_from_an_organisation_is_the_organisations(extractor):
    # a document is no speaker; the body that put it out is
    text = (
        'A statement from the hospital trust said it was "disappointed" that the strike had '
        "gone ahead."
    )
    assert _speakers(extractor, text) == ["hospital trust"]


def test_what_a_document_shows_someone_told_is_theirs(extractor):
    text = (
        "Fiona Cathcart resigned on Monday. Ms Cathcart told Mr Reid in a text message on Friday "
        'that she was "sorry it had come to this", according to a copy seen by this newspaper.'
    )
    found = extractor.extract(text)
    assert [(q.speaker, q.cue) for q in found] == [("Fiona Cathcart", "told")], found


def test_the_statement_is_the_words_of_whoever_put_it_out(extractor):
    text = (
        "In a statement read outside court by the family's solicitor, Mr Hale's parents said "
        'they were "heartbroken but relieved".\n\n'
        '"Oliver was a kind, funny, brilliant son," the statement said.'
    )
    found = extractor.extract(text)
    assert [(q.speaker, q.speaker_as_written) for q in found][-1] == (
        "Mr Hale's parents",
        "the statement",
    ), found


def test_a_statement_someone_else_provided_is_not_the_reporters(extractor):
    # guard: the Times reports that Cook gave a statement; the statement is not the Times's
    text = (
        "The Times said Cook provided a written statement in response to its questions.\n\n"
        '"After reviewing his email practices, the secretary stopped," the statement said.'
    )
    found = extractor.extract(text)
    assert found[-1].speaker_as_written == "the statement", found
    assert found[-1].speaker != "Times", found
