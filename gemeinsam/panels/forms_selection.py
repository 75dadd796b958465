from django import forms
from django.utils.translation import gettext_lazy as _


class SeedForm(forms.Form):
    """The seed, determined the way it was announced, to draw the computed lottery."""

    seed = forms.CharField(
        label=_("Seed"), max_length=200,
        help_text=_("Exactly as determined by the announced procedure, e.g. the Lotto numbers "
                    "\"3 11 19 27 34 42\". Anyone can recompute the draw with it."),
        error_messages={"required": _("Please enter the seed.")})
    confirm = forms.BooleanField(
        label=_("I confirm that the seed was determined as announced, after the SHA-256 of "
                "the lottery had been published."),
        error_messages={"required": _("Please confirm how the seed was determined.")})


class CancelForm(forms.Form):
    """Why a computed lottery is cancelled instead of drawn; shown on the public page."""

    reason = forms.CharField(
        label=_("Why is the lottery cancelled?"), max_length=2000, widget=forms.Textarea(
            attrs={"rows": 3}),
        help_text=_("Published on the panel's page beside the lottery's SHA-256, e.g. \"A "
                    "quota had been entered wrongly.\""),
        error_messages={"required": _("Please give the reason; it is published with the "
                                      "lottery.")})


class RespondentActionForm(forms.Form):
    action = forms.ChoiceField(choices=[
        ("withdraw", _("withdrew")), ("drop_out", _("dropped out after being selected")),
        ("notified", _("told the result by phone")), ("erase", _("erase the person's data"))])
    confirm = forms.BooleanField(
        required=False,
        label=_("The person asked for the erasure. I have downloaded their data for them if "
                "they wanted it. This cannot be undone."))

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("action") == "erase" and not cleaned.get("confirm"):
            self.add_error("confirm", _("Please confirm the erasure."))
        return cleaned
