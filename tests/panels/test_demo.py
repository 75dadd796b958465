"""The demo panels: loaded twice without duplicates, and every page has something to show."""

import pytest
from django.urls import reverse

from gemeinsam.panels.demo import RESPONDENTS, TITLE, TITLE_PREPARATION, load_panels_demo
from gemeinsam.panels.models import Invitation, Panel, Respondent, Selection, SelectionState

from .factories import administration_member

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def loaded(municipality, administration, mailoutbox):
    managers = [administration, administration_member(municipality)]
    load_panels_demo(municipality, managers)
    return managers


def test_demo_loads_twice_without_duplicates(municipality, loaded, mailoutbox):
    counts = (Panel.objects.count(), Invitation.objects.count(), Respondent.objects.count(),
              Selection.objects.count())
    load_panels_demo(municipality, loaded)
    assert (Panel.objects.count(), Invitation.objects.count(), Respondent.objects.count(),
            Selection.objects.count()) == counts
    assert counts[0] == 2
    assert not mailoutbox  # nobody is written to


def test_demo_panel_is_drawn(municipality, loaded):
    panel = Panel.objects.get(title=TITLE)
    assert set(panel.managers.all()) == set(loaded)
    assert panel.invitations.count() == panel.letters_planned == 300
    assert panel.respondents.count() == RESPONDENTS
    assert panel.features.count() == 4
    selection = panel.selections.get()
    assert selection.is_drawn and selection.digest
    states = {state: panel.respondents.filter(state=state).count()
              for state in SelectionState.values}
    assert states["selected"] + states["dropped_out"] == 30 and states["dropped_out"] == 1
    assert states["not_selected"] == RESPONDENTS - 30
    assert Panel.objects.get(title=TITLE_PREPARATION).features.count() == 3


def test_demo_fills_every_page(municipality, loaded, client_for):
    manager = loaded[0]
    panel = Panel.objects.get(title=TITLE)
    selection = panel.selections.get()
    respondent = panel.respondents.filter(state=SelectionState.SELECTED).first()
    client = client_for(manager)
    pages = [
        reverse("panels:list", args=[municipality.slug]),
        *(reverse(f"panels:{name}", args=[municipality.slug, panel.pk]) for name in (
            "detail", "edit", "managers", "features", "quotas", "erase", "invitations",
            "respondents", "selection")),
        reverse("panels:respondent", args=[municipality.slug, respondent.pk]),
        reverse("panels:selection_report", args=[municipality.slug, selection.pk]),
        reverse("panels:public_list", args=[municipality.slug]),
        reverse("panels:public_detail", args=[municipality.slug, panel.pk]),
        reverse("panels:audit", args=[municipality.slug, selection.pk]),
    ]
    for page in pages:
        response = client.get(page)
        assert response.status_code == 200, page
    detail = client.get(pages[1])
    assert detail.context["counts"]["selected"] == 29
    assert "Alter" in client.get(pages[5]).content.decode()
