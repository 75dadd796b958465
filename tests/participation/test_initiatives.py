"""The public Mitmachkarte: proposing, the proposer's edit link, the map page and its list, the
GeoJSON, the CSV export, the initiative's page and its contact form."""

import csv
import io
import json
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext

from gemeinsam.participation import services
from gemeinsam.participation.models import EntryStatus, Event, Initiative
from gemeinsam.participation.views_initiatives import PAGE_SIZE

pytestmark = pytest.mark.django_db
SLUG = "ruesselsheim-am-main"
SECRET_ADDRESS = "geheim-kontakt@repair.example.org"
SECRET_NAME = "Erika Verborgen"
PROPOSER = "vorschlag@example.org"


def url(name, *args, slug=SLUG):
    return reverse(f"participation:{name}", args=[slug, *args])


def category(municipality, slug):
    return services.categories_ensure(municipality=municipality).get(slug=slug)


def published(municipality, name="Repair-Café Königstädten", categories=("repair-cafe",),
              **fields):
    values = {"latitude": 49.9712, "longitude": 8.4473, "contact_email": SECRET_ADDRESS,
              "contact_name": SECRET_NAME, "description": "Wir **reparieren** gemeinsam.",
              "address": "Ringstraße 40, 65428 Rüsselsheim am Main"}
    values.update(fields)
    return services.entry_create(
        model=Initiative, municipality=municipality, fields={"name": name, **values},
        categories=[category(municipality, slug) for slug in categories])


def proposal_data(municipality, **overrides):
    data = {"name": "Gemeinschaftsgarten Dicker Busch", "description": "Gemüse für alle.",
            "address": "Am Treff 3", "latitude": "49.9801", "longitude": "8.4102",
            "categories": [category(municipality, "gemeinschaftsgarten").pk],
            "website": "https://garten.example.org", "opening_hours": "Sa 10–14 Uhr",
            "how_to_join": "Einfach vorbeikommen.", "languages": "Deutsch, English",
            "accessibility": "Ebenerdig", "contact_name": SECRET_NAME,
            "contact_email": SECRET_ADDRESS, "proposer_email": PROPOSER, "consent": "on",
            "image_alt": ""}
    data.update(overrides)
    return data


def public_responses(client, municipality):
    """Everything the public reads about initiatives, as text."""
    initiative_ids = Initiative.objects.filter(status=EntryStatus.PUBLISHED).values_list(
        "pk", flat=True)
    texts = [client.get(url("map")).content.decode(),
             client.get(url("initiatives_geojson")).content.decode(),
             client.get(url("initiatives_csv")).content.decode("utf-8-sig"),
             json.dumps(client.get("/api/initiatives/").json())]
    texts += [client.get(url("initiative", pk)).content.decode() for pk in initiative_ids]
    return "\n".join(texts)


# --- Proposing and the edit link -------------------------------------------------------------


def test_a_proposal_waits_then_appears_everywhere_once_accepted(client, municipality,
                                                                mailoutbox):
    response = client.post(url("initiative_propose"), proposal_data(municipality))
    assert response.status_code == 302
    assert response["Location"] == url("map")
    initiative = Initiative.objects.get()
    assert initiative.status == EntryStatus.PROPOSED
    assert initiative.proposer_email == PROPOSER
    assert [m.to for m in mailoutbox] == [[PROPOSER]]
    link = re.search(r"http://testserver/\S+/mitmachen/initiativen/bearbeiten/\S+/",
                     mailoutbox[0].body).group(0)
    assert client.get(link).status_code == 200

    # Not public while it waits.
    assert "Dicker Busch" not in public_responses(client, municipality)
    assert client.get(url("initiative", initiative.pk)).status_code == 404

    services.entry_accept(entry=initiative)
    assert "Dicker Busch" in client.get(url("map")).content.decode()
    features = client.get(url("initiatives_geojson")).json()["features"]
    assert [f["properties"]["name"] for f in features] == ["Gemeinschaftsgarten Dicker Busch"]
    api = client.get("/api/initiatives/").json()
    assert [f["properties"]["name"] for f in api["features"]] == [
        "Gemeinschaftsgarten Dicker Busch"]
    assert "Dicker Busch" in client.get(url("initiatives_csv")).content.decode("utf-8-sig")
    page = client.get(url("initiative", initiative.pk)).content.decode()
    assert "Gemüse für alle." in page and "Sa 10–14 Uhr" in page


