import datetime
import math
import re
from urllib.parse import urlsplit

import pytest
from django.core.management import call_command
from django.utils import timezone

from gemeinsam.actors.models import ActorKind
from gemeinsam.core.models import Municipality
from gemeinsam.participation import selectors
from gemeinsam.participation.models import (
    Category,
    EmbedSettings,
    EntryStatus,
    Event,
    Initiative,
    Page,
)

CENTRE = (49.99, 8.41)  # Rüsselsheim am Main
EMAIL = re.compile(r"[\w.+-]+@[\w-]+(\.[\w-]+)+")
PUBLIC_EVENT_FIELDS = ["title", "description", "address", "online_url", "registration_url",
                       "cost", "accessibility", "organiser_name"]


def _counts(municipality):
    return [
        Initiative.objects.filter(municipality=municipality).count(),
        Event.objects.filter(municipality=municipality).count(),
        Category.objects.filter(municipality=municipality).count(),
        Page.objects.filter(municipality=municipality).count(),
        EmbedSettings.objects.filter(municipality=municipality).count(),
        Initiative.categories.through.objects.filter(
            initiative__municipality=municipality).count(),
        Event.categories.through.objects.filter(event__municipality=municipality).count(),
    ]


def _km(latitude, longitude):
    north = (latitude - CENTRE[0]) * 111.2
    east = (longitude - CENTRE[1]) * 111.2 * math.cos(math.radians(CENTRE[0]))
    return math.hypot(north, east)


def _on_example_domain(url):
    host = urlsplit(url).hostname or ""
    return host in ("example.org", "example.com") or host.endswith((".example.org",
                                                                    ".example.com"))


