from pathlib import Path

from babel.messages.pofile import read_po
from django.conf import settings


def test_german_catalogue_is_complete_and_consistent():
    po_path = Path(settings.LOCALE_PATHS[0]) / "de" / "LC_MESSAGES" / "django.po"
    with po_path.open("rb") as po_file:
        catalog = read_po(po_file, locale="de")
    untranslated = [m.id for m in catalog if m.id and not (
        all(m.string) if isinstance(m.string, tuple) else m.string)]
    fuzzy = [m.id for m in catalog if m.id and m.fuzzy]
    assert not untranslated, untranslated
    assert not fuzzy, fuzzy
    problems = [(m.id, error) for m, errors in catalog.check() for error in errors]
    assert not problems, problems
