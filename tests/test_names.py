"""Names: titles and roles split off, normalised keys, matching variants to known speakers."""

import pytest

from bot.nlp.first_names import full_name_shaped
from bot.nlp.names import SpeakerIndex, is_generic, match_known_speaker, name_key
from bot.nlp.roles import split_role

KNOWN = [
    "Volodymyr Zelensky",
    "Jane Smith",
    "Ewan Watson",
    "Jens Stoltenberg",
    "Ursula von der Leyen",
]


@pytest.mark.parametrize(
    "written, expected",
    [
        ("ICRC spokesman Ewan Watson", ("Ewan Watson", "ICRC spokesman")),
        ("Mr Stoltenberg", ("Stoltenberg", None)),
        ("Ukrainian President Volodymyr Zelensky", ("Volodymyr Zelensky", "Ukrainian President")),
        ("Deputy Prime Minister Ana Brnabic", ("Ana Brnabic", "Deputy Prime Minister")),
        ("Ewan Watson, ICRC spokesperson", ("Ewan Watson", "ICRC spokesperson")),
        ("Leader of the miners' union Kofi Mensah", ("Kofi Mensah", "Leader of the miners' union")),
        ("Dr. Amara Okafor", ("Amara Okafor", None)),
        ("Ursula von der Leyen", ("Ursula von der Leyen", None)),
        ("Union Secretary-Treasurer Ana Ruiz", ("Ana Ruiz", "Union Secretary-Treasurer")),
        ("Isla Hale-Munro", ("Isla Hale-Munro", None)),
        ("Baroness Hale", ("Hale", None)),
        ("Cllr Peter Holt", ("Peter Holt", None)),
        ("Martin Baron", ("Martin Baron", None)),  # a surname, not the title
        ("the head of the port authority", ("the head of the port authority", None)),
        # a portfolio between the title and the name ends where a known first name starts
        (
            "Minister of Public Utilities Marvin Gonzales-Baptiste",
            ("Marvin Gonzales-Baptiste", "Minister of Public Utilities"),
        ),
        (
            "Opposition Spokesman on National Security Ian Blackwood-Reid",
            ("Ian Blackwood-Reid", "Opposition Spokesman on National Security"),
        ),
        ("the New York Times", ("the New York Times", None)),  # "York" is no first name here
        ("Councilmember Angela Rose", ("Angela Rose", "Councilmember")),
        # letters after a name are a seat or an honour, and a seat before it is a role
        ("Dafydd Llewelyn MS", ("Dafydd Llewelyn", None)),
        ("Simon Okereke KC", ("Simon Okereke", None)),
        ("Sinn Féin TD Róisín Nic Aodha", ("Róisín Nic Aodha", "Sinn Féin TD")),
        (
            "Scottish Conservative MSP Alasdair Young",
            ("Alasdair Young", "Scottish Conservative MSP"),
        ),
        ("Ms Jane Roe", ("Jane Roe", None)),  # a title before the name is still a title
    ],
)
def test_split_role(written, expected):
    assert split_role(written) == expected


@pytest.mark.parametrize(
    "name, key",
    [
        ("Mr. José Núñez", "jose nunez"),
        ("  ZELENSKY ", "zelensky"),
        ("Dr Jean-Luc Picard", "jean luc picard"),
    ],
)
def test_name_key(name, key):
    assert name_key(name) == key


@pytest.mark.parametrize(
    "name, expected",
    [
        ("Zelensky", "Volodymyr Zelensky"),
        ("Mr Zelensky", "Volodymyr Zelensky"),
        ("Volodymyr Zelensky", "Volodymyr Zelensky"),
        ("Zelesnsky", "Volodymyr Zelensky"),  # a typo
        ("Volodymyr Zelenskyy", "Volodymyr Zelensky"),  # another transliteration
        ("President Volodymyr Zelensky", "Volodymyr Zelensky"),
        ("J. Smith", "Jane Smith"),
        ("John Smith", None),  # same surname, another first name
        ("Putin", None),
        ("", None),
    ],
)
def test_match_known_speaker(name, expected):
    assert match_known_speaker(name, KNOWN) == expected


