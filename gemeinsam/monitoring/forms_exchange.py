"""Forms of the action plan's import; the file itself is read by exchange.py."""

import base64
import hashlib

from django import forms
from django.utils.translation import gettext_lazy as _

from gemeinsam.core.errors import ImportFailed

from . import exchange


class PlanImportForm(forms.Form):
    file = forms.FileField(
        label=_("File"),
        help_text=_("A CSV file (UTF-8, separated by semicolons or commas), an Excel workbook "
                    "(.xlsx), or a JSON file: an export of this platform or the task list of "
                    "LocalZero Monitoring. At most 2 MB."),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > exchange.MAX_UPLOAD_BYTES:
            raise forms.ValidationError(_("The file is larger than 2 MB."))
        data = upload.read()
        try:
            exchange.read(data, filename=upload.name)
        except exchange.ImportProblems as error:
            raise forms.ValidationError([exchange.describe(*problem)
                                         for problem in error.problems]) from None
        except ImportFailed as error:
            raise forms.ValidationError([reason for _line, reason in error.errors]) from None
        return {"data": data, "filename": upload.name}

    def session_value(self):
        """The upload for the session: the file's bytes in Base64, never on disk."""
        upload = self.cleaned_data["file"]
        return {"filename": upload["filename"],
                "data": base64.b64encode(upload["data"]).decode("ascii"),
                "digest": hashlib.sha256(upload["data"]).hexdigest()}


class ImportConfirmForm(forms.Form):
    """Ties the confirmation to the upload that was previewed."""

    digest = forms.CharField(widget=forms.HiddenInput)
