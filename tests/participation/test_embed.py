"""The embeddable widgets (map, events, action plan) and the page that lists the websites
allowed to frame them and generates the snippets."""

import datetime
import html

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from gemeinsam.monitoring import services as monitoring_services
from gemeinsam.participation import selectors_embed, services
from gemeinsam.participation.models import EmbedSettings, Event, Initiative
from tests.meetings.factories import organisation, person

pytestmark = pytest.mark.django_db
SLUG = "ruesselsheim-am-main"
ROLES = ["anonymous", "signed_in_user", "member", "coordinator", "administration", "outsider",
         "platform_admin"]
INSIDE = {"member", "coordinator", "administration", "platform_admin"}
MANAGERS = {"coordinator", "administration", "platform_admin"}
WIDGETS = ["embed_map", "embed_events", "embed_plan"]
HOST = "https://www.ruesselsheim.de"


def url(name, *args, slug=SLUG):
    return reverse(f"participation:{name}", args=[slug, *args])


def _client(role, client_for, request):
    return client_for(None if role == "anonymous" else request.getfixturevalue(role))


def origins_of(municipality):
    return EmbedSettings.objects.get(municipality=municipality).origins


def frame_ancestors(response):
    directives = dict(
        (part.strip().split(" ", 1) + [""])[:2]
        for part in response["Content-Security-Policy"].split(";") if part.strip())
    return directives["frame-ancestors"].split()


def _category(municipality, slug):
    return services.categories_ensure(municipality=municipality).get(slug=slug)


def _in(days, hour=18):
    moment = timezone.localtime() + datetime.timedelta(days=days)
    return moment.replace(hour=hour, minute=0, second=0, microsecond=0)


def _event(municipality, title, days, categories=(), **fields):
    return services.entry_create(model=Event, municipality=municipality,
                                 fields={"title": title, "starts_at": _in(days), **fields},
                                 categories=categories)


def _initiative(municipality, name, **fields):
    return services.entry_create(model=Initiative, municipality=municipality,
                                 fields={"name": name, **fields})


# --- The embedding page: who may see it and change the list ---------------------------------


@pytest.mark.parametrize("role", ROLES)
def test_role_matrix_of_the_embedding_page(role, municipality, client_for, request):
    client = _client(role, client_for, request)
    response = client.get(url("embed"))
    assert response.status_code == {"anonymous": 302, "signed_in_user": 403,
                                    "outsider": 403}.get(role, 200)
    if role == "anonymous":
        assert response["Location"].startswith(reverse("account_login"))
    if role in INSIDE:
        text = response.content.decode()
        assert ('name="allowed_origins"' in text) == (role in MANAGERS)
    response = client.post(url("embed"), {"allowed_origins": HOST})
    assert response.status_code == (302 if role in MANAGERS or role == "anonymous" else 403)
    saved = EmbedSettings.objects.filter(municipality=municipality).first()
    assert (saved is not None and saved.origins == [HOST]) == (role in MANAGERS)


def test_origins_are_saved_and_listed(municipality, coordinator, member, client_for):
    response = client_for(coordinator).post(url("embed"), {
        "allowed_origins": f" {HOST}/ \n\nhttp://localhost:8080\n"})
    assert response.status_code == 302
    assert origins_of(municipality) == [HOST, "http://localhost:8080"]
    text = client_for(member).get(url("embed")).content.decode()
    assert f"<code>{HOST}</code>" in text and "<code>http://localhost:8080</code>" in text


def test_invalid_origins_are_refused_with_the_input_kept(municipality, coordinator,
                                                         client_for):
    services.embed_settings_save(municipality=municipality, allowed_origins=HOST)
    typed = f"{HOST}\nwww.example.de\nhttps://example.org/termine\n*"
    response = client_for(coordinator).post(url("embed"), {"allowed_origins": typed})
    assert response.status_code == 400
    errors = response.context["settings_form"].errors["allowed_origins"]
    assert len(errors) == 3
    assert any("www.example.de" in error for error in errors)
    assert any("https://example.org/termine" in error for error in errors)
    assert html.escape(typed) in response.content.decode()
    assert origins_of(municipality) == [HOST]


# --- The widgets: no chrome, framed only by the listed websites -----------------------------


@pytest.mark.parametrize("name", WIDGETS)
def test_widgets_have_no_site_chrome_and_link_to_the_full_page(name, municipality,
                                                               client_for):
    response = client_for(None).get(url(name))
    assert response.status_code == 200
    text = response.content.decode()
    for chrome in ("site-header", "municipality-nav", "breadcrumbs", "site-footer",
                   "account-nav", "skip-link"):
        assert chrome not in text, chrome
    assert 'class="embed__more"' in text and 'target="_blank"' in text
    assert "participation/embed.js" in text and "css/gemeinsam.css" in text


