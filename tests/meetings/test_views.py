import datetime
import smtplib
from unittest import mock

import pytest
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import formats, timezone, translation

from gemeinsam.jobs.models import BackgroundJob
from gemeinsam.meetings import selectors, services
from gemeinsam.meetings.models import (
    ActionItem,
    ActionItemStatus,
    Body,
    BodyMember,
    Invitation,
    Meeting,
    MeetingStatus,
    Rsvp,
)
from gemeinsam.monitoring import services as monitoring_services
from tests.meetings.factories import (
    SIX_WEEKS_ON_TUESDAY,
    jour_fixe,
    meeting,
    organisation,
    person,
    position_held_by,
    round_table,
)

pytestmark = pytest.mark.django_db
SLUG = "ruesselsheim-am-main"
ROLES = ["anonymous", "signed_in_user", "member", "coordinator", "administration", "outsider",
         "platform_admin"]
INSIDE = {"member", "coordinator", "administration", "platform_admin"}


def url(name, *args, slug=SLUG):
    return reverse(f"meetings:{name}", args=[slug, *args])


@pytest.fixture
def setting(municipality):
    """An internal jour fixe and a public round table, each with a meeting, a member and an
    open action item."""
    internal, public = jour_fixe(municipality), round_table(municipality)
    anna = person(municipality, "Anna Privat", email="anna@privat.example")
    member = services.body_member_add(body=internal, actor=anna)
    services.body_member_add(body=public, actor=anna)
    internal_meeting, public_meeting = meeting(internal), meeting(public)
    item = services.action_item_add(meeting=internal_meeting, what="Zahlen besorgen",
                                    owner_actor=anna)
    services.invitations_create(meeting=internal_meeting)
    return {"internal": internal, "public": public, "internal_meeting": internal_meeting,
            "public_meeting": public_meeting, "member": member, "item": item,
            "agenda_item": services.agenda_item_add(meeting=internal_meeting, title="Zahlen"),
            "decision": services.decision_add(meeting=internal_meeting, text="Wir zählen."),
            "invitation": internal_meeting.invitations.get()}


def _client(role, client_for, request):
    return client_for(None if role == "anonymous" else request.getfixturevalue(role))


# (url name, object key in `setting`, method); the internal pages and actions.
INTERNAL = [
    ("body_create", None, "get"),
    ("body_edit", "internal", "get"),
    ("body_members", "internal", "get"),
    ("meeting_create", "internal", "get"),
    ("meeting_edit", "internal_meeting", "get"),
    ("meeting_cancel", "internal_meeting", "get"),
    ("agenda", "internal_meeting", "get"),
    ("invite", "internal_meeting", "get"),
    ("attendance", "internal_meeting", "get"),
    ("minutes", "internal_meeting", "get"),
    ("decision_add", "internal_meeting", "get"),
    ("action_item_add", "internal_meeting", "get"),
    ("action_items", None, "get"),
    ("agenda_item_edit", "agenda_item", "get"),
    ("decision_edit", "decision", "get"),
    ("action_item_edit", "item", "get"),
    ("agenda_item_move", "agenda_item", "post"),
    ("agenda_item_remove", "agenda_item", "post"),
    ("decision_remove", "decision", "post"),
    ("action_item_remove", "item", "post"),
    ("invitation_withdraw", "invitation", "post"),
    ("body_member_remove", "member", "post"),
    ("send", "internal_meeting", "post"),
    ("action_item_status", "item", "post"),
    ("meeting_cancel", "public_meeting", "post"),
]


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize(("name", "key", "method"), INTERNAL)
def test_role_matrix_of_the_internal_pages(role, name, key, method, setting, client_for,
                                           request):
    client = _client(role, client_for, request)
    target = url(name, *([setting[key].pk] if key else []))
    data = {"status": "done"} if name == "action_item_status" else {}
    response = getattr(client, method)(target, data)
    expected = {"anonymous": 302, "signed_in_user": 403, "outsider": 403}.get(
        role, 200 if method == "get" else 302)
    assert response.status_code == expected
    if role == "anonymous":
        assert response["Location"].startswith(reverse("account_login"))


