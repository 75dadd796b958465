"""Who may do what with citizens' panels.

The team and the administration follow a panel in aggregate (counts, quotas, the pseudonymous
lottery). Names, addresses, contact details and answers are for the administration's panel
managers alone: only the administration may write to residents from the population register
(seed 002), and only the people it names for this panel handle their data. The platform
operators deliberately do not see them either.
"""

import rules

from gemeinsam.core.rules import can_view_internal, is_administration


@rules.predicate
def manages_panel(user, panel):
    if panel is None or not user.is_authenticated or not user.is_active:
        return False
    if not is_administration(user, panel.municipality):
        return False  # someone who left the administration loses access at once
    return panel.managers.filter(pk=user.pk).exists()


@rules.predicate
def sees_panel_internally(user, panel):
    return panel is not None and can_view_internal(user, panel.municipality)


# On the municipality:
rules.add_perm("panels.view_internal", can_view_internal)
rules.add_perm("panels.create", is_administration)
# On a panel:
rules.add_perm("panels.view_aggregates", sees_panel_internally)
rules.add_perm("panels.manage", manages_panel)
rules.add_perm("panels.view_personal_data", manages_panel)


def may(user, permission, obj=None):
    """Ask the rule itself. `user.has_perm` would let Django's superuser shortcut give the
    platform operators the managers' access to personal data, which these rules withhold."""
    return rules.has_perm(permission, user, obj)
