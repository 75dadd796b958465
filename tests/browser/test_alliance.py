import datetime

import pytest

from gemeinsam.actors import services
from gemeinsam.actors.models import Actor, Stage
from tests.actors.factories import PersonFactory
from tests.browser.accounts import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
BASE = "/ruesselsheim-am-main/akteure/"



def drag(page, source, target):
    """Drag with the mouse, step by step: Debian's Chromium ignores Playwright's drag_to."""
    target.scroll_into_view_if_needed()
    start, end = source.bounding_box(), target.bounding_box()
    page.mouse.move(start["x"] + 4, start["y"] + 4)
    page.mouse.down()
    page.mouse.move(start["x"] + 30, start["y"] + 30, steps=5)
    page.mouse.move(end["x"] + end["width"] / 2, end["y"] + 40, steps=10)
    page.mouse.up()


def test_a_team_member_builds_up_an_ally(page, municipality, member, check_accessibility):
    log_in(page, member)
    page.goto(BASE)
    page.get_by_role("link", name="Neue Organisation").click()
    page.get_by_label("Name").fill("Bürgerenergie Rüsselsheim eG")
    page.get_by_label("Sektor").select_option(label="Versorgung")
    page.get_by_role("button", name="Speichern").click()
    page.get_by_role("heading", name="Bürgerenergie Rüsselsheim eG").wait_for()

    page.goto(BASE)
    page.get_by_role("link", name="Neue Person").click()
    page.get_by_label("Name:", exact=True).fill("Dana Sommer")
    page.get_by_label("Funktion").fill("Vorstand")
    page.get_by_label("Organisation:", exact=True).select_option(
        label="Bürgerenergie Rüsselsheim eG")
    page.get_by_label("Einwilligung (Art. 6 Abs. 1 lit. a DSGVO)").check()
    page.get_by_label("Einwilligung erteilt am").fill("2026-11-02")
    page.get_by_label("Wortlaut der Einwilligung").fill("Darf vom Lokalteam kontaktiert werden.")
    page.get_by_role("button", name="Speichern").click()
    page.get_by_role("heading", name="Dana Sommer").wait_for()

    page.get_by_label("Macht:", exact=True).select_option("4")
    page.get_by_label("Interesse:", exact=True).select_option("5")
    page.get_by_label("Haltung zum Klimaschutz").select_option(label="Vorreiter:in")
    page.get_by_role("button", name="Bewertung speichern").click()
    assert page.get_by_text("Macht 4 von 5, Interesse 5 von 5").is_visible()
    check_accessibility(page)

    page.get_by_role("link", name="Gespräch festhalten").click()
    page.get_by_label("Kanal").select_option(label="persönlich")
    page.get_by_label("Zusammenfassung").fill("Will Solardächer auf Schulen voranbringen.")
    page.get_by_label("Vereinbarungen").fill("Zum Runden Tisch einladen")
    page.get_by_label("In Phase verschieben").select_option(label="Gespräch geführt")
    page.get_by_role("button", name="Speichern").click()
    assert page.get_by_text("Will Solardächer auf Schulen voranbringen.").is_visible()
    dana = Actor.objects.get(name="Dana Sommer")
    assert dana.stage == Stage.CONVERSATION_HELD and dana.power == 4

    # The board: by keyboard (stage field and button) ...
    page.goto(BASE + "pipeline/")
    check_accessibility(page)
    page.get_by_label("Phase von Dana Sommer").select_option(label="zugesagt")
    page.get_by_role("button", name="Verschieben Dana Sommer").press("Enter")
    page.wait_for_load_state()
    assert Actor.objects.get(pk=dana.pk).stage == Stage.COMMITTED
    # ... and by drag and drop (on a screen wide enough to show every column).
    page.set_viewport_size({"width": 2200, "height": 900})
    drag(page, page.locator(f"#card-{dana.pk}"), page.locator('[data-stage="active_ally"]'))
    page.locator(f'[data-stage="active_ally"] #card-{dana.pk}').wait_for()
    page.wait_for_function("document.querySelector('[data-board-status]').textContent !== ''")
    assert Actor.objects.get(pk=dana.pk).stage == Stage.ACTIVE_ALLY

    page.goto(BASE + "matrix/")
    assert page.get_by_role("link", name="Dana Sommer").first.is_visible()
    check_accessibility(page)


def test_a_position_changes_hands_and_its_history_follows(page, municipality, member,
                                                         administration, check_accessibility):
    position = services.position_create(municipality=municipality, title="Klimaschutzmanager:in",
                                        is_key=True)
    old = PersonFactory(municipality=municipality, name="Dr. Ilse Brandt",
                        legal_basis="legitimate_interest", shared_with_administration=True)
    new = PersonFactory(municipality=municipality, name="Malte Kern",
                        legal_basis="legitimate_interest", shared_with_administration=True)
    services.position_hand_over(position=position, person=old,
                                on=datetime.date(2022, 4, 1),
                                recorded_by=member)
    log_in(page, administration)
    page.goto(f"/ruesselsheim-am-main/verwaltung/positionen/{position.pk}/")
    page.get_by_label("Neue:r Inhaber:in").select_option(label="Malte Kern")
    page.get_by_label("Ab:", exact=True).fill("2026-10-01")
    page.get_by_role("button", name="Festhalten").click()
    rows = page.locator("table tbody tr")
    assert rows.nth(0).inner_text().startswith("Malte Kern")
    assert "Dr. Ilse Brandt" in rows.nth(1).inner_text()
    assert "30.09.2026" in rows.nth(1).inner_text()
    check_accessibility(page)
    assert new.holdings.get().ended_on is None
