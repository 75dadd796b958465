"""Every write of the Mitmachkarte, the Termintipps, pages and embedding.

Anyone may propose an initiative or an event; it waits for the team or the administration.
The proposer gets a secret link to change the entry later without an account; a change to a
published entry waits as `pending_changes` while the published text stays visible.
"""

import hashlib
import secrets

from django.conf import settings
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import UploadedFile
from django.core.mail import EmailMessage
from django.db import models, transaction
from django.db.models import F
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from gemeinsam.core.emails import send_to_address
from gemeinsam.core.errors import DomainError, StaleEdit

from .models import Category, EmbedSettings, EntryStatus, Event, Initiative, Page

DEFAULT_CATEGORIES = [
    # (name, English name, slug, colour)
    ("Gemeinschaftsgarten", "Community garden", "gemeinschaftsgarten", "#2e7d32"),
    ("Repair-Café", "Repair café", "repair-cafe", "#8d4a00"),
    ("Lastenrad-Verleih", "Cargo-bike sharing", "lastenrad", "#00695c"),
    ("Foodsharing", "Food sharing", "foodsharing", "#ad1457"),
    ("Energiegenossenschaft", "Energy cooperative", "energiegenossenschaft", "#9e6a00"),
    ("Mobilität", "Mobility", "mobilitaet", "#1565c0"),
    ("Bildung", "Education", "bildung", "#6a1b9a"),
    ("Klimagruppe", "Climate group", "klimagruppe", "#c62828"),
    ("Naturschutz", "Nature conservation", "naturschutz", "#33691e"),
]
ENTRY_MODELS = {"initiative": Initiative, "event": Event}
KIND_OF = {model: kind for kind, model in ENTRY_MODELS.items()}


def categories_ensure(*, municipality):
    """The default engagement categories, created the first time a municipality needs them."""
    if not Category.objects.filter(municipality=municipality).exists():
        Category.objects.bulk_create(
            Category(municipality=municipality, name=name, name_en=name_en, slug=slug,
                     color=color, order=order)
            for order, (name, name_en, slug, color) in enumerate(DEFAULT_CATEGORIES))
    return Category.objects.filter(municipality=municipality)


def category_save(*, municipality, category=None, **fields):
    category = category or Category(municipality=municipality)
    for name, value in fields.items():
        setattr(category, name, value)
    category.full_clean()
    category.save()
    return category


def category_delete(*, category):
    category.delete()


# --- Entries: proposals, moderation, edit links ----------------------------------------------


def _hash(secret):
    return hashlib.sha256(secret.encode()).hexdigest()


def edit_token(entry):
    """A new secret edit link token for `entry` (the old one stops working)."""
    secret = secrets.token_urlsafe(24)
    type(entry).objects.filter(pk=entry.pk).update(edit_token_hash=_hash(secret))
    entry.edit_token_hash = _hash(secret)
    return f"{KIND_OF[type(entry)]}-{entry.pk}-{secret}"


def entry_by_token(*, municipality, token):
    """The entry an edit link belongs to, or a DomainError that says the link is not valid."""
    kind, _sep, rest = token.partition("-")
    pk, _sep, secret = rest.partition("-")
    model = ENTRY_MODELS.get(kind)
    entry = None
    if model and pk.isdigit() and secret:
        entry = model.objects.filter(pk=pk, municipality=municipality).first()
    if entry is None or not entry.edit_token_hash or not secrets.compare_digest(
            entry.edit_token_hash, _hash(secret)):
        raise DomainError(_("This link is not valid (any more). Please ask the team for a new "
                            "one."))
    if entry.status == EntryStatus.REJECTED:
        raise DomainError(_("This entry was not accepted, so it can no longer be changed."))
    return entry


def event_by_organiser_token(*, municipality, token, pk):
    """An event through the edit link of the initiative that organises it: organisers change
    their own events, also those the team entered for them."""
    initiative = entry_by_token(municipality=municipality, token=token)
    event = Event.objects.filter(pk=pk, municipality=municipality,
                                 organiser_initiative=initiative).first() if isinstance(
        initiative, Initiative) else None
    if event is None or event.status == EntryStatus.REJECTED:
        raise DomainError(_("This link is not valid (any more). Please ask the team for a new "
                            "one."))
    return event


