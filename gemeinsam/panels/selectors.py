"""Every read of a panel, its counts and its features. Counts are aggregate and may be shown to
the whole internal team; nothing here returns a person."""

from django.db.models import Count, Prefetch, Q
from django.http import Http404

from gemeinsam.accounts.models import User
from gemeinsam.core.models import Membership, Role

from .models import Feature, FeatureValue, Panel, Selection, SelectionState

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


def panel_list(*, municipality):
    """The municipality's panels, newest deadline first, each with `counts` (see
    panel_counts) — in a constant number of queries. Returns a list."""
    state_counts = {
        state: Count("respondents", filter=Q(respondents__state=state), distinct=True)
        for state in SelectionState.values
    }
    panels = list(Panel.objects.filter(municipality=municipality).annotate(
        n_letters=Count("invitations", distinct=True),
        n_respondents=Count("respondents", distinct=True),
        **{f"n_{state}": count for state, count in state_counts.items()},
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
