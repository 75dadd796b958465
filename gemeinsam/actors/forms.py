import hashlib

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from gemeinsam.accounts.models import User
from gemeinsam.core.errors import ImportFailed
from gemeinsam.core.models import Role

from . import exchange, imports
from .models import (
    Actor,
    ActorKind,
    Channel,
    Department,
    LegalBasis,
    Position,
    Rating,
    RelationKind,
    Stage,
)
from .selectors import actors_visible

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")

ORGANISATION_FIELDS = ["name", "organisation_kind", "sector", "parent", "website", "address",
                       "public_description", "shown_as_ally", "notes",
                       "shared_with_administration", "owner", "next_step", "next_step_due"]
PERSON_FIELDS = ["name", "function", "parent", "sector", "email", "phone", "preferred_channel",
                 "languages", "legal_basis", "consent_given_on", "consent_wording", "named_in_public",
                 "review_on", "notes", "shared_with_administration", "owner", "next_step", "next_step_due"]


def team_of(municipality):
    """The team members and coordinators: the people who own actors and get reminders."""
    return User.objects.filter(
        memberships__municipality=municipality, deleted_at__isnull=True,
        memberships__role__in=[Role.MEMBER, Role.COORDINATOR],
    ).order_by("display_name")


class ActorForm(forms.ModelForm):
    """Create or edit an organisation or a person; carries the version against stale saves."""

    version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    website = forms.URLField(label=_("website"), required=False, assume_scheme="https")
    confirm_duplicate = forms.BooleanField(
        label=_("Yes, this is a different actor; save anyway."), required=False,
    )

    class Meta:
        model = Actor
        fields = sorted(set(ORGANISATION_FIELDS + PERSON_FIELDS))
        widgets = {"consent_given_on": DATE, "review_on": DATE, "next_step_due": DATE,
                   "address": forms.Textarea(attrs={"rows": 3}),
                   "public_description": forms.Textarea(attrs={"rows": 3}),
                   "notes": forms.Textarea(attrs={"rows": 4}),
                   "consent_wording": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args, municipality, kind, **kwargs):
        super().__init__(*args, **kwargs)
        # The model's own checks (legal basis, same municipality) run during form validation.
        self.instance.kind, self.instance.municipality = kind, municipality
        wanted = PERSON_FIELDS if kind == ActorKind.PERSON else ORGANISATION_FIELDS
        for name in list(self.fields):
            if name not in wanted + ["version", "confirm_duplicate"]:
                del self.fields[name]
        self.order_fields(wanted)
        self.fields["sector"].queryset = municipality.sectors.all()
        parents = Actor.objects.filter(municipality=municipality, kind=ActorKind.ORGANISATION,
                                       erased_at__isnull=True)
        if self.instance.pk:
            parents = parents.exclude(pk=self.instance.pk)
        self.fields["parent"].queryset = parents
        self.fields["owner"].queryset = team_of(municipality)
        if kind == ActorKind.PERSON:
            self.fields["name"].label = _("Name")
            self.fields["legal_basis"].required = True
            self.fields["legal_basis"].choices = LegalBasis.choices
            self.fields["legal_basis"].widget = forms.RadioSelect(choices=LegalBasis.choices)
        else:
            self.fields["parent"].label = _("parent organisation")
            self.fields["parent"].help_text = ""


class RatingForm(forms.ModelForm):
    class Meta:
        model = Rating
        fields = ["power", "interest", "attitude", "reason"]
        widgets = {"reason": forms.Textarea(attrs={"rows": 2}),
                   "power": forms.Select(choices=[(i, i) for i in range(1, 6)]),
                   "interest": forms.Select(choices=[(i, i) for i in range(1, 6)])}


class MoveForm(forms.Form):
    stage = forms.ChoiceField(label=_("stage"), choices=Stage.choices)
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)


