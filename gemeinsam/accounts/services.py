"""Every write to a person's own account."""

from allauth.account.models import EmailAddress
from auditlog.models import LogEntry
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from rest_framework.authtoken.models import Token

from gemeinsam.core.errors import DomainError
from gemeinsam.core.models import Invitation, JoinRequest, Membership, Role


def profile_update(*, user, display_name, organisation="", preferred_language="",
                   named_in_public=False):
    user.display_name = display_name
    user.organisation = organisation
    user.preferred_language = preferred_language
    user.named_in_public = named_in_public
    user.full_clean()
    user.save(update_fields=["display_name", "organisation", "preferred_language",
                             "named_in_public"])
    return user


def language_remember(*, user, language):
    if user.preferred_language != language:
        user.preferred_language = language
        user.save(update_fields=["preferred_language"])


def account_delete(*, user):
    """Erase a person's personal data but keep the row, so contributions show "former member".

    Refused while the person is the last coordinator of a team, so no team is left without one.
    """
    for membership in Membership.objects.filter(user=user, role=Role.COORDINATOR):
        if not Membership.objects.filter(
            municipality=membership.municipality_id, role=Role.COORDINATOR,
        ).exclude(user=user).exists():
            raise DomainError(
                _("You are the last team coordinator of %(municipality)s. Make someone else "
                  "coordinator first, then delete your account.")
                % {"municipality": membership.municipality}
            )
    with transaction.atomic():
        Membership.objects.filter(user=user).delete()
        JoinRequest.objects.filter(user=user).delete()
        Invitation.objects.filter(email__iexact=user.email, accepted_at__isnull=True).update(
            revoked_at=timezone.now()
        )
        EmailAddress.objects.filter(user=user).delete()
        Token.objects.filter(user=user).delete()
        LogEntry.objects.filter(actor=user).update(actor_email="")
        user.email = f"deleted-{user.pk}@invalid"
        user.display_name = ""
        user.organisation = ""
        user.is_active = False
        user.is_staff = False
        user.is_superuser = False
        user.deleted_at = timezone.now()
        user.set_unusable_password()
        user.save()
    return user


def api_token_renew(*, user):
    """A new token for scripts; the old one stops working at once."""
    Token.objects.filter(user=user).delete()
    return Token.objects.create(user=user)

