"""Proposals, moderation and edit links of initiatives and events; the occurrences of recurring
events in local time."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from gemeinsam.core.errors import DomainError, StaleEdit
from gemeinsam.participation import selectors, services
from gemeinsam.participation.models import EntryStatus, Event, Initiative

pytestmark = pytest.mark.django_db


def _at(year, month, day, hour=10):
    return timezone.make_aware(datetime.datetime(year, month, day, hour, 0))


def _propose_initiative(municipality, **fields):
    categories = list(services.categories_ensure(municipality=municipality))
    return services.entry_propose(
        model=Initiative, municipality=municipality,
        fields={"name": "Repair-Café Königstädten", "latitude": 49.97, "longitude": 8.45,
                "contact_email": "kontakt@repair.example.org", **fields},
        categories=categories[1:2], proposer_email="vorschlag@example.org",
        edit_url=lambda token: f"https://gemeinsam.example/bearbeiten/{token}/")


def test_a_proposal_waits_sends_the_edit_link_and_is_published_on_acceptance(municipality,
                                                                              mailoutbox):
    initiative, token = _propose_initiative(municipality)
    assert initiative.status == EntryStatus.PROPOSED
    assert not selectors.initiatives_published(municipality=municipality).exists()
    assert [m.to for m in mailoutbox] == [["vorschlag@example.org"]]
    assert f"https://gemeinsam.example/bearbeiten/{token}/" in mailoutbox[0].body
    secret = token.split("-", 2)[2]  # "initiative-<pk>-<secret>"; the secret may hold "-"
    assert secret not in initiative.edit_token_hash  # only the hash is stored
    queue = selectors.moderation_queue(municipality=municipality)
    assert queue["initiatives"] == [initiative]

    services.entry_accept(entry=initiative)
    assert list(selectors.initiatives_published(municipality=municipality)) == [initiative]
    assert selectors.moderation_queue(municipality=municipality)["initiatives"] == []


def test_changes_through_the_edit_link_wait_beside_the_published_text(municipality):
    initiative, token = _propose_initiative(municipality)
    assert services.entry_by_token(municipality=municipality, token=token) == initiative
    services.entry_accept(entry=initiative)
    initiative.refresh_from_db()
    gardening = services.categories_ensure(municipality=municipality).get(
        slug="gemeinschaftsgarten")
    services.entry_propose_changes(entry=initiative, version=initiative.version,
                                   fields={"name": "Repair-Café und Garten", "latitude": 49.98},
                                   categories=[gardening])
    initiative.refresh_from_db()
    assert initiative.name == "Repair-Café Königstädten"
    assert services.pending_fields(initiative) == {"name": "Repair-Café und Garten",
                                                    "latitude": 49.98}
    with pytest.raises(StaleEdit):
        services.entry_propose_changes(entry=initiative, version=initiative.version - 1,
                                       fields={"name": "Alt"}, categories=[])
    services.entry_accept(entry=initiative)
    initiative.refresh_from_db()
    assert (initiative.name, initiative.latitude) == ("Repair-Café und Garten", 49.98)
    assert list(initiative.categories.values_list("slug", flat=True)) == ["gemeinschaftsgarten"]
    assert initiative.pending_changes is None


def test_rejected_changes_leave_the_entry_and_tell_the_proposer(municipality, mailoutbox):
    initiative, _token = _propose_initiative(municipality)
    services.entry_accept(entry=initiative)
    initiative.refresh_from_db()
    services.entry_propose_changes(entry=initiative, version=initiative.version,
                                   fields={"name": "Werbung"}, categories=[])
    services.entry_reject(entry=initiative, note="Bitte keine Werbung.")
    initiative.refresh_from_db()
    assert initiative.status == EntryStatus.PUBLISHED and initiative.name != "Werbung"
    assert "Bitte keine Werbung." in mailoutbox[-1].body


@pytest.mark.parametrize("mangle", [
    lambda token: token[:-1] + ("A" if token[-1] != "A" else "B"),
    lambda token: token.replace("initiative-", "event-"),
    lambda token: "initiative-999999-abc",
    lambda token: "kaputt",
])
def test_a_wrong_edit_link_is_refused(municipality, mangle):
    _initiative, token = _propose_initiative(municipality)
    with pytest.raises(DomainError):
        services.entry_by_token(municipality=municipality, token=mangle(token))


def test_an_edit_link_works_only_in_its_municipality_and_not_after_rejection(
        municipality, other_municipality):
    initiative, token = _propose_initiative(municipality)
    with pytest.raises(DomainError):
        services.entry_by_token(municipality=other_municipality, token=token)
    services.entry_reject(entry=initiative, notify=False)
    with pytest.raises(DomainError):
        services.entry_by_token(municipality=municipality, token=token)


def test_categories_and_organisers_must_belong_to_the_municipality(municipality,
                                                                   other_municipality):
    foreign = list(services.categories_ensure(municipality=other_municipality))
    with pytest.raises(DomainError):
        services.entry_create(model=Initiative, municipality=municipality,
                              fields={"name": "Fremd"}, categories=foreign[:1])
    foreign_initiative = services.entry_create(model=Initiative, municipality=other_municipality,
                                               fields={"name": "Fremd"})
    with pytest.raises(DomainError):
        services.entry_create(model=Event, municipality=municipality, fields={
            "title": "Fest", "starts_at": _at(2026, 6, 1),
            "organiser_initiative": foreign_initiative})


def test_the_contact_form_relays_without_showing_the_address(municipality, mailoutbox):
    initiative, _token = _propose_initiative(municipality)
    with pytest.raises(DomainError):  # not published yet
        services.contact_relay(initiative=initiative, sender_name="Eva", sender_email="eva@x.de",
                               message="Hallo")
    services.entry_accept(entry=initiative)
    initiative.refresh_from_db()
    services.contact_relay(initiative=initiative, sender_name="Eva", sender_email="eva@x.de",
                           message="Wann trefft ihr euch?")
    relayed = mailoutbox[-1]
    assert relayed.to == ["kontakt@repair.example.org"] and relayed.reply_to == ["eva@x.de"]
    assert "Wann trefft ihr euch?" in relayed.body


def test_recurring_events_keep_their_local_time_across_daylight_saving(municipality):
    first_saturday = services.entry_create(model=Event, municipality=municipality, fields={
        "title": "Repair-Café", "starts_at": _at(2026, 1, 3), "ends_at": _at(2026, 1, 3, 13),
        "recurrence": "FREQ=MONTHLY;BYDAY=1SA"})
    once = services.entry_create(model=Event, municipality=municipality, fields={
        "title": "Pflanzentausch", "starts_at": _at(2026, 4, 12, 14)})
    services.entry_create(model=Event, municipality=municipality, fields={
        "title": "Schon vorbei", "starts_at": _at(2026, 1, 10)})
    start, end = _at(2026, 3, 1, 0), _at(2026, 5, 1, 0)
    found = selectors.occurrences(
        selectors.events_published(municipality=municipality, start=start, end=end),
        start=start, end=end)
    assert [(o.event.title, timezone.localtime(o.starts_at).strftime("%d.%m. %H:%M"))
            for o in found] == [("Repair-Café", "07.03. 10:00"), ("Repair-Café", "04.04. 10:00"),
                                ("Pflanzentausch", "12.04. 14:00")]
    assert found[0].event == first_saturday and found[2].event == once
    assert timezone.localtime(found[1].ends_at).hour == 13


def test_the_bounding_box_filters_and_rejects_nonsense(municipality):
    inside = services.entry_create(model=Initiative, municipality=municipality, fields={
        "name": "Innen", "latitude": 49.99, "longitude": 8.41})
    services.entry_create(model=Initiative, municipality=municipality, fields={
        "name": "Außen", "latitude": 52.5, "longitude": 13.4})
    box = selectors.BoundingBox.parse("8.3,49.9,8.5,50.1")
    assert list(selectors.initiatives_published(bbox=box)) == [inside]
    for text in ["1,2,3", "8.5,50.1,8.3,49.9", "a,b,c,d", "0,0,0,100"]:
        with pytest.raises(ValueError):
            selectors.BoundingBox.parse(text)


def test_embedding_accepts_origins_only(municipality):
    services.embed_settings_save(
        municipality=municipality,
        allowed_origins="https://www.ruesselsheim.de/\n\nhttp://localhost:8080")
    assert selectors.embed_origins(municipality=municipality) == [
        "https://www.ruesselsheim.de", "http://localhost:8080"]
    with pytest.raises(ValidationError):
        services.embed_settings_save(municipality=municipality,
                                     allowed_origins="https://www.ruesselsheim.de/klima")


def test_images_of_rejected_proposals_and_changes_are_deleted(
        municipality, settings, tmp_path, django_capture_on_commit_callbacks):
    from django.core.files.storage import default_storage
    from django.core.files.uploadedfile import SimpleUploadedFile

    settings.MEDIA_ROOT = tmp_path
    upload = SimpleUploadedFile("max-mustermann.png", b"\x89PNG fake", content_type="image/png")
    initiative, _token = _propose_initiative(municipality, image=upload)
    proposed_image = initiative.image.name
    assert "max-mustermann" not in proposed_image  # not to be found by guessing
    assert default_storage.exists(proposed_image)
    with django_capture_on_commit_callbacks(execute=True):
        services.entry_reject(entry=initiative, notify=False)
    assert not default_storage.exists(proposed_image)

    published, _token = _propose_initiative(municipality, name="Zweite")
    services.entry_accept(entry=published)
    published.refresh_from_db()
    services.entry_propose_changes(entry=published, version=published.version, categories=[],
                                   fields={"image": SimpleUploadedFile("neu.png", b"\x89PNG")})
    published.refresh_from_db()
    waiting = published.pending_changes["image"]
    assert default_storage.exists(waiting) and not published.image
    with django_capture_on_commit_callbacks(execute=True):
        services.entry_reject(entry=published, notify=False)
    assert not default_storage.exists(waiting)


def test_an_initiative_changes_its_own_events_through_its_link(municipality):
    initiative, token = _propose_initiative(municipality)
    services.entry_accept(entry=initiative)
    own = services.entry_create(model=Event, municipality=municipality, fields={
        "title": "Reparieren", "starts_at": _at(2030, 3, 2), "organiser_initiative": initiative})
    other = services.entry_create(model=Event, municipality=municipality, fields={
        "title": "Fremd", "starts_at": _at(2030, 3, 3)})
    assert services.event_by_organiser_token(municipality=municipality, token=token,
                                             pk=own.pk) == own
    with pytest.raises(DomainError):
        services.event_by_organiser_token(municipality=municipality, token=token, pk=other.pk)
    _event, event_token = services.entry_propose(
        model=Event, municipality=municipality,
        fields={"title": "Vorschlag", "starts_at": _at(2030, 4, 1)})
    with pytest.raises(DomainError):  # an event's own link opens no other event
        services.event_by_organiser_token(municipality=municipality, token=event_token,
                                          pk=own.pk)
