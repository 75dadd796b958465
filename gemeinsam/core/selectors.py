from django.db.models import Count, Q
from django.shortcuts import get_object_or_404
from django.utils import timezone

from .models import (
    DirectoryEntry,
    Invitation,
    JoinRequest,
    Membership,
    Municipality,
    Role,
    SitePage,
)


def municipality_list():
    return (
        Municipality.objects.select_related("directory_entry")
        .annotate(
            team_count=Count("memberships", filter=Q(memberships__role__in=[Role.MEMBER, Role.COORDINATOR])),
            administration_count=Count("memberships", filter=Q(memberships__role=Role.ADMINISTRATION)),
        )
        .order_by("name")
    )


def municipality_get(*, slug):
    return get_object_or_404(municipality_list(), slug=slug)


def directory_search(*, query, limit=30):
    """Search the directory by name or AGS prefix; big places first, as they are asked for most."""
    query = (query or "").strip()
    entries = DirectoryEntry.objects.select_related("space").exclude(kind="state")
    if not query:
        return entries.none()
    if query.isdigit():
        entries = entries.filter(ags__startswith=query)
    else:
        entries = entries.filter(official_name__icontains=query)
    return entries.order_by("-population", "official_name")[:limit]


def membership_list(*, municipality):
    return (
        Membership.objects.filter(municipality=municipality)
        .select_related("user")
        .order_by("role", "user__display_name")
    )


def memberships_of_user(*, user):
    return Membership.objects.filter(user=user).select_related("municipality").order_by(
        "municipality__name"
    )


def open_invitations(*, municipality):
    return (
        Invitation.objects.filter(
            municipality=municipality, accepted_at__isnull=True, revoked_at__isnull=True,
            expires_at__gt=timezone.now(),
        )
        .select_related("invited_by")
        .order_by("-created_at")
    )


def renewal_requests(*, municipality):
    """Expired invitations whose holder asked for a new one and that no one has renewed yet."""
    return Invitation.objects.filter(
        municipality=municipality, renewal_requested_at__isnull=False, accepted_at__isnull=True,
        revoked_at__isnull=True,
    ).order_by("-renewal_requested_at")


def pending_join_requests(*, municipality):
    return (
        JoinRequest.objects.filter(municipality=municipality, status=JoinRequest.Status.PENDING)
        .select_related("user")
        .order_by("created_at")
    )


def site_page_get(*, key):
    return SitePage.objects.filter(key=key).first()
