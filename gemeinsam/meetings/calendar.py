"""Meetings as iCalendar (RFC 5545): invitations and their updates and cancellations as iTIP
messages (RFC 5546), and feeds for calendar programs."""

import datetime
from email.utils import parseaddr

from django.conf import settings
from icalendar import Calendar, Event, vCalAddress, vText

from .models import MeetingStatus

PRODID = "-//Gemeinsam//Gremien//DE"


def _calendar(method=None):
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    if method:
        calendar.add("method", method)
    return calendar


def _event(meeting, *, organizer=None, attendee=None, public=False, cancelled=False):
    event = Event()
    event.add("uid", f"{meeting.uid}@{settings.PLATFORM_NAME.lower()}")
    event.add("sequence", meeting.sequence)
    event.add("dtstamp", datetime.datetime.now(datetime.UTC))
    event.add("dtstart", meeting.starts_at)
    event.add("dtend", meeting.ends_at)
    title = meeting.body.name
    if meeting.focus_topic:
        title = f"{title}: {meeting.focus_topic}"
    event.add("summary", title)
    # The online link is for those invited, never for a public feed.
    online = "" if public else meeting.online_url
    if meeting.place or online:
        event.add("location", ", ".join(filter(None, [meeting.place, online])))
    if online:
        event.add("url", online)
    cancelled = cancelled or meeting.status == MeetingStatus.CANCELLED
    event.add("status", "CANCELLED" if cancelled else "CONFIRMED")
    if organizer:
        event["organizer"] = vCalAddress(f"mailto:{organizer}")
        event["organizer"].params["cn"] = vText(meeting.body.name)
    if attendee is not None:
        address = vCalAddress(f"mailto:{attendee.email}")
        if attendee.name:
            address.params["cn"] = vText(attendee.name)
        address.params["role"] = vText("REQ-PARTICIPANT")
        # Answers go through the personal link; a calendar's reply would reach nobody.
        address.params["rsvp"] = vText("FALSE")
        event.add("attendee", address, encode=0)
    return event


def invitation_ics(meeting, invitation):
    """The .ics of an invitation: REQUEST, or CANCEL once the meeting is called off or the
    invitation withdrawn (RFC 5546 3.2.5: the organizer cancels for a removed attendee)."""
    cancelled = meeting.status == MeetingStatus.CANCELLED or invitation.withdrawn_at is not None
    calendar = _calendar("CANCEL" if cancelled else "REQUEST")
    calendar.add_component(_event(meeting, organizer=parseaddr(settings.DEFAULT_FROM_EMAIL)[1],
                                  attendee=invitation, cancelled=cancelled))
    return calendar.to_ical()


def feed(meetings, *, name, public=True):
    """A calendar feed of meetings. Public feeds name no attendees."""
    calendar = _calendar()
    calendar.add("x-wr-calname", name)
    for meeting in meetings:
        calendar.add_component(_event(meeting, public=public))
    return calendar.to_ical()
