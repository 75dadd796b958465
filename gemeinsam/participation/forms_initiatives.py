"""Forms of the Mitmachkarte: proposing and changing an initiative, the contact form, the
categories and the moderation's decision."""

import re

from django import forms
from django.core.files.uploadedfile import UploadedFile
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from .models import Category, Initiative

MAX_IMAGE_BYTES = 5 * 1024 * 1024
COLOR = re.compile(r"#[0-9a-fA-F]{6}")
HONEYPOT = "homepage"


def honeypot_field():
    """A field people never see (hidden by map.css) but form-filling robots fill in."""
    return forms.CharField(label=_("Please leave this field empty"), required=False,
                           widget=forms.TextInput(attrs={"autocomplete": "off",
                                                         "tabindex": "-1"}))


def is_spam(form):
    return bool(form.data.get(HONEYPOT))


class InitiativeForm(forms.ModelForm):
    """An initiative with all it shows; the place is typed or picked on the map beside it."""

    version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    website = forms.URLField(label=_("website"), required=False, assume_scheme="https")

    class Meta:
        model = Initiative
        fields = ["name", "categories", "description", "address", "latitude", "longitude",
                  "website", "social_links", "opening_hours", "how_to_join", "languages",
                  "accessibility", "image", "image_alt", "contact_name", "contact_email"]
        widgets = {
            "categories": forms.CheckboxSelectMultiple,
            "description": forms.Textarea(attrs={"rows": 6}),
            "social_links": forms.Textarea(attrs={"rows": 3}),
            "how_to_join": forms.Textarea(attrs={"rows": 3}),
            "accessibility": forms.Textarea(attrs={"rows": 3}),
            "image": forms.ClearableFileInput(attrs={"accept": "image/*"}),
        }
        help_texts = {
            "description": _("What the initiative does and whom it welcomes. Markdown: "
                             "**bold**, lists with -, links as [text](https://…)."),
            "address": _("Where people find you, for example: Marktplatz 4, 65428 "
                         "Rüsselsheim am Main."),
            "latitude": _("Click on the map to set the place, or type it, for example "
                          "49.9917."),
            "longitude": _("For example 8.4125."),
            "how_to_join": _("For example: come by on Thursdays, write to us, no "
                             "registration needed."),
            "contact_name": _("Only the team and the administration see it."),
            "contact_email": _("Never shown. Messages from the contact form of the "
                               "initiative's page are passed on to this address."),
        }

    field_order = ["version", "name", "categories", "description", "address", "latitude",
                   "longitude"]

    def __init__(self, *args, municipality, **kwargs):
        super().__init__(*args, **kwargs)
        self.municipality = municipality
        self.instance.municipality = municipality
        categories = self.fields["categories"]
        categories.queryset = Category.objects.filter(municipality=municipality)
        categories.label_from_instance = lambda category: category.name
        categories.help_text = ""
        for name in ("latitude", "longitude"):
            self.fields[name].widget.attrs.update({"step": "any", "inputmode": "decimal"})

    def clean_image(self):
        image = self.cleaned_data.get("image")
        if isinstance(image, UploadedFile) and image.size > MAX_IMAGE_BYTES:
            raise forms.ValidationError(_("The image is too large; at most 5 MB, please."))
        return image

    def clean(self):
        cleaned = super().clean()
        image = cleaned.get("image")
        if image and not cleaned.get("image_alt"):
            self.add_error("image_alt", _("Please describe the image for people who cannot "
                                          "see it."))
        return cleaned

    def entry_fields(self):
        """The initiative's fields for the services; an unchanged image is left out."""
        data = {name: value for name, value in self.cleaned_data.items()
                if name in self._meta.fields and name not in ("categories", "image")}
        image = self.cleaned_data.get("image")
        if isinstance(image, UploadedFile):
            data["image"] = image
        elif image is False:  # "clear" ticked
            data["image"] = ""
        return data

    def categories(self):
        return list(self.cleaned_data.get("categories") or [])


class ProposeForm(InitiativeForm):
    """The public proposal: who to send the edit link to, consent to publish, and a trap."""

    proposer_email = forms.EmailField(
        label=_("Your e-mail address"), required=False,
        help_text=_("Never shown. We send you a personal link to change your entry later."))
    consent = forms.BooleanField(
        label=_("I agree that what I enter here, except the e-mail addresses and the contact "
                "person, is published on the Mitmachkarte, in its exports and through its open "
                "data interface (API)."),
        error_messages={"required": _("Without your consent we cannot publish the "
                                      "initiative.")})
    homepage = honeypot_field()


class ContactForm(forms.Form):
    name = forms.CharField(label=_("Your name"), max_length=200)
    email = forms.EmailField(
        label=_("Your e-mail address"),
        help_text=_("The initiative answers you at this address."))
    message = forms.CharField(label=_("Your message"), max_length=5000,
                              widget=forms.Textarea(attrs={"rows": 6}))
    homepage = honeypot_field()


class CategoryForm(forms.ModelForm):
    slug = forms.SlugField(label=_("short name in addresses"), max_length=60, required=False,
                           help_text=_("Used in links to the filtered map. Left empty, it is "
                                       "made from the name."))

    class Meta:
        model = Category
        fields = ["name", "name_en", "slug", "color", "order"]
        widgets = {"color": forms.TextInput(attrs={"type": "color"})}

    def __init__(self, *args, municipality, **kwargs):
        super().__init__(*args, **kwargs)
        self.municipality = municipality

    def clean_color(self):
        color = self.cleaned_data["color"]
        if not COLOR.fullmatch(color or ""):
            raise forms.ValidationError(_("Please give the colour as #RRGGBB, for example "
                                          "#2f6f4f."))
        return color.lower()

    def clean(self):
        cleaned = super().clean()
        slug = cleaned.get("slug") or slugify(cleaned.get("name") or "")[:60]
        if not slug and cleaned.get("name"):
            self.add_error("slug", _("Please give a short name of letters and digits."))
        elif slug:
            taken = Category.objects.filter(municipality=self.municipality, slug=slug)
            if self.instance.pk:
                taken = taken.exclude(pk=self.instance.pk)
            if taken.exists():
                self.add_error("slug", _("Another category already uses this short name."))
        cleaned["slug"] = slug
        return cleaned

    def category_fields(self):
        return {name: self.cleaned_data[name] for name in self._meta.fields}


class DecisionForm(forms.Form):
    decision = forms.ChoiceField(choices=[("accept", _("Accept")), ("reject", _("Reject"))])
    note = forms.CharField(label=_("Note to the proposer (optional)"), max_length=500,
                           required=False,
                           help_text=_("Sent with a rejection."))