def test_ambiguous_surname_is_refused():
    assert match_known_speaker("Smith", ["Jane Smith", "John Smith"]) is None


def test_surname_variants_of_one_person_are_not_ambiguous():
    assert match_known_speaker("Smith", ["Jane Smith", "J. Smith"]) == "Jane Smith"


@pytest.mark.parametrize(
    "name, shaped",
    [
        ("Ana Ruiz", True),
        ("Christina N Luis Olidem", True),
        ("Ruiz", False),  # one word: a surname as often as a first name
        ("ana ruiz", False),
        ("Harbour Council", False),  # no first name
        ("Ana Maria Luisa Ruiz Ortega", False),  # longer than a name runs
    ],
)
def test_full_name_shaped(name, shaped):
    assert full_name_shaped(name) is shaped


def test_a_double_barrelled_surname_alone_finds_its_full_name():
    assert match_known_speaker("Hale-Munro", ["Isla Hale-Munro"]) == "Isla Hale-Munro"
    assert match_known_speaker("Hale-Munro", ["Isla Hale-Munro", "Ewan Hale-Munro"]) is None
    assert match_known_speaker("Hale-Munro", ["Isla Munro"]) is None  # another surname


def test_apostrophe_inside_a_surname_keeps_it_one_word():
    assert name_key("Patrick O'Brien") == "patrick obrien"
    assert match_known_speaker("O'Brien", ["Patrick O'Brien"]) == "Patrick O'Brien"


# ---- speaker identity rules -------------------------------------------------------------


@pytest.mark.parametrize(
    "written, expected",
    [
        ("Brian M. Good", ("Brian M. Good", None)),  # a middle initial is not the title "M."
        ("World Health Organization", ("World Health Organization", None)),
        ("the World Health Organization", ("World Health Organization", None)),
        ("Radiographer Asha Pendry", ("Asha Pendry", "Radiographer")),
        ("Health Minister Jane Roe", ("Jane Roe", "Health Minister")),
    ],
)
def test_names_roles_and_organisations(written, expected):
    assert split_role(written) == expected


@pytest.mark.parametrize(
    "phrase", ["my father", "someone", "director", "That", "Page A8", "This", "p. 12"]
)
def test_generic_phrases_name_nobody(phrase):
    assert is_generic(phrase)


@pytest.mark.parametrize("name", ["Officials", "Ana Lind", "Director Jane Roe", "Tom Beck"])
def test_names_are_not_generic(name):
    assert not is_generic(name)


def test_a_lowercase_common_noun_is_never_a_misspelt_surname():
    assert match_known_speaker("researchers", ["Searchers"]) is None
    assert match_known_speaker("Searchers", ["researchers"]) is None
    assert SpeakerIndex(["Searchers"]).match("researchers") is None


def test_a_misspelt_surname_of_the_same_shape_still_matches():
    assert match_known_speaker("Vildee", ["Oskar Vilde"]) == "Oskar Vilde"


def test_name_rules_are_pure_and_order_free():
    names = ["Oskar Vilde", "Jane Harlow", "John Harlow", "Brian M. Good"]
    forward = [SpeakerIndex(names).match(n) for n in ("Vilde", "Good", "Harlow")]
    backward = [SpeakerIndex(names[::-1]).match(n) for n in ("Vilde", "Good", "Harlow")]
    assert forward == backward == ["Oskar Vilde", "Brian M. Good", None]


def test_a_surname_typed_in_lowercase_still_finds_its_speaker():
    assert match_known_speaker("marsh", ["Helena Marsh"]) == "Helena Marsh"
    assert match_known_speaker("marshh", ["Helena Marsh"]) is None  # no loose match in lowercase
