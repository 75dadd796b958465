"""Role matrix for every permission of gemeinsam/panels/rules.py.

The rules are tested as rules (rules.has_perm): `user.has_perm` gives a Django superuser every
permission, and the panel views therefore ask the rule itself (views.may), so that the platform
operators do not see personal data.
"""

import pytest
import rules
from django.contrib.auth.models import AnonymousUser

from gemeinsam.core.models import Membership, Role
from gemeinsam.core.rules import forget_roles

from .factories import administration_member, make_panel

ROLES = ["anonymous", "signed_in_user", "member", "coordinator", "administration",
         "administration_not_manager", "outsider", "platform_admin"]

# On the municipality.
MUNICIPALITY_PERMS = {
    "panels.view_internal": {"member", "coordinator", "administration",
                             "administration_not_manager", "platform_admin"},
    "panels.create": {"administration", "administration_not_manager"},
}
# On a panel whose only manager is `administration`.
PANEL_PERMS = {
    "panels.view_aggregates": {"member", "coordinator", "administration",
                               "administration_not_manager", "platform_admin"},
    "panels.manage": {"administration"},
    "panels.view_personal_data": {"administration"},
}


@pytest.fixture
def people(request, municipality, administration):
    def person(role):
        if role == "anonymous":
            return AnonymousUser()
        if role == "administration_not_manager":
            return administration_member(municipality, display_name="Tobias Schäfer")
        return request.getfixturevalue(role)

    return person


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("perm", sorted(MUNICIPALITY_PERMS))
def test_municipality_permissions(people, municipality, panel, role, perm):
    assert rules.has_perm(perm, people(role), municipality) is (role in MUNICIPALITY_PERMS[perm])


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("perm", sorted(PANEL_PERMS))
def test_panel_permissions(people, panel, role, perm):
    assert rules.has_perm(perm, people(role), panel) is (role in PANEL_PERMS[perm])


def test_other_municipalitys_manager_has_no_rights_here(municipality, other_municipality,
                                                         panel):
    """An administration member of Konstanz managing a Konstanz panel has none on ours."""
    theirs = administration_member(other_municipality)
    make_panel(municipality=other_municipality, created_by=theirs)
    for perm in PANEL_PERMS:
        assert not rules.has_perm(perm, theirs, panel)
    assert not rules.has_perm("panels.view_internal", theirs, municipality)


def test_removed_from_administration_loses_manage(panel, administration, municipality):
    assert rules.has_perm("panels.manage", administration, panel)
    Membership.objects.filter(user=administration, municipality=municipality).update(
        role=Role.MEMBER)
    forget_roles(administration)
    assert panel.managers.filter(pk=administration.pk).exists()  # still listed
    assert not rules.has_perm("panels.manage", administration, panel)
    assert not rules.has_perm("panels.view_personal_data", administration, panel)
    assert rules.has_perm("panels.view_aggregates", administration, panel)  # a team member now


def test_manager_who_left_the_municipality_loses_everything(panel, administration,
                                                            municipality):
    Membership.objects.filter(user=administration, municipality=municipality).delete()
    forget_roles(administration)
    for perm in PANEL_PERMS:
        assert not rules.has_perm(perm, administration, panel)


def test_deactivated_manager_loses_manage(panel, administration):
    administration.is_active = False
    administration.save()
    assert not rules.has_perm("panels.manage", administration, panel)


def test_views_ask_the_rule_not_the_superuser_shortcut(platform_admin, panel):
    from gemeinsam.panels.rules import may

    assert platform_admin.has_perm("panels.manage", panel)  # Django's superuser shortcut
    assert not may(platform_admin, "panels.manage", panel)
    assert not may(platform_admin, "panels.view_personal_data", panel)
    assert may(platform_admin, "panels.view_aggregates", panel)
