import pytest

from gemeinsam.core.errors import ImportFailed
from gemeinsam.core.jobs import bundled_directory_files
from gemeinsam.core.models import AreaKind, DirectoryEntry
from gemeinsam.core.services import directory_import

DIRECTORY = '''"ags","description"
"DG000000","Deutschland"
"06000000","Hessen"
"06433000","Groß-Gerau, (Landkreis)"
"06433012","Rüsselsheim am Main, Stadt"
"11000000","Berlin, Stadt"
'''
POPULATION = "ags,total\n06433012,66125\n11000000,3677472\n"
REFERENDUM = "ags,description\n06433012,Rüsselsheim\n"


@pytest.mark.django_db
def test_import_creates_entries_with_kind_population_and_team():
    result = directory_import(directory_csv=DIRECTORY, population_csv=POPULATION,
                              referendum_csv=REFERENDUM)

    assert result == {"created": 4, "updated": 0, "unchanged": 0}
    entries = {e.ags: e for e in DirectoryEntry.objects.all()}
    assert entries["06000000"].kind == AreaKind.STATE
    assert entries["06433000"].kind == AreaKind.DISTRICT
    assert entries["06433000"].short_name == "Landkreis Groß-Gerau"
    assert entries["11000000"].kind == AreaKind.MUNICIPALITY  # city state
    ruesselsheim = entries["06433012"]
    assert (ruesselsheim.short_name, ruesselsheim.population) == ("Rüsselsheim am Main", 66125)
    assert ruesselsheim.has_climate_referendum_team
    assert not entries["11000000"].has_climate_referendum_team


@pytest.mark.django_db
def test_second_import_updates_only_what_changed():
    directory_import(directory_csv=DIRECTORY, population_csv=POPULATION)
    result = directory_import(directory_csv=DIRECTORY,
                              population_csv=POPULATION.replace("66125", "66500"))

    assert result == {"created": 0, "updated": 1, "unchanged": 3}
    assert DirectoryEntry.objects.get(ags="06433012").population == 66500


@pytest.mark.django_db
def test_bad_rows_are_all_reported_and_nothing_is_imported():
    bad = DIRECTORY + '"123","Kurz"\n"06433012","Doppelt"\n"06433013",""\n'
    with pytest.raises(ImportFailed) as failure:
        directory_import(directory_csv=bad,
                         population_csv="ags,total\n06433012,viele\n",
                         referendum_csv="ags\n99999999\n")

    assert [line for line, _reason in failure.value.errors] == [7, 8, 9, 2, 2]
    reasons = " ".join(str(reason) for _line, reason in failure.value.errors)
    assert "123" in reasons and "06433012" in reasons and "viele" in reasons
    assert "99999999" in reasons
    assert not DirectoryEntry.objects.exists()


@pytest.mark.django_db
def test_missing_column_is_reported():
    with pytest.raises(ImportFailed) as failure:
        directory_import(directory_csv="code,name\n1,x\n")
    assert failure.value.errors[0][0] == 1
    assert "ags" in str(failure.value.errors[0][1])


@pytest.mark.django_db
def test_bundled_files_hold_every_german_municipality():
    progress = []
    directory_import(**bundled_directory_files(),
                     progress=lambda done, total: progress.append((done, total)))

    assert DirectoryEntry.objects.filter(kind=AreaKind.MUNICIPALITY).count() > 10_000
    assert DirectoryEntry.objects.filter(kind=AreaKind.STATE).count() == 14
    assert DirectoryEntry.objects.filter(has_climate_referendum_team=True).count() == 83
    assert progress[-1][0] == progress[-1][1] > 10_000
