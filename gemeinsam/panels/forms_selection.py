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


class RespondentActionForm(forms.Form):
    ACTIONS = [("withdraw", _("withdrew before the lottery")),
               ("drop_out", _("dropped out after being selected")),
               ("notified", _("told the result by phone"))]

    action = forms.ChoiceField(choices=ACTIONS)
