from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _


class AreaKind(models.TextChoices):
    MUNICIPALITY = "municipality", _("municipality")
    DISTRICT = "district", _("district")
    STATE = "state", _("federal state")


class DirectoryEntry(models.Model):
    """One row of the official directory of German municipalities, districts and states."""

    ags = models.CharField(_("AGS"), max_length=8, unique=True,
                           help_text=_("Amtlicher Gemeindeschlüssel, eight digits."))
    official_name = models.CharField(_("official name"), max_length=200)
    kind = models.CharField(_("kind"), max_length=16, choices=AreaKind.choices)
    population = models.PositiveIntegerField(_("population 2021"), null=True, blank=True)
    has_climate_referendum_team = models.BooleanField(_("has a Klimaentscheid team"), default=False)

    class Meta:
        verbose_name = _("directory entry")
        verbose_name_plural = _("municipality directory")
        ordering = ["official_name"]
        indexes = [models.Index(Lower("official_name"), name="directory_name_lower")]

    def __str__(self):
        return f"{self.official_name} ({self.ags})"

    @property
    def short_name(self):
        """'Flensburg, Stadt' -> 'Flensburg'; 'Gifhorn, (Landkreis)' -> 'Landkreis Gifhorn'."""
        name, _sep, qualifier = self.official_name.partition(", ")
        qualifier = qualifier.strip("()")
        if self.kind == AreaKind.DISTRICT and qualifier and qualifier.split()[0] not in name:
            return f"{qualifier} {name}"
        return name


RESERVED_SLUGS = frozenset(
    {"admin", "api", "konto", "einladung", "plattform", "static", "media", "i18n", "jobs",
     "impressum", "datenschutz", "seiten", "accounts", "favicon.ico", "robots.txt"}
)


def validate_slug_not_reserved(value):
    if value in RESERVED_SLUGS:
        raise ValidationError(_("“%(slug)s” is used by the platform itself."), params={"slug": value})


class Municipality(models.Model):
    """A municipality's space on the platform: the tenant every domain record belongs to."""

    directory_entry = models.OneToOneField(
        DirectoryEntry, on_delete=models.PROTECT, related_name="space",
        verbose_name=_("directory entry"),
    )
    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(_("address"), max_length=80, unique=True,
                            validators=[validate_slug_not_reserved],
                            help_text=_("Appears in the web address: /<address>/"))
    introduction = models.TextField(
        _("introduction"), blank=True,
        help_text=_("Public text on the overview page: who works together here and towards what."),
    )
    team_name = models.CharField(_("name of the local team"), max_length=200, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    version = models.PositiveIntegerField(_("version"), default=1, editable=False)

    class Meta:
        verbose_name = _("municipality")
        verbose_name_plural = _("municipalities")
        ordering = ["name"]

    def __str__(self):
        return self.name

    @property
    def ags(self):
        return self.directory_entry.ags

    @property
    def population(self):
        return self.directory_entry.population


class Role(models.TextChoices):
    MEMBER = "member", _("team member")
    COORDINATOR = "coordinator", _("team coordinator")
    ADMINISTRATION = "administration", _("administration")


class Membership(models.Model):
    """A person's role in one municipality. A person may be a member of several municipalities."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                             related_name="memberships", verbose_name=_("person"))
    municipality = models.ForeignKey(Municipality, on_delete=models.CASCADE,
                                     related_name="memberships", verbose_name=_("municipality"))
    role = models.CharField(_("role"), max_length=16, choices=Role.choices)
    joined_at = models.DateTimeField(_("joined at"), auto_now_add=True)

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        ordering = ["municipality", "role", "user__display_name"]
        constraints = [
            models.UniqueConstraint(fields=["user", "municipality"], name="one_role_per_municipality"),
        ]

    def __str__(self):
        return f"{self.user} – {self.municipality}: {self.get_role_display()}"


class Invitation(models.Model):
    """A one-time link that lets the holder of an e-mail address join with a role."""

    municipality = models.ForeignKey(Municipality, on_delete=models.CASCADE,
                                     related_name="invitations", verbose_name=_("municipality"))
    email = models.EmailField(_("e-mail address"))
    role = models.CharField(_("role"), max_length=16, choices=Role.choices)
    # Only the hash is stored, so a leaked database does not leak usable links.
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    invited_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True,
                                   related_name="+", verbose_name=_("invited by"))
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    expires_at = models.DateTimeField(_("expires at"))
    accepted_at = models.DateTimeField(_("accepted at"), null=True, blank=True)
    accepted_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True,
                                    blank=True, related_name="+", verbose_name=_("accepted by"))
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True)
    renewal_requested_at = models.DateTimeField(_("new invitation requested at"), null=True,
                                                blank=True)

    class Meta:
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.email} → {self.municipality} ({self.get_role_display()})"

    @property
    def is_expired(self):
        return timezone.now() >= self.expires_at

    @property
    def is_open(self):
        return self.accepted_at is None and self.revoked_at is None and not self.is_expired


class JoinRequest(models.Model):
    """A registered person asks a municipality's team to let them in."""

    class Status(models.TextChoices):
        PENDING = "pending", _("pending")
        APPROVED = "approved", _("approved")
        DECLINED = "declined", _("declined")

    municipality = models.ForeignKey(Municipality, on_delete=models.CASCADE,
                                     related_name="join_requests", verbose_name=_("municipality"))
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                             related_name="join_requests", verbose_name=_("person"))
    message = models.TextField(_("message"), blank=True, max_length=2000)
    status = models.CharField(_("status"), max_length=16, choices=Status.choices,
                              default=Status.PENDING)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True,
                                   blank=True, related_name="+", verbose_name=_("decided by"))
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)

    class Meta:
        verbose_name = _("join request")
        verbose_name_plural = _("join requests")
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["municipality", "user"], condition=models.Q(status="pending"),
                name="one_pending_join_request",
            ),
        ]

    def __str__(self):
        return f"{self.user} → {self.municipality} ({self.get_status_display()})"


class SitePage(models.Model):
    """Platform-wide texts in the footer: imprint and privacy policy, in German and English."""

    class Key(models.TextChoices):
        IMPRINT = "impressum", _("Imprint")
        PRIVACY = "datenschutz", _("Privacy")

    key = models.CharField(_("page"), max_length=32, choices=Key.choices, unique=True)
    title_de = models.CharField(_("title (German)"), max_length=200)
    body_de = models.TextField(_("text (German)"))
    title_en = models.CharField(_("title (English)"), max_length=200, blank=True)
    body_en = models.TextField(_("text (English)"), blank=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)
    version = models.PositiveIntegerField(_("version"), default=1, editable=False)

    class Meta:
        verbose_name = _("site page")
        verbose_name_plural = _("site pages")
        ordering = ["key"]

    def __str__(self):
        return self.get_key_display()

    @property
    def title(self):
        return self.title_en if get_language() == "en" and self.title_en else self.title_de

    @property
    def body(self):
        return self.body_en if get_language() == "en" and self.body_en else self.body_de
