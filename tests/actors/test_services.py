import datetime

import pytest
from auditlog.models import LogEntry
from django.core.exceptions import ValidationError

from gemeinsam.actors import selectors, services
from gemeinsam.actors.models import (
    Actor,
    ActorKind,
    Conversation,
    Erasure,
    PositionHolding,
    Relation,
    RelationKind,
    Stage,
)
from gemeinsam.core.errors import DomainError, StaleEdit
from tests.actors.factories import OrganisationFactory, PersonFactory, SectorFactory

pytestmark = pytest.mark.django_db
DAY = datetime.date(2026, 5, 4)


def test_a_person_needs_a_legal_basis_and_consent_needs_date_and_wording(municipality):
    with pytest.raises(ValidationError) as error:
        services.actor_create(municipality=municipality, kind=ActorKind.PERSON, name="Ute Kern")
    assert "legal_basis" in error.value.message_dict
    with pytest.raises(ValidationError) as error:
        services.actor_create(municipality=municipality, kind=ActorKind.PERSON, name="Ute Kern",
                              legal_basis="consent")
    assert "consent_given_on" in error.value.message_dict
    person = services.actor_create(municipality=municipality, kind=ActorKind.PERSON,
                                   name="Ute Kern", legal_basis="legitimate_interest",
                                   function="Bürgermeisterin")
    assert person.stage == Stage.IDENTIFIED


def test_an_actor_cannot_be_tied_to_another_municipality(municipality, other_municipality):
    foreign = OrganisationFactory(municipality=other_municipality)
    with pytest.raises(DomainError):
        services.actor_create(municipality=municipality, kind=ActorKind.ORGANISATION,
                              name="Neu", parent=foreign)


def test_a_stale_edit_is_refused(municipality):
    organisation = OrganisationFactory(municipality=municipality)
    services.actor_update(actor=organisation, version=1, name="Stadtwerke")
    with pytest.raises(StaleEdit):
        services.actor_update(actor=Actor.objects.get(pk=organisation.pk), version=1,
                              name="Überschrieben")
    assert Actor.objects.get(pk=organisation.pk).name == "Stadtwerke"


def test_duplicates_by_email_or_name_in_the_same_organisation(municipality):
    company = OrganisationFactory(municipality=municipality)
    person = PersonFactory(municipality=municipality, name="Eva Roth", parent=company,
                           email="eva@roth.example")
    found = services.duplicates_of(municipality=municipality, kind=ActorKind.PERSON,
                                   name="eva roth", parent=company)
    assert found == [person]
    assert services.duplicates_of(municipality=municipality, kind=ActorKind.PERSON,
                                  name="E. Roth", email="EVA@roth.example") == [person]
    assert services.duplicates_of(municipality=municipality, kind=ActorKind.PERSON,
                                  name="Eva Roth", parent=None) == []


def test_ratings_keep_their_history_and_the_latest_counts(municipality, member):
    actor = OrganisationFactory(municipality=municipality)
    services.rating_create(actor=actor, power=2, interest=4, attitude=1, rated_by=member)
    services.rating_create(actor=actor, power=5, interest=4, attitude=2, rated_by=member,
                           reason="Neuer Vorstand")
    actor.refresh_from_db()
    assert (actor.power, actor.interest, actor.attitude) == (5, 4, 2)
    assert actor.quadrant == "manage_closely"
    assert [r.power for r in actor.ratings.all()] == [5, 2]
    with pytest.raises(ValidationError):
        services.rating_create(actor=actor, power=6, interest=1, attitude=0, rated_by=member)


def test_two_people_moving_the_same_card(municipality):
    actor = OrganisationFactory(municipality=municipality)
    services.actor_move(actor=actor, stage=Stage.RESEARCHED, version=1)
    with pytest.raises(StaleEdit):
        services.actor_move(actor=actor, stage=Stage.DECLINED, version=1)
    assert Actor.objects.get(pk=actor.pk).stage == Stage.RESEARCHED


def test_a_conversation_moves_the_actor_on_and_sets_the_follow_up(municipality, member):
    actor = PersonFactory(municipality=municipality)
    other = PersonFactory(municipality=municipality)
    services.conversation_create(
        actor=actor, held_on=DAY, channel="in_person", summary="Interesse an PV auf Schulen",
        logged_by=member, follow_up_on=DAY + datetime.timedelta(days=14),
        participants=[other], team_participants=[member], next_stage=Stage.CONVERSATION_HELD,
    )
    actor.refresh_from_db()
    assert actor.stage == Stage.CONVERSATION_HELD
    assert actor.next_step_due == DAY + datetime.timedelta(days=14)
    due = selectors.follow_ups_due(municipality=municipality, user=member,
                                   until=DAY + datetime.timedelta(days=30))
    assert [c.actor for c in due["conversations"]] == [actor]


