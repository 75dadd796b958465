"""Role matrix of the action-plan monitoring."""

import datetime

import pytest
from django.contrib.auth.models import AnonymousUser

from gemeinsam.monitoring import services
from gemeinsam.monitoring.rules import voice_of

PEOPLE = ["anonymous", "signed_in_user", "member", "coordinator", "administration", "outsider",
          "platform_admin"]
INTERNAL = {"member", "coordinator", "administration", "platform_admin"}

MATRIX = {
    "monitoring.view_drafts": INTERNAL,
    "monitoring.report": INTERNAL,
    "monitoring.edit_measure": INTERNAL,
    "monitoring.edit_measure_details": {"coordinator", "administration", "platform_admin"},
    "monitoring.manage_plan": {"coordinator", "administration", "platform_admin"},
    "monitoring.publish": {"coordinator", "platform_admin"},
    "monitoring.import": {"coordinator", "platform_admin"},
    "monitoring.adopt_suggestion": {"member", "coordinator", "platform_admin"},
}
VOICES = {"member": "team", "coordinator": "team", "administration": "administration",
          "platform_admin": "team"}


@pytest.fixture
def person(request, municipality):
    if request.param == "anonymous":
        return AnonymousUser()
    return request.getfixturevalue(request.param)


def _who(request):
    return request.node.callspec.id.split("-")[-1]


@pytest.mark.parametrize("person", PEOPLE, indirect=True, ids=PEOPLE)
@pytest.mark.parametrize("permission", MATRIX)
def test_permissions(person, permission, municipality, request):
    assert person.has_perm(permission, municipality) is (_who(request) in MATRIX[permission])


@pytest.mark.parametrize("person", PEOPLE, indirect=True, ids=PEOPLE)
def test_the_other_side_agrees(person, municipality, member, administration, request):
    plan = services.plan_create(municipality=municipality, title="KAP")
    measure = services.measure_create(plan=plan, code="1", title="PV")
    day = datetime.date(2026, 5, 1)
    by_team = services.report_create(measure=measure, voice="team", author=member,
                                     reported_on=day, status="in_progress", text="Läuft")
    by_office = services.report_create(measure=measure, voice="administration",
                                       author=administration, reported_on=day,
                                       status="in_progress", text="Läuft")
    who = _who(request)
    assert voice_of(person, municipality) == VOICES.get(who)
    # The platform admin is a superuser and so holds every permission.
    assert person.has_perm("monitoring.agree", by_team) is (
        who in {"administration", "platform_admin"})
    assert person.has_perm("monitoring.agree", by_office) is (
        who in {"member", "coordinator", "platform_admin"})
