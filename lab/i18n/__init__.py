"""The lab's languages: English, the language of its code, and Spanish, the course's, through gettext.

Every sentence the lab shows a reader (the report, the class guide, the worksheets) is written in English inside
`_()`; the Spanish is in the catalog lab/i18n/locale/es/LC_MESSAGES/lab.po, which Babel reads. The catalog is
compiled in memory when first needed, so there is no .mo file to forget to rebuild. `python -m lab.i18n update`
adds new sentences to the catalog after a change; a unit test fails while one lacks its translation.

The language is LAB_LANG where set, else the system locale's (LANGUAGE, LC_ALL, LC_MESSAGES, LANG), else English.
`speaking("es")` switches it for a block, as a worksheet written in both languages does.
"""

import functools
import gettext
import io
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from pathlib import Path

from babel.core import default_locale
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.numbers import format_decimal
from babel.support import Translations

LANGUAGES = ("en", "es")  # the first is the source language: its catalog is the code itself
DOMAIN = "lab"
LOCALE_DIR = Path(__file__).parent / "locale"

_speaking: ContextVar[str | None] = ContextVar("speaking", default=None)


def catalog_path(language: str) -> Path:
    """Where a language's catalog is kept."""
    return LOCALE_DIR / language / "LC_MESSAGES" / f"{DOMAIN}.po"


def chosen_language() -> str:
    """LAB_LANG, else the system locale's language where the lab speaks it, else English."""
    from lab.settings import at_start

    wanted = at_start().lab_lang
    if wanted:
        return wanted
    system = (default_locale(("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG")) or "").split("_")[0]
    return system if system in LANGUAGES else LANGUAGES[0]


def language() -> str:
    """The language being spoken now: the block's (speaking), else the chosen one."""
    return _speaking.get() or chosen_language()


@contextmanager
def speaking(language_: str) -> Iterator[None]:
    """Everything said inside the block is said in `language_` (one of LANGUAGES)."""
    if language_ not in LANGUAGES:
        raise ValueError(f"the lab speaks {', '.join(LANGUAGES)}, not {language_!r}")
    token = _speaking.set(language_)
    try:
        yield
    finally:
        _speaking.reset(token)


@functools.cache
def translations(language_: str) -> gettext.NullTranslations:
    """A language's catalog, compiled in memory from its .po file; the source language translates nothing."""
    if language_ == LANGUAGES[0]:
        return gettext.NullTranslations()
    with catalog_path(language_).open("rb") as po:
        catalog = read_po(po, locale=language_, domain=DOMAIN)
    compiled = io.BytesIO()
    write_mo(compiled, catalog)  # fuzzy entries are left out, as msgfmt leaves them
    compiled.seek(0)
    return Translations(compiled, domain=DOMAIN)


def _(message: str) -> str:
    """`message` in the language spoken now."""
    return translations(language()).gettext(message)


def ngettext(singular: str, plural: str, count: int) -> str:
    """The singular or the plural of a message for `count`, in the language spoken now."""
    return translations(language()).ngettext(singular, plural, count)


def N_(message: str) -> str:
    """Marks a constant for the catalog without translating it: `_()` translates it where it is shown."""
    return message


def number(value: float, decimals: int = 0) -> str:
    """A number as the language writes it: 1,234.5 in English, 1.234,5 in Spanish."""
    pattern = "#,##0" + ("." + "0" * decimals if decimals > 0 else "")
    return format_decimal(value, format=pattern, locale=language())


def percent(share: float, decimals: int = 0) -> str:
    """A share (0.25) as a percentage in the language spoken now: 25%."""
    return number(share * 100, decimals) + "%"
