import datetime
from email.utils import parseaddr

from dateutil.rrule import rrulestr
from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.utils import formats
from django.utils.dates import WEEKDAYS
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from gemeinsam.actors.forms import DATE
from gemeinsam.actors.models import Position
from gemeinsam.actors.selectors import actors_visible
from gemeinsam.monitoring.models import Measure

from .models import (
    ActionItem,
    ActionItemStatus,
    AgendaItem,
    Body,
    BodyRole,
    Decision,
    Meeting,
)

DATETIME = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")
TIME = forms.TimeInput(attrs={"type": "time"}, format="%H:%M")

# RFC 5545 weekday codes, Monday first like Python's weekday().
DAY_CODES = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"]
WEEK_OF_MONTH = [("1", gettext_lazy("first")), ("2", gettext_lazy("second")),
                 ("3", gettext_lazy("third")), ("4", gettext_lazy("fourth")),
                 ("-1", gettext_lazy("last"))]


# --- The rhythm (RFC 5545 recurrence rule) -------------------------------------------------


def parse_rule(rule):
    """The parts of a recurrence rule as a dict, e.g. {"FREQ": "WEEKLY", "INTERVAL": "6"}."""
    rule = (rule or "").strip().upper()
    if rule.startswith("RRULE:"):
        rule = rule[len("RRULE:"):]
    return dict(part.split("=", 1) for part in rule.split(";") if "=" in part)


def _split_day(code):
    """"-1TU" → (-1, "TU"); "TU" → (None, "TU")."""
    code = code.strip()
    number, day = code[:-2], code[-2:]
    if day not in DAY_CODES:
        raise ValueError(code)
    return (int(number) if number not in ("", "+") else None), day


def rhythm_in_words(body):
    """The body's rhythm as a sentence, e.g. "every 6 weeks on Tuesday at 17:00"."""
    if not body.recurrence:
        return ""
    parts = parse_rule(body.recurrence)
    try:
        interval = int(parts.get("INTERVAL", "1"))
        days = [_split_day(code) for code in parts["BYDAY"].split(",")] if parts.get(
            "BYDAY") else []
    except (KeyError, ValueError):
        return body.recurrence
    every = {
        "DAILY": ngettext("every day", "every %(count)s days", interval),
        "WEEKLY": ngettext("every week", "every %(count)s weeks", interval),
        "MONTHLY": ngettext("every month", "every %(count)s months", interval),
        "YEARLY": ngettext("every year", "every %(count)s years", interval),
    }.get(parts.get("FREQ"))
    if every is None or set(parts) - {"FREQ", "INTERVAL", "BYDAY", "WKST"}:
        return body.recurrence
    every = every % {"count": interval}
    ordinals = dict(WEEK_OF_MONTH)
    if days:
        named = []
        for number, day in days:
            weekday = str(WEEKDAYS[DAY_CODES.index(day)])
            if number is None:
                named.append(weekday)
            elif str(number) in ordinals:
                named.append(_("the %(ordinal)s %(weekday)s") % {
                    "ordinal": ordinals[str(number)], "weekday": weekday})
            else:
                return body.recurrence
        words = _("%(every)s on %(days)s") % {"every": every, "days": ", ".join(named)}
    else:
        words = every
    if body.start_time:
        words = _("%(rhythm)s at %(time)s") % {
            "rhythm": words, "time": formats.time_format(body.start_time, "TIME_FORMAT")}
    return words


