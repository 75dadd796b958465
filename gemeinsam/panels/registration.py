"""Writes for the public registration: a resident types the code from their letter, answers the
questionnaire and becomes a respondent in the pool of the lottery.

Check, then act: `invitation_for_code` says whether a code may still be used; the registration
checks again, and a code used twice in a race is refused by the one-to-one constraint of
Respondent.invitation, not by a read that both requests could pass.
"""

from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from gemeinsam.core.emails import send_to_address
from gemeinsam.core.errors import DomainError

from .models import FeatureValue, FormVariant, Invitation, Respondent, normalise_code
from .services import pseudonym_for


class CodeNotUsable(DomainError):
    """The code is unknown, used, or its panel no longer takes registrations; `reason` says
    which (unknown, used, deadline, closed, erased)."""

    def __init__(self, reason, deadline=None):
        messages = {
            "unknown": _("We do not know this code. Please compare it with the code in your "
                         "letter: it has nine letters and digits, e.g. ABC-DEF-GHJ."),
            "used": _("Someone has already registered with this code. Each code can be used "
                      "only once. If that was not you, please contact the administration; "
                      "the contact is in your letter."),
            "deadline": _("The registration for this citizens' panel has closed: the "
                          "deadline was %(date)s.") % {
                "date": date_format(deadline, "DATE_FORMAT") if deadline else ""},
            "closed": _("The lottery for this citizens' panel has begun; the registration "
                        "has closed."),
            "erased": _("This citizens' panel has ended and its registration data has been "
                        "deleted."),
        }
        super().__init__(messages[reason])
        self.reason = reason


def _check_open(invitation):
    panel = invitation.panel
    if panel.erased_at is not None:
        raise CodeNotUsable("erased")
    if timezone.localdate() > panel.registration_deadline:
        raise CodeNotUsable("deadline", deadline=panel.registration_deadline)
    if panel.selections.exists():
        raise CodeNotUsable("closed")


def invitation_for_code(*, code, municipality):
    """The invitation of a typed code (case, blanks and dashes do not matter), if it may still
    be used to register; CodeNotUsable (a DomainError) otherwise."""
    normalised = normalise_code(code or "")
    invitation = (Invitation.objects.select_related("panel")
                  .filter(code=normalised, panel__municipality=municipality).first()
                  if normalised else None)
    if invitation is None:
        raise CodeNotUsable("unknown")
    _check_open(invitation)
    if Respondent.objects.filter(invitation=invitation).exists():
        raise CodeNotUsable("used")
    return invitation


def _clean_answers(panel, answers):
    """{feature id: value id} with one value of its own for every feature of the panel."""
    values = {value.pk: value for value in
              FeatureValue.objects.filter(feature__panel=panel).select_related("feature")}
    feature_ids = {value.feature_id for value in values.values()}
    given = {}
    for feature_id, value_id in (answers or {}).items():
        try:
            feature_id, value_id = int(feature_id), int(value_id)
        except (TypeError, ValueError):
            raise DomainError(_("The answers could not be read. Please fill in the form "
                                "again.")) from None
        value = values.get(value_id)
        if value is None or value.feature_id != feature_id:
            raise DomainError(_("An answer does not belong to its question. Please fill in "
                                "the form again."))
        given[feature_id] = value_id
    missing = feature_ids - set(given)
    if missing:
        raise DomainError(_("Please answer every question."))
    # JSON object keys are strings; store them so, ordered like the questions.
    return {str(feature_id): given[feature_id] for feature_id in sorted(given)}


def respondent_register(*, invitation, first_name, last_name, email, phone, answers,
                        available, needs, form_variant, consent):
    """Register the person who received `invitation` for its panel's lottery, and send them a
    confirmation with their pseudonym when they gave an e-mail address."""
    panel = invitation.panel
    if consent is not True:
        raise DomainError(_("Without your consent we cannot register you."))
    first_name, last_name = (first_name or "").strip(), (last_name or "").strip()
    email, phone = (email or "").strip(), (phone or "").strip()
    if not first_name or not last_name:
        raise DomainError(_("Please give your first and last name."))
    if not email and not phone:
        raise DomainError(_("Please give an e-mail address or a phone number, so that we can "
                            "tell you the result of the lottery."))
    if form_variant not in FormVariant.values:
        raise DomainError(_("Unknown form variant."))
    _check_open(invitation)
    respondent = Respondent(
        panel=panel, invitation=invitation, first_name=first_name, last_name=last_name,
        email=email, phone=phone, answers=_clean_answers(panel, answers),
        available=bool(available), needs=(needs or "").strip(),
        household=invitation.household, form_variant=form_variant,
        consent_at=timezone.now(), pseudonym=pseudonym_for(panel=panel, code=invitation.code))
    # Uniqueness is left to the database: two requests with one code both pass a read.
    respondent.full_clean(validate_unique=False, validate_constraints=False)
    try:
        with transaction.atomic():
            respondent.save()
            if email:
                transaction.on_commit(lambda: _send_confirmation(respondent))
    except IntegrityError:
        raise CodeNotUsable("used") from None
    return respondent


def _send_confirmation(respondent):
    panel = respondent.panel
    public_url = ""
    if panel.public:
        public_url = reverse("panels:public_detail", args=[panel.municipality.slug, panel.pk])
    send_to_address(respondent.email, "panels/email/registered", {
        "respondent": respondent, "panel": panel, "municipality": panel.municipality,
        "public_url": public_url,
    }, language=respondent.language)
