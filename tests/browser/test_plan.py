import pytest

from gemeinsam.monitoring import services
from gemeinsam.monitoring.models import Measure
from tests.browser.test_alliance import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
PLAN = "/ruesselsheim-am-main/plan/"

CSV = """Code;Übergeordnet;Handlungsfeld;Titel;Status;Fortschritt;Veröffentlicht
V;;Verkehr;Radverkehr stärken;;;ja
V 1;V;Verkehr;Radschnellweg nach Mainz;geplant;0;ja
V 2;V;Verkehr;Fahrradstraßen in der Innenstadt;in Arbeit;40;ja
""".encode("utf-8-sig")


def test_from_import_to_an_agreed_report_on_the_public_dashboard(
        page, municipality, coordinator, member, administration, check_accessibility):
    services.plan_create(municipality=municipality, title="Klimaschutzkonzept 2035",
                         target_year=2035)

    log_in(page, coordinator)
    page.goto(PLAN + "massnahmen/")
    page.get_by_role("link", name="Importieren").click()
    page.get_by_label("Datei").set_input_files(
        files=[{"name": "plan.csv", "mimeType": "text/csv", "buffer": CSV}])
    page.get_by_role("button", name="Vorschau anzeigen").click()
    page.get_by_role("button", name="Jetzt importieren").click()
    page.get_by_text("Import abgeschlossen").wait_for()
    page.goto(PLAN + "massnahmen/")
    assert page.get_by_role("link", name="V 1 Radschnellweg nach Mainz").is_visible()
    assert Measure.objects.filter(published=True).count() == 3
    page.get_by_role("button", name="Abmelden").click()

    log_in(page, member)
    measure = Measure.objects.get(code="V 1")
    page.goto(f"{PLAN}massnahmen/{measure.pk}/")
    page.get_by_role("link", name="Sachstandsbericht schreiben").click()
    page.get_by_label("Status:", exact=True).select_option(label="in Arbeit")
    page.get_by_label("Fertigstellung in Prozent").fill("15")
    page.get_by_label("Bericht:", exact=True).fill("Die Trasse ist mit Mainz abgestimmt.")
    page.get_by_role("button", name="Speichern").click()
    page.get_by_text("Die Trasse ist mit Mainz abgestimmt.").wait_for()
    page.get_by_role("button", name="Abmelden").click()

    log_in(page, administration)
    page.goto(f"{PLAN}massnahmen/{measure.pk}/")
    page.get_by_role("button", name="Zustimmen").click()
    page.get_by_text("von Verwaltung und Team abgestimmt").wait_for()

    page.get_by_role("button", name="Abmelden").click()

    public = page  # a visitor now: logged out
    public.goto(PLAN)
    assert public.get_by_role("link", name="V 1 Radschnellweg nach Mainz").first.is_visible()
    check_accessibility(public)
    public.goto(f"{PLAN}massnahmen/{measure.pk}/")
    assert public.get_by_text("Die Trasse ist mit Mainz abgestimmt.").is_visible()
    check_accessibility(public)
    public.set_viewport_size({"width": 375, "height": 800})
    check_accessibility(public)
