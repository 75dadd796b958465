"""What the team and the administration do on the Mitmachkarte: create, edit and delete
initiatives directly, and shape the categories; with the role matrix of these pages."""

import pytest
from django.urls import reverse

from gemeinsam.participation import services
from gemeinsam.participation.models import Category, EntryStatus, Initiative
from tests.participation.test_initiatives import (
    SECRET_ADDRESS,
    category,
    proposal_data,
    published,
    url,
)

pytestmark = pytest.mark.django_db
ROLES = ["anonymous", "signed_in_user", "member", "coordinator", "administration", "outsider",
         "platform_admin"]
MODERATORS = {"member", "coordinator", "administration", "platform_admin"}
CATEGORY_MANAGERS = {"coordinator", "administration", "platform_admin"}


def _client(role, client_for, request):
    return client_for(None if role == "anonymous" else request.getfixturevalue(role))


def _expected(role, allowed, ok):
    if role in allowed:
        return ok
    return 302 if role == "anonymous" else 403


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize(("name", "needs_initiative", "allowed"), [
    ("initiative_create", False, MODERATORS),
    ("initiative_edit", True, MODERATORS),
    ("initiative_delete", True, MODERATORS),
    ("moderation", False, MODERATORS),
    ("categories", False, CATEGORY_MANAGERS),
])
def test_role_matrix_of_the_team_pages(role, name, needs_initiative, allowed, municipality,
                                       client_for, request):
    client = _client(role, client_for, request)
    args = [published(municipality).pk] if needs_initiative else []
    response = client.get(url(name, *args))
    assert response.status_code == _expected(role, allowed, 200)
    if role == "anonymous":
        assert response["Location"].startswith(reverse("account_login"))


@pytest.mark.parametrize("role", ROLES)
def test_role_matrix_of_changing_a_category(role, municipality, client_for, request):
    client = _client(role, client_for, request)
    repair = category(municipality, "repair-cafe")
    assert client.get(url("category_edit", repair.pk)).status_code == _expected(
        role, CATEGORY_MANAGERS, 200)
    response = client.post(url("category_edit", repair.pk), {
        "name": "Reparieren", "name_en": "Repairing", "slug": "reparieren", "color": "#123456",
        "order": 3})
    assert response.status_code == _expected(role, CATEGORY_MANAGERS, 302)
    repair.refresh_from_db()
    assert (repair.name == "Reparieren") == (role in CATEGORY_MANAGERS)


@pytest.mark.parametrize("role", ROLES)
def test_role_matrix_of_the_public_pages(role, municipality, client_for, request):
    client = _client(role, client_for, request)
    initiative = published(municipality)
    for target in (url("map"), url("initiative", initiative.pk), url("initiative_propose"),
                   url("initiatives_geojson"), url("initiatives_csv")):
        assert client.get(target).status_code == 200
    waiting, _token = services.entry_propose(model=Initiative, municipality=municipality,
                                             fields={"name": "Wartet"})
    # The team previews what waits; nobody else sees it.
    assert client.get(url("initiative", waiting.pk)).status_code == (
        200 if role in MODERATORS else 404)


def test_the_team_creates_a_published_initiative(client_for, member, municipality):
    client = client_for(member)
    data = proposal_data(municipality, name="Klimagruppe Haßloch")
    response = client.post(url("initiative_create"), data)
    initiative = Initiative.objects.get()
    assert response.status_code == 302
    assert response["Location"] == url("initiative", initiative.pk)
    assert initiative.status == EntryStatus.PUBLISHED
    assert initiative.contact_email == SECRET_ADDRESS
    assert list(initiative.categories.values_list("slug", flat=True)) == ["gemeinschaftsgarten"]
    assert "Klimagruppe Haßloch" in client_for(None).get(url("map")).content.decode()


