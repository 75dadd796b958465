from django import forms
from django.utils.translation import gettext_lazy as _

from .models import Municipality, Role, SitePage


class VersionedForm(forms.Form):
    """Carries the version the person started editing from, so a stale save can be refused."""

    version = forms.IntegerField(widget=forms.HiddenInput, min_value=0)


class InvitationForm(forms.Form):
    email = forms.EmailField(label=_("E-mail address"))
    role = forms.ChoiceField(label=_("Role"))

    def __init__(self, *args, roles, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["role"].choices = [(r.value, r.label) for r in roles]


class RoleChangeForm(forms.Form):
    role = forms.ChoiceField(label=_("Role"), choices=Role.choices)


class JoinRequestForm(forms.Form):
    message = forms.CharField(
        label=_("Message to the team (optional)"), required=False, max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("For example who you are and what you would like to help with."),
    )


class MunicipalityCreateForm(forms.ModelForm):
    first_coordinator_email = forms.EmailField(
        label=_("E-mail of the first team coordinator (optional)"), required=False,
        help_text=_("Receives an invitation and can then invite the rest of the team."),
    )

    class Meta:
        model = Municipality
        fields = ["name", "slug", "team_name"]


class MunicipalityForm(VersionedForm):
    team_name = forms.CharField(label=_("Name of the local team"), max_length=200, required=False)
    introduction = forms.CharField(
        label=_("Introduction"), required=False, widget=forms.Textarea(attrs={"rows": 6}),
        help_text=Municipality._meta.get_field("introduction").help_text,
    )


class SitePageForm(VersionedForm):
    title_de = forms.CharField(label=SitePage._meta.get_field("title_de").verbose_name,
                               max_length=200)
    body_de = forms.CharField(label=SitePage._meta.get_field("body_de").verbose_name,
                              widget=forms.Textarea(attrs={"rows": 14}))
    title_en = forms.CharField(label=SitePage._meta.get_field("title_en").verbose_name,
                               max_length=200, required=False)
    body_en = forms.CharField(label=SitePage._meta.get_field("body_en").verbose_name,
                              required=False, widget=forms.Textarea(attrs={"rows": 14}))


class DirectoryImportForm(forms.Form):
    directory_file = forms.FileField(
        label=_("Directory (CSV with columns ags, description)"), required=False,
        help_text=_("Leave all three empty to import the files that come with Gemeinsam."),
    )
    population_file = forms.FileField(label=_("Population (CSV with columns ags, total)"),
                                      required=False)
    referendum_file = forms.FileField(
        label=_("Municipalities with a Klimaentscheid team (CSV with column ags)"), required=False,
    )

    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("directory_file") and (
            cleaned.get("population_file") or cleaned.get("referendum_file")
        ):
            self.add_error("directory_file", _("The directory file is needed with the others."))
        for name in ("directory_file", "population_file", "referendum_file"):
            upload = cleaned.get(name)
            if upload:
                try:
                    cleaned[name] = upload.read().decode("utf-8-sig")
                except UnicodeDecodeError:
                    self.add_error(name, _("The file is not UTF-8 encoded text."))
        return cleaned
