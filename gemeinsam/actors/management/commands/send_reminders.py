from django.core.management.base import BaseCommand
from django.utils import timezone

from gemeinsam.actors.services import reminders_send


class Command(BaseCommand):
    help = "E-mail every team member the next steps and follow-ups due for them (run daily)."

    def handle(self, *args, **options):
        count = reminders_send(on=timezone.localdate())
        self.stdout.write(f"Reminders sent to {count} people.")
