from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .features import parse_value_lines
from .models import Panel
from .services import PANEL_FIELDS

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class PanelForm(forms.ModelForm):
    """The project: what it is about, its size and its dates. How the letters are drawn
    (uniformly or by district, with weights) is chosen when they are drawn."""

    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = Panel
        fields = ["title", "purpose", "seats", "invitation_factor", "meeting_dates",
                  "registration_deadline", "selection_date", "seed_announcement", "algorithm",
                  "one_per_household", "contact", "letter_text", "public", "erase_on"]
        widgets = {
            "purpose": forms.Textarea(attrs={"rows": 4}),
            "meeting_dates": forms.Textarea(attrs={"rows": 3}),
            "seed_announcement": forms.Textarea(attrs={"rows": 3}),
            "contact": forms.Textarea(attrs={"rows": 3}),
            "letter_text": forms.Textarea(attrs={"rows": 10}),
            "registration_deadline": DATE, "selection_date": DATE, "erase_on": DATE,
            "algorithm": forms.RadioSelect,
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["algorithm"].help_text = _(
            "leximin makes the lowest selection probability as high as possible and is the "
            "usual choice; nash and maximin are alternatives from the same research.")

    def clean(self):
        data = super().clean()
        deadline, lottery = data.get("registration_deadline"), data.get("selection_date")
        if deadline and lottery and lottery < deadline:
            self.add_error("selection_date", _("The lottery cannot take place before the "
                                               "registration deadline."))
        return data

    def panel_fields(self):
        fields = {name: self.cleaned_data[name] for name in self.Meta.fields}
        assert set(fields) <= PANEL_FIELDS
        return fields


class ManagersForm(forms.Form):
    state = forms.CharField(widget=forms.HiddenInput)
    managers = forms.ModelMultipleChoiceField(
        label=gettext_lazy("Panel managers"), queryset=None,
        widget=forms.CheckboxSelectMultiple,
        help_text=gettext_lazy("Only members of the administration can be chosen. Managers see "
                               "names, addresses and answers and run the lottery."))

    def __init__(self, *args, candidates, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["managers"].queryset = candidates


class FeatureForm(forms.Form):
    """A new feature and its values, typed as lines."""

    name = forms.CharField(label=gettext_lazy("Name"), max_length=100,
                           help_text=gettext_lazy("Short, used in tables and files, e.g. "
                                                  "“Alter”."))
    question = forms.CharField(label=gettext_lazy("Question on the form"), max_length=300,
                               help_text=gettext_lazy("E.g. “How old are you?”"))
    question_en = forms.CharField(label=gettext_lazy("Question in English"), max_length=300,
                                  required=False)
    question_easy = forms.CharField(label=gettext_lazy("Question in easy language"),
                                    max_length=300, required=False)
    source = forms.CharField(label=gettext_lazy("Source of the population shares"),
                             max_length=200, required=False,
                             help_text=gettext_lazy("E.g. “Zensus 2022, Stadt Rüsselsheim”."))
    values = forms.CharField(
        label=gettext_lazy("Values"), widget=forms.Textarea(attrs={"rows": 6}),
        help_text=gettext_lazy("One per line: name; share of the population in %. "
                               "E.g. “16 bis 29 Jahre; 18,5”. The quota is then the seats "
                               "this share stands for, give or take one. Optionally add "
                               "“; at least; at most” to set the quota yourself."))

    def __init__(self, *args, seats, **kwargs):
        super().__init__(*args, **kwargs)
        self.seats = seats

    def clean_values(self):
        values, problems = parse_value_lines(self.cleaned_data["values"], seats=self.seats)
        if problems:
            raise ValidationError([
                _("Line %(line)s: %(reason)s") % {"line": line, "reason": reason}
                if line else reason for line, reason in problems])
        return values


class FeatureEditForm(forms.Form):
    """A feature's texts and the names of its values."""

    version = forms.IntegerField(widget=forms.HiddenInput)
    name = FeatureForm.base_fields["name"]
    question = FeatureForm.base_fields["question"]
    question_en = FeatureForm.base_fields["question_en"]
    question_easy = FeatureForm.base_fields["question_easy"]
    source = FeatureForm.base_fields["source"]

    def __init__(self, *args, feature, values, **kwargs):
        super().__init__(*args, **kwargs)
        self.values = values
        for value in values:
            self.fields[f"name_{value.pk}"] = forms.CharField(
                label=_("Value %(number)s") % {"number": value.order + 1}, max_length=100,
                initial=value.name)
            self.fields[f"name_en_{value.pk}"] = forms.CharField(
                label=_("Value %(number)s in English") % {"number": value.order + 1},
                max_length=100, required=False, initial=value.name_en)
        if not self.is_bound:
            for field in ("name", "question", "question_en", "question_easy", "source",
                          "version"):
                self.initial[field] = getattr(feature, field)

    def value_rows(self):
        return [(self[f"name_{v.pk}"], self[f"name_en_{v.pk}"]) for v in self.values]

    def feature_fields(self):
        return {field: self.cleaned_data[field]
                for field in ("name", "question", "question_en", "question_easy", "source")}

    def value_names(self):
        return {v.pk: {"name": self.cleaned_data[f"name_{v.pk}"],
                       "name_en": self.cleaned_data[f"name_en_{v.pk}"]} for v in self.values}


class QuotaForm(forms.Form):
    """Share, at least and at most of every value of every feature, in one table."""

    state = forms.CharField(widget=forms.HiddenInput)

    def __init__(self, *args, features, seats, state, **kwargs):
        super().__init__(*args, **kwargs)
        self.features, self.seats = features, seats
        self.initial.setdefault("state", state)
        for feature in features:
            for value in feature.values.all():
                label = f"{feature.name}: {value.name}"
                self.fields[f"share_{value.pk}"] = forms.DecimalField(
                    label=_("%(value)s, share in %%") % {"value": label}, required=False,
                    min_value=0, max_value=100, max_digits=5, decimal_places=2,
                    initial=value.population_share)
                self.fields[f"min_{value.pk}"] = forms.IntegerField(
                    label=_("%(value)s, at least") % {"value": label}, min_value=0,
                    max_value=seats, initial=value.min)
                self.fields[f"max_{value.pk}"] = forms.IntegerField(
                    label=_("%(value)s, at most") % {"value": label}, min_value=0,
                    max_value=seats, initial=value.max)

    def rows(self):
        """[(feature, [(value, share field, min field, max field)])] for the table."""
        return [(feature, [(value, self[f"share_{value.pk}"], self[f"min_{value.pk}"],
                            self[f"max_{value.pk}"]) for value in feature.values.all()])
                for feature in self.features]

    def clean(self):
        data = super().clean()
        for feature in self.features:
            for value in feature.values.all():
                low, high = data.get(f"min_{value.pk}"), data.get(f"max_{value.pk}")
                if low is not None and high is not None and low > high:
                    self.add_error(f"min_{value.pk}", _(
                        "%(value)s: at least %(min)s is more than at most %(max)s.") % {
                        "value": value.name, "min": low, "max": high})
        return data

    def quotas(self):
        return {value.pk: (self.cleaned_data.get(f"share_{value.pk}"),
                           self.cleaned_data[f"min_{value.pk}"],
                           self.cleaned_data[f"max_{value.pk}"])
                for feature in self.features for value in feature.values.all()}

    def add_value_errors(self, errors):
        for pk, message in errors.items():
            self.add_error(f"min_{pk}", message)


class SlackForm(forms.Form):
    slack = forms.IntegerField(
        label=gettext_lazy("Seats of leeway either side"), min_value=0, max_value=10,
        initial=1, help_text=gettext_lazy(
            "With 1, a share of 23.4 percent of 40 seats (9.4 seats) gives at least 8 and at most "
            "11. More leeway makes the lottery easier to solve and fairer to each person; "
            "less makes the panel mirror the population more closely."))


class FeaturesImportForm(forms.Form):
    file = forms.FileField(
        label=gettext_lazy("Features file (CSV)"),
        help_text=gettext_lazy("Columns feature,value,min,max (sortition-algorithms) or "
                               "category,name,min,max (stratification app), separated by "
                               "commas or semicolons, UTF-8."))

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > 1_000_000:
            raise ValidationError(_("The file is larger than 1 MB."))
        return upload


class EraseForm(forms.Form):
    confirm = forms.BooleanField(
        label=gettext_lazy("Yes, delete all names, addresses, contact details and answers of "
                           "this panel now. This cannot be undone."))