PUBLIC = [("bodies", None), ("body", "public"), ("meeting", "public_meeting"),
          ("body", "internal"), ("meeting", "internal_meeting")]


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize(("name", "key"), PUBLIC)
def test_role_matrix_of_the_public_pages(role, name, key, setting, client_for, request):
    client = _client(role, client_for, request)
    response = client.get(url(name, *([setting[key].pk] if key else [])))
    internal = key and key.startswith("internal")
    assert response.status_code == (404 if internal and role not in INSIDE else 200)


@pytest.mark.parametrize("role", ROLES)
def test_the_list_shows_internal_bodies_only_inside(role, setting, client_for, request):
    page = _client(role, client_for, request).get(url("bodies")).content.decode()
    assert "Runder Tisch Klimaschutz" in page
    assert ("Jour fixe Umweltamt" in page) == (role in INSIDE)


def test_another_municipalitys_objects_are_not_found(setting, other_municipality, coordinator,
                                                     client_for):
    foreign = jour_fixe(other_municipality, public=True)
    foreign_meeting = meeting(foreign)
    anna = person(other_municipality, "Fremde Person")
    foreign_member = services.body_member_add(body=foreign, actor=anna)
    foreign_item = services.action_item_add(meeting=foreign_meeting, what="Fremd",
                                            owner_actor=anna)
    client = client_for(coordinator)
    for name in ("body", "body_edit", "body_members", "meeting_create"):
        assert client.get(url(name, foreign.pk)).status_code == 404, name
    for name in ("meeting", "meeting_edit", "meeting_cancel", "agenda", "invite", "attendance",
                 "minutes", "decision_add", "action_item_add"):
        assert client.get(url(name, foreign_meeting.pk)).status_code == 404, name
    assert client.post(url("send", foreign_meeting.pk)).status_code == 404
    assert client.post(url("meeting_cancel", foreign_meeting.pk)).status_code == 404
    assert client.post(url("body_member_remove", foreign_member.pk)).status_code == 404
    assert client.post(url("action_item_status", foreign_item.pk),
                       {"status": "done"}).status_code == 404
    for name in ("action_item_edit", "action_item_remove"):
        assert client.post(url(name, foreign_item.pk)).status_code == 404, name
    foreign_agenda_item = services.agenda_item_add(meeting=foreign_meeting, title="Fremd")
    foreign_decision = services.decision_add(meeting=foreign_meeting, text="Fremd")
    for name, target in [("agenda_item_edit", foreign_agenda_item),
                         ("agenda_item_move", foreign_agenda_item),
                         ("agenda_item_remove", foreign_agenda_item),
                         ("decision_edit", foreign_decision),
                         ("decision_remove", foreign_decision)]:
        assert client.post(url(name, target.pk)).status_code == 404, name
    assert BodyMember.objects.filter(pk=foreign_member.pk).exists()
    assert Meeting.objects.get(pk=foreign_meeting.pk).status == MeetingStatus.PLANNED
    # The public pages of the other municipality stay where they are.
    assert client.get(url("body", foreign.pk, slug="konstanz")).status_code == 200


# --- Query counts ---------------------------------------------------------------------------


def _grow(body, count, start):
    anna = body.members.first().actor
    for index in range(start, start + count):
        held = meeting(body, days=index * 7 - 100, focus_topic=f"Thema {index}")
        Invitation.objects.create(meeting=held, actor=anna, email=f"a{index}@example.org",
                                  name="Anna", rsvp=Rsvp.YES)
        for number in range(2):
            services.action_item_add(meeting=held, what=f"Aufgabe {index}.{number}",
                                     owner_actor=anna, due_on=datetime.date(2026, 1, 1))
        services.decision_add(meeting=held, text=f"Beschluss {index}")


