"""Who may do what in a municipality. Every predicate takes the municipality as the object."""

import rules

from .models import Membership, Role


def roles_by_municipality(user):
    """{municipality id: role} for a person, loaded once per user object (i.e. per request)."""
    if not user.is_authenticated:
        return {}
    cache = getattr(user, "_roles_by_municipality", None)
    if cache is None:
        cache = dict(Membership.objects.filter(user=user).values_list("municipality_id", "role"))
        user._roles_by_municipality = cache
    return cache


def forget_roles(user):
    user.__dict__.pop("_roles_by_municipality", None)


def role_in(user, municipality):
    if municipality is None:
        return None
    return roles_by_municipality(user).get(municipality.pk)


def _has_role(*roles):
    @rules.predicate(name=f"has_role_{'_or_'.join(roles)}")
    def predicate(user, municipality):
        return role_in(user, municipality) in roles

    return predicate


is_team_member = _has_role(Role.MEMBER, Role.COORDINATOR)
is_coordinator = _has_role(Role.COORDINATOR)
is_administration = _has_role(Role.ADMINISTRATION)
is_member_of_municipality = _has_role(Role.MEMBER, Role.COORDINATOR, Role.ADMINISTRATION)


@rules.predicate
def is_platform_admin(user):
    return user.is_authenticated and user.is_active and user.is_superuser


is_signed_in = rules.is_authenticated

can_view_internal = is_member_of_municipality | is_platform_admin
can_manage_members = is_coordinator | is_administration | is_platform_admin

rules.add_perm("core.view_internal", can_view_internal)
rules.add_perm("core.manage_members", can_manage_members)
rules.add_perm("core.change_municipality", can_manage_members)
rules.add_perm("core.request_join", is_signed_in & ~is_member_of_municipality)
rules.add_perm("core.leave", is_member_of_municipality)
rules.add_perm("core.create_space", is_platform_admin)
rules.add_perm("core.edit_site_pages", is_platform_admin)
rules.add_perm("core.import_directory", is_platform_admin)


def grantable_roles(user, municipality):
    """Roles a person may give by invitation or role change.

    Coordinators build the team, the administration brings in its own staff; the platform admin
    may give any role, for instance the first coordinator of a new space.
    """
    if is_platform_admin(user):
        return list(Role)
    role = role_in(user, municipality)
    if role == Role.COORDINATOR:
        return [Role.MEMBER, Role.COORDINATOR]
    if role == Role.ADMINISTRATION:
        return [Role.ADMINISTRATION]
    return []