def test_rejected_and_proposed_initiatives_are_never_public(client, municipality):
    waiting, _token = services.entry_propose(model=Initiative, municipality=municipality,
                                             fields={"name": "Wartet noch", "latitude": 49.98,
                                                     "longitude": 8.42})
    rejected, _token = services.entry_propose(model=Initiative, municipality=municipality,
                                              fields={"name": "Abgelehnt", "latitude": 49.98,
                                                      "longitude": 8.42})
    services.entry_reject(entry=rejected, note="Kein Bezug zum Klimaschutz")
    published(municipality)
    text = public_responses(client, municipality)
    assert "Repair-Café Königstädten" in text
    assert "Wartet noch" not in text and "Abgelehnt" not in text
    assert "Kein Bezug" not in text
    for initiative in (waiting, rejected):
        assert client.get(url("initiative", initiative.pk)).status_code == 404


def test_the_proposal_form_keeps_what_was_typed_and_explains_errors(client, municipality):
    response = client.post(url("initiative_propose"), proposal_data(
        municipality, consent="", latitude="49.98", longitude="", website="kein link"))
    assert response.status_code == 400
    html = response.content.decode()
    assert 'value="Gemeinschaftsgarten Dicker Busch"' in html
    assert SECRET_ADDRESS in html  # the proposer's own input, not a public page
    errors = response.context["form"].errors
    assert {"consent", "website"} <= set(errors)
    assert "__all__" in errors or "latitude" in errors or "longitude" in errors
    assert not Initiative.objects.exists()


def test_an_image_needs_a_description(client, municipality):
    image = _gif()
    response = client.post(url("initiative_propose"), {**proposal_data(municipality),
                                                       "image": image})
    assert response.status_code == 400
    assert "image_alt" in response.context["form"].errors


def test_the_honeypot_pretends_success_and_saves_nothing(client, municipality, mailoutbox):
    response = client.post(url("initiative_propose"),
                           proposal_data(municipality, homepage="http://spam.example"))
    assert response.status_code == 302
    assert not Initiative.objects.exists()
    assert mailoutbox == []


def test_proposals_are_rate_limited(client, municipality):
    data = proposal_data(municipality, name="")  # invalid: nothing is saved, but it counts
    statuses = [client.post(url("initiative_propose"), data).status_code for _ in range(11)]
    assert statuses[:10] == [400] * 10
    assert statuses[10] == 429
    response = client.post(url("initiative_propose"), proposal_data(municipality))
    assert response.status_code == 429
    assert "Gemeinschaftsgarten Dicker Busch" in response.content.decode()
    assert not Initiative.objects.exists()


def _edit_link(client, municipality, mailoutbox):
    client.post(url("initiative_propose"), proposal_data(municipality))
    return re.search(r"http://testserver(/\S+/)", mailoutbox[-1].body).group(1)


def test_the_edit_link_changes_a_waiting_proposal_at_once(client, municipality, mailoutbox):
    link = _edit_link(client, municipality, mailoutbox)
    initiative = Initiative.objects.get()
    form = client.get(link).context["form"]
    assert form.initial["version"] == initiative.version
    response = client.post(link, proposal_data(municipality, name="Garten am Treff",
                                               version=initiative.version))
    assert response.status_code == 302
    initiative.refresh_from_db()
    assert initiative.name == "Garten am Treff"
    assert initiative.status == EntryStatus.PROPOSED
    assert initiative.pending_changes is None


def test_changes_to_a_published_entry_wait_and_are_applied_on_acceptance(client, municipality,
                                                                         mailoutbox):
    link = _edit_link(client, municipality, mailoutbox)
    initiative = services.entry_accept(entry=Initiative.objects.get())
    response = client.post(link, proposal_data(
        municipality, name="Garten am Treff", version=initiative.version,
        categories=[category(municipality, "naturschutz").pk]), follow=True)
    with translation.override("de"):
        expected = gettext("Thank you. Your changes are shown once the moderation has accepted "
                           "them.")
    assert expected in [str(message) for message in response.context["messages"]]
    initiative.refresh_from_db()
    assert initiative.name == "Gemeinschaftsgarten Dicker Busch"
    assert initiative.pending_changes["name"] == "Garten am Treff"
    assert "Garten am Treff" not in client.get(url("map")).content.decode()

    # Opening the link again shows the waiting changes, not the published text.
    form = client.get(link).context["form"]
    assert form["name"].value() == "Garten am Treff"
    assert form["categories"].value() == [category(municipality, "naturschutz").pk]

    services.entry_accept(entry=initiative)
    initiative.refresh_from_db()
    assert initiative.name == "Garten am Treff"
    assert [c.slug for c in initiative.categories.all()] == ["naturschutz"]
    assert "Garten am Treff" in client.get(url("map")).content.decode()


