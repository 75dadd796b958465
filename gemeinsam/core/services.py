"""Every write to municipalities, memberships, invitations, join requests and site pages."""

import csv
import hashlib
import io
import secrets
from datetime import timedelta

from allauth.account.models import EmailAddress
from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from . import rules as core_rules
from .emails import send_to_address, send_to_people
from .errors import DomainError, ImportFailed, InvitationNotUsable, StaleEdit
from .models import (
    RESERVED_SLUGS,
    AreaKind,
    DirectoryEntry,
    Invitation,
    JoinRequest,
    Membership,
    Municipality,
    Role,
    SitePage,
)

User = get_user_model()

# Kreis-level rows of the directory that are districts; the others at that level are
# district-free cities ("kreisfreie Städte") and therefore municipalities.
_DISTRICT_MARKERS = ("(Landkreis)", "(Kreis)", "(Regionalverband)")
# Hamburg and Berlin are states and municipalities at once.
_CITY_STATES = {"02000000", "11000000"}


# --- Directory -------------------------------------------------------------------------------


def _area_kind(ags, name):
    if ags.endswith("000000") and ags not in _CITY_STATES:
        return AreaKind.STATE
    if ags.endswith("000") and name.endswith(_DISTRICT_MARKERS):
        return AreaKind.DISTRICT
    return AreaKind.MUNICIPALITY


def _read_csv(text, required_columns):
    reader = csv.DictReader(io.StringIO(text))
    missing = set(required_columns) - set(reader.fieldnames or [])
    if missing:
        raise ImportFailed([(1, _("missing column(s): %(columns)s")
                             % {"columns": ", ".join(sorted(missing))})])
    # Line numbers count the header as line 1, as a spreadsheet shows them.
    return [(number, row) for number, row in enumerate(reader, start=2)]


def directory_import(*, directory_csv, population_csv="", referendum_csv="", progress=None):
    """Create or update the municipality directory from the official CSV files.

    All-or-nothing: if any row is bad, nothing changes and every bad row is reported.
    """
    errors = []
    entries = {}
    for line, row in _read_csv(directory_csv, ["ags", "description"]):
        ags, name = (row.get("ags") or "").strip(), (row.get("description") or "").strip()
        if ags == "DG000000":
            continue  # Germany as a whole
        if not (len(ags) == 8 and ags.isdigit()):
            errors.append((line, _("AGS “%(ags)s” is not eight digits") % {"ags": ags}))
        elif not name:
            errors.append((line, _("name is empty")))
        elif ags in entries:
            errors.append((line, _("AGS %(ags)s appears twice") % {"ags": ags}))
        else:
            entries[ags] = DirectoryEntry(ags=ags, official_name=name, kind=_area_kind(ags, name))

    populations = {}
    if population_csv:
        for line, row in _read_csv(population_csv, ["ags", "total"]):
            ags, total = (row.get("ags") or "").strip(), (row.get("total") or "").strip()
            if ags == "DG000000":
                continue
            if not total.isdigit():
                errors.append((line, _("population “%(value)s” is not a whole number")
                               % {"value": total}))
            else:
                populations[ags] = int(total)

    referendum_ags = set()
    if referendum_csv:
        for line, row in _read_csv(referendum_csv, ["ags"]):
            ags = (row.get("ags") or "").strip()
            if ags not in entries:
                errors.append((line, _("AGS %(ags)s is not in the directory") % {"ags": ags}))
            referendum_ags.add(ags)

    if errors:
        raise ImportFailed(errors)

    for ags, entry in entries.items():
        entry.population = populations.get(ags)
        entry.has_climate_referendum_team = ags in referendum_ags

    fields = ["official_name", "kind", "population", "has_climate_referendum_team"]
    existing = {row[0]: row[1:] for row in DirectoryEntry.objects.values_list("ags", "pk", *fields)}
    to_update, to_create, unchanged = [], [], 0
    for entry in entries.values():
        if entry.ags not in existing:
            to_create.append(entry)
            continue
        pk, *current = existing[entry.ags]
        if current == [getattr(entry, field) for field in fields]:
            unchanged += 1
        else:
            entry.pk = pk
            to_update.append(entry)

    total = len(to_create) + len(to_update)
    batch = 1000
    with transaction.atomic():
        for start in range(0, len(to_create), batch):
            DirectoryEntry.objects.bulk_create(to_create[start:start + batch])
            if progress:
                progress(min(start + batch, len(to_create)), total)
        for start in range(0, len(to_update), batch):
            DirectoryEntry.objects.bulk_update(to_update[start:start + batch], fields)
            if progress:
                progress(len(to_create) + min(start + batch, len(to_update)), total)
    return {"created": len(to_create), "updated": len(to_update), "unchanged": unchanged}