@pytest.mark.parametrize("page", ["bodies", "body"])
@pytest.mark.parametrize("who", [None, "member"])
def test_query_counts_do_not_grow_with_the_meetings(page, who, municipality, client_for,
                                                    request):
    body = round_table(municipality)
    services.body_member_add(body=body, actor=person(municipality, "Anna Privat"))
    services.body_member_add(body=body, actor=organisation(municipality, "Stadtwerke"))
    services.body_member_add(body=body, position=position_held_by(
        municipality, "Klimaschutzmanagement", person(municipality, "Ina Amt")))
    jour_fixe(municipality)
    client = client_for(request.getfixturevalue(who) if who else None)
    target = url(page, *([body.pk] if page == "body" else []))
    _grow(body, 3, 0)
    client.get(target)
    with CaptureQueriesContext(connection) as small:
        assert client.get(target).status_code == 200
    _grow(body, 27, 3)
    with CaptureQueriesContext(connection) as large:
        response = client.get(target)
    assert response.status_code == 200
    assert body.meetings.count() == 30
    if page == "bodies":
        card = next(b for b in response.context["bodies"] if b.pk == body.pk)
        assert card.meeting_count == 30
    assert len(large.captured_queries) == len(small.captured_queries)


# --- Privacy --------------------------------------------------------------------------------


def test_public_pages_show_no_personal_data(municipality, client_for, coordinator):
    body = round_table(municipality)
    private = person(municipality, "Sabine Privatmensch", email="sabine@privat.example",
                     phone="06142 555-1234")
    official = person(municipality, "Dr. Ilse Amtsträgerin", email="ilse@stadt.example",
                      phone="06142 555-9999", legal_basis="legitimate_interest")
    services.body_member_add(body=body, actor=private, role="chair")
    services.body_member_add(body=body, actor=organisation(municipality, "Bürgerenergie eG"))
    services.body_member_add(body=body, position=position_held_by(
        municipality, "Klimaschutzmanagement", official))
    held = meeting(body, days=-7, focus_topic="Wärmeplanung")
    services.agenda_item_add(meeting=held, title="Bericht von Sabine Privatmensch",
                             owner=private)
    services.invitations_create(meeting=held, guests=[("gast@example.org", "Gustav Gast")])
    invitation = held.invitations.get(actor=private)
    Invitation.objects.filter(pk=invitation.pk).update(rsvp=Rsvp.YES,
                                                       note="Komme später, Arzttermin")
    services.decision_add(meeting=held, text="Sabine Privatmensch und Lena Hoffmann laden ein.")
    services.action_item_add(meeting=held, what="Sabine Privatmensch schreibt den Aufruf",
                             owner_actor=private)
    services.minutes_save(meeting=held, version=held.version, approved=True, minutes=(
        "## Wärmeplanung\n\nSabine Privatmensch berichtet, Dr. Ilse Amtsträgerin ergänzt. "
        "Gustav Gast fragt nach. Lena Hoffmann protokolliert."))
    upcoming = meeting(body, days=20)
    client = client_for(None)
    pages = [client.get(url("bodies")), client.get(url("body", body.pk)),
             client.get(url("meeting", held.pk)), client.get(url("meeting", upcoming.pk))]
    secrets = [*selectors.private_names(municipality), "sabine@privat.example",
               "ilse@stadt.example", "06142 555-1234", "06142 555-9999", "gast@example.org",
               "Komme später"]
    assert "Lena Hoffmann" in secrets and "Gustav Gast" not in secrets
    for response in pages:
        assert response.status_code == 200
        text = response.content.decode()
        leaked = [secret for secret in secrets if secret in text]
        assert not leaked, (response.request["PATH_INFO"], leaked)
    minutes = pages[2].content.decode()
    assert "Dr. Ilse Amtsträgerin ergänzt" in minutes  # a public office stays named
    assert "[…] berichtet" in minutes and "Bürgerenergie eG" in pages[1].content.decode()
    assert "Klimaschutzmanagement" in pages[1].content.decode()
    # The team sees all of it.
    inside = client_for(coordinator).get(url("meeting", held.pk)).content.decode()
    assert "Komme später, Arzttermin" in inside and "sabine@privat.example" in inside


