"""Every read of a panel, its counts and its features. Counts are aggregate and may be shown to
the whole internal team; nothing here returns a person."""

import hashlib

from django.db.models import Count, IntegerField, OuterRef, Prefetch, Subquery, Value
from django.db.models.functions import Coalesce
from django.http import Http404

from gemeinsam.accounts.models import User
from gemeinsam.core.models import Membership, Role
from gemeinsam.jobs.models import BackgroundJob

from .models import Feature, FeatureValue, Invitation, Panel, Respondent, Selection, SelectionState

COUNT_KEYS = ("letters", "respondents", *SelectionState.values)


def _empty_counts():
    return dict.fromkeys(COUNT_KEYS, 0)


def erased_counts(panel):
    """The counts kept in the panel's report when the personal data were erased."""
    erased = (panel.invitation_report or {}).get("erased") or {}
    counts = _empty_counts()
    counts["letters"] = erased.get("letters", 0)
    for state, number in (erased.get("respondents") or {}).items():
        if state in counts:
            counts[state] = number
    counts["respondents"] = sum(counts[state] for state in SelectionState.values)
    return counts


def panel_get(*, municipality, pk):
    """A panel of this municipality, or 404."""
    try:
        return Panel.objects.select_related("municipality").get(municipality=municipality,
                                                                pk=pk)
    except Panel.DoesNotExist:
        raise Http404 from None


def feature_get(*, municipality, pk):
    try:
        return Feature.objects.select_related("panel__municipality").get(
            panel__municipality=municipality, pk=pk)
    except Feature.DoesNotExist:
        raise Http404 from None


def _count_of(model, **filters):
    """The number of `model` rows of each panel, as a subquery: joining letters and
    respondents in one query would multiply their rows."""
    rows = (model.objects.filter(panel=OuterRef("pk"), **filters).order_by().values("panel")
            .annotate(n=Count("pk")).values("n"))
    return Coalesce(Subquery(rows, output_field=IntegerField()), Value(0))


def panel_list(*, municipality):
    """The municipality's panels, newest deadline first, each with `counts` (see
    panel_counts) — in one query. Returns a list."""
    panels = list(Panel.objects.filter(municipality=municipality).annotate(
        n_letters=_count_of(Invitation), n_respondents=_count_of(Respondent),
        **{f"n_{state}": _count_of(Respondent, state=state) for state in SelectionState.values},
    ))
    for panel in panels:
        if panel.erased_at:
            panel.counts = erased_counts(panel)
        else:
            panel.counts = {"letters": panel.n_letters, "respondents": panel.n_respondents,
                            **{state: getattr(panel, f"n_{state}")
                               for state in SelectionState.values}}
    return panels


def panel_counts(*, panel):
    """{"letters", "respondents", "pool", "selected", "not_selected", "dropped_out",
    "withdrawn"}; after the erasure, the counts recorded then."""
    if panel.erased_at:
        return erased_counts(panel)
    counts = _empty_counts()
    counts["letters"] = panel.invitations.count()
    for state, number in panel.respondents.values_list("state").annotate(n=Count("pk")).order_by():
        counts[state] = number
    counts["respondents"] = sum(counts[state] for state in SelectionState.values)
    return counts


def features_with_values(*, panel):
    """The panel's features in order, each with its values prefetched."""
    return list(panel.features.prefetch_related(
        Prefetch("values", FeatureValue.objects.order_by("order", "pk"))))


def selections_of(*, panel):
    return list(Selection.objects.filter(panel=panel).order_by("-created_at"))


def lottery_computed(*, panel):
    """Whether a lottery has been computed (its SHA-256 may be public) and not cancelled: from
    then on seats, rules, features and quotas are settled."""
    return Selection.objects.filter(panel=panel, cancelled_at__isnull=True).exclude(
        audit={}).exists()


UNFINISHED = (BackgroundJob.Status.QUEUED, BackgroundJob.Status.RUNNING)


def computation_running(*, panel):
    return panel.selections.filter(cancelled_at__isnull=True,
                                   job__status__in=UNFINISHED).exists()


def panel_drawn(*, panel):
    """Whether the panel has been drawn: the one answer to this question for every module."""
    return panel.selections.filter(kind=Selection.Kind.PANEL, drawn_at__isnull=False).exists()


def lottery_awaiting_draw(*, panel):
    """The computed lottery whose SHA-256 may be public and which waits for its draw, or None.

    There is at most one: a new computation is refused while it exists (see selection_start),
    until it is drawn or cancelled with a reason that the public page shows."""
    return (panel.selections.exclude(audit={}).filter(drawn_at__isnull=True,
                                                       cancelled_at__isnull=True)
            .order_by("-created_at").first())


def lottery_in_progress(*, panel):
    """A computation runs or a computed lottery waits for its draw: the pool must not change."""
    return computation_running(panel=panel) or lottery_awaiting_draw(panel=panel) is not None


def lottery_begun(*, panel):
    """A lottery has been computed or is being computed and was not cancelled: registration
    is closed. A reply entered during a computation would be missing from its pool without
    anyone noticing. One that failed (no audit, job over) does not count."""
    return lottery_computed(panel=panel) or computation_running(panel=panel)


def _district_order(row):
    return row["district"] == "", row["district"].casefold()


def _rate(letters, registrations):
    return 100 * registrations / letters if letters else None


def _response_rows(rows):
    districts = [{"district": row["district"], "letters": row["letters"],
                  "registrations": row["registrations"],
                  "rate": _rate(row["letters"], row["registrations"])} for row in rows]
    letters = sum(row["letters"] for row in districts)
    registrations = sum(row["registrations"] for row in districts)
    return {"districts": districts, "letters": letters, "registrations": registrations,
            "rate": _rate(letters, registrations)}


def response_by_district(*, panel):
    """Letters, registrations and the response rate (in %) per district, in one query:
    {"districts": [{"district", "letters", "registrations", "rate"}], "letters",
    "registrations", "rate", "waves": [{"wave", ...the same...}] (only when letters went out
    in more than one wave)}. Counts only; None when no letters exist (or no longer)."""
    rows = list(Invitation.objects.filter(panel=panel).order_by().values("wave", "district")
                .annotate(letters=Count("pk"), registrations=Count("respondent")))
    if not rows:
        return None
    by_district = {}
    for row in rows:
        total = by_district.setdefault(row["district"], {"district": row["district"],
                                                         "letters": 0, "registrations": 0})
        total["letters"] += row["letters"]
        total["registrations"] += row["registrations"]
    result = _response_rows(sorted(by_district.values(), key=_district_order))
    waves = sorted({row["wave"] for row in rows})
    result["waves"] = [] if waves == [1] else [
        {"wave": wave, **_response_rows(sorted((r for r in rows if r["wave"] == wave),
                                               key=_district_order))} for wave in waves]
    return result


def managers_state(*, panel):
    """A fingerprint of who manages the panel: the version of the managers form."""
    pks = sorted(panel.managers.values_list("pk", flat=True))
    return hashlib.sha256(repr(pks).encode()).hexdigest()[:16]


def administration_members(*, municipality):
    """The people who may be made panel managers."""
    return User.objects.filter(
        pk__in=Membership.objects.filter(municipality=municipality, role=Role.ADMINISTRATION)
        .values("user_id")).order_by("display_name", "email")


def has_manager_left(*, panel):
    """True when no manager of the panel is still in the administration: then any member of
    the administration may name new ones."""
    return not panel.managers.filter(
        memberships__municipality=panel.municipality_id,
        memberships__role=Role.ADMINISTRATION).exists()
