from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from gemeinsam.core.errors import DomainError, StaleEdit
from gemeinsam.core.views import breadcrumbs_for, municipality_view, redirect_back
from gemeinsam.jobs.services import job_start

from . import jobs, selectors, services
from .forms import (
    ActionItemForm,
    ActionItemStatusForm,
    AgendaItemForm,
    AttendanceForm,
    BodyForm,
    BodyMemberForm,
    DecisionForm,
    InviteForm,
    MeetingForm,
    MinutesForm,
    rhythm_in_words,
)
from .models import ActionItem, AgendaItem, BodyMember, Decision, Invitation, MeetingStatus


def _public(request, municipality):
    return not request.user.has_perm("meetings.view_internal", municipality)


def _bodies_crumbs(municipality, *rest):
    return breadcrumbs_for(municipality, (_("Bodies"), reverse(
        "meetings:bodies", args=[municipality.slug])), *rest)


def _body_crumbs(municipality, body, *rest):
    return _bodies_crumbs(municipality, (body.name, reverse(
        "meetings:body", args=[municipality.slug, body.pk])), *rest)


def meeting_label(meeting):
    return formats.date_format(timezone.localtime(meeting.starts_at), "SHORT_DATE_FORMAT")


def _meeting_crumbs(municipality, meeting, *rest):
    return _body_crumbs(municipality, meeting.body, (meeting_label(meeting), reverse(
        "meetings:meeting", args=[municipality.slug, meeting.pk])), *rest)


def _meeting(municipality, pk):
    """A meeting to work on (team and administration): any body of this municipality."""
    return selectors.meeting_get(municipality=municipality, public=False, pk=pk)


def _part(model, municipality, pk):
    """An agenda item, decision, action item or invitation of a meeting of this municipality."""
    return get_object_or_404(model.objects.select_related("meeting__body__municipality"),
                             pk=pk, meeting__body__municipality=municipality)


def _meeting_url(municipality, meeting_id, anchor=""):
    return reverse("meetings:meeting", args=[municipality.slug, meeting_id]) + anchor


def _edit_page(request, municipality, form, save, *, title, meeting, done_url, remove_url):
    """The form to change one part of a meeting; a save based on an outdated version is
    refused with what the person typed kept."""
    status = 200
    if request.method == "POST" and form.is_valid():
        try:
            save(version=form.cleaned_data["version"], **form.item_fields())
        except DomainError as error:
            form.add_error(None, error.message)
            status = 409 if isinstance(error, StaleEdit) else 400
        else:
            messages.success(request, _("The changes have been saved."))
            return redirect(done_url)
    return _form_page(request, municipality, form, title=title, status=status,
                      remove_url=remove_url,
                      breadcrumbs=_meeting_crumbs(municipality, meeting, (title, None)))


def _form_page(request, municipality, form, *, title, breadcrumbs, status=200, **extra):
    return render(request, "meetings/form.html", {
        "municipality": municipality, "form": form, "title": title,
        "breadcrumbs": breadcrumbs, **extra,
    }, status=status)


def _start_sending(request, municipality, meeting):
    """The mail-out as a background job; its page shows the progress and the failures."""
    rsvp_prefix = request.build_absolute_uri(
        reverse("meetings:rsvp", args=[municipality.slug, "TOKEN"])).replace("TOKEN/", "")
    job = job_start(kind=jobs.SEND_INVITATIONS, title=str(jobs.SEND_INVITATIONS_TITLE),
                    arguments={"meeting_id": meeting.pk, "rsvp_url_prefix": rsvp_prefix},
                    started_by=request.user, municipality=municipality)
    return redirect("jobs:detail", job.pk)


# --- Bodies ----------------------------------------------------------------------------------


@municipality_view()
def body_list(request, municipality):
    public = _public(request, municipality)
    return render(request, "meetings/body_list.html", {
        "municipality": municipality, "public": public,
        "bodies": selectors.body_list(municipality=municipality, public=public),
        "may_manage": request.user.has_perm("meetings.manage_bodies", municipality),
        "breadcrumbs": breadcrumbs_for(municipality, (_("Bodies"), None)),
    })


