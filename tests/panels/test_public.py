"""The public page of a panel and its audit file: the lottery can be checked by anyone, and
nobody is named."""

import json

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from gemeinsam.panels import selection as services
from gemeinsam.panels.models import FeatureValue, Selection, SelectionState
from gemeinsam.sortition import verify_audit
from tests.panels.factories import build_pool, computed, drawn, make_panel


def _assert_anonymous(text, panel):
    for person in panel.respondents.all():
        assert person.last_name not in text
        assert person.first_name not in text
        assert person.email not in text


def test_public_page_before_and_after_the_draw(municipality, client):
    panel = build_pool(municipality)
    url = reverse("panels:public_detail", args=[municipality.slug, panel.pk])
    html = client.get(url).content.decode()
    assert panel.purpose in html and panel.seed_announcement in html
    assert "python -m gemeinsam.sortition" not in html

    selection = computed(panel)
    html = client.get(url).content.decode()
    assert selection.digest in html  # published before the seed is known
    assert "Nachname" not in html

    selection = drawn_from(selection)
    response = client.get(url)
    html = response.content.decode()
    assert response.status_code == 200
    assert selection.seed in html
    assert f"python -m gemeinsam.sortition verify audit-{selection.pk}.json" in html
    assert reverse("panels:audit", args=[municipality.slug, selection.pk]) in html
    assert "<svg" in html and "<desc" in html
    assert '<th scope="row">Geschlecht</th>' in html
    _assert_anonymous(html, panel)


def drawn_from(selection):
    return services.selection_draw(selection=selection, seed="Lotto 5 12 17 23 38 41")


def test_the_audit_file_verifies_and_names_nobody(municipality, client):
    panel = build_pool(municipality)
    selection = drawn(panel)
    response = client.get(reverse("panels:audit", args=[municipality.slug, selection.pk]))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/json")
    text = response.content.decode()
    _assert_anonymous(text, panel)
    audit = json.loads(text)
    check = verify_audit(audit)
    assert check.ok, check.lines
    selected = set(panel.respondents.filter(state=SelectionState.SELECTED)
                   .values_list("pseudonym", flat=True))
    assert set(check.panel) == selected


def test_non_public_panel_is_hidden_but_the_team_gets_the_audit(municipality, member, client,
                                                               client_for, outsider):
    panel = build_pool(municipality, size=12, public=False)
    selection = drawn(panel)
    assert client.get(reverse("panels:public_detail",
                              args=[municipality.slug, panel.pk])).status_code == 404
    assert panel.title not in client.get(reverse(
        "panels:public_list", args=[municipality.slug])).content.decode()
    audit_url = reverse("panels:audit", args=[municipality.slug, selection.pk])
    assert client.get(audit_url).status_code == 404
    assert client_for(outsider).get(audit_url).status_code == 404
    assert client_for(member).get(audit_url).status_code == 200


def test_public_list_shows_public_panels(municipality, client, django_assert_max_num_queries):
    for n in range(3):
        make_panel(municipality=municipality, title=f"Bürgerrat Nummer {n}")
    url = reverse("panels:public_list", args=[municipality.slug])
    client.get(url)
    with django_assert_max_num_queries(6):
        html = client.get(url).content.decode()
    assert all(f"Bürgerrat Nummer {n}" in html for n in range(3))


def test_audit_of_another_municipality_is_not_found(municipality, other_municipality, client):
    panel = build_pool(municipality, size=12)
    selection = drawn(panel)
    assert client.get(reverse("panels:audit", args=[other_municipality.slug, selection.pk])) \
        .status_code == 404


def test_every_computed_lottery_stays_listed_with_its_fingerprint(municipality, client):
    panel = build_pool(municipality, size=12)
    cancelled = computed(panel)
    services.selection_cancel(selection=cancelled, reason="Die Quote für Alter war falsch.")
    FeatureValue.objects.filter(feature__panel=panel, feature__name="Alter").update(min=4, max=4)
    final = services.selection_draw(selection=computed(panel), seed="4 8 15 16 23 42")
    failed = Selection.objects.create(panel=panel, algorithm="leximin", problem="keine Lösung")

    html = client.get(reverse("panels:public_detail",
                              args=[municipality.slug, panel.pk])).content.decode()

    assert cancelled.digest in html and final.digest in html
    assert cancelled.digest != final.digest
    assert "Die Quote für Alter war falsch." in html
    assert final.seed in html
    assert reverse("panels:audit", args=[municipality.slug, final.pk]) in html
    assert html.count("<td><code>") == 2  # the failed computation has no fingerprint
    assert failed.problem not in html
    _assert_anonymous(html, panel)


def test_public_page_queries_do_not_grow_with_the_lotteries(municipality, client):
    panel = build_pool(municipality, size=12)
    url = reverse("panels:public_detail", args=[municipality.slug, panel.pk])

    def queries():
        client.get(url)
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url).status_code == 200
        return len(captured)

    services.selection_cancel(selection=computed(panel), reason="eins")
    one = queries()
    for n in range(3):
        services.selection_cancel(selection=computed(panel), reason=f"noch {n}")
    drawn(panel)
    assert queries() == one


def test_the_command_names_the_downloaded_file(municipality, client):
    panel = build_pool(municipality)
    selection = drawn(panel)
    html = client.get(reverse("panels:public_detail",
                              args=[municipality.slug, panel.pk])).content.decode()
    response = client.get(reverse("panels:audit", args=[municipality.slug, selection.pk]))
    filename = f"audit-{selection.pk}.json"
    assert response["Content-Disposition"] == f'attachment; filename="{filename}"'
    assert f'download="{filename}"' in html
    assert f"python -m gemeinsam.sortition verify {filename}</code>" in html
    assert "verify audit.json" not in html


def test_public_chart_counts_only_who_can_be_selected(municipality, client):
    panel = build_pool(municipality)
    people = list(panel.respondents.order_by("pk")[:3])
    for person in people:
        services.respondent_withdraw(respondent=person)
    drawn(panel)
    response = client.get(reverse("panels:public_detail", args=[municipality.slug, panel.pk]))
    (lottery,) = response.context["lotteries"]
    assert (lottery["pool_size"], lottery["pool_eligible"]) == (40, 37)
    assert lottery["profile"]["eligible"] == 37
    assert sum(row["pool"] for row in lottery["quota_rows"] if row["feature"] == "Alter") == 37
    assert response.content.decode().count('class="chart__dot"') == 37
