"""What the internal panel pages have in common: the panel of the URL behind its rule, the
breadcrumbs, and the context every panel page's tabs need."""

from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils.translation import gettext as _

from gemeinsam.core.views import breadcrumbs_for

from . import selectors
from .rules import may


def list_crumbs(municipality, *rest):
    return breadcrumbs_for(municipality, (_("Citizens' panels"), reverse(
        "panels:list", args=[municipality.slug])), *rest)


def panel_crumbs(municipality, panel, *rest):
    return list_crumbs(municipality, (panel.title, reverse(
        "panels:detail", args=[municipality.slug, panel.pk])), *rest)


def panel_for(request, municipality, pk, permission):
    """The panel named in the URL, if the user has `permission` on it."""
    panel = selectors.panel_get(municipality=municipality, pk=pk)
    if not may(request.user, permission, panel):
        raise PermissionDenied  # signed in: municipality_view sent anonymous visitors away
    return panel


def panel_context(request, municipality, panel, **extra):
    return {"municipality": municipality, "panel": panel,
            "can_manage": may(request.user, "panels.manage", panel), **extra}
