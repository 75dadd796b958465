"""The lottery of a panel: computing it, drawing it with the announced seed, drop-outs and
replacements, and telling people the result.

The procedure is verifiable in two steps. First the lottery (the distribution over panels
that meet the quotas) is computed without a seed; its SHA-256 is published. Only then is the
seed determined the way `panel.seed_announcement` says, and the panel is drawn with it. Anyone
can recompute the draw from the pseudonymous audit file.
"""

import logging

from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from gemeinsam import sortition
from gemeinsam.core.emails import send_to_address
from gemeinsam.core.errors import DomainError
from gemeinsam.jobs.models import BackgroundJob
from gemeinsam.jobs.services import job_start
from gemeinsam.sortition.lottery import add_draw, lottery_from_audit

from . import selectors
from .models import Invitation, Panel, Respondent, Selection, SelectionState, format_code
from .services import ADDRESS_FIELDS

logger = logging.getLogger(__name__)

COMPUTE_LOTTERY = "panels.compute_lottery"
NOTIFY = "panels.notify"


# --- Inputs of the algorithm ------------------------------------------------------------------


def quotas_of(*, panel, features=None):
    """The panel's quotas as the algorithm takes them: one per feature value."""
    features = selectors.features_with_values(panel=panel) if features is None else features
    return [sortition.Quota(feature.name, value.name, value.min, value.max)
            for feature in features for value in feature.values.all()]


def _answers(respondent, features):
    """{feature name: value name} of one respondent; unknown answers are left out (the
    algorithm then reports the person as incomplete)."""
    chosen = {feature.name: respondent.chosen_value(feature) for feature in features}
    return {name: value.name for name, value in chosen.items() if value is not None}


def _placeholder(features):
    return {feature.name: value.name for feature in features
            for value in feature.values.all()[:1]}


def people_of(*, panel, respondents=None, features=None):
    """The respondents as the algorithm's people, identified by their pseudonym.

    Someone whose data was erased (see `respondent_erase`) has no answers any more but stays in
    the pool as withdrawn or dropped out, so that a replacement still knows the seat to refill.
    Such a person is never selected; the algorithm leaves excluded people out of every type, so
    the first value of each feature, given only to pass its input check, leaves no trace."""
    features = selectors.features_with_values(panel=panel) if features is None else features
    respondents = panel.respondents.all() if respondents is None else respondents
    people = []
    for r in respondents:
        answers = _answers(r, features)
        if not r.answers and _excluded(r):
            answers = _placeholder(features)
        people.append(sortition.Respondent(id=r.pseudonym, features=answers,
                                           household=r.household or None))
    return people


def _excluded(respondent):
    return (not respondent.available or respondent.state in (
        SelectionState.WITHDRAWN, SelectionState.DROPPED_OUT))


def _replaced_pseudonyms(panel):
    """Drop-outs already replaced by an earlier, drawn replacement selection."""
    replaced = set()
    for audit in panel.selections.filter(kind=Selection.Kind.REPLACEMENT,
                                         drawn_at__isnull=False).values_list("audit", flat=True):
        replaced.update((audit.get("replacement") or {}).get("dropped", []))
    return replaced


def _replacement_plan(panel, respondents):
    """(current panel, dropped, must not select) for a replacement, as pseudonyms."""
    replaced = _replaced_pseudonyms(panel)
    selected = [r.pseudonym for r in respondents if r.state == SelectionState.SELECTED]
    dropped = [r.pseudonym for r in respondents
               if r.state == SelectionState.DROPPED_OUT and r.pseudonym not in replaced]
    excluded = [r.pseudonym for r in respondents
                if r.pseudonym not in dropped and r.state != SelectionState.SELECTED
                and _excluded(r)]
    return selected + dropped, dropped, excluded


# --- Starting and computing -------------------------------------------------------------------


