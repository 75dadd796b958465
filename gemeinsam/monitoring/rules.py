"""Who may do what with a municipality's action plan.

The public sees what is published. Team members write the team's assessments and reports and
propose measures; the administration writes the official statements and agrees a status;
coordinators publish and import.
"""

import rules

from gemeinsam.core.models import Role
from gemeinsam.core.rules import (
    can_view_internal,
    is_administration,
    is_coordinator,
    is_platform_admin,
    is_team_member,
    role_in,
)

from .models import Voice

rules.add_perm("monitoring.view_drafts", can_view_internal)
rules.add_perm("monitoring.report", can_view_internal)
rules.add_perm("monitoring.edit_measure", can_view_internal)
# The plan's facts (titles, dates, responsibilities) are the administration's and the team
# coordinators' to change; team members propose measures and write their assessment.
rules.add_perm("monitoring.edit_measure_details",
               is_coordinator | is_administration | is_platform_admin)
rules.add_perm("monitoring.manage_plan", is_coordinator | is_administration | is_platform_admin)
rules.add_perm("monitoring.publish", is_coordinator | is_platform_admin)
rules.add_perm("monitoring.import", is_coordinator | is_platform_admin)
rules.add_perm("monitoring.adopt_suggestion", is_team_member | is_platform_admin)


def voice_of(user, municipality):
    """Whether a person speaks for the administration or for the team here (None: neither)."""
    role = role_in(user, municipality)
    if role == Role.ADMINISTRATION:
        return Voice.ADMINISTRATION
    if role in (Role.MEMBER, Role.COORDINATOR) or is_platform_admin(user):
        return Voice.TEAM
    return None


@rules.predicate
def may_agree_to(user, report):
    """The other side agrees: the administration a team report, the team an official one."""
    voice = voice_of(user, report.measure.plan.municipality)
    return voice is not None and voice != report.voice and report.agreed_at is None


rules.add_perm("monitoring.agree", may_agree_to)

