"""Role matrix of bodies and meetings: team and administration run them together; nobody
else, and no one from another municipality, gets in."""

import pytest
from django.contrib.auth.models import AnonymousUser

PEOPLE = ["anonymous", "signed_in_user", "member", "coordinator", "administration", "outsider",
          "platform_admin"]
INTERNAL = {"member", "coordinator", "administration", "platform_admin"}
PERMISSIONS = ["meetings.view_internal", "meetings.run", "meetings.manage_bodies"]


@pytest.mark.parametrize("permission", PERMISSIONS)
@pytest.mark.parametrize("who", PEOPLE)
def test_role_matrix(who, permission, municipality, request):
    user = AnonymousUser() if who == "anonymous" else request.getfixturevalue(who)
    assert user.has_perm(permission, municipality) == (who in INTERNAL)


@pytest.mark.parametrize("permission", PERMISSIONS)
def test_a_coordinator_elsewhere_has_no_rights_here(permission, municipality, outsider,
                                                    other_municipality):
    assert outsider.has_perm(permission, other_municipality)
    assert not outsider.has_perm(permission, municipality)


def test_an_inactive_platform_admin_has_no_rights(municipality, platform_admin):
    platform_admin.is_active = False
    assert not platform_admin.has_perm("meetings.run", municipality)