@pytest.mark.django_db(transaction=True)
def test_demo_fills_map_events_and_pages_once():
    call_command("load_demo")
    ruesselsheim = Municipality.objects.get(slug="ruesselsheim-am-main")
    counts = _counts(ruesselsheim)
    call_command("load_demo")
    assert _counts(ruesselsheim) == counts

    # The Mitmachkarte: plausible initiatives in the districts, a few without a place.
    initiatives = list(selectors.initiatives_published(municipality=ruesselsheim))
    assert len(initiatives) >= 40
    placed = [initiative for initiative in initiatives if initiative.has_place]
    assert len(initiatives) - len(placed) >= 3
    assert all(_km(i.latitude, i.longitude) < 4 for i in placed)
    for initiative in initiatives:
        assert list(initiative.categories.all()), initiative
        assert len(re.findall(r"[.!?](\s|$)", initiative.description)) >= 2, initiative
        assert initiative.opening_hours and initiative.how_to_join and initiative.languages
        assert initiative.contact_email.endswith(("@example.org", ".example.org"))
        for url in [initiative.website, *initiative.social_links.split()]:
            assert not url or _on_example_domain(url), url
    slugs = {category.slug for initiative in initiatives
             for category in initiative.categories.all()}
    assert {"gemeinschaftsgarten", "repair-cafe", "lastenrad", "foodsharing",
            "energiegenossenschaft", "mobilitaet", "bildung", "klimagruppe",
            "naturschutz"} <= slugs
    assert any("RüsselsheimZero" == initiative.name for initiative in initiatives)

    # The Termintipps: the next three months and a few past events.
    now = timezone.now()
    events = list(selectors.events_published(municipality=ruesselsheim))
    assert len(events) >= 60
    rules = {event.recurrence for event in events}
    assert {"FREQ=MONTHLY;BYDAY=1SA", "FREQ=MONTHLY;BYDAY=-1FR",
            "FREQ=WEEKLY;BYDAY=TU"} <= rules
    assert sum(1 for event in events if event.all_day) >= 3
    assert sum(1 for event in events if event.online_url and not event.has_place) >= 3
    assert sum(1 for event in events if not event.recurrence and event.starts_at < now) >= 3
    once = [event for event in events if not event.recurrence and event.starts_at > now]
    assert len(once) >= 40
    assert max(event.starts_at for event in once) < now + datetime.timedelta(days=92)
    assert {"kostenlos", "5 €", "Spende erbeten"} <= {event.cost for event in events}
    assert sum(1 for event in events if event.registration_url) >= 5
    assert sum(1 for event in events if event.organiser_initiative) >= 30
    by_actor = [event for event in events if event.organiser_actor]
    assert by_actor and all(event.organiser_actor.kind == ActorKind.ORGANISATION
                            for event in by_actor)
    for event in events:
        assert list(event.categories.all()), event
        assert event.organiser, event
        for url in (event.online_url, event.registration_url):
            assert not url or _on_example_domain(url), url
        if event.has_place:
            assert _km(event.latitude, event.longitude) < 4, event

    # Recurring events happen when their rule says, every time within the next three months.
    end = now + datetime.timedelta(days=91)
    found = selectors.occurrences(events, start=now, end=end)
    days = {}
    for occurrence in found:
        days.setdefault(occurrence.event.recurrence, []).append(
            timezone.localtime(occurrence.starts_at))
    assert len(days["FREQ=MONTHLY;BYDAY=1SA"]) >= 2
    assert all(day.weekday() == 5 and day.day <= 7 for day in days["FREQ=MONTHLY;BYDAY=1SA"])
    assert all(day.weekday() == 4 and (day + datetime.timedelta(days=7)).month != day.month
               for day in days["FREQ=MONTHLY;BYDAY=-1FR"])
    assert len(days["FREQ=WEEKLY;BYDAY=TU"]) >= 12
    assert all(day.hour == 17 for day in days["FREQ=WEEKLY;BYDAY=TU"])  # also after DST

    # The moderation queue: new proposals and one change to a published initiative.
    queue = selectors.moderation_queue(municipality=ruesselsheim)
    proposed = [i for i in queue["initiatives"] if i.status == EntryStatus.PROPOSED]
    changed = [i for i in queue["initiatives"] if i.status == EntryStatus.PUBLISHED]
    assert 3 <= len(proposed) <= 4 and all(i.proposer_email for i in proposed)
    assert len(changed) == 1 and changed[0].pending_changes
    assert len(queue["events"]) == 2
    assert Initiative.objects.filter(municipality=ruesselsheim,
                                     status=EntryStatus.REJECTED).exists()

    # Pages in both languages, in the order of the navigation; the embedding.
    pages = list(selectors.pages_published(municipality=ruesselsheim))
    assert [page.slug for page in pages] == ["ueber-das-buendnis", "mitmachen",
                                             "datenschutz-hinweise"]
    assert all(page.body and page.title_en and page.body_en for page in pages)
    assert selectors.embed_origins(municipality=ruesselsheim) == ["https://www.ruesselsheim.de"]


@pytest.mark.django_db(transaction=True)
def test_demo_addresses_stay_out_of_what_the_public_reads():
    call_command("load_demo")
    ruesselsheim = Municipality.objects.get(slug="ruesselsheim-am-main")
    private, contacts = set(), set()
    for model in (Initiative, Event):
        for entry in model.objects.filter(municipality=ruesselsheim):
            private.update(filter(None, [entry.proposer_email,
                                         getattr(entry, "contact_email", "")]))
            contacts.update(filter(None, [getattr(entry, "contact_name", "")]))
    assert len(private) >= 30 and len(contacts) >= 30

    texts = []
    for initiative in selectors.initiatives_published(municipality=ruesselsheim):
        texts += [str(getattr(initiative, field) or "")
                  for field in selectors.PUBLIC_INITIATIVE_FIELDS]
        texts += [category.name for category in initiative.categories.all()]
    for event in selectors.events_published(municipality=ruesselsheim):
        texts += [str(getattr(event, field) or "") for field in PUBLIC_EVENT_FIELDS]
        texts.append(str(event.organiser))
    for page in selectors.pages_published(municipality=ruesselsheim):
        texts += [page.title, page.body, page.title_en, page.body_en]
    public = "\n".join(texts)
    assert "RüsselsheimZero" in public and "Repair-Café" in public
    assert not EMAIL.search(public)
    for address in private:
        assert address not in public
    for name in contacts:
        assert name not in public