@municipality_view("meetings.manage_bodies")
def body_create(request, municipality):
    form = BodyForm(request.POST or None, municipality=municipality)
    if request.method == "POST" and form.is_valid():
        data = form.body_fields()
        try:
            body = services.body_create(municipality=municipality, **data)
        except DomainError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("“%(name)s” has been created. Now add its members.")
                             % {"name": body.name})
            return redirect("meetings:body_members", municipality.slug, body.pk)
    return _form_page(request, municipality, form, title=_("New body"),
                      breadcrumbs=_bodies_crumbs(municipality, (_("New body"), None)))


@municipality_view()
def body_detail(request, municipality, pk):
    public = _public(request, municipality)
    body = selectors.body_get(municipality=municipality, public=public, pk=pk)
    now = timezone.now()
    meetings = list(selectors.meetings_of(body=body))
    members = list(selectors.body_members(body=body, public=public))
    selectors.mark_withheld(request.user, municipality, members=members)
    return render(request, "meetings/body_detail.html", {
        "municipality": municipality, "body": body, "public": public,
        "members": members,
        "rhythm": rhythm_in_words(body),
        "next_dates": services.next_dates(body),
        "upcoming": [m for m in reversed(meetings) if m.ends_at >= now],
        "past": [m for m in meetings if m.ends_at < now],
        "open_action_items": [] if public else selectors.action_items_open_for(
            request.user, municipality=municipality, body=body),
        "today": timezone.localdate(),
        "may_manage": request.user.has_perm("meetings.manage_bodies", municipality),
        "may_run": request.user.has_perm("meetings.run", municipality),
        "breadcrumbs": _bodies_crumbs(municipality, (body.name, None)),
    })


@municipality_view("meetings.manage_bodies")
def body_edit(request, municipality, pk):
    body = selectors.body_get(municipality=municipality, public=False, pk=pk)
    form = BodyForm(request.POST or None, instance=body, municipality=municipality,
                    initial={"version": body.version})
    status = 200
    if request.method == "POST" and form.is_valid():
        try:
            services.body_update(body=body, version=form.cleaned_data["version"],
                                 **form.body_fields())
        except DomainError as error:
            form.add_error(None, error.message)
            status = 409
        else:
            messages.success(request, _("The changes have been saved."))
            return redirect("meetings:body", municipality.slug, body.pk)
    return _form_page(request, municipality, form,
                      title=_("Edit %(name)s") % {"name": body.name}, status=status,
                      breadcrumbs=_body_crumbs(municipality, body, (_("Edit"), None)))


@municipality_view("meetings.manage_bodies")
def body_members(request, municipality, pk):
    body = selectors.body_get(municipality=municipality, public=False, pk=pk)
    form = BodyMemberForm(request.POST or None, municipality=municipality, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            member = services.body_member_add(body=body, **form.cleaned_data)
        except DomainError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("%(member)s has been added as %(role)s.")
                             % {"member": member, "role": member.get_role_display()})
            return redirect("meetings:body_members", municipality.slug, body.pk)
    members = list(selectors.body_members(body=body, public=False))
    selectors.mark_withheld(request.user, municipality, members=members)
    return render(request, "meetings/body_members.html", {
        "municipality": municipality, "body": body, "form": form,
        "members": members,
        "breadcrumbs": _body_crumbs(municipality, body, (_("Members"), None)),
    })


@require_POST
@municipality_view("meetings.manage_bodies")
def body_member_remove(request, municipality, pk):
    member = get_object_or_404(BodyMember.objects.select_related("body", "actor", "position"),
                               pk=pk, body__municipality=municipality)
    to_tell = services.body_member_remove(member=member)
    for meeting in to_tell:
        _start_sending(request, municipality, meeting)
    messages.success(request, _("%(member)s is no longer a member; open invitations have been "
                                "withdrawn.") % {"member": member}
                     + (" " + _("They are being told, so that the meetings leave their "
                                "calendar.") if to_tell else ""))
    return redirect("meetings:body_members", municipality.slug, member.body_id)


# --- Meetings --------------------------------------------------------------------------------


@municipality_view("meetings.run")
def meeting_create(request, municipality, pk):
    body = selectors.body_get(municipality=municipality, public=False, pk=pk)
    proposed = services.next_dates(body)
    form = MeetingForm(request.POST or None, schedule=True, initial={
        "starts_at": proposed[0] if proposed else None, "place": body.place,
        "online_url": body.online_url,
    })
    if request.method == "POST" and form.is_valid():
        try:
            meeting = services.meeting_schedule(body=body, **form.meeting_fields())
        except DomainError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("The meeting has been scheduled. Its agenda starts with "
                                        "the open action items."))
            return redirect("meetings:meeting", municipality.slug, meeting.pk)
    return _form_page(request, municipality, form, title=_("Schedule a meeting"),
                      lead=rhythm_in_words(body), proposed=proposed,
                      breadcrumbs=_body_crumbs(municipality, body,
                                               (_("Schedule a meeting"), None)))


