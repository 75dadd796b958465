from django.utils.translation import gettext_lazy as _
from django.utils.translation import gettext_noop

from gemeinsam.jobs.registry import register

from . import services
from .models import Meeting

SEND_INVITATIONS = "meetings.send_invitations"
SEND_INVITATIONS_TITLE = _("Sending the invitations")
RESULT_LABELS = [gettext_noop("sent"), gettext_noop("failed")]


@register(SEND_INVITATIONS)
def run_send_invitations(*, report_progress, meeting_id, rsvp_url_prefix):
    meeting = Meeting.objects.select_related("body").get(pk=meeting_id)
    result = services.invitations_send(
        meeting=meeting, build_url=lambda token: f"{rsvp_url_prefix}{token}/",
        progress=report_progress)
    return {"sent": result["sent"], "failed": len(result["failed"]),
            "failed_addresses": [address for address, _reason in result["failed"]]}
