"""Every write of the alliance."""

import datetime

from auditlog.models import LogEntry
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from gemeinsam.core.errors import DomainError, StaleEdit

from .models import (
    DEFAULT_SECTORS,
    Actor,
    ActorKind,
    Conversation,
    Department,
    Erasure,
    Position,
    PositionChange,
    PositionHolding,
    Rating,
    Relation,
    Sector,
    Stage,
)

# Fields an edit form may change; the rating and erasure have their own services.
ACTOR_FIELDS = {
    "name", "sector", "parent", "notes", "shared_with_administration", "organisation_kind",
    "website", "address", "public_description", "shown_as_ally", "function", "email", "phone",
    "preferred_channel", "languages", "legal_basis", "consent_given_on", "consent_wording",
    "named_in_public", "review_on", "stage", "owner", "next_step", "next_step_due",
}
PERSONAL_FIELDS = ["email", "phone", "function", "languages", "notes", "consent_wording",
                   "preferred_channel", "legal_basis", "next_step"]


def sectors_ensure_defaults(*, municipality):
    """Give a municipality the seed's sectors the first time it needs them."""
    if municipality.sectors.exists():
        return
    # Sector names are the municipality's data, not interface text: always in German.
    with translation.override(settings.LANGUAGE_CODE):
        Sector.objects.bulk_create(
            Sector(municipality=municipality, name=str(name), order=index * 10)
            for index, name in enumerate(DEFAULT_SECTORS)
        )


def sector_create(*, municipality, name):
    order = (municipality.sectors.order_by("-order").values_list("order", flat=True).first()
             or 0) + 10
    sector = Sector(municipality=municipality, name=name.strip(), order=order)
    sector.full_clean()
    sector.save()
    return sector


def sector_rename(*, sector, name):
    sector.name = name.strip()
    sector.full_clean()
    sector.save(update_fields=["name"])
    return sector


def sector_delete(*, sector):
    if sector.actors.exists():
        raise DomainError(_("Sector “%(name)s” still has actors; move them to another sector "
                            "first.") % {"name": sector.name})
    sector.delete()


def _check_same_municipality(municipality, *objects):
    for obj in objects:
        if obj is not None and obj.municipality_id != municipality.pk:
            raise DomainError(_("“%(object)s” belongs to another municipality.") % {"object": obj})


def actor_create(*, municipality, kind, name, created_by=None, **fields):
    unknown = set(fields) - ACTOR_FIELDS
    if unknown:
        raise TypeError(f"unknown actor fields: {sorted(unknown)}")
    _check_same_municipality(municipality, fields.get("sector"), fields.get("parent"))
    actor = Actor(municipality=municipality, kind=kind, name=name.strip(), **fields)
    if created_by is not None and actor.owner is None and kind == ActorKind.PERSON:
        actor.owner = created_by
    actor.full_clean()
    actor.save()
    return actor


def actor_update(*, actor, version, **fields):
    """Change an actor; a save based on an outdated version is refused."""
    unknown = set(fields) - ACTOR_FIELDS
    if unknown:
        raise TypeError(f"unknown actor fields: {sorted(unknown)}")
    _check_same_municipality(actor.municipality, fields.get("sector"), fields.get("parent"))
    for field, value in fields.items():
        setattr(actor, field, value)
    actor.full_clean()
    with transaction.atomic():
        updated = Actor.objects.filter(pk=actor.pk, version=version).update(
            version=F("version") + 1, updated_at=timezone.now(),
            **{field: getattr(actor, field) for field in fields},
        )
        if not updated:
            raise StaleEdit()
    actor.refresh_from_db()
    return actor


def actor_move(*, actor, stage, version=None):
    """Move an actor to another stage of the pipeline (board, keyboard or form).

    The board sends the version it showed, so that two people dragging the same card do not
    silently undo each other.
    """
    if stage not in Stage.values:
        raise DomainError(_("Unknown stage."))
    query = Actor.objects.filter(pk=actor.pk)
    if version is not None:
        query = query.filter(version=version)
    if not query.update(stage=stage, version=F("version") + 1, updated_at=timezone.now()):
        raise StaleEdit()
    actor.refresh_from_db()
    return actor


def duplicates_of(*, municipality, kind, name, email="", parent=None, exclude=None):
    """Actors that are probably the same: same e-mail, or same name in the same organisation."""
    same_name = Q(name__iexact=name.strip(), kind=kind)
    if kind == ActorKind.PERSON:
        same_name &= Q(parent=parent)
    condition = same_name | (Q(email__iexact=email.strip()) if email.strip() else Q(pk__in=[]))
    found = Actor.objects.filter(condition, municipality=municipality, erased_at__isnull=True)
    if exclude is not None:
        found = found.exclude(pk=exclude.pk)
    return list(found)