# --- Municipality spaces ---------------------------------------------------------------------


def municipality_create(*, directory_entry, slug, created_by, name="", team_name=""):
    if directory_entry.kind == AreaKind.STATE:
        raise DomainError(_("A space belongs to a municipality or district, not a state."))
    if Municipality.objects.filter(directory_entry=directory_entry).exists():
        raise DomainError(_("%(name)s already has a space.") % {"name": directory_entry.short_name})
    municipality = Municipality(
        directory_entry=directory_entry, slug=slug, name=name or directory_entry.short_name,
        team_name=team_name,
    )
    municipality.full_clean()
    municipality.save()
    return municipality


def municipality_update(*, municipality, version, **fields):
    """Change the editable texts of a space; refuses the save if someone else saved first."""
    for field, value in fields.items():
        setattr(municipality, field, value)
    municipality.full_clean(exclude=["directory_entry"])
    with transaction.atomic():
        updated = Municipality.objects.filter(pk=municipality.pk, version=version).update(
            version=F("version") + 1, **fields
        )
        if not updated:
            raise StaleEdit()
    municipality.refresh_from_db()
    return municipality


# --- Invitations -----------------------------------------------------------------------------


def _hash_token(token):
    return hashlib.sha256(token.encode()).hexdigest()


def _check_may_grant(*, actor, municipality, role):
    if role not in core_rules.grantable_roles(actor, municipality):
        raise DomainError(_("You may not give the role “%(role)s”.") % {"role": Role(role).label})


def invitation_create(*, municipality, email, role, invited_by, build_url):
    """Invite an e-mail address with a role and send the one-time link.

    `build_url(token)` turns the secret token into an absolute URL; the token itself is never
    stored, only its hash. An earlier open invitation for the same address is withdrawn.
    """
    _check_may_grant(actor=invited_by, municipality=municipality, role=role)
    email = User.objects.normalize_email(email).strip()
    if Membership.objects.filter(municipality=municipality, user__email__iexact=email).exists():
        raise DomainError(_("%(email)s is already a member of %(municipality)s.")
                          % {"email": email, "municipality": municipality})
    token = secrets.token_urlsafe(32)
    now = timezone.now()
    with transaction.atomic():
        Invitation.objects.filter(
            municipality=municipality, email__iexact=email, accepted_at__isnull=True,
            revoked_at__isnull=True,
        ).update(revoked_at=now)
        invitation = Invitation(
            municipality=municipality, email=email, role=role, invited_by=invited_by,
            token_hash=_hash_token(token),
            expires_at=now + timedelta(days=settings.INVITATION_VALID_DAYS),
        )
        invitation.full_clean()
        invitation.save()
        transaction.on_commit(lambda: send_to_address(
            email, "core/email/invitation",
            {"invitation": invitation, "url": build_url(token),
             "inviter": invited_by, "valid_days": settings.INVITATION_VALID_DAYS},
            language=getattr(invited_by, "preferred_language", "") or None,
        ))
    return invitation


def invitation_get_by_token(*, token):
    """The invitation behind a link, or InvitationNotUsable saying why it cannot be used."""
    invitation = (
        Invitation.objects.select_related("municipality", "invited_by")
        .filter(token_hash=_hash_token(token)).first()
    )
    if invitation is None:
        raise InvitationNotUsable("unknown")
    if invitation.accepted_at:
        raise InvitationNotUsable("used", invitation)
    if invitation.revoked_at:
        raise InvitationNotUsable("revoked", invitation)
    if invitation.is_expired:
        raise InvitationNotUsable("expired", invitation)
    return invitation