def selection_start(*, panel, started_by, kind=Selection.Kind.PANEL):
    """Queue the computation of a lottery (a background job); returns the new Selection."""
    from .jobs import COMPUTE_LOTTERY_TITLE, REPLACEMENT_TITLE

    if panel.erased_at:
        raise DomainError(_("The personal data of this panel has been erased; no lottery can "
                            "be computed any more."))
    with transaction.atomic():
        panel = Panel.objects.select_for_update().get(pk=panel.pk)  # one start at a time
        if selectors.computation_running(panel=panel):
            raise DomainError(_("A lottery is being computed already. Please wait until it "
                                "has finished."))
        if selectors.lottery_awaiting_draw(panel=panel) is not None:
            raise DomainError(_("A computed lottery waits for its draw; its SHA-256 may have "
                                "been published. Draw it with the announced seed, or cancel "
                                "it with a reason before computing a new one."))
        if kind == Selection.Kind.PANEL:
            if selectors.panel_drawn(panel=panel):
                raise DomainError(_("The panel has already been drawn. If members drop out, "
                                    "draw replacements."))
            if timezone.localdate() <= panel.registration_deadline:
                raise DomainError(_("The registration is open until %(date)s. The lottery can "
                                    "be computed once the deadline has passed, so that "
                                    "everyone who registers in time takes part.") % {
                    "date": date_format(panel.registration_deadline, "DATE_FORMAT")})
            if not panel.respondents.exists():
                raise DomainError(_("Nobody has registered yet."))
        elif kind == Selection.Kind.REPLACEMENT:
            if not selectors.panel_drawn(panel=panel):
                raise DomainError(_("Replacements can only be drawn after the panel has been "
                                    "drawn."))
            dropped = _replacement_plan(panel, list(panel.respondents.all()))[1]
            if not dropped:
                raise DomainError(_("Nobody has dropped out who has not been replaced yet."))
        else:
            raise ValueError(f"unknown kind {kind!r}")
        _check_seed_announced(panel)
        selection = Selection.objects.create(panel=panel, kind=kind, algorithm=panel.algorithm,
                                             started_by=started_by)
        title = REPLACEMENT_TITLE if kind == Selection.Kind.REPLACEMENT else COMPUTE_LOTTERY_TITLE
        selection.job = job_start(kind=COMPUTE_LOTTERY, title=f"{title}: {panel.title}",
                                  arguments={"selection_id": selection.pk},
                                  started_by=started_by, municipality=panel.municipality)
        selection.save(update_fields=["job"])
    return selection


def _check_seed_announced(panel):
    """The seed's procedure is public before any lottery: announced, and announced anew after
    a drawn or cancelled lottery (replacements too), since the former seed is known by now."""
    announcement = " ".join(panel.seed_announcement.split())
    if not announcement:
        raise DomainError(_("Announce first how the seed will be chosen (in the panel's "
                            "settings), so that the lottery can be checked by anyone."))
    used = panel.selections.exclude(audit={}).filter(
        Q(cancelled_at__isnull=False) | Q(drawn_at__isnull=False))
    if any(" ".join(str(s.audit.get("seed_announcement", "")).split()) == announcement
           for s in used):
        raise DomainError(_("A lottery with this seed procedure has been drawn or cancelled, "
                            "so its seed may be known by now. Announce a new procedure "
                            "first, e.g. the next Lotto draw."))


def selection_cancel(*, selection, reason):
    """Cancel a computed lottery that has not been drawn, e.g. because a mistake in the quotas
    came to light. Its SHA-256 may be public already, so it stays listed on the public page
    with the reason; only then can a new lottery be computed. A computation whose worker died
    can be cancelled as well; should it still finish, it stores nothing."""
    reason = (reason or "").strip()
    if not reason:
        raise DomainError(_("Please give the reason; it is published with the lottery."))
    with transaction.atomic():
        selection = Selection.objects.select_for_update().get(pk=selection.pk)
        running = selection.job_id and selection.job.status in selectors.UNFINISHED
        if not selection.is_computed and not running:
            raise DomainError(_("Only a computed lottery, or one still being computed, can be "
                                "cancelled."))
        if selection.is_drawn:
            raise DomainError(_("This lottery has been drawn; a drawn lottery cannot be "
                                "cancelled."))
        if selection.is_cancelled:
            raise DomainError(_("This lottery has already been cancelled."))
        selection.cancelled_at = timezone.now()
        selection.cancel_reason = reason
        selection.save(update_fields=["cancelled_at", "cancel_reason"])
    return selection


