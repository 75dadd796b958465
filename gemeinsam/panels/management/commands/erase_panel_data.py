import datetime

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from gemeinsam.panels.services import panels_erase_due


class Command(BaseCommand):
    help = ("Erase the personal data of every citizens' panel whose erasure date has come: "
            "names, addresses, contact details and answers of letters and registrations. The "
            "counts, quotas and pseudonymous audit files remain. Once a panel's registration "
            "deadline has passed, the names and addresses on its letters are erased too (the "
            "codes stay). Run it once a day, e.g. from cron: "
            "`15 2 * * * manage.py erase_panel_data`.")

    def add_arguments(self, parser):
        parser.add_argument("--today", help="Date to act as today (YYYY-MM-DD), for tests and "
                                            "catching up; default: the local date.")

    def handle(self, *args, today=None, **options):
        if today:
            try:
                day = datetime.date.fromisoformat(today)
            except ValueError as error:
                raise CommandError(f"--today: not a date: {today}") from error
        else:
            day = timezone.localdate()
        counts = panels_erase_due(today=day)
        self.stdout.write(f"Personal data of {counts['panels']} panel(s) erased.")
        self.stdout.write(f"Names and addresses of {counts['letters']} letter(s) erased after "
                          f"the registration deadline.")