def test_minutes_are_public_only_once_approved_and_only_for_public_bodies(
        municipality, client_for):
    public, internal = round_table(municipality), jour_fixe(municipality, public=False)
    public_meeting, internal_meeting = meeting(public, days=-1), meeting(internal, days=-1)
    services.minutes_save(meeting=public_meeting, version=1, minutes="Geheimer Entwurf")
    client = client_for(None)
    assert "Geheimer Entwurf" not in client.get(url("meeting", public_meeting.pk)).content.decode()
    services.minutes_save(meeting=public_meeting, version=2, minutes="Freigegeben",
                          approved=True)
    assert "Freigegeben" in client.get(url("meeting", public_meeting.pk)).content.decode()
    services.minutes_save(meeting=internal_meeting, version=1, minutes="Intern", approved=True)
    assert client.get(url("meeting", internal_meeting.pk)).status_code == 404


def test_the_public_sees_only_published_measures_on_the_agenda(municipality, client_for,
                                                                member):
    plan = monitoring_services.plan_create(municipality=municipality, title="Plan",
                                           target_year=2035)
    published = monitoring_services.measure_create(plan=plan, code="M1", title="Solardächer",
                                                   published=True)
    draft = monitoring_services.measure_create(plan=plan, code="M2", title="Geheimer Entwurf")
    upcoming = meeting(round_table(municipality))
    services.agenda_item_add(meeting=upcoming, title="Solar", measures=[published, draft])
    page = client_for(None).get(url("meeting", upcoming.pk)).content.decode()
    assert "Solardächer" in page and "Geheimer Entwurf" not in page
    assert reverse("monitoring:measure", args=[SLUG, published.pk]) in page
    assert "Geheimer Entwurf" in client_for(member).get(url("meeting", upcoming.pk)).content.decode()


# --- Bodies ---------------------------------------------------------------------------------


def test_create_a_body_with_a_rhythm_in_words(municipality, coordinator, client_for):
    client = client_for(coordinator)
    response = client.post(url("body_create"), {
        "name": "Jour fixe Umweltamt", "kind": "jour_fixe", "frequency": "WEEKLY",
        "interval": 6, "weekday": "TU", "first_date": "2026-01-06", "start_time": "17:00",
        "duration_minutes": 90})
    body = Body.objects.get()
    assert response.status_code == 302
    assert response["Location"] == url("body_members", body.pk)
    assert body.recurrence == SIX_WEEKS_ON_TUESDAY and not body.public
    page = client.get(url("body", body.pk)).content.decode()
    assert "alle 6 Wochen" in page or "every 6 weeks" in page
    first = services.next_dates(body, count=1)[0]
    with translation.override("de"):
        assert formats.date_format(timezone.localtime(first), "DATE_FORMAT") in page
    # Editing shows the rhythm in its parts again.
    form = client.get(url("body_edit", body.pk)).context["form"]
    assert (form["frequency"].value(), form["interval"].value(), form["weekday"].value()) == (
        "WEEKLY", 6, "TU")


def test_a_rhythm_needs_its_parts_and_a_custom_rule_must_be_valid(municipality, coordinator,
                                                                  client_for):
    client = client_for(coordinator)
    response = client.post(url("body_create"), {"name": "Beirat", "kind": "advisory_board",
                                                 "frequency": "MONTHLY", "weekday": "TH",
                                                 "duration_minutes": 90})
    assert response.status_code == 200
    assert set(response.context["form"].errors) >= {"week_of_month", "first_date", "start_time"}
    response = client.post(url("body_create"), {"name": "Beirat", "kind": "advisory_board",
                                                 "frequency": "custom", "recurrence": "JEDEN TAG",
                                                 "first_date": "2026-01-01",
                                                 "start_time": "18:00", "duration_minutes": 90})
    assert "recurrence" in response.context["form"].errors
    response = client.post(url("body_create"), {"name": "Beirat", "kind": "advisory_board",
                                                 "frequency": "MONTHLY", "weekday": "TH",
                                                 "week_of_month": "-1", "interval": 3,
                                                 "first_date": "2026-01-01",
                                                 "start_time": "18:00", "duration_minutes": 90,
                                                 "public": "on"})
    assert response.status_code == 302
    assert Body.objects.get().recurrence == "FREQ=MONTHLY;INTERVAL=3;BYDAY=-1TH"


