"""Role matrix: every permission of the core app for every kind of person."""

import pytest
from django.contrib.auth.models import AnonymousUser

from gemeinsam.core.models import Role
from gemeinsam.core.rules import grantable_roles

PEOPLE = ["anonymous", "signed_in_user", "member", "coordinator", "administration", "outsider",
          "platform_admin"]

# permission: the people who have it on the municipality. The platform admin is a Django
# superuser and so holds every permission; views still ask for the object they act on.
MATRIX = {
    "core.view_internal": {"member", "coordinator", "administration", "platform_admin"},
    "core.manage_members": {"coordinator", "administration", "platform_admin"},
    "core.change_municipality": {"coordinator", "administration", "platform_admin"},
    "core.request_join": {"signed_in_user", "outsider", "platform_admin"},
    "core.leave": {"member", "coordinator", "administration", "platform_admin"},
}
PLATFORM_MATRIX = {
    "core.create_space": {"platform_admin"},
    "core.edit_site_pages": {"platform_admin"},
    "core.import_directory": {"platform_admin"},
}
GRANTABLE = {
    "anonymous": [],
    "signed_in_user": [],
    "member": [],
    "coordinator": [Role.MEMBER, Role.COORDINATOR],
    "administration": [Role.ADMINISTRATION],
    "outsider": [],
    "platform_admin": list(Role),
}


@pytest.fixture
def person(request, municipality):
    if request.param == "anonymous":
        return AnonymousUser()
    return request.getfixturevalue(request.param)


@pytest.mark.parametrize("person", PEOPLE, indirect=True, ids=PEOPLE)
@pytest.mark.parametrize("permission", MATRIX)
def test_municipality_permissions(person, permission, municipality, request):
    who = request.node.callspec.id.split("-")[-1]
    assert person.has_perm(permission, municipality) is (who in MATRIX[permission])


@pytest.mark.parametrize("person", PEOPLE, indirect=True, ids=PEOPLE)
@pytest.mark.parametrize("permission", PLATFORM_MATRIX)
def test_platform_permissions(person, permission, request):
    who = request.node.callspec.id.split("-")[-1]
    assert person.has_perm(permission) is (who in PLATFORM_MATRIX[permission])


@pytest.mark.parametrize("person", PEOPLE, indirect=True, ids=PEOPLE)
def test_grantable_roles(person, municipality, request):
    who = request.node.callspec.id
    assert grantable_roles(person, municipality) == GRANTABLE[who]


def test_roles_in_two_municipalities_are_independent(member, other_municipality, municipality):
    from tests.factories import MembershipFactory

    MembershipFactory(user=member, municipality=other_municipality, role=Role.COORDINATOR)
    assert member.has_perm("core.manage_members", other_municipality)
    assert not member.has_perm("core.manage_members", municipality)
