"""The command grammar declared once: parsing, validation, usage lines, form lines, completion."""

import pytest

from bot.chat import router  # noqa: F401  (registers the commands)
from bot.chat.grammar import parse
from bot.chat.messages import Reply
from bot.chat.registry import LIST, PAGE, REGISTRY, Arg, Command, Opt, Values, command, completions
from bot.errors import UsageError

FEED = Command(
    "feed",
    "A made-up command to read the grammar with.",
    lambda ctx, args: Reply(),
    args=(
        Arg("action", choices=("list", "add"), default="list"),
        Arg("time", type=PAGE, pattern=":"),
        Arg("words", rest=True),
    ),
    options=(Opt("page", type=PAGE, default=1), Opt("tags", type=LIST), Opt("full", flag=True)),
)


def test_words_options_and_defaults_are_parsed_by_name():
    values = parse(FEED, 'ADD "harbour wall" strike --page 3 --tags=a,b --full')
    assert values.text("action") == "add"
    assert values.text("words") == "harbour wall strike"
    assert values.number("page") == 3
    assert values.items("tags") == ("a", "b")
    assert values.flag("full") is True


def test_absent_words_and_options_hold_their_defaults():
    values = parse(FEED, "")
    assert values.text("action") == "list"
    assert values.number("page") == 1
    assert values.items("tags") == ()
    assert values.flag("full") is False


def test_a_patterned_argument_takes_its_word_wherever_it_stands():
    cmd = REGISTRY["subscribe"]
    assert parse(cmd, "Europe/Kyiv 07:30").text("time") == "07:30"
    assert parse(cmd, "Europe/Kyiv 07:30").text("timezone") == "Europe/Kyiv"
    assert parse(cmd, "7:05").text("time") == "07:05"


@pytest.mark.parametrize(
    "argtext, says",
    [
        ("remove", "'remove' is not one of list, add"),
        ("--page 0", "'0': is not a page number"),
        ("--page", "--page needs a value (--page N)"),
        ("--colour red", "feed has no option --colour (its options: --page, --tags, --full)"),
    ],
)
def test_each_mistake_names_the_word_at_fault(argtext, says):
    with pytest.raises(UsageError) as raised:
        parse(FEED, argtext)
    assert str(raised.value).startswith(says)


def test_a_missing_required_argument_is_named_with_its_help():
    with pytest.raises(UsageError, match=r"^search needs TEXT: Words every quote must contain\.$"):
        parse(REGISTRY["search"], "  ")


def test_too_many_words_are_refused():
    with pytest.raises(UsageError, match="unsubscribe does not take 'now please'"):
        parse(REGISTRY["unsubscribe"], "now please")


def test_usage_lines_come_from_the_declarations():
    assert FEED.usage == 'feed [list|add] [N] [WORDS] [--page N] [--tags "A,B"] [--full]'
    assert REGISTRY["quotes"].usage == "quotes NAME [--page N]"
    assert REGISTRY["feeds"].usage == "feeds [list|add|remove] [URL]"


def test_form_values_become_the_line_the_router_parses():
    line = REGISTRY["subscribe"].line(
        {
            "time": "06:00",
            "timezone": "",
            "speakers": "Helena Marsh, Ruben Tallis",
            "keywords": None,
        }
    )
    assert line == "subscribe 06:00 --speakers 'Helena Marsh, Ruben Tallis'"
    values = parse(REGISTRY["subscribe"], line.partition(" ")[2])
    assert values.items("speakers") == ("Helena Marsh", "Ruben Tallis")
    assert FEED.line({"action": "add", "full": True, "page": 2}) == "feed add --page 2 --full"


def test_a_value_of_the_wrong_type_is_a_programming_error():
    with pytest.raises(TypeError, match="page is int, not str"):
        Values({"page": 2}).text("page")


def test_a_name_declared_twice_fails_at_registration():
    with pytest.raises(ValueError, match="declares a name twice"):
        command("twice", help="x", args=[Arg("page")], options=[Opt("page")])(FEED.handler)
    assert "twice" not in REGISTRY


def test_a_registered_name_cannot_be_taken_again():
    with pytest.raises(ValueError, match="'digest' is registered twice"):
        command("digest", help="again")(FEED.handler)


def test_completion_offers_commands_then_their_choices_and_options():
    assert completions("sub") == ["subscribe", "subscriptions"]
    assert completions("feeds ") == ["list", "add", "remove"]
    assert completions("!quotes Marsh --") == ["--page"]
    assert completions("nosuchcommand ") == []