def test_a_stale_edit_through_the_link_is_refused_and_the_input_kept(client, municipality,
                                                                     mailoutbox):
    link = _edit_link(client, municipality, mailoutbox)
    initiative = Initiative.objects.get()
    old_version = initiative.version
    services.entry_update(entry=initiative, version=old_version,
                          fields={"name": "Vom Team geändert"}, categories=[])
    response = client.post(link, proposal_data(municipality, name="Mein neuer Name",
                                               version=old_version))
    assert response.status_code == 409
    assert 'value="Mein neuer Name"' in response.content.decode()
    initiative.refresh_from_db()
    assert initiative.name == "Vom Team geändert"


def test_wrong_and_foreign_tokens_are_refused_clearly(client, municipality, other_municipality,
                                                      mailoutbox):
    link = _edit_link(client, municipality, mailoutbox)
    token = link.rstrip("/").rsplit("/", 1)[1]
    wrong = client.get(url("initiative_edit_link", token[:-3] + "xyz"))
    assert wrong.status_code == 404
    with translation.override("de"):
        assert gettext("This link is not valid (any more). Please ask the team for a new "
                       "one.") in wrong.content.decode()
    assert client.get(url("initiative_edit_link", "gibt-es-nicht")).status_code == 404
    # The right token under another municipality's address.
    assert client.get(url("initiative_edit_link", token,
                          slug=other_municipality.slug)).status_code == 404
    # An event's token does not open an initiative.
    event, event_token = services.entry_propose(
        model=Event, municipality=municipality,
        fields={"title": "Pflanzentausch", "starts_at": "2030-05-01T10:00:00+02:00"})
    assert client.get(url("initiative_edit_link", event_token)).status_code == 404
    # A rejected proposal can no longer be changed.
    services.entry_reject(entry=Initiative.objects.get(), notify=False)
    assert client.get(link).status_code == 404


# --- The map page, its list and the data -------------------------------------------------------


def test_the_map_page_lists_and_filters_without_javascript(client, municipality):
    published(municipality)
    published(municipality, "Foodsharing Innenstadt", categories=("foodsharing",),
              description="Lebensmittel retten", latitude=None, longitude=None)
    published(municipality, "Lastenrad Emil", categories=("lastenrad", "mobilitaet"))
    page = client.get(url("map"))
    html = page.content.decode()
    assert page.status_code == 200
    for name in ("Repair-Café Königstädten", "Foodsharing Innenstadt", "Lastenrad Emil"):
        assert name in html
    assert 'class="participation-map"' in html and 'data-permalink="true"' in html
    assert 'data-tiles=""' in html  # no tiles in tests: nothing from the internet
    assert "leaflet.js" in html and "map.js" in html

    filtered = client.get(url("map"), {"kategorie": ["mobilitaet", "foodsharing"]})
    names = [i.name for i in filtered.context["page"]]
    assert names == ["Foodsharing Innenstadt", "Lastenrad Emil"]
    assert "kategorie=mobilitaet" in filtered.context["geojson_url"]
    searched = client.get(url("map"), {"q": "lebensmittel"})
    assert [i.name for i in searched.context["page"]] == ["Foodsharing Innenstadt"]
    # Unknown categories are ignored rather than hiding everything.
    unknown = client.get(url("map"), {"kategorie": "gibt-es-nicht"})
    assert unknown.status_code == 200 and unknown.context["page"].paginator.count == 3


def test_the_map_page_and_the_geojson_need_the_same_queries_for_more_initiatives(
        client, municipality):
    def count(name, params=None):
        client.get(url(name), params or {})  # warm up: sessions, default categories
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url(name), params or {}).status_code == 200
        return len(queries)

    published(municipality, "Eins")
    few = [count("map"), count("initiatives_geojson"), count("map", {"kategorie": "repair-cafe"})]
    for number in range(PAGE_SIZE + 5):
        published(municipality, f"Initiative {number:03d}", categories=("bildung", "naturschutz"))
    many = [count("map"), count("initiatives_geojson"), count("map", {"kategorie": "bildung"})]
    assert few == many
    assert many[1] <= 3


