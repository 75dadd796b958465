"""The Termintipps for the team and the administration: who may create, edit and delete events
directly, what they see of proposals, and stale edits."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from gemeinsam.participation import services
from gemeinsam.participation.models import EntryStatus, Event
from tests.participation.events_factories import (
    category,
    event,
    form_data,
    initiative,
    local,
    proposal,
    url,
)

pytestmark = pytest.mark.django_db
ROLES = ["anonymous", "signed_in_user", "member", "coordinator", "administration", "outsider",
         "platform_admin"]
# 1x1 transparent GIF
GIF = (b"GIF89a\x01\x00\x01\x00\x80\x00\x00\x00\x00\x00\xff\xff\xff!\xf9\x04\x01\x00\x00\x00"
       b"\x00,\x00\x00\x00\x00\x01\x00\x01\x00\x00\x02\x02D\x01\x00;")


def _client(role, client_for, request):
    return client_for(None if role == "anonymous" else request.getfixturevalue(role))


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture
def published(municipality):
    return event(municipality, starts_at=local(2030, 3, 2, 10), categories=["repair-cafe"])


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize(("name", "method"), [
    ("event_create", "get"), ("event_edit", "get"), ("event_delete", "get"),
    ("event_delete", "post")])
def test_role_matrix_of_the_team_pages(role, name, method, published, client_for, request):
    client = _client(role, client_for, request)
    target = url(name) if name == "event_create" else url(name, published.pk)
    response = getattr(client, method)(target)
    expected = {"anonymous": 302, "signed_in_user": 403, "outsider": 403}.get(
        role, 200 if method == "get" else 302)
    assert response.status_code == expected
    if role == "anonymous":
        assert response["Location"].startswith(reverse("account_login"))
    deleted = not Event.objects.filter(pk=published.pk).exists()
    assert deleted == (method == "post" and expected == 302 and role != "anonymous")


@pytest.mark.parametrize("role", ROLES)
def test_role_matrix_of_the_public_pages(role, published, client_for, request, municipality):
    client = _client(role, client_for, request)
    waiting = proposal(municipality, starts_at=local(2030, 3, 3, 10))
    for target in (url("events"), url("events") + "?ansicht=monat", url("events_map"),
                   url("events_geojson"), url("events_feed"), url("event", published.pk),
                   url("event_ics", published.pk), url("event_propose")):
        assert client.get(target).status_code == 200, target
    # Waiting proposals: the team and the administration see them, nobody else.
    may_moderate = role in ("member", "coordinator", "administration", "platform_admin")
    assert client.get(url("event", waiting.pk)).status_code == (200 if may_moderate else 404)


def test_the_team_publishes_at_once(client_for, member, municipality, client):
    services.categories_ensure(municipality=municipality)
    organiser = initiative(municipality, "Energiewende-Stammtisch")
    response = client_for(member).post(url("event_create"), form_data(
        organiser=f"initiative-{organiser.pk}", organiser_name="",
        categories=[category(municipality, "bildung").pk], repeat="weekly",
        repeat_until="2030-04-30", image=SimpleUploadedFile("bild.gif", GIF, "image/gif"),
        image_alt="Menschen tauschen Kleidung"))
    created = Event.objects.get()
    assert response.status_code == 302
    assert response["Location"] == url("event", created.pk)
    assert created.status == EntryStatus.PUBLISHED and created.published_at
    assert created.organiser_initiative == organiser
    assert created.recurrence == "FREQ=WEEKLY;BYDAY=SA;UNTIL=20300430T215959Z"
    assert created.image.name.startswith("participation/")
    html = client.get(url("event", created.pk)).content.decode()
    assert "Energiewende-Stammtisch" in html and 'alt="Menschen tauschen Kleidung"' in html


def test_the_team_edits_and_the_form_shows_what_is_stored(client_for, coordinator, published):
    client = client_for(coordinator)
    page = client.get(url("event_edit", published.pk)).content.decode()
    assert 'value="2030-03-02"' in page and 'value="10:00"' in page and 'value="12:00"' in page
    response = client.post(url("event_edit", published.pk), form_data(
        title="Reparieren, neu", version=published.version, repeat="monthly_weekday",
        image=SimpleUploadedFile("neu.gif", GIF, "image/gif"), image_alt="Werkzeug"))
    assert response.status_code == 302
    published.refresh_from_db()
    assert published.title == "Reparieren, neu"
    assert published.recurrence == "FREQ=MONTHLY;BYDAY=1SA"
    assert published.sequence == 1
    assert published.image and published.image.storage.exists(published.image.name)
    again = client.get(url("event_edit", published.pk)).content.decode()
    assert '<option value="monthly_weekday" selected>' in again


def test_a_stale_edit_is_refused_and_the_input_kept(client_for, administration, published):
    client = client_for(administration)
    old = published.version
    client.post(url("event_edit", published.pk), form_data(title="Erste", version=old))
    response = client.post(url("event_edit", published.pk),
                           form_data(title="Zweite, veraltet", version=old))
    assert response.status_code == 409
    assert 'value="Zweite, veraltet"' in response.content.decode()
    published.refresh_from_db()
    assert published.title == "Erste"


def test_the_team_edit_page_says_when_changes_wait(client_for, member, municipality):
    entry, _token = services.entry_propose(
        model=Event, municipality=municipality,
        fields={"title": "Vorschlag", "starts_at": local(2030, 3, 2, 10)})
    html = client_for(member).get(url("event_edit", entry.pk)).content.decode()
    assert url("moderation") in html


def test_an_own_rule_round_trips_through_the_team_form(client_for, member, municipality):
    series = event(municipality, "Letzter Freitag", starts_at=local(2030, 1, 25, 18),
                   recurrence="FREQ=MONTHLY;BYDAY=-1FR;COUNT=10")
    html = client_for(member).get(url("event_edit", series.pk)).content.decode()
    assert '<option value="custom" selected>' in html
    assert 'value="FREQ=MONTHLY;BYDAY=-1FR;COUNT=10"' in html


def test_the_team_form_refuses_bad_input_with_400(client_for, member, published):
    response = client_for(member).post(url("event_edit", published.pk), form_data(
        version=published.version, repeat="custom", recurrence="RRULE:FREQ=WEEKLY;BYDAY=ZZ",
        organiser="initiative-999999"))
    assert response.status_code == 400
    errors = response.context["form"].errors
    assert "recurrence" in errors and "organiser" in errors
    published.refresh_from_db()
    assert published.title == "Reparieren statt wegwerfen"


def test_delete_removes_the_event_everywhere(client_for, administration, published, client):
    response = client_for(administration).post(url("event_delete", published.pk))
    assert response.status_code == 302
    assert not Event.objects.filter(pk=published.pk).exists()
    assert client.get(url("event", published.pk)).status_code == 404
    assert "Reparieren" not in client.get(url("events_feed") + "?von=2030-03-01").content.decode()


def test_another_municipality_cannot_reach_the_events(client_for, outsider, published):
    assert client_for(outsider).get(url("event_edit", published.pk)).status_code == 403
    # Under the other municipality's address the event does not exist.
    assert client_for(outsider).get(url("event_edit", published.pk, slug="konstanz")
                                    ).status_code == 404