class ConversationForm(forms.Form):
    held_on = forms.DateField(label=_("held on"), widget=DATE, initial=timezone.localdate)
    channel = forms.ChoiceField(label=_("channel"), choices=Channel.choices)
    participants = forms.ModelMultipleChoiceField(
        label=_("other people of the alliance who took part"), required=False,
        queryset=Actor.objects.none(), widget=forms.SelectMultiple(attrs={"size": 5}),
    )
    team_participants = forms.ModelMultipleChoiceField(
        label=_("from the team"), required=False, queryset=User.objects.none(),
        widget=forms.CheckboxSelectMultiple,
    )
    summary = forms.CharField(
        label=_("summary"), widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("The organizing conversation: their interests and concerns, what moves "
                    "them, what they could contribute."),
    )
    agreements = forms.CharField(label=_("agreements"), required=False,
                                 widget=forms.Textarea(attrs={"rows": 2}))
    follow_up_on = forms.DateField(label=_("follow up on"), required=False, widget=DATE)
    next_stage = forms.ChoiceField(label=_("move to stage"), required=False,
                                   choices=[("", _("leave as it is"))] + Stage.choices)

    def __init__(self, *args, municipality, actor, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["participants"].queryset = Actor.objects.filter(
            municipality=municipality, kind=ActorKind.PERSON, erased_at__isnull=True,
        ).exclude(pk=actor.pk)
        self.fields["team_participants"].queryset = team_of(municipality)


class RelationForm(forms.Form):
    kind = forms.ChoiceField(label=_("relation"), choices=RelationKind.choices)
    target = forms.ModelChoiceField(label=_("to"), queryset=Actor.objects.none())
    note = forms.CharField(label=_("note"), required=False, max_length=300)

    def __init__(self, *args, municipality, actor, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["target"].queryset = Actor.objects.filter(
            municipality=municipality, erased_at__isnull=True).exclude(pk=actor.pk)


class MergeForm(forms.Form):
    duplicate = forms.ModelChoiceField(label=_("duplicate to fold into this record"),
                                       queryset=Actor.objects.none())

    def __init__(self, *args, candidates, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["duplicate"].queryset = candidates


class EraseForm(forms.Form):
    requested_on = forms.DateField(label=_("request received on"), widget=DATE,
                                   initial=timezone.localdate)
    confirm = forms.BooleanField(
        label=_("I understand that this cannot be undone."), required=True)


class SectorForm(forms.Form):
    name = forms.CharField(label=_("name"), max_length=120)


class DepartmentForm(forms.ModelForm):
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = Department
        fields = ["name", "short_name", "kind", "parent", "responsibilities", "team_contact"]
        widgets = {"responsibilities": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, municipality, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.municipality = municipality
        parents = Department.objects.filter(municipality=municipality)
        if self.instance.pk:
            parents = parents.exclude(pk=self.instance.pk)
        self.fields["parent"].queryset = parents
        self.fields["team_contact"].queryset = team_of(municipality)


class PositionForm(forms.ModelForm):
    class Meta:
        model = Position
        fields = ["title", "department", "organisation", "is_key", "notes"]
        widgets = {"notes": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args, municipality, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["department"].queryset = Department.objects.filter(municipality=municipality)
        self.fields["organisation"].queryset = actors_visible(
            municipality=municipality, user=user).filter(kind=ActorKind.ORGANISATION)


class HandOverForm(forms.Form):
    person = forms.ModelChoiceField(
        label=_("new holder"), required=False, queryset=Actor.objects.none(),
        empty_label=_("– nobody: the position is vacant –"),
    )
    on = forms.DateField(label=_("from"), widget=DATE, initial=timezone.localdate)

    def __init__(self, *args, people, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["person"].queryset = people.filter(kind=ActorKind.PERSON)


class FilterForm(forms.Form):
    query = forms.CharField(label=_("Search"), required=False)
    kind = forms.ChoiceField(label=_("kind"), required=False,
                             choices=[("", _("all"))] + ActorKind.choices)
    sector = forms.ModelChoiceField(label=_("sector"), required=False, queryset=None,
                                    empty_label=_("all"))
    stage = forms.ChoiceField(label=_("stage"), required=False,
                              choices=[("", _("all"))] + Stage.choices)

    def __init__(self, *args, municipality, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["sector"].queryset = municipality.sectors.all()



class ActorImportForm(forms.Form):
    file = forms.FileField(
        label=_("File"),
        help_text=_("A CSV file (UTF-8, separated by semicolons or commas) or a "
                               "vCard file (.vcf) from an address book."),
    )
    legal_basis = forms.ChoiceField(
        label=_("Legal basis for people without one in the file"), required=False,
        choices=[("", _("– as in the file –"))] + LegalBasis.choices,
        help_text=_("Needed for vCard files, which carry no legal basis."),
    )
    consent_given_on = forms.DateField(label=_("consent given on"), required=False,
                                       widget=DATE)
    consent_wording = forms.CharField(label=_("wording of the consent"),
                                      required=False, widget=forms.Textarea(attrs={"rows": 2}))

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > exchange.MAX_UPLOAD_BYTES:
            raise forms.ValidationError(_("The file is larger than 2 MB."))
        try:
            return {"text": exchange.decode(upload.read()), "filename": upload.name}
        except ImportFailed as error:
            raise forms.ValidationError([reason for _line, reason in error.errors]) from None

    def clean(self):
        cleaned = super().clean()
        upload, basis = cleaned.get("file"), cleaned.get("legal_basis")
        if upload and not basis and exchange.detect_format(**upload) == "vcard":
            self.add_error("legal_basis", _(
                "vCard files carry no legal basis: choose the one for the people in this file."))
        if basis == LegalBasis.CONSENT and not (cleaned.get("consent_given_on")
                                                and cleaned.get("consent_wording")):
            self.add_error("consent_given_on", _(
                "With consent as the legal basis, record its date and wording."))
        if upload:
            try:
                exchange.read(upload["text"], filename=upload["filename"])
            except ImportFailed as error:
                self.add_error("file", [_("Line %(line)s: %(reason)s") % {"line": line,
                                                                          "reason": reason}
                                        if line else reason for line, reason in error.errors])
        return cleaned

    def session_value(self):
        data = self.cleaned_data
        return {**data["file"], "legal_basis": data["legal_basis"],
                "consent_given_on": (data["consent_given_on"].isoformat()
                                     if data["consent_given_on"] else None),
                "consent_wording": data["consent_wording"],
                "digest": hashlib.sha256(data["file"]["text"].encode()).hexdigest()}


class ImportPreviewForm(forms.Form):
    """One choice per flagged row, skip or create anyway; the digest ties it to one upload."""

    digest = forms.CharField(widget=forms.HiddenInput)

    def __init__(self, *args, preview, **kwargs):
        super().__init__(*args, **kwargs)
        self.preview = preview
        for entry in preview.flagged:
            self.fields[f"decision_{entry.line}"] = forms.ChoiceField(
                label=_("Line %(line)s") % {"line": entry.line}, initial=imports.SKIP,
                widget=forms.RadioSelect,
                choices=[(imports.SKIP, _("skip")),
                         (imports.CREATE, _("create anyway"))])

    def entries(self):
        for entry in self.preview.rows:
            yield entry, self[f"decision_{entry.line}"] if entry.flagged else None

    def decisions(self):
        return {entry.line: self.cleaned_data[f"decision_{entry.line}"]
                for entry in self.preview.flagged}