def _check(entry, categories):
    entry.full_clean(exclude=["categories"])
    for category in categories:
        if category.municipality_id != entry.municipality_id:
            raise DomainError(_("“%(object)s” belongs to another municipality.")
                              % {"object": category})


def _check_organiser(entry):
    if isinstance(entry, Event):
        for organiser in (entry.organiser_initiative, entry.organiser_actor):
            if organiser is not None and organiser.municipality_id != entry.municipality_id:
                raise DomainError(_("“%(object)s” belongs to another municipality.")
                                  % {"object": organiser})


def entry_propose(*, model, municipality, fields, categories=(), proposer_email="",
                  edit_url=None):
    """A proposal from the public: saved as waiting for moderation. If the proposer gave an
    address and `edit_url(token)` builds the link, they get the link to change it later."""
    entry = model(municipality=municipality, status=EntryStatus.PROPOSED,
                  proposer_email=proposer_email, **fields)
    _check(entry, categories)
    _check_organiser(entry)
    with transaction.atomic():
        entry.save()
        entry.categories.set(categories)
        token = edit_token(entry)
    if proposer_email and edit_url is not None:
        send_to_address(proposer_email, "participation/email/proposal_received", {
            "entry": entry, "kind": KIND_OF[model], "edit_url": edit_url(token),
            "municipality": municipality})
    return entry, token


def entry_create(*, model, municipality, fields, categories=()):
    """An entry by the team or the administration: published at once."""
    entry = model(municipality=municipality, status=EntryStatus.PUBLISHED,
                  published_at=timezone.now(), **fields)
    _check(entry, categories)
    _check_organiser(entry)
    with transaction.atomic():
        entry.save()
        entry.categories.set(categories)
    return entry


def _apply(entry, fields, categories):
    for name, value in fields.items():
        setattr(entry, name, value)
    _check(entry, categories)
    _check_organiser(entry)


def _store_uploads(entry, fields):
    """`fields` with each new upload saved to the storage and replaced by its name: a write
    with `QuerySet.update()` stores a file's name, never the file itself."""
    stored = dict(fields)
    for name, value in fields.items():
        if isinstance(value, UploadedFile):
            field = entry._meta.get_field(name)
            stored[name] = default_storage.save(field.generate_filename(entry, value.name),
                                                value)
    return stored


def entry_update(*, entry, version, fields, categories):
    """A change by the team or the administration (or by the proposer while the entry still
    waits): saved at once. A save based on an outdated version is refused."""
    fields = _store_uploads(entry, fields)
    _apply(entry, fields, categories)
    changes = dict(fields, version=F("version") + 1, updated_at=timezone.now())
    if isinstance(entry, Event) and entry.status == EntryStatus.PUBLISHED:
        changes["sequence"] = F("sequence") + 1
    with transaction.atomic():
        if not type(entry).objects.filter(pk=entry.pk, version=version).update(**changes):
            raise StaleEdit()
        entry.categories.set(categories)
    entry.refresh_from_db()
    return entry


def entry_propose_changes(*, entry, version, fields, categories):
    """A change through the proposer's edit link. While the entry waits for moderation it is
    changed directly; a published entry keeps its text until the moderation accepts."""
    if entry.status == EntryStatus.PROPOSED:
        return entry_update(entry=entry, version=version, fields=fields, categories=categories)
    snapshot = type(entry).objects.get(pk=entry.pk)
    _apply(snapshot, fields, categories)  # validates without touching the published row
    # A new image is kept aside under its own name until the moderation accepts.
    pending = {name: _serialise(entry, name, value)
               for name, value in _store_uploads(entry, fields).items()}
    pending["categories"] = sorted(category.pk for category in categories)
    with transaction.atomic():
        if not type(entry).objects.filter(pk=entry.pk, version=version).update(
                pending_changes=pending, version=F("version") + 1, updated_at=timezone.now()):
            raise StaleEdit()
    entry.refresh_from_db()
    return entry


def _serialise(entry, name, value):
    field = entry._meta.get_field(name)
    if value is None:
        return None
    if field.is_relation:
        return value.pk
    if isinstance(field, models.FileField):
        return getattr(value, "name", value) or ""
    return field.value_to_string(type(entry)(**{name: value}))


