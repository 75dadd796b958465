"""Writes for a panel itself: the project, its managers, features and quotas, and the erasure
of personal data. Letters are in invitations.py, registration in registration.py, the lottery
in selection.py."""

import hashlib
import hmac
import math
from decimal import Decimal

from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from gemeinsam.core.errors import DomainError, StaleEdit
from gemeinsam.core.rules import is_administration

from . import selectors
from .models import Feature, FeatureValue, Invitation, Panel, Respondent, SelectionState

# How the letters are drawn (method, district weights) is chosen when they are drawn
# (invitations.invitations_draw), not here.
PANEL_FIELDS = {
    "title", "purpose", "seats", "invitation_factor", "meeting_dates", "registration_deadline",
    "selection_date", "seed_announcement", "algorithm", "one_per_household", "contact",
    "letter_text", "public", "erase_on",
}


def _keyed_hash(panel, text):
    return hmac.new(panel.pseudonym_key.encode(), text.encode(), hashlib.sha256).hexdigest()


def household_key(*, panel, street, postcode):
    """Equal for people at one address, meaningless without the panel's key."""
    address = " ".join(f"{street} {postcode}".casefold().replace("straße", "str").replace(
        "strasse", "str").replace(".", " ").split())
    return _keyed_hash(panel, "household:" + address)[:32] if address else ""


def pseudonym_for(*, panel, code):
    """The name a respondent has in the public audit file; they learn it from their e-mail."""
    return "P" + _keyed_hash(panel, "respondent:" + code)[:12].upper()


def _check_managers(panel, managers):
    outsiders = [str(user) for user in managers if not is_administration(user, panel.municipality)]
    if outsiders:
        raise DomainError(_("Only members of the administration can manage a panel: %(names)s")
                          % {"names": ", ".join(outsiders)})


def panel_create(*, municipality, created_by, **fields):
    """A new panel; whoever creates it (a member of the administration) manages it."""
    unknown = set(fields) - PANEL_FIELDS
    if unknown:
        raise TypeError(f"unknown panel fields: {sorted(unknown)}")
    panel = Panel(municipality=municipality, **fields)
    _check_managers(panel, [created_by])
    panel.full_clean()
    with transaction.atomic():
        panel.save()
        panel.managers.add(created_by)
    return panel


def _letters_drawn(panel):
    return bool(panel.invitation_report) or panel.invitations.exists()


def _locked_fields(panel):
    """Fields that may no longer change because letters went out or a lottery was computed
    or is being computed (its SHA-256 may be public: the seats, rules and seed procedure it was
    computed for must stay)."""
    locked = set()
    if _letters_drawn(panel):
        locked |= {"invitation_factor"}
    if selectors.lottery_begun(panel=panel):
        locked |= {"seats", "algorithm", "one_per_household", "seed_announcement"}
    return locked


def _check_dates(saved, changed, fields):
    """Promises made to the people written to stay kept: the deadline in the letter may only
    move later, and the erasure date people consented to only earlier."""
    if "registration_deadline" in changed and _letters_drawn(saved) and \
            fields["registration_deadline"] < saved.registration_deadline:
        raise DomainError(_("The letters name the registration deadline %(date)s; it can only "
                            "be moved later now, not earlier.") % {
            "date": date_format(saved.registration_deadline, "SHORT_DATE_FORMAT")})
    if not changed & {"erase_on", "selection_date"} or not saved.respondents.exists():
        return
    erase_on = fields.get("erase_on", saved.erase_on)
    if erase_on > saved.erase_on:
        raise DomainError(_("People registered with the promise that their data are erased on "
                            "%(date)s; the date can only be moved earlier now.") % {
            "date": date_format(saved.erase_on, "SHORT_DATE_FORMAT")})
    selection_date = fields.get("selection_date", saved.selection_date)
    if selection_date and erase_on <= selection_date:
        raise DomainError(_("The personal data are needed for the lottery: the erasure date "
                            "must come after the date of the lottery."))


def panel_update(*, panel, version, **fields):
    """Change a panel; a stale save is refused, and so is changing what is already settled."""
    unknown = set(fields) - PANEL_FIELDS
    if unknown:
        raise TypeError(f"unknown panel fields: {sorted(unknown)}")
    with transaction.atomic():
        saved = Panel.objects.select_for_update().get(pk=panel.pk)
        if saved.version != version:
            raise StaleEdit()
        changed = {name for name, value in fields.items() if getattr(saved, name) != value}
        settled = changed & _locked_fields(saved)
        if settled:
            raise DomainError(_("These can no longer be changed, because the letters were "
                                "drawn or a lottery has been computed: %(fields)s") % {
                "fields": ", ".join(str(Panel._meta.get_field(f).verbose_name)
                                    for f in sorted(settled))})
        _check_dates(saved, changed, fields)
        for name, value in fields.items():
            setattr(saved, name, value)
        saved.full_clean()
        saved.version += 1
        saved.save()
    panel.refresh_from_db()
    return panel


def panel_managers_set(*, panel, managers, state=None):
    """Name the managers. `state` (selectors.managers_state when the form was shown), if
    given, refuses the save when someone else changed the managers meanwhile."""
    managers = list(managers)
    if not managers:
        raise DomainError(_("A panel needs at least one manager."))
    _check_managers(panel, managers)
    with transaction.atomic():
        Panel.objects.select_for_update().filter(pk=panel.pk).exists()
        if state is not None and state != selectors.managers_state(panel=panel):
            raise StaleEdit()
        panel.managers.set(managers)


