"""A visitor filters the Termintipps and subscribes to exactly what they see."""

from urllib.parse import parse_qs, urlsplit

import icalendar
import pytest

from tests.participation.events_factories import event, local

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
BASE = "/ruesselsheim-am-main/"


def test_filter_the_events_and_subscribe_to_exactly_them(page, municipality,
                                                          check_accessibility):
    event(municipality, "Repair-Café am ersten Samstag", starts_at=local(2030, 3, 2, 10),
          categories=["repair-cafe"], recurrence="FREQ=MONTHLY;BYDAY=1SA")
    event(municipality, "Fahrräder flicken am Mainufer", starts_at=local(2030, 4, 17, 16),
          categories=["repair-cafe", "mobilitaet"])
    event(municipality, "Pflanzentausch im Garten", starts_at=local(2030, 3, 15),
          ends_at=None, all_day=True, categories=["gemeinschaftsgarten"])
    event(municipality, "Repair-Café im Herbst", starts_at=local(2030, 10, 5, 10),
          categories=["repair-cafe"])

    page.goto(f"{BASE}termine/")
    check_accessibility(page)
    page.locator("#id_von").fill("2030-03-01")
    page.locator("#id_bis").fill("2030-05-31")
    page.locator("input[name=kategorie][value=repair-cafe]").check()
    page.locator("#event-filter button[type=submit]").click()
    page.wait_for_url("**/termine/?*")

    results = page.locator("#event-results")
    titles = set(results.locator("h4 a").all_inner_texts())
    assert titles == {"Repair-Café am ersten Samstag", "Fahrräder flicken am Mainufer"}
    # The monthly series shows its dates in March, April and May.
    assert results.locator("h4 a", has_text="Repair-Café am ersten Samstag").count() == 3
    check_accessibility(page)

    page_query = parse_qs(urlsplit(page.url).query)
    assert page_query["kategorie"] == ["repair-cafe"] and page_query["von"] == ["2030-03-01"]
    href = page.locator("#subscribe-feed").get_attribute("href")
    link = urlsplit(href)
    assert link.path == f"{BASE}termine.ics"
    assert parse_qs(link.query) == page_query
    assert page.locator("#subscribe-webcal").get_attribute("href") == href.replace(
        "http://", "webcal://", 1)

    response = page.request.get(href)
    assert response.ok
    assert response.headers["content-type"] == "text/calendar; charset=utf-8"
    calendar = icalendar.Calendar.from_ical(response.body())
    assert {str(component["SUMMARY"]) for component in calendar.walk("VEVENT")} == titles

    # The month view keeps the filter and is accessible too.
    page.locator("nav.tabs a").nth(1).click()
    page.wait_for_url("**ansicht=monat**")
    grid = page.locator("table.events-month")
    assert grid.locator("a", has_text="Repair-Café am ersten Samstag").count() == 1
    assert grid.locator("a", has_text="Pflanzentausch").count() == 0
    check_accessibility(page)
    month_feed = parse_qs(urlsplit(page.locator("#subscribe-feed").get_attribute("href")).query)
    assert month_feed == parse_qs(urlsplit(page.url).query)


def test_the_event_page_the_map_and_the_proposal_form_are_accessible(page, municipality,
                                                                      check_accessibility):
    repair = event(municipality, "Repair-Café am ersten Samstag",
                   starts_at=local(2030, 3, 2, 10), categories=["repair-cafe"],
                   recurrence="FREQ=MONTHLY;BYDAY=1SA", cost="kostenlos")
    page.goto(f"{BASE}termine/karte/?von=2030-03-01&bis=2030-05-31")
    page.wait_for_selector("#event-map[data-count='1']")
    check_accessibility(page)
    page.goto(f"{BASE}termine/{repair.pk}/")
    assert page.locator("script[type='application/ld+json']").count() == 1
    check_accessibility(page)
    page.goto(f"{BASE}termine/vorschlagen/")
    check_accessibility(page)
    # Sent empty, the form says what is missing and stays accessible.
    page.locator("form.propose button[type=submit]").click()
    page.wait_for_load_state()
    assert page.locator(".errorlist").count() >= 2
    check_accessibility(page)
