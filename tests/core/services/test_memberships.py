import pytest

from gemeinsam.core import services
from gemeinsam.core.errors import DomainError
from gemeinsam.core.models import JoinRequest, Membership, Role
from tests.factories import MembershipFactory


@pytest.mark.django_db
def test_last_coordinator_cannot_leave_or_be_demoted(municipality, coordinator, platform_admin):
    membership = Membership.objects.get(user=coordinator)
    with pytest.raises(DomainError, match="Teamkoordination|coordinator"):
        services.membership_leave(membership=membership)
    with pytest.raises(DomainError):
        services.membership_change_role(membership=membership, role=Role.MEMBER,
                                        actor=platform_admin)
    assert Membership.objects.filter(pk=membership.pk, role=Role.COORDINATOR).exists()


@pytest.mark.django_db
def test_coordinator_promotes_and_removes_team_members(municipality, coordinator, member):
    membership = Membership.objects.get(user=member)
    services.membership_change_role(membership=membership, role=Role.COORDINATOR,
                                    actor=coordinator)
    services.membership_leave(membership=Membership.objects.get(user=coordinator))
    assert Membership.objects.get(user=member).role == Role.COORDINATOR


@pytest.mark.django_db
def test_coordinator_cannot_touch_administration_staff(municipality, coordinator, administration):
    membership = Membership.objects.get(user=administration)
    with pytest.raises(DomainError):
        services.membership_remove(membership=membership, actor=coordinator)
    with pytest.raises(DomainError):
        services.membership_change_role(membership=membership, role=Role.MEMBER,
                                        actor=coordinator)


@pytest.mark.django_db(transaction=True)
def test_join_request_is_decided_once_and_tells_the_person(municipality, coordinator,
                                                           signed_in_user, mailoutbox):
    join_request = services.join_request_create(municipality=municipality, user=signed_in_user,
                                                message="Ich helfe gern.")
    assert [m.to for m in mailoutbox] == [[coordinator.email]]
    with pytest.raises(DomainError):
        services.join_request_create(municipality=municipality, user=signed_in_user)

    services.join_request_decide(join_request=join_request, actor=coordinator, approve=True)

    assert Membership.objects.get(user=signed_in_user).role == Role.MEMBER
    assert mailoutbox[-1].to == [signed_in_user.email]
    with pytest.raises(DomainError):
        services.join_request_decide(join_request=join_request, actor=coordinator, approve=False)


@pytest.mark.django_db
def test_declined_person_may_ask_again(municipality, coordinator, signed_in_user):
    first = services.join_request_create(municipality=municipality, user=signed_in_user)
    services.join_request_decide(join_request=first, actor=coordinator, approve=False)
    services.join_request_create(municipality=municipality, user=signed_in_user)
    assert JoinRequest.objects.filter(user=signed_in_user).count() == 2
    assert not Membership.objects.filter(user=signed_in_user).exists()


@pytest.mark.django_db
def test_member_cannot_decide_join_requests(municipality, member, signed_in_user):
    join_request = services.join_request_create(municipality=municipality, user=signed_in_user)
    with pytest.raises(DomainError):
        services.join_request_decide(join_request=join_request, actor=member, approve=True)


@pytest.mark.django_db
def test_person_in_two_municipalities(municipality, other_municipality, member):
    MembershipFactory(user=member, municipality=other_municipality, role=Role.COORDINATOR)
    services.membership_leave(membership=Membership.objects.get(user=member,
                                                                municipality=municipality))
    assert list(Membership.objects.filter(user=member).values_list("role", flat=True)) == [
        Role.COORDINATOR]