@pytest.mark.parametrize("name", WIDGETS)
def test_widgets_may_be_framed_by_the_listed_origins_only(name, municipality,
                                                          other_municipality, client_for):
    client = client_for(None)
    response = client.get(url(name))
    assert frame_ancestors(response) == ["'self'"]
    assert "X-Frame-Options" not in response
    services.embed_settings_save(municipality=municipality,
                                 allowed_origins=f"{HOST}\nhttps://klimabuendnis.example")
    services.embed_settings_save(municipality=other_municipality,
                                 allowed_origins="https://www.konstanz.de")
    response = client.get(url(name))
    assert frame_ancestors(response) == ["'self'", HOST, "https://klimabuendnis.example"]
    assert "X-Frame-Options" not in response
    # The rest of the policy stays as strict as everywhere.
    assert "script-src 'self'" in response["Content-Security-Policy"]


@pytest.mark.parametrize("name", ["pages", "embed", None])
def test_other_pages_may_still_be_framed_by_the_platform_only(name, municipality, coordinator,
                                                              client_for):
    services.embed_settings_save(municipality=municipality, allowed_origins=HOST)
    target = url(name) if name else reverse("core:overview", args=[SLUG])
    response = client_for(coordinator).get(target)
    assert response.status_code == 200
    assert frame_ancestors(response) == ["'self'"]
    assert response["X-Frame-Options"] in ("SAMEORIGIN", "DENY")


# --- The snippet generator ------------------------------------------------------------------


def test_the_generator_starts_with_an_events_snippet(municipality, member, client_for):
    response = client_for(member).get(url("embed"))
    result = response.context["result"]
    assert result["url"] == f"http://testserver{url('embed_events')}?tage=30&anzahl=5"
    snippet = str(result["snippet"])
    assert snippet.startswith(f'<iframe src="{html.escape(result["url"])}" title="')
    assert 'loading="lazy"' in snippet and 'height="500"' in snippet
    assert "allow=" not in snippet
    assert '<script src="http://testserver/static/participation/embed-host.js" async>' in snippet
    text = response.content.decode()
    assert html.escape(html.escape(result["url"])) in text  # in the text area, to copy
    assert f'<iframe src="{html.escape(result["url"])}"' in text  # the preview


def test_the_generator_puts_the_choices_into_the_address(municipality, member, client_for):
    repair = _category(municipality, "repair-cafe")
    garden = _category(municipality, "gemeinschaftsgarten")
    initiative = _initiative(municipality, "Repair-Café Königstädten")
    client = client_for(member)
    result = client.get(url("embed"), {
        "widget": "events", "kategorie": [repair.slug, garden.slug],
        "veranstalter": initiative.pk, "tage": "14", "anzahl": "3", "hoehe": "640",
    }).context["result"]
    assert result["url"] == (
        f"http://testserver{url('embed_events')}?kategorie=repair-cafe&"
        f"kategorie=gemeinschaftsgarten&veranstalter={initiative.pk}&tage=14&anzahl=3")
    snippet = str(result["snippet"])
    assert f'src="{html.escape(result["url"])}"' in snippet
    assert 'height="640"' in snippet and "<script" not in snippet  # the box was not ticked
    assert "Rüsselsheim am Main" in result["title"]
    assert f'title="{html.escape(result["title"])}"' in snippet

    result = client.get(url("embed"), {
        "widget": "map", "kategorie": "repair-cafe", "lat": "49.99", "lon": "8.41",
        "zoom": "14", "tage": "14", "skript": "on"}).context["result"]
    assert result["url"] == (f"http://testserver{url('embed_map')}?kategorie=repair-cafe&"
                             "lat=49.99&lon=8.41&zoom=14#14/49.99/8.41")
    assert 'height="450"' in str(result["snippet"])
    assert 'allow="geolocation"' in str(result["snippet"])  # for the "near me" button
    assert "embed-host.js" in str(result["snippet"])

    result = client.get(url("embed"), {"widget": "plan", "kategorie": "repair-cafe"}
                        ).context["result"]
    assert result["url"] == f"http://testserver{url('embed_plan')}"


@pytest.mark.parametrize("params", [
    {"widget": "map", "lat": "49.99"},
    {"widget": "map", "lat": "95", "lon": "8"},
    {"widget": "events", "tage": "0"},
    {"widget": "events", "kategorie": "gibt-es-nicht"},
    {"widget": "nonsense"},
])
def test_the_generator_refuses_bad_choices_and_keeps_them(params, municipality, member,
                                                         client_for):
    services.categories_ensure(municipality=municipality)
    response = client_for(member).get(url("embed"), params)
    assert response.status_code == 200
    assert response.context["result"] is None
    assert response.context["form"].errors
    text = response.content.decode()
    for name, value in params.items():
        if name != "widget":
            assert f'value="{value}"' in text or value == "gibt-es-nicht"


