from django.contrib.auth.models import AbstractUser, BaseUserManager
from django.db import models
from django.utils.translation import gettext_lazy as _


class UserManager(BaseUserManager):
    use_in_migrations = True

    def _create_user(self, email, password, **extra_fields):
        if not email:
            raise ValueError("An e-mail address is required.")
        user = self.model(email=self.normalize_email(email), **extra_fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", False)
        extra_fields.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra_fields)

    def create_superuser(self, email, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", True)
        extra_fields.setdefault("is_superuser", True)
        return self._create_user(email, password, **extra_fields)


class User(AbstractUser):
    """A person with a login. The e-mail address is the login name.

    A deleted account keeps its row so that contributions stay attributed, but loses every
    personal detail and shows as "former member".
    """

    username = None
    first_name = None
    last_name = None
    email = models.EmailField(_("e-mail address"), unique=True)
    display_name = models.CharField(
        _("name"), max_length=150, help_text=_("How others on the platform see you.")
    )
    named_in_public = models.BooleanField(
        _("my name may appear on public pages"), default=False,
        help_text=_("For example in the approved minutes of a public body. Otherwise your name "
                    "is removed there."))
    organisation = models.CharField(
        _("organisation or function"), max_length=200, blank=True,
        help_text=_("For example: Lokalteam, Stadtwerke, Amt für Umwelt und Klimaschutz."),
    )
    preferred_language = models.CharField(
        _("language"), max_length=8, blank=True,
        choices=[("de", "Deutsch"), ("en", "English")],
    )
    deleted_at = models.DateTimeField(_("deleted at"), null=True, blank=True, editable=False)

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS = ["display_name"]

    objects = UserManager()

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")
        ordering = ["display_name", "email"]

    def __str__(self):
        if self.is_former_member:
            return str(_("former member"))
        return self.display_name or self.email

    @property
    def is_former_member(self):
        return self.deleted_at is not None

    def get_full_name(self):
        return str(self)

    def get_short_name(self):
        return str(self)