def test_the_team_edits_and_a_stale_save_is_refused(client_for, member, coordinator,
                                                    municipality):
    initiative = published(municipality)
    page = client_for(member).get(url("initiative_edit", initiative.pk))
    form = page.context["form"]
    assert form["name"].value() == "Repair-Café Königstädten"
    version = form.initial["version"]
    data = proposal_data(municipality, name="Repair-Café am Ring", version=version)
    assert client_for(coordinator).post(url("initiative_edit", initiative.pk),
                                        data).status_code == 302
    stale = client_for(member).post(url("initiative_edit", initiative.pk),
                                    {**data, "name": "Veraltet"})
    assert stale.status_code == 409
    assert 'value="Veraltet"' in stale.content.decode()
    initiative.refresh_from_db()
    assert initiative.name == "Repair-Café am Ring"


def test_the_team_deletes_an_initiative(client_for, member, municipality):
    initiative = published(municipality)
    client = client_for(member)
    assert client.get(url("initiative_delete", initiative.pk)).status_code == 200
    assert client.post(url("initiative_delete", initiative.pk)).status_code == 302
    assert not Initiative.objects.exists()


def test_categories_of_another_municipality_are_refused(client_for, member, coordinator,
                                                        municipality, other_municipality):
    foreign = category(other_municipality, "foodsharing")
    response = client_for(member).post(url("initiative_create"), proposal_data(
        municipality, categories=[foreign.pk]))
    assert response.status_code == 400
    assert "categories" in response.context["form"].errors
    assert not Initiative.objects.exists()
    response = client_for(None).post(url("initiative_propose"), proposal_data(
        municipality, categories=[foreign.pk]))
    assert response.status_code == 400
    # Nor can a coordinator change another municipality's category through their own.
    assert client_for(coordinator).get(url("category_edit", foreign.pk)).status_code == 404
    assert client_for(coordinator).post(url("category_edit", foreign.pk),
                                        {"delete": "1"}).status_code == 404
    assert Category.objects.filter(pk=foreign.pk).exists()


def test_coordinators_add_change_and_delete_categories(client_for, coordinator, municipality):
    client = client_for(coordinator)
    page = client.get(url("categories"))
    assert "Repair-Café" in page.content.decode()  # the defaults exist from the start
    response = client.post(url("categories"), {"name": "Tauschbörse", "name_en": "Swap shop",
                                               "slug": "", "color": "#AA5500", "order": 20})
    assert response.status_code == 302
    swap = Category.objects.get(municipality=municipality, slug="tauschborse")
    assert (swap.name_en, swap.color) == ("Swap shop", "#aa5500")
    # The same short name twice, a colour that is not #RRGGBB: refused, input kept.
    response = client.post(url("categories"), {"name": "Tauschbörse", "name_en": "",
                                               "slug": "tauschborse", "color": "rot",
                                               "order": 1})
    assert response.status_code == 400
    assert {"slug", "color"} <= set(response.context["form"].errors)
    assert 'value="Tauschbörse"' in response.content.decode()

    initiative = published(municipality, categories=("repair-cafe",))
    repair = category(municipality, "repair-cafe")
    assert client.post(url("category_edit", repair.pk), {"delete": "1"}).status_code == 302
    assert not Category.objects.filter(pk=repair.pk).exists()
    assert Initiative.objects.filter(pk=initiative.pk).exists()


def test_members_do_not_manage_categories(client_for, member, municipality):
    assert client_for(member).post(url("categories"), {
        "name": "X", "slug": "x", "color": "#000000", "order": 1}).status_code == 403


def test_the_map_shows_moderators_what_waits(client_for, member, municipality):
    services.entry_propose(model=Initiative, municipality=municipality, fields={"name": "Neu"})
    initiative = published(municipality)
    services.entry_propose_changes(entry=initiative, version=initiative.version,
                                   fields={"name": "Geändert"}, categories=[])
    html = client_for(member).get(url("map")).content.decode()
    assert url("moderation") in html
    assert client_for(member).get(url("map")).context["waiting"] == 2
    public = client_for(None).get(url("map"))
    assert url("moderation") not in public.content.decode()