def test_members_are_added_and_removed(municipality, coordinator, client_for):
    body = jour_fixe(municipality)
    anna = person(municipality, "Anna Privat")
    position = position_held_by(municipality, "Leitung Umweltamt",
                                person(municipality, "Ina Amtsleiterin"))
    client = client_for(coordinator)
    assert client.post(url("body_members", body.pk), {"actor": anna.pk, "role": "chair"}
                       ).status_code == 302
    assert client.post(url("body_members", body.pk), {"position": position.pk,
                                                       "role": "minute_taker"}).status_code == 302
    response = client.post(url("body_members", body.pk), {"role": "member"})
    assert response.status_code == 200 and response.context["form"].non_field_errors()
    page = client.get(url("body", body.pk)).content.decode()
    assert "Anna Privat" in page and "</a> – Ina Amtsleiterin" in page
    upcoming = meeting(body)
    services.invitations_create(meeting=upcoming)
    chair = body.members.get(actor=anna)
    assert client.post(url("body_member_remove", chair.pk)).status_code == 302
    assert not body.members.filter(actor=anna).exists()
    assert upcoming.invitations.get(actor=anna).withdrawn_at is not None


# --- Meetings -------------------------------------------------------------------------------


def test_schedule_the_next_meeting_of_the_rhythm(municipality, coordinator, client_for):
    body = jour_fixe(municipality)
    earlier = meeting(body, days=-10)
    services.action_item_add(meeting=earlier, what="Förderantrag prüfen",
                             owner_actor=organisation(municipality, "Stadtwerke"))
    client = client_for(coordinator)
    response = client.get(url("meeting_create", body.pk))
    proposed = services.next_dates(body, count=1)[0]
    assert response.context["form"]["starts_at"].value() == timezone.localtime(
        proposed).replace(tzinfo=None)
    assert timezone.localtime(proposed).strftime("%Y-%m-%dT17:00") in response.content.decode()
    response = client.post(url("meeting_create", body.pk), {
        "starts_at": timezone.localtime(proposed).strftime("%Y-%m-%dT%H:%M"),
        "place": "Rathaus", "focus_topic": "Wärmeplanung"})
    scheduled = body.meetings.get(focus_topic="Wärmeplanung")
    assert response["Location"] == url("meeting", scheduled.pk)
    assert scheduled.starts_at == proposed
    assert scheduled.ends_at - scheduled.starts_at == datetime.timedelta(minutes=90)
    page = client.get(url("meeting", scheduled.pk)).content.decode()
    assert "Förderantrag prüfen" in page


def test_a_stale_meeting_edit_is_refused_and_keeps_the_input(municipality, coordinator,
                                                             client_for):
    upcoming = meeting(jour_fixe(municipality))
    services.meeting_update(meeting=upcoming, version=1, focus_topic="Von jemand anderem")
    local = timezone.localtime(upcoming.starts_at)
    response = client_for(coordinator).post(url("meeting_edit", upcoming.pk), {
        "version": 1, "starts_at": local.strftime("%Y-%m-%dT%H:%M"),
        "ends_at": (local + datetime.timedelta(hours=2)).strftime("%Y-%m-%dT%H:%M"),
        "focus_topic": "Meine Änderung"})
    assert response.status_code == 409
    assert "Meine Änderung" in response.content.decode()
    assert Meeting.objects.get(pk=upcoming.pk).focus_topic == "Von jemand anderem"


