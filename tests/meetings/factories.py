"""Bodies and meetings as the services make them; people are the alliance's actors."""

import datetime

from django.utils import timezone

from gemeinsam.actors import services as actor_services
from gemeinsam.meetings import services
from tests.actors.factories import OrganisationFactory, PersonFactory

SIX_WEEKS_ON_TUESDAY = "FREQ=WEEKLY;INTERVAL=6;BYDAY=TU"


def jour_fixe(municipality, **fields):
    return services.body_create(**{
        "municipality": municipality, "name": "Jour fixe Umweltamt", "kind": "jour_fixe",
        "purpose": "Austausch zwischen Umweltamt und Klimateam",
        "recurrence": SIX_WEEKS_ON_TUESDAY, "first_date": datetime.date(2026, 1, 6),
        "start_time": datetime.time(17, 0), "place": "Rathaus, Raum 204", **fields})


def round_table(municipality, **fields):
    return services.body_create(**{
        "municipality": municipality, "name": "Runder Tisch Klimaschutz", "kind": "round_table",
        "purpose": "Alle Akteure der Stadt an einem Tisch", "public": True,
        "place": "Stadtbücherei", **fields})


def meeting(body, days=14, **fields):
    """A meeting `days` from now (negative: in the past), at 17:00 local time."""
    day = timezone.localdate() + datetime.timedelta(days=days)
    starts = timezone.make_aware(datetime.datetime.combine(day, datetime.time(17, 0)))
    return services.meeting_schedule(body=body, starts_at=starts, **fields)


def person(municipality, name, **fields):
    return PersonFactory(municipality=municipality, name=name, **fields)


def organisation(municipality, name, **fields):
    return OrganisationFactory(municipality=municipality, name=name, **fields)


def position_held_by(municipality, title, holder, since=datetime.date(2024, 1, 1)):
    position = actor_services.position_create(municipality=municipality, title=title)
    actor_services.position_hand_over(position=position, person=holder, on=since,
                                      recorded_by=None)
    return position
