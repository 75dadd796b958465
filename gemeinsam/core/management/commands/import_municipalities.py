from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from gemeinsam.core.errors import ImportFailed
from gemeinsam.core.jobs import BUNDLED_DATA
from gemeinsam.core.services import directory_import


class Command(BaseCommand):
    help = ("Import the directory of German municipalities (AGS, name, population). Without "
            "arguments the files that ship with Gemeinsam are used.")

    def add_arguments(self, parser):
        parser.add_argument("--directory", type=Path, default=BUNDLED_DATA / "ags_master.csv")
        parser.add_argument("--population", type=Path,
                            default=BUNDLED_DATA / "population_2021.csv")
        parser.add_argument("--referendum-teams", type=Path,
                            default=BUNDLED_DATA / "climate_referendum_teams.csv")

    def handle(self, *args, directory, population, referendum_teams, **options):
        def read(path):
            try:
                return path.read_text(encoding="utf-8-sig")
            except OSError as error:
                raise CommandError(f"{path}: {error.strerror}") from None

        try:
            result = directory_import(directory_csv=read(directory),
                                      population_csv=read(population),
                                      referendum_csv=read(referendum_teams))
        except ImportFailed as error:
            lines = [f"  line {line}: {reason}" for line, reason in error.errors]
            raise CommandError("\n".join([str(error.message), *lines])) from None
        self.stdout.write(self.style.SUCCESS(
            f"Directory imported: {result['created']} new, {result['updated']} updated, "
            f"{result['unchanged']} unchanged."
        ))
