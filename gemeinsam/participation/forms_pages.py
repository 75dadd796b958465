from django import forms
from django.utils.translation import gettext_lazy as _

from .models import Page

# Addresses under seiten/ that a page may not take, because a view lives there.
RESERVED_PAGE_SLUGS = {"neu"}

WIDGETS = [("events", _("Events (Termintipps)")), ("map", _("Map of initiatives")),
           ("plan", _("Action plan summary"))]
DEFAULT_HEIGHTS = {"events": 500, "map": 450, "plan": 320}


class PageForm(forms.ModelForm):
    """A page in German with an optional English version; the version guards against
    overwriting a newer change."""

    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = Page
        fields = ["title", "slug", "body", "title_en", "body_en", "order", "published"]
        widgets = {"body": forms.Textarea(attrs={"rows": 14}),
                   "body_en": forms.Textarea(attrs={"rows": 10})}
        help_texts = {"slug": _("Lower-case letters, digits and hyphens, for example "
                                "so-machen-sie-mit. It becomes part of the page's address.")}

    def __init__(self, *args, municipality, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.municipality = municipality

    def clean_slug(self):
        slug = self.cleaned_data["slug"]
        if slug in RESERVED_PAGE_SLUGS:
            raise forms.ValidationError(_("This address is reserved; please choose another."))
        taken = Page.objects.filter(municipality=self.instance.municipality, slug=slug)
        if self.instance.pk:
            taken = taken.exclude(pk=self.instance.pk)
        if taken.exists():
            raise forms.ValidationError(_("Another page already has this address."))
        return slug

    def page_fields(self):
        return {name: self.cleaned_data[name] for name in self._meta.fields}


class EmbedSettingsForm(forms.Form):
    allowed_origins = forms.CharField(
        label=_("Websites that may embed"), required=False,
        widget=forms.Textarea(attrs={"rows": 4, "spellcheck": "false"}),
        help_text=_("One origin per line: scheme and host, without a path, for example "
                    "https://www.ruesselsheim.de. Without any, only this platform itself may "
                    "show the widgets in a frame."))


class SnippetForm(forms.Form):
    """What the snippet generator asks; it is a GET form, so that the result is a link too."""

    widget = forms.ChoiceField(label=_("Widget"), choices=WIDGETS, initial="events",
                               widget=forms.RadioSelect)
    kategorie = forms.MultipleChoiceField(
        label=_("Only these categories"), required=False, widget=forms.CheckboxSelectMultiple,
        help_text=_("For the map and the events. Without a choice: all."))
    veranstalter = forms.TypedChoiceField(label=_("Only events of the initiative"),
                                          required=False, coerce=int, empty_value=None)
    tage = forms.IntegerField(label=_("Days ahead"), min_value=1, max_value=365, initial=30,
                              required=False)
    anzahl = forms.IntegerField(label=_("At most this many events"), min_value=1,
                                max_value=50, initial=5, required=False)
    lat = forms.FloatField(label=_("Latitude of the centre"), min_value=-90, max_value=90,
                           required=False, help_text=_("For example 49.99."))
    lon = forms.FloatField(label=_("Longitude of the centre"), min_value=-180, max_value=180,
                           required=False, help_text=_("For example 8.41."))
    zoom = forms.IntegerField(label=_("Zoom level"), min_value=1, max_value=19, required=False,
                              help_text=_("1 shows the world, 13 a town, 17 a street. Without "
                                          "a centre the map shows all its initiatives."))
    hoehe = forms.IntegerField(label=_("Height in pixels"), min_value=100, max_value=2000,
                               required=False,
                               help_text=_("Empty: a height that suits the widget."))
    skript = forms.BooleanField(
        label=_("Add the script that adapts the frame's height to its content"),
        required=False, initial=True)

    def __init__(self, *args, categories, initiatives, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kategorie"].choices = [(c.slug, c.name) for c in categories]
        self.fields["veranstalter"].choices = [("", _("all organisers"))] + [
            (i.pk, i.name) for i in initiatives]

    def clean(self):
        data = super().clean()
        if (data.get("lat") is None) != (data.get("lon") is None):
            raise forms.ValidationError(
                _("Please give both latitude and longitude of the centre, or neither."))
        return data

    def choices(self):
        """The chosen options; the initial ones while nothing was submitted."""
        if not self.is_bound:
            return {name: field.initial for name, field in self.fields.items()} | {
                "kategorie": [], "veranstalter": None}
        return self.cleaned_data if self.is_valid() else None
