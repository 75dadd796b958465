"""The moderation queue of the Mitmachkarte and the Termintipps: new proposals in full,
changes as before and after, accepting and rejecting with a note."""

import datetime

import pytest
from django.utils import timezone, translation
from django.utils.translation import gettext

from gemeinsam.participation import services
from gemeinsam.participation.models import EntryStatus, Event, Initiative
from tests.participation.test_initiatives import SECRET_ADDRESS, category, published, url

pytestmark = pytest.mark.django_db
ROLES = ["anonymous", "signed_in_user", "member", "coordinator", "administration", "outsider",
         "platform_admin"]


def _propose(municipality, **fields):
    initiative, _token = services.entry_propose(
        model=Initiative, municipality=municipality, proposer_email="vorschlag@example.org",
        fields={"name": "Foodsharing Haßloch", "contact_email": SECRET_ADDRESS, **fields},
        categories=[category(municipality, "foodsharing")])
    return initiative


def _event(municipality):
    event, _token = services.entry_propose(
        model=Event, municipality=municipality, fields={
            "title": "Kleidertausch", "starts_at": timezone.now() + datetime.timedelta(days=7)})
    return event


def test_the_queue_lists_new_initiatives_and_events_and_changes_as_before_after(
        client_for, member, municipality):
    new = _propose(municipality, description="Lebensmittel retten")
    event = _event(municipality)
    changed = published(municipality, "Repair-Café", categories=("repair-cafe",))
    services.entry_propose_changes(
        entry=changed, version=changed.version, fields={"name": "Repair-Café am Ring",
                                                        "opening_hours": "Sa 10–13 Uhr"},
        categories=[category(municipality, "repair-cafe"), category(municipality, "bildung")])
    untouched = published(municipality, "Schon veröffentlicht")

    response = client_for(member).get(url("moderation"))
    html = response.content.decode()
    items = {item["entry"]: item for item in response.context["items"]}
    assert set(items) == {new, event, changed}
    assert untouched not in items
    assert items[new]["new"] and items[event]["new"] and not items[changed]["new"]
    assert "Lebensmittel retten" in html and "Kleidertausch" in html
    assert "vorschlag@example.org" in html  # the team may write to the proposer
    rows = {str(label): (before, after) for label, before, after in items[changed]["rows"]}
    label = {name: str(Initiative._meta.get_field(name).verbose_name)
             for name in ("name", "opening_hours", "categories")}
    assert rows[label["name"]] == ("Repair-Café", "Repair-Café am Ring")
    assert rows[label["opening_hours"]] == ("", "Sa 10–13 Uhr")
    assert rows[label["categories"]] == ("Repair-Café", "Bildung, Repair-Café")
    assert "<del>Repair-Café</del>" in html and "<ins>Repair-Café am Ring</ins>" in html


def test_accepting_publishes_and_rejecting_sends_the_note(client_for, member, municipality,
                                                          mailoutbox):
    client = client_for(member)
    accepted, rejected, event = _propose(municipality), _propose(municipality, name="Nein"), \
        _event(municipality)
    mailoutbox.clear()
    assert client.post(url("moderation_decide", "initiative", accepted.pk),
                       {"decision": "accept"}).status_code == 302
    assert client.post(url("moderation_decide", "initiative", rejected.pk),
                       {"decision": "reject", "note": "Gibt es schon."}).status_code == 302
    assert client.post(url("moderation_decide", "event", event.pk),
                       {"decision": "accept"}).status_code == 302
    accepted.refresh_from_db(), rejected.refresh_from_db(), event.refresh_from_db()
    assert accepted.status == EntryStatus.PUBLISHED
    assert rejected.status == EntryStatus.REJECTED
    assert event.status == EntryStatus.PUBLISHED
    [mail] = mailoutbox
    assert mail.to == ["vorschlag@example.org"] and "Gibt es schon." in mail.body
    assert client.get(url("moderation")).context["items"] == []


def test_accepting_changes_applies_them_and_rejecting_keeps_the_published_text(
        client_for, administration, municipality):
    client = client_for(administration)
    first, second = published(municipality, "Eins"), published(municipality, "Zwei")
    for initiative, name in ((first, "Eins neu"), (second, "Zwei neu")):
        services.entry_propose_changes(entry=initiative, version=initiative.version,
                                       fields={"name": name}, categories=[])
    client.post(url("moderation_decide", "initiative", first.pk), {"decision": "accept"})
    client.post(url("moderation_decide", "initiative", second.pk), {"decision": "reject"})
    first.refresh_from_db(), second.refresh_from_db()
    assert (first.name, first.pending_changes) == ("Eins neu", None)
    assert (second.name, second.pending_changes) == ("Zwei", None)


def test_decisions_need_a_waiting_entry_of_this_municipality(client_for, member, outsider,
                                                             municipality, other_municipality):
    client = client_for(member)
    foreign = _propose(other_municipality)
    assert client.post(url("moderation_decide", "initiative", foreign.pk),
                       {"decision": "accept"}).status_code == 404
    assert client.post(url("moderation_decide", "nonsense", foreign.pk),
                       {"decision": "accept"}).status_code == 404
    foreign.refresh_from_db()
    assert foreign.status == EntryStatus.PROPOSED
    nothing_waits = published(municipality)
    response = client.post(url("moderation_decide", "initiative", nothing_waits.pk),
                           {"decision": "reject"}, follow=True)
    with translation.override("de"):
        assert gettext("Nothing waits for moderation here.") in response.content.decode()
    unclear = _propose(municipality)
    client.post(url("moderation_decide", "initiative", unclear.pk), {"decision": "vielleicht"})
    unclear.refresh_from_db()
    assert unclear.status == EntryStatus.PROPOSED
    assert client.get(url("moderation_decide", "initiative", unclear.pk)).status_code == 405


@pytest.mark.parametrize("role", ROLES)
def test_role_matrix_of_deciding(role, municipality, client_for, request):
    client = client_for(None if role == "anonymous" else request.getfixturevalue(role))
    initiative = _propose(municipality)
    response = client.post(url("moderation_decide", "initiative", initiative.pk),
                           {"decision": "accept"})
    allowed = role in {"member", "coordinator", "administration", "platform_admin"}
    assert response.status_code == (302 if allowed or role == "anonymous" else 403)
    initiative.refresh_from_db()
    assert (initiative.status == EntryStatus.PUBLISHED) == allowed
