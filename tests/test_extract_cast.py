"""Who counts as a person a pronoun can mean: the article's cast, read on parses of sentences
written here (the parse is fixed by the real model, so each case names the shape it relies on)."""

import pytest

from bot.nlp.roles import org_shaped

pytestmark = pytest.mark.model


def _cast(extractor, text):
    from bot.nlp.extract.casting import build_cast
    from bot.nlp.extract.marks import paragraph_bounds
    from bot.nlp.extract.noise import datelines

    doc = extractor.nlp(text)
    starts = [s for s, _ in paragraph_bounds(text)] or [0]
    return doc, build_cast(doc, starts, [], datelines(text))


@pytest.mark.parametrize(
    "line, name",
    [("Mixed Blessings.", "Mixed Blessings"), ("By Tomas Lind", "Tomas Lind")],
)
def test_a_subheading_or_byline_is_nobody_a_pronoun_can_mean(extractor, line, name):
    text = (
        "The agency has struggled to keep its monitors in the field.\n\n"
        f"{line}\n\n"
        "The Gap Goes On: It was under his watch that the council set up a new fund. He has "
        "championed small farmers, and he said he hoped a woman would succeed him."
    )
    doc, cast = _cast(extractor, text)
    assert any(e.text == name and e.label_ == "PERSON" for e in doc.ents), "the tags changed"
    assert name not in [m.canonical for m in cast.people]


def test_a_short_line_with_a_verb_is_no_subheading(extractor):
    from bot.nlp.extract.noise import heading_lines

    text = "The campaign has its critics.\n\nThen there's Axelrod.\n\nMixed Blessings."
    doc = extractor.nlp(text)
    starts = [0, text.index("Then"), text.index("Mixed")]
    found = [text[a:b].strip() for a, b in heading_lines(doc, starts)]
    assert found == ["Mixed Blessings."]


def test_the_subject_of_an_inverted_condition_is_not_a_main_subject(extractor):
    from bot.nlp.extract.clauses import in_main_clause

    doc = extractor.nlp("He added a note of caution, should Hargreave attempt an early return.")
    subject = next(t for t in doc if t.text == "Hargreave")
    assert subject.dep_ == "nsubj" and subject.head.dep_ == "ROOT", "the parse changed"
    assert not in_main_clause(subject)
    plain = extractor.nlp("Hargreave will attempt an early return.")
    assert in_main_clause(next(t for t in plain if t.text == "Hargreave"))


@pytest.mark.parametrize(
    "name, shaped",
    [
        ("the General Assembly", True),
        ("Northside Tenants Watch", True),
        ("Port Authority", True),
        ("Meera Sandhu of Harbour Rights Watch", False),
        ("Jane Roe of the Port Authority", False),
    ],
)
def test_organisation_shaped_names(name, shaped):
    assert org_shaped(name) is shaped


def test_an_assembly_subject_does_not_take_a_he(extractor):
    text = (
        "The General Assembly approved the budget on Tuesday after a long debate.\n\n"
        "He said the vote was a relief."
    )
    quotes = extractor.extract(text)
    assert all("Assembly" not in q.speaker for q in quotes), [(q.speaker, q.text) for q in quotes]


def test_a_family_name_written_first_is_the_whole_name(extractor):
    text = (
        "President Yoon Suk Yeol said the two countries would deepen their cooperation. Yoon "
        'told reporters that the talks had been "productive".\n\n'
        "Opposition leader Lee Jae-myung said the deal gave away too much. "
        '"This is a humiliation," Lee said.'
    )
    speakers = [q.speaker for q in extractor.extract(text)]
    assert speakers == ["Yoon Suk Yeol"] * 2 + ["Lee Jae-myung"] * 2, speakers


@pytest.mark.parametrize(
    "word, names, expected",
    [
        ("Yoon", ["Yoon Suk Yeol", "Ana Ruiz"], "Yoon Suk Yeol"),
        ("Donald", ["Donald Trump"], "Donald"),  # a known first name: not a family name
        ("Lee", ["Lee Jae-myung", "Lee Hsien Loong"], "Lee"),  # two of them: nobody
        ("Ruiz", ["Ruiz"], "Ruiz"),
    ],
)
def test_which_full_name_a_family_name_written_first_opens(word, names, expected):
    from bot.nlp.extract.fullnames import surname_first

    assert surname_first(word, names) == expected


def test_a_first_name_given_alone_has_its_gender(extractor):
    # a story that never gives their surnames: the he or she after "Kevin was snoring." is not
    # Kevin's to learn a gender from
    text = (
        "Kevin was snoring on the couch.\n\n"
        '"Here he is, babe," she said, clapping. Melanie had waited all night for the speech.'
    )
    doc, cast = _cast(extractor, text)
    assert {e.text for e in doc.ents if e.label_ == "PERSON"} >= {"Kevin", "Melanie"}
    assert cast.genders.get("Kevin") == "m" and cast.genders.get("Melanie") == "f", cast.genders


def test_a_lone_surname_gets_no_gender_from_the_first_name_table(extractor):
    text = (
        "Bill Clinton campaigned in Ohio while Hillary Clinton stayed in New York. Clinton said "
        "the race was close.\n\nOrla Grant chairs the group. Grant said it would stay neutral."
    )
    _, cast = _cast(extractor, text)
    assert "Clinton" not in cast.genders and "Grant" not in cast.genders, cast.genders
