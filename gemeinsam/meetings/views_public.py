"""Pages and feeds reachable without logging in: the personal RSVP link of an invitation and
the iCalendar feeds (public ones per body and municipality, a private one per person)."""

from django import forms
from django.conf import settings
from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone, translation
from django.utils.cache import patch_cache_control
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache

from gemeinsam.core.errors import DomainError
from gemeinsam.core.views import breadcrumbs_for, municipality_view

from . import calendar, selectors, services
from .models import CalendarToken, Rsvp
from .services import RsvpNotUsable

# --- RSVP ------------------------------------------------------------------------------------


class RsvpForm(forms.Form):
    answer = forms.ChoiceField(choices=[(Rsvp.YES, Rsvp.YES.label), (Rsvp.NO, Rsvp.NO.label),
                                        (Rsvp.MAYBE, Rsvp.MAYBE.label)],
                               error_messages={"required": gettext_lazy(
                                   "Please answer yes, no or maybe.")})
    note = forms.CharField(label=gettext_lazy("Note (optional)"), max_length=500,
                           required=False, widget=forms.Textarea(attrs={"rows": 3}),
                           help_text=gettext_lazy("For example if you come later or bring "
                                                  "someone. Only the organisers see it."))


def _unusable(request, municipality, error):
    return render(request, "meetings/rsvp_unusable.html", {
        "municipality": municipality, "error": error,
        # Only the invited person's own meeting, and only when the link itself was genuine.
        "meeting": error.invitation.meeting if error.invitation else None,
        "breadcrumbs": breadcrumbs_for(municipality, (_("Your answer"), None)),
    }, status=404 if error.reason == "unknown" else 410)


@never_cache
@municipality_view()
def rsvp(request, municipality, token):
    """The personal answer page behind the link in an invitation; no login needed."""
    try:
        invitation = services.invitation_get_by_token(token=token)
    except RsvpNotUsable as error:
        if error.invitation and error.invitation.meeting.body.municipality_id != municipality.pk:
            error = RsvpNotUsable("unknown")
        return _unusable(request, municipality, error)
    meeting = invitation.meeting
    if meeting.body.municipality_id != municipality.pk:
        return _unusable(request, municipality, RsvpNotUsable("unknown"))
    if meeting.ends_at < timezone.now():
        return _unusable(request, municipality, RsvpNotUsable("past", invitation))

    form = RsvpForm(request.POST or None, initial={"note": invitation.note})
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                services.rsvp_answer(token=token, answer=form.cleaned_data["answer"],
                                     note=form.cleaned_data["note"])
            except RsvpNotUsable as error:
                return _unusable(request, municipality, error)
            except DomainError as error:
                form.add_error(None, error.message)
            else:
                messages.success(request, _("Thank you, your answer has been saved. You can "
                                            "change it here at any time."))
                return redirect(request.path)
        status = 400
    return render(request, "meetings/rsvp.html", {
        "municipality": municipality, "invitation": invitation, "meeting": meeting,
        "body": meeting.body, "agenda": meeting.agenda.all(), "form": form,
        "answers": [(Rsvp.YES, _("Yes, I will come")), (Rsvp.NO, _("No, I cannot come")),
                    (Rsvp.MAYBE, _("Maybe"))],
        "breadcrumbs": breadcrumbs_for(municipality, (_("Your answer"), None)),
    }, status=status)


# --- Calendar feeds --------------------------------------------------------------------------


def _ics_response(content, filename, *, private=False):
    response = HttpResponse(content, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    if private:
        response["X-Robots-Tag"] = "noindex"
        patch_cache_control(response, private=True, no_store=True)
    else:
        patch_cache_control(response, public=True, max_age=900)
    return response


@municipality_view()
def municipality_feed(request, municipality):
    """Every meeting of the municipality's public bodies; names no attendee."""
    content = calendar.feed(selectors.public_meetings(municipality=municipality),
                            name=_("Public meetings in %(municipality)s")
                            % {"municipality": municipality.name})
    return _ics_response(content, f"{municipality.slug}.ics")


@municipality_view()
def body_feed(request, municipality, pk):
    """One body's meetings: public bodies for everyone, internal ones for team and
    administration."""
    internal = request.user.has_perm("meetings.view_internal", municipality)
    body = selectors.body_get(municipality=municipality, public=not internal, pk=pk)
    meetings = body.meetings.select_related("body").order_by("starts_at")
    content = calendar.feed(meetings, name=f"{body.name} – {municipality.name}",
                            public=not internal)
    return _ics_response(content, f"{municipality.slug}-gremium-{body.pk}.ics",
                         private=not body.public)


def private_feed(request, token):
    """The person's own feed behind a secret address: all meetings of their municipalities."""
    calendar_token = get_object_or_404(CalendarToken.objects.select_related("user"),
                                       token=token)
    user = calendar_token.user
    if not user.is_active:
        raise Http404
    with translation.override(user.preferred_language or settings.LANGUAGE_CODE):
        name = _("Your meetings on %(platform)s") % {"platform": settings.PLATFORM_NAME}
    content = calendar.feed(selectors.private_feed_meetings(user=user).distinct(), name=name,
                            public=False)
    return _ics_response(content, "gemeinsam.ics", private=True)

