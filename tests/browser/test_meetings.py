import re

import pytest
from django.core import mail
from django.utils import timezone

from gemeinsam.jobs.models import BackgroundJob
from gemeinsam.meetings import services
from gemeinsam.meetings.models import ActionItemStatus, Invitation, Rsvp
from tests.browser.accounts import log_in
from tests.meetings.factories import jour_fixe, organisation, person, position_held_by

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
BASE = "/ruesselsheim-am-main/"



def submit(page):
    page.locator("main form[method=post] button[type=submit]").last.click()
    page.wait_for_load_state()


def test_a_jour_fixe_from_scheduling_to_the_next_agenda(page, municipality, coordinator, member,
                                                        check_accessibility):
    body = jour_fixe(municipality)  # every six weeks on Tuesday, 17:00
    anna = person(municipality, "Anna Sommer", email="anna@sommer.example")
    services.body_member_add(body=body, actor=anna)
    services.body_member_add(body=body, actor=person(municipality, member.display_name,
                                                     email=member.email), role="minute_taker")
    services.body_member_add(body=body, position=position_held_by(
        municipality, "Leitung Umweltamt",
        person(municipality, "Dr. Ilse Brandt", email="ilse.brandt@stadt.example",
               legal_basis="legitimate_interest")), role="chair")
    organisation(municipality, "Stadtwerke Rüsselsheim")
    proposed = timezone.localtime(services.next_dates(body, count=1)[0])
    assert (proposed.weekday(), proposed.hour) == (1, 17)

    # The coordinator schedules the next jour fixe: the rhythm proposes the date.
    log_in(page, coordinator)
    page.goto(f"{BASE}gremien/{body.pk}/")
    page.locator(f"a[href$='/gremien/{body.pk}/sitzung/neu/']").click()
    assert page.locator("#id_starts_at").input_value() == proposed.strftime("%Y-%m-%dT%H:%M")
    page.locator("#id_focus_topic").fill("Kommunale Wärmeplanung")
    submit(page)
    meeting = body.meetings.get()
    page.wait_for_url(f"**/sitzungen/{meeting.pk}/")
    assert meeting.starts_at == proposed
    page.get_by_role("heading", level=1).filter(has_text="Jour fixe Umweltamt").wait_for()

    page.locator(f"a[href$='/sitzungen/{meeting.pk}/tagesordnung/']").click()
    page.locator("#id_title").fill("Stand der Wärmeplanung")
    page.locator("#id_owner").select_option(label="Stadtwerke Rüsselsheim")
    page.locator("#id_duration_minutes").fill("30")
    submit(page)
    page.goto(f"{BASE}sitzungen/{meeting.pk}/")
    check_accessibility(page)

    # ... and invites the members; the mail-out runs in the background.
    page.locator(f"a[href$='/sitzungen/{meeting.pk}/einladen/']").click()
    page.locator("#id_guests").fill("Gustav Gast <gast@example.org>")
    submit(page)
    page.wait_for_url("**/jobs/**")
    job = BackgroundJob.objects.get()
    assert job.status == "succeeded" and job.result["sent"] == 4
    to_anna = next(m for m in mail.outbox if m.to == ["anna@sommer.example"])
    assert "Stand der Wärmeplanung" in to_anna.body
    link = re.search(r"https?://\S+/antwort/\S+/", to_anna.body).group(0)

    # A member answers through the link from the e-mail, without logging in.
    page.context.clear_cookies()
    page.goto(link)
    page.locator("#id_note").fill("Ich komme etwas später.")
    page.locator("button[name=answer][value=yes]").click()
    page.wait_for_load_state()
    invitation = Invitation.objects.get(email="anna@sommer.example")
    assert (invitation.rsvp, invitation.note) == (Rsvp.YES, "Ich komme etwas später.")

    # The minute-taker records the minutes and two action items.
    log_in(page, member)
    page.goto(f"{BASE}sitzungen/{meeting.pk}/")
    page.locator("table").filter(has_text="anna@sommer.example").filter(
        has_text="Ich komme etwas später.").wait_for()
    page.locator(f"a[href$='/sitzungen/{meeting.pk}/protokoll/']").first.click()
    minutes = page.locator("#id_minutes")
    assert "## 1. Stand der Wärmeplanung" in minutes.input_value()
    check_accessibility(page)
    minutes.fill("## Stand der Wärmeplanung\n\nDie Stadtwerke stellen die Bestandsanalyse vor.")
    page.locator("#id_approved").check()
    submit(page)
    page.wait_for_url(f"**/sitzungen/{meeting.pk}/")

    for what, owner_field, owner in [
            ("Angebote für die Wärmeplanung einholen", "#id_owner_position", "Leitung Umweltamt"),
            ("Beteiligungsabend vorbereiten", "#id_owner_actor", "Stadtwerke Rüsselsheim")]:
        page.locator(f"a[href$='/sitzungen/{meeting.pk}/aufgabe/']").first.click()
        page.locator("#id_what").fill(what)
        page.locator(owner_field).select_option(label=owner)
        page.locator("#id_due_on").fill("2027-01-15")
        submit(page)
        page.wait_for_url(f"**/sitzungen/{meeting.pk}/#action-items")
    page.locator("#action-items + div tr", has_text="Angebote für die Wärmeplanung").locator(
        "button[value=done]").click()
    page.wait_for_load_state()
    assert meeting.action_items.get(what__startswith="Angebote").status == ActionItemStatus.DONE
    assert page.get_by_text("Die Stadtwerke stellen die Bestandsanalyse vor.").is_visible()
    check_accessibility(page)

    # The next meeting of the rhythm starts with the open action item.
    page.goto(f"{BASE}gremien/{body.pk}/sitzung/neu/")
    submit(page)
    following = body.meetings.exclude(pk=meeting.pk).get()
    page.wait_for_url(f"**/sitzungen/{following.pk}/")
    assert (following.starts_at - meeting.starts_at).days == 42
    agenda = page.locator("section[aria-labelledby=agenda] ol")
    assert "Beteiligungsabend vorbereiten" in agenda.inner_text()
    assert "Angebote für die Wärmeplanung" not in agenda.inner_text()