def lottery_state(selection):
    """(code, label) of a selection's state for the pages. A computation that crashed without
    a problem text has a failed job: it shows as failed, not as being computed for ever."""
    if selection.is_cancelled:
        return "cancelled", _("cancelled before the draw")
    if selection.is_drawn:
        return "drawn", _("drawn")
    if selection.is_computed:
        return "computed", _("computed, waiting for the seed")
    if selection.problem:
        return "problem", _("no lottery possible")
    if selection.job is None or selection.job.status not in selectors.UNFINISHED:
        return "failed", _("failed")
    return "computing", _("being computed")


def _relaxation_text(relaxation):
    context = {"feature": relaxation.feature, "value": relaxation.value,
               "old": relaxation.old, "new": relaxation.new,
               "available": relaxation.available}
    if relaxation.bound == "min":
        if relaxation.available < relaxation.old:
            return _("Lower the minimum for %(feature)s = %(value)s from %(old)s to %(new)s "
                     "(only %(available)s respondents have it).") % context
        return _("Lower the minimum for %(feature)s = %(value)s from %(old)s to %(new)s.") \
            % context
    return _("Raise the maximum for %(feature)s = %(value)s from %(old)s to %(new)s.") % context


CONFLICTS = {
    "too_many_forced": gettext_lazy(
        "%(forced)s people must be selected, more than the %(seats)s seats."),
    "too_few_households": gettext_lazy(
        "Only %(possible)s respondents can be selected (one per household), fewer than the "
        "%(seats)s free seats."),
    "forced_above_max": gettext_lazy(
        "%(taken)s of the people who must be selected have %(feature)s = %(value)s, but the "
        "maximum is %(max)s."),
    "too_few_with_value": gettext_lazy(
        "At least %(min)s panel members must have %(feature)s = %(value)s, but only "
        "%(available)s respondents who can be selected have it."),
    "minimums_above_seats": gettext_lazy(
        "The minimums for %(feature)s add up to %(sum)s, more than the %(seats)s seats."),
    "maximums_below_seats": gettext_lazy(
        "The maximums for %(feature)s add up to %(sum)s, fewer than the %(seats)s seats."),
}


def _conflict_text(conflict):
    if getattr(conflict, "kind", None) == "combination":
        return _("Each quota can be met on its own, but not all together; the conflict "
                 "involves %(values)s.") % {"values": ", ".join(conflict.facts["values"])}
    if getattr(conflict, "kind", None) in CONFLICTS:
        return CONFLICTS[conflict.kind] % conflict.facts
    return str(conflict)


def problem_text(error):
    """What to tell the managers when no lottery can be computed."""
    if isinstance(error, sortition.InfeasibleQuotas):
        lines = [_("No panel meets all quotas."), ""]
        lines += [f"- {_conflict_text(conflict)}" for conflict in error.conflicts]
        if error.relaxations:
            lines += ["", _("The smallest change that makes a selection possible:")]
            lines += [f"- {_relaxation_text(r)}" for r in error.relaxations]
        else:
            lines += ["", _("No change of the quotas makes a selection possible.")]
        return "\n".join(lines)
    if isinstance(error, sortition.InputError):
        return "\n".join([_("The data is not complete:")]
                         + [f"- {reason}" for _line, reason in error.problems])
    return str(error.message)


