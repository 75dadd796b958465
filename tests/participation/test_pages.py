"""Simple pages: the team and the administration write them, the public reads published
ones, in English where an English text exists."""

import pytest
from django.conf import settings
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from gemeinsam.participation import services
from gemeinsam.participation.models import Page

pytestmark = pytest.mark.django_db
SLUG = "ruesselsheim-am-main"
ROLES = ["anonymous", "signed_in_user", "member", "coordinator", "administration", "outsider",
         "platform_admin"]
INSIDE = {"member", "coordinator", "administration", "platform_admin"}


def url(name, *args, slug=SLUG):
    return reverse(f"participation:{name}", args=[slug, *args])


def _client(role, client_for, request):
    return client_for(None if role == "anonymous" else request.getfixturevalue(role))


def _page(municipality, slug="ueber-uns", published=True, **fields):
    return services.page_save(municipality=municipality, slug=slug, published=published,
                              **{"title": "Über das Bündnis", "body": "Wir sind **viele**.",
                                 **fields})


@pytest.fixture
def pages(municipality):
    return {"public": _page(municipality, order=2),
            "draft": _page(municipality, slug="entwurf", title="Entwurf: Mitmachen",
                           published=False, order=1)}


def _form(page, **changes):
    data = {"title": page.title, "slug": page.slug, "body": page.body, "title_en": page.title_en,
            "body_en": page.body_en, "order": page.order, "version": page.version}
    if page.published:
        data["published"] = "on"
    data.update(changes)
    return {key: value for key, value in data.items() if value is not None}


# --- Who may do what -------------------------------------------------------------------------

MANAGE = [("page_create", None, "get"), ("page_edit", "draft", "get"),
          ("page_delete", "draft", "get"), ("page_publish", "draft", "post")]


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize(("name", "key", "method"), MANAGE)
def test_role_matrix_of_the_page_management(role, name, key, method, pages, client_for,
                                            request):
    client = _client(role, client_for, request)
    target = url(name, *([pages[key].slug] if key else []))
    data = {"published": "1", "version": pages["draft"].version} if method == "post" else {}
    response = getattr(client, method)(target, data)
    expected = {"anonymous": 302, "signed_in_user": 403, "outsider": 403}.get(
        role, 200 if method == "get" else 302)
    assert response.status_code == expected
    if role == "anonymous":
        assert response["Location"].startswith(reverse("account_login"))
    assert Page.objects.get(pk=pages["draft"].pk).published == (
        method == "post" and role in INSIDE)


@pytest.mark.parametrize("role", ROLES)
def test_unpublished_pages_are_found_only_inside(role, pages, client_for, request):
    client = _client(role, client_for, request)
    assert client.get(url("page", "ueber-uns")).status_code == 200
    assert client.get(url("page", "entwurf")).status_code == (200 if role in INSIDE else 404)
    listing = client.get(url("pages")).content.decode()
    assert "Über das Bündnis" in listing
    assert ("Entwurf: Mitmachen" in listing) == (role in INSIDE)
    assert (url("page_create") in listing) == (role in INSIDE)


def test_the_public_index_links_the_published_pages_in_their_order(municipality, client_for):
    _page(municipality, slug="mitmachen", title="So machen Sie mit", order=1)
    _page(municipality, slug="datenschutz", title="Datenschutz", order=3)
    _page(municipality, slug="ueber-uns", order=2)
    _page(municipality, slug="geheim", title="Noch geheim", published=False, order=0)
    text = client_for(None).get(url("pages")).content.decode()
    links = [url("page", slug) for slug in ("mitmachen", "ueber-uns", "datenschutz")]
    positions = [text.index(f'href="{link}"') for link in links]
    assert positions == sorted(positions)
    assert "Noch geheim" not in text and url("page", "geheim") not in text


def test_another_municipalitys_pages_are_not_found(pages, other_municipality, outsider,
                                                   coordinator, client_for):
    foreign = _page(other_municipality, slug="konstanz-intern", published=False)
    client = client_for(coordinator)
    for name in ("page", "page_edit", "page_delete"):
        assert client.get(url(name, foreign.slug)).status_code == 404, name
    assert client.post(url("page_publish", foreign.slug), {"published": "1"}).status_code == 404
    assert client.post(url("page_delete", foreign.slug)).status_code == 404
    assert Page.objects.filter(pk=foreign.pk, published=False).exists()
    # The outsider coordinates Konstanz, not Rüsselsheim.
    assert client_for(outsider).get(url("page", "konstanz-intern", slug="konstanz")
                                    ).status_code == 200


# --- Writing ---------------------------------------------------------------------------------


