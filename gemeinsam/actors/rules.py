"""Who may see and change the alliance. The team owns it; the administration sees what the team
shares with it; the public sees only the alliance page."""

import rules

from gemeinsam.core.models import Role
from gemeinsam.core.rules import (
    can_view_internal,
    is_coordinator,
    is_platform_admin,
    is_team_member,
    role_in,
)

can_edit_actors = is_team_member | is_platform_admin


def sees_only_shared(user, municipality):
    """The administration sees the actors the team shares with it; the team sees all."""
    return not is_platform_admin(user) and role_in(user, municipality) == Role.ADMINISTRATION


@rules.predicate
def may_see_actor(user, actor):
    if is_platform_admin(user):
        return True
    role = role_in(user, actor.municipality)
    return role in (Role.MEMBER, Role.COORDINATOR) or (
        role == Role.ADMINISTRATION and actor.shared_with_administration
    )


def withheld(user, municipality, actor):
    """Whether `actor`'s name must not be shown to `user` (no query: uses the loaded row)."""
    return actor is not None and sees_only_shared(user, municipality) and not (
        actor.shared_with_administration)


rules.add_perm("actors.view_actors", can_view_internal)
rules.add_perm("actors.view_actor", may_see_actor)
rules.add_perm("actors.change_actors", can_edit_actors)
# Erasing a person and reshaping the sectors touch everyone's work: coordinators decide.
rules.add_perm("actors.erase_person", is_coordinator | is_platform_admin)
rules.add_perm("actors.manage_sectors", is_coordinator | is_platform_admin)
# The administration knows its own structure best and may keep it up to date with the team.
rules.add_perm("actors.view_structure", can_view_internal)
rules.add_perm("actors.change_structure", can_view_internal)
