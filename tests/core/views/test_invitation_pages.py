from datetime import timedelta

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.utils import timezone

from gemeinsam.core import services
from gemeinsam.core.models import Invitation, Membership, Role
from tests.factories import PASSWORD, UserFactory


@pytest.fixture
def invitation_link(municipality, coordinator):
    services.invitation_create(
        municipality=municipality, email="neu@example.org", role=Role.MEMBER,
        invited_by=coordinator, build_url=lambda token: f"/einladung/{token}/",
    )
    return mail.outbox[-1].body.split("/einladung/")[1].split("/")[0].join(["/einladung/", "/"])


@pytest.mark.django_db(transaction=True)
def test_sign_up_through_invitation(client, invitation_link, municipality):
    response = client.get(invitation_link)
    assert "neu@example.org" in response.content.decode()

    response = client.post(invitation_link, {"display_name": "Aylin Demir",
                                             "password1": PASSWORD, "password2": PASSWORD},
                           follow=True)
    assert response.redirect_chain[-1][0] == "/ruesselsheim-am-main/"
    user = get_user_model().objects.get(email="neu@example.org")
    assert Membership.objects.get(user=user).role == Role.MEMBER
    assert response.context["user"] == user

    reused = client.get(invitation_link)
    assert reused.status_code == 410


@pytest.mark.django_db(transaction=True)
def test_weak_password_is_refused_and_name_kept(client, invitation_link):
    response = client.post(invitation_link, {"display_name": "Aylin Demir",
                                             "password1": "12345678", "password2": "12345678"})
    html = response.content.decode()
    assert response.status_code == 200
    assert 'value="Aylin Demir"' in html
    assert 'class="errorlist' in html
    assert not get_user_model().objects.filter(email="neu@example.org").exists()


@pytest.mark.django_db(transaction=True)
def test_signed_in_person_accepts(client_for, invitation_link, signed_in_user, municipality):
    client = client_for(signed_in_user)
    html = client.get(invitation_link).content.decode()
    assert "neu@example.org" in html  # the warning that the address differs
    client.post(invitation_link)
    assert Membership.objects.get(user=signed_in_user, municipality=municipality)


@pytest.mark.django_db(transaction=True)
def test_existing_account_is_asked_to_log_in(client, invitation_link):
    UserFactory(email="neu@example.org")
    response = client.get(invitation_link)
    assert f"/konto/login/?next={invitation_link}" in response.content.decode()


@pytest.mark.django_db(transaction=True)
def test_expired_link_says_so_and_offers_a_new_request(client, invitation_link, coordinator):
    Invitation.objects.update(expires_at=timezone.now() - timedelta(days=1))
    response = client.get(invitation_link)
    html = response.content.decode()
    assert response.status_code == 410
    assert "neu-anfragen" in html

    client.post(invitation_link + "neu-anfragen/")
    assert Invitation.objects.get().renewal_requested_at is not None
    assert mail.outbox[-1].to == [coordinator.email]
    assert "neu-anfragen" not in client.get(invitation_link).content.decode()


@pytest.mark.django_db
def test_unknown_link(client):
    response = client.get("/einladung/gibt-es-nicht/")
    assert response.status_code == 404
