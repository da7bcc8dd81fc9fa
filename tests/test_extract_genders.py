"""He or she: first names, titles and gendered role words decide who a pronoun points to."""

import pytest

from bot.nlp.first_names import first_name_gender


@pytest.mark.parametrize(
    "name, gender",
    [
        ("Margaret Ellison", "f"),
        ("Thomas Varga", "m"),
        ("José Ortiz", "m"),  # accents do not hide a name
        ("Jordan Blake", None),  # given to boys and girls alike: no guess
        ("Grant", None),  # a lone word is more often a surname
        ("Zephra Anlow", None),  # a name the table does not know
    ],
)
def test_first_name_gender(name, gender):
    assert first_name_gender(name) == gender


@pytest.mark.model
@pytest.mark.parametrize(
    "text, speaker",
    [
        (  # the first names alone tell "he" from the woman named last
            "Thomas Varga, the council's treasurer, said the accounts were in order. "
            "The auditor, Margaret Ellison, presented the figures on Monday.\n\n"
            '"We are on track," he said.',
            "Thomas Varga",
        ),
        (  # a role word in front of the name
            "Spokeswoman Quilla Brandt said the plant would reopen in May. "
            "Zephra Anlow, who runs the site, confirmed the date.\n\n"
            '"The workers deserve to know," she said.',
            "Quilla Brandt",
        ),
        (  # a role word in an appositive; the pronoun teaches no gender to the nearer name
            "Zephra Anlow, a congressman from the valley, said the plant would reopen in May. "
            "Quilla Brandt, who runs the site, confirmed the date.\n\n"
            '"The workers deserve to know," he said.',
            "Zephra Anlow",
        ),
    ],
)
def test_pronoun_goes_to_the_person_of_its_gender(extractor, text, speaker):
    assert extractor.extract(text)[-1].speaker == speaker
