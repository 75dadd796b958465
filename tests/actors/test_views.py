import datetime
import json

import pytest
from django.urls import reverse

from gemeinsam.actors import services
from gemeinsam.actors.models import Actor, Erasure, RelationKind, Stage
from tests.actors.factories import OrganisationFactory, PersonFactory, SectorFactory

pytestmark = pytest.mark.django_db
SLUG = "ruesselsheim-am-main"


def url(name, *args):
    return reverse(f"actors:{name}", args=[SLUG, *args])


INTERNAL_PAGES = ["list", "grid", "board", "follow_ups", "network", "structure"]


@pytest.mark.parametrize("page", INTERNAL_PAGES)
def test_internal_pages_are_closed_to_the_public_and_other_municipalities(
        page, municipality, outsider, signed_in_user, client_for):
    assert client_for(None).get(url(page)).status_code == 302
    assert client_for(signed_in_user).get(url(page)).status_code == 403
    assert client_for(outsider).get(url(page)).status_code == 403


def _alliance(municipality, size):
    sector, _created = municipality.sectors.get_or_create(name="Wirtschaft")
    for index in range(size):
        organisation = OrganisationFactory(municipality=municipality, sector=sector,
                                           power=1 + index % 5, interest=1 + (index * 2) % 5,
                                           attitude=index % 3 - 1,
                                           stage=Stage.values[index % len(Stage.values)])
        person = PersonFactory(municipality=municipality, parent=organisation, sector=sector,
                               power=3, interest=3, attitude=1, next_step="Anrufen",
                               next_step_due=datetime.date(2026, 1, 1))
        services.relation_create(source=person, kind=RelationKind.KNOWS, target=organisation)
        department = services.department_create(municipality=municipality, name=f"Amt {index}",
                                                kind="amt")
        position = services.position_create(municipality=municipality, title=f"Leitung {index}",
                                            department=department)
        services.position_hand_over(position=position, person=person,
                                    on=datetime.date(2025, 1, 1), recorded_by=None)


@pytest.mark.parametrize("page", INTERNAL_PAGES)
def test_query_counts_do_not_grow_with_the_alliance(page, municipality, member, client_for,
                                                    django_assert_max_num_queries):
    client = client_for(member)
    _alliance(municipality, 3)
    client.get(url(page))  # warm the sectors
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as small:
        assert client.get(url(page)).status_code == 200
    _alliance(municipality, 30)
    with django_assert_max_num_queries(len(small.captured_queries)):
        response = client.get(url(page))
    assert response.status_code == 200


def test_the_administration_sees_only_shared_actors(municipality, administration, client_for):
    shared = OrganisationFactory(municipality=municipality, name="Stadtwerke",
                                 shared_with_administration=True)
    private = PersonFactory(municipality=municipality, name="Geheime Quelle")
    client = client_for(administration)
    page = client.get(url("list")).content.decode()
    assert "Stadtwerke" in page and "Geheime Quelle" not in page
    assert client.get(url("detail", shared.pk)).status_code == 200
    assert client.get(url("detail", private.pk)).status_code == 404
    assert client.get(url("edit", shared.pk)).status_code == 403


def test_an_actor_of_another_municipality_is_not_found(municipality, other_municipality, member,
                                                       client_for):
    foreign = PersonFactory(municipality=other_municipality)
    assert client_for(member).get(url("detail", foreign.pk)).status_code == 404


def test_adding_a_person_warns_of_a_duplicate_and_keeps_the_input(municipality, member,
                                                                  client_for):
    PersonFactory(municipality=municipality, name="Eva Roth", email="eva@roth.example")
    client = client_for(member)
    data = {"name": "Eva Roth", "email": "eva@roth.example", "function": "Vorsitzende",
            "legal_basis": "legitimate_interest", "owner": member.pk}
    response = client.post(url("create", "person"), data)
    assert response.status_code == 409
    page = response.content.decode()
    assert "Vorsitzende" in page and "confirm_duplicate" in page
    assert Actor.objects.filter(name="Eva Roth").count() == 1
    response = client.post(url("create", "person"), {**data, "confirm_duplicate": "on"})
    assert response.status_code == 302
    assert Actor.objects.filter(name="Eva Roth").count() == 2


def test_a_form_error_names_the_problem_in_german(municipality, member, client_for):
    response = client_for(member).post(url("create", "person"),
                                       {"name": "Ohne Grundlage", "legal_basis": "consent"})
    assert response.status_code == 200
    assert "Einwilligung" in response.content.decode()
    assert not Actor.objects.exists()


def test_a_stale_edit_keeps_the_input(municipality, member, client_for):
    organisation = OrganisationFactory(municipality=municipality, name="Stadtwerke")
    services.actor_update(actor=organisation, version=1, website="https://stadtwerke.example")
    response = client_for(member).post(url("edit", organisation.pk), {
        "name": "Meine Änderung", "version": 1, "stage": Stage.IDENTIFIED})
    assert response.status_code == 409
    assert "Meine Änderung" in response.content.decode()
    assert Actor.objects.get(pk=organisation.pk).name == "Stadtwerke"