def _quota_table(panel, features, respondents, eligible):
    """Rows per feature value: share, quota and how many of the eligible pool have it."""
    rows = []
    answers = {r.pseudonym: _answers(r, features) for r in respondents}
    for feature in features:
        for value in feature.values.all():
            rows.append({
                "feature": feature.name, "value": value.name,
                "share": (float(value.population_share)
                          if value.population_share is not None else None),
                "min": value.min, "max": value.max,
                "pool": sum(1 for p in eligible if answers[p].get(feature.name) == value.name),
                "selected": None,
            })
    return rows


def _check_still_to_compute(selection):
    if selection.is_cancelled:
        raise DomainError(_("This lottery has been cancelled."))
    if selection.is_computed:
        # Its SHA-256 may be public already: a published lottery is never replaced.
        raise DomainError(_("This lottery has already been computed."))


def selection_compute(*, selection, progress=None):
    """The job's work: compute the lottery (no seed yet) and store its audit record.

    When no panel meets the quotas, `selection.problem` says why and what would help, and a
    DomainError with that text fails the job; nothing else changes.
    """
    _check_still_to_compute(selection)
    panel = selection.panel
    features = selectors.features_with_values(panel=panel)
    respondents = list(panel.respondents.all())
    quotas = quotas_of(panel=panel, features=features)
    people = people_of(panel=panel, respondents=respondents, features=features)

    def report(fraction, _message):
        if progress is not None:
            progress(int(max(0.0, min(1.0, fraction)) * 100), 100)

    common = {"algorithm": selection.algorithm, "households": panel.one_per_household,
              "pseudonyms": {p.id: p.id for p in people}, "progress": report}
    try:
        if selection.kind == Selection.Kind.REPLACEMENT:
            current, dropped, excluded = _replacement_plan(panel, respondents)
            result = sortition.replace(people, quotas, panel.seats, panel=current,
                                       dropped=dropped, must_not_select=excluded, **common)
            eligible = [r.pseudonym for r in respondents
                        if r.pseudonym not in set(dropped) | set(excluded)]
        else:
            excluded = [r.pseudonym for r in respondents if _excluded(r)]
            result = sortition.select(people, quotas, panel.seats, must_not_select=excluded,
                                      **common)
            eligible = [r.pseudonym for r in respondents if not _excluded(r)]
    except (sortition.InfeasibleQuotas, sortition.InputError) as error:
        selection.problem = problem_text(error)
        selection.save(update_fields=["problem"])
        raise DomainError(selection.problem) from error
    except sortition.SortitionError as error:
        selection.problem = str(error.message)
        selection.save(update_fields=["problem"])
        raise DomainError(selection.problem) from error
    with transaction.atomic():
        # The computation took a while: check again, under the lock, that nothing was stored
        # or cancelled meanwhile (a second worker on the same job, say).
        _check_still_to_compute(Selection.objects.select_for_update().get(pk=selection.pk))
        selection.audit = {**result.audit, "seed_announcement": panel.seed_announcement}
        selection.quota_table = _quota_table(panel, features, respondents, eligible)
        selection.problem = ""
        selection.save(update_fields=["audit", "quota_table", "problem"])
        if selection.kind == Selection.Kind.PANEL:
            for respondent in respondents:
                respondent.probability = result.probabilities.get(respondent.pseudonym)
            Respondent.objects.bulk_update(respondents, ["probability"])
    return selection


# --- The draw ---------------------------------------------------------------------------------


def _still_eligible(respondent, kind):
    """Whether someone the draw chose may still take the seat: nobody who withdrew, dropped
    out, had their data erased or cannot come since the lottery was computed."""
    if kind == Selection.Kind.REPLACEMENT and respondent.state == SelectionState.SELECTED:
        return True  # a member the replacement keeps
    return (respondent.available and respondent.state in (SelectionState.POOL,
                                                          SelectionState.NOT_SELECTED)
            and bool(respondent.answers))