def invitation_accept(*, token, user):
    """A signed-in person takes up an invitation; the role is theirs from now on."""
    with transaction.atomic():
        invitation = invitation_get_by_token(token=token)
        invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
        if invitation.accepted_at:  # taken up in a parallel request
            raise InvitationNotUsable("used", invitation)
        membership, created = Membership.objects.get_or_create(
            user=user, municipality=invitation.municipality, defaults={"role": invitation.role},
        )
        if not created and membership.role != invitation.role:
            membership.role = invitation.role
            membership.save(update_fields=["role"])
        invitation.accepted_at = timezone.now()
        invitation.accepted_by = user
        invitation.save(update_fields=["accepted_at", "accepted_by"])
        JoinRequest.objects.filter(
            municipality=invitation.municipality, user=user, status=JoinRequest.Status.PENDING,
        ).update(status=JoinRequest.Status.APPROVED, decided_at=timezone.now())
    core_rules.forget_roles(user)
    return membership


def invitation_signup(*, token, display_name, password, language=""):
    """Create the account of an invited person. The link proves the address, so it is verified."""
    with transaction.atomic():
        invitation = invitation_get_by_token(token=token)
        if User.objects.filter(email__iexact=invitation.email).exists():
            raise DomainError(_("There is already an account for %(email)s. Please log in to "
                                "accept the invitation.") % {"email": invitation.email})
        user = User(email=invitation.email, display_name=display_name,
                    preferred_language=language)
        user.set_password(password)
        user.full_clean()
        user.save()
        EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
        invitation_accept(token=token, user=user)
    return user


def invitation_revoke(*, invitation, actor):
    if not core_rules.can_manage_members(actor, invitation.municipality):
        raise DomainError(_("You may not withdraw invitations here."))
    invitation.revoked_at = timezone.now()
    invitation.save(update_fields=["revoked_at"])
    return invitation


def invitation_request_renewal(*, token):
    """The holder of an expired link asks for a new one; those who manage members are told once."""
    try:
        invitation_get_by_token(token=token)
    except InvitationNotUsable as error:
        if error.reason != "expired":
            raise
        invitation = error.invitation
    else:
        raise DomainError(_("This invitation is still valid."))
    if invitation.renewal_requested_at:
        return invitation
    invitation.renewal_requested_at = timezone.now()
    invitation.save(update_fields=["renewal_requested_at"])
    transaction.on_commit(lambda: send_to_people(
        _member_managers(invitation.municipality, also=invitation.invited_by),
        "core/email/invitation_renewal_requested", {"invitation": invitation},
    ))
    return invitation


def invitation_renew(*, invitation, actor, build_url):
    """Send a fresh link to the address of an expired invitation."""
    return invitation_create(
        municipality=invitation.municipality, email=invitation.email, role=invitation.role,
        invited_by=actor, build_url=build_url,
    )


def _member_managers(municipality, also=None):
    people = list(
        User.objects.filter(
            memberships__municipality=municipality,
            memberships__role__in=[Role.COORDINATOR, Role.ADMINISTRATION],
            is_active=True,
        )
    )
    if also is not None and also.is_active and also not in people:
        people.append(also)
    return people


# --- Join requests ---------------------------------------------------------------------------


def join_request_create(*, municipality, user, message=""):
    if core_rules.role_in(user, municipality) is not None:
        raise DomainError(_("You are already a member of %(municipality)s.")
                          % {"municipality": municipality})
    join_request = JoinRequest(municipality=municipality, user=user, message=message)
    join_request.full_clean(validate_constraints=False)
    try:
        with transaction.atomic():
            join_request.save()
    except IntegrityError:
        raise DomainError(_("Your request to join %(municipality)s is already waiting for an "
                            "answer.") % {"municipality": municipality}) from None
    transaction.on_commit(lambda: send_to_people(
        _member_managers(municipality),
        "core/email/join_request", {"join_request": join_request},
    ))
    return join_request


