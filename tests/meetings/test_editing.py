"""Agenda items, decisions and action items can be changed, removed and reordered; stale
saves are refused; the public sees the names of those who agreed; the administration does not
see actors the team has not shared with it."""

import pytest
from django.urls import reverse

from gemeinsam.core.errors import StaleEdit
from gemeinsam.meetings import selectors, services
from gemeinsam.meetings.models import ActionItem, AgendaItem, Decision
from tests.meetings.factories import jour_fixe, meeting, person, round_table

pytestmark = pytest.mark.django_db
SLUG = "ruesselsheim-am-main"


def url(name, *args):
    return reverse(f"meetings:{name}", args=[SLUG, *args])


def _titles(meeting):
    return list(meeting.agenda.values_list("title", flat=True))


def test_agenda_items_move_up_and_down_and_can_be_removed(municipality):
    held = meeting(jour_fixe(municipality))
    first, second, third = (services.agenda_item_add(meeting=held, title=title)
                            for title in ("Begrüßung", "Radverkehr", "Verschiedenes"))
    services.agenda_item_move(item=third, up=True)
    assert _titles(held) == ["Begrüßung", "Verschiedenes", "Radverkehr"]
    services.agenda_item_move(item=first, up=False)
    assert _titles(held) == ["Verschiedenes", "Begrüßung", "Radverkehr"]
    services.agenda_item_move(item=third, up=True)  # already at the top: stays
    assert _titles(held) == ["Verschiedenes", "Begrüßung", "Radverkehr"]
    services.agenda_item_remove(item=second)
    assert _titles(held) == ["Verschiedenes", "Begrüßung"]


def test_items_carried_over_with_equal_numbers_get_a_definite_order(municipality):
    body = jour_fixe(municipality)
    past = meeting(body, days=-14)
    for what in ("Zahlen besorgen", "Raum buchen"):
        services.action_item_add(meeting=past, what=what, owner_actor=person(municipality, what))
    upcoming = meeting(body)
    added = services.agenda_item_add(meeting=upcoming, title="Neu")
    services.agenda_item_move(item=added, up=True)
    assert _titles(upcoming)[1] == "Neu"
    assert list(upcoming.agenda.values_list("order", flat=True)) == [1, 2, 3]


def test_changes_to_agenda_items_decisions_and_action_items_refuse_stale_saves(municipality):
    held = meeting(jour_fixe(municipality), days=-1)
    anna = person(municipality, "Anna Privat")
    item = services.agenda_item_add(meeting=held, title="Radverkehr")
    decision = services.decision_add(meeting=held, text="Wir schreiben dem Bürgermeister.")
    task = services.action_item_add(meeting=held, what="Brief entwerfen", owner_actor=anna)

    services.agenda_item_update(item=item, version=1, title="Radverkehr im Zentrum",
                                duration_minutes=20)
    services.decision_update(decision=decision, version=1, text="Wir schreiben dem Rat.")
    services.action_item_update(item=task, version=1, what="Brief entwerfen und senden",
                                owner_actor=anna)
    assert AgendaItem.objects.get().title == "Radverkehr im Zentrum"
    assert Decision.objects.get().text == "Wir schreiben dem Rat."
    assert ActionItem.objects.get().what == "Brief entwerfen und senden"
    with pytest.raises(StaleEdit):
        services.agenda_item_update(item=item, version=1, title="Alt")
    with pytest.raises(StaleEdit):
        services.decision_update(decision=decision, version=1, text="Alt")
    with pytest.raises(StaleEdit):
        services.action_item_update(item=task, version=1, what="Alt", owner_actor=anna)
    assert Decision.objects.get().text == "Wir schreiben dem Rat."


def test_a_removed_action_item_leaves_the_next_agenda(municipality):
    body = jour_fixe(municipality)
    task = services.action_item_add(meeting=meeting(body, days=-14), what="Aus Versehen",
                                    owner_actor=person(municipality, "Anna Privat"))
    upcoming = meeting(body)
    assert _titles(upcoming) == ["Offene Aufgabe: Aus Versehen"]
    services.action_item_remove(item=task)
    assert _titles(upcoming) == []


def test_editing_pages_keep_what_was_typed_when_the_save_is_stale(municipality, member,
                                                                  client_for):
    held = meeting(jour_fixe(municipality), days=-1)
    decision = services.decision_add(meeting=held, text="Erster Stand")
    client = client_for(member)
    form = client.get(url("decision_edit", decision.pk)).content.decode()
    assert "Erster Stand" in form and 'name="version" value="1"' in form
    services.decision_update(decision=decision, version=1, text="Zwischendurch geändert")
    response = client.post(url("decision_edit", decision.pk),
                           {"text": "Mein neuer Text", "version": 1})
    assert response.status_code == 409
    assert "Mein neuer Text" in response.content.decode()
    assert Decision.objects.get().text == "Zwischendurch geändert"
    response = client.post(url("decision_edit", decision.pk),
                           {"text": "Mein neuer Text", "version": 2})
    assert response.status_code == 302
    assert Decision.objects.get().text == "Mein neuer Text"