def test_the_geojson_is_compact_filtered_and_without_contact_data(client, municipality):
    garden = published(municipality, "Garten", categories=("gemeinschaftsgarten",),
                       latitude=49.98, longitude=8.41)
    published(municipality, "Ohne Ort", latitude=None, longitude=None)
    published(municipality, "Repair", categories=("repair-cafe",))
    response = client.get(url("initiatives_geojson"))
    assert response["Content-Type"] == "application/geo+json"
    data = response.json()
    assert data["type"] == "FeatureCollection"
    by_name = {f["properties"]["name"]: f for f in data["features"]}
    assert set(by_name) == {"Garten", "Repair"}  # the map needs a place
    feature = by_name["Garten"]
    assert feature["geometry"] == {"type": "Point", "coordinates": [8.41, 49.98]}
    assert feature["properties"] == {
        "name": "Garten", "url": url("initiative", garden.pk),
        "categories": [{"slug": "gemeinschaftsgarten", "name": "Gemeinschaftsgarten",
                        "color": "#2e7d32"}],
        "color": "#2e7d32"}
    filtered = client.get(url("initiatives_geojson"), {"kategorie": "repair-cafe"}).json()
    assert [f["properties"]["name"] for f in filtered["features"]] == ["Repair"]
    searched = client.get(url("initiatives_geojson"), {"q": "GART"}).json()
    assert [f["properties"]["name"] for f in searched["features"]] == ["Garten"]
    assert SECRET_ADDRESS not in response.content.decode()


def test_the_csv_export_opens_in_excel_and_holds_no_personal_data(client, municipality):
    published(municipality, "=HYPERLINK(böse)", website="https://a.example.org")
    response = client.get(url("initiatives_csv"))
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert "attachment" in response["Content-Disposition"]
    raw = response.content.decode("utf-8")
    assert raw.startswith("\ufeff")
    rows = list(csv.reader(io.StringIO(raw[1:]), delimiter=";"))
    assert rows[0][0] == "ID" and len(rows) == 2
    row = dict(zip(rows[0], rows[1]))
    assert rows[1][1] == "'=HYPERLINK(böse)"  # never a formula
    assert "49,9712" in rows[1] and "8,4473" in rows[1]
    assert any(value.startswith("http://testserver/") for value in row.values())
    assert SECRET_ADDRESS not in raw and SECRET_NAME not in raw


def test_one_municipality_never_shows_another_ones_initiatives(client, municipality,
                                                              other_municipality):
    published(other_municipality, "Konstanzer Klimagruppe", categories=("klimagruppe",))
    published(municipality)
    text = (client.get(url("map")).content.decode()
            + client.get(url("initiatives_geojson")).content.decode()
            + client.get(url("initiatives_csv")).content.decode("utf-8-sig"))
    assert "Konstanzer" not in text
    other = Initiative.objects.get(municipality=other_municipality)
    assert client.get(url("initiative", other.pk)).status_code == 404


# --- The initiative's page and the contact form ------------------------------------------------


def test_the_page_shows_the_public_fields_and_upcoming_events(client, municipality):
    initiative = published(municipality, website="https://repair.example.org",
                           social_links="https://social.example.org/@repair",
                           opening_hours="Jeden 1. Samstag", how_to_join="Kaputtes mitbringen",
                           languages="Deutsch, Türkçe", accessibility="Rampe am Eingang")
    services.entry_create(model=Event, municipality=municipality, fields={
        "title": "Reparatur-Samstag", "starts_at": "2030-01-01T10:00:00+01:00",
        "recurrence": "FREQ=MONTHLY;BYDAY=1SA", "organiser_initiative": initiative})
    response = client.get(url("initiative", initiative.pk))
    html = response.content.decode()
    for text in ("<strong>reparieren</strong>", "https://repair.example.org",
                 "https://social.example.org/@repair", "Jeden 1. Samstag", "Kaputtes mitbringen",
                 "Türkçe", "Rampe am Eingang", "Repair-Café", "Ringstraße 40"):
        assert text in html
    assert 'data-marker="49.97120,8.44730"' in html
    assert SECRET_ADDRESS not in html and SECRET_NAME not in html
    assert 'id="kontakt"' in html


