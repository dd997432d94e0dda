"""The catalogs kept up to date with the code: every `_()` message found in lab/, the translations each lacks.

Babel reads the messages out of the Python modules and the Jinja templates, as `pybabel extract` would with
babel.cfg's method map; `update` merges them into each language's .po file, keeping every translation made.
"""

import re
from dataclasses import dataclass
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po, write_po

from lab.i18n import DOMAIN, LANGUAGES, catalog_path

SOURCE = Path(__file__).resolve().parent.parent  # lab/
METHODS = [("**/templates/**.html", "jinja2.ext:babel_extract"), ("**.py", "lab.i18n.extract:extract_python")]
PROJECT = "architecture comparison lab"
KEYWORDS = {"_": None, "N_": None, "ngettext": (1, 2)}
PLACEHOLDER = re.compile(r"\{[a-z_][a-z0-9_]*(?:[:!][^{}]*)?\}")


def extracted() -> Catalog:
    """Every message the lab's code and templates ask to be translated, with where each is used."""
    template = Catalog(domain=DOMAIN, project=PROJECT, charset="utf-8")
    options = {"**/templates/**.html": {"extensions": "jinja2.ext.i18n", "trimmed": "true"}}
    for filename, line, message, comments, context in extract_from_dir(
        SOURCE, METHODS, options_map=options, keywords=KEYWORDS, strip_comment_tags=True
    ):
        template.add(message, None, [(f"lab/{filename}", line)], auto_comments=comments, context=context)
    return template


def read(language: str) -> Catalog:
    """A language's catalog as it is on disk; an empty one where there is none yet."""
    path = catalog_path(language)
    if not path.exists():
        return Catalog(locale=language, domain=DOMAIN, project=PROJECT, charset="utf-8", fuzzy=False)
    with path.open("rb") as po:
        return read_po(po, locale=language, domain=DOMAIN)


def update() -> list[Path]:
    """Merge the code's messages into every translated language's catalog; the files written."""
    template, written = extracted(), []
    for language in LANGUAGES[1:]:
        catalog = read(language)
        template.creation_date = catalog.creation_date  # the header changes only when a translator says so
        catalog.update(template, update_header_comment=False)
        path = catalog_path(language)
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("wb") as po:
            write_po(po, catalog, width=116, sort_output=False, ignore_obsolete=True, include_lineno=False)
        written.append(path)
    return written


@dataclass(frozen=True)
class Gap:
    """A message a language cannot say yet, and why."""

    message: str
    why: str
    where: str


def _placeholders(text: str) -> set[str]:
    return set(PLACEHOLDER.findall(text))


def gaps(language: str) -> list[Gap]:
    """Every message of the code that `language`'s catalog lacks, leaves fuzzy, or translates with other fields."""
    catalog, found = read(language), []
    for message in extracted():
        if not message.id:
            continue
        where = ", ".join(f"{path}:{line}" for path, line in message.locations[:2])
        ids = message.id if isinstance(message.id, tuple) else (message.id,)
        entry = catalog.get(message.id)
        strings = () if entry is None else (entry.string if isinstance(entry.string, tuple) else (entry.string,))
        if entry is None or not all(strings):
            found.append(Gap(ids[0], "no translation", where))
        elif entry.fuzzy:
            found.append(Gap(ids[0], "fuzzy: a guess Babel made, not checked by a translator", where))
        elif any(_placeholders(ids[-1]) != _placeholders(string) for string in strings):
            found.append(Gap(ids[0], "its {placeholders} differ from the English", where))
    return found