def test_moving_on_the_board_without_javascript_and_with_it(municipality, member, client_for):
    actor = OrganisationFactory(municipality=municipality)
    client = client_for(member)
    response = client.post(url("move", actor.pk), {"stage": Stage.FIRST_CONTACT, "version": 1,
                                                   "next": "https://evil.example/"})
    assert response.status_code == 302 and response["Location"] == url("board")
    assert Actor.objects.get(pk=actor.pk).stage == Stage.FIRST_CONTACT
    stale = client.post(url("move", actor.pk), {"stage": Stage.DECLINED, "version": 1},
                        headers={"HX-Request": "true"})
    assert stale.status_code == 409
    fresh = client.post(url("move", actor.pk), {"stage": Stage.COMMITTED, "version": 2},
                        headers={"HX-Request": "true"})
    assert fresh.status_code == 204
    assert Actor.objects.get(pk=actor.pk).stage == Stage.COMMITTED


def test_rating_and_logging_a_conversation(municipality, member, client_for):
    actor = PersonFactory(municipality=municipality)
    client = client_for(member)
    client.post(url("rate", actor.pk), {"power": 4, "interest": 2, "attitude": -1})
    response = client.post(url("conversation_create", actor.pk), {
        "held_on": "2026-11-20", "channel": "in_person", "summary": "Sorge um Parkplätze",
        "agreements": "Zahlen zum Radverkehr schicken", "follow_up_on": "2026-11-27",
        "next_stage": Stage.CONVERSATION_HELD, "team_participants": [member.pk]})
    assert response.status_code == 302
    actor.refresh_from_db()
    assert (actor.power, actor.stage) == (4, Stage.CONVERSATION_HELD)
    page = client.get(url("detail", actor.pk)).content.decode()
    assert "Sorge um Parkplätze" in page and "Zahlen zum Radverkehr schicken" in page


def test_export_and_erase_a_person(municipality, coordinator, member, client_for):
    person = PersonFactory(municipality=municipality, name="Jana Lind")
    export = client_for(member).get(url("person_export", person.pk))
    assert export["Content-Disposition"].startswith("attachment")
    assert json.loads(export.content)["name"] == "Jana Lind"
    assert client_for(member).get(url("person_erase", person.pk)).status_code == 403
    client = client_for(coordinator)
    assert client.post(url("person_erase", person.pk), {"requested_on": "2026-11-01"}
                       ).status_code == 200  # the confirmation is required
    response = client.post(url("person_erase", person.pk),
                           {"requested_on": "2026-11-01", "confirm": "on"})
    assert response.status_code == 302
    assert Erasure.objects.get().actor_number == person.pk
    assert "Jana Lind" not in client.get(url("erasures")).content.decode()


def test_position_hand_over_through_the_page(municipality, administration, client_for):
    position = services.position_create(municipality=municipality, title="Leitung Umweltamt")
    first = PersonFactory(municipality=municipality, name="Dr. Ilse Brandt",
                          legal_basis="legitimate_interest", shared_with_administration=True)
    client = client_for(administration)
    client.post(url("position_detail", position.pk), {"person": first.pk, "on": "2024-01-01"})
    response = client.post(url("position_detail", position.pk), {"person": "", "on": "2023-01-01"})
    assert response.status_code == 400  # before the holder started: refused, input kept
    assert "2023-01-01" in response.content.decode()
    client.post(url("position_detail", position.pk), {"person": "", "on": "2026-10-01"})
    assert position.holdings.get().ended_on == datetime.date(2026, 9, 30)
    assert "Leitung Umweltamt" in client.get(url("structure")).content.decode()


def test_the_public_alliance_page_shows_allies_and_nothing_personal(municipality, client_for):
    sector = SectorFactory(municipality=municipality, name="Energie")
    OrganisationFactory(municipality=municipality, name="Bürgerenergie eG", sector=sector,
                        shown_as_ally=True, public_description="Genossenschaft für Solardächer")
    OrganisationFactory(municipality=municipality, name="Zögernde GmbH", sector=sector)
    # Even a person wrongly ticked as an ally never appears: the page lists organisations.
    PersonFactory(municipality=municipality, name="Jana Lind", sector=sector, shown_as_ally=True)
    page = client_for(None).get(url("alliance")).content.decode()
    assert "Bürgerenergie eG" in page and "Genossenschaft für Solardächer" in page
    assert "Zögernde GmbH" not in page and "Jana Lind" not in page


