"""Verbatim pieces of mixed quotes and typed sources: stored, read back, and shown distinctly."""

from adapters import console, discord_embeds, slack_blocks
from bot.chat.format import speaker_name, verbatim_runs
from bot.nlp.extract.types import Quote
from bot.nlp.tone import score_tone
from tests.conftest import make_article

CLAUSE = 'the crossing had become a "winnable fight" for the village'
PIECE = (27, 41)  # winnable fight


def _store(app, quote):
    app.store.add_article(make_article(quote.text), [quote], [score_tone(quote.text)])


def _mixed(speaker="Ama Boateng", kind="PERSON"):
    return Quote(
        speaker=speaker,
        speaker_as_written=speaker,
        text=CLAUSE,
        kind="mixed",
        cue="said",
        start=0,
        end=len(CLAUSE),
        speaker_type=kind,
        verbatim=(PIECE,),
    )


def test_runs_split_a_quote_at_its_verbatim_pieces():
    assert verbatim_runs(CLAUSE, (PIECE,)) == [
        ('the crossing had become a "', False),
        ("winnable fight", True),
        ('" for the village', False),
    ]
    assert verbatim_runs("all of it", ()) == [("all of it", False)]


def test_verbatim_spans_are_stored_and_read_back(app):
    _store(app, _mixed())
    (view,) = app.store.quotes_by("Ama Boateng").items
    assert view.verbatim == (PIECE,)
    assert view.text[slice(*view.verbatim[0])] == "winnable fight"


def test_an_unnamed_source_keeps_its_type_and_is_shown_as_one(app):
    _store(app, _mixed("Officials", "UNNAMED"))
    (view,) = app.store.search("winnable").items
    assert view.speaker_type == "UNNAMED"
    assert speaker_name(view) == "Officials (unnamed source)"


def test_slack_discord_and_console_show_the_verbatim_piece_in_bold(app):
    _store(app, _mixed())
    (view,) = app.store.quotes_by("Ama Boateng").items
    assert "*winnable fight*" in slack_blocks.quote_words(view)
    assert "**winnable fight**" in discord_embeds.quote_words(view)
    rendered = console.render_quote(view)
    bold = [rendered.plain[s.start : s.end] for s in rendered.spans if s.style == "bold"]
    assert "winnable fight" in bold


def test_verbatim_text_stays_inert_in_bold(app):
    text = "she said the plan was <!channel> *great* for all"
    quote = Quote(
        "Ama Boateng", "Ama Boateng", text, "mixed", "said", 0, len(text), verbatim=((22, 41),)
    )
    _store(app, quote)
    (view,) = app.store.quotes_by("Ama Boateng").items
    slack = slack_blocks.quote_words(view)
    assert "<!channel>" not in slack and "&lt;!channel&gt;" in slack
    assert "@everyone" not in discord_embeds.quote_words(view)


def test_damaged_verbatim_spans_show_the_quote_without_them(app):
    _store(app, _mixed())
    with app.store.engine.begin() as conn:
        conn.exec_driver_sql("UPDATE quotes SET verbatim = 'not json'")
    (view,) = app.store.quotes_by("Ama Boateng").items
    assert view.verbatim == () and view.text == CLAUSE
