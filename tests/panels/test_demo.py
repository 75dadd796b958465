"""The demo panels: loaded twice without duplicates, and every page has something to show."""

import pytest
from django.urls import reverse
from django.utils import timezone

from gemeinsam.panels.demo import (
    FIRST_NAMES,
    RESPONDENTS,
    TITLE,
    TITLE_PREPARATION,
    load_panels_demo,
)
from gemeinsam.panels.invitations import waves
from gemeinsam.panels.models import (
    Feature,
    FeatureValue,
    Invitation,
    Panel,
    Respondent,
    Selection,
    SelectionState,
    format_code,
)
from gemeinsam.panels.registration import invitation_for_code

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


def test_demo_course_of_the_drawn_panel_is_in_order(municipality, loaded):
    panel = Panel.objects.get(title=TITLE)
    selection = panel.selections.select_related("job").get()
    today = timezone.localdate()
    local = timezone.localdate
    letters_drawn = waves(panel)[0]["drawn_at"]
    assert local(panel.created_at) < local(letters_drawn) < panel.registration_deadline < today
    assert set(panel.invitations.values_list("created_at", flat=True)) == {letters_drawn}
    registered = list(panel.respondents.values_list("created_at", "consent_at"))
    assert all(letters_drawn < created == consent and local(created) <= panel.registration_deadline
               for created, consent in registered)
    # Computed the day after the deadline, drawn on the announced date, told the day after.
    assert local(selection.created_at) > panel.registration_deadline
    assert selection.job.created_at <= selection.job.finished_at < selection.drawn_at
    assert local(selection.drawn_at) == panel.selection_date
    notified = set(panel.respondents.exclude(notified_at=None).values_list("notified_at",
                                                                           flat=True))
    assert notified and all(local(moment) > panel.selection_date for moment in notified)
    assert selection.job.status == "succeeded"


def test_demo_answers_match_the_register(municipality, loaded):
    panel = Panel.objects.get(title=TITLE)
    gender = Feature.objects.get(panel=panel, name="Geschlecht")
    names = {value.pk: value.name for value in gender.values.all()}
    women_only = set(FIRST_NAMES["Frau"]) - set(FIRST_NAMES["Herr"]) - set(FIRST_NAMES[""])
    answers = [names[int(r.answers[str(gender.pk)])] for r in panel.respondents.all()
               if r.first_name in women_only]
    assert answers and set(answers) == {"weiblich"}


def test_demo_panel_in_preparation_takes_registrations(municipality, loaded, client_for):
    panel = Panel.objects.get(title=TITLE_PREPARATION)
    assert panel.registration_deadline > timezone.localdate()
    assert panel.invitations.count() == panel.letters_planned
    assert not panel.invitations.filter(last_name="").exists()  # the letters can be printed
    assert all(f.question_en and f.question_easy for f in panel.features.all())
    # Every group that stands for a seat has one; the quotas can be met together.
    for value in FeatureValue.objects.filter(feature__panel=panel):
        assert value.min <= value.max
        if value.population_share * panel.seats / 100 >= 1:
            assert value.min >= 1, value
    letter = panel.invitations.first()
    assert invitation_for_code(code=format_code(letter.code), municipality=municipality) == letter
    response = client_for(None).post(reverse("panels:register", args=[municipality.slug]),
                                     {"code": format_code(letter.code)})
    assert response.status_code == 302
    manager = loaded[0]
    csv = client_for(manager).get(reverse("panels:letters_csv",
                                          args=[municipality.slug, panel.pk]))
    assert csv.status_code == 200 and format_code(letter.code) in csv.content.decode("utf-8-sig")
