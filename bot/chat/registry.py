"""The command registry: each chat command declared once, with its words, options and help.

    @command("digest", args=[Arg("period", type=PERIOD, help="...")], help="The digest of quotes.")
    def digest(ctx: Context, args: Values) -> Reply: ...

The router reads the typed words against the declaration (bot/chat/grammar.py) and answers the
usage line on a mistake, so a handler receives parsed values and never re-reads words. The usage
lines, `help`, Discord's slash and prefix commands and the console's completion are all generated
from these declarations, so no platform restates the grammar.
"""

from __future__ import annotations

import shlex
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, TypeVar

from bot.chat.messages import Reply, Request

if TYPE_CHECKING:
    from bot.app import App

ROOT = "quotes"  # the slash command; "/quotes NAME" asks for a speaker's quotes
T = TypeVar("T")


@dataclass(frozen=True)
class Kind:
    """What a value is: how a word becomes it (ValueError or UserError: a usage mistake),
    its placeholder in usage lines, and whether a platform's form shows it as a number."""

    metavar: str
    parse: Callable[[str], object] = str
    integer: bool = False


def _page_number(word: str) -> int:
    if not word.isdigit() or not 1 <= int(word) <= MAX_PAGE:
        raise ValueError(f"is not a page number from 1 to {MAX_PAGE}")
    return int(word)


def _comma_list(word: str) -> tuple[str, ...]:
    return tuple(part.strip() for part in word.split(",") if part.strip())


MAX_PAGE = 100_000  # a bigger page number is a typo (and past what SQLite can offset)
TEXT = Kind("TEXT")
PAGE = Kind("N", _page_number, integer=True)
LIST = Kind('"A,B"', _comma_list)


@dataclass(frozen=True)
class Arg:
    """A positional word. `rest` takes every remaining word ("quotes Mara Quint"); an optional
    argument with a `pattern` takes only a word containing it, wherever it stands."""

    name: str
    help: str = ""
    type: Kind = TEXT
    choices: tuple[str, ...] = ()
    default: object = None
    required: bool = False
    rest: bool = False
    pattern: str | None = None
    metavar: str | None = None

    @property
    def shown(self) -> str:
        if self.metavar or self.choices:
            return self.metavar or "|".join(self.choices)
        return self.name.upper() if self.type is TEXT else self.type.metavar


@dataclass(frozen=True)
class Opt:
    """An option: `--name VALUE` (or `--name=VALUE`); a `flag` takes no value and is True when
    given."""

    name: str
    help: str = ""
    type: Kind = TEXT
    choices: tuple[str, ...] = ()
    default: object = None
    flag: bool = False
    metavar: str | None = None

    @property
    def shown(self) -> str:
        if self.flag:
            return f"--{self.name}"
        value = self.metavar or ("|".join(self.choices) if self.choices else self.type.metavar)
        return f"--{self.name} {value}"


@dataclass(frozen=True)
class Values:
    """A command's parsed arguments and options, by name (absent ones hold their default)."""

    values: Mapping[str, object] = field(default_factory=dict)

    def get(self, name: str, kind: type[T]) -> T | None:
        value = self.values.get(name)
        if value is None:
            return None
        if not isinstance(value, kind):
            raise TypeError(f"{name} is {type(value).__name__}, not {kind.__name__}")
        return value

    def text(self, name: str) -> str:
        return self.get(name, str) or ""

    def number(self, name: str) -> int:
        return self.get(name, int) or 0

    def items(self, name: str) -> tuple[str, ...]:
        return self.get(name, tuple) or ()

    def flag(self, name: str) -> bool:
        return bool(self.get(name, bool))


@dataclass(frozen=True)
class Context:
    app: App
    request: Request


Handler = Callable[[Context, Values], Reply]


@dataclass(frozen=True)
class Command:
    name: str
    help: str
    handler: Handler
    args: tuple[Arg, ...] = ()
    options: tuple[Opt, ...] = ()
    aliases: tuple[str, ...] = ()

    @property
    def usage(self) -> str:
        """'quotes NAME [--page N]', generated from the declaration."""
        words = [arg.shown if arg.required else f"[{arg.shown}]" for arg in self.args]
        return " ".join([self.name, *words, *(f"[{opt.shown}]" for opt in self.options)])

    def line(self, given: Mapping[str, object]) -> str:
        """The command as typed, from form values by name (Discord's slash options, a button)."""
        words = [self.name]
        for arg in self.args:
            if _present(given.get(arg.name)):
                words.append(shlex.quote(str(given[arg.name]).strip()))
        for opt in self.options:
            value = given.get(opt.name)
            if opt.flag and value:
                words.append(f"--{opt.name}")
            elif not opt.flag and _present(value):
                words.append(f"--{opt.name} {shlex.quote(str(value).strip())}")
        return " ".join(words)


REGISTRY: dict[str, Command] = {}


def command(
    name: str,
    *,
    help: str,
    args: Iterable[Arg] = (),
    options: Iterable[Opt] = (),
    aliases: tuple[str, ...] = (),
) -> Callable[[Handler], Handler]:
    """Register a handler `(ctx, values) -> Reply` with its grammar; a duplicate name raises."""

    def register(handler: Handler) -> Handler:
        cmd = Command(name, help, handler, tuple(args), tuple(options), aliases)
        _check(cmd)
        for key in (name, *aliases):
            if key in REGISTRY:
                raise ValueError(f"command {key!r} is registered twice")
            REGISTRY[key] = cmd
        return handler

    return register


def commands() -> list[Command]:
    """Each registered command once, in registration order."""
    seen: dict[str, Command] = {}
    for cmd in REGISTRY.values():
        seen.setdefault(cmd.name, cmd)
    return list(seen.values())


def completions(line: str) -> list[str]:
    """What may come next after `line` (a console's tab completion): command names, then
    options and choices of the command typed so far."""
    words = line.split()
    partial = "" if not words or line.endswith(" ") else words[-1]
    done = words[:-1] if partial else words
    if not done:
        return sorted(k for k in REGISTRY if k.startswith(partial))
    cmd = REGISTRY.get(done[0].lower().lstrip("/!"))
    if cmd is None:
        return []
    choices = [c for arg in cmd.args for c in arg.choices]
    options = [f"--{opt.name}" for opt in cmd.options]
    return [c for c in (*choices, *options) if c.startswith(partial) and c not in done]


def _check(cmd: Command) -> None:
    """A declaration mistake fails at import, not when a user first types the command."""
    names = [a.name for a in cmd.args] + [o.name for o in cmd.options]
    if len(set(names)) != len(names):
        raise ValueError(f"command {cmd.name!r} declares a name twice: {names}")
    if any(a.rest for a in cmd.args[:-1]):
        raise ValueError(f"command {cmd.name!r}: only the last argument may take the rest")


def _present(value: object) -> bool:
    return value is not None and str(value).strip() != ""