# --- The events widget ----------------------------------------------------------------------


@pytest.fixture
def events(municipality):
    repair = _category(municipality, "repair-cafe")
    garden = _category(municipality, "gemeinschaftsgarten")
    cafe = _initiative(municipality, "Repair-Café Königstädten",
                       contact_email="kontakt@repair.example.org",
                       contact_name="Rita Reparatur")
    _event(municipality, "Reparieren statt wegwerfen", 3, [repair], organiser_initiative=cafe,
           address="Frankfurter Str. 12", moderation_note="Moderation: Termin geprüft")
    _event(municipality, "Pflanztag im Gemeinschaftsgarten", 10, [garden],
           organiser_actor=person(municipality, "Pia Privat", email="pia@privat.example"))
    _event(municipality, "Energiestammtisch", 40, organiser_actor=organisation(
        municipality, "Stadtwerke Rüsselsheim", shown_as_ally=True))
    _event(municipality, "Vorbei", -3)
    _event(municipality, "Offener Garten, jeden Samstag", -20, [garden],
           recurrence="FREQ=WEEKLY;BYDAY=SA")
    proposed, _token = services.entry_propose(
        model=Event, municipality=municipality, proposer_email="vorschlag@privat.example",
        fields={"title": "Noch nicht moderiert", "starts_at": _in(2)})
    published = Event.objects.get(title="Reparieren statt wegwerfen")
    services.entry_propose_changes(entry=published, version=published.version,
                                   fields={"title": "Geheime Änderung"}, categories=[repair])
    return {"cafe": cafe, "repair": repair, "garden": garden, "proposed": proposed}


def _titles(response):
    return [occurrence.event.title for occurrence in response.context["occurrences"]]


def test_the_events_widget_shows_the_next_published_dates(events, client_for):
    client = client_for(None)
    response = client.get(url("embed_events"), {"anzahl": "50"})
    titles = _titles(response)
    assert "Reparieren statt wegwerfen" in titles
    assert "Pflanztag im Gemeinschaftsgarten" in titles
    assert "Energiestammtisch" not in titles  # 40 days ahead, the default is 30
    assert "Vorbei" not in titles and "Noch nicht moderiert" not in titles
    assert titles.count("Offener Garten, jeden Samstag") in (4, 5)
    assert len(_titles(client.get(url("embed_events")))) == 5  # at most five by default
    assert "Energiestammtisch" in _titles(client.get(url("embed_events"),
                                                     {"tage": "60", "anzahl": "50"}))


def test_the_events_widget_filters(events, client_for):
    client = client_for(None)
    assert set(_titles(client.get(url("embed_events"), {"kategorie": "repair-cafe"}))) == {
        "Reparieren statt wegwerfen"}
    assert set(_titles(client.get(url("embed_events"), {
        "kategorie": "gemeinschaftsgarten", "anzahl": "50"}))) == {
        "Pflanztag im Gemeinschaftsgarten", "Offener Garten, jeden Samstag"}
    assert _titles(client.get(url("embed_events"), {"veranstalter": events["cafe"].pk})) == [
        "Reparieren statt wegwerfen"]
    # Nonsense in the address falls back to the defaults instead of breaking the host's page.
    response = client.get(url("embed_events"), {"tage": "x", "anzahl": "-1",
                                                "veranstalter": "abc"})
    assert response.status_code == 200 and len(_titles(response)) == 5


def test_the_events_widget_shows_no_personal_data(events, coordinator, client_for):
    # Even for the team: what is embedded is public.
    for who in (None, coordinator):
        text = client_for(who).get(url("embed_events"), {"tage": "60", "anzahl": "50"}
                                   ).content.decode()
        assert "Reparieren statt wegwerfen" in text
        assert "von Repair-Café Königstädten" in text or "Repair-Café Königstädten" in text
        assert "Stadtwerke Rüsselsheim" in text  # an organisation that agreed to be shown
        for secret in ("kontakt@repair.example.org", "Rita Reparatur", "Pia Privat",
                       "pia@privat.example", "vorschlag@privat.example", "Geheime Änderung",
                       "Termin geprüft", "Noch nicht moderiert"):
            assert secret not in text, secret


def test_the_events_widget_of_another_municipality_shows_its_own_events(
        events, other_municipality, client_for):
    _event(other_municipality, "Seeputzete Konstanz", 2)
    titles = _titles(client_for(None).get(url("embed_events", slug="konstanz")))
    assert titles == ["Seeputzete Konstanz"]