def test_the_agenda_page_reorders_changes_and_removes(municipality, member, client_for):
    held = meeting(jour_fixe(municipality))
    first = services.agenda_item_add(meeting=held, title="Begrüßung")
    second = services.agenda_item_add(meeting=held, title="Radverkehr")
    client = client_for(member)
    page = client.get(url("agenda", held.pk)).content.decode()
    assert url("agenda_item_edit", first.pk) in page
    assert client.post(url("agenda_item_move", second.pk), {"direction": "up"}).status_code == 302
    assert _titles(held) == ["Radverkehr", "Begrüßung"]
    response = client.post(url("agenda_item_edit", first.pk),
                           {"title": "Begrüßung und Vorstellung", "version": 1})
    assert response.status_code == 302
    assert client.post(url("agenda_item_remove", second.pk)).status_code == 302
    assert _titles(held) == ["Begrüßung und Vorstellung"]


def test_the_action_item_page_changes_and_removes(municipality, member, client_for):
    held = meeting(jour_fixe(municipality), days=-1)
    anna = person(municipality, "Anna Privat")
    task = services.action_item_add(meeting=held, what="Brief", owner_actor=anna)
    client = client_for(member)
    assert url("action_item_edit", task.pk) in client.get(url("meeting", held.pk)).content.decode()
    response = client.post(url("action_item_edit", task.pk), {
        "what": "Brief an den Rat", "owner_actor": anna.pk, "due_on": "2027-01-15",
        "version": 1})
    assert response.status_code == 302
    task.refresh_from_db()
    assert (task.what, str(task.due_on)) == ("Brief an den Rat", "2027-01-15")
    response = client.post(url("action_item_edit", task.pk), {"what": "Ohne wen", "version": 2})
    assert response.status_code == 200 and "Ohne wen" in response.content.decode()
    assert client.post(url("action_item_remove", task.pk)).status_code == 302
    assert not ActionItem.objects.exists()


def test_people_who_agreed_are_named_in_public_minutes_and_member_lists(municipality, member,
                                                                       client_for):
    agreed = person(municipality, "Eva Einverstanden", named_in_public=True)
    private = person(municipality, "Paul Privat")
    body = round_table(municipality)
    for actor in (agreed, private):
        services.body_member_add(body=body, actor=actor)
    held = meeting(body, days=-1)
    services.minutes_save(meeting=held, version=1, approved=True, minutes=(
        "Eva Einverstanden und Paul Privat berichten. Jonas Becker notiert."))
    assert selectors.public_minutes(held) == "Eva Einverstanden und […] berichten. […] notiert."
    response = client_for(member).post(reverse("accounts:profile"), {
        "display_name": "Jonas Becker", "preferred_language": "de", "named_in_public": "on"})
    assert response.status_code == 302
    assert selectors.public_minutes(held) == (
        "Eva Einverstanden und […] berichten. Jonas Becker notiert.")
    public = client_for(None)
    body_page = public.get(url("body", body.pk)).content.decode()
    assert "Eva Einverstanden" in body_page and "Paul Privat" not in body_page


def test_the_administration_sees_unshared_actors_as_not_shared(municipality, administration,
                                                             member, client_for):
    body = jour_fixe(municipality)
    shared = person(municipality, "Gerd Geteilt", email="gerd@example.org",
                    shared_with_administration=True)
    unshared = person(municipality, "Ulla Ungeteilt", email="ulla@example.org")
    for actor in (shared, unshared):
        services.body_member_add(body=body, actor=actor)
    upcoming = meeting(body)
    services.agenda_item_add(meeting=upcoming, title="Bericht", owner=unshared)
    services.action_item_add(meeting=upcoming, what="Nachhaken", owner_actor=unshared)
    services.invitations_create(meeting=upcoming)
    pages = [url("meeting", upcoming.pk), url("body", body.pk), url("body_members", body.pk),
             url("invite", upcoming.pk), url("agenda", upcoming.pk), url("attendance", upcoming.pk),
             url("action_items")]
    for page_url in pages:
        as_administration = client_for(administration).get(page_url).content.decode()
        as_team = client_for(member).get(page_url).content.decode()
        assert "Ungeteilt" not in as_administration and "ulla@" not in as_administration, page_url
        assert "Ungeteilt" in as_team, page_url
        assert "nicht freigegeben" in as_administration, page_url
    assert "Gerd Geteilt" in client_for(administration).get(pages[0]).content.decode()