def join_request_decide(*, join_request, actor, approve, role=Role.MEMBER):
    municipality = join_request.municipality
    if not core_rules.can_manage_members(actor, municipality):
        raise DomainError(_("You may not decide on requests to join."))
    if join_request.status != JoinRequest.Status.PENDING:
        raise DomainError(_("This request has already been decided."))
    if approve:
        _check_may_grant(actor=actor, municipality=municipality, role=role)
    with transaction.atomic():
        join_request.status = (JoinRequest.Status.APPROVED if approve
                               else JoinRequest.Status.DECLINED)
        join_request.decided_by = actor
        join_request.decided_at = timezone.now()
        join_request.save(update_fields=["status", "decided_by", "decided_at"])
        if approve:
            Membership.objects.get_or_create(
                user=join_request.user, municipality=municipality, defaults={"role": role},
            )
        transaction.on_commit(lambda: send_to_people(
            [join_request.user], "core/email/join_request_decided",
            {"join_request": join_request},
        ))
    return join_request


# --- Memberships -----------------------------------------------------------------------------


def _check_not_last_coordinator(membership):
    if membership.role != Role.COORDINATOR:
        return
    others = Membership.objects.filter(
        municipality=membership.municipality, role=Role.COORDINATOR,
    ).exclude(pk=membership.pk)
    if not others.exists():
        raise DomainError(_("%(municipality)s needs at least one team coordinator. Make someone "
                            "else coordinator first.") % {"municipality": membership.municipality})


def membership_change_role(*, membership, role, actor):
    municipality = membership.municipality
    if not core_rules.can_manage_members(actor, municipality):
        raise DomainError(_("You may not change roles here."))
    grantable = core_rules.grantable_roles(actor, municipality)
    if role not in grantable or membership.role not in grantable:
        raise DomainError(_("You may not give the role “%(role)s”.") % {"role": Role(role).label})
    if role != membership.role:
        _check_not_last_coordinator(membership)
        membership.role = role
        membership.save(update_fields=["role"])
    return membership


def membership_remove(*, membership, actor):
    municipality = membership.municipality
    if membership.user_id == actor.pk:
        return membership_leave(membership=membership)
    if membership.role not in core_rules.grantable_roles(actor, municipality):
        raise DomainError(_("You may not remove this person."))
    _check_not_last_coordinator(membership)
    membership.delete()


def membership_leave(*, membership):
    _check_not_last_coordinator(membership)
    membership.delete()
    core_rules.forget_roles(membership.user)


# --- Site pages ------------------------------------------------------------------------------


def site_page_update(*, key, version, title_de, body_de, title_en="", body_en=""):
    page = SitePage.objects.filter(key=key).first() or SitePage(key=key, version=0)
    if page.version != version:
        raise StaleEdit()
    page.title_de, page.body_de, page.title_en, page.body_en = title_de, body_de, title_en, body_en
    page.full_clean(exclude=["version"])
    with transaction.atomic():
        if page.pk is None:
            page.version = 1
            page.save()
        else:
            updated = SitePage.objects.filter(pk=page.pk, version=version).update(
                title_de=title_de, body_de=body_de, title_en=title_en, body_en=body_en,
                version=F("version") + 1, updated_at=timezone.now(),
            )
            if not updated:
                raise StaleEdit()
            page.refresh_from_db()
    return page


_UMLAUTS = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss",
                           "Ä": "Ae", "Ö": "Oe", "Ü": "Ue"})


def slug_suggestion(directory_entry):
    """'Rüsselsheim am Main' -> 'ruesselsheim-am-main', with the AGS appended if taken."""
    base = slugify(directory_entry.short_name.translate(_UMLAUTS))[:70] or directory_entry.ags
    if base in RESERVED_SLUGS or Municipality.objects.filter(slug=base).exists():
        return f"{base}-{directory_entry.ags}"
    return base

