"""A citizens' panel from the register extract to the drawn panel, in a real browser."""

import datetime
import itertools
import json
import re
from pathlib import Path

import pytest
from django.utils import timezone

from gemeinsam.jobs.services import job_run
from gemeinsam.panels import registration
from gemeinsam.panels import selection as selection_services
from gemeinsam.panels.models import (
    FormVariant,
    Invitation,
    Panel,
    Respondent,
    Selection,
    SelectionState,
    format_code,
)
from tests.browser.accounts import log_in
from tests.panels.factories import make_feature, make_invitation, make_panel, make_respondent

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
BASE = "/ruesselsheim-am-main/"
DISTRICTS = ["Innenstadt", "Königstädten", "Haßloch"]
SEED = "3 11 19 27 34 42"



def submit(page, form="main form[method=post]"):
    page.locator(f"{form} button[type=submit]").last.click()
    page.wait_for_load_state()


def register_extract(path, residents=300):
    """A fictional extract of the population register, as a registry office exports it."""
    streets = ["Marktplatz", "Frankfurter Straße", "Eisenstraße", "Waldweg", "Am Weinberg"]
    lines = ["Vorname;Nachname;Straße;Hausnummer;PLZ;Ort;Ortsteil"]
    for n in range(residents):
        district = DISTRICTS[n % 3]
        lines.append(f"Vorname{n};Nachname{n};{streets[n % 5]} ({district});{n + 1};65428;"
                     f"Rüsselsheim am Main;{district}")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_a_panel_from_the_register_extract_to_the_drawn_panel(
        page, municipality, administration, settings, tmp_path, check_accessibility):
    # The computation stays queued, so that the progress bar can be seen; the test runs it.
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    today = timezone.localdate()
    log_in(page, administration)

    # 1. The administration sets up the panel ...
    page.goto(f"{BASE}buergerraete/neu/")
    check_accessibility(page)
    page.locator("#id_title").fill("Bürgerrat Klimaneutralität 2035")
    page.locator("#id_purpose").fill("Wie wird Rüsselsheim bis 2035 klimaneutral?")
    page.locator("#id_seats").fill("6")
    page.locator("#id_invitation_factor").fill("10")
    page.locator("#id_meeting_dates").fill("Samstag, 6. März, und Samstag, 20. März")
    page.locator("#id_registration_deadline").fill(
        (today + datetime.timedelta(days=21)).isoformat())
    page.locator("#id_selection_date").fill((today + datetime.timedelta(days=28)).isoformat())
    page.locator("#id_seed_announcement").fill(
        "Die Lottozahlen vom Samstag vor der Auslosung.")
    page.locator("#id_contact").fill("Stabsstelle Klimaschutz, 06142 83-0, klima@example.org")
    page.locator("#id_letter_text").fill("Sie wurden zufällig aus dem Melderegister gezogen.")
    page.locator("#id_erase_on").fill((today + datetime.timedelta(days=200)).isoformat())
    submit(page)
    panel = Panel.objects.get()
    page.wait_for_url(f"**{BASE}buergerraete/{panel.pk}/merkmale/")
    assert list(panel.managers.all()) == [administration]
    assert panel.letters_planned == 60

    # ... with two features, their values and population shares.
    check_accessibility(page)
    for name, question, values in [
            ("Stadtteil", "In welchem Stadtteil wohnen Sie?",
             "Innenstadt; 40\nKönigstädten; 35\nHaßloch; 25"),
            ("Geschlecht", "Welches Geschlecht haben Sie?", "weiblich; 50\nmännlich; 50")]:
        form = page.locator("form[action$='/merkmale/']")
        form.locator("#id_name").fill(name)
        form.locator("#id_question").fill(question)
        form.locator("#id_source").fill("Zensus 2022")
        form.locator("#id_values").fill(values)
        submit(page, "form[action$='/merkmale/']")
        page.locator("caption").filter(has_text=question).wait_for()
    assert [f.name for f in panel.features.order_by("order")] == ["Stadtteil", "Geschlecht"]

    # The quotas follow from the shares, one seat of leeway either side.
    page.locator("form[action$='/quoten/aus-anteilen/'] input[name=slack]").fill("1")
    submit(page, "form[action$='/quoten/aus-anteilen/']")
    innenstadt = page.locator("tr").filter(has=page.locator("th", has_text="Innenstadt"))
    assert innenstadt.locator("td").all_inner_texts() == ["40 %", "2,4", "1", "4"]
    check_accessibility(page)

    # 2. The letters are drawn from the register extract.
    page.locator("nav.tabs a[href$='/einladungen/']").click()
    page.wait_for_url(f"**/buergerraete/{panel.pk}/einladungen/")
    assert page.locator("#id_count").input_value() == "60"
    check_accessibility(page)
    page.locator("#id_register_file").set_input_files(register_extract(tmp_path / "melde.csv"))
    page.locator("input[name=method][value=by_district]").check()
    submit(page)
    assert Invitation.objects.filter(panel=panel).count() == 60
    table = page.locator("table").filter(has_text="Haßloch")
    for district in DISTRICTS:
        assert table.locator("tr").filter(has_text=district).locator("td").all_inner_texts()[
            0] == "100"
    assert "300" in page.locator("dl").first.inner_text()
    assert "Vorname" not in page.locator("main").inner_text()
    check_accessibility(page)
    with page.expect_download() as download:
        page.locator("a[href*='/einladungen/briefe.pdf']").first.click()
    assert Path(download.value.path()).read_bytes().startswith(b"%PDF")

    # 3. Residents register with the codes from their letters: one through the form ...
    # Round the districts, so that the respondents come from all of them.
    by_district = {}
    for letter in Invitation.objects.filter(panel=panel).order_by("pk"):
        by_district.setdefault(letter.district, []).append(letter)
    letters = [letter for row in itertools.zip_longest(*by_district.values()) for letter in row
               if letter]
    stadtteil, geschlecht = panel.features.order_by("order")
    districts = {v.name: v for v in stadtteil.values.all()}
    genders = list(geschlecht.values.order_by("order"))
    page.context.clear_cookies()
    page.goto(f"{BASE}buergerrat-anmeldung/?code={format_code(letters[0].code)}")
    submit(page)
    page.wait_for_url("**/buergerrat-anmeldung/fragebogen/")
    page.get_by_role("group", name="In welchem Stadtteil wohnen Sie?").get_by_label(
        letters[0].district).check()
    page.get_by_role("group", name="Welches Geschlecht haben Sie?").get_by_label(
        "weiblich").check()
    page.locator("#id_available_0").check()
    page.locator("#id_first_name").fill("Erika")
    page.locator("#id_last_name").fill("Mustermann")
    page.locator("#id_email").fill("erika@example.org")
    page.locator("#id_consent").check()
    submit(page)
    page.wait_for_url("**/buergerrat-anmeldung/danke/")
    # ... the others on paper, typed in by the office.
    for n, letter in enumerate(letters[1:25], start=1):
        registration.respondent_register(
            invitation=letter, first_name=letter.first_name, last_name=letter.last_name,
            email=f"person{n}@example.org", phone="",
            answers={str(stadtteil.pk): districts[letter.district].pk,
                     str(geschlecht.pk): genders[n % 2].pk},
            available=True, needs="", form_variant=FormVariant.GERMAN, consent=True)
    assert panel.respondents.count() == 25

    # 4. Once the registration deadline has passed, the lottery is computed in the background;
    # the page shows its progress.
    Panel.objects.filter(pk=panel.pk).update(
        registration_deadline=today - datetime.timedelta(days=1))
    log_in(page, administration)
    page.goto(f"{BASE}buergerraete/{panel.pk}/losverfahren/")
    submit(page, f"form[action$='/buergerraete/{panel.pk}/losverfahren/']")
    selection = Selection.objects.get(panel=panel)
    progress = page.locator("#selection-progress progress")
    progress.wait_for()
    assert progress.is_visible()
    check_accessibility(page)
    job = selection.job
    type(job).objects.filter(pk=job.pk).update(done=40, total=100)
    page.locator("#selection-progress progress[value='40']").wait_for()  # polled, not reloaded
    finished = job_run(job_id=job.pk)
    assert finished.status == "succeeded", finished.errors
    status = page.locator("#selection-progress")
    status.locator(f"a[href$='/buergerraete/auswahl/{selection.pk}/']").wait_for()
    assert progress.count() == 0
    assert page.url.endswith(f"/buergerraete/{panel.pk}/losverfahren/")  # no reload

    # 5. With the announced seed the panel is drawn.
    status.locator(f"a[href$='/losverfahren/?computed={selection.pk}#current-heading']").click()
    selection.refresh_from_db()
    page.get_by_text(selection.digest).wait_for()
    assert page.locator("form[action$='/abbrechen/'] textarea[name=reason]").is_visible()
    check_accessibility(page)  # the draw form and the form to cancel instead
    page.locator("#id_seed").fill(SEED)
    page.locator("#id_confirm").check()
    submit(page, "form[action$='/ziehen/']")
    page.wait_for_url(f"**/buergerraete/auswahl/{selection.pk}/")
    selection.refresh_from_db()
    assert selection.seed == SEED and selection.is_drawn

    # The report: the quota table, the chart, the SHA-256, the audit file, the members.
    selected = panel.respondents.filter(state=SelectionState.SELECTED)
    assert selected.count() == panel.seats == 6
    quota_table = page.locator("table").filter(
        has=page.locator("caption", has_text="Quoten"))
    assert quota_table.locator("tbody tr").count() == 5
    chosen = [int(row.locator("td").last.inner_text().split()[0])
              for row in quota_table.locator("tbody tr").all()]
    assert sum(chosen[:3]) == sum(chosen[3:]) == 6
    assert page.locator("svg.chart[role=img]").is_visible()
    assert re.fullmatch(r"[0-9a-f]{64}", selection.digest)
    assert page.get_by_text(selection.digest).is_visible()
    members = page.locator("table").filter(has=page.locator("th", has_text="Pseudonym"))
    assert members.locator("tbody tr").count() == 6
    for person in selected:
        assert members.get_by_text(person.pseudonym).count() == 1
    with page.expect_download() as download:
        page.locator("a[href$='/audit.json']").click()
    audit_text = Path(download.value.path()).read_text(encoding="utf-8")
    audit = json.loads(audit_text)
    assert sorted(audit["draw"]["panel"]) == sorted(selected.values_list("pseudonym", flat=True))
    for person in panel.respondents.all():  # pseudonyms only
        assert person.last_name not in audit_text and person.email not in audit_text
    check_accessibility(page)