def test_moving_a_meeting_asks_to_send_updates(municipality, coordinator, client_for,
                                               django_capture_on_commit_callbacks):
    body = jour_fixe(municipality)
    services.body_member_add(body=body, actor=person(municipality, "Anna Privat",
                                                     email="anna@privat.example"))
    upcoming = meeting(body)
    client = client_for(coordinator)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url("invite", upcoming.pk), {"guests": ""})
    assert len(mail.outbox) == 1
    upcoming.refresh_from_db()
    later = timezone.localtime(upcoming.starts_at) + datetime.timedelta(days=1)
    client.post(url("meeting_edit", upcoming.pk), {
        "version": upcoming.version, "starts_at": later.strftime("%Y-%m-%dT%H:%M"),
        "ends_at": (later + datetime.timedelta(hours=1)).strftime("%Y-%m-%dT%H:%M")})
    page = client.get(url("meeting", upcoming.pk))
    assert len(page.context["unsent"]) == 1
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url("send", upcoming.pk))
    assert response.status_code == 302 and len(mail.outbox) == 2
    assert not client.get(url("meeting", upcoming.pk)).context["unsent"]


def test_cancel_after_confirmation(municipality, coordinator, client_for):
    upcoming = meeting(jour_fixe(municipality))
    client = client_for(coordinator)
    assert client.get(url("meeting_cancel", upcoming.pk)).status_code == 200
    assert Meeting.objects.get(pk=upcoming.pk).status == MeetingStatus.PLANNED
    assert client.post(url("meeting_cancel", upcoming.pk)).status_code == 302
    assert Meeting.objects.get(pk=upcoming.pk).status == MeetingStatus.CANCELLED
    assert client.post(url("meeting_cancel", upcoming.pk)).status_code == 302  # told, no error
    page = client.get(url("meeting", upcoming.pk)).content.decode()
    assert url("invite", upcoming.pk) not in page


def test_agenda_items_with_owner_and_measures(municipality, member, client_for):
    plan = monitoring_services.plan_create(municipality=municipality, title="Plan",
                                           target_year=2035)
    measure = monitoring_services.measure_create(plan=plan, code="M1", title="Solardächer")
    stadtwerke = organisation(municipality, "Stadtwerke")
    upcoming = meeting(jour_fixe(municipality))
    client = client_for(member)
    response = client.post(url("agenda", upcoming.pk), {
        "title": "Stand Solarkataster", "owner": stadtwerke.pk, "duration_minutes": 20,
        "measures": [measure.pk]})
    assert response.status_code == 302
    page = client.get(url("meeting", upcoming.pk)).content.decode()
    assert "Stand Solarkataster" in page and "Stadtwerke" in page
    assert reverse("monitoring:measure", args=[SLUG, measure.pk]) in page


# --- Invitations ----------------------------------------------------------------------------


@pytest.fixture
def invited_body(municipality):
    body = jour_fixe(municipality)
    services.body_member_add(body=body, actor=person(municipality, "Anna Privat",
                                                     email="anna@privat.example"))
    services.body_member_add(body=body, actor=person(municipality, "Ohne Adresse", email=""))
    services.body_member_add(body=body, position=position_held_by(
        municipality, "Leitung Umweltamt", person(municipality, "Ina Amt",
                                                  email="ina@stadt.example")))
    return body


def test_invalid_guest_addresses_are_reported_and_nothing_is_sent(invited_body, coordinator,
                                                                  client_for):
    upcoming = meeting(invited_body)
    response = client_for(coordinator).post(url("invite", upcoming.pk), {
        "guests": "Gustav Gast <gast@example.org>\nkeine-adresse\nOtto <otto@>"})
    assert response.status_code == 200
    errors = response.context["form"].errors["guests"]
    assert len(errors) == 2 and "keine-adresse" in errors[0] and "otto@" in errors[1]
    assert not upcoming.invitations.exists() and not BackgroundJob.objects.exists()


