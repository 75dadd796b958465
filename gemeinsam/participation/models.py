"""What the public sees and adds to: the Mitmachkarte of initiatives, the Termintipps (events),
simple pages, and where the municipality's website may embed them.

Initiatives and events can be proposed by anyone. A proposal waits for moderation; a change to
a published entry waits as `pending_changes` while the published text stays. Addresses that
reach the platform (the contact address, the proposer's address) are never shown: the contact
form relays messages, the proposer edits through a secret link.
"""

import re
import secrets
import uuid
from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from gemeinsam.actors.models import Actor
from gemeinsam.core.models import Municipality
from gemeinsam.monitoring.models import validate_links

ORIGIN = re.compile(r"https?://[a-z0-9.-]+(:\d{1,5})?", re.IGNORECASE)
LATITUDE = [MinValueValidator(-90), MaxValueValidator(90)]
LONGITUDE = [MinValueValidator(-180), MaxValueValidator(180)]


class Category(models.Model):
    """An engagement category of the municipality's map and events (editable per place)."""

    municipality = models.ForeignKey(Municipality, on_delete=models.CASCADE,
                                     related_name="participation_categories",
                                     verbose_name=_("municipality"))
    name = models.CharField(_("name"), max_length=100)
    name_en = models.CharField(_("name in English"), max_length=100, blank=True)
    slug = models.SlugField(_("short name in addresses"), max_length=60)
    color = models.CharField(_("colour"), max_length=7, default="#2f6f4f",
                             help_text=_("Of the markers on the map, as #RRGGBB."))
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("category")
        verbose_name_plural = _("categories")
        ordering = ["order", "name"]
        constraints = [models.UniqueConstraint(fields=["municipality", "slug"],
                                               name="category_slug_once_per_municipality")]

    def __str__(self):
        return self.name


def image_path(entry, filename):
    """A random name: an image waiting for moderation must not be found by guessing the name
    it was uploaded with (media files are served without a permission check)."""
    return f"participation/{secrets.token_hex(16)}{Path(filename).suffix.lower()[:10]}"


class EntryStatus(models.TextChoices):
    PROPOSED = "proposed", _("waiting for moderation")
    PUBLISHED = "published", _("published")
    REJECTED = "rejected", _("rejected")


class Entry(models.Model):
    """What initiatives and events share: moderation, the proposer's secret edit link, images,
    categories and a place."""

    municipality = models.ForeignKey(Municipality, on_delete=models.CASCADE,
                                     related_name="%(class)ss", verbose_name=_("municipality"))
    description = models.TextField(_("description"), blank=True, help_text=_("Markdown."))
    address = models.CharField(_("address"), max_length=300, blank=True)
    latitude = models.FloatField(_("latitude"), null=True, blank=True, validators=LATITUDE)
    longitude = models.FloatField(_("longitude"), null=True, blank=True, validators=LONGITUDE)
    image = models.ImageField(_("image"), upload_to=image_path, blank=True)
    image_alt = models.CharField(_("description of the image"), max_length=300, blank=True,
                                 help_text=_("For people who cannot see it."))
    accessibility = models.TextField(_("accessibility"), blank=True,
                                     help_text=_("Step-free access, toilets, induction loop …"))

    status = models.CharField(_("status"), max_length=10, choices=EntryStatus.choices,
                              default=EntryStatus.PROPOSED)
    pending_changes = models.JSONField(
        _("changes waiting for moderation"), null=True, blank=True, editable=False)
    moderation_note = models.CharField(_("note of the moderation"), max_length=500, blank=True)
    proposer_email = models.EmailField(_("e-mail of the proposer"), blank=True)
    # sha256 of the secret in the proposer's edit link; the secret itself is never stored.
    edit_token_hash = models.CharField(max_length=64, blank=True, editable=False)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)
    version = models.PositiveIntegerField(_("version"), default=1, editable=False)

    class Meta:
        abstract = True

    def clean(self):
        if (self.latitude is None) != (self.longitude is None):
            raise ValidationError(_("Please give both latitude and longitude, or neither."))

    @property
    def has_place(self):
        return self.latitude is not None and self.longitude is not None


class Initiative(Entry):
    """A local initiative on the Mitmachkarte."""

    name = models.CharField(_("name"), max_length=200)
    website = models.URLField(_("website"), blank=True)
    social_links = models.TextField(_("social media"), blank=True, validators=[validate_links],
                                    help_text=_("One web address per line."))
    opening_hours = models.CharField(_("opening hours"), max_length=300, blank=True)
    how_to_join = models.TextField(_("how to join"), blank=True)
    languages = models.CharField(_("languages"), max_length=200, blank=True,
                                 help_text=_("For example: Deutsch, English, Türkçe"))
    # Never shown: the contact form relays messages to this address.
    contact_name = models.CharField(_("contact person"), max_length=200, blank=True)
    contact_email = models.EmailField(_("contact e-mail (never shown)"), blank=True)
    categories = models.ManyToManyField(Category, blank=True, related_name="initiatives",
                                        verbose_name=_("categories"))

    class Meta:
        verbose_name = _("initiative")
        verbose_name_plural = _("initiatives")
        ordering = ["name"]
        indexes = [models.Index(fields=["municipality", "status", "name"]),
                   # The API pages through all municipalities by name.
                   models.Index(fields=["status", "name", "id"]),
                   models.Index(fields=["status", "latitude", "longitude"])]

    def __str__(self):
        return self.name