def test_a_position_changes_hands_and_keeps_its_history(municipality, member):
    first, second = PersonFactory(municipality=municipality), PersonFactory(municipality=municipality)
    position = services.position_create(municipality=municipality, title="Klimaschutzmanager:in",
                                        is_key=True)
    services.position_hand_over(position=position, person=first, on=DAY, recorded_by=member)
    later = DAY + datetime.timedelta(days=365)
    services.position_hand_over(position=position, person=second, on=later, recorded_by=member)
    holdings = list(position.holdings.order_by("started_on"))
    assert [(h.person, h.started_on, h.ended_on) for h in holdings] == [
        (first, DAY, later - datetime.timedelta(days=1)), (second, later, None)]
    services.position_hand_over(position=position, person=None,
                                on=later + datetime.timedelta(days=30), recorded_by=member)
    assert not position.holdings.filter(ended_on__isnull=True).exists()
    notices = selectors.position_changes_open(municipality=municipality)
    assert [n.became_vacant for n in notices] == [True, False, False]
    with pytest.raises(DomainError):
        services.position_hand_over(position=position, person=None, on=later, recorded_by=member)


def test_a_change_must_come_after_the_current_holder_started(municipality, member):
    position = services.position_create(municipality=municipality, title="Leitung Umweltamt")
    services.position_hand_over(position=position, person=PersonFactory(municipality=municipality),
                                on=DAY, recorded_by=member)
    with pytest.raises(DomainError):
        services.position_hand_over(position=position,
                                    person=PersonFactory(municipality=municipality), on=DAY,
                                    recorded_by=member)
    assert PositionHolding.objects.count() == 1


def test_export_holds_everything_about_the_person(municipality, member):
    person = PersonFactory(municipality=municipality, name="Jana Lind")
    services.rating_create(actor=person, power=3, interest=5, attitude=2, rated_by=member)
    services.conversation_create(actor=person, held_on=DAY, channel="phone",
                                 summary="Will beim Runden Tisch mitmachen", logged_by=member)
    data = services.person_export(person=person)
    assert data["name"] == "Jana Lind" and data["email"] == person.email
    assert data["ratings"][0]["interest"] == 5
    assert data["conversations"][0]["summary"] == "Will beim Runden Tisch mitmachen"


def test_erasing_a_person_leaves_nothing_personal_and_proves_it(municipality, coordinator):
    organisation = OrganisationFactory(municipality=municipality)
    person = PersonFactory(municipality=municipality, name="Jana Lind", parent=organisation)
    witness = PersonFactory(municipality=municipality)
    services.rating_create(actor=person, power=3, interest=5, attitude=2, rated_by=coordinator)
    services.conversation_create(actor=person, held_on=DAY, channel="phone",
                                 summary="Jana erzählte von ihrer Tochter", logged_by=coordinator)
    joined = services.conversation_create(actor=witness, held_on=DAY, channel="in_person",
                                          summary="Treffen zu dritt", logged_by=coordinator,
                                          participants=[person])
    services.relation_create(source=person, kind=RelationKind.KNOWS, target=witness)
    position = services.position_create(municipality=municipality, title="Vorsitz")
    services.position_hand_over(position=position, person=person, on=DAY, recorded_by=coordinator)
    services.actor_update(actor=person, version=person.version, phone="0000")
    assert LogEntry.objects.get_for_object(person).exists()

    erasure = services.person_erase(person=person, erased_by=coordinator, requested_on=DAY)

    person.refresh_from_db()
    assert person.is_erased and person.name != "Jana Lind"
    assert not any(getattr(person, f) for f in ["email", "phone", "notes", "function",
                                                 "consent_wording"])
    assert person.power is None and not person.ratings.exists()
    assert not Conversation.objects.filter(summary__contains="Tochter").exists()
    assert list(joined.participants.all()) == []
    assert not Relation.objects.exists()
    assert not LogEntry.objects.get_for_object(person).exists()
    assert position.holdings.get().person == person  # the position keeps its shape
    assert Erasure.objects.get() == erasure
    assert erasure.actor_number == person.pk
    assert erasure.removed["ratings"] == 1 and erasure.removed["conversations"] == 1
    assert "Jana" not in str(erasure.removed)
    assert person not in selectors.actor_list(municipality=municipality, user=coordinator)
    with pytest.raises(DomainError):
        services.person_erase(person=person, erased_by=coordinator, requested_on=DAY)


