from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from gemeinsam.actors.forms import DATE
from gemeinsam.actors.models import Department, Position
from gemeinsam.actors.selectors import actors_visible

from .models import ActionPlan, Blocker, Indicator, Measure, ProgressReport, Status, Voice

# Fields only one of the two voices may write.
VOICE_FIELDS = {Voice.ADMINISTRATION: "administration_statement", Voice.TEAM: "team_assessment"}


class PlanForm(forms.ModelForm):
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    source_url = forms.URLField(label=_("link to the plan document"), required=False,
                                assume_scheme="https")

    class Meta:
        model = ActionPlan
        fields = ["title", "adopted_on", "target_year", "source_url", "introduction"]
        widgets = {"adopted_on": DATE, "introduction": forms.Textarea(attrs={"rows": 4})}


class MeasureForm(forms.ModelForm):
    """Edit a measure; each voice writes only its own text, and a version guards the save."""

    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = Measure
        fields = ["code", "title", "parent", "field", "teaser", "description", "department",
                  "position", "planned_start", "planned_end", "actual_start", "actual_end",
                  "status", "progress", "weight", "cost", "funding_amount", "funding_programme",
                  "priority", "focus_criteria", "source", "tags", "model_measure",
                  "administration_statement", "team_assessment"]
        widgets = {name: DATE for name in ("planned_start", "planned_end", "actual_start",
                                           "actual_end")} | {
            "description": forms.Textarea(attrs={"rows": 6}),
            "administration_statement": forms.Textarea(attrs={"rows": 3}),
            "team_assessment": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, plan, voice, details=True, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.plan = plan
        parents = plan.measures.all()
        if self.instance.pk:
            parents = parents.exclude(pk=self.instance.pk)
        self.fields["parent"].queryset = parents
        self.fields["field"].queryset = plan.fields.all()
        self.fields["department"].queryset = Department.objects.filter(
            municipality=plan.municipality)
        self.fields["position"].queryset = Position.objects.filter(
            municipality=plan.municipality)
        for other_voice, name in VOICE_FIELDS.items():
            if other_voice != voice:
                self.fields[name].disabled = True
                self.fields[name].help_text = _("Written by the other side.")
        if not details:
            for name, field in self.fields.items():
                if name not in ("version", VOICE_FIELDS.get(voice)):
                    field.disabled = True


class ReportForm(forms.ModelForm):
    class Meta:
        model = ProgressReport
        fields = ["reported_on", "status", "progress", "text", "evidence"]
        widgets = {"reported_on": DATE, "text": forms.Textarea(attrs={"rows": 5}),
                   "evidence": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("initial", {}).setdefault("reported_on", timezone.localdate())
        super().__init__(*args, **kwargs)


class BlockerForm(forms.ModelForm):
    class Meta:
        model = Blocker
        fields = ["description", "since", "helpers", "helper_positions", "help_wanted"]
        widgets = {"since": DATE, "description": forms.Textarea(attrs={"rows": 3}),
                   "help_wanted": forms.Textarea(attrs={"rows": 2}),
                   "helpers": forms.SelectMultiple(attrs={"size": 6}),
                   "helper_positions": forms.SelectMultiple(attrs={"size": 4})}

    def __init__(self, *args, municipality, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["helpers"].queryset = actors_visible(municipality=municipality, user=user)
        self.fields["helper_positions"].queryset = Position.objects.filter(
            municipality=municipality)


class IndicatorForm(forms.ModelForm):
    class Meta:
        model = Indicator
        fields = ["name", "unit", "source", "measure", "baseline_year", "baseline_value",
                  "target_value", "published"]

    def __init__(self, *args, plan, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["measure"].queryset = plan.measures.all()


class IndicatorValueForm(forms.Form):
    indicator = forms.ModelChoiceField(label=_("indicator"), queryset=Indicator.objects.none())
    year = forms.IntegerField(label=_("year"), min_value=1990, max_value=2100)
    value = forms.FloatField(label=_("value"))

    def __init__(self, *args, plan, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["indicator"].queryset = plan.indicators.all()


class MeasureFilterForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False)
    field = forms.ModelChoiceField(label=_("field of action"), required=False, queryset=None,
                                   empty_label=_("all"))
    status = forms.ChoiceField(label=_("status"), required=False,
                               choices=[("", _("all"))] + Status.choices)

    def __init__(self, *args, plan, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["field"].queryset = plan.fields.all()
