"""The widgets inside a page served from a second local origin, as on a municipality's
website: they load, fit their frames through postMessage, and are refused by the browser when
the municipality has not listed that website."""

import datetime
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from django.utils import timezone

from gemeinsam.participation import services
from gemeinsam.participation.models import Event, Initiative
from tests.browser.test_meetings import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
SLUG = "ruesselsheim-am-main"
INITIAL_HEIGHT = 120


class HostSite:
    """The municipality's website: one page with the widgets in frames, on its own origin."""

    def __init__(self):
        self.html = ""
        site = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self):  # noqa: N802 (the name http.server calls)
                body = site.html.encode()
                self.send_response(200)
                self.send_header("Content-Type", "text/html; charset=utf-8")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_port}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def page_with_widgets(self, platform):
        self.html = f"""<!DOCTYPE html>
<html lang="de"><head><meta charset="utf-8"><title>Stadt Rüsselsheim am Main</title></head>
<body><h1>Klimaschutz in Rüsselsheim</h1>
<iframe id="events" src="{platform}/{SLUG}/einbettung/termine/" title="Termintipps"
  width="100%" height="{INITIAL_HEIGHT}" loading="lazy"></iframe>
<iframe id="map" src="{platform}/{SLUG}/einbettung/karte/" title="Mitmachkarte"
  width="100%" height="{INITIAL_HEIGHT}" loading="lazy"></iframe>
<script src="{platform}/static/participation/embed-host.js" async></script>
</body></html>"""


@pytest.fixture
def host_site():
    site = HostSite()
    site.thread.start()
    yield site
    site.server.shutdown()
    site.server.server_close()


@pytest.fixture
def two_origins(browser, live_server, host_site):
    """A browser tab that may reach the platform and the host site, nothing else."""
    context = browser.new_context(locale="de-DE", base_url=live_server.url)
    outside = []

    def guard(route):
        if route.request.url.startswith((live_server.url, host_site.url)):
            route.continue_()
        else:
            outside.append(route.request.url)
            route.abort()

    context.route("**/*", guard)
    page = context.new_page()
    page.set_default_timeout(10_000)
    yield page
    context.close()
    assert not outside, f"requests to the internet: {outside}"


def _content(municipality):
    garden = services.categories_ensure(municipality=municipality).get(
        slug="gemeinschaftsgarten")
    services.entry_create(model=Initiative, municipality=municipality, categories=[garden],
                          fields={"name": "Gemeinschaftsgarten Dicker Busch",
                                  "latitude": 49.985, "longitude": 8.42,
                                  "address": "Dicker Busch, Rüsselsheim"})
    starts = timezone.localtime() + datetime.timedelta(days=2)
    for index in range(4):
        services.entry_create(model=Event, municipality=municipality, categories=[garden],
                              fields={"title": f"Pflanztag {index + 1}",
                                      "starts_at": starts + datetime.timedelta(days=index),
                                      "address": "Dicker Busch"})


def _frame_height(page, frame_id):
    """The frame's inner height (without its border)."""
    return page.evaluate(f"document.getElementById('{frame_id}').clientHeight")


def test_widgets_inside_a_page_of_a_second_origin(two_origins, live_server, host_site,
                                                 municipality, coordinator,
                                                 check_accessibility):
    _content(municipality)
    services.embed_settings_save(municipality=municipality, allowed_origins=host_site.url)
    host_site.page_with_widgets(live_server.url)
    page = two_origins

    page.goto(host_site.url)
    events = page.frame_locator("#events")
    events.locator(".embed-event__title").first.wait_for()
    assert events.locator(".embed-event").count() == 4
    assert events.locator(".embed__more").get_attribute("target") == "_blank"
    # embed.js told embed-host.js the height, and the frame grew to show all four dates.
    page.wait_for_function(
        f"document.getElementById('events').clientHeight > {INITIAL_HEIGHT + 50}")
    inner = page.frame(url=f"{live_server.url}/{SLUG}/einbettung/termine/").evaluate(
        "Math.ceil(document.documentElement.getBoundingClientRect().height)")
    assert abs(_frame_height(page, "events") - inner) <= 1

    widget = page.frame_locator("#map")
    widget.locator(".participation-map.leaflet-container").wait_for()
    widget.locator(".embed-map__list").wait_for(state="attached")
    page.wait_for_function(
        f"document.getElementById('map').clientHeight > {INITIAL_HEIGHT}")

    # Without the host site in the list the browser refuses to show the widgets there.
    services.embed_settings_save(municipality=municipality, allowed_origins="")
    refusals = []
    page.on("console", lambda message: refusals.append(message.text)
            if "frame-ancestors" in message.text else None)
    with page.expect_response(f"{live_server.url}/{SLUG}/einbettung/termine/") as answer:
        page.goto(host_site.url)
    assert "frame-ancestors 'self';" in answer.value.headers["content-security-policy"] + ";"
    page.wait_for_timeout(1000)
    assert events.locator(".embed-event").count() == 0
    assert page.frame_locator("#map").locator(".participation-map").count() == 0
    assert _frame_height(page, "events") == INITIAL_HEIGHT
    assert refusals, "Chromium did not report the refused frame"

    # The widgets on their own, and the embedding page, for assistive technology.
    page.goto(f"/{SLUG}/einbettung/termine/")
    page.locator(".embed-event").first.wait_for()
    check_accessibility(page)
    page.goto(f"/{SLUG}/einbettung/karte/")
    page.locator(".participation-map.leaflet-container").wait_for()
    check_accessibility(page)

    log_in(page, coordinator)
    page.goto(f"/{SLUG}/einbetten/")
    page.locator("#id_allowed_origins").fill(f"{host_site.url}\nhttps://www.ruesselsheim.de")
    page.locator("form.embed-origins button[type=submit]").click()
    page.wait_for_load_state()
    page.locator("form.snippet-form input[name=widget][value=map]").check()
    page.locator("form.snippet-form input[name=kategorie][value=gemeinschaftsgarten]").check()
    page.locator("form.snippet-form button[type=submit]").click()
    page.wait_for_url("**widget=map**")
    snippet = page.locator("#snippet").input_value()
    assert f"{live_server.url}/{SLUG}/einbettung/karte/?kategorie=gemeinschaftsgarten" in (
        snippet.replace("&amp;", "&"))
    assert 'loading="lazy"' in snippet and "embed-host.js" in snippet
    preview = page.frame_locator("iframe.embed-preview")
    preview.locator(".participation-map").wait_for(state="attached")
    check_accessibility(page)

    # The host site now listed, its page shows the widgets again.
    page.goto(host_site.url)
    page.frame_locator("#events").locator(".embed-event").first.wait_for()