def test_sectors_are_edited_by_coordinators(municipality, coordinator, member, client_for):
    assert client_for(member).get(url("sectors")).status_code == 403
    client = client_for(coordinator)
    client.post(url("sectors"), {"name": "Landwirtschaft"})
    assert municipality.sectors.filter(name="Landwirtschaft").exists()
    used = municipality.sectors.get(name="Landwirtschaft")
    OrganisationFactory(municipality=municipality, sector=used)
    response = client.post(url("sectors"), {"delete": used.pk}, follow=True)
    assert municipality.sectors.filter(pk=used.pk).exists()
    assert "Landwirtschaft" in response.content.decode()


def test_the_network_finds_a_path(municipality, member, client_for):
    a = PersonFactory(municipality=municipality, name="Anna Start")
    b = PersonFactory(municipality=municipality, name="Bernd Mitte")
    c = PersonFactory(municipality=municipality, name="Oberbürgermeisterin Ziel",
                      legal_basis="legitimate_interest")
    services.relation_create(source=a, kind=RelationKind.KNOWS, target=b)
    services.relation_create(source=b, kind=RelationKind.INFLUENCES, target=c)
    page = client_for(member).get(url("network"), {"von": a.pk, "zu": c.pk}).content.decode()
    assert page.index("Anna Start") < page.index("Bernd Mitte") < page.index(
        "Oberbürgermeisterin Ziel")
    assert "<svg" in page


def test_kind_must_be_known(municipality, member, client_for):
    assert client_for(member).get(url("create", "robot")).status_code == 404


def test_the_administration_meets_no_unshared_name_anywhere(municipality, administration,
                                                             member, client_for):
    hidden = PersonFactory(municipality=municipality, name="Verdeckte Quelle")
    office = OrganisationFactory(municipality=municipality, name="Umweltamt",
                                 shared_with_administration=True)
    hidden.parent = office
    hidden.save()
    services.relation_create(source=office, kind=RelationKind.KNOWS, target=hidden)
    services.conversation_create(actor=office, held_on=datetime.date(2026, 1, 5),
                                 channel="in_person", summary="Treffen", logged_by=member,
                                 participants=[hidden])
    position = services.position_create(municipality=municipality, title="Amtsleitung",
                                        organisation=office)
    services.position_hand_over(position=position, person=hidden,
                                on=datetime.date(2025, 1, 1), recorded_by=member)
    client = client_for(administration)
    for page in (url("detail", office.pk), url("structure"), url("position_detail", position.pk),
                 url("position_create")):
        body = client.get(page).content.decode()
        assert "Verdeckte Quelle" not in body, page
    assert "Verdeckte Quelle" in client_for(member).get(url("structure")).content.decode()


def test_a_sub_department_can_be_created(municipality, administration, client_for):
    top = services.department_create(municipality=municipality, name="Dezernat II",
                                     kind="dezernat")
    response = client_for(administration).post(url("department_create"), {
        "name": "Umweltamt", "kind": "amt", "parent": top.pk})
    assert response.status_code == 302
    assert top.children.get().name == "Umweltamt"


def test_a_relation_twice_is_reported_not_a_crash(municipality, member, client_for):
    a, b = PersonFactory(municipality=municipality), PersonFactory(municipality=municipality)
    client = client_for(member)
    data = {"kind": RelationKind.KNOWS, "target": b.pk}
    client.post(url("relation_create", a.pk), data)
    response = client.post(url("relation_create", a.pk), data, follow=True)
    assert response.status_code == 200
    assert a.relations_out.count() == 1


@pytest.mark.parametrize("query", [{"von": "abc", "zu": "1"}, {"von": "", "zu": "x"}])
def test_the_network_ignores_nonsense(query, municipality, member, client_for):
    assert client_for(member).get(url("network"), query).status_code == 200


def test_only_the_team_clears_position_notices(municipality, member, administration,
                                               client_for):
    position = services.position_create(municipality=municipality, title="Leitung")
    services.position_hand_over(position=position,
                                person=PersonFactory(municipality=municipality),
                                on=datetime.date(2025, 1, 1), recorded_by=member)
    change = position.changes.get()
    assert client_for(administration).post(
        url("position_change_acknowledge", change.pk)).status_code == 403
    client_for(member).post(url("position_change_acknowledge", change.pk))
    change.refresh_from_db()
    assert change.acknowledged


def test_follow_ups_list_due_steps_and_data_to_review(municipality, member, client_for):
    PersonFactory(municipality=municipality, name="Überfällig Anrufen", next_step="Anrufen",
                  next_step_due=datetime.date(2020, 1, 1))
    PersonFactory(municipality=municipality, name="Prüfen Bitte",
                  review_on=datetime.date(2020, 1, 1))
    PersonFactory(municipality=municipality, name="Noch Lange Hin",
                  review_on=datetime.date(2099, 1, 1))
    page = client_for(member).get(url("follow_ups")).content.decode()
    assert "Überfällig Anrufen" in page and "Prüfen Bitte" in page
    assert "Noch Lange Hin" not in page
    assert page.count('id="due-reviews"') == 1