class BodyForm(forms.ModelForm):
    """A body with its rhythm, chosen in words (weekly, monthly) or as an RFC 5545 rule."""

    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    frequency = forms.ChoiceField(
        label=gettext_lazy("Rhythm"), required=False,
        choices=[("", gettext_lazy("no regular rhythm")), ("WEEKLY", gettext_lazy("weekly")),
                 ("MONTHLY", gettext_lazy("monthly")),
                 ("custom", gettext_lazy("other rule (RFC 5545)"))])
    interval = forms.IntegerField(
        label=gettext_lazy("Every how many weeks or months"), min_value=1, max_value=52,
        initial=1, required=False,
        help_text=gettext_lazy("For example 6 for every six weeks."))
    weekday = forms.ChoiceField(
        label=gettext_lazy("On which weekday"), required=False,
        choices=[("", "–")] + [(code, WEEKDAYS[index]) for index, code in enumerate(DAY_CODES)])
    week_of_month = forms.ChoiceField(
        label=gettext_lazy("Which week of the month (monthly rhythm only)"), required=False,
        choices=[("", "–")] + WEEK_OF_MONTH)
    recurrence = forms.CharField(
        label=gettext_lazy("Rule (RFC 5545, only for “other rule”)"), required=False,
        max_length=200,
        help_text=gettext_lazy("For example FREQ=MONTHLY;BYMONTHDAY=15 for the 15th of every "
                               "month."))
    online_url = forms.URLField(label=gettext_lazy("usual online link"), required=False,
                                assume_scheme="https")

    class Meta:
        model = Body
        fields = ["name", "kind", "purpose", "public", "first_date", "start_time",
                  "duration_minutes", "place", "online_url"]
        widgets = {"purpose": forms.Textarea(attrs={"rows": 3}), "first_date": DATE,
                   "start_time": TIME}
        help_texts = {"first_date": gettext_lazy(
            "The rhythm counts from this date, e.g. the first jour fixe.")}

    field_order = ["name", "kind", "purpose", "public", "frequency", "interval", "weekday",
                   "week_of_month", "recurrence", "first_date", "start_time",
                   "duration_minutes", "place", "online_url"]

    def __init__(self, *args, municipality, **kwargs):
        instance = kwargs.get("instance")
        if instance is not None and instance.recurrence:
            kwargs.setdefault("initial", {}).update(self._rhythm_initial(instance.recurrence))
        super().__init__(*args, **kwargs)
        self.instance.municipality = municipality

    @staticmethod
    def _rhythm_initial(rule):
        parts = parse_rule(rule)
        try:
            days = [_split_day(code) for code in parts.get("BYDAY", "").split(",")
                    if code.strip()]
            interval = int(parts.get("INTERVAL", "1"))
        except ValueError:
            days, interval = None, 1
        simple = set(parts) <= {"FREQ", "INTERVAL", "BYDAY"} and days and len(days) == 1
        if simple and parts.get("FREQ") == "WEEKLY" and days[0][0] is None:
            return {"frequency": "WEEKLY", "interval": interval, "weekday": days[0][1]}
        if simple and parts.get("FREQ") == "MONTHLY" and str(days[0][0]) in dict(WEEK_OF_MONTH):
            return {"frequency": "MONTHLY", "interval": interval, "weekday": days[0][1],
                    "week_of_month": str(days[0][0])}
        return {"frequency": "custom", "recurrence": rule}

    def clean(self):
        cleaned = super().clean()
        frequency = cleaned.get("frequency")
        interval = cleaned.get("interval") or 1
        weekday, week = cleaned.get("weekday"), cleaned.get("week_of_month")
        rule = ""
        if frequency in ("WEEKLY", "MONTHLY") and not weekday:
            self.add_error("weekday", _("Please choose the weekday."))
        elif frequency == "WEEKLY":
            rule = f"FREQ=WEEKLY;INTERVAL={interval};BYDAY={weekday}"
        elif frequency == "MONTHLY":
            if not week:
                self.add_error("week_of_month", _("Please choose the week of the month."))
            rule = f"FREQ=MONTHLY;INTERVAL={interval};BYDAY={week}{weekday}"
        elif frequency == "custom":
            rule = (cleaned.get("recurrence") or "").strip()
            if rule.upper().startswith("RRULE:"):
                rule = rule[len("RRULE:"):]
            try:
                rrulestr(rule, dtstart=datetime.datetime(2026, 1, 1))
            except (ValueError, TypeError):
                self.add_error("recurrence", _("This is not a valid RFC 5545 rule."))
        if frequency:
            if not cleaned.get("first_date"):
                self.add_error("first_date", _("A rhythm needs the date it counts from."))
            if not cleaned.get("start_time"):
                self.add_error("start_time", _("A rhythm needs the usual start time."))
        cleaned["rule"] = rule
        return cleaned

    def body_fields(self):
        """The model's fields for the services, the rhythm as a recurrence rule."""
        data = {name: self.cleaned_data[name] for name in self._meta.fields}
        data["recurrence"] = self.cleaned_data["rule"]
        return data