# --- Features and quotas ---------------------------------------------------------------------


def _check_questions_open(panel):
    if panel.respondents.exists():
        raise DomainError(_("People have already answered these questions; features and "
                            "their values can no longer be added or removed."))


def check_quotas_open(panel):
    if selectors.lottery_begun(panel=panel):
        raise DomainError(_("A lottery has been computed with these features and quotas; "
                            "they are settled unless it is cancelled."))


def feature_create(*, panel, name, question, values, question_en="", question_easy="",
                   source=""):
    """A feature with its values: [{"name", "name_en", "population_share", "min", "max"}]."""
    _check_questions_open(panel)
    if not values:
        raise DomainError(_("A feature needs at least one value."))
    with transaction.atomic():
        feature = Feature(panel=panel, name=name, question=question, question_en=question_en,
                          question_easy=question_easy, source=source,
                          order=panel.features.count())
        feature.full_clean()
        feature.save()
        for order, value in enumerate(values):
            value = FeatureValue(feature=feature, order=order, **value)
            value.full_clean()
            value.save()
    return feature


def feature_update(*, feature, version, name, question, question_en="", question_easy="",
                   source=""):
    """Change a feature's texts; `version` is the one the form showed (a stale save is
    refused)."""
    check_quotas_open(feature.panel)
    with transaction.atomic():
        saved = Feature.objects.select_for_update().get(pk=feature.pk)
        if saved.version != version:
            raise StaleEdit()
        for field, value in {"name": name, "question": question, "question_en": question_en,
                             "question_easy": question_easy, "source": source}.items():
            setattr(feature, field, value)
        feature.version = saved.version + 1
        feature.full_clean()
        feature.save()
    return feature


def feature_delete(*, feature):
    _check_questions_open(feature.panel)
    feature.delete()


def feature_value_update(*, value, min, max, name=None, name_en=None, population_share=None):
    """Change a quota (until the lottery) or, before anyone answered, a value's names."""
    panel = value.feature.panel
    check_quotas_open(panel)
    if (name is not None and name != value.name) and panel.respondents.exists():
        raise DomainError(_("People have already chosen this value; it cannot be renamed."))
    value.min, value.max = min, max
    if name is not None:
        value.name = name
    if name_en is not None:
        value.name_en = name_en
    value.population_share = population_share
    value.full_clean()
    value.save()
    return value


def quota_range(*, seats, share, slack=1):
    """The quota that mirrors a population share: the seats it stands for, give or take
    `slack` seats either side, e.g. 23.4 % of 40 seats = 9.4 → at least 8, at most 11."""
    target = Decimal(seats) * Decimal(share) / 100
    low = max(0, math.floor(target) - slack)
    high = min(seats, math.ceil(target) + slack)
    return low, high


def quotas_from_shares(*, panel, slack=1):
    """Set every quota that has a population share to `quota_range`; returns how many."""
    check_quotas_open(panel)
    values = list(FeatureValue.objects.filter(feature__panel=panel,
                                              population_share__isnull=False))
    for value in values:
        value.min, value.max = quota_range(seats=panel.seats, share=value.population_share,
                                           slack=slack)
    FeatureValue.objects.bulk_update(values, ["min", "max"])
    return len(values)


# --- Erasure ---------------------------------------------------------------------------------


ADDRESS_FIELDS = ("salutation", "first_name", "last_name", "street", "postcode", "city")


def _with_addresses():
    return ~Q(**{field: "" for field in ADDRESS_FIELDS})


def invitation_addresses_erase(*, panel):
    """Forget names and addresses of the letters once they are printed and sent; the codes
    and household keys stay, so registration and the one-per-household rule still work."""
    return panel.invitations.filter(_with_addresses()).update(
        **dict.fromkeys(ADDRESS_FIELDS, ""))


def panel_personal_data_erase(*, panel):
    """Delete every person's data of the panel. Counts, quotas and the pseudonymous audit file
    stay: the quota table of each selection already holds the pool and panel counts."""
    with transaction.atomic():
        counts = selectors.panel_counts(panel=panel)
        report = dict(panel.invitation_report)
        report["erased"] = {"letters": counts["letters"], "respondents": {
            state: counts[state] for state in SelectionState.values if counts[state]}}
        Respondent.objects.filter(panel=panel).delete()
        Invitation.objects.filter(panel=panel).delete()
        Panel.objects.filter(pk=panel.pk).update(erased_at=timezone.now(),
                                                 invitation_report=report)
    panel.refresh_from_db()
    return panel


def panels_erase_due(*, today):
    """The daily erasure: every panel whose erasure date has come loses its personal data,
    and once a registration deadline has passed, the letters lose their names and addresses
    (codes and household keys stay). Returns {"panels": panels erased, "letters": letters
    whose address was erased}."""
    from .invitations import letters_addresses_erase

    erased = 0
    for panel in Panel.objects.filter(erase_on__lte=today, erased_at__isnull=True):
        panel_personal_data_erase(panel=panel)
        erased += 1
    letters = 0
    for panel in Panel.objects.filter(
            registration_deadline__lt=today, erased_at__isnull=True,
            pk__in=Invitation.objects.filter(_with_addresses()).values("panel")):
        letters += letters_addresses_erase(panel=panel)
    return {"panels": erased, "letters": letters}
