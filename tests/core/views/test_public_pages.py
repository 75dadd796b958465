import pytest
from django.urls import reverse

from tests.factories import MembershipFactory, MunicipalityFactory


@pytest.mark.django_db
def test_start_page_explains_in_german_and_lists_spaces(client, municipality, other_municipality):
    response = client.get("/")
    html = response.content.decode()
    assert response.status_code == 200
    assert '<html lang="de">' in html
    assert "Klimaneutralität" in html
    assert 'href="/ruesselsheim-am-main/"' in html and 'href="/konstanz/"' in html


@pytest.mark.django_db
def test_language_switch_to_english_and_back(client, municipality):
    response = client.post(reverse("set_language"), {"language": "en", "next": "/"}, follow=True)
    html = response.content.decode()
    assert '<html lang="en">' in html
    assert "climate neutrality" in html
    assert ">Deutsch</button>" in html
    response = client.post(reverse("set_language"), {"language": "de", "next": "/"}, follow=True)
    assert '<html lang="de">' in response.content.decode()


@pytest.mark.django_db
def test_overview_is_public_and_shows_no_personal_data(client, municipality, coordinator,
                                                        administration):
    response = client.get("/ruesselsheim-am-main/")
    html = response.content.decode()
    assert response.status_code == 200
    assert "<h1>Rüsselsheim am Main</h1>" in html
    for person in (coordinator, administration):
        assert person.display_name not in html
        assert person.email not in html
    assert "/ruesselsheim-am-main/mitglieder/" not in html  # internal section hidden


@pytest.mark.django_db
def test_member_sees_the_internal_section_in_the_navigation(client_for, municipality, member):
    html = client_for(member).get("/ruesselsheim-am-main/").content.decode()
    assert 'href="/ruesselsheim-am-main/mitglieder/"' in html
    assert 'aria-current="page"' in html


@pytest.mark.django_db
def test_unknown_municipality_is_404(client, db):
    response = client.get("/nirgendwo/")
    assert response.status_code == 404
    assert "Seite nicht gefunden" in response.content.decode() or \
        "Page not found" in response.content.decode()


@pytest.mark.django_db
def test_start_page_query_count_does_not_grow_with_spaces(client, django_assert_num_queries,
                                                           municipality):
    with django_assert_num_queries(1):
        client.get("/")
    for _ in range(5):
        MembershipFactory(municipality=MunicipalityFactory())
    with django_assert_num_queries(1):
        client.get("/")


@pytest.mark.django_db
def test_members_page_query_count_does_not_grow(client_for, django_assert_num_queries,
                                                 municipality, coordinator):
    client = client_for(coordinator)
    client.get("/ruesselsheim-am-main/mitglieder/")
    with django_assert_num_queries(10) as first:
        client.get("/ruesselsheim-am-main/mitglieder/")
    for _ in range(5):
        MembershipFactory(municipality=municipality)
    with django_assert_num_queries(len(first.captured_queries)):
        client.get("/ruesselsheim-am-main/mitglieder/")


@pytest.mark.django_db
def test_site_pages_are_editable_by_the_platform_admin_only(client_for, platform_admin, member):
    assert client_for(member).get("/impressum/bearbeiten/").status_code == 403
    admin = client_for(platform_admin)
    response = admin.post("/impressum/bearbeiten/", {
        "version": 0, "title_de": "Impressum", "body_de": "Klimaverein Rüsselsheim e. V.",
        "title_en": "Imprint", "body_en": "Climate association",
    }, follow=True)
    assert "Klimaverein Rüsselsheim e. V." in response.content.decode()
    footer_link = client_for(None).get("/").content.decode()
    assert 'href="/impressum/"' in footer_link and 'href="/datenschutz/"' in footer_link


@pytest.mark.django_db
def test_stale_site_page_edit_keeps_the_input(client_for, platform_admin):
    admin = client_for(platform_admin)
    form = {"version": 0, "title_de": "Impressum", "body_de": "Erste Fassung"}
    admin.post("/impressum/bearbeiten/", form)
    response = admin.post("/impressum/bearbeiten/", {**form, "body_de": "Meine Änderung"})
    assert response.status_code == 409
    assert "Meine Änderung" in response.content.decode()


@pytest.mark.django_db
def test_german_first_even_for_an_english_browser(client):
    response = client.get("/", HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")
    assert '<html lang="de">' in response.content.decode()
    assert response["Content-Language"] == "de"