def rating_create(*, actor, power, interest, attitude, rated_by, reason=""):
    rating = Rating(actor=actor, power=power, interest=interest, attitude=attitude,
                    reason=reason, rated_by=rated_by)
    rating.full_clean()
    with transaction.atomic():
        rating.save()
        Actor.objects.filter(pk=actor.pk).update(power=power, interest=interest,
                                                 attitude=attitude, updated_at=timezone.now())
    actor.refresh_from_db()
    return rating


def conversation_create(*, actor, held_on, channel, summary, logged_by, agreements="",
                        follow_up_on=None, participants=(), team_participants=(),
                        next_stage=None):
    """Log an organizing conversation; optionally move the actor on in the pipeline."""
    _check_same_municipality(actor.municipality, *participants)
    conversation = Conversation(actor=actor, held_on=held_on, channel=channel, summary=summary,
                                agreements=agreements, follow_up_on=follow_up_on,
                                logged_by=logged_by)
    conversation.full_clean()
    with transaction.atomic():
        conversation.save()
        conversation.participants.set(participants)
        conversation.team_participants.set(team_participants)
        changes = {"updated_at": timezone.now()}
        if next_stage:
            changes.update(stage=next_stage, version=F("version") + 1)
        if follow_up_on:
            changes.update(next_step_due=follow_up_on)
        Actor.objects.filter(pk=actor.pk).update(**changes)
    actor.refresh_from_db()
    return conversation


def follow_up_done(*, conversation):
    conversation.follow_up_done = True
    conversation.save(update_fields=["follow_up_done"])
    return conversation


def relation_create(*, source, kind, target, note=""):
    _check_same_municipality(source.municipality, target)
    relation = Relation(municipality=source.municipality, source=source, kind=kind,
                        target=target, note=note)
    relation.full_clean()
    relation.save()
    return relation


def relation_delete(*, relation):
    relation.delete()


# --- Administration structure ----------------------------------------------------------------


def department_create(*, municipality, name, kind, parent=None, **fields):
    _check_same_municipality(municipality, parent)
    department = Department(municipality=municipality, name=name, kind=kind, parent=parent,
                            **fields)
    department.full_clean()
    department.save()
    return department


def department_update(*, department, version, **fields):
    _check_same_municipality(department.municipality, fields.get("parent"))
    for field, value in fields.items():
        setattr(department, field, value)
    department.full_clean()
    with transaction.atomic():
        if not Department.objects.filter(pk=department.pk, version=version).update(
                version=F("version") + 1, **fields):
            raise StaleEdit()
    department.refresh_from_db()
    return department


def position_create(*, municipality, title, department=None, organisation=None, is_key=False,
                    notes=""):
    _check_same_municipality(municipality, department, organisation)
    position = Position(municipality=municipality, title=title, department=department,
                        organisation=organisation, is_key=is_key, notes=notes)
    position.full_clean()
    position.save()
    return position


def position_hand_over(*, position, person, on, recorded_by):
    """`person` takes over `position` on the given date (None: the position becomes vacant).

    The previous holding ends the day before; relations, conversations and open items stay with
    the position, and the team gets a notice of the change.
    """
    if person is not None:
        _check_same_municipality(position.municipality, person)
        if not person.is_person:
            raise DomainError(_("Only a person can hold a position."))
    with transaction.atomic():
        current = position.holdings.select_for_update().filter(ended_on__isnull=True).first()
        if current is not None:
            if person is not None and current.person_id == person.pk:
                raise DomainError(_("%(person)s already holds this position.")
                                  % {"person": person})
            if on <= current.started_on:
                raise DomainError(_("The change must be after %(date)s, when the current holder "
                                    "started.") % {"date": current.started_on.strftime("%d.%m.%Y")})
            current.ended_on = on - datetime.timedelta(days=1)
            current.save(update_fields=["ended_on"])
        elif person is None:
            raise DomainError(_("The position is vacant already."))
        if person is not None:
            PositionHolding.objects.create(position=position, person=person, started_on=on)
        PositionChange.objects.create(position=position, happened_on=on,
                                      became_vacant=person is None, recorded_by=recorded_by)
    return position


def position_change_acknowledge(*, change):
    change.acknowledged = True
    change.save(update_fields=["acknowledged"])


# --- Data protection ------------------------------------------------------------------------


def person_export(*, person):
    """Everything stored about a person (Art. 15 GDPR), for DjangoJSONEncoder."""
    if not person.is_person:
        raise DomainError(_("Only a person's data can be exported."))
    fields = ["name", "function", "email", "phone", "preferred_channel", "languages", "notes",
              "legal_basis", "consent_given_on", "consent_wording", "review_on", "stage",
              "next_step", "next_step_due", "power", "interest", "attitude", "created_at",
              "updated_at"]
    data = {field: getattr(person, field) for field in fields}
    data["organisation"] = person.parent.name if person.parent else None
    data["sector"] = person.sector.name if person.sector else None
    data["ratings"] = list(person.ratings.values("power", "interest", "attitude", "reason",
                                                 "rated_at"))
    data["conversations"] = list(
        Conversation.objects.filter(Q(actor=person) | Q(participants=person)).distinct()
        .values("held_on", "channel", "summary", "agreements", "follow_up_on")
    )
    data["relations"] = [
        {"from": r.source.name, "relation": r.get_kind_display(), "to": r.target.name}
        for r in Relation.objects.filter(Q(source=person) | Q(target=person))
        .select_related("source", "target")
    ]
    data["positions"] = list(person.holdings.values("position__title", "started_on", "ended_on"))
    return data


