import re

import pytest
from django.contrib.auth import get_user_model
from django.core import mail

from gemeinsam.core import services
from gemeinsam.core.models import Invitation, JoinRequest, Membership, Role
from tests.factories import PASSWORD, UserFactory

User = get_user_model()


@pytest.mark.django_db
def test_log_in_with_email_and_password(client):
    UserFactory(email="lena@example.org")
    response = client.post("/konto/login/", {"login": "lena@example.org", "password": PASSWORD})
    assert response.status_code == 302
    assert client.get("/konto/profil/").status_code == 200


def _throttled(response):
    errors = response.context["form"].errors.as_data().get("__all__", [])
    return any(error.code == "too_many_login_attempts" for error in errors)


@pytest.mark.django_db
def test_failed_logins_are_throttled_per_account(client):
    UserFactory(email="lena@example.org")
    for _ in range(5):
        assert not _throttled(client.post("/konto/login/", {"login": "lena@example.org",
                                                            "password": "falsch"}))
    response = client.post("/konto/login/", {"login": "lena@example.org", "password": PASSWORD})
    assert _throttled(response)
    assert "Zu viele" in response.content.decode()
    assert client.get("/konto/profil/").status_code == 302


@pytest.mark.django_db
def test_failed_logins_are_throttled_per_address(client):
    for number in range(10):
        client.post("/konto/login/", {"login": f"jemand{number}@example.org",
                                      "password": "falsch"})
    UserFactory(email="lena@example.org")
    response = client.post("/konto/login/", {"login": "lena@example.org", "password": PASSWORD})
    assert _throttled(response)


@pytest.mark.django_db
def test_password_reset(client):
    UserFactory(email="lena@example.org")
    client.post("/konto/password/reset/", {"email": "lena@example.org"})
    link = re.search(r"http://testserver(/konto/password/reset/key/\S+)", mail.outbox[-1].body)[1]
    form_page = client.get(link, follow=True)
    client.post(form_page.redirect_chain[-1][0], {"password1": "Neues-Passwort-2026",
                                                  "password2": "Neues-Passwort-2026"})
    assert User.objects.get(email="lena@example.org").check_password("Neues-Passwort-2026")


@pytest.mark.django_db(transaction=True)
def test_register_verify_and_ask_to_join(client, municipality, coordinator):
    response = client.post("/konto/signup/", {
        "display_name": "Paul Neumann", "email": "paul@example.org",
        "password1": PASSWORD, "password2": PASSWORD,
    })
    assert response.status_code == 302
    confirm = re.search(r"http://testserver(/konto/confirm-email/\S+)", mail.outbox[-1].body)[1]
    client.post(confirm)
    client.post("/konto/login/", {"login": "paul@example.org", "password": PASSWORD})
    client.post("/ruesselsheim-am-main/beitreten/", {"message": ""})

    user = User.objects.get(email="paul@example.org")
    assert user.display_name == "Paul Neumann"
    assert JoinRequest.objects.get(user=user).status == JoinRequest.Status.PENDING


@pytest.mark.django_db
def test_registration_errors_keep_the_input(client):
    response = client.post("/konto/signup/", {"display_name": "Paul Neumann", "email": "paul@",
                                              "password1": PASSWORD, "password2": PASSWORD})
    html = response.content.decode()
    assert response.status_code == 200
    assert 'value="Paul Neumann"' in html and 'value="paul@"' in html


@pytest.mark.django_db
def test_profile_language_is_used_for_pages(client_for, member):
    client = client_for(member)
    client.post("/konto/profil/", {"display_name": "Jonas B.", "organisation": "RüsselsheimZero",
                                   "preferred_language": "en"})
    member.refresh_from_db()
    assert (member.display_name, member.preferred_language) == ("Jonas B.", "en")
    assert '<html lang="en">' in client.get("/").content.decode()


@pytest.mark.django_db(transaction=True)
def test_deleted_account_leaves_contributions_to_a_former_member(client_for, municipality,
                                                                 coordinator, member):
    services.membership_change_role(membership=Membership.objects.get(user=member),
                                    role=Role.COORDINATOR, actor=coordinator)
    invitation = services.invitation_create(
        municipality=municipality, email="neu@example.org", role=Role.MEMBER,
        invited_by=coordinator, build_url=lambda token: token,
    )
    client = client_for(coordinator)
    wrong = client.post("/konto/loeschen/", {"password": "falsch"})
    assert wrong.status_code == 200 and User.objects.get(pk=coordinator.pk).is_active

    client.post("/konto/loeschen/", {"password": PASSWORD})

    gone = User.objects.get(pk=coordinator.pk)
    assert gone.is_former_member and not gone.is_active
    assert coordinator.email not in gone.email and gone.display_name == ""
    assert not Membership.objects.filter(user=gone).exists()
    assert str(Invitation.objects.get(pk=invitation.pk).invited_by) in {"ehemaliges Mitglied",
                                                                         "former member"}
    assert client.get("/konto/profil/").status_code == 302


@pytest.mark.django_db
def test_last_coordinator_must_hand_over_before_deleting(client_for, municipality, coordinator):
    response = client_for(coordinator).post("/konto/loeschen/", {"password": PASSWORD})
    assert response.status_code == 200
    assert User.objects.get(pk=coordinator.pk).is_active


@pytest.mark.django_db
def test_language_switch_is_remembered_in_the_profile(client_for, member):
    client_for(member).post("/i18n/setlang/", {"language": "en", "next": "/"})
    member.refresh_from_db()
    assert member.preferred_language == "en"
