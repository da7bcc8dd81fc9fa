"""Errors the core raises on purpose."""


class UserError(Exception):
    """An expected problem the user can fix (bad input, unknown range, nothing found).

    The router turns it into an ephemeral reply; the CLI prints it on one line.
    """


class UsageError(UserError):
    """A command typed against its grammar (a missing word, a bad value): answered with its
    usage."""


class ConfigError(UserError):
    """Settings are missing or invalid; the message names each one."""