def pending_fields(entry):
    """The waiting changes as field values (model instances for relations)."""
    values = {}
    for name, raw in (entry.pending_changes or {}).items():
        if name == "categories":
            continue
        field = entry._meta.get_field(name)
        if field.is_relation:
            values[name] = field.related_model.objects.filter(pk=raw).first() if raw else None
        else:
            values[name] = field.to_python(raw) if raw is not None else None
    return values


def entry_accept(*, entry):
    """Publish a proposal, or apply the changes that wait on a published entry."""
    with transaction.atomic():
        entry = type(entry).objects.select_for_update().get(pk=entry.pk)
        if entry.status == EntryStatus.PROPOSED:
            entry.status = EntryStatus.PUBLISHED
            entry.published_at = timezone.now()
        elif entry.pending_changes:
            categories = entry.pending_changes.get("categories")
            for name, value in pending_fields(entry).items():
                setattr(entry, name, value)
            if categories is not None:
                entry.categories.set(categories)
            if isinstance(entry, Event):
                entry.sequence += 1
        else:
            raise DomainError(_("Nothing waits for moderation here."))
        entry.pending_changes = None
        entry.moderation_note = ""
        entry.full_clean(exclude=["categories"])
        entry.version += 1
        entry.save()
    return entry


def _unpublished_image(entry):
    """The file of a rejected proposal's image, or of the new image of rejected changes."""
    if entry.status == EntryStatus.PROPOSED:
        return entry.image.name if entry.image else ""
    waiting = (entry.pending_changes or {}).get("image") or ""
    return "" if waiting == entry.image.name else waiting


def entry_reject(*, entry, note="", notify=True):
    """Reject a proposal, or discard the changes that wait on a published entry."""
    with transaction.atomic():
        image = _unpublished_image(entry)
        if image:
            transaction.on_commit(lambda: default_storage.delete(image))
        if entry.status == EntryStatus.PROPOSED:
            type(entry).objects.filter(pk=entry.pk).update(
                status=EntryStatus.REJECTED, moderation_note=note[:500],
                version=F("version") + 1, updated_at=timezone.now())
        else:
            type(entry).objects.filter(pk=entry.pk).update(
                pending_changes=None, moderation_note=note[:500], version=F("version") + 1,
                updated_at=timezone.now())
    entry.refresh_from_db()
    if notify and entry.proposer_email:
        send_to_address(entry.proposer_email, "participation/email/proposal_rejected", {
            "entry": entry, "note": note, "municipality": entry.municipality})
    return entry


def entry_delete(*, entry):
    entry.delete()


# --- Contact form ----------------------------------------------------------------------------


def contact_relay(*, initiative, sender_name, sender_email, message):
    """Relay a visitor's message to the initiative's contact address, which the visitor never
    sees; the initiative answers to the visitor's address (Reply-To)."""
    if initiative.status != EntryStatus.PUBLISHED or not initiative.contact_email:
        raise DomainError(_("This initiative cannot be contacted through the platform."))
    with translation.override(settings.LANGUAGE_CODE):
        context = {"initiative": initiative, "sender_name": sender_name,
                   "sender_email": sender_email, "message": message,
                   "platform_name": settings.PLATFORM_NAME}
        subject = render_to_string("participation/email/contact_subject.txt", context).strip()
        body = render_to_string("participation/email/contact.txt", context)
    EmailMessage(subject=" ".join(subject.split()), body=body, to=[initiative.contact_email],
                 reply_to=[sender_email]).send()


# --- Pages and embedding ---------------------------------------------------------------------


def page_save(*, municipality, page=None, version=None, **fields):
    """Create a page, or change one unless someone saved it since `version`."""
    if page is None:
        page = Page(municipality=municipality, **fields)
        page.full_clean()
        page.save()
        return page
    for name, value in fields.items():
        setattr(page, name, value)
    page.full_clean()
    if not Page.objects.filter(pk=page.pk, version=version).update(
            **fields, version=F("version") + 1):
        raise StaleEdit()
    page.refresh_from_db()
    return page


def page_delete(*, page):
    page.delete()


def embed_settings_save(*, municipality, allowed_origins):
    embed, _created = EmbedSettings.objects.get_or_create(municipality=municipality)
    embed.allowed_origins = "\n".join(line.strip().rstrip("/")
                                      for line in allowed_origins.splitlines() if line.strip())
    embed.full_clean()
    embed.save()
    return embed
