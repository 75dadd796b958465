"""The public registration forms: the code from the letter, then the questionnaire."""

from django import forms
from django.utils.translation import gettext_lazy as _

from .models import CODE_LENGTH, FormVariant


class CodeForm(forms.Form):
    code = forms.CharField(
        label=_("Your personal code"), max_length=40,
        help_text=_("You find it in your letter, e.g. ABC-DEF-GHJ. Capital or small letters "
                    "and dashes do not matter."),
        error_messages={"required": _("Please type in the code from your letter.")},
        widget=forms.TextInput(attrs={
            "autocomplete": "off", "autocapitalize": "characters", "spellcheck": "false",
            "size": CODE_LENGTH + 4}))


YES_NO = [("yes", _("Yes")), ("no", _("No"))]


def feature_field_name(feature):
    return f"feature_{feature.pk}"


class QuestionnaireForm(forms.Form):
    """One radio group per feature of the panel, in the chosen variant (questions and values in
    English where the panel has them, the easy-language question where it is set)."""

    needs = forms.CharField(
        label=_("What do you need to take part?"), required=False, max_length=2000,
        help_text=_("For example childcare, step-free access, an interpreter or a hearing "
                    "loop. Optional."),
        widget=forms.Textarea(attrs={"rows": 3}))
    first_name = forms.CharField(
        label=_("First name"), max_length=100,
        error_messages={"required": _("Please give your first name.")},
        widget=forms.TextInput(attrs={"autocomplete": "given-name"}))
    last_name = forms.CharField(
        label=_("Last name"), max_length=100,
        error_messages={"required": _("Please give your last name.")},
        widget=forms.TextInput(attrs={"autocomplete": "family-name"}))
    email = forms.EmailField(
        label=_("E-mail"), required=False,
        help_text=_("We send you a confirmation and later the result of the lottery."),
        widget=forms.EmailInput(attrs={"autocomplete": "email"}))
    phone = forms.CharField(
        label=_("Phone"), required=False, max_length=40,
        help_text=_("If you have no e-mail address, we call you with the result."),
        widget=forms.TextInput(attrs={"autocomplete": "tel", "type": "tel"}))
    consent = forms.BooleanField(
        label=_("I agree that my details are stored and used for the lottery as described "
                "above."),
        error_messages={"required": _("Without your consent we cannot register you.")})

    def __init__(self, *args, panel, features, variant=FormVariant.GERMAN, **kwargs):
        super().__init__(*args, **kwargs)
        self.panel = panel
        self.features = list(features)
        questions = {}
        for feature in self.features:
            if variant == FormVariant.ENGLISH:
                question = feature.question_en or feature.question
                choices = [(str(v.pk), v.name_en or v.name) for v in feature.values.all()]
            else:
                question = (feature.question_easy if variant == FormVariant.EASY else "") \
                    or feature.question
                choices = [(str(v.pk), v.name) for v in feature.values.all()]
            questions[feature_field_name(feature)] = forms.ChoiceField(
                label=question, choices=choices, widget=forms.RadioSelect,
                error_messages={"required": _("Please choose an answer: %(question)s") % {
                    "question": question}})
        extra = {}
        if panel.meeting_dates.strip():
            extra["available"] = forms.ChoiceField(
                label=_("Can you come to all of these dates?"), choices=YES_NO,
                widget=forms.RadioSelect,
                error_messages={"required": _("Please say whether you can come to the "
                                              "dates.")})
        # Questions first, then availability, then the rest in the declared order.
        self.fields = {**questions, **extra, **self.fields}

    def feature_fields(self):
        return [self[feature_field_name(feature)] for feature in self.features]

    def clean(self):
        data = super().clean()
        if not data.get("email") and not data.get("phone") and "email" not in self.errors \
                and "phone" not in self.errors:
            self.add_error("email", _("Please give an e-mail address or a phone number, so "
                                      "that we can tell you the result of the lottery."))
        return data

    def answers(self):
        return {feature.pk: int(self.cleaned_data[feature_field_name(feature)])
                for feature in self.features}

    def available(self):
        return self.cleaned_data.get("available", "yes") == "yes"

    def registration(self):
        """The keyword arguments of registration.respondent_register this form answers."""
        data = self.cleaned_data
        return {"first_name": data["first_name"], "last_name": data["last_name"],
                "email": data["email"], "phone": data["phone"], "answers": self.answers(),
                "available": self.available(), "needs": data["needs"],
                "consent": data["consent"]}

    def error_summary(self):
        """[(anchor id, message)] for the list of errors above the form; a radio group is
        reached through its first button."""
        summary = [("", message) for message in self.non_field_errors()]
        for name in self.fields:  # in the order of the page
            errors = self.errors.get(name)
            if not errors:
                continue
            bound = self[name]
            anchor = bound.auto_id + ("_0" if isinstance(bound.field.widget, forms.RadioSelect)
                                      else "")
            summary.extend((anchor, message) for message in errors)
        return summary


def code_error_summary(form):
    return [(form["code"].auto_id if name == "code" else "", message)
            for name, errors in form.errors.items() for message in errors]


class OfficeReplyForm(QuestionnaireForm):
    """A reply on paper or by phone, typed in by a panel manager: the letter's code first, then
    the questionnaire of the residents, and the confirmation that the person consented."""

    code = forms.CharField(
        label=_("Code from the letter"), max_length=40,
        help_text=_("As written on the reply form or read out on the phone, e.g. ABC-DEF-GHJ."),
        error_messages={"required": _("Please type in the code from the letter.")},
        widget=forms.TextInput(attrs={
            "autocomplete": "off", "autocapitalize": "characters", "spellcheck": "false",
            "size": CODE_LENGTH + 4}))
    consent = forms.BooleanField(
        label=_("The person has consented to the storage and use of their details for the "
                "lottery: signed on the paper form or given on the phone."),
        error_messages={"required": _("Without the person's consent they cannot be "
                                      "registered. Please confirm that they consented.")})

    def __init__(self, *args, panel, features, **kwargs):
        super().__init__(*args, panel=panel, features=features, variant=FormVariant.OFFICE,
                         **kwargs)
        code, consent = self.fields.pop("code"), self.fields.pop("consent")
        self.fields = {"code": code, **self.fields, "consent": consent}
        # Said of the person, not to them.
        self.fields["needs"].label = _("What does the person need to take part?")
        self.fields["email"].help_text = _("The confirmation and later the result of the "
                                           "lottery go to this address.")
        self.fields["phone"].help_text = _("Without an e-mail address the person is called "
                                           "with the result.")
        if "available" in self.fields:
            self.fields["available"].label = _("Can the person come to all of these dates?")
        if not self.is_bound:  # the next reply of a pile starts at its code
            code.widget.attrs["autofocus"] = True
