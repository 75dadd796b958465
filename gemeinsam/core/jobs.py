from pathlib import Path

from django.utils.translation import gettext_lazy as _
from django.utils.translation import gettext_noop

from gemeinsam.jobs.registry import register

from .services import directory_import

BUNDLED_DATA = Path(__file__).parent / "data"
DIRECTORY_IMPORT = "core.directory_import"
DIRECTORY_IMPORT_TITLE = _("Import of the municipality directory")
# The keys of the import's result, which the job page shows translated.
RESULT_LABELS = [gettext_noop("created"), gettext_noop("updated"), gettext_noop("unchanged")]


def bundled_directory_files():
    return {
        "directory_csv": (BUNDLED_DATA / "ags_master.csv").read_text(encoding="utf-8-sig"),
        "population_csv": (BUNDLED_DATA / "population_2021.csv").read_text(encoding="utf-8-sig"),
        "referendum_csv": (BUNDLED_DATA / "climate_referendum_teams.csv").read_text(
            encoding="utf-8-sig"
        ),
    }


@register(DIRECTORY_IMPORT)
def run_directory_import(*, report_progress, directory_csv, population_csv="",
                         referendum_csv=""):
    return directory_import(directory_csv=directory_csv, population_csv=population_csv,
                            referendum_csv=referendum_csv, progress=report_progress)