def selection_draw(*, selection, seed):
    """Draw the panel of a computed lottery with the seed announced in advance, and set the
    respondents' states: selected and not selected, or for replacements the new members.

    Refused when someone the seed picks can no longer take part (data erased since the
    computation, say): then cancel the lottery with that reason and compute a new one."""
    with transaction.atomic():
        selection = Selection.objects.select_for_update().select_related("panel").get(
            pk=selection.pk)
        panel = selection.panel
        if not selection.is_computed:
            raise DomainError(_("The lottery has not been computed yet."))
        if selection.is_drawn:
            raise DomainError(_("This lottery has already been drawn."))
        if selection.is_cancelled:
            raise DomainError(_("This lottery has been cancelled and cannot be drawn."))
        if panel.erased_at:
            raise DomainError(_("The personal data of this panel has been erased."))
        if selection.kind == Selection.Kind.PANEL and selectors.panel_drawn(panel=panel):
            raise DomainError(_("The panel has already been drawn."))
        lottery, problems = lottery_from_audit(selection.audit)
        if problems:
            raise DomainError(_("The stored lottery is damaged: %(problems)s")
                              % {"problems": "; ".join(problems)})
        try:
            drawn = lottery.draw(seed)
        except ValueError as error:
            raise DomainError(_("Please enter the seed.")) from error
        chosen = set(drawn.panel)
        respondents = list(panel.respondents.select_for_update())
        by_pseudonym = {r.pseudonym: r for r in respondents}
        gone = sorted(p for p in chosen if p not in by_pseudonym
                      or not _still_eligible(by_pseudonym[p], selection.kind))
        if gone:
            raise DomainError(_("The seed draws people who can no longer take part (%(who)s). "
                                "Cancel this lottery with that reason and compute a new "
                                "one.") % {"who": ", ".join(gone)})
        pool = set(selection.audit.get("probabilities") or {})
        if selection.kind == Selection.Kind.PANEL:
            for r in respondents:
                if r.pseudonym in chosen:
                    r.state = SelectionState.SELECTED
                elif r.state == SelectionState.POOL and r.pseudonym in pool:
                    r.state = SelectionState.NOT_SELECTED
        else:
            for r in respondents:
                if r.pseudonym in chosen and r.state != SelectionState.SELECTED:
                    r.state = SelectionState.SELECTED
                    r.notified_at = None  # they were told "not selected" before
        Respondent.objects.bulk_update(respondents, ["state", "notified_at"])
        features = selectors.features_with_values(panel=panel)
        answers = {r.pseudonym: _answers(r, features) for r in respondents}
        for row in selection.quota_table:
            row["selected"] = sum(1 for p in chosen
                                  if answers.get(p, {}).get(row["feature"]) == row["value"])
        selection.audit = add_draw(selection.audit, drawn)
        selection.seed = drawn.seed
        selection.drawn_at = timezone.now()
        selection.save(update_fields=["audit", "seed", "drawn_at", "quota_table"])
    return selection


# --- Withdrawals, drop-outs, the person's own data ------------------------------------------


def _check_pool_may_change(panel):
    if selectors.lottery_in_progress(panel=panel):
        raise DomainError(_("A lottery is being computed or waits for its draw; until it is "
                            "drawn or cancelled, nobody can withdraw or drop out. Record it "
                            "afterwards."))


def _locked_respondent(respondent):
    """The panel and the person, locked and read afresh: a draw may have changed the state
    since the page was loaded."""
    Panel.objects.select_for_update().get(pk=respondent.panel_id)
    return Respondent.objects.select_for_update().get(pk=respondent.pk)


def respondent_withdraw(*, respondent):
    """Someone takes back their registration: before the lottery, or after it when they were
    not selected, so that they are no candidate for replacements any more."""
    with transaction.atomic():
        locked = _locked_respondent(respondent)
        if locked.state not in (SelectionState.POOL, SelectionState.NOT_SELECTED):
            raise DomainError(_("Only people who are registered or were not selected can "
                                "withdraw; a selected member who cannot come drops out."))
        _check_pool_may_change(respondent.panel)
        locked.state = SelectionState.WITHDRAWN
        locked.save(update_fields=["state"])
    respondent.refresh_from_db()
    return respondent