class BodyMemberForm(forms.Form):
    actor = forms.ModelChoiceField(
        label=gettext_lazy("Person or organisation"), required=False,
        queryset=None, empty_label="–")
    position = forms.ModelChoiceField(
        label=gettext_lazy("or a position"), required=False, queryset=None, empty_label="–",
        help_text=gettext_lazy("Whoever holds the position is invited, also after a change."))
    role = forms.ChoiceField(label=gettext_lazy("Role"), choices=BodyRole.choices,
                             initial=BodyRole.MEMBER)

    def __init__(self, *args, municipality, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["actor"].queryset = actors_visible(
            municipality=municipality, user=user).order_by("name")
        self.fields["position"].queryset = Position.objects.filter(municipality=municipality)

    def clean(self):
        cleaned = super().clean()
        if bool(cleaned.get("actor")) == bool(cleaned.get("position")):
            raise ValidationError(_("Please choose either a person or organisation, or a "
                                    "position."))
        return cleaned


class MeetingForm(forms.ModelForm):
    """Schedule or change a meeting; the version guards against overwriting a newer change."""

    version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    online_url = forms.URLField(label=gettext_lazy("online link"), required=False,
                                assume_scheme="https")

    class Meta:
        model = Meeting
        fields = ["starts_at", "ends_at", "place", "online_url", "focus_topic", "links"]
        widgets = {"starts_at": DATETIME, "ends_at": DATETIME,
                   "links": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, schedule=False, **kwargs):
        super().__init__(*args, **kwargs)
        if schedule:
            del self.fields["version"]
            self.fields["ends_at"].required = False
            self.fields["ends_at"].help_text = _("Empty: after the body's usual duration.")

    def clean(self):
        cleaned = super().clean()
        starts, ends = cleaned.get("starts_at"), cleaned.get("ends_at")
        if starts and ends and ends <= starts:
            self.add_error("ends_at", _("The meeting must end after it starts."))
        return cleaned

    def _post_clean(self):
        # The services validate the meeting; the form's instance has no body yet.
        pass

    def meeting_fields(self):
        return {name: self.cleaned_data[name] for name in self._meta.fields}


class Versioned(forms.Form):
    """Carries the version an edit started from, so that a stale save is refused."""

    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def item_fields(self):
        return {name: value for name, value in self.cleaned_data.items() if name != "version"}


class AgendaItemForm(Versioned, forms.ModelForm):
    class Meta:
        model = AgendaItem
        fields = ["title", "owner", "duration_minutes", "measures"]
        widgets = {"measures": forms.SelectMultiple(attrs={"size": 6})}

    def __init__(self, *args, municipality, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = actors_visible(municipality=municipality, user=user)
        self.fields["measures"].queryset = Measure.objects.filter(
            plan__municipality=municipality).order_by("code")
        self.fields["measures"].help_text = _("Hold Ctrl (or Cmd) to choose several.")

    def _post_clean(self):
        pass


class InviteForm(forms.Form):
    guests = forms.CharField(
        label=gettext_lazy("Guests"), required=False, widget=forms.Textarea(attrs={"rows": 4}),
        help_text=gettext_lazy("One per line: “Name <address>” or just the e-mail address."))

    def clean_guests(self):
        guests, invalid = [], []
        for number, line in enumerate(self.cleaned_data["guests"].splitlines(), start=1):
            line = line.strip()
            if not line:
                continue
            name, address = parseaddr(line)
            if "<" not in line:
                name, address = "", line
            try:
                validate_email(address)
            except ValidationError:
                invalid.append(_("Line %(line)s: “%(text)s” is not a valid e-mail address.")
                               % {"line": number, "text": line})
                continue
            guests.append((address, name.strip()))
        if invalid:
            raise ValidationError(invalid)
        return guests


class AttendanceForm(forms.Form):
    present = forms.ModelMultipleChoiceField(
        label=gettext_lazy("Who was there"), required=False, queryset=None,
        widget=forms.CheckboxSelectMultiple)

    def __init__(self, *args, invitations, conceal=lambda invitation: None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["present"].queryset = invitations

        def label(invitation):
            conceal(invitation)
            if getattr(invitation, "withheld", False):
                return _("not shared")
            return (f"{invitation.name} ({invitation.email})" if invitation.name
                    else invitation.email)

        self.fields["present"].label_from_instance = label


class MinutesForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)
    minutes = forms.CharField(
        label=gettext_lazy("Minutes"), required=False, widget=forms.Textarea(attrs={"rows": 20}),
        help_text=gettext_lazy("Markdown: ## for headings, - for lists, **bold**."))
    approved = forms.BooleanField(
        label=gettext_lazy("The minutes are approved"), required=False,
        help_text=gettext_lazy("Approved minutes of a public body are public, without the names "
                               "of private persons."))


class DecisionForm(Versioned, forms.ModelForm):
    class Meta:
        model = Decision
        fields = ["text"]
        widgets = {"text": forms.Textarea(attrs={"rows": 3})}

    def _post_clean(self):
        pass


class ActionItemForm(Versioned, forms.ModelForm):
    class Meta:
        model = ActionItem
        fields = ["what", "owner_actor", "owner_position", "due_on", "measure"]
        widgets = {"what": forms.Textarea(attrs={"rows": 2}), "due_on": DATE}

    def __init__(self, *args, municipality, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner_actor"].queryset = actors_visible(municipality=municipality,
                                                             user=user)
        self.fields["owner_position"].queryset = Position.objects.filter(
            municipality=municipality)
        self.fields["measure"].queryset = Measure.objects.filter(
            plan__municipality=municipality).order_by("code")

    def clean(self):
        cleaned = super().clean()
        if not (cleaned.get("owner_actor") or cleaned.get("owner_position")):
            raise ValidationError(_("Please say who takes care of it: a person, an "
                                    "organisation or a position."))
        return cleaned

    def _post_clean(self):
        pass


class ActionItemStatusForm(forms.Form):
    status = forms.ChoiceField(choices=ActionItemStatus.choices)

