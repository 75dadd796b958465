import re

import pytest
from django.core import mail

from gemeinsam.core.models import Invitation, JoinRequest, Membership, Role

MEMBERS = "/ruesselsheim-am-main/mitglieder/"


@pytest.mark.django_db
@pytest.mark.parametrize("who, status", [
    ("anonymous", 302), ("signed_in_user", 403), ("outsider", 403), ("member", 200),
    ("coordinator", 200), ("administration", 200), ("platform_admin", 200),
])
def test_members_page_is_internal(client_for, municipality, who, status, request):
    user = None if who == "anonymous" else request.getfixturevalue(who)
    assert client_for(user).get(MEMBERS).status_code == status


@pytest.mark.django_db
def test_member_sees_names_but_no_management(client_for, municipality, member, coordinator):
    html = client_for(member).get(MEMBERS).content.decode()
    assert coordinator.display_name in html
    assert coordinator.email not in html
    assert "/mitglieder/einladen/" not in html


@pytest.mark.django_db(transaction=True)
def test_coordinator_invites_and_bad_input_is_kept(client_for, municipality, coordinator):
    client = client_for(coordinator)
    response = client.post(MEMBERS + "einladen/", {"email": "kein-at-zeichen", "role": "member"})
    html = response.content.decode()
    assert response.status_code == 200
    assert 'value="kein-at-zeichen"' in html
    assert 'class="errorlist' in html
    assert not Invitation.objects.exists()

    response = client.post(MEMBERS + "einladen/", {"email": "neu@example.org", "role": "member"},
                           follow=True)
    assert "neu@example.org" in response.content.decode()
    assert mail.outbox[-1].to == ["neu@example.org"]
    assert re.search(r"http://testserver/einladung/[\w-]+/", mail.outbox[-1].body)


@pytest.mark.django_db
def test_coordinator_cannot_invite_administration_by_tampering(client_for, municipality,
                                                               coordinator):
    response = client_for(coordinator).post(MEMBERS + "einladen/",
                                            {"email": "amt@example.org", "role": "administration"})
    assert response.status_code == 200
    assert not Invitation.objects.exists()


@pytest.mark.django_db
def test_outsider_cannot_change_roles_here(client_for, municipality, member, outsider):
    membership = Membership.objects.get(user=member)
    response = client_for(outsider).post(f"{MEMBERS}{membership.pk}/rolle/",
                                         {"role": "coordinator"})
    assert response.status_code == 403
    assert Membership.objects.get(pk=membership.pk).role == Role.MEMBER


@pytest.mark.django_db
def test_membership_of_another_municipality_is_not_reachable(client_for, municipality,
                                                             coordinator, outsider):
    foreign = Membership.objects.get(user=outsider)
    response = client_for(coordinator).post(f"{MEMBERS}{foreign.pk}/entfernen/")
    assert response.status_code == 404
    assert Membership.objects.filter(pk=foreign.pk).exists()


@pytest.mark.django_db(transaction=True)
def test_ask_to_join_and_be_let_in(client_for, municipality, coordinator, signed_in_user):
    applicant = client_for(signed_in_user)
    applicant.post("/ruesselsheim-am-main/beitreten/", {"message": "Ich bin Radfahrer."})
    join_request = JoinRequest.objects.get(user=signed_in_user)

    html = client_for(coordinator).get(MEMBERS).content.decode()
    assert "Ich bin Radfahrer." in html
    client_for(coordinator).post(f"/ruesselsheim-am-main/beitrittsanfragen/{join_request.pk}/",
                                 {"decision": "approve", "role": "member"})

    assert Membership.objects.get(user=signed_in_user).role == Role.MEMBER
    assert applicant.get(MEMBERS).status_code == 200


@pytest.mark.django_db
def test_leave_municipality(client_for, municipality, member, coordinator):
    client = client_for(member)
    assert client.get("/ruesselsheim-am-main/verlassen/").status_code == 200
    client.post("/ruesselsheim-am-main/verlassen/")
    assert not Membership.objects.filter(user=member).exists()
    assert client.get(MEMBERS).status_code == 403


@pytest.mark.django_db
def test_last_coordinator_is_told_why_they_cannot_leave(client_for, municipality, coordinator):
    response = client_for(coordinator).post("/ruesselsheim-am-main/verlassen/", follow=True)
    assert Membership.objects.filter(user=coordinator).exists()
    assert 'class="message message--error"' in response.content.decode()


@pytest.mark.django_db
def test_stale_settings_edit_is_refused_with_input_kept(client_for, municipality, coordinator,
                                                        administration):
    form = {"version": municipality.version, "team_name": "RüsselsheimZero", "introduction": ""}
    client_for(administration).post("/ruesselsheim-am-main/einstellungen/", form)
    response = client_for(coordinator).post("/ruesselsheim-am-main/einstellungen/",
                                            {**form, "introduction": "Mein langer Text"})
    assert response.status_code == 409
    assert "Mein langer Text" in response.content.decode()


@pytest.mark.django_db
def test_role_change_is_written_to_the_audit_log(client_for, municipality, coordinator, member):
    from auditlog.models import LogEntry

    membership = Membership.objects.get(user=member)
    client_for(coordinator).post(f"{MEMBERS}{membership.pk}/rolle/", {"role": "coordinator"})

    entry = LogEntry.objects.get_for_object(membership).latest("timestamp")
    assert entry.actor == coordinator
    assert entry.changes_dict["role"] == ["member", "coordinator"]