def respondent_drop_out(*, respondent):
    """A selected member cannot take part after all; the seat is refilled by a replacement
    selection."""
    with transaction.atomic():
        locked = _locked_respondent(respondent)
        if locked.state != SelectionState.SELECTED:
            raise DomainError(_("Only selected members can drop out."))
        _check_pool_may_change(respondent.panel)
        locked.state = SelectionState.DROPPED_OUT
        locked.save(update_fields=["state"])
    respondent.refresh_from_db()
    return respondent


def respondent_mark_notified(*, respondent):
    """Someone without e-mail has been told the result by phone."""
    if respondent.state not in (SelectionState.SELECTED, SelectionState.NOT_SELECTED):
        raise DomainError(_("There is no result to tell yet."))
    respondent.notified_at = timezone.now()
    respondent.save(update_fields=["notified_at"])
    return respondent


def respondent_is_erased(respondent):
    """Whether the person's own data was erased at their request (see respondent_erase)."""
    return not (respondent.first_name or respondent.last_name or respondent.answers)


def _iso(moment):
    return moment.isoformat() if moment else None


def respondent_export(*, respondent):
    """Everything stored about one person (GDPR Art. 15), with the names of features and
    values, as plain data for a JSON file."""
    panel = respondent.panel
    features = selectors.features_with_values(panel=panel)
    answers = []
    for feature in features:
        value = respondent.chosen_value(feature)
        if value is not None:
            answers.append({"feature": feature.name, "question": feature.question,
                            "answer": value.name})
    lotteries = []
    for selection in panel.selections.exclude(audit={}).order_by("created_at"):
        audit = selection.audit
        if respondent.pseudonym not in (audit.get("probabilities") or {}):
            continue
        drawn = (audit.get("draw") or {}).get("panel")
        lotteries.append({
            "kind": str(selection.get_kind_display()), "sha256": selection.digest,
            "selection probability": (audit.get("probabilities") or {})[respondent.pseudonym],
            "drawn at": _iso(selection.drawn_at),
            "drawn": (respondent.pseudonym in drawn) if drawn is not None else None,
            "cancelled at": _iso(selection.cancelled_at),
        })
    invitation = None
    letter = Invitation.objects.filter(pk=respondent.invitation_id).first()
    if letter is not None:
        invitation = {
            "registration code": format_code(letter.code), "salutation": letter.salutation,
            "first name": letter.first_name, "last name": letter.last_name,
            "street and number": letter.street, "postcode": letter.postcode,
            "city": letter.city, "district": letter.district,
            "household key": letter.household, "wave": letter.wave,
            "created at": _iso(letter.created_at),
        }
    return {
        "panel": {"title": panel.title, "municipality": panel.municipality.name,
                  "contact": panel.contact, "personal data erased on": panel.erase_on.isoformat()},
        "respondent": {
            "first name": respondent.first_name, "last name": respondent.last_name,
            "e-mail": respondent.email, "phone": respondent.phone,
            "answers": answers, "can attend all dates": respondent.available,
            "what they need to take part": respondent.needs,
            "form used": str(respondent.get_form_variant_display()),
            "consent given at": _iso(respondent.consent_at),
            "registered at": _iso(respondent.created_at),
            "pseudonym in the audit file": respondent.pseudonym,
            "household key": respondent.household,
            "state": str(respondent.get_state_display()),
            "selection probability": respondent.probability,
            "told the result at": _iso(respondent.notified_at),
        },
        "invitation letter": invitation,
        "lotteries": lotteries,
    }