def person_erase(*, person, erased_by, requested_on):
    """Erase a person on request (Art. 17 GDPR).

    The record stays as an anonymous placeholder so that positions and the organisation's
    history keep their shape; everything that describes the person goes, including the change
    history of the record. The Erasure row proves that and when it happened.
    """
    if not person.is_person:
        raise DomainError(_("Only a person can be erased."))
    if person.is_erased:
        raise DomainError(_("This person has already been erased."))
    with transaction.atomic():
        own_conversations = person.conversations.all()
        removed = {
            "ratings": person.ratings.count(),
            "conversations": own_conversations.count(),
            "relations": Relation.objects.filter(Q(source=person) | Q(target=person)).count(),
        }
        person.ratings.all().delete()
        own_conversations.delete()
        Relation.objects.filter(Q(source=person) | Q(target=person)).delete()
        person.conversations_joined.clear()
        Actor.objects.filter(pk=person.pk).update(
            name=_("erased person"), erased_at=timezone.now(), power=None, interest=None,
            attitude=None, consent_given_on=None, review_on=None, next_step_due=None,
            shared_with_administration=False, named_in_public=False, owner=None,
            version=F("version") + 1,
            **{field: "" for field in PERSONAL_FIELDS},
        )
        history = LogEntry.objects.filter(
            content_type=ContentType.objects.get_for_model(Actor), object_pk=str(person.pk)
        )
        removed["history_entries"] = history.count()
        history.delete()
        erasure = Erasure.objects.create(
            municipality=person.municipality, actor_number=person.pk, requested_on=requested_on,
            erased_by=erased_by, removed=removed,
        )
    person.refresh_from_db()
    return erasure


def actors_merge(*, keep, duplicate, merged_by):
    """Fold `duplicate` into `keep` without losing any linked record; the duplicate goes."""
    if keep.pk == duplicate.pk or keep.kind != duplicate.kind:
        raise DomainError(_("Only two different actors of the same kind can be merged."))
    _check_same_municipality(keep.municipality, duplicate)
    with transaction.atomic():
        duplicate.ratings.update(actor=keep)
        duplicate.conversations.update(actor=keep)
        for conversation in duplicate.conversations_joined.all():
            conversation.participants.remove(duplicate)
            conversation.participants.add(keep)
        duplicate.holdings.update(person=keep)
        duplicate.children.update(parent=keep)
        duplicate.positions.update(organisation=keep)
        for relation in Relation.objects.filter(Q(source=duplicate) | Q(target=duplicate)):
            source = keep if relation.source_id == duplicate.pk else relation.source
            target = keep if relation.target_id == duplicate.pk else relation.target
            if source != target and not Relation.objects.filter(
                    source=source, kind=relation.kind, target=target).exists():
                Relation.objects.create(municipality=keep.municipality, source=source,
                                        kind=relation.kind, target=target, note=relation.note)
            relation.delete()
        # Fill the gaps of the kept record with what only the duplicate knew.
        filled = []
        for field in ACTOR_FIELDS - {"name", "stage"}:
            if getattr(keep, field) in ("", None) and getattr(duplicate, field) not in ("", None):
                setattr(keep, field, getattr(duplicate, field))
                filled.append(field)
        if duplicate.notes and duplicate.notes not in keep.notes:
            keep.notes = "\n\n".join(filter(None, [keep.notes, duplicate.notes]))
            filled.append("notes")
        latest = keep.ratings.first()
        if latest:
            keep.power, keep.interest, keep.attitude = (latest.power, latest.interest,
                                                        latest.attitude)
        keep.version += 1
        keep.save()
        duplicate_pk = duplicate.pk
        duplicate.delete()
        # The duplicate's change history would keep its personal data beyond an erasure.
        LogEntry.objects.filter(content_type=ContentType.objects.get_for_model(Actor),
                                object_pk=str(duplicate_pk)).delete()
    return keep


def reminders_send(*, on):
    """E-mail each team member what is due for them in the alliance; returns how many got one.

    Meant to run once a day (`manage.py send_reminders`).
    """
    from gemeinsam.core.emails import send_to_people

    from .selectors import reminders_due

    due = reminders_due(on=on)
    for person, items in due.items():
        send_to_people([person], "actors/email/reminder", {
            "on": on, "count": len(items["next_steps"]) + len(items["follow_ups"]), **items})
    return len(due)
