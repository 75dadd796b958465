"""Writes for the public registration: a resident types the code from their letter, answers the
questionnaire and becomes a respondent in the pool of the lottery.

Check, then act: `invitation_for_code` says whether a code may still be used; the registration
checks again, and a code used twice in a race is refused by the one-to-one constraint of
Respondent.invitation, not by a read that both requests could pass.

When registration closes: for residents at the end of the deadline day; for everyone, the
office too, once a lottery has been computed (or is being computed) and not cancelled. The
office (`by_office=True`: replies on paper or by phone, typed in by a panel manager) may still
enter replies after the deadline, because letters arrive late; a lottery that merely failed
closes nothing.
"""

import logging

from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from gemeinsam.core.emails import send_to_address
from gemeinsam.core.errors import DomainError

from . import selectors
from .models import FeatureValue, FormVariant, Invitation, Panel, Respondent, normalise_code
from .services import pseudonym_for

logger = logging.getLogger(__name__)

# Dates as the letter writes them: "22. Januar 2027", and in English "22 January 2027" rather
# than Django's American "Jan. 22, 2027".
ENGLISH_DATE_FORMAT = "j F Y"


def date_format_for(language):
    """The format for the `date` filter and `date_format` in `language`."""
    return ENGLISH_DATE_FORMAT if (language or "").startswith("en") else "DATE_FORMAT"


def display_date(value):
    """A date in the active language, written as in the letter."""
    return date_format(value, date_format_for(get_language()))


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
                "date": display_date(deadline) if deadline else ""},
            "closed": _("The lottery for this citizens' panel has begun; the registration "
                        "has closed."),
            "erased": _("This citizens' panel has ended and its registration data has been "
                        "deleted."),
        }
        super().__init__(messages[reason])
        self.reason = reason


def _refuse_unless_taking_registrations(panel, *, by_office):
    """CodeNotUsable unless the panel still takes registrations: not erased, no lottery begun,
    and, for residents themselves, the deadline not passed."""
    if panel.erased_at is not None:
        raise CodeNotUsable("erased")
    if not by_office and timezone.localdate() > panel.registration_deadline:
        raise CodeNotUsable("deadline", deadline=panel.registration_deadline)
    if selectors.lottery_begun(panel=panel):
        raise CodeNotUsable("closed")


def invitation_for_code(*, code, municipality, panel=None, by_office=False):
    """The invitation of a typed code (case, blanks and dashes do not matter), if it may still
    be used to register; CodeNotUsable (a DomainError) otherwise. With `panel`, only codes of
    that panel are known; `by_office` applies the office's rule (see the module)."""
    normalised = normalise_code(code or "")
    invitations = Invitation.objects.select_related("panel").filter(
        code=normalised, panel__municipality=municipality)
    if panel is not None:
        invitations = invitations.filter(panel=panel)
    invitation = invitations.first() if normalised else None
    if invitation is None:
        raise CodeNotUsable("unknown")
    _refuse_unless_taking_registrations(invitation.panel, by_office=by_office)
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
                        available, needs, form_variant, consent, by_office=False):
    """Register the person who received `invitation` for its panel's lottery, and send them a
    confirmation with their pseudonym when they gave an e-mail address.

    `by_office`: a panel manager types in a reply that came on paper or by phone (then
    `form_variant` must be FormVariant.OFFICE); the deadline does not apply, a lottery begun
    does. The confirmation goes out after the commit; a mail server that fails then does not
    undo the registration: `respondent.confirmation_sent` is True once sent, False if sending
    failed (logged with the respondent's id only) and None without an e-mail address or while
    an outer transaction has not committed yet."""
    panel = invitation.panel
    if by_office != (form_variant == FormVariant.OFFICE):
        raise DomainError(_("Unknown form variant."))
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
    _refuse_unless_taking_registrations(panel, by_office=by_office)
    respondent = Respondent(
        panel=panel, invitation=invitation, first_name=first_name, last_name=last_name,
        email=email, phone=phone, answers=_clean_answers(panel, answers),
        available=bool(available), needs=(needs or "").strip(),
        household=invitation.household, form_variant=form_variant,
        consent_at=timezone.now(), pseudonym=pseudonym_for(panel=panel, code=invitation.code))
    # Uniqueness is left to the database: two requests with one code both pass a read.
    respondent.full_clean(validate_unique=False, validate_constraints=False)
    respondent.confirmation_sent = None
    try:
        with transaction.atomic():
            # Read again under the lock that starting a lottery takes: a late office reply
            # must not slip in after a computation has read the pool.
            Panel.objects.select_for_update().get(pk=panel.pk)
            _refuse_unless_taking_registrations(panel, by_office=by_office)
            respondent.save()
            if email:
                transaction.on_commit(lambda: _send_confirmation(respondent))
    except IntegrityError:
        raise CodeNotUsable("used") from None
    return respondent


def _send_confirmation(respondent):
    """Send the confirmation; a failure is logged, never raised: the registration is saved
    and its code spent, so an error page would only make the person try again in vain."""
    panel = respondent.panel
    public_url = ""
    if panel.public:
        public_url = reverse("panels:public_detail", args=[panel.municipality.slug, panel.pk])
    try:
        send_to_address(respondent.email, respondent.email_template("registered"), {
            "respondent": respondent, "panel": panel, "municipality": panel.municipality,
            "public_url": public_url, "date_format": date_format_for(respondent.language),
        }, language=respondent.language)
    except Exception as error:  # noqa: BLE001 - any failure of the mail server
        # Only the id: the error's text may hold the address.
        logger.error("Panel registration: confirmation e-mail to respondent %s failed (%s).",
                     respondent.pk, type(error).__name__)
        respondent.confirmation_sent = False
    else:
        respondent.confirmation_sent = True
