"""Who may see and run a municipality's bodies and meetings. Public bodies, their dates and
approved minutes are public; everything else is for the team and the administration."""

import rules

from gemeinsam.core.rules import can_view_internal

rules.add_perm("meetings.view_internal", can_view_internal)
# Team and administration run meetings together (seed 000: the jour fixe with the
# environment office): both schedule, invite, take minutes and track action items.
rules.add_perm("meetings.run", can_view_internal)
rules.add_perm("meetings.manage_bodies", can_view_internal)
