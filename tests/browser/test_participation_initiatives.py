import re

import pytest
from django.core import mail

from gemeinsam.participation import services
from gemeinsam.participation.models import EntryStatus, Initiative
from tests.browser.test_meetings import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
BASE = "/ruesselsheim-am-main/mitmachen/"
CONTACT = "team@repair-koenigstaedten.example.org"
MARKERS = "#initiative-map .participation-marker, #initiative-map .participation-cluster"


def test_a_proposal_is_moderated_shown_on_the_map_and_contacted(page, municipality, member,
                                                                check_accessibility):
    categories = {c.slug: c for c in services.categories_ensure(municipality=municipality)}
    services.entry_create(model=Initiative, municipality=municipality, fields={
        "name": "Gemeinschaftsgarten Dicker Busch", "latitude": 49.985, "longitude": 8.405},
        categories=[categories["gemeinschaftsgarten"]])

    # A visitor proposes an initiative and picks its place on the map.
    page.goto(f"{BASE}vorschlagen/")
    page.locator("#id_name").fill("Repair-Café Königstädten")
    page.locator(f"#id_categories input[value='{categories['repair-cafe'].pk}']").check()
    page.locator("#id_description").fill("Wir reparieren **gemeinsam** Toaster und Fahrräder.")
    page.locator("#id_address").fill("Ringstraße 40, 65428 Rüsselsheim am Main")
    page.locator("#place-picker.leaflet-container").click(position={"x": 200, "y": 120})
    latitude = float(page.locator("#id_latitude").input_value())
    longitude = float(page.locator("#id_longitude").input_value())
    assert 49 < latitude < 51 and 8 < longitude < 9
    page.locator("#id_opening_hours").fill("Jeden ersten Samstag, 10–13 Uhr")
    page.locator("#id_contact_email").fill(CONTACT)
    page.locator("#id_proposer_email").fill("vorschlag@example.org")
    page.locator("#id_consent").check()
    check_accessibility(page)
    page.locator("form.propose button[type=submit]").click()
    page.wait_for_url(f"**{BASE}")
    initiative = Initiative.objects.get(name="Repair-Café Königstädten")
    assert initiative.status == EntryStatus.PROPOSED
    assert (round(initiative.latitude, 6), round(initiative.longitude, 6)) == (latitude,
                                                                               longitude)
    assert "Repair-Café Königstädten" not in page.locator("#initiative-list").inner_text()
    [receipt] = mail.outbox
    assert re.search(r"/mitmachen/initiativen/bearbeiten/\S+/", receipt.body)

    # A team member accepts it in the moderation queue.
    log_in(page, member)
    page.goto(f"{BASE}moderation/")
    check_accessibility(page)
    page.locator(f"form[action$='/moderation/initiative/{initiative.pk}/'] "
                 "button[value=accept]").click()
    page.wait_for_load_state()
    initiative.refresh_from_db()
    assert initiative.status == EntryStatus.PUBLISHED

    # The public sees it on the map and in the list beside it.
    page.context.clear_cookies()
    page.goto(BASE)
    page.locator(MARKERS).first.wait_for()
    assert "Repair-Café Königstädten" in page.locator("#initiative-list").inner_text()
    page.locator("#initiative-map[data-count='2']").wait_for(state="attached")
    assert re.fullmatch(r"#\d+/-?\d+\.\d+/-?\d+\.\d+", page.evaluate("location.hash"))
    check_accessibility(page)

    # Filtering by category updates map and list in place.
    page.locator("#kategorie-foodsharing").check()
    page.locator("#initiative-map[data-count='0']").wait_for(state="attached")
    page.locator("#initiative-list .card").first.wait_for(state="detached")
    assert "kategorie=foodsharing" in page.url
    page.locator("#kategorie-foodsharing").uncheck()
    page.locator("#kategorie-repair-cafe").check()
    page.locator("#initiative-map[data-count='1']").wait_for(state="attached")
    page.locator("#initiative-list a", has_text="Repair-Café Königstädten").wait_for()

    # A permalink restores the view.
    page.goto(f"{BASE}#15/49.97000/8.44000")
    page.locator(MARKERS).first.wait_for(state="attached")
    page.locator("#initiative-map[data-count='2']").wait_for(state="attached")
    assert page.evaluate("location.hash") == "#15/49.97000/8.44000"

    # A visitor writes to the initiative without ever seeing its address.
    page.locator("#initiative-list a", has_text="Repair-Café Königstädten").click()
    page.wait_for_url(f"**/mitmachen/initiativen/{initiative.pk}/")
    page.locator("#id_name").fill("Mara Besucherin")
    page.locator("#id_email").fill("mara@example.net")
    page.locator("#id_message").fill("Kann ich meinen Toaster mitbringen?")
    check_accessibility(page)
    page.locator("form.participation-contact button[type=submit]").click()
    page.wait_for_load_state()
    message = mail.outbox[-1]
    assert message.to == [CONTACT] and message.reply_to == ["mara@example.net"]
    assert "Kann ich meinen Toaster mitbringen?" in message.body
    assert CONTACT not in page.content()
    assert page.locator(".message--success").count() == 1


def test_coordinators_shape_the_categories_and_edit_initiatives(page, municipality, coordinator,
                                                                check_accessibility):
    categories = {c.slug: c for c in services.categories_ensure(municipality=municipality)}
    initiative = services.entry_create(model=Initiative, municipality=municipality, fields={
        "name": "Lastenrad Emil", "latitude": 49.99, "longitude": 8.41},
        categories=[categories["lastenrad"]])
    log_in(page, coordinator)
    page.goto(f"{BASE}kategorien/")
    check_accessibility(page)
    page.locator(f"a[href$='/kategorien/{categories['lastenrad'].pk}/']").click()
    page.locator("#id_name_en").fill("Cargo bikes")
    page.locator("main form[method=post] button[type=submit]").first.click()
    page.wait_for_url(f"**{BASE}kategorien/")
    categories["lastenrad"].refresh_from_db()
    assert categories["lastenrad"].name_en == "Cargo bikes"

    page.goto(f"{BASE}initiativen/{initiative.pk}/bearbeiten/")
    page.locator(".participation-picker .participation-marker").wait_for()
    check_accessibility(page)
    page.locator("#id_latitude").fill("49.995")
    page.locator("#id_opening_hours").fill("Ausleihe rund um die Uhr")
    page.locator("form.participation-form button[type=submit]").click()
    page.wait_for_url(f"**{BASE}initiativen/{initiative.pk}/")
    initiative.refresh_from_db()
    assert (initiative.latitude, initiative.opening_hours) == (49.995,
                                                               "Ausleihe rund um die Uhr")
    check_accessibility(page)
