from django.conf import settings
from django.core.management.base import BaseCommand
from django.urls import reverse
from django.utils import timezone

from gemeinsam.actors.services import reminders_send
from gemeinsam.meetings.services import meeting_reminders_send


class Command(BaseCommand):
    help = ("Send the daily reminders: each team member's due next steps and follow-ups in the "
            "alliance, and everyone invited to a meeting in two days who has not declined.")

    def handle(self, *args, **options):
        today = timezone.localdate()
        people = reminders_send(on=today)
        invited = meeting_reminders_send(on=today, build_url=lambda slug, token: (
            settings.BASE_URL + reverse("meetings:rsvp", args=[slug, token])))
        self.stdout.write(f"Alliance reminders sent to {people} people; "
                          f"{invited} meeting reminders sent.")
