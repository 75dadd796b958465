"""The actor import: a preview that finds every problem and probable duplicate, then an
all-or-nothing import. Reading the files is exchange.py's job."""

from dataclasses import dataclass, field

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import transaction
from django.utils.text import capfirst
from django.utils.translation import gettext as _

from gemeinsam.core.errors import DomainError, ImportFailed

from .models import Actor, ActorKind
from .services import actor_create, duplicates_of

SKIP, CREATE = "skip", "create"
ORGANISATION_FIELDS = ["email", "phone", "website", "address", "notes"]
PERSON_FIELDS = ORGANISATION_FIELDS + ["function", "legal_basis", "consent_given_on",
                                       "consent_wording"]


@dataclass
class PreviewRow:
    row: object  # exchange.Row
    errors: list = field(default_factory=list)
    duplicates: list = field(default_factory=list)  # actors already in the database
    duplicate_of_line: int | None = None  # an earlier row of the same file

    @property
    def line(self):
        return self.row.line

    @property
    def flagged(self):
        return bool(self.duplicates or self.duplicate_of_line)


@dataclass
class Preview:
    rows: list
    new_organisations: list  # named by people, neither in the database nor in the file

    @property
    def errors(self):
        return [(entry.line, reason) for entry in self.rows for reason in entry.errors]

    @property
    def flagged(self):
        return [entry for entry in self.rows if entry.flagged]


def _known(municipality):
    sectors = {sector.name.casefold(): sector for sector in municipality.sectors.all()}
    organisations = {}
    for organisation in Actor.objects.filter(municipality=municipality,
                                             kind=ActorKind.ORGANISATION,
                                             erased_at__isnull=True).order_by("pk"):
        organisations.setdefault(organisation.name.casefold(), organisation)
    return sectors, organisations


def _fields(row):
    return {name: getattr(row, name)
            for name in (PERSON_FIELDS if row.is_person else ORGANISATION_FIELDS)}


def _messages(error):
    """A model's ValidationError as readable reasons, each with the field's label."""
    reasons = []
    for name, messages in error.message_dict.items():
        label = ("" if name == NON_FIELD_ERRORS
                 else f"{capfirst(Actor._meta.get_field(name).verbose_name)}: ")
        reasons += [f"{label}{message}" for message in messages]
    return reasons


def _check(municipality, row, sector):
    actor = Actor(municipality=municipality, kind=row.kind, name=row.name, sector=sector,
                  **_fields(row))
    try:
        actor.full_clean(exclude=["municipality", "sector", "parent"])
    except ValidationError as error:
        return _messages(error)
    return []


def _row_errors(municipality, row, sectors):
    errors = list(row.errors)
    sector = None
    if row.sector:
        sector = sectors.get(row.sector.casefold())
        if sector is None:
            errors.append(_("Unknown sector “%(sector)s”.") % {"sector": row.sector})
    if len(row.organisation) > Actor._meta.get_field("name").max_length:
        errors.append(_("The organisation's name is too long."))
    if not row.is_person and row.organisation.casefold() == row.name.casefold() and row.name:
        errors.append(_("An organisation cannot be its own parent."))
    if not row.errors:
        errors += _check(municipality, row, sector)
    return errors


def _duplicates(municipality, row, organisations):
    if not (row.kind and row.name):
        return []
    parent = organisations.get(row.organisation.casefold()) if row.organisation else None
    found = duplicates_of(municipality=municipality, kind=row.kind, name=row.name,
                          email=row.email, parent=parent)
    if row.is_person and row.organisation and parent is None:
        # Their organisation is new, so only the same e-mail address can mean the same person.
        found = [actor for actor in found
                 if row.email and actor.email.casefold() == row.email.casefold()]
    return found


def actors_import_preview(*, municipality, rows):
    """What an import of `rows` would do: each row's problems and probable duplicates."""
    sectors, organisations = _known(municipality)
    seen, entries = {}, []
    for row in rows:
        entry = PreviewRow(row=row, errors=_row_errors(municipality, row, sectors),
                           duplicates=_duplicates(municipality, row, organisations))
        keys = [("name", row.kind, row.name.casefold(),
                 row.organisation.casefold() if row.is_person else "")]
        if row.email:
            keys.append(("email", row.email.casefold()))
        earlier = [seen[key] for key in keys if key in seen]
        if earlier and row.name:
            entry.duplicate_of_line = min(earlier)
        for key in keys:
            seen.setdefault(key, row.line)
        entries.append(entry)
    in_file = {row.name.casefold() for row in rows if row.kind == ActorKind.ORGANISATION}
    new_organisations = {}
    for row in rows:
        key = row.organisation.casefold()
        if row.organisation and key not in organisations and key not in in_file:
            new_organisations.setdefault(key, row.organisation)
    return Preview(rows=entries, new_organisations=list(new_organisations.values()))


def actors_import(*, municipality, rows, decisions=None, created_by=None):
    """Create the actors of `rows`, all or nothing.

    A row flagged as a probable duplicate is skipped unless `decisions` (line → "create"/"skip")
    says to create it. Organisations that people's rows name and that do not exist yet are
    created too. Raises ImportFailed with every bad row, and then nothing is saved.
    """
    preview = actors_import_preview(municipality=municipality, rows=rows)
    if preview.errors:
        raise ImportFailed(preview.errors)
    decisions = decisions or {}
    chosen = [entry.row for entry in preview.rows
              if not entry.flagged or decisions.get(entry.line) == CREATE]
    sectors, organisations = _known(municipality)
    created, errors = {}, []
    counts = {"organisations": 0, "people": 0, "skipped": len(rows) - len(chosen)}

    def organisation_named(name):
        key = name.casefold()
        if key not in created and key not in organisations:
            created[key] = actor_create(municipality=municipality,
                                        kind=ActorKind.ORGANISATION, name=name)
            counts["organisations"] += 1
        return created.get(key) or organisations[key]

    def add(row, **extra):
        sector = sectors.get(row.sector.casefold()) if row.sector else None
        try:
            actor = actor_create(municipality=municipality, kind=row.kind, name=row.name,
                                 sector=sector, **_fields(row), **extra)
        except ValidationError as error:
            errors.extend((row.line, reason) for reason in _messages(error))
        except DomainError as error:
            errors.append((row.line, error.message))
        else:
            counts["people" if row.is_person else "organisations"] += 1
            return actor

    with transaction.atomic():
        # Organisations first, so that the people of the file find theirs.
        parents = []
        for row in chosen:
            if not row.is_person:
                actor = add(row)
                if actor is not None:
                    created.setdefault(row.name.casefold(), actor)
                    if row.organisation:
                        parents.append((row.line, actor, row.organisation))
        for line, actor, parent in parents:
            actor.parent = organisation_named(parent)
            try:
                actor.full_clean()
            except ValidationError as error:
                errors.extend((line, reason) for reason in _messages(error))
            else:
                actor.save(update_fields=["parent"])
        for row in chosen:
            if row.is_person:
                add(row, created_by=created_by,
                    parent=organisation_named(row.organisation) if row.organisation else None)
        if errors:
            raise ImportFailed(errors)
    return counts
