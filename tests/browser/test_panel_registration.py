import datetime

import pytest
from django.core import mail
from django.utils import timezone

from gemeinsam.panels.models import Invitation, Panel, Respondent
from tests.browser.accounts import log_in
from tests.panels.factories import make_registration_panel

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
BASE = "/ruesselsheim-am-main/buergerrat-anmeldung/"


@pytest.fixture
def panel(municipality, administration):
    panel = make_registration_panel(municipality=municipality, created_by=administration)
    Invitation.objects.create(panel=panel, code="ABCDEFGHJ", household="h-1")
    return panel


def submit(page):
    page.locator("main form[method=post] button[type=submit]").click()
    page.wait_for_load_state()


def test_a_resident_registers_with_the_code_from_the_letter(page, panel,
                                                           check_accessibility):
    # The link in the letter carries the code; the field is filled in already.
    page.goto(f"{BASE}?code=ABC-DEF-GHJ")
    assert page.locator("#id_code").input_value() == "ABC-DEF-GHJ"
    check_accessibility(page)

    # A mistyped code is refused, the typing is kept and the summary leads to the field.
    page.locator("#id_code").fill("abc-def-ghk")
    submit(page)
    assert page.locator("#id_code").input_value() == "abc-def-ghk"
    assert page.locator(".error-summary a[href='#id_code']").count() == 1
    check_accessibility(page)

    page.locator("#id_code").fill("abc def ghj")
    submit(page)
    page.wait_for_url(f"**{BASE}fragebogen/")
    assert page.locator("h1").inner_text() == panel.title
    check_accessibility(page)

    # Sent half-filled: the errors are listed and what was typed stays.
    page.get_by_role("group", name="In welchem Stadtteil wohnen Sie?").get_by_label(
        "Königstädten").check()
    page.locator("#id_first_name").fill("Erika")
    page.locator("#id_needs").fill("Kinderbetreuung")
    submit(page)
    summary = page.locator(".error-summary")
    assert summary.locator("a[href^='#id_feature_']").count() == 1
    assert summary.locator("a[href='#id_consent']").count() == 1
    assert page.locator("#id_first_name").input_value() == "Erika"
    assert page.locator("#id_needs").input_value() == "Kinderbetreuung"
    assert page.get_by_label("Königstädten").is_checked()
    check_accessibility(page)
    summary.locator("a[href='#id_last_name']").click()
    assert page.evaluate("document.activeElement.id") == "id_last_name"

    page.get_by_role("group", name="Wie alt sind Sie?").get_by_label("30 bis 59 Jahre").check()
    page.locator("#id_available_0").check()
    page.locator("#id_last_name").fill("Mustermann")
    page.locator("#id_email").fill("erika@example.org")
    page.locator("#id_consent").check()
    submit(page)
    page.wait_for_url(f"**{BASE}danke/")

    respondent = Respondent.objects.get()
    assert respondent.last_name == "Mustermann" and respondent.available
    assert respondent.pseudonym in page.locator("main").inner_text()
    assert "Mustermann" not in page.content()
    check_accessibility(page)
    [sent] = mail.outbox
    assert sent.to == ["erika@example.org"] and respondent.pseudonym in sent.body

    # The code is spent.
    page.goto(f"{BASE}?code=ABC-DEF-GHJ")
    submit(page)
    assert page.locator(".error-summary").count() == 1
    assert Respondent.objects.count() == 1


def test_the_easy_language_form_is_accessible(page, panel, check_accessibility):
    page.goto(f"{BASE}?code=ABC-DEF-GHJ")
    page.get_by_role("link", name="Leichte Sprache").click()
    page.wait_for_load_state()
    assert page.locator("#id_code").input_value() == "ABC-DEF-GHJ"
    check_accessibility(page)
    submit(page)
    page.wait_for_url(f"**{BASE}fragebogen/")
    submit(page)
    assert page.locator(".error-summary li").count() >= 4
    check_accessibility(page)
    page.get_by_role("link", name="English").click()
    page.wait_for_load_state()
    assert page.locator("html").get_attribute("lang") == "en"
    check_accessibility(page)



def test_the_office_types_in_replies_on_paper(page, panel, administration,
                                             check_accessibility):
    # A late reply on paper, after the deadline: the office may still enter it.
    Panel.objects.filter(pk=panel.pk).update(
        registration_deadline=timezone.localdate() - datetime.timedelta(days=2))
    Invitation.objects.create(panel=panel, code="KLMNPQRST", household="h-2")
    log_in(page, administration)
    office = f"/ruesselsheim-am-main/buergerraete/{panel.pk}/antwort-eintragen/"
    page.goto(office)
    assert page.evaluate("document.activeElement.id") == "id_code"
    check_accessibility(page)

    # Sent incomplete: the summary lists the errors and the typing stays.
    page.locator("#id_code").fill("abc-def-ghj")
    page.locator("#id_first_name").fill("Erika")
    submit(page)
    assert page.locator(".error-summary a[href='#id_consent']").count() == 1
    assert page.locator("#id_code").input_value() == "abc-def-ghj"
    check_accessibility(page)

    page.get_by_role("group", name="Wie alt sind Sie?").get_by_label("60 Jahre und älter").check()
    page.get_by_role("group", name="In welchem Stadtteil wohnen Sie?").get_by_label(
        "Innenstadt").check()
    page.locator("#id_available_0").check()
    page.locator("#id_last_name").fill("Mustermann")
    page.locator("#id_phone").fill("06142 12345")
    page.locator("#id_consent").check()
    submit(page)
    page.wait_for_url(f"**{office}")
    respondent = Respondent.objects.get()
    assert respondent.form_variant == "office"
    assert respondent.pseudonym in page.locator(".messages").inner_text()
    assert page.locator("#id_code").input_value() == ""  # ready for the next reply
    check_accessibility(page)

    # A code already used is refused at its field.
    page.locator("#id_code").fill("ABC-DEF-GHJ")
    submit(page)
    assert page.locator(".error-summary a[href='#id_code']").count() == 1
    check_accessibility(page)
