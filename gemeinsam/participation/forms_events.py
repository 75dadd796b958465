"""Forms of the Termintipps: the visitor's filters, and an event as the team, the
administration or a proposer enter it, with its rhythm as an RFC 5545 rule."""

import datetime
import re

from dateutil.rrule import rrulestr
from django import forms
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from icalendar import vRecur

from gemeinsam.actors.forms import DATE
from gemeinsam.meetings.forms import DAY_CODES

from . import selectors_events
from .forms_initiatives import MAX_IMAGE_BYTES, honeypot_field
from .models import Category, Event
from .selectors_events import DEFAULT_DAYS, MAX_DAYS, EventFilter, span
from .selectors_initiatives import category_name

TIME = forms.TimeInput(attrs={"type": "time"}, format="%H:%M")
MONTH = re.compile(r"(\d{4})-(\d{2})")
# Rules that repeat more often than daily would flood the list and every calendar.
FREQUENCIES = {"DAILY", "WEEKLY", "MONTHLY", "YEARLY"}
RULE_PARTS = {"FREQ", "INTERVAL", "COUNT", "UNTIL", "BYDAY", "BYMONTHDAY", "BYMONTH",
              "BYYEARDAY", "BYWEEKNO", "BYSETPOS", "WKST"}
UNTIL = re.compile(r"(\d{8})(?:T(\d{6})(Z?))?")
FIRST_DATE_WITHIN_DAYS = 5 * 366
GREGORIAN_CYCLE_YEARS = 400
# Dates far outside would only overflow Python's dates when months and years are added.
YEARS = range(1900, 3000)


def _check_year(day):
    if day is not None and day.year not in YEARS:
        raise ValidationError(_("Please check the year."))
    return day


# --- Filters ---------------------------------------------------------------------------------


class EventFilterForm(forms.Form):
    """The filters of the list, the month, the map and the feed (GET). A filter that makes no
    sense is left out, with a message, instead of failing the page."""

    kategorie = forms.MultipleChoiceField(label=gettext_lazy("Categories"), required=False,
                                          widget=forms.CheckboxSelectMultiple)
    # An initiative by its number, an organisation of the alliance as "organisation-<number>".
    veranstalter = forms.ChoiceField(label=gettext_lazy("Organised by"), required=False)
    q = forms.CharField(label=gettext_lazy("Search"), required=False, max_length=200,
                        widget=forms.TextInput(attrs={"type": "search"}))
    von = forms.DateField(label=gettext_lazy("From"), required=False, widget=DATE)
    bis = forms.DateField(label=gettext_lazy("Until"), required=False, widget=DATE)
    ansicht = forms.ChoiceField(required=False, widget=forms.HiddenInput,
                                choices=[("liste", "liste"), ("monat", "monat")])
    monat = forms.CharField(required=False, max_length=7, widget=forms.HiddenInput)

    def __init__(self, data, *, categories, organisers, today=None):
        super().__init__(data)
        self.today = today or timezone.localdate()
        self.fields["kategorie"].choices = [
            (category.slug, category_name(category.name, category.name_en))
            for category in categories]
        self.fields["veranstalter"].choices = [("", _("all"))] + list(organisers)

    def clean_kategorie(self):
        return tuple(self.cleaned_data["kategorie"])

    def clean_q(self):
        return self.cleaned_data["q"].strip()

    def clean_von(self):
        return _check_year(self.cleaned_data["von"])

    def clean_bis(self):
        return _check_year(self.cleaned_data["bis"])

    def clean_monat(self):
        text = self.cleaned_data["monat"]
        if not text:
            return None
        match = MONTH.fullmatch(text)
        if not match or not 1 <= int(match.group(2)) <= 12 or int(match.group(1)) not in YEARS:
            raise ValidationError(_("Please give the month as YYYY-MM."))
        return datetime.date(int(match.group(1)), int(match.group(2)), 1)

    def clean(self):
        cleaned = super().clean()
        first, last = cleaned.get("von"), cleaned.get("bis")
        if first and last and last < first:
            self.add_error("bis", _("The end of the period must not be before its start."))
        elif last and (last - (first or self.today)).days >= MAX_DAYS:
            self.add_error("bis", _("Please choose at most a year."))
        return cleaned

    @property
    def month_view(self):
        return self.data.get("ansicht") == "monat"

    @property
    def month(self):
        """The first day of the month the month view shows."""
        self.is_valid()
        return self.cleaned_data.get("monat") or self.today.replace(day=1)

    def filters(self):
        """The filters as an `EventFilter`, the invalid ones left out."""
        self.is_valid()
        data = self.cleaned_data
        if self.month_view:
            month = self.month
            following = (month + datetime.timedelta(days=32)).replace(day=1)
            start, end = span(month, following - datetime.timedelta(days=1))
        else:
            first = data.get("von") or self.today
            last = data.get("bis") or first + datetime.timedelta(days=DEFAULT_DAYS - 1)
            start, end = span(first, last)
        return EventFilter(start=start, end=end, categories=data.get("kategorie") or (),
                           organiser=data.get("veranstalter") or None, q=data.get("q") or "")

    def chosen(self):
        """Whether the visitor chose anything beyond the view."""
        self.is_valid()
        return any(self.cleaned_data.get(name) for name in
                   ("kategorie", "veranstalter", "q", "von", "bis"))