def test_invite_members_and_guests_and_send_in_the_background(
        invited_body, coordinator, client_for, django_capture_on_commit_callbacks):
    upcoming = meeting(invited_body)
    client = client_for(coordinator)
    page = client.get(url("invite", upcoming.pk)).content.decode()
    assert "anna@privat.example" in page and "Ohne Adresse" in page
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url("invite", upcoming.pk), {
            "guests": "Gustav Gast <gast@example.org>\n\n  otto@example.org  "}, follow=True)
    job = BackgroundJob.objects.get()
    assert response.redirect_chain[0][0] == reverse("jobs:detail", args=[job.pk])
    assert job.status == "succeeded" and job.result["sent"] == 4
    assert job.arguments["rsvp_url_prefix"] == f"http://testserver/{SLUG}/antwort/"
    assert "Ohne Adresse" in response.content.decode()  # reported, not dropped silently
    assert sorted(m.to[0] for m in mail.outbox) == [
        "anna@privat.example", "gast@example.org", "ina@stadt.example", "otto@example.org"]
    assert f"http://testserver/{SLUG}/antwort/" in mail.outbox[0].body
    guest = upcoming.invitations.get(email="gast@example.org")
    assert guest.is_guest and guest.name == "Gustav Gast"
    assert Meeting.objects.get(pk=upcoming.pk).status == MeetingStatus.INVITED


def test_failed_addresses_are_shown_and_sent_again(invited_body, coordinator, client_for,
                                                   django_capture_on_commit_callbacks):
    upcoming = meeting(invited_body)
    client = client_for(coordinator)
    real_send = services._send_invitation

    def flaky(meeting, invitation, link):
        if invitation.email == "anna@privat.example":
            raise smtplib.SMTPRecipientsRefused({invitation.email: (550, b"unknown user")})
        return real_send(meeting, invitation, link)

    with mock.patch.object(services, "_send_invitation", flaky), \
            django_capture_on_commit_callbacks(execute=True):
        client.post(url("invite", upcoming.pk), {"guests": ""})
    assert BackgroundJob.objects.get().result["failed_addresses"] == ["anna@privat.example"]
    response = client.get(url("meeting", upcoming.pk))
    assert [i.email for i in response.context["problems"]] == ["anna@privat.example"]
    assert url("send", upcoming.pk) in response.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url("send", upcoming.pk))
    assert [m.to[0] for m in mail.outbox] == ["ina@stadt.example", "anna@privat.example"]
    assert not client.get(url("meeting", upcoming.pk)).context["problems"]


def test_the_meeting_page_counts_the_answers(invited_body, member, client_for):
    upcoming = meeting(invited_body)
    services.invitations_create(meeting=upcoming, guests=[("gast@example.org", "Gast")])
    upcoming.invitations.filter(email="anna@privat.example").update(rsvp=Rsvp.YES,
                                                                    note="Bringe Kuchen mit")
    upcoming.invitations.filter(email="gast@example.org").update(rsvp=Rsvp.MAYBE)
    response = client_for(member).get(url("meeting", upcoming.pk))
    counts = response.context["rsvp_counts"]
    assert (counts["yes"], counts["no"], counts["maybe"], counts["pending"]) == (1, 0, 1, 1)
    assert "Bringe Kuchen mit" in response.content.decode()


# --- During and after -----------------------------------------------------------------------


