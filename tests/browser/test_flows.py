import re

import pytest
from django.core import mail

from gemeinsam.core import services
from gemeinsam.core.models import Membership, Role
from tests.factories import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_sign_up_through_an_invitation(page, municipality, coordinator):
    services.invitation_create(
        municipality=municipality, email="neu@example.org", role=Role.MEMBER,
        invited_by=coordinator, build_url=lambda token: f"/einladung/{token}/",
    )
    link = re.search(r"/einladung/[\w-]+/", mail.outbox[-1].body)[0]

    page.goto(link)
    page.get_by_label("Name").fill("Aylin Demir")
    page.get_by_label("Passwort:", exact=True).fill(PASSWORD)
    page.get_by_label("Passwort (wiederholen)").fill(PASSWORD)
    page.get_by_role("button", name="Konto anlegen und beitreten").click()

    page.wait_for_url("**/ruesselsheim-am-main/")
    assert page.get_by_role("link", name="Mitglieder").is_visible()
    assert Membership.objects.get(user__email="neu@example.org").role == Role.MEMBER


def test_log_in_and_switch_language(page, municipality, member):
    page.goto("/konto/login/")
    page.get_by_label("E-Mail-Adresse").fill(member.email)
    page.get_by_label("Passwort").fill(PASSWORD)
    page.get_by_role("button", name="Anmeldung").click()
    page.wait_for_url("**/")
    assert page.get_by_role("button", name="Abmelden").is_visible()

    page.get_by_role("button", name="English").click()
    page.wait_for_load_state()
    assert page.locator("html").get_attribute("lang") == "en"
    assert page.get_by_role("button", name="Log out").is_visible()
    page.get_by_role("button", name="Deutsch").click()
    page.wait_for_load_state()
    assert page.locator("html").get_attribute("lang") == "de"


@pytest.mark.parametrize("path", ["/", "/ruesselsheim-am-main/", "/konto/login/"])
def test_public_pages_have_no_serious_accessibility_violations(page, municipality,
                                                               check_accessibility, path):
    page.goto(path)
    check_accessibility(page)
    page.set_viewport_size({"width": 375, "height": 800})  # a phone
    check_accessibility(page)


def test_members_page_is_accessible(page, municipality, coordinator, member, check_accessibility):
    page.goto("/konto/login/")
    page.get_by_label("E-Mail-Adresse").fill(coordinator.email)
    page.get_by_label("Passwort").fill(PASSWORD)
    page.get_by_role("button", name="Anmeldung").click()
    page.wait_for_url("**/")
    page.goto("/ruesselsheim-am-main/mitglieder/")
    assert page.get_by_role("cell", name=member.display_name, exact=True).is_visible()
    check_accessibility(page)