# --- The rhythm ------------------------------------------------------------------------------


def _until_value(text, *, all_day):
    """UNTIL as RFC 5545 wants it beside our DTSTART: a date for all-day events, otherwise UTC
    (a date or a local time is read as the end of that local day or that local time)."""
    match = UNTIL.fullmatch(text)
    if not match:
        raise ValidationError(_("UNTIL must be a date like 20261231."))
    day = datetime.datetime.strptime(match.group(1), "%Y%m%d").date()
    if match.group(2):
        moment = datetime.datetime.strptime(match.group(1) + match.group(2), "%Y%m%d%H%M%S")
        moment = (moment.replace(tzinfo=datetime.UTC) if match.group(3)
                  else timezone.make_aware(moment))
    else:
        moment = timezone.make_aware(datetime.datetime.combine(day, datetime.time(23, 59, 59)))
    if all_day:
        return f"{timezone.localtime(moment).date():%Y%m%d}"
    return moment.astimezone(datetime.UTC).strftime("%Y%m%dT%H%M%SZ")


def _gives_a_date(rule, dtstart):
    """Whether the dateutil `rule` gives a date within five years of `dtstart`.

    dateutil searches a rule that never matches (the 30th of February) up to the year 9999,
    seconds of work for a daily rule. The Gregorian calendar repeats every 400 years, a whole
    number of weeks, so the same rule started 7,600 years later has the same weekdays and days
    of the month, and the search ends after a few hundred years instead.
    """
    shift = GREGORIAN_CYCLE_YEARS * ((datetime.MAXYEAR - 10 - dtstart.year)
                                     // GREGORIAN_CYCLE_YEARS)
    start = dtstart.replace(year=dtstart.year + shift)
    horizon = start + datetime.timedelta(days=FIRST_DATE_WITHIN_DAYS)
    until = horizon
    if rule._until is not None and rule._until.year + shift <= datetime.MAXYEAR:
        until = min(rule._until.replace(year=rule._until.year + shift), horizon)
    shifted = rule.replace(dtstart=start, until=until or horizon, count=None)
    return shifted.after(start, inc=True) is not None


def check_rule(text, *, starts, all_day):
    """`text` as the recurrence rule to store, or a ValidationError that says what is wrong.
    It must be understood by icalendar and dateutil (which the feeds and lists use), repeat at
    most daily and give at least one date."""
    rule = "".join((text or "").split()).upper().strip(";")
    if rule.startswith("RRULE:"):
        rule = rule[len("RRULE:"):]
    if not rule:
        return ""
    invalid = _("This is not a valid RFC 5545 rule, for example FREQ=WEEKLY;BYDAY=TU.")
    pairs = [part.partition("=") for part in rule.split(";")]
    if any(not sep or not value for _name, sep, value in pairs):
        raise ValidationError(invalid)
    parts = {name: value for name, _sep, value in pairs}
    if len(parts) != len(pairs) or set(parts) - RULE_PARTS:
        raise ValidationError(invalid)
    if parts.get("FREQ") not in FREQUENCIES:
        if parts.get("FREQ") in ("SECONDLY", "MINUTELY", "HOURLY"):
            raise ValidationError(_("An event may repeat at most daily."))
        raise ValidationError(invalid)
    for name in ("INTERVAL", "COUNT"):
        if name in parts and not (parts[name].isdigit() and 1 <= int(parts[name]) <= 1000):
            raise ValidationError(_("%(part)s must be a number from 1 to 1000.")
                                  % {"part": name})
    if "COUNT" in parts and "UNTIL" in parts:
        raise ValidationError(_("Please give either COUNT or UNTIL, not both."))
    if "UNTIL" in parts:
        parts["UNTIL"] = _until_value(parts["UNTIL"], all_day=all_day)
    rule = ";".join(f"{name}={value}" for name, value in parts.items())
    if len(rule) > Event._meta.get_field("recurrence").max_length:
        raise ValidationError(_("This rule is too long."))
    local = timezone.localtime(starts)
    dtstart = local.replace(tzinfo=None) if all_day else local
    try:
        vRecur.from_ical(rule)
        parsed = rrulestr(rule, dtstart=dtstart)
    except (ValueError, TypeError, KeyError, IndexError):
        raise ValidationError(invalid) from None
    if not _gives_a_date(parsed, dtstart):
        raise ValidationError(_("This rule gives no date within five years from the start of "
                                "the event."))
    return rule


def rule_presets(day):
    """The common rhythms for an event on `day`, as rules: the same weekday every week or
    every other week, the same weekday of the month (every first Saturday), the same date."""
    code = DAY_CODES[day.weekday()]
    week = (day.day - 1) // 7 + 1
    return {
        "weekly": f"FREQ=WEEKLY;BYDAY={code}",
        "fortnightly": f"FREQ=WEEKLY;INTERVAL=2;BYDAY={code}",
        "monthly_weekday": f"FREQ=MONTHLY;BYDAY={week if week < 5 else -1}{code}",
        "monthly_day": f"FREQ=MONTHLY;BYMONTHDAY={day.day}",
        "yearly": "FREQ=YEARLY",
    }


REPEAT_CHOICES = [
    ("", gettext_lazy("does not repeat")),
    ("weekly", gettext_lazy("every week on the same weekday")),
    ("fortnightly", gettext_lazy("every two weeks on the same weekday")),
    ("monthly_weekday", gettext_lazy("every month on the same weekday, e.g. every first "
                                     "Saturday")),
    ("monthly_day", gettext_lazy("every month on the same date")),
    ("yearly", gettext_lazy("every year")),
    ("custom", gettext_lazy("another rule (RFC 5545, below)")),
]


def _rhythm_initial(event):
    """The form's rhythm fields for a stored rule: a preset if it is one, the rule otherwise;
    UNTIL as the date in its own field."""
    if not event.recurrence:
        return {}
    parts = dict(part.split("=", 1) for part in event.recurrence.split(";") if "=" in part)
    initial = {}
    until = parts.pop("UNTIL", None)
    if until and (match := UNTIL.fullmatch(until)):
        if match.group(2):
            moment = datetime.datetime.strptime(match.group(1) + match.group(2),
                                                "%Y%m%d%H%M%S").replace(tzinfo=datetime.UTC)
            initial["repeat_until"] = timezone.localtime(moment).date()
        else:
            initial["repeat_until"] = datetime.datetime.strptime(match.group(1),
                                                                 "%Y%m%d").date()
    rule = ";".join(f"{name}={value}" for name, value in parts.items())
    presets = rule_presets(timezone.localtime(event.starts_at).date())
    for key, preset in presets.items():
        if preset == rule:
            initial["repeat"] = key
            return initial
    return {"repeat": "custom", "recurrence": event.recurrence}


# --- An event --------------------------------------------------------------------------------


class EventForm(forms.ModelForm):
    """An event as the team or the administration enter it; the proposer's forms below add
    what only they need. Date and time are separate fields, the rhythm a preset or a rule."""

    version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    start_date = forms.DateField(label=gettext_lazy("Date"), widget=DATE)
    start_time = forms.TimeField(label=gettext_lazy("Starts at"), required=False, widget=TIME,
                                 help_text=gettext_lazy("Empty for an all-day event."))
    end_time = forms.TimeField(label=gettext_lazy("Ends at"), required=False, widget=TIME)
    end_date = forms.DateField(
        label=gettext_lazy("Last day"), required=False, widget=DATE,
        help_text=gettext_lazy("Only if the event lasts several days."))
    all_day = forms.BooleanField(label=gettext_lazy("All day"), required=False)
    repeat = forms.ChoiceField(label=gettext_lazy("Repeats"), required=False,
                               choices=REPEAT_CHOICES)
    recurrence = forms.CharField(
        label=gettext_lazy("Own rule (RFC 5545)"), required=False, max_length=200,
        help_text=gettext_lazy(
            "Only for “another rule”. Examples: FREQ=WEEKLY;BYDAY=TU (every Tuesday), "
            "FREQ=MONTHLY;BYDAY=1SA (every first Saturday), FREQ=MONTHLY;BYDAY=-1FR (the last "
            "Friday of every month), FREQ=WEEKLY;INTERVAL=2;BYDAY=MO,TH;COUNT=10."))
    repeat_until = forms.DateField(
        label=gettext_lazy("Repeats until"), required=False, widget=DATE,
        help_text=gettext_lazy("The last possible date; empty: without end."))
    organiser = forms.ChoiceField(
        label=gettext_lazy("Organised by"), required=False,
        help_text=gettext_lazy("A published initiative of the Mitmachkarte or an organisation "
                               "of the alliance."))
    online_url = forms.URLField(label=gettext_lazy("Online link"), required=False,
                                assume_scheme="https",
                                help_text=gettext_lazy("For an online or hybrid event."))
    registration_url = forms.URLField(
        label=gettext_lazy("Registration link"), required=False, assume_scheme="https",
        help_text=gettext_lazy("Where people register, if they need to."))

    class Meta:
        model = Event
        fields = ["title", "categories", "description", "address", "latitude", "longitude",
                  "online_url", "organiser_name", "registration_url", "cost", "accessibility",
                  "image", "image_alt"]
        widgets = {
            "categories": forms.CheckboxSelectMultiple,
            "description": forms.Textarea(attrs={"rows": 6}),
            "accessibility": forms.Textarea(attrs={"rows": 3}),
            "image": forms.ClearableFileInput(attrs={"accept": "image/*"}),
        }
        labels = {"organiser_name": gettext_lazy("or the organiser's name")}
        help_texts = {
            "description": gettext_lazy("What happens and whom it is for. Markdown: **bold**, "
                                        "lists with -, links as [text](https://…)."),
            "address": gettext_lazy("For example: Marktplatz 4, 65428 Rüsselsheim am Main."),
            "latitude": gettext_lazy("Click on the map to set the place, or type it, for "
                                     "example 49.9917."),
            "longitude": gettext_lazy("For example 8.4125."),
            "organiser_name": gettext_lazy("If the organiser is not in the list: a group, a "
                                           "club, a shop. It is shown publicly."),
        }

    fieldsets = [
        (gettext_lazy("What"), ["title", "categories", "description"]),
        (gettext_lazy("When"), ["start_date", "start_time", "end_time", "end_date", "all_day",
                                "repeat", "recurrence", "repeat_until"]),
        (gettext_lazy("Where"), ["address", "latitude", "longitude", "online_url"]),
        (gettext_lazy("Who"), ["organiser", "organiser_name"]),
        (gettext_lazy("Good to know"), ["registration_url", "cost", "accessibility", "image",
                                        "image_alt"]),
    ]

    def __init__(self, *args, municipality, **kwargs):
        instance = kwargs.get("instance")
        if instance is not None and instance.starts_at:
            kwargs["initial"] = {**self.initial_of(instance), **kwargs.get("initial", {})}
        super().__init__(*args, **kwargs)
        self.municipality = municipality
        self.instance.municipality = municipality
        categories = self.fields["categories"]
        categories.queryset = Category.objects.filter(municipality=municipality)
        categories.label_from_instance = lambda category: category_name(category.name,
                                                                        category.name_en)
        categories.help_text = ""
        for name in ("latitude", "longitude"):
            self.fields[name].widget.attrs.update({"step": "any", "inputmode": "decimal"})
        self._organisers(municipality, instance)

    def _organisers(self, municipality, instance):
        initiatives, organisations = selectors_events.organiser_choices(
            municipality=municipality)
        # The event's own organiser stays choosable, even if it is no longer in the lists.
        if instance is not None:
            if instance.organiser_initiative and instance.organiser_initiative not in initiatives:
                initiatives.append(instance.organiser_initiative)
            if instance.organiser_actor and instance.organiser_actor not in organisations:
                organisations.append(instance.organiser_actor)
        self.organiser_objects = {f"initiative-{i.pk}": i for i in initiatives}
        self.organiser_objects.update({f"organisation-{o.pk}": o for o in organisations})
        choices = [("", "–")]
        if initiatives:
            choices.append((_("Initiatives"), [(f"initiative-{i.pk}", i.name)
                                               for i in initiatives]))
        if organisations:
            choices.append((_("Organisations of the alliance"),
                            [(f"organisation-{o.pk}", o.name) for o in organisations]))
        self.fields["organiser"].choices = choices

    @staticmethod
    def initial_of(event):
        starts = timezone.localtime(event.starts_at)
        ends = timezone.localtime(event.ends_at) if event.ends_at else None
        initial = {"start_date": starts.date(), "all_day": event.all_day,
                   "start_time": None if event.all_day else starts.time()}
        if ends is not None:
            if event.all_day:
                initial["end_date"] = ends.date() if ends.date() != starts.date() else None
            else:
                initial["end_time"] = ends.time()
                if ends.date() != starts.date():
                    initial["end_date"] = ends.date()
        if event.organiser_initiative_id:
            initial["organiser"] = f"initiative-{event.organiser_initiative_id}"
        elif event.organiser_actor_id:
            initial["organiser"] = f"organisation-{event.organiser_actor_id}"
        initial.update(_rhythm_initial(event))
        return initial

    def fieldset_groups(self):
        """[(legend, [bound fields])] for the template."""
        return [(legend, [self[name] for name in names if name in self.fields])
                for legend, names in self.fieldsets]

    def clean_image(self):
        image = self.cleaned_data.get("image")
        if isinstance(image, UploadedFile) and image.size > MAX_IMAGE_BYTES:
            raise ValidationError(_("The image is too large; at most 5 MB, please."))
        return image

    def clean_start_date(self):
        return _check_year(self.cleaned_data["start_date"])

    def clean_end_date(self):
        return _check_year(self.cleaned_data["end_date"])

    def clean_repeat_until(self):
        return _check_year(self.cleaned_data["repeat_until"])

    def clean(self):
        cleaned = super().clean()
        self._clean_when(cleaned)
        self._clean_organiser(cleaned)
        if cleaned.get("image") and not cleaned.get("image_alt"):
            self.add_error("image_alt", _("Please describe the image for people who cannot "
                                          "see it."))
        latitude, longitude = cleaned.get("latitude"), cleaned.get("longitude")
        if (latitude is None) != (longitude is None) and not self.has_error("latitude") \
                and not self.has_error("longitude"):
            self.add_error("longitude" if longitude is None else "latitude",
                           _("Please give both latitude and longitude, or neither."))
        return cleaned

    def _clean_when(self, cleaned):
        day, time = cleaned.get("start_date"), cleaned.get("start_time")
        all_day = cleaned.get("all_day") or False
        last_day, end_time = cleaned.get("end_date"), cleaned.get("end_time")
        if day is None:
            return
        if not all_day and time is None:
            self.add_error("start_time", _("Please give the time, or tick “All day”."))
            return
        if all_day:
            starts = selectors_events.day_start(day)
            ends = None
            if last_day and last_day < day:
                self.add_error("end_date", _("The event must end after it starts."))
                return
            if last_day and last_day > day:
                ends = selectors_events.day_start(last_day)
        else:
            starts = timezone.make_aware(datetime.datetime.combine(day, time))
            ends = None
            if last_day and end_time is None:
                self.add_error("end_time", _("Please give the time when it ends."))
                return
            if end_time is not None:
                ends = timezone.make_aware(datetime.datetime.combine(last_day or day, end_time))
                if ends <= starts:
                    self.add_error("end_time" if not last_day else "end_date",
                                   _("The event must end after it starts."))
                    return
        cleaned["starts_at"], cleaned["ends_at"] = starts, ends
        self.instance.starts_at, self.instance.ends_at = starts, ends
        self.instance.all_day = all_day

        repeat = cleaned.get("repeat") or ""
        typed = cleaned.get("recurrence") or ""
        if repeat == "custom" or (not repeat and typed.strip()):
            text = typed
            if not text.strip():
                self.add_error("recurrence", _("Please type the rule, or choose a rhythm "
                                               "above."))
                return
        elif repeat:
            text = rule_presets(timezone.localtime(starts).date())[repeat]
        else:
            text = ""
        until = cleaned.get("repeat_until")
        if until and text:
            if "UNTIL=" in text.upper() or "COUNT=" in text.upper():
                self.add_error("repeat_until", _("The rule already says when it ends."))
                return
            if until < day:
                self.add_error("repeat_until", _("The repetition cannot end before the event "
                                                 "starts."))
                return
            text = f"{text};UNTIL={until:%Y%m%d}"
        try:
            rule = check_rule(text, starts=starts, all_day=all_day)
        except ValidationError as error:
            self.add_error("recurrence" if repeat in ("custom", "") else "repeat", error)
            return
        cleaned["rule"] = rule
        self.instance.recurrence = rule

    def _clean_organiser(self, cleaned):
        chosen = cleaned.get("organiser") or ""
        organiser = self.organiser_objects.get(chosen)
        if chosen and organiser is None:
            self.add_error("organiser", _("Please choose from the list."))
            return
        if organiser is not None and cleaned.get("organiser_name"):
            self.add_error("organiser_name", _("Please choose an organiser from the list or "
                                               "type a name, not both."))
            return
        cleaned["organiser_initiative"] = organiser if chosen.startswith("initiative-") else None
        cleaned["organiser_actor"] = organiser if chosen.startswith("organisation-") else None

    def entry_fields(self):
        """The event's fields for the services; an unchanged image is left out."""
        data = {name: self.cleaned_data[name] for name in self._meta.fields
                if name not in ("categories", "image")}
        data.update(starts_at=self.cleaned_data["starts_at"],
                    ends_at=self.cleaned_data["ends_at"],
                    all_day=self.cleaned_data.get("all_day") or False,
                    recurrence=self.cleaned_data["rule"],
                    organiser_initiative=self.cleaned_data["organiser_initiative"],
                    organiser_actor=self.cleaned_data["organiser_actor"])
        image = self.cleaned_data.get("image")
        if isinstance(image, UploadedFile):
            data["image"] = image
        elif image is False:  # "clear" ticked
            data["image"] = ""
        return data

    def categories(self):
        return list(self.cleaned_data.get("categories") or [])


class EventLinkForm(EventForm):
    """The proposer's form behind the edit link: a trap for robots as well."""

    homepage = honeypot_field()

    fieldsets = EventForm.fieldsets + [(None, ["homepage"])]


class EventProposeForm(EventLinkForm):
    """The public proposal: where to send the edit link, consent to publish, and the trap."""

    proposer_email = forms.EmailField(
        label=gettext_lazy("Your e-mail address"), required=False,
        help_text=gettext_lazy("Never shown. We send you a personal link to change your event "
                               "later."))
    consent = forms.BooleanField(
        label=gettext_lazy("I agree that what I enter here, except my e-mail address, is "
                           "published in the Termintipps and their calendar feeds."),
        error_messages={"required": gettext_lazy("Without your consent we cannot publish the "
                                                 "event.")})

    fieldsets = EventForm.fieldsets + [
        (gettext_lazy("About you"), ["proposer_email", "consent"]), (None, ["homepage"])]
