"""A section's texts kept as module constants, each said in the language spoken at the moment it is read."""

from collections.abc import Callable

from lab.i18n import _


def constants(texts: dict[str, str], module: str) -> Callable[[str], str]:
    """A module's __getattr__ for `texts` (each marked with N_): `section.TITLE` reads in the reader's language,
    so whoever shows it (build.py) needs no _() of its own, and one that adds one translates nothing twice."""

    def said(name: str) -> str:
        if name in texts:
            return _(texts[name])
        raise AttributeError(f"module {module!r} has no attribute {name!r}")

    return said
