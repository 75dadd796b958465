from django import forms
from django.utils.translation import gettext_lazy as _

from gemeinsam.core.errors import DomainError

from . import invitations
from .models import InvitationMethod


class InvitationDrawForm(forms.Form):
    """A wave of letters: the extract, how many, how. The method and the weights are chosen
    here only (not in the panel's form); the draw stores them on the panel."""

    register_file = forms.FileField(
        label=_("Extract of the population register (CSV)"),
        help_text=_("Separated by semicolons, commas or tabs; UTF-8 or Windows-1252. The file "
                    "is read once for the draw and not stored."))
    count = forms.IntegerField(label=_("Number of letters"), min_value=1, max_value=100000)
    method = forms.ChoiceField(label=_("How the letters are drawn"),
                               choices=InvitationMethod.choices, widget=forms.RadioSelect)
    weights = forms.CharField(
        label=_("District weights"), required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Only when drawing by district: one line per district with its weight, "
                    "e.g. “Königstädten = 1,5” or “Königstädten; 1,5”, for more letters where "
                    "fewer people usually answer. Districts without a line count 1."))
    # Which wave the form was shown for: sent twice, the second is refused.
    wave = forms.IntegerField(widget=forms.HiddenInput, min_value=1)

    def clean_register_file(self):
        upload = self.cleaned_data["register_file"]
        if upload.size > invitations.MAX_REGISTER_BYTES:
            raise forms.ValidationError(_("The file is larger than %(size)s MB.") % {
                "size": invitations.MAX_REGISTER_BYTES // (1024 * 1024)})
        return upload

    def clean_weights(self):
        try:
            return invitations.weights_parse(self.cleaned_data["weights"])
        except DomainError as error:
            raise forms.ValidationError(error.message) from None


def weights_text(weights):
    """The weights as the form shows them: one "district = weight" per line."""
    return "\n".join(f"{district} = {str(weight).replace('.', ',')}"
                     for district, weight in sorted(weights.items()))


class AddressesEraseForm(forms.Form):
    confirm = forms.BooleanField(
        label=_("The letters are printed and sent."),
        error_messages={"required": _("Please confirm that the letters are printed and sent.")})
