"""Every page of the monitoring for every kind of person: who gets in, who is sent to log in,
who is refused, and whose pages of another municipality are not found."""

import pytest
from django.urls import reverse

from gemeinsam.monitoring import services

pytestmark = pytest.mark.django_db
PEOPLE = ["anonymous", "signed_in_user", "member", "coordinator", "administration", "outsider",
          "platform_admin"]
INTERNAL = {"member", "coordinator", "administration", "platform_admin"}
MANAGERS = {"coordinator", "administration", "platform_admin"}
IMPORTERS = {"coordinator", "platform_admin"}

# page: (url name, needs a measure, who may open it; None = everyone)
PAGES = {
    "dashboard": ("dashboard", False, None),
    "measures": ("measures", False, None),
    "measure": ("measure", True, None),
    "stuck": ("stuck", False, None),
    "export": ("export", False, None),
    "settings": ("plan_settings", False, MANAGERS),
    "new measure": ("measure_create", False, INTERNAL),
    "edit": ("measure_edit", True, INTERNAL),
    "report": ("report_create", True, INTERNAL),
    "blocker": ("blocker_create", True, INTERNAL),
    "history": ("measure_history", True, INTERNAL),
    "suggestions": ("suggestions", False, INTERNAL),
    "indicators": ("indicators", False, MANAGERS),
    "import": ("import", False, IMPORTERS),
}


@pytest.fixture
def measure(municipality):
    plan = services.plan_create(municipality=municipality, title="KAP", target_year=2035)
    return services.measure_create(plan=plan, code="1", title="PV", published=True)


@pytest.mark.parametrize("who", PEOPLE)
@pytest.mark.parametrize("page", PAGES)
def test_who_may_open_which_page(page, who, measure, client_for, request):
    name, with_measure, allowed = PAGES[page]
    args = [measure.plan.municipality.slug] + ([measure.pk] if with_measure else [])
    if name == "export":
        args.append("csv")
    user = None if who == "anonymous" else request.getfixturevalue(who)
    status = client_for(user).get(reverse(f"monitoring:{name}", args=args)).status_code
    if allowed is None or who in allowed:
        assert status == 200
    elif who == "anonymous":
        assert status == 302
    else:
        assert status == 403


@pytest.mark.parametrize("page", [p for p in PAGES if PAGES[p][1]])
def test_a_measure_of_another_municipality_is_not_found(page, measure, other_municipality,
                                                        platform_admin, client_for):
    other = services.plan_create(municipality=other_municipality, title="Konstanz")
    foreign = services.measure_create(plan=other, code="1", title="Fremd", published=True)
    name = PAGES[page][0]
    response = client_for(platform_admin).get(
        reverse(f"monitoring:{name}", args=[measure.plan.municipality.slug, foreign.pk]))
    assert response.status_code == 404