@municipality_view()
def meeting_detail(request, municipality, pk):
    public = _public(request, municipality)
    meeting = selectors.meeting_get(municipality=municipality, public=public, pk=pk)
    context = {
        "municipality": municipality, "meeting": meeting, "body": meeting.body,
        "public": public, "today": timezone.localdate(),
        "may_run": request.user.has_perm("meetings.run", municipality),
        "cancelled": meeting.status == MeetingStatus.CANCELLED,
        **selectors.meeting_detail(meeting=meeting, public=public),
        "breadcrumbs": _body_crumbs(municipality, meeting.body, (meeting_label(meeting), None)),
    }
    if not public:
        context["without_address"] = selectors.member_addresses(meeting.body)[1]
        selectors.mark_withheld(
            request.user, municipality, invitations=context["invitations"],
            agenda=context["agenda"], action_items=context["action_items"],
            people=context["without_address"])
    return render(request, "meetings/meeting_detail.html", context)


@municipality_view("meetings.run")
def meeting_edit(request, municipality, pk):
    meeting = _meeting(municipality, pk)
    form = MeetingForm(request.POST or None, instance=meeting,
                       initial={"version": meeting.version})
    status = 200
    if request.method == "POST" and form.is_valid():
        try:
            services.meeting_update(meeting=meeting, version=form.cleaned_data["version"],
                                    **form.meeting_fields())
        except StaleEdit as error:
            form.add_error(None, error.message)
            status = 409
        except DomainError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("The changes have been saved."))
            return redirect("meetings:meeting", municipality.slug, meeting.pk)
    return _form_page(request, municipality, form, status=status, title=_("Edit the meeting"),
                      breadcrumbs=_meeting_crumbs(municipality, meeting, (_("Edit"), None)))


@municipality_view("meetings.run")
def meeting_cancel(request, municipality, pk):
    meeting = _meeting(municipality, pk)
    if request.method == "POST":
        try:
            services.meeting_cancel(meeting=meeting)
        except DomainError as error:
            messages.info(request, error.message)
        else:
            messages.success(request, _("The meeting has been cancelled."))
        return redirect("meetings:meeting", municipality.slug, meeting.pk)
    return render(request, "meetings/meeting_cancel.html", {
        "municipality": municipality, "meeting": meeting,
        "invited": meeting.invitations.filter(withdrawn_at__isnull=True).count(),
        "breadcrumbs": _meeting_crumbs(municipality, meeting, (_("Cancel"), None)),
    })


@municipality_view("meetings.run")
def agenda_add(request, municipality, pk):
    meeting = _meeting(municipality, pk)
    form = AgendaItemForm(request.POST or None, municipality=municipality, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            services.agenda_item_add(meeting=meeting, **form.item_fields())
        except DomainError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("The item has been added to the agenda."))
            return redirect("meetings:agenda", municipality.slug, meeting.pk)
    agenda = selectors.meeting_detail(meeting=meeting, public=False)["agenda"]
    selectors.mark_withheld(request.user, municipality, agenda=agenda)
    return render(request, "meetings/agenda.html", {
        "municipality": municipality, "meeting": meeting, "form": form,
        "agenda": agenda,
        "breadcrumbs": _meeting_crumbs(municipality, meeting, (_("Agenda"), None)),
    })


@municipality_view("meetings.run")
def agenda_item_edit(request, municipality, pk):
    item = _part(AgendaItem, municipality, pk)
    form = AgendaItemForm(request.POST or None, instance=item, municipality=municipality,
                          user=request.user, initial={"version": item.version})
    return _edit_page(
        request, municipality, form,
        lambda **fields: services.agenda_item_update(item=item, **fields),
        title=_("Change the agenda item"), meeting=item.meeting,
        done_url=reverse("meetings:agenda", args=[municipality.slug, item.meeting_id]),
        remove_url=reverse("meetings:agenda_item_remove", args=[municipality.slug, item.pk]))


