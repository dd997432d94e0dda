"""The lab speaks English and Spanish: every message of the code has its translation, and the language is chosen."""

import pytest
from babel.messages.catalog import Catalog

from lab import settings
from lab.i18n import _, catalogs, chosen_language, number, percent, speaking


def test_every_message_of_the_code_has_its_spanish_translation():
    missing = catalogs.gaps("es")
    listed = "\n".join(f"{gap.where}: {gap.why}: {gap.message!r}" for gap in missing[:40])
    assert not missing, f"run `make translations`, then translate in lab/i18n/locale/es/LC_MESSAGES/lab.po:\n{listed}"


def _catalog(*entries: tuple[str, str, bool]) -> Catalog:
    catalog = Catalog(locale="es")
    for message, translation, fuzzy in entries:
        catalog.add(message, translation, flags=("fuzzy",) if fuzzy else ())
    return catalog


@pytest.mark.parametrize(
    ("translation", "fuzzy", "why"),
    [
        ("", False, "no translation"),
        ("{users} usuarios", True, "fuzzy"),
        ("{usuarios} usuarios", False, "placeholders"),
    ],
)
def test_a_message_untranslated_fuzzy_or_with_other_fields_is_a_gap(monkeypatch, translation, fuzzy, why):
    code = Catalog()
    code.add("{users} users", locations=[("lab/report/x.py", 3)])
    monkeypatch.setattr(catalogs, "extracted", lambda: code)
    monkeypatch.setattr(catalogs, "read", lambda language: _catalog(("{users} users", translation, fuzzy)))
    [gap] = catalogs.gaps("es")
    assert why in gap.why and gap.where == "lab/report/x.py:3"


def test_a_message_translated_with_its_fields_is_no_gap(monkeypatch):
    code = Catalog()
    code.add("{users} users", locations=[("lab/report/x.py", 3)])
    monkeypatch.setattr(catalogs, "extracted", lambda: code)
    monkeypatch.setattr(catalogs, "read", lambda language: _catalog(("{users} users", "{users} usuarios", False)))
    assert catalogs.gaps("es") == []


def test_the_catalog_finds_messages_in_python_and_in_templates():
    found = {message.id: message.locations for message in catalogs.extracted() if message.id}
    assert any(path.endswith(".html") for locations in found.values() for path, _line in locations)
    assert any(path.endswith(".py") for locations in found.values() for path, _line in locations)


@pytest.fixture
def environment(monkeypatch):
    for name in ("LAB_LANG", "LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"):
        monkeypatch.delenv(name, raising=False)
    settings.at_start.cache_clear()
    yield monkeypatch
    settings.at_start.cache_clear()


def test_lab_lang_chooses_the_language(environment):
    environment.setenv("LANG", "en_GB.UTF-8")
    environment.setenv("LAB_LANG", "es")
    assert chosen_language() == "es"


def test_the_system_locale_chooses_where_lab_lang_is_unset(environment):
    environment.setenv("LANG", "es_AR.UTF-8")
    assert chosen_language() == "es"


def test_a_system_locale_the_lab_does_not_speak_falls_back_to_english(environment):
    environment.setenv("LANG", "de_DE.UTF-8")
    assert chosen_language() == "en"


def test_lab_lang_refuses_a_language_the_lab_does_not_speak(environment):
    environment.setenv("LAB_LANG", "fr")
    with pytest.raises(settings.SettingsError, match="LAB_LANG"):
        settings.read()


def test_speaking_switches_messages_and_numbers_for_a_block():
    with speaking("es"):
        assert _("At a glance") == "De un vistazo"
        assert (number(12345.678, 1), percent(0.256)) == ("12.345,7", "26%")
    with speaking("en"):
        assert _("At a glance") == "At a glance"
        assert (number(12345.678, 1), percent(0.256)) == ("12,345.7", "26%")
    with pytest.raises(ValueError, match="speaks en, es"):
        speaking("fr").__enter__()


def test_a_message_inside_an_f_string_reaches_the_catalog():
    import io

    from lab.i18n.extract import extract_python

    source = b"x = f\"{_('Live demo')}: {ngettext('one', 'many', n)}\"\ny = _(variable)\n"
    found = list(extract_python(io.BytesIO(source), {"_": None, "ngettext": (1, 2)}, [], {}))
    assert [(line, message) for line, _name, message, _comments in found] == [(1, "Live demo"), (1, ("one", "many"))]
