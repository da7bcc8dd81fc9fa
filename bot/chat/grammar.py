"""Reading a command's words against its declaration: positional words, --options, types, choices.

Every mistake is a UsageError naming the word at fault; the router answers it with the usage line.
"""

from __future__ import annotations

import re
import shlex

from bot.chat.registry import Arg, Command, Opt, Values
from bot.errors import UsageError, UserError

SHOWN_WORD_CHARS = 80  # a longer typed word is clipped when an error message quotes it


def split_words(argtext: str) -> list[str]:
    """Split like a shell (quotes group words); an unbalanced quote mark keeps the words as
    typed."""
    try:
        return shlex.split(argtext)
    except ValueError:
        return argtext.split()


def parse(cmd: Command, argtext: str) -> Values:
    """The command's values by name, each converted and checked, defaults filled in."""
    words, given = _options(cmd, split_words(argtext))
    values: dict[str, object] = {}
    for opt in cmd.options:
        raw = given.get(opt.name)
        values[opt.name] = (
            opt.default if raw is None else True if opt.flag else _convert(opt, str(raw))
        )
    filled = _positionals(cmd, words)
    for arg in cmd.args:
        raw = filled[arg.name]
        values[arg.name] = arg.default if raw is None else _convert(arg, raw)
    return Values(values)


def _options(cmd: Command, parts: list[str]) -> tuple[list[str], dict[str, str | bool]]:
    """Take the --options out of the words: `--page 2`, `--page=2`, `--full`."""
    declared = {opt.name: opt for opt in cmd.options}
    words: list[str] = []
    given: dict[str, str | bool] = {}
    i = 0
    while i < len(parts):
        part = parts[i]
        if not (part.startswith("--") and len(part) > 2):
            words.append(part)
            i += 1
            continue
        key, eq, value = part[2:].partition("=")
        opt = declared.get(key.lower())
        if opt is None:
            known = ", ".join(f"--{name}" for name in declared) or "none"
            raise UsageError(f"{cmd.name} has no option --{key} (its options: {known}).")
        if opt.flag:
            given[opt.name] = True
        elif eq:
            given[opt.name] = value
        elif i + 1 < len(parts) and not parts[i + 1].startswith("--"):
            given[opt.name], i = parts[i + 1], i + 1
        else:
            raise UsageError(f"--{opt.name} needs a value ({opt.shown}).")
        i += 1
    return words, given


def _positionals(cmd: Command, words: list[str]) -> dict[str, str | None]:
    """Words to arguments: a word a patterned argument recognises goes there, the others in
    order."""
    filled: dict[str, str | None] = {arg.name: None for arg in cmd.args}
    for i, word in enumerate(words):
        arg = _patterned(cmd.args, filled, word) or _next_free(cmd.args, filled)
        if arg is None:
            extra = " ".join(words[i:])
            raise UsageError(f"{cmd.name} does not take {extra!r}.")
        if arg.rest:
            filled[arg.name] = " ".join(words[i:])
            break
        filled[arg.name] = word
    for arg in cmd.args:
        if arg.required and filled[arg.name] is None:
            raise UsageError(
                f"{cmd.name} needs {arg.shown}" + (f": {arg.help}." if arg.help else ".")
            )
    return filled


def _patterned(args: tuple[Arg, ...], filled: dict[str, str | None], word: str) -> Arg | None:
    for arg in args:
        if arg.pattern and filled[arg.name] is None and re.search(arg.pattern, word):
            return arg
    return None


def _next_free(args: tuple[Arg, ...], filled: dict[str, str | None]) -> Arg | None:
    return next((a for a in args if not a.pattern and filled[a.name] is None), None)


def _convert(spec: Arg | Opt, word: str) -> object:
    if spec.choices:
        if word.lower() not in spec.choices:
            raise UsageError(f"{_shown(word)!r} is not one of {', '.join(spec.choices)}.")
        word = word.lower()
    try:
        return spec.type.parse(word)
    except UserError as exc:  # already names the word
        raise UsageError(str(exc)) from None
    except ValueError as exc:
        raise UsageError(f"{_shown(word)!r}: {exc}") from None


def _shown(word: str) -> str:
    """A typed word as an error message quotes it: a 70,000-character URL is not repeated."""
    return word if len(word) <= SHOWN_WORD_CHARS else word[: SHOWN_WORD_CHARS - 1] + "…"
