"""Events as the services make them, for the tests of the Termintipps."""

import datetime

from django.urls import reverse
from django.utils import timezone

from gemeinsam.participation import services
from gemeinsam.participation.models import Event, Initiative

SLUG = "ruesselsheim-am-main"
PROPOSER = "vorschlagende@example.org"


def url(name, *args, slug=SLUG):
    return reverse(f"participation:{name}", args=[slug, *args])


def local(year, month, day, hour=0, minute=0):
    return timezone.make_aware(datetime.datetime(year, month, day, hour, minute))


def category(municipality, slug):
    return services.categories_ensure(municipality=municipality).get(slug=slug)


def initiative(municipality, name="Repair-Café Königstädten"):
    return services.entry_create(model=Initiative, municipality=municipality,
                                 fields={"name": name, "contact_email": "geheim@repair.example"})


def event(municipality, title="Reparieren statt wegwerfen", *, starts_at, categories=(),
          **fields):
    """A published event (the team's way: published at once)."""
    values = {"ends_at": starts_at + datetime.timedelta(hours=2),
              "address": "Ringstraße 40, 65428 Rüsselsheim am Main",
              "latitude": 49.9712, "longitude": 8.4473,
              "description": "Wir **reparieren** gemeinsam."}
    values.update(fields)
    return services.entry_create(
        model=Event, municipality=municipality, fields={"title": title, "starts_at": starts_at,
                                                        **values},
        categories=[category(municipality, slug) for slug in categories])


def proposal(municipality, title="Vorgeschlagen, noch nicht geprüft", *, starts_at, **fields):
    entry, _token = services.entry_propose(
        model=Event, municipality=municipality, proposer_email=PROPOSER,
        fields={"title": title, "starts_at": starts_at, **fields})
    return entry


def form_data(**overrides):
    """What a person types into the event form."""
    data = {"title": "Kleidertausch im Stadtteilzentrum", "start_date": "2030-03-02",
            "start_time": "10:00", "end_time": "13:00", "end_date": "", "repeat": "",
            "recurrence": "", "repeat_until": "", "address": "Marktplatz 4, 65428 Rüsselsheim",
            "latitude": "49.9917", "longitude": "8.4125", "online_url": "",
            "organiser": "", "organiser_name": "Nachbarschaftstreff Dicker Busch",
            "description": "Bringen Sie **gut erhaltene** Kleidung mit.",
            "registration_url": "", "cost": "kostenlos", "accessibility": "Ebenerdig",
            "image_alt": ""}
    data.update(overrides)
    return data
