import io

import pytest
from django.core.management import call_command

from gemeinsam.meetings import services
from tests.meetings import factories

pytestmark = pytest.mark.django_db


def test_the_daily_reminders_command_reminds_the_invited(municipality, mailoutbox):
    body = factories.jour_fixe(municipality)
    services.body_member_add(body=body, actor=factories.person(
        municipality, "Erinnert Werden", email="erinnert@example.org"))
    meeting = factories.meeting(body, days=2)
    services.invitations_create(meeting=meeting)
    services.invitations_send(meeting=meeting, build_url=lambda token: f"/a/{token}/")
    mailoutbox.clear()
    out = io.StringIO()
    call_command("send_reminders", stdout=out)
    assert "1 meeting reminders sent" in out.getvalue()
    assert f"/{municipality.slug}/antwort/" in mailoutbox[0].body