@require_POST
@municipality_view("meetings.run")
def agenda_item_remove(request, municipality, pk):
    item = _part(AgendaItem, municipality, pk)
    services.agenda_item_remove(item=item)
    messages.success(request, _("“%(title)s” has been removed from the agenda.")
                     % {"title": item.title})
    return redirect("meetings:agenda", municipality.slug, item.meeting_id)


@require_POST
@municipality_view("meetings.run")
def agenda_item_move(request, municipality, pk):
    item = _part(AgendaItem, municipality, pk)
    services.agenda_item_move(item=item, up=request.POST.get("direction") == "up")
    return redirect(reverse("meetings:agenda", args=[municipality.slug, item.meeting_id])
                    + f"#agenda-item-{item.pk}")


# --- Invitations -----------------------------------------------------------------------------


@municipality_view("meetings.run")
def invite(request, municipality, pk):
    meeting = _meeting(municipality, pk)
    form = InviteForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            result = services.invitations_create(meeting=meeting,
                                                 guests=form.cleaned_data["guests"])
        except DomainError as error:
            form.add_error(None, error.message)
        else:
            if result["missing"]:
                selectors.mark_withheld(request.user, municipality, people=result["missing"])
                messages.warning(request, _(
                    "No e-mail address, so not invited: %(names)s. Please add their address "
                    "in the alliance or invite them by hand.")
                    % {"names": ", ".join(_("not shared") if getattr(nobody, "withheld", False)
                                          else str(nobody) for nobody in result["missing"])})
            return _start_sending(request, municipality, meeting)
    members, missing = selectors.member_addresses(meeting.body)
    selectors.mark_withheld(request.user, municipality,
                            people=[person for person, _email, _name in members] + missing)
    return render(request, "meetings/invite.html", {
        "municipality": municipality, "meeting": meeting, "form": form,
        "members": members, "missing": missing,
        "invited": {email.lower() for email in meeting.invitations.filter(
            withdrawn_at__isnull=True).values_list("email", flat=True)},
        "breadcrumbs": _meeting_crumbs(municipality, meeting, (_("Invite"), None)),
    })


@require_POST
@municipality_view("meetings.run")
def invitation_withdraw(request, municipality, pk):
    """Take someone off the list; who had received the invitation is sent the withdrawal."""
    invitation = services.invitation_withdraw(invitation=_part(Invitation, municipality, pk))
    messages.success(request, _("%(name)s is no longer invited.") % {"name": invitation})
    if invitation.sent_at:
        return _start_sending(request, municipality, invitation.meeting)
    return redirect(_meeting_url(municipality, invitation.meeting_id, "#invitations"))


@require_POST
@municipality_view("meetings.run")
def send(request, municipality, pk):
    """Send what is still unsent: updates, the cancellation, and again where sending failed."""
    return _start_sending(request, municipality, _meeting(municipality, pk))


# --- During and after ------------------------------------------------------------------------


@municipality_view("meetings.run")
def attendance(request, municipality, pk):
    meeting = _meeting(municipality, pk)
    invitations = meeting.invitations.filter(withdrawn_at__isnull=True)
    form = AttendanceForm(request.POST or None, invitations=invitations,
                          initial={"present": invitations.filter(attended=True)},
                          conceal=lambda invitation: selectors.mark_withheld(
                              request.user, municipality, invitations=[invitation]))
    if request.method == "POST" and form.is_valid():
        services.attendance_record(meeting=meeting,
                                   present=[i.pk for i in form.cleaned_data["present"]])
        messages.success(request, _("The attendance has been recorded."))
        return redirect("meetings:meeting", municipality.slug, meeting.pk)
    return _form_page(request, municipality, form, title=_("Who was there"),
                      lead=None if invitations else _("Nobody has been invited yet."),
                      breadcrumbs=_meeting_crumbs(municipality, meeting, (_("Attendance"), None)))


@municipality_view("meetings.run")
def minutes(request, municipality, pk):
    meeting = _meeting(municipality, pk)
    form = MinutesForm(request.POST or None, initial={
        "version": meeting.version, "approved": meeting.minutes_approved,
        "minutes": meeting.minutes or services.minutes_template(meeting),
    })
    status = 200
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.minutes_save(meeting=meeting, version=data["version"],
                                  minutes=data["minutes"], approved=data["approved"])
        except StaleEdit as error:
            form.add_error(None, error.message)
            status = 409
        else:
            messages.success(request, _("The minutes have been saved."))
            return redirect("meetings:meeting", municipality.slug, meeting.pk)
    return render(request, "meetings/minutes.html", {
        "municipality": municipality, "meeting": meeting, "form": form,
        "public_body": meeting.body.public,
        "breadcrumbs": _meeting_crumbs(municipality, meeting, (_("Minutes"), None)),
    }, status=status)


