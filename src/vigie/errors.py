"""The one error type Vigie shows to people: it says which file, line or field is wrong and what was expected."""


class VigieError(Exception):
    """A problem with the user's input or data, explained in plain words (the CLI prints it and exits 1)."""