def respondent_erase(*, respondent):
    """Erase one person's data at their request (GDPR Art. 17): name, contact, needs and
    answers, and the name and address on their letter.

    The pseudonym stays (it is in the public audit file), and so do the household key and the
    state: someone in the pool or not selected counts as withdrawn, a selected member as dropped
    out, so that they are never drawn again and a seat they held is refilled by replacements.
    """
    with transaction.atomic():
        respondent = Respondent.objects.select_for_update().get(pk=respondent.pk)
        if respondent_is_erased(respondent):
            raise DomainError(_("The data of this person has already been erased."))
        if respondent.state in (SelectionState.POOL, SelectionState.NOT_SELECTED):
            respondent.state = SelectionState.WITHDRAWN
        elif respondent.state == SelectionState.SELECTED:
            respondent.state = SelectionState.DROPPED_OUT
        respondent.first_name = respondent.last_name = ""
        respondent.email = respondent.phone = respondent.needs = ""
        respondent.answers = {}
        respondent.save(update_fields=["first_name", "last_name", "email", "phone", "needs",
                                       "answers", "state"])
        Invitation.objects.filter(pk=respondent.invitation_id).update(
            **dict.fromkeys(ADDRESS_FIELDS, ""))
    return respondent


# --- Notifications ----------------------------------------------------------------------------


def _notify_jobs_unfinished(panel):
    return BackgroundJob.objects.filter(kind=NOTIFY, arguments__panel_id=panel.pk,
                                        status__in=selectors.UNFINISHED).exists()


def notifications_start(*, panel, started_by):
    from .jobs import NOTIFY_TITLE

    if not selectors.panel_drawn(panel=panel):
        raise DomainError(_("The panel has not been drawn yet."))
    with transaction.atomic():
        Panel.objects.select_for_update().get(pk=panel.pk)  # one start at a time
        if _notify_jobs_unfinished(panel):
            raise DomainError(_("The respondents are being told the result already. Please "
                                "wait until that has finished."))
        return job_start(kind=NOTIFY, title=f"{NOTIFY_TITLE}: {panel.title}",
                         arguments={"panel_id": panel.pk}, started_by=started_by,
                         municipality=panel.municipality)


def notifications_send(*, panel, progress=None):
    """E-mail the result to everyone selected or not selected who has not been told yet.
    People without an e-mail address are counted for a phone call (the respondents page lists
    them). Returns counts only: the job's result is no place for personal data.

    Each person is claimed (notified_at set) before their e-mail goes out, so that two runs
    never both send it; when sending fails, the claim is taken back for the next run."""
    if not selectors.panel_drawn(panel=panel):
        raise DomainError(_("The panel has not been drawn yet."))
    pending = list(panel.respondents.filter(
        state__in=[SelectionState.SELECTED, SelectionState.NOT_SELECTED],
        notified_at__isnull=True).order_by("pk"))
    to_mail = [r for r in pending if r.email]
    result = {"selected": 0, "not selected": 0, "to phone": len(pending) - len(to_mail),
              "failed": 0}
    total = len(to_mail)
    if progress:
        progress(0, total)
    for done, respondent in enumerate(to_mail, start=1):
        claimed_at = timezone.now()
        claimed = Respondent.objects.filter(
            pk=respondent.pk, state=respondent.state,
            notified_at__isnull=True).update(notified_at=claimed_at)
        if claimed:
            template = respondent.email_template(
                "selected" if respondent.state == SelectionState.SELECTED else "not_selected")
            try:
                send_to_address(respondent.email, template,
                                {"panel": panel, "respondent": respondent,
                                 "municipality": panel.municipality},
                                language=respondent.language)
            except Exception as error:
                # Not the traceback: mail servers name the address in their errors.
                logger.error("Could not send the lottery result to respondent %s (%s)",
                             respondent.pk, type(error).__name__)
                Respondent.objects.filter(pk=respondent.pk, notified_at=claimed_at).update(
                    notified_at=None)
                result["failed"] += 1
            else:
                result["selected" if respondent.state == SelectionState.SELECTED
                       else "not selected"] += 1
        if progress:
            progress(done, total)
    return result
