"""Tone a reader agrees with: sentences written here for each failure mode of plain VADER."""

import pytest

from bot.nlp.tone import ENGINES, label_for, score_tone
from bot.nlp.tone.calibrated import compound_of, shipped_model
from bot.nlp.tone.masking import NAME_TOKEN, mask_names, rewrite_idioms

NEGATED_COMPARATIVES = [
    "I have never been prouder of the nurses on this ward.",
    "Honestly, we couldn't be happier with how the season ended.",
    "The volunteers could not have asked for a better start to the appeal.",
    "I have never felt better about the future of this club.",
]
UNDERSTATEMENT = [
    "What the rescue crews did that night was nothing short of heroic.",
    "Finishing the bridge a year early was no small feat for the engineers.",
]
INSTITUTIONS = [
    "The Justice Department will publish the report on Monday.",
    "The United Nations Security Council meets again in March.",
    "Officials at the Affordable Care Act helpline answered the questions.",
    "The Liberty Bell Museum reopens after the winter closure.",
]
VIOLENT_FACTS = [
    "Two men were killed in the crash on the northern bypass, police said.",
    "Three soldiers were wounded in the attack near the border crossing.",
]
NEGATED_NEGATIVES = [
    "The union would 'not be bullied' into a rotten deal, he warned.",
    "Members would consider any serious proposal, but not another insult.",
    "The council will not tolerate abuse of its staff.",
    "The nurses will not be bullied into accepting this offer.",
    "We will look at any fair proposal, but not another insult.",
    "We will not accept this terrible offer.",
]
# Known misses of the shipped model, kept visible: strict, so a fix has to move them up.
KNOWN_MISSES = [
    ("The flood destroyed forty homes along the river on Tuesday.", "neutral"),
]
CLEAR_POSITIVE = ["We are thrilled with the result and grateful to every single supporter."]
CLEAR_NEGATIVE = ["This budget is a disgrace and a betrayal of working families."]


@pytest.mark.parametrize("text", NEGATED_COMPARATIVES + UNDERSTATEMENT + CLEAR_POSITIVE)
def test_praise_reads_positive(text):
    assert score_tone(text).label == "positive"


@pytest.mark.parametrize("text", INSTITUTIONS + VIOLENT_FACTS)
def test_names_and_factual_reports_read_neutral(text):
    assert score_tone(text).label == "neutral"


@pytest.mark.parametrize("text", NEGATED_NEGATIVES + CLEAR_NEGATIVE)
def test_defiance_and_criticism_read_negative(text):
    assert score_tone(text).label == "negative"


@pytest.mark.xfail(strict=True, reason="NewsMTSC's raters lean these the other way (see README)")
@pytest.mark.parametrize("text, label", KNOWN_MISSES)
def test_known_misses(text, label):
    assert score_tone(text).label == label


@pytest.mark.parametrize(
    "text", ["I have never been prouder of the nurses on this ward.", INSTITUTIONS[0]]
)
def test_plain_vader_still_gets_these_wrong(text):
    """The classic engine stays as it was (TONE_ENGINE=vader): the failures above are VADER's."""
    vader = score_tone(text, engine="vader")
    assert vader.label != score_tone(text).label


def test_institution_names_are_masked_but_sentence_initial_words_stay():
    masked = mask_names("Sadly, the Department of Justice and the United Nations said nothing.")
    assert masked == f"Sadly, the {NAME_TOKEN} and the {NAME_TOKEN} said nothing."


def test_the_pronoun_i_is_not_a_name():
    assert mask_names("I think I was right.") == "I think I was right."


def test_a_name_after_a_quote_mark_mid_sentence_is_masked():
    assert NAME_TOKEN in mask_names('"We agree," said Grace Poole.')


def test_plain_negated_comparisons_are_not_rewritten():
    text = "The new plan is not better than the old one."
    assert rewrite_idioms(text) == text


@pytest.mark.parametrize(
    "text, plain",
    [
        ("The union would 'not be bullied' by anyone.", "The union would 'be bullied' by anyone."),
        ("We won't be intimidated.", "We will be intimidated."),
        ("not be bullied", "be bullied"),
        ("Any proposal, but not another insult.", "Any proposal, but another insult."),
        ("We will not accept this offer.", "We will not accept this offer."),
    ],
)
def test_a_refusal_keeps_the_tone_of_what_is_refused(text, plain):
    assert rewrite_idioms(text) == plain


def test_negated_comparative_is_rewritten_to_its_plain_sense():
    assert "proud" in rewrite_idioms("I've never been prouder.")


@pytest.mark.parametrize("engine", ENGINES)
@pytest.mark.parametrize(
    "text", NEGATED_COMPARATIVES + INSTITUTIONS + VIOLENT_FACTS + NEGATED_NEGATIVES + [""]
)
def test_compound_is_in_range_and_agrees_with_the_label(engine, text):
    tone = score_tone(text, engine=engine)
    assert -1.0 <= tone.compound <= 1.0
    assert label_for(tone.compound) == tone.label


@pytest.mark.parametrize("text", NEGATED_COMPARATIVES + VIOLENT_FACTS + NEGATED_NEGATIVES)
def test_the_label_is_the_most_probable_class(text):
    probabilities = shipped_model().probabilities(text)
    best = ("negative", "neutral", "positive")[probabilities.index(max(probabilities))]
    assert score_tone(text).label == best


def test_compound_of_squeezes_neutral_inside_vaders_band():
    assert abs(compound_of((0.3, 0.4, 0.3))) < 0.05
    assert compound_of((0.0, 0.0, 1.0)) == 1.0
    assert compound_of((1.0, 0.0, 0.0)) == -1.0


def test_thresholds_still_move_the_label():
    tone = score_tone(CLEAR_POSITIVE[0], positive=1.01)
    assert tone.label == "neutral"


def test_an_unknown_engine_is_refused():
    with pytest.raises(ValueError, match="unknown tone engine"):
        score_tone("words", engine="magic")