def test_merging_keeps_every_linked_record(municipality, member):
    company = OrganisationFactory(municipality=municipality)
    keep = PersonFactory(municipality=municipality, name="Tom Falk", phone="")
    duplicate = PersonFactory(municipality=municipality, name="Tom Falk", phone="06142 555-9",
                              parent=company)
    other = PersonFactory(municipality=municipality)
    services.rating_create(actor=duplicate, power=4, interest=4, attitude=1, rated_by=member)
    services.conversation_create(actor=duplicate, held_on=DAY, channel="phone", summary="Anruf",
                                 logged_by=member)
    services.relation_create(source=other, kind=RelationKind.INFLUENCES, target=duplicate)
    services.relation_create(source=other, kind=RelationKind.INFLUENCES, target=keep)
    position = services.position_create(municipality=municipality, title="Sprecher")
    services.position_hand_over(position=position, person=duplicate, on=DAY, recorded_by=member)

    services.actors_merge(keep=keep, duplicate=duplicate, merged_by=member)

    keep.refresh_from_db()
    assert not Actor.objects.filter(pk=duplicate.pk).exists()
    assert keep.phone == "06142 555-9" and keep.parent == company and keep.power == 4
    assert keep.conversations.count() == 1 and keep.ratings.count() == 1
    assert keep.relations_in.count() == 1
    assert position.holdings.get().person == keep


def test_an_erasure_after_a_merge_leaves_no_history_of_the_duplicate(municipality, member):
    keep = PersonFactory(municipality=municipality, name="Tom Falk")
    duplicate = PersonFactory(municipality=municipality, name="Tom Falk",
                              email="tom.privat@example.org")
    services.actor_update(actor=duplicate, version=1, phone="0171 5550000")
    services.actors_merge(keep=keep, duplicate=duplicate, merged_by=member)
    services.person_erase(person=keep, erased_by=member, requested_on=DAY)
    everything = " ".join(str(entry.changes) for entry in LogEntry.objects.all())
    assert "tom.privat@example.org" not in everything and "5550000" not in everything


def test_reminders_only_reach_people_still_in_the_team(municipality, member, mailoutbox):
    PersonFactory(municipality=municipality, owner=member, next_step="Anrufen",
                  next_step_due=DAY)
    member.memberships.all().delete()
    assert services.reminders_send(on=DAY) == 0
    assert mailoutbox == []


def test_a_sector_with_actors_stays(municipality):
    sector = SectorFactory(municipality=municipality)
    OrganisationFactory(municipality=municipality, sector=sector)
    with pytest.raises(DomainError):
        services.sector_delete(sector=sector)


def test_default_sectors_come_once(municipality):
    services.sectors_ensure_defaults(municipality=municipality)
    services.sectors_ensure_defaults(municipality=municipality)
    assert municipality.sectors.count() == 10


def test_approach_order_goes_from_easy_to_hard(municipality):
    easy = OrganisationFactory(municipality=municipality, power=2, interest=5, attitude=2)
    powerful_friend = OrganisationFactory(municipality=municipality, power=5, interest=5,
                                          attitude=2)
    hard = OrganisationFactory(municipality=municipality, power=5, interest=1, attitude=-2)
    OrganisationFactory(municipality=municipality)  # unrated: not in the order
    assert list(selectors.approach_order(Actor.objects.all())) == [powerful_friend, easy, hard]


def test_path_to_a_key_person(municipality, member):
    a, b, c, d = (PersonFactory(municipality=municipality) for _ in range(4))
    services.relation_create(source=a, kind=RelationKind.KNOWS, target=b)
    services.relation_create(source=c, kind=RelationKind.INFLUENCES, target=b)
    services.relation_create(source=c, kind=RelationKind.KNOWS, target=d)
    chain = selectors.path_to(municipality=municipality, user=member, start=a, goal=d)
    assert [(s, t) for s, _label, t in chain] == [(a, b), (b, c), (c, d)]
    lonely = PersonFactory(municipality=municipality)
    assert selectors.path_to(municipality=municipality, user=member, start=a, goal=lonely) == []


def test_reminders_go_to_the_owner_with_what_is_due(municipality, member, coordinator,
                                                    mailoutbox):
    due = PersonFactory(municipality=municipality, name="Fällig Heute", owner=member,
                        next_step="Einladung zum Runden Tisch schicken", next_step_due=DAY)
    PersonFactory(municipality=municipality, name="Später Dran", owner=member,
                  next_step="Anrufen", next_step_due=DAY + datetime.timedelta(days=3))
    PersonFactory(municipality=municipality, name="Pausiert", owner=member, stage=Stage.PAUSED,
                  next_step="Nachfassen", next_step_due=DAY)
    unowned = OrganisationFactory(municipality=municipality, name="Wohnbau eG")
    services.conversation_create(actor=unowned, held_on=DAY, channel="phone", summary="Erstes",
                                 agreements="Zahlen zur Sanierungsquote schicken",
                                 follow_up_on=DAY, logged_by=coordinator)

    assert services.reminders_send(on=DAY) == 2

    by_recipient = {message.to[0]: message for message in mailoutbox}
    to_member = by_recipient[member.email]
    assert "Fällig Heute" in to_member.body and f"/akteure/{due.pk}/" in to_member.body
    assert "Später Dran" not in to_member.body and "Pausiert" not in to_member.body
    assert "Zahlen zur Sanierungsquote schicken" in by_recipient[coordinator.email].body
