"""The lottery of a panel: computing it, drawing it with the announced seed, drop-outs and
replacements, and telling people the result.

The procedure is verifiable in two steps. First the lottery (the distribution over panels
that meet the quotas) is computed without a seed; its SHA-256 is published. Only then is the
seed determined the way `panel.seed_announcement` says, and the panel is drawn with it. Anyone
can recompute the draw from the pseudonymous audit file.
"""

import logging

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from gemeinsam import sortition
from gemeinsam.core.emails import send_to_address
from gemeinsam.core.errors import DomainError
from gemeinsam.jobs.models import BackgroundJob
from gemeinsam.jobs.services import job_start
from gemeinsam.sortition.lottery import add_draw, lottery_from_audit

from .models import Panel, Respondent, Selection, SelectionState

logger = logging.getLogger(__name__)

COMPUTE_LOTTERY = "panels.compute_lottery"
NOTIFY = "panels.notify"

_UNFINISHED = (BackgroundJob.Status.QUEUED, BackgroundJob.Status.RUNNING)


# --- Inputs of the algorithm ------------------------------------------------------------------


def _features(panel):
    return list(panel.features.prefetch_related("values").order_by("order", "pk"))


def quotas_of(*, panel, features=None):
    """The panel's quotas as the algorithm takes them: one per feature value."""
    features = _features(panel) if features is None else features
    return [sortition.Quota(feature.name, value.name, value.min, value.max)
            for feature in features for value in feature.values.all()]


def _answers(respondent, features):
    """{feature name: value name} of one respondent; unknown answers are left out (the
    algorithm then reports the person as incomplete)."""
    result = {}
    for feature in features:
        chosen = respondent.answers.get(str(feature.pk), respondent.answers.get(feature.pk))
        for value in feature.values.all():
            if chosen is not None and str(value.pk) == str(chosen):
                result[feature.name] = value.name
    return result


def people_of(*, panel, respondents=None, features=None):
    """The respondents as the algorithm's people, identified by their pseudonym."""
    features = _features(panel) if features is None else features
    respondents = panel.respondents.all() if respondents is None else respondents
    return [sortition.Respondent(id=r.pseudonym, features=_answers(r, features),
                                 household=r.household or None)
            for r in respondents]


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


def computation_running(*, panel):
    return panel.selections.filter(job__status__in=_UNFINISHED).exists()


def panel_drawn(*, panel):
    return panel.selections.filter(kind=Selection.Kind.PANEL, drawn_at__isnull=False).exists()


def selection_start(*, panel, started_by, kind=Selection.Kind.PANEL):
    """Queue the computation of a lottery (a background job); returns the new Selection."""
    from .jobs import COMPUTE_LOTTERY_TITLE, REPLACEMENT_TITLE

    if panel.erased_at:
        raise DomainError(_("The personal data of this panel has been erased; no lottery can "
                            "be computed any more."))
    with transaction.atomic():
        Panel.objects.select_for_update().get(pk=panel.pk)  # one start at a time
        if computation_running(panel=panel):
            raise DomainError(_("A lottery is being computed already. Please wait until it "
                                "has finished."))
        if kind == Selection.Kind.PANEL:
            if panel_drawn(panel=panel):
                raise DomainError(_("The panel has already been drawn. If members drop out, "
                                    "draw replacements."))
            if not panel.respondents.exists():
                raise DomainError(_("Nobody has registered yet."))
        elif kind == Selection.Kind.REPLACEMENT:
            if not panel_drawn(panel=panel):
                raise DomainError(_("Replacements can only be drawn after the panel has been "
                                    "drawn."))
            _current, dropped, _excluded_ = _replacement_plan(panel, list(panel.respondents.all()))
            if not dropped:
                raise DomainError(_("Nobody has dropped out who has not been replaced yet."))
        else:
            raise ValueError(f"unknown kind {kind!r}")
        selection = Selection.objects.create(panel=panel, kind=kind, algorithm=panel.algorithm,
                                             started_by=started_by)
        title = REPLACEMENT_TITLE if kind == Selection.Kind.REPLACEMENT else COMPUTE_LOTTERY_TITLE
        selection.job = job_start(kind=COMPUTE_LOTTERY, title=f"{title}: {panel.title}",
                                  arguments={"selection_id": selection.pk},
                                  started_by=started_by, municipality=panel.municipality)
        selection.save(update_fields=["job"])
    return selection


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


def problem_text(error):
    """What to tell the managers when no lottery can be computed."""
    if isinstance(error, sortition.InfeasibleQuotas):
        lines = [_("No panel meets all quotas."), ""]
        lines += [f"- {conflict}" for conflict in error.conflicts]
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


def selection_compute(*, selection, progress=None):
    """The job's work: compute the lottery (no seed yet) and store its audit record.

    When no panel meets the quotas, `selection.problem` says why and what would help, and a
    DomainError with that text fails the job; nothing else changes.
    """
    if selection.is_computed:
        # Its SHA-256 may be public already: a published lottery is never replaced.
        raise DomainError(_("This lottery has already been computed."))
    panel = selection.panel
    features = _features(panel)
    respondents = list(panel.respondents.all())
    quotas = quotas_of(panel=panel, features=features)
    people = people_of(panel=panel, respondents=respondents, features=features)

    def report(fraction, _message):
        if progress is not None:
            progress(int(max(0.0, min(1.0, fraction)) * 100), 100)

    common = dict(algorithm=selection.algorithm, households=panel.one_per_household,
                  pseudonyms={p.id: p.id for p in people}, progress=report)
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
        selection.audit = result.audit
        selection.quota_table = _quota_table(panel, features, respondents, eligible)
        selection.problem = ""
        selection.save(update_fields=["audit", "quota_table", "problem"])
        if selection.kind == Selection.Kind.PANEL:
            for respondent in respondents:
                respondent.probability = result.probabilities.get(respondent.pseudonym)
            Respondent.objects.bulk_update(respondents, ["probability"])
    return selection


