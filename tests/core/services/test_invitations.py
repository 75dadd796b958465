from datetime import timedelta

import pytest
from django.utils import timezone

from gemeinsam.core import services
from gemeinsam.core.errors import DomainError, InvitationNotUsable
from gemeinsam.core.models import Invitation, Membership, Role


def _url(token):
    return f"http://testserver/einladung/{token}/"


def _invite(municipality, actor, email="neu@example.org", role=Role.MEMBER, **kwargs):
    """Invite and return (invitation, token), the token read from the sent link."""
    from django.core import mail

    invitation = services.invitation_create(municipality=municipality, email=email, role=role,
                                            invited_by=actor, build_url=_url, **kwargs)
    body = mail.outbox[-1].body
    token = body.split("/einladung/")[1].split("/")[0]
    return invitation, token


@pytest.mark.django_db(transaction=True)
def test_invitation_sends_a_one_time_link_and_stores_only_its_hash(municipality, coordinator,
                                                                     mailoutbox):
    invitation, token = _invite(municipality, coordinator)

    assert len(mailoutbox) == 1
    assert mailoutbox[0].to == ["neu@example.org"]
    assert "Rüsselsheim am Main" in mailoutbox[0].subject
    assert token not in invitation.token_hash
    assert services.invitation_get_by_token(token=token) == invitation


@pytest.mark.django_db(transaction=True)
def test_signup_through_invitation_creates_verified_account_with_role(municipality, coordinator):
    _invitation, token = _invite(municipality, coordinator, role=Role.MEMBER)

    user = services.invitation_signup(token=token, display_name="Aylin Demir",
                                      password="ein-sicheres-Passwort-42")

    assert user.emailaddress_set.get().verified
    assert Membership.objects.get(user=user, municipality=municipality).role == Role.MEMBER
    with pytest.raises(InvitationNotUsable) as used:
        services.invitation_accept(token=token, user=user)
    assert used.value.reason == "used"


@pytest.mark.django_db(transaction=True)
def test_expired_invitation_is_refused_and_renewal_tells_the_team_once(
        municipality, coordinator, mailoutbox):
    invitation, token = _invite(municipality, coordinator)
    Invitation.objects.filter(pk=invitation.pk).update(expires_at=timezone.now()
                                                       - timedelta(minutes=1))

    with pytest.raises(InvitationNotUsable) as expired:
        services.invitation_get_by_token(token=token)
    assert expired.value.reason == "expired"

    services.invitation_request_renewal(token=token)
    services.invitation_request_renewal(token=token)
    renewal_mails = [m for m in mailoutbox if "neu@example.org" in m.subject]
    assert [m.to for m in renewal_mails] == [[coordinator.email]]


@pytest.mark.django_db(transaction=True)
def test_new_invitation_withdraws_the_earlier_one(municipality, coordinator):
    _first, first_token = _invite(municipality, coordinator)
    _second, second_token = _invite(municipality, coordinator)

    with pytest.raises(InvitationNotUsable) as revoked:
        services.invitation_get_by_token(token=first_token)
    assert revoked.value.reason == "revoked"
    assert services.invitation_get_by_token(token=second_token)


@pytest.mark.django_db
def test_unknown_token():
    with pytest.raises(InvitationNotUsable) as unknown:
        services.invitation_get_by_token(token="erfunden")
    assert unknown.value.reason == "unknown"


@pytest.mark.django_db
@pytest.mark.parametrize("inviter, role", [
    ("member", Role.MEMBER),
    ("coordinator", Role.ADMINISTRATION),
    ("administration", Role.COORDINATOR),
    ("outsider", Role.MEMBER),
])
def test_roles_that_may_not_be_given(municipality, inviter, role, request):
    actor = request.getfixturevalue(inviter)
    with pytest.raises(DomainError):
        services.invitation_create(municipality=municipality, email="x@example.org", role=role,
                                   invited_by=actor, build_url=_url)
    assert not Invitation.objects.exists()


@pytest.mark.django_db
def test_existing_member_is_not_invited_again(municipality, coordinator, member):
    with pytest.raises(DomainError, match="bereits|already"):
        services.invitation_create(municipality=municipality, email=member.email.upper(),
                                   role=Role.MEMBER, invited_by=coordinator, build_url=_url)