def test_the_events_widget_needs_the_same_queries_for_many_events(municipality, client_for):
    client = client_for(None)
    repair = _category(municipality, "repair-cafe")
    cafe = _initiative(municipality, "Repair-Café")
    for day in range(1, 3):
        _event(municipality, f"Termin {day}", day, [repair], organiser_initiative=cafe)
    client.get(url("embed_events"))
    with CaptureQueriesContext(connection) as few:
        client.get(url("embed_events"), {"anzahl": "50"})
    for day in range(3, 25):
        _event(municipality, f"Termin {day}", day, [repair], organiser_initiative=cafe)
    with CaptureQueriesContext(connection) as many:
        response = client.get(url("embed_events"), {"anzahl": "50"})
    assert len(_titles(response)) == 24
    assert len(many.captured_queries) == len(few.captured_queries)


# --- The map widget -------------------------------------------------------------------------


def test_the_map_widget_uses_the_map_markup_with_the_preset(municipality, client_for):
    repair = _category(municipality, "repair-cafe")
    services.entry_create(model=Initiative, municipality=municipality, categories=[repair],
                          fields={"name": "Repair-Café", "latitude": 49.99,
                                  "longitude": 8.41, "contact_email": "geheim@example.org"})
    services.entry_propose(model=Initiative, municipality=municipality,
                           fields={"name": "Noch nicht moderiert"})
    response = client_for(None).get(url("embed_map"), {
        "kategorie": "repair-cafe", "lat": "50.0", "lon": "8.4", "zoom": "15"})
    text = response.content.decode()
    geojson = reverse("participation:initiatives_geojson", args=[SLUG])
    assert f'data-geojson="{geojson}?kategorie=repair-cafe"' in text
    assert 'data-center="50,8.4"' in text and 'data-zoom="15"' in text
    assert 'data-permalink="true"' in text  # map.js keeps a view given in #zoom/lat/lon
    assert 'data-tiles=""' in text  # tests load nothing from the internet
    assert 'class="participation-map' in text and "participation/map.js" in text
    assert "Repair-Café" in text  # the list for those who do not use the map
    assert "Noch nicht moderiert" not in text and "geheim@example.org" not in text
    # Without a view in the address the map starts at the initiatives.
    text = client_for(None).get(url("embed_map")).content.decode()
    assert 'data-center="49.99,8.41"' in text and 'data-zoom="12"' in text
    assert 'data-permalink="false"' in text  # map.js fits the map to the markers


def test_the_map_widget_needs_the_same_queries_for_many_initiatives(municipality, client_for):
    client = client_for(None)
    for index in range(2):
        _initiative(municipality, f"Initiative {index}", latitude=50, longitude=8.4)
    client.get(url("embed_map"))
    with CaptureQueriesContext(connection) as few:
        client.get(url("embed_map"))
    for index in range(2, 30):
        _initiative(municipality, f"Initiative {index}", latitude=50, longitude=8.4)
    with CaptureQueriesContext(connection) as many:
        response = client.get(url("embed_map"))
    assert len(response.context["initiatives"]) == 30
    assert len(many.captured_queries) == len(few.captured_queries)


def test_the_list_beside_the_map_is_cut_with_a_link_to_the_full_map(municipality, client_for,
                                                                    monkeypatch):
    monkeypatch.setattr(selectors_embed, "MAP_LIST_LIMIT", 2)
    for name in ("Amsel", "Buche", "Clematis"):
        _initiative(municipality, name)
    response = client_for(None).get(url("embed_map"))
    assert [i.name for i in response.context["initiatives"]] == ["Amsel", "Buche"]
    assert response.context["more"]
    assert f'<a href="{reverse("participation:map", args=[SLUG])}">' in (
        response.content.decode())


# --- The action plan widget -----------------------------------------------------------------


def test_the_plan_widget_counts_the_published_measures(municipality, client_for):
    plan = monitoring_services.plan_create(municipality=municipality,
                                           title="Klimaschutzkonzept 2035")
    for code, status, published in [("1", "completed", True), ("2", "in_progress", True),
                                    ("3", "in_progress", True), ("4", "delayed", False),
                                    ("5", "planned", True)]:
        monitoring_services.measure_create(plan=plan, code=code, title=f"Maßnahme {code}",
                                           status=status, published=published)
    response = client_for(None).get(url("embed_plan"))
    summary = response.context["summary"]
    assert summary["measure_count"] == 4
    assert {value: count for value, _label, count in summary["distribution"]} == {
        "completed": 1, "in_progress": 2, "planned": 1}
    text = response.content.decode()
    assert "Klimaschutzkonzept 2035" in text and f"{summary['progress']} %" in text
    assert 'class="bar"' in text
    assert "Maßnahme 4" not in text


def test_the_plan_widget_says_when_there_is_no_plan(municipality, client_for):
    response = client_for(None).get(url("embed_plan"))
    assert response.status_code == 200
    assert response.context["summary"] is None
    assert municipality.name in response.content.decode()