@municipality_view("meetings.run")
def decision_add(request, municipality, pk):
    meeting = _meeting(municipality, pk)
    form = DecisionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.decision_add(meeting=meeting, text=form.cleaned_data["text"])
        messages.success(request, _("The decision has been recorded."))
        return redirect(_meeting_url(municipality, meeting.pk, "#decisions"))
    return _form_page(request, municipality, form, title=_("Record a decision"),
                      breadcrumbs=_meeting_crumbs(municipality, meeting,
                                                  (_("Record a decision"), None)))


@municipality_view("meetings.run")
def decision_edit(request, municipality, pk):
    decision = _part(Decision, municipality, pk)
    form = DecisionForm(request.POST or None, instance=decision,
                        initial={"version": decision.version})
    return _edit_page(
        request, municipality, form,
        lambda **fields: services.decision_update(decision=decision, **fields),
        title=_("Change the decision"), meeting=decision.meeting,
        done_url=_meeting_url(municipality, decision.meeting_id, "#decisions"),
        remove_url=reverse("meetings:decision_remove", args=[municipality.slug, decision.pk]))


@require_POST
@municipality_view("meetings.run")
def decision_remove(request, municipality, pk):
    decision = _part(Decision, municipality, pk)
    services.decision_remove(decision=decision)
    messages.success(request, _("The decision has been removed."))
    return redirect(_meeting_url(municipality, decision.meeting_id, "#decisions"))


@municipality_view("meetings.run")
def action_item_add(request, municipality, pk):
    meeting = _meeting(municipality, pk)
    form = ActionItemForm(request.POST or None, municipality=municipality, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            services.action_item_add(meeting=meeting, **form.item_fields())
        except DomainError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("The action item has been recorded. It will be on the "
                                        "agenda of the next meeting until it is done."))
            return redirect(_meeting_url(municipality, meeting.pk, "#action-items"))
    return _form_page(request, municipality, form, title=_("Record an action item"),
                      breadcrumbs=_meeting_crumbs(municipality, meeting,
                                                  (_("Record an action item"), None)))


@municipality_view("meetings.run")
def action_item_edit(request, municipality, pk):
    item = _part(ActionItem, municipality, pk)
    form = ActionItemForm(request.POST or None, instance=item, municipality=municipality,
                          user=request.user, initial={"version": item.version})
    return _edit_page(
        request, municipality, form,
        lambda **fields: services.action_item_update(item=item, **fields),
        title=_("Change the action item"), meeting=item.meeting,
        done_url=_meeting_url(municipality, item.meeting_id, "#action-items"),
        remove_url=reverse("meetings:action_item_remove", args=[municipality.slug, item.pk]))


@require_POST
@municipality_view("meetings.run")
def action_item_remove(request, municipality, pk):
    item = _part(ActionItem, municipality, pk)
    services.action_item_remove(item=item)
    messages.success(request, _("The action item has been removed."))
    return redirect(_meeting_url(municipality, item.meeting_id, "#action-items"))


@require_POST
@municipality_view("meetings.run")
def action_item_status(request, municipality, pk):
    item = get_object_or_404(ActionItem.objects.select_related("meeting"), pk=pk,
                             meeting__body__municipality=municipality)
    form = ActionItemStatusForm(request.POST)
    if form.is_valid():
        services.action_item_set_status(item=item, status=form.cleaned_data["status"])
        messages.success(request, _("The action item is now “%(status)s”.")
                         % {"status": item.get_status_display()})
    else:
        messages.error(request, _("Unknown status."))
    return redirect_back(request, _meeting_url(municipality, item.meeting_id))


@municipality_view("meetings.view_internal")
def action_items(request, municipality):
    today = timezone.localdate()
    items = sorted(selectors.action_items_open_for(request.user, municipality=municipality),
                   key=lambda item: (item.meeting.body.name, item.meeting.body_id))
    return render(request, "meetings/action_items.html", {
        "municipality": municipality, "items": items, "today": today,
        "overdue": sum(1 for item in items if item.due_on and item.due_on < today),
        "may_run": request.user.has_perm("meetings.run", municipality),
        "breadcrumbs": _bodies_crumbs(municipality, (_("Action items"), None)),
    })