def test_the_team_sees_the_report_without_names(page, municipality, administration, member,
                                                check_accessibility):
    panel = make_panel(municipality=municipality, created_by=administration, seats=4)
    make_feature(panel=panel, name="Alter", values=[("jung", 50, 1, 3), ("alt", 50, 1, 3)])
    people = []
    for n in range(12):
        invitation = make_invitation(panel=panel, first_name=f"Quirin{n}",
                                     last_name=f"Zauberkraut{n}")
        answers = {str(f.pk): list(f.values.order_by("order"))[n % 2].pk
                   for f in panel.features.all()}
        people.append(make_respondent(panel=panel, invitation=invitation, answers=answers))
    Panel.objects.filter(pk=panel.pk).update(
        registration_deadline=timezone.localdate() - datetime.timedelta(days=1))
    selection = selection_services.selection_start(panel=panel, started_by=administration)
    selection.refresh_from_db()  # computed by the immediate backend
    selection_services.selection_draw(selection=selection, seed=SEED)
    assert Respondent.objects.filter(panel=panel, state=SelectionState.SELECTED).count() == 4

    log_in(page, member)  # of the team, not a manager of the panel
    page.goto(f"{BASE}buergerraete/auswahl/{selection.pk}/")
    facts = page.locator("dl.facts").first
    assert facts.locator("dt:has-text('Plätze') + dd").inner_text() == "4"
    assert facts.locator("dt:has-text('Personen im Pool') + dd").inner_text() == "12"
    assert page.locator("table").filter(has=page.locator("caption", has_text="Quoten")).count()
    content = page.content()
    for person in people:
        assert person.first_name not in content and person.last_name not in content
    assert "Zauberkraut" not in content
    check_accessibility(page)
    response = page.goto(f"{BASE}buergerraete/{panel.pk}/angemeldete/")
    assert response.status == 403
