"""Role matrix of the alliance: every permission for every kind of person."""

import pytest
from django.contrib.auth.models import AnonymousUser

from tests.actors.factories import PersonFactory

PEOPLE = ["anonymous", "signed_in_user", "member", "coordinator", "administration", "outsider",
          "platform_admin"]
INTERNAL = {"member", "coordinator", "administration", "platform_admin"}
TEAM = {"member", "coordinator", "platform_admin"}

MATRIX = {
    "actors.view_actors": INTERNAL,
    "actors.change_actors": TEAM,
    "actors.erase_person": {"coordinator", "platform_admin"},
    "actors.manage_sectors": {"coordinator", "platform_admin"},
    "actors.view_structure": INTERNAL,
    "actors.change_structure": INTERNAL,
}


@pytest.fixture
def person(request, municipality):
    if request.param == "anonymous":
        return AnonymousUser()
    return request.getfixturevalue(request.param)


def _who(request):
    return request.node.callspec.id.split("-")[-1]


@pytest.mark.parametrize("person", PEOPLE, indirect=True, ids=PEOPLE)
@pytest.mark.parametrize("permission", MATRIX)
def test_municipality_permissions(person, permission, municipality, request):
    assert person.has_perm(permission, municipality) is (_who(request) in MATRIX[permission])


@pytest.mark.parametrize("person", PEOPLE, indirect=True, ids=PEOPLE)
def test_the_administration_sees_only_what_the_team_shares(person, municipality, request):
    private = PersonFactory(municipality=municipality)
    shared = PersonFactory(municipality=municipality, shared_with_administration=True)
    assert person.has_perm("actors.view_actor", private) is (_who(request) in TEAM)
    assert person.has_perm("actors.view_actor", shared) is (_who(request) in INTERNAL)