def test_attendance_minutes_decisions_and_action_items(invited_body, administration, client_for,
                                                       municipality):
    held = meeting(invited_body, days=-1)
    services.agenda_item_add(meeting=held, title="Wärmeplanung")
    services.invitations_create(meeting=held)
    anna = held.invitations.get(email="anna@privat.example")
    client = client_for(administration)
    assert client.post(url("attendance", held.pk), {"present": [anna.pk]}).status_code == 302
    held.refresh_from_db()
    assert held.status == MeetingStatus.HELD
    assert list(held.invitations.filter(attended=True)) == [anna]

    form = client.get(url("minutes", held.pk)).context["form"]
    assert "## 1. Wärmeplanung" in form["minutes"].value()
    response = client.post(url("minutes", held.pk), {
        "version": held.version, "minutes": "## Wärmeplanung\n\nBeschlossen.", "approved": "on"})
    assert response.status_code == 302
    stale = client.post(url("minutes", held.pk), {"version": held.version,
                                                  "minutes": "Alte Fassung"})
    assert stale.status_code == 409 and "Alte Fassung" in stale.content.decode()
    held.refresh_from_db()
    assert held.minutes_approved and held.minutes.startswith("## Wärmeplanung")

    client.post(url("decision_add", held.pk), {"text": "Wir beantragen Fördermittel."})
    # The administration chooses among the actors the team shares with it.
    stadtwerke = organisation(municipality, "Stadtwerke", shared_with_administration=True)
    response = client.post(url("action_item_add", held.pk), {"what": "Ohne Verantwortliche"})
    assert response.status_code == 200 and response.context["form"].non_field_errors()
    response = client.post(url("action_item_add", held.pk), {
        "what": "Antrag schreiben", "owner_actor": stadtwerke.pk, "due_on": "2020-01-31"})
    assert response.status_code == 302
    page = client.get(url("meeting", held.pk)).content.decode()
    assert "Wir beantragen Fördermittel." in page and "Antrag schreiben" in page
    assert 'class="overdue"' in page
    item = ActionItem.objects.get(what="Antrag schreiben")

    overview = client.get(url("action_items"))
    assert overview.context["overdue"] == 1 and "Antrag schreiben" in overview.content.decode()
    response = client.post(url("action_item_status", item.pk),
                           {"status": "done", "next": "https://evil.example/"})
    assert response["Location"] == url("meeting", held.pk)
    item.refresh_from_db()
    assert item.status == ActionItemStatus.DONE and item.done_on == timezone.localdate()
    assert "Antrag schreiben" not in client.get(url("action_items")).content.decode()
    response = client.post(url("action_item_status", item.pk),
                           {"status": "open", "next": url("action_items")})
    assert response["Location"] == url("action_items")
    assert client.post(url("action_item_status", item.pk), {"status": "vergessen"}
                       ).status_code == 302
    assert ActionItem.objects.get(pk=item.pk).status == ActionItemStatus.OPEN


def test_open_action_items_on_the_actor_and_measure_pages(municipality, member, client_for):
    plan = monitoring_services.plan_create(municipality=municipality, title="Plan",
                                           target_year=2035)
    measure = monitoring_services.measure_create(plan=plan, code="M1", title="Solardächer",
                                                 published=True)
    stadtwerke = organisation(municipality, "Stadtwerke")
    worker = person(municipality, "Karl Werker", parent=stadtwerke)
    holder = person(municipality, "Ina Amt", legal_basis="legitimate_interest")
    position = position_held_by(municipality, "Leitung Umweltamt", holder)
    held = meeting(jour_fixe(municipality), days=-1)
    services.action_item_add(meeting=held, what="Dächer zählen", owner_actor=worker,
                             measure=measure)
    services.action_item_add(meeting=held, what="Haushaltsmittel klären",
                             owner_position=position)
    client = client_for(member)
    organisation_page = client.get(reverse("actors:detail", args=[SLUG, stadtwerke.pk]))
    assert "Dächer zählen" in organisation_page.content.decode()
    holder_page = client.get(reverse("actors:detail", args=[SLUG, holder.pk])).content.decode()
    assert "Haushaltsmittel klären" in holder_page and "Dächer zählen" not in holder_page
    measure_url = reverse("monitoring:measure", args=[SLUG, measure.pk])
    assert "Dächer zählen" in client.get(measure_url).content.decode()
    public = client_for(None).get(measure_url)
    assert public.status_code == 200 and "Dächer zählen" not in public.content.decode()
