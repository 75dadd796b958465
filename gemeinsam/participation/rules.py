"""Who may moderate and shape the public participation. The public reads published entries and
proposes new ones; the team and the administration moderate and write pages together;
coordinators and the administration decide where the widgets may be embedded."""

import rules

from gemeinsam.core.rules import can_manage_members, can_view_internal

rules.add_perm("participation.moderate", can_view_internal)
rules.add_perm("participation.manage_pages", can_view_internal)
rules.add_perm("participation.manage_categories", can_manage_members)
rules.add_perm("participation.manage_embedding", can_manage_members)