def test_create_edit_publish_and_delete_a_page(municipality, member, client_for):
    client = client_for(member)
    response = client.post(url("page_create"), {
        "title": "So machen Sie mit", "slug": "mitmachen", "body": "Kommen Sie vorbei.",
        "title_en": "How to join", "body_en": "Come along.", "order": "1"})
    assert response.status_code == 302
    page = Page.objects.get(municipality=municipality, slug="mitmachen")
    assert response["Location"] == url("page", "mitmachen")
    assert not page.published and page.body_en == "Come along."
    assert client_for(None).get(url("page", "mitmachen")).status_code == 404

    response = client.post(url("page_publish", "mitmachen"),
                           {"published": "1", "version": page.version})
    assert response.status_code == 302
    page.refresh_from_db()
    assert page.published
    assert client_for(None).get(url("page", "mitmachen")).status_code == 200

    response = client.post(url("page_edit", "mitmachen"),
                           _form(page, body="Jeden Dienstag um 18 Uhr.", slug="so-gehts"))
    assert response.status_code == 302
    assert response["Location"] == url("page", "so-gehts")
    page.refresh_from_db()
    assert page.body == "Jeden Dienstag um 18 Uhr." and page.slug == "so-gehts"
    assert page.version == 3

    client.post(url("page_publish", "so-gehts"), {"published": "0", "version": page.version})
    page.refresh_from_db()
    assert not page.published

    assert client.post(url("page_delete", "so-gehts")).status_code == 302
    assert not Page.objects.filter(pk=page.pk).exists()


def test_a_stale_edit_is_refused_and_the_input_kept(pages, member, coordinator, client_for):
    page = pages["public"]
    services.page_save(municipality=page.municipality, page=page, version=page.version,
                       body="Geändert von jemand anderem.")
    response = client_for(member).post(url("page_edit", page.slug), _form(
        page, version=1, body="Mein neuer Text über das Bündnis."))
    assert response.status_code == 409
    text = response.content.decode()
    assert "Mein neuer Text über das Bündnis." in text
    assert "errorlist" in text
    page.refresh_from_db()
    assert page.body == "Geändert von jemand anderem."


def test_a_stale_publish_is_refused(pages, coordinator, client_for):
    draft = pages["draft"]
    services.page_save(municipality=draft.municipality, page=draft, version=draft.version,
                       body="Noch nicht fertig.")
    response = client_for(coordinator).post(url("page_publish", draft.slug),
                                            {"published": "1", "version": 1})
    assert response.status_code == 409
    assert not Page.objects.get(pk=draft.pk).published


@pytest.mark.parametrize(("changes", "field"), [
    ({"title": ""}, "title"),
    ({"slug": "neu"}, "slug"),
    ({"slug": "entwurf"}, "slug"),
    ({"slug": "Kein Slug!"}, "slug"),
    ({"body": ""}, "body"),
])
def test_bad_input_is_refused_and_kept(changes, field, pages, member, client_for):
    data = {"title": "So machen Sie mit", "slug": "mitmachen",
            "body": "Getippter Text, der bleiben soll.", "order": "4", **changes}
    response = client_for(member).post(url("page_create"), data)
    assert response.status_code == 200
    form = response.context["form"]
    assert field in form.errors
    text = response.content.decode()
    for value in data.values():
        if value:
            assert value in text or value.replace("!", "") in text
    assert not Page.objects.filter(slug="mitmachen").exists()


# --- Reading ---------------------------------------------------------------------------------


def test_markdown_is_rendered_and_sanitised(municipality, client_for):
    _page(municipality, body=(
        "## Wer wir sind\n\nWir sind **viele**.\n\n<script>alert('x')</script>\n\n"
        "<img src=x onerror=alert(1)>\n\n[Link](javascript:alert(1)) [Gut](https://example.org)"))
    text = client_for(None).get(url("page", "ueber-uns")).content.decode()
    assert "<strong>viele</strong>" in text
    assert "<h2>Wer wir sind</h2>" in text  # the page outline has no gap after h1
    assert "alert" not in text
    assert "<script>alert" not in text and "onerror" not in text
    assert 'href="https://example.org"' in text


def _english(client):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


def test_english_readers_get_the_english_text(municipality, client_for):
    _page(municipality, title_en="About the alliance", body_en="We are **many**.")
    german = client_for(None).get(url("page", "ueber-uns")).content.decode()
    assert "Über das Bündnis" in german and "About the alliance" not in german
    english = _english(client_for(None)).get(url("page", "ueber-uns")).content.decode()
    assert "<h1>About the alliance</h1>" in english
    assert "We are <strong>many</strong>." in english
    assert 'lang="de"' not in english.split("<main", 1)[1]


def test_without_english_text_the_german_one_is_marked_as_german(municipality, client_for):
    _page(municipality, title_en="About the alliance")
    english = _english(client_for(None)).get(url("page", "ueber-uns")).content.decode()
    main = english.split("<main", 1)[1]
    assert '<html lang="en">' in english
    assert '<h1 lang="de">Über das Bündnis</h1>' in main
    assert 'class="page__body" lang="de"' in main
    assert "Wir sind <strong>viele</strong>." in main
    listing = _english(client_for(None)).get(url("pages")).content.decode()
    assert 'lang="de">Über das Bündnis</a>' in listing


def test_the_pages_list_needs_the_same_queries_for_many_pages(municipality, member,
                                                              client_for):
    for who in (None, member):
        client = client_for(who)
        for index in range(2):
            _page(municipality, slug=f"a-{who is None}-{index}", order=index)
        client.get(url("pages"))
        with CaptureQueriesContext(connection) as few:
            assert client.get(url("pages")).status_code == 200
        for index in range(2, 22):
            _page(municipality, slug=f"a-{who is None}-{index}", order=index)
        with CaptureQueriesContext(connection) as many:
            assert client.get(url("pages")).status_code == 200
        assert len(many.captured_queries) == len(few.captured_queries)
