"""The one exception type for user mistakes: the CLI prints its message on one line, exit 2."""


class UserError(Exception):
    """Bad input from the user (a path, a value, a file's content); the message names it."""

    exit_code = 2