def test_the_contact_form_relays_with_reply_to_and_never_reveals_the_address(
        client, municipality, mailoutbox):
    initiative = published(municipality)
    response = client.post(url("initiative_contact", initiative.pk), {
        "name": "Mara Besucherin", "email": "mara@example.net",
        "message": "Kann ich meinen Toaster mitbringen?"}, follow=True)
    assert response.status_code == 200
    assert SECRET_ADDRESS not in response.content.decode()
    [message] = mailoutbox
    assert message.to == [SECRET_ADDRESS]
    assert message.reply_to == ["mara@example.net"]
    assert "Kann ich meinen Toaster mitbringen?" in message.body
    assert "Mara Besucherin" in message.body
    assert SECRET_ADDRESS not in public_responses(client, municipality)
    assert SECRET_NAME not in public_responses(client, municipality)


def test_the_contact_form_keeps_the_input_on_errors(client, municipality, mailoutbox):
    initiative = published(municipality)
    response = client.post(url("initiative_contact", initiative.pk), {
        "name": "Mara", "email": "keine-adresse", "message": "Hallo zusammen"})
    assert response.status_code == 400
    html = response.content.decode()
    assert "Hallo zusammen" in html and "keine-adresse" in html
    assert SECRET_ADDRESS not in html
    assert mailoutbox == []


def test_the_contact_form_has_a_honeypot_and_a_rate_limit(client, municipality, mailoutbox):
    initiative = published(municipality)
    data = {"name": "Mara", "email": "mara@example.net", "message": "Hallo"}
    assert client.post(url("initiative_contact", initiative.pk),
                       {**data, "homepage": "x"}).status_code == 302
    assert mailoutbox == []
    statuses = [client.post(url("initiative_contact", initiative.pk), data).status_code
                for _ in range(5)]
    assert statuses == [302] * 4 + [429]  # the honeypot post counted too
    assert len(mailoutbox) == 4


def test_no_contact_form_without_an_address(client, municipality):
    initiative = published(municipality, contact_email="")
    assert 'id="kontakt"' not in client.get(url("initiative", initiative.pk)).content.decode()
    assert client.post(url("initiative_contact", initiative.pk), {
        "name": "Mara", "email": "mara@example.net", "message": "Hallo"}).status_code == 404


def _gif():
    return SimpleUploadedFile(
        "garten.gif", b"GIF89a\x01\x00\x01\x00\x80\x00\x00\x00\x00\x00\xff\xff\xff!\xf9\x04"
        b"\x01\x00\x00\x00\x00,\x00\x00\x00\x00\x01\x00\x01\x00\x00\x02\x02D\x01\x00;",
        "image/gif")


def test_images_are_stored_for_new_entries_and_for_changes(client, client_for, member,
                                                           municipality, mailoutbox, settings,
                                                           tmp_path):
    settings.MEDIA_ROOT = tmp_path
    client.post(url("initiative_propose"), {**proposal_data(municipality), "image": _gif(),
                                            "image_alt": "Beete im Sommer"})
    initiative = Initiative.objects.get()
    assert initiative.image.name and (tmp_path / initiative.image.name).exists()
    link = re.search(r"http://testserver(/\S+/)", mailoutbox[-1].body).group(1)
    initiative = services.entry_accept(entry=initiative)

    # A new image through the edit link waits beside the published one.
    client.post(link, {**proposal_data(municipality, version=initiative.version),
                       "image": _gif(), "image_alt": "Neues Bild"})
    initiative.refresh_from_db()
    waiting = initiative.pending_changes["image"]
    assert waiting != initiative.image.name and (tmp_path / waiting).exists()
    services.entry_accept(entry=initiative)
    initiative.refresh_from_db()
    assert (initiative.image.name, initiative.image_alt) == (waiting, "Neues Bild")

    # The team changes the image directly.
    response = client_for(member).post(url("initiative_edit", initiative.pk), {
        **proposal_data(municipality, version=initiative.version), "image": _gif(),
        "image_alt": "Vom Team"})
    assert response.status_code == 302
    initiative.refresh_from_db()
    assert initiative.image.name != waiting and (tmp_path / initiative.image.name).exists()
    page = client.get(url("initiative", initiative.pk)).content.decode()
    assert f'src="/media/{initiative.image.name}"' in page and 'alt="Vom Team"' in page