# --- The draw ---------------------------------------------------------------------------------


def selection_draw(*, selection, seed):
    """Draw the panel of a computed lottery with the seed announced in advance, and set the
    respondents' states: selected and not selected, or for replacements the new members."""
    with transaction.atomic():
        selection = Selection.objects.select_for_update().select_related("panel").get(
            pk=selection.pk)
        panel = selection.panel
        if not selection.is_computed:
            raise DomainError(_("The lottery has not been computed yet."))
        if selection.is_drawn:
            raise DomainError(_("This lottery has already been drawn."))
        if panel.erased_at:
            raise DomainError(_("The personal data of this panel has been erased."))
        if selection.kind == Selection.Kind.PANEL and panel_drawn(panel=panel):
            raise DomainError(_("The panel has already been drawn."))
        newer = panel.selections.filter(kind=selection.kind, created_at__gt=selection.created_at)
        if newer.exists():
            raise DomainError(_("A newer lottery has been computed; draw that one."))
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
        features = _features(panel)
        if selection.kind == Selection.Kind.PANEL:
            for r in respondents:
                if r.pseudonym in chosen:
                    r.state = SelectionState.SELECTED
                elif r.state == SelectionState.POOL:
                    r.state = SelectionState.NOT_SELECTED
        else:
            for r in respondents:
                if r.pseudonym in chosen and r.state != SelectionState.SELECTED:
                    r.state = SelectionState.SELECTED
                    r.notified_at = None  # they were told "not selected" before
        Respondent.objects.bulk_update(respondents, ["state", "notified_at"])
        answers = {r.pseudonym: _answers(r, features) for r in respondents}
        for row in selection.quota_table:
            row["selected"] = sum(1 for p in chosen
                                  if answers.get(p, {}).get(row["feature"]) == row["value"])
        selection.audit = add_draw(selection.audit, drawn)
        selection.seed = drawn.seed
        selection.drawn_at = timezone.now()
        selection.save(update_fields=["audit", "seed", "drawn_at", "quota_table"])
    return selection


# --- Withdrawals and drop-outs ----------------------------------------------------------------


def _awaiting_draw(panel):
    """The newest lottery is computed (its SHA-256 may be public) but not drawn yet."""
    newest = panel.selections.order_by("-created_at").first()
    return newest is not None and newest.is_computed and not newest.is_drawn


def respondent_withdraw(*, respondent):
    """Someone takes back their registration before the lottery."""
    if respondent.state != SelectionState.POOL:
        raise DomainError(_("Only people who have not been part of a lottery yet can "
                            "withdraw; a selected member who cannot come drops out."))
    if _awaiting_draw(respondent.panel):
        raise DomainError(_("The lottery has been computed and published and waits for its "
                            "draw; it can no longer change. Draw it, then record a drop-out "
                            "if this person is selected."))
    respondent.state = SelectionState.WITHDRAWN
    respondent.save(update_fields=["state"])
    return respondent


def respondent_drop_out(*, respondent):
    """A selected member cannot take part after all; the seat is refilled by a replacement
    selection."""
    if respondent.state != SelectionState.SELECTED:
        raise DomainError(_("Only selected members can drop out."))
    respondent.state = SelectionState.DROPPED_OUT
    respondent.save(update_fields=["state"])
    return respondent


def respondent_mark_notified(*, respondent):
    """Someone without e-mail has been told the result by phone."""
    if respondent.state not in (SelectionState.SELECTED, SelectionState.NOT_SELECTED):
        raise DomainError(_("There is no result to tell yet."))
    respondent.notified_at = timezone.now()
    respondent.save(update_fields=["notified_at"])
    return respondent


# --- Notifications ----------------------------------------------------------------------------


def notifications_start(*, panel, started_by):
    from .jobs import NOTIFY_TITLE

    if not panel_drawn(panel=panel):
        raise DomainError(_("The panel has not been drawn yet."))
    return job_start(kind=NOTIFY, title=f"{NOTIFY_TITLE}: {panel.title}",
                     arguments={"panel_id": panel.pk}, started_by=started_by,
                     municipality=panel.municipality)


def notifications_send(*, panel, progress=None):
    """E-mail the result to everyone selected or not selected who has not been told yet.
    People without an e-mail address are counted for a phone call (the respondents page lists
    them). Returns counts only: the job's result is no place for personal data."""
    if not panel_drawn(panel=panel):
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
        template = ("panels/email/selected" if respondent.state == SelectionState.SELECTED
                    else "panels/email/not_selected")
        try:
            send_to_address(respondent.email, template,
                            {"panel": panel, "respondent": respondent,
                             "municipality": panel.municipality},
                            language=respondent.language)
        except Exception:
            logger.exception("Could not send the lottery result to respondent %s",
                             respondent.pk)
            result["failed"] += 1
        else:
            Respondent.objects.filter(pk=respondent.pk).update(notified_at=timezone.now())
            result["selected" if respondent.state == SelectionState.SELECTED
                   else "not selected"] += 1
        if progress:
            progress(done, total)
    return result