class Event(Entry):
    """A Termintipp: an event on climate and sustainability, once or recurring."""

    title = models.CharField(_("title"), max_length=200)
    starts_at = models.DateTimeField(_("starts at"))
    ends_at = models.DateTimeField(_("ends at"), null=True, blank=True)
    all_day = models.BooleanField(_("all day"), default=False)
    recurrence = models.CharField(
        _("repeats (RFC 5545)"), max_length=200, blank=True,
        help_text=_("For example FREQ=MONTHLY;BYDAY=1SA for every first Saturday."))
    online_url = models.URLField(_("online link"), blank=True)
    organiser_initiative = models.ForeignKey(
        Initiative, on_delete=models.SET_NULL, null=True, blank=True, related_name="events",
        verbose_name=_("organised by the initiative"))
    organiser_actor = models.ForeignKey(
        Actor, on_delete=models.SET_NULL, null=True, blank=True, related_name="+",
        verbose_name=_("organised by the organisation"))
    organiser_name = models.CharField(_("organiser"), max_length=200, blank=True,
                                      help_text=_("If neither an initiative nor an "
                                                  "organisation of the alliance."))
    registration_url = models.URLField(_("registration"), blank=True)
    cost = models.CharField(_("cost"), max_length=200, blank=True,
                            help_text=_("For example: free, 5 €, pay what you can"))
    categories = models.ManyToManyField(Category, blank=True, related_name="events",
                                        verbose_name=_("categories"))
    # iCalendar: one UID for the event's whole life, SEQUENCE counts its changes.
    uid = models.UUIDField(default=uuid.uuid4, editable=False, unique=True)
    sequence = models.PositiveIntegerField(default=0, editable=False)

    class Meta:
        verbose_name = _("event")
        verbose_name_plural = _("events")
        ordering = ["starts_at"]
        indexes = [models.Index(fields=["municipality", "status", "starts_at"])]

    def __str__(self):
        return self.title

    def clean(self):
        super().clean()
        if self.ends_at and self.starts_at and self.ends_at < self.starts_at:
            raise ValidationError({"ends_at": _("The event must end after it starts.")})

    @property
    def organiser(self):
        return self.organiser_initiative or self.organiser_actor or self.organiser_name


class Page(models.Model):
    """A simple page of the municipality's space: about the alliance, how to join, privacy."""

    municipality = models.ForeignKey(Municipality, on_delete=models.CASCADE,
                                     related_name="pages", verbose_name=_("municipality"))
    slug = models.SlugField(_("address"), max_length=80)
    title = models.CharField(_("title"), max_length=200)
    body = models.TextField(_("text"), help_text=_("Markdown."))
    title_en = models.CharField(_("title in English"), max_length=200, blank=True)
    body_en = models.TextField(_("text in English"), blank=True,
                               help_text=_("Markdown. Without it, English readers see the "
                                           "German text."))
    order = models.PositiveSmallIntegerField(_("position in the navigation"), default=0)
    published = models.BooleanField(_("published"), default=False)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)
    version = models.PositiveIntegerField(_("version"), default=1, editable=False)

    class Meta:
        verbose_name = _("page")
        verbose_name_plural = _("pages")
        ordering = ["order", "title"]
        constraints = [models.UniqueConstraint(fields=["municipality", "slug"],
                                               name="page_slug_once_per_municipality")]

    def __str__(self):
        return self.title


class EmbedSettings(models.Model):
    """Which websites may show the municipality's map, events and summary in a frame."""

    municipality = models.OneToOneField(Municipality, on_delete=models.CASCADE,
                                        related_name="embed_settings",
                                        verbose_name=_("municipality"))
    allowed_origins = models.TextField(
        _("websites that may embed"), blank=True,
        help_text=_("One origin per line, for example https://www.ruesselsheim.de"))

    class Meta:
        verbose_name = _("embedding")
        verbose_name_plural = _("embedding")

    def clean(self):
        for origin in self.origins:
            if not ORIGIN.fullmatch(origin):
                raise ValidationError({"allowed_origins": _(
                    "“%(origin)s” is not an origin like https://www.example.de (scheme and host, "
                    "no path).") % {"origin": origin[:100]}})

    @property
    def origins(self):
        return [line.strip().rstrip("/") for line in self.allowed_origins.splitlines()
                if line.strip()]
