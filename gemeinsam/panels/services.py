"""Writes for a panel itself: the project, its managers, features and quotas, and the erasure
of personal data. Letters are in invitations.py, registration in registration.py, the lottery
in selection.py."""

import hashlib
import hmac
import math
from decimal import Decimal

from django.db import transaction
from django.db.models import Count
from django.utils import timezone
from django.utils.translation import gettext as _

from gemeinsam.core.errors import DomainError, StaleEdit
from gemeinsam.core.rules import is_administration

from .models import Feature, FeatureValue, Invitation, Panel, Respondent

PANEL_FIELDS = {
    "title", "purpose", "seats", "invitation_factor", "invitation_method", "district_weights",
    "meeting_dates", "registration_deadline", "selection_date", "seed_announcement",
    "algorithm", "one_per_household", "contact", "letter_text", "public", "erase_on",
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


def _locked_fields(panel):
    """Fields that may no longer change because letters went out or the lottery ran."""
    locked = set()
    if panel.invitations.exists() or panel.invitation_report:
        locked |= {"invitation_factor", "invitation_method", "district_weights"}
    if panel.selections.filter(drawn_at__isnull=False).exists():
        locked |= {"seats", "algorithm", "one_per_household"}
    return locked


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
                                "drawn or the lottery took place: %(fields)s") % {
                "fields": ", ".join(str(Panel._meta.get_field(f).verbose_name)
                                    for f in sorted(settled))})
        for name, value in fields.items():
            setattr(saved, name, value)
        saved.full_clean()
        saved.version += 1
        saved.save()
    panel.refresh_from_db()
    return panel


def panel_managers_set(*, panel, managers):
    managers = list(managers)
    if not managers:
        raise DomainError(_("A panel needs at least one manager."))
    _check_managers(panel, managers)
    panel.managers.set(managers)


# --- Features and quotas ---------------------------------------------------------------------


def _check_questions_open(panel):
    if panel.respondents.exists():
        raise DomainError(_("People have already answered these questions; features and "
                            "their values can no longer be added or removed."))


def _check_quotas_open(panel):
    if panel.selections.filter(drawn_at__isnull=False).exists():
        raise DomainError(_("The lottery has taken place; the quotas are settled."))


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


def feature_update(*, feature, name, question, question_en="", question_easy="", source=""):
    _check_quotas_open(feature.panel)
    for field, value in {"name": name, "question": question, "question_en": question_en,
                         "question_easy": question_easy, "source": source}.items():
        setattr(feature, field, value)
    feature.full_clean()
    feature.save()
    return feature


def feature_delete(*, feature):
    _check_questions_open(feature.panel)
    feature.delete()


def feature_value_update(*, value, min, max, name=None, name_en=None, population_share=None):
    """Change a quota (until the lottery) or, before anyone answered, a value's names."""
    panel = value.feature.panel
    _check_quotas_open(panel)
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
    _check_quotas_open(panel)
    values = list(FeatureValue.objects.filter(feature__panel=panel,
                                              population_share__isnull=False))
    for value in values:
        value.min, value.max = quota_range(seats=panel.seats, share=value.population_share,
                                           slack=slack)
    FeatureValue.objects.bulk_update(values, ["min", "max"])
    return len(values)


# --- Erasure ---------------------------------------------------------------------------------


def invitation_addresses_erase(*, panel):
    """Forget names and addresses of the letters once they are printed and sent; the codes
    and household keys stay, so registration and the one-per-household rule still work."""
    return panel.invitations.update(salutation="", first_name="", last_name="", street="",
                                    postcode="", city="")


def panel_personal_data_erase(*, panel):
    """Delete every person's data of the panel. Counts, quotas and the pseudonymous audit file
    stay: the quota table of each selection already holds the pool and panel counts."""
    with transaction.atomic():
        letters = panel.invitations.count()
        by_state = dict(panel.respondents.values_list("state").annotate(n=Count("pk")))
        report = dict(panel.invitation_report)
        report["erased"] = {"letters": letters, "respondents": by_state}
        Respondent.objects.filter(panel=panel).delete()
        Invitation.objects.filter(panel=panel).delete()
        Panel.objects.filter(pk=panel.pk).update(erased_at=timezone.now(),
                                                 invitation_report=report)
    panel.refresh_from_db()
    return panel


def panels_erase_due(*, today):
    """The daily erasure: every panel whose erasure date has come."""
    due = Panel.objects.filter(erase_on__lte=today, erased_at__isnull=True)
    count = 0
    for panel in due:
        panel_personal_data_erase(panel=panel)
        count += 1
    return count
