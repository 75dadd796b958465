import datetime
import io
import json
from decimal import Decimal

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from gemeinsam.actors import services as actors
from gemeinsam.actors.models import DepartmentKind
from gemeinsam.core.errors import DomainError
from gemeinsam.monitoring import exchange, imports, services
from gemeinsam.monitoring.exchange import ImportProblems
from gemeinsam.monitoring.models import (
    Blocker,
    Field,
    Indicator,
    Measure,
    ProgressReport,
    Source,
    Status,
)

pytestmark = pytest.mark.django_db
SLUG = "ruesselsheim-am-main"
DATE = datetime.date

CSV = (
    "Code;Übergeordnet;Handlungsfeld;Titel;Kurzbeschreibung;Status;Fortschritt;Gewicht;"
    "Geplanter Beginn;Geplanter Abschluss;Kosten;Priorität;Quelle;Veröffentlicht\n"
    "E;;Strom;Erneuerbare Energien;Solar und Wind;;;1;;;;;;ja\n"
    'E1;E;Strom;PV auf Schuldächern;"Alle Schulen\nbis 2028";in Umsetzung;40;2;01.03.2025;'
    "2028-12-31;1.250.000,00;3;Aktionsplan;ja\n"
    "E2;E;strom;Bürgerwindpark;;planned;;;;;;2;Vorschlag des Teams;nein\n"
    "K1;;Klimaanpassung;Hitzeaktionsplan;;verzögert;10;1;01.01.2025;30.06.2025;;;"
    "Ratsbeschluss;ja\n"
)
LOCALZERO = [
    {"id": 1, "title": "Mobilität", "teaser": "", "description": "Weniger Autoverkehr.",
     "draft_mode": False, "execution_status": 0, "children": [
         {"id": 2, "title": "Radverkehr", "draft_mode": False, "execution_status": 0,
          "children": [
              {"id": 3, "title": "Radweg Bahnhofstraße", "teaser": "2 km geschützt",
               "description": "Ein geschützter Radweg.", "planned_start": "2024-03-01",
               "planned_completion": "2025-06-30", "responsible_organ": "Tiefbauamt",
               "responsible_organ_explanation": "Abteilung Verkehrsplanung",
               "plan_assessment": "Zu wenig ambitioniert.", "execution_status": 6,
               "execution_justification": "Die Ausschreibung verzögert sich.",
               "execution_completion": 30, "actual_start": "2024-05-01",
               "actual_completion": None, "internal_information": "Kontakt: Herr X",
               "draft_mode": False, "source": 0, "slugs": "mobilitat/radverkehr/radweg",
               "numchild": 0, "children": []},
              {"id": 4, "title": "Fahrradstellplätze", "execution_status": 4,
               "execution_completion": 100, "draft_mode": True, "source": 1,
               "children": []},
          ]},
         {"id": 5, "title": "Tempo 30", "execution_status": 2, "draft_mode": False,
          "children": []},
     ]},
    {"id": 6, "title": "Energiebericht", "execution_status": 8, "draft_mode": False,
     "children": []},
]


def url(name, *args, slug=SLUG):
    return reverse(f"monitoring:{name}", args=[slug, *args])


def read(text, filename=""):
    return exchange.read(text.encode() if isinstance(text, str) else text, filename=filename)


def preview_of(plan, upload):
    return imports.plan_import_preview(plan=plan, rows=upload.rows, plan_data=upload.plan,
                                       field_names=upload.fields, problems=upload.problems)


def import_into(plan, upload, user):
    return imports.plan_import(plan=plan, rows=upload.rows, user=user, plan_data=upload.plan,
                               field_names=upload.fields, problems=upload.problems)


@pytest.fixture
def plan(municipality):
    return services.plan_create(municipality=municipality, title="Klimaschutzkonzept 2035",
                                adopted_on=DATE(2023, 9, 28), target_year=2035,
                                source_url="https://example.org/ksk.pdf",
                                introduction="Beschlossen vom Stadtrat.")


def responsible(municipality):
    """Departments and positions with the same names in every municipality, as an import
    between two municipalities needs them; plus one the other municipality lacks."""
    environment = actors.department_create(municipality=municipality, kind=DepartmentKind.AMT,
                                           name="Amt für Umwelt und Klimaschutz")
    building = actors.department_create(municipality=municipality, kind=DepartmentKind.AMT,
                                        name="Hochbauamt")
    manager = actors.position_create(municipality=municipality, title="Klimaschutzmanagerin",
                                     department=environment)
    architect = actors.position_create(municipality=municipality, title="Leitung Hochbau",
                                       department=building)
    return environment, building, manager, architect


@pytest.fixture
def other_plan(other_municipality):
    responsible(other_municipality)
    return services.plan_create(municipality=other_municipality, title="Leerer Plan")


@pytest.fixture
def rich_plan(plan, member, administration):
    environment, building, manager, architect = responsible(plan.municipality)
    adaptation = services.field_create(plan=plan, name="Klimaanpassung")
    strom = plan.fields.get(name="Strom")
    group = services.measure_create(plan=plan, code="E", title="Erneuerbare Energien",
                                    field=strom, weight=2, published=True,
                                    department=environment)
    pv = services.measure_create(
        plan=plan, code="E1", title="PV auf Schuldächern", parent=group, field=strom,
        teaser="Alle Schulen", description="**Ziel:** 2 MW\n\n- Grundschulen\n- Gymnasien",
        status="in_progress", progress=40, weight=3, planned_start=DATE(2025, 3, 1),
        planned_end=DATE(2028, 12, 31), actual_start=DATE(2025, 4, 1),
        cost=Decimal("1250000.00"), funding_amount=Decimal("300000.50"),
        funding_programme="=KfW 270", priority=3, focus_criteria="Wirkung, Sichtbarkeit",
        source=Source.ACTION_PLAN, tags="PV, Schulen", model_measure="12",
        administration_statement="Läuft nach Plan.", team_assessment="Zu langsam.",
        published=True, department=building, position=architect)
    services.measure_create(plan=plan, code="E1.1", title="Machbarkeitsstudie", parent=pv,
                            field=strom, status="completed", progress=100,
                            actual_start=DATE(2024, 1, 15), actual_end=DATE(2024, 11, 30),
                            position=manager)
    services.measure_create(plan=plan, code="K1", title="Hitzeaktionsplan", field=adaptation,
                            status="delayed", source=Source.COUNCIL, published=True,
                            department=environment, position=manager)
    tempo = services.measure_create(plan=plan, code="V1", title="Tempo 30", status="planned",
                                    source=Source.TEAM)
    roofers = services.blocker_create(measure=pv, description="Keine Dachdecker frei.",
                                      since=DATE(2025, 2, 1), created_by=member,
                                      help_wanted="Wer kennt einen Dachdecker?",
                                      helper_positions=[architect])
    statics = services.blocker_create(measure=pv, description="Statik-Gutachten fehlt.",
                                      since=DATE(2024, 5, 1), created_by=member)
    services.blocker_resolve(blocker=statics, on=DATE(2024, 8, 15))
    assert roofers.resolved_on is None
    services.blocker_create(measure=tempo, description="Keine Mehrheit im Rat.",
                            since=DATE(2025, 1, 10), created_by=member)
    power = services.indicator_create(plan=plan, name="Installierte PV-Leistung", unit="kWp",
                                      source="Marktstammdatenregister", measure=pv,
                                      baseline_year=2020, baseline_value=1200.0,
                                      target_value=25000.5)
    services.indicator_value_set(indicator=power, year=2023, value=3400.0)
    services.indicator_value_set(indicator=power, year=2024, value=5100.25)
    internal = services.indicator_create(plan=plan, name="Anteil Tempo-30-Straßen", unit="%",
                                         measure=tempo, published=False)
    services.indicator_value_set(indicator=internal, year=2024, value=12.5)
    first = services.report_create(measure=pv, voice="administration", author=administration,
                                   reported_on=DATE(2025, 6, 1), status="in_progress",
                                   progress=20, text="Die ersten Dächer sind belegt.",
                                   evidence="https://example.org/rat/2025-17")
    services.report_agree(report=first, user=member)
    services.report_create(measure=pv, voice="team", author=member,
                           reported_on=DATE(2025, 9, 1), status="in_progress", progress=40,
                           text="Langsamer als geplant.")
    return plan


# --- Reading files -------------------------------------------------------------------------


def test_csv_with_semicolons_and_byte_order_mark():
    upload = exchange.read(("\ufeff" + CSV).encode("utf-8"), filename="plan.csv")

    assert upload.format == "csv"
    assert [(row.line, row.code, row.parent) for row in upload.rows] == [
        (2, "E", ""), (3, "E1", "E"), (5, "E2", "E"), (6, "K1", "")]
    assert not any(row.errors for row in upload.rows)
    group, pv, wind, heat = (row.values for row in upload.rows)
    assert (group["status"], group["published"], group["weight"]) == ("", True, 1)
    assert pv == {
        "code": "E1", "parent": "E", "field": "Strom", "title": "PV auf Schuldächern",
        "teaser": "Alle Schulen\nbis 2028", "status": Status.IN_PROGRESS, "progress": 40,
        "weight": 2, "planned_start": DATE(2025, 3, 1), "planned_end": DATE(2028, 12, 31),
        "cost": Decimal("1250000.00"), "priority": 3, "source": Source.ACTION_PLAN,
        "published": True}
    assert (wind["status"], wind["weight"], wind["source"], wind["published"]) == (
        Status.PLANNED, 1, Source.TEAM, False)
    assert (heat["status"], heat["source"]) == (Status.DELAYED, Source.COUNCIL)


def test_csv_with_commas_and_english_headers():
    upload = read("code,parent,field of action,title,status,progress,planned start,"
                  "planned completion,funding,published,colour\n"
                  "R,,Verkehr,Radverkehr,in progress,50,2025-01-01,2026-01-01,1500.5,yes,blau\n")

    (row,) = upload.rows
    assert row.values["status"] == Status.IN_PROGRESS
    assert row.values["funding_amount"] == Decimal("1500.50")
    assert row.values["planned_end"] == DATE(2026, 1, 1)
    assert row.values["published"] is True
    assert upload.ignored_columns == ["colour"]


def test_xlsx_with_date_cells_and_numbers():
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(["Code", "Titel", "Status", "Fortschritt", "Geplanter Beginn",
                  "Geplanter Abschluss", "Kosten", "Veröffentlicht"])
    sheet.append([7, "Wärmeplanung", "abgeschlossen", 100, datetime.datetime(2024, 1, 1),
                  "31.12.2025", 80000.5, "ja"])
    sheet.append([None] * 8)
    sheet.append(["7.1", "Kartierung", "in_progress", 45.0, None, None, None, "nein"])
    output = io.BytesIO()
    workbook.save(output)

    upload = exchange.read(output.getvalue(), filename="plan.xlsx")

    assert upload.format == "xlsx"
    first, second = upload.rows
    assert (first.line, first.code, first.values["status"]) == (2, "7", Status.COMPLETED)
    assert first.values["planned_start"] == DATE(2024, 1, 1)
    assert first.values["planned_end"] == DATE(2025, 12, 31)
    assert first.values["cost"] == Decimal("80000.50")
    assert (second.line, second.code, second.progress) == (4, "7.1", 45)
    assert not first.errors and not second.errors


def test_our_json_with_nested_parts_and_reports():
    document = {
        "format": "gemeinsam.action-plan", "version": 1,
        "plan": {"title": "KAP", "target_year": 2040, "adopted_on": "2024-02-01"},
        "fields": [{"name": "Strom"}, {"name": "Wasserstoff"}],
        "measures": [{"code": "H", "title": "Wasserstoff", "field": "Wasserstoff",
                      "published": True, "children": [
                          {"code": "H1", "title": "Elektrolyseur", "status": "planned",
                           "cost": 1200000.5, "reports": [
                               {"voice": "team", "reported_on": "2025-01-10",
                                "status": "planned", "progress": None, "text": "Noch offen.",
                                "evidence": "", "agreed": False}]}]}],
    }

    upload = read(json.dumps(document), filename="plan.json")

    assert upload.format == "json"
    assert upload.plan == {"title": "KAP", "target_year": 2040, "adopted_on": DATE(2024, 2, 1)}
    assert upload.fields == ["Strom", "Wasserstoff"]
    group, part = upload.rows
    assert (group.line, part.line) == ("measures[0]", "measures[0].children[0]")
    assert (part.parent, part.values["cost"]) == ("H", Decimal("1200000.50"))
    assert part.reports == [{"voice": "team", "reported_on": DATE(2025, 1, 10),
                             "status": "planned", "progress": None, "text": "Noch offen.",
                             "evidence": "", "agreed": False}]


def test_localzero_task_tree(plan, coordinator):
    upload = read(json.dumps(LOCALZERO), filename="localzero.json")

    assert upload.format == "localzero"
    rows = {row.code: row for row in upload.rows}
    assert list(rows) == ["1", "1.1", "1.1.1", "1.1.2", "1.2", "2"]
    assert not any(row.errors for row in upload.rows)
    assert upload.fields == ["Mobilität"]
    assert {code: (row.parent, row.field_name, row.values["status"])
            for code, row in rows.items()} == {
        "1": ("", "Mobilität", ""), "1.1": ("1", "Mobilität", ""),
        "1.1.1": ("1.1", "Mobilität", Status.DELAYED),
        "1.1.2": ("1.1", "Mobilität", Status.COMPLETED),
        "1.2": ("1", "Mobilität", Status.IN_PROGRESS), "2": ("", "", Status.FAILED)}
    radweg = rows["1.1.1"]
    assert radweg.line == "[0].children[0].children[0]"
    assert "Tiefbauamt" in radweg.values["description"]
    assert "Abteilung Verkehrsplanung" in radweg.values["description"]
    assert "Zu wenig ambitioniert." in radweg.values["team_assessment"]
    assert "Die Ausschreibung verzögert sich." in radweg.values["team_assessment"]
    assert (rows["1.1.2"].values["published"], rows["1.1.2"].values["source"]) == (
        False, Source.TEAM)
    assert [line for line, _column, _text in upload.notices] == ["[0].children[0].children[0]"]

    preview = preview_of(plan, upload)
    assert preview.new_fields == ["Mobilität"]
    assert preview.problems == []

    result = import_into(plan, upload, coordinator)

    assert (result["create"], result["fields"]) == (6, 1)
    path = Measure.objects.get(plan=plan, code="1.1.1")
    assert (path.parent.code, path.field.name, path.progress) == ("1.1", "Mobilität", 30)
    assert (path.planned_start, path.planned_end) == (DATE(2024, 3, 1), DATE(2025, 6, 30))
    assert (path.actual_start, path.actual_end, path.published) == (DATE(2024, 5, 1), None,
                                                                     True)
    assert "Herr X" not in str(Measure.objects.filter(plan=plan).values())
    assert Measure.objects.get(plan=plan, code="2").field is None


def test_problems_of_the_whole_file():
    with pytest.raises(ImportProblems) as error:
        read("Code;Titel\nM1;Wärmeplan für Müller\n".encode("cp1252"))
    assert "UTF-8" in error.value.problems[0][2]

    with pytest.raises(ImportProblems) as error:
        read('{"measures": [\n  {"code": "A",}\n]}', filename="plan.json")
    ((line, column, reason),) = error.value.problems
    assert line == 2 and column and "JSON" in reason

    with pytest.raises(ImportProblems) as error:
        read(b"PK\x03\x04 nothing inside", filename="plan.xlsx")
    assert "xlsx" in error.value.problems[0][2]

    with pytest.raises(ImportProblems) as error:
        read(b"\xd0\xcf\x11\xe0 old", filename="plan.xls")
    assert ".xls" in error.value.problems[0][2]

    with pytest.raises(ImportProblems) as error:
        read("Titel;Status\nWärmeplan;geplant\n")
    assert error.value.problems == [(1, "", "fehlende Spalte: Code")]

    with pytest.raises(ImportProblems):
        read(b"")
    with pytest.raises(ImportProblems):
        read('{"name": "something else"}', filename="x.json")


# --- Preview and import through the services ----------------------------------------------


BAD_CSV = (
    "Code;Übergeordnet;Titel;Status;Fortschritt;Geplanter Beginn;Geplanter Abschluss;"
    "Tatsächlicher Beginn;Tatsächlicher Abschluss\n"
    "A;;Gruppe;;;;;;\n"  # 2: fine
    "A;;Noch einmal A;;;;;;\n"  # 3: duplicate code
    "B;ZZ;Ohne Eltern;;;;;;\n"  # 4: unknown parent
    "C;D;Kreis eins;;;;;;\n"  # 5 and 6: a circle
    "D;C;Kreis zwei;;;;;;\n"
    "E;A;Zeitreise;;;01.06.2026;01.01.2026;;\n"  # 7: planned completion before start
    "F;A;Rückwärts;;;;;2026-05-01;2026-04-01\n"  # 8: actual completion before start
    "G;A;Falscher Status;halb fertig;;;;;\n"  # 9: unknown status
    "H;A;Zu viel;in Umsetzung;120;;;;\n"  # 10: progress out of range
    "I;A;;geplant;;;;;\n"  # 11: a new measure without a title
)


def test_every_problem_is_reported_with_line_and_column_and_nothing_is_saved(plan,
                                                                              coordinator):
    existing = services.measure_create(plan=plan, code="X", title="Bleibt wie es ist")
    upload = read(BAD_CSV)

    preview = preview_of(plan, upload)

    places = {(line, column) for line, column, _reason in preview.problems}
    assert places == {(3, "Code"), (4, "Übergeordnet"), (5, "Übergeordnet"),
                      (6, "Übergeordnet"), (7, "Geplanter Abschluss"),
                      (8, "Tatsächlicher Abschluss"), (9, "Status"), (10, "Fortschritt"),
                      (11, "Titel")}
    reasons = {line: reason for line, _column, reason in preview.problems}
    assert "Line 2" in reasons[3] or "Zeile 2" in reasons[3]
    assert "ZZ" in reasons[4]
    assert "C → D → C" in reasons[5] and "D → C → D" in reasons[6]
    assert "halb fertig" in reasons[9]
    assert "120" in reasons[10]

    with pytest.raises(ImportProblems) as error:
        import_into(plan, upload, coordinator)

    assert {(line, column) for line, column, _reason in error.value.problems} == places
    assert [line for line, _reason in error.value.errors] == [
        line for line, _column, _reason in error.value.problems]
    assert list(plan.measures.all()) == [existing]
    existing.refresh_from_db()
    assert (existing.title, existing.version) == ("Bleibt wie es ist", 1)


def test_json_problems_name_the_path_and_the_key(plan):
    document = {"measures": [{"code": "A", "title": "A", "progress": 150, "children": [
        {"code": "A1", "title": "A1", "status": "irgendwie",
         "reports": [{"voice": "presse", "reported_on": "gestern", "status": "planned",
                      "text": "x"}]}]}]}

    preview = preview_of(plan, read(json.dumps(document), filename="plan.json"))

    assert {(line, column) for line, column, _reason in preview.problems} == {
        ("measures[0]", "progress"), ("measures[0].children[0]", "status"),
        ("measures[0].children[0]", "reports[0].voice"),
        ("measures[0].children[0]", "reports[0].reported_on")}


def test_a_circle_through_measures_of_the_plan_is_found(plan):
    group = services.measure_create(plan=plan, code="A", title="Gruppe")
    services.measure_create(plan=plan, code="B", title="Teil", parent=group)

    preview = preview_of(plan, read("Code;Übergeordnet\nA;B\n"))

    ((line, column, reason),) = preview.problems
    assert (line, column) == (2, "Übergeordnet")
    assert "A → B → A" in reason


def test_existing_codes_are_updated_in_the_given_columns_only(plan, coordinator):
    pv = services.measure_create(plan=plan, code="E1", title="PV", status="planned",
                                 teaser="bleibt", published=True)
    services.measure_create(plan=plan, code="Z", title="Nicht in der Datei")
    upload = read("Code;Titel;Status;Fortschritt\n"
                  "E1;PV auf Schuldächern;in Umsetzung;40\n"
                  "N1;Neu;;\n")

    preview = preview_of(plan, upload)

    update, create = preview.rows
    assert (update.action, create.action) == (imports.UPDATE, imports.CREATE)
    assert [(change.name, change.old, change.new) for change in update.changes] == [
        ("title", "PV", "PV auf Schuldächern"), ("status", "planned", "in_progress"),
        ("progress", None, 40)]
    assert preview.counts == {"create": 1, "update": 1, "unchanged": 0}

    result = import_into(plan, upload, coordinator)

    assert (result["create"], result["update"]) == (1, 1)
    pv.refresh_from_db()
    assert (pv.title, pv.status, pv.progress, pv.teaser, pv.published) == (
        "PV auf Schuldächern", "in_progress", 40, "bleibt", True)
    assert sorted(plan.measures.values_list("code", flat=True)) == ["E1", "N1", "Z"]
    assert plan.measures.get(code="N1").published is False  # new measures are drafts

    again = preview_of(plan, upload)
    assert again.counts == {"create": 0, "update": 0, "unchanged": 2}


def test_unknown_fields_of_action_are_created_and_listed(plan, coordinator):
    upload = read(CSV)

    preview = preview_of(plan, upload)

    assert preview.new_fields == ["Klimaanpassung"]
    assert [(entry.row.code, entry.depth) for entry in preview.tree] == [
        ("E", 0), ("E1", 1), ("E2", 1), ("K1", 0)]
    import_into(plan, upload, coordinator)
    wind = plan.measures.get(code="E2")
    assert (wind.field.name, wind.parent.code) == ("Strom", "E")  # "strom" is Strom
    assert plan.measures.get(code="K1").field == Field.objects.get(plan=plan,
                                                                   name="Klimaanpassung")
    assert plan.fields.count() == 11


def test_departments_and_positions_are_matched_by_name(plan, coordinator):
    environment, _building, manager, _architect = responsible(plan.municipality)
    pv = services.measure_create(plan=plan, code="E1", title="PV", department=environment,
                                 position=manager)
    services.measure_create(plan=plan, code="E2", title="Wind", department=environment)
    upload = read("Code;Titel;Organisationseinheit;Position\n"
                  "E1;PV;hochbauamt;LEITUNG HOCHBAU\n"
                  "E2;Wind;;\n"
                  "E3;Neu;Bauamt;Hausmeister\n")

    preview = preview_of(plan, upload)

    assert [(line, column) for line, column, _reason in preview.problems] == [
        (4, "Organisationseinheit"), (4, "Position")]
    reasons = [reason for _line, _column, reason in preview.problems]
    assert "Bauamt" in reasons[0] and "Hausmeister" in reasons[1]
    first, second, _third = preview.rows
    assert [(c.name, c.old, c.new) for c in first.changes] == [
        ("department", "Amt für Umwelt und Klimaschutz", "Hochbauamt"),
        ("position", "Klimaschutzmanagerin", "Leitung Hochbau")]
    assert [(c.name, c.old, c.new) for c in second.changes] == [
        ("department", "Amt für Umwelt und Klimaschutz", "")]

    import_into(plan, read("Code;Organisationseinheit;Position\n"
                           "E1;hochbauamt;LEITUNG HOCHBAU\nE2;;\n"), coordinator)
    pv.refresh_from_db()
    assert (pv.department.name, pv.position.title) == ("Hochbauamt", "Leitung Hochbau")
    wind = plan.measures.get(code="E2")
    assert (wind.department, wind.position) == (None, None)


def test_a_department_of_another_municipality_is_unknown(plan, other_municipality):
    responsible(other_municipality)
    preview = preview_of(plan, read("Code;Titel;Department\nE1;PV;Hochbauamt\n"))
    assert [(line, column) for line, column, _reason in preview.problems] == [
        (2, "Department")]


def test_json_problems_of_blockers_and_indicators(plan):
    document = {"measures": [{"code": "A", "title": "A", "blockers": [
        {"description": "", "since": "2025-01-01"},
        {"description": "x", "since": "2025-02-01", "resolved_on": "2025-01-01"}]}],
        "indicators": [{"name": "PV", "unit": "kWp", "measure": "ZZ",
                        "values": [{"year": 2024, "value": "viel"}]},
                       {"name": "", "unit": "t"}]}

    preview = preview_of(plan, read(json.dumps(document), filename="plan.json"))

    assert {(line, column) for line, column, _reason in preview.problems} == {
        ("measures[0]", "blockers[0].description"), ("measures[0]", "blockers[1].resolved_on"),
        ("indicators[0]", "measure"), ("indicators[0].values[0]", "value"),
        ("indicators[1]", "name")}


def test_only_coordinators_may_import(plan, member):
    with pytest.raises(DomainError):
        import_into(plan, read(CSV), member)
    assert not plan.measures.exists()


# --- Export and round trip -------------------------------------------------------------------


def _export(client, file_format, slug=SLUG):
    response = client.get(url("export", file_format, slug=slug))
    assert response.status_code == 200
    assert "attachment" in response["Content-Disposition"]
    return response.content


def _cells(content):
    sheet = openpyxl.load_workbook(io.BytesIO(content)).active
    return [list(row) for row in sheet.iter_rows(values_only=True)]


RESPONSIBLE = {"E": ("Amt für Umwelt und Klimaschutz", ""),
               "E1": ("Hochbauamt", "Leitung Hochbau"),
               "E1.1": ("", "Klimaschutzmanagerin"),
               "K1": ("Amt für Umwelt und Klimaschutz", "Klimaschutzmanagerin"),
               "V1": ("", "")}


def _assert_responsible(plan):
    """The imported measures have the departments and positions of the plan's municipality."""
    measures = plan.measures.select_related("department", "position")
    assert {m.code: (m.department.name if m.department else "",
                     m.position.title if m.position else "") for m in measures} == RESPONSIBLE
    for measure in measures:
        for related in (measure.department, measure.position):
            assert related is None or related.municipality_id == plan.municipality_id


def test_json_round_trip_is_lossless(rich_plan, other_plan, member, outsider, client_for):
    content = _export(client_for(member), "json")
    document = json.loads(content)
    assert document["plan"]["title"] == "Klimaschutzkonzept 2035"
    assert "indicators" not in document["plan"]
    assert [m["code"] for m in document["measures"]] == ["E", "K1", "V1"]
    pv = document["measures"][0]["children"][0]
    assert [child["code"] for child in pv["children"]] == ["E1.1"]
    assert [(r["voice"], r["agreed"]) for r in pv["reports"]] == [("team", False),
                                                                 ("administration", True)]
    assert (pv["department"], pv["position"]) == ("Hochbauamt", "Leitung Hochbau")
    assert pv["blockers"] == [
        {"description": "Statik-Gutachten fehlt.", "since": "2024-05-01", "help_wanted": "",
         "resolved_on": "2024-08-15"},
        {"description": "Keine Dachdecker frei.", "since": "2025-02-01",
         "help_wanted": "Wer kennt einen Dachdecker?", "resolved_on": None}]
    assert document["indicators"] == [
        {"name": "Anteil Tempo-30-Straßen", "unit": "%", "source": "", "measure": "V1",
         "baseline_year": None, "baseline_value": None, "target_value": None,
         "published": False, "values": [{"year": 2024, "value": 12.5}]},
        {"name": "Installierte PV-Leistung", "unit": "kWp", "source": "Marktstammdatenregister",
         "measure": "E1", "baseline_year": 2020, "baseline_value": 1200.0,
         "target_value": 25000.5, "published": True,
         "values": [{"year": 2023, "value": 3400.0}, {"year": 2024, "value": 5100.25}]}]

    result = import_into(other_plan, exchange.read(content, filename="plan.json"), outsider)

    assert (result["create"], result["fields"], result["reports"]) == (5, 1, 2)
    assert (result["blockers"], result["indicators"]) == (3, 2)
    assert _export(client_for(outsider), "json", slug="konstanz") == content
    report = ProgressReport.objects.get(measure__plan=other_plan, voice="administration")
    assert (report.author, report.agreed_at is not None) == (outsider, True)
    _assert_responsible(other_plan)
    assert [(b.measure.code, b.description, b.since, b.help_wanted, b.resolved_on,
             b.created_by, list(b.helper_positions.all()))
            for b in Blocker.objects.filter(measure__plan=other_plan).order_by("since")] == [
        ("E1", "Statik-Gutachten fehlt.", DATE(2024, 5, 1), "", DATE(2024, 8, 15), outsider,
         []),
        ("V1", "Keine Mehrheit im Rat.", DATE(2025, 1, 10), "", None, outsider, []),
        ("E1", "Keine Dachdecker frei.", DATE(2025, 2, 1), "Wer kennt einen Dachdecker?", None,
         outsider, [])]
    indicators = {i.name: i for i in Indicator.objects.filter(plan=other_plan)}
    power = indicators["Installierte PV-Leistung"]
    assert (power.unit, power.source, power.measure.code, power.measure.plan) == (
        "kWp", "Marktstammdatenregister", "E1", other_plan)
    assert (power.baseline_year, power.baseline_value, power.target_value, power.published) == (
        2020, 1200.0, 25000.5, True)
    assert list(power.values.values_list("year", "value")) == [(2023, 3400.0), (2024, 5100.25)]
    internal = indicators["Anteil Tempo-30-Straßen"]
    assert (internal.measure.code, internal.published) == ("V1", False)
    assert list(internal.values.values_list("year", "value")) == [(2024, 12.5)]

    # A second import adds no blockers twice and updates the indicators by name.
    document["indicators"][1]["values"] = [{"year": 2024, "value": 5200.0},
                                           {"year": 2025, "value": 7000.0}]
    document["indicators"][1]["unit"] = "MWp"
    again = import_into(other_plan, read(json.dumps(document), filename="plan.json"), outsider)
    assert (again["create"], again["update"], again["blockers"], again["reports"]) == (
        0, 0, 0, 0)
    assert Blocker.objects.filter(measure__plan=other_plan).count() == 3
    assert Indicator.objects.filter(plan=other_plan).count() == 2
    power.refresh_from_db()
    assert power.unit == "MWp"
    assert list(power.values.values_list("year", "value")) == [
        (2023, 3400.0), (2024, 5200.0), (2025, 7000.0)]


@pytest.mark.parametrize("file_format", ["csv", "xlsx"])
def test_spreadsheet_round_trip_is_lossless(rich_plan, other_plan, member, outsider,
                                            client_for, file_format):
    content = _export(client_for(member), file_format)
    if file_format == "csv":
        text = exchange.decode(content)
        assert text.splitlines()[0] == ";".join(exchange.HEADERS.values())
        assert "'=KfW 270" in text  # no formula for spreadsheets
        assert "1250000,00" in text and "ja" in text
        assert ";Hochbauamt;Leitung Hochbau;" in text
    else:
        cells = _cells(content)
        assert cells[0] == list(exchange.HEADERS.values())
        assert cells[2][list(exchange.HEADERS).index("funding_programme")] == "=KfW 270"
        assert [cells[2][list(exchange.HEADERS).index(name)]
                for name in ("department", "position")] == ["Hochbauamt", "Leitung Hochbau"]

    upload = exchange.read(content, filename=f"plan.{file_format}")
    assert preview_of(other_plan, upload).problems == []
    import_into(other_plan, upload, outsider)

    again = _export(client_for(outsider), file_format, slug="konstanz")
    if file_format == "csv":
        assert again == content
    else:
        assert _cells(again) == _cells(content)
    pv = other_plan.measures.get(code="E1")
    assert (pv.parent.code, pv.field.name, pv.cost, pv.funding_amount) == (
        "E", "Strom", Decimal("1250000.00"), Decimal("300000.50"))
    _assert_responsible(other_plan)


def test_the_public_export_has_published_measures_only(rich_plan, client_for):
    group = services.measure_create(plan=rich_plan, code="G", title="Entwurfsgruppe")
    services.measure_create(plan=rich_plan, code="G1", title="Öffentlicher Teil", parent=group,
                            published=True)
    anonymous = client_for(None)

    records = exchange.read(_export(anonymous, "csv")).rows
    assert [(row.code, row.parent) for row in records] == [
        ("E", ""), ("E1", "E"), ("G1", ""), ("K1", "")]
    document = json.loads(_export(anonymous, "json"))
    assert [m["code"] for m in document["measures"]] == ["E", "G1", "K1"]
    pv = document["measures"][0]["children"][0]
    assert pv["team_assessment"] == "Zu langsam."
    assert (pv["department"], pv["position"]) == ("Hochbauamt", "Leitung Hochbau")
    assert [b["description"] for b in pv["blockers"]] == ["Statik-Gutachten fehlt.",
                                                          "Keine Dachdecker frei."]
    assert all(set(b) == set(exchange.BLOCKER_KEYS) for b in pv["blockers"])
    assert [(i["name"], i["measure"]) for i in document["indicators"]] == [
        ("Installierte PV-Leistung", "E1")]
    assert "Tempo" not in json.dumps(document) and "Mehrheit" not in json.dumps(document)
    assert [row[0] for row in _cells(_export(anonymous, "xlsx"))[1:]] == ["E", "E1", "G1",
                                                                          "K1"]


def test_team_members_export_drafts_too(rich_plan, member, client_for):
    codes = [row.code for row in exchange.read(_export(client_for(member), "csv")).rows]
    assert codes == ["E", "E1", "E1.1", "K1", "V1"]


def test_export_without_plan_or_in_an_unknown_format_is_not_found(rich_plan, other_municipality,
                                                                  member, client_for):
    assert client_for(member).get(url("export", "pdf")).status_code == 404
    assert client_for(None).get(url("export", "csv", slug="konstanz")).status_code == 404


# --- Through the pages ---------------------------------------------------------------------


def _upload(client, content, name="plan.csv"):
    return client.post(url("import"), {"file": SimpleUploadedFile(name, content)})


@pytest.mark.parametrize("name", ["import", "import_preview"])
def test_only_coordinators_reach_the_import(plan, member, administration, outsider,
                                            client_for, name):
    anonymous = client_for(None).get(url(name))
    assert anonymous.status_code == 302
    assert anonymous["Location"].startswith(reverse("account_login"))
    for user in (member, administration, outsider):
        assert client_for(user).get(url(name)).status_code == 403


def test_csv_import_through_upload_preview_and_confirm(plan, coordinator, client_for):
    services.measure_create(plan=plan, code="E1", title="PV", status="planned")
    client = client_for(coordinator)
    assert client.get(url("import")).status_code == 200

    response = _upload(client, ("\ufeff" + CSV).encode())
    assert response.status_code == 302
    assert response["Location"] == url("import_preview")

    preview = client.get(url("import_preview"))
    html = preview.content.decode()
    assert preview.status_code == 200
    assert "Bürgerwindpark" in html and "Klimaanpassung" in html
    assert '<th scope="col">' in html and "<caption>" in html
    assert preview.context["preview"].counts == {"create": 3, "update": 1, "unchanged": 0}
    digest = preview.context["form"]["digest"].value()

    response = client.post(url("import_preview"), {"digest": digest})
    assert response.status_code == 302
    assert sorted(plan.measures.values_list("code", flat=True)) == ["E", "E1", "E2", "K1"]
    assert plan.measures.get(code="E1").title == "PV auf Schuldächern"
    assert client.get(url("import_preview")).status_code == 302  # the upload is gone


def test_xlsx_import_through_the_pages(rich_plan, other_plan, member, outsider, client_for):
    content = _export(client_for(member), "xlsx")
    client = client_for(outsider)
    response = client.post(url("import", slug="konstanz"),
                           {"file": SimpleUploadedFile("plan.xlsx", content)})
    assert response.status_code == 302
    digest = client.get(url("import_preview", slug="konstanz")).context["form"]["digest"].value()
    assert client.post(url("import_preview", slug="konstanz"),
                       {"digest": digest}).status_code == 302
    assert other_plan.measures.count() == 5


def test_a_bad_file_shows_its_problems_and_saves_nothing(plan, coordinator, client_for):
    client = client_for(coordinator)
    _upload(client, BAD_CSV.encode())

    preview = client.get(url("import_preview"))
    html = preview.content.decode()
    assert len(preview.context["preview"].problems) == 9
    assert "C → D → C" in html
    assert '<button type="submit">' not in html

    digest = preview.context["form"]["digest"].value()
    response = client.post(url("import_preview"), {"digest": digest})
    assert response.status_code == 400
    assert {line for line, _column, _reason in response.context["failed"]} == {
        3, 4, 5, 6, 7, 8, 9, 10, 11}
    assert not plan.measures.exists()


def test_a_file_that_is_not_utf8_is_refused_with_a_clear_message(plan, coordinator,
                                                                 client_for):
    response = _upload(client_for(coordinator), "Code;Titel\nM1;Müll\n".encode("cp1252"))
    assert response.status_code == 200
    assert "UTF-8" in str(response.context["form"].errors["file"])


def test_an_unknown_localzero_status_is_reported_at_its_task(plan):
    tasks = [{"title": "Wärme", "execution_status": 0, "children": [
        {"title": "Wärmeplan", "execution_status": 5, "execution_completion": 101}]}]

    preview = preview_of(plan, read(json.dumps(tasks), filename="lz.json"))

    assert {(line, column) for line, column, _reason in preview.problems} == {
        ("[0].children[0]", "execution_status"), ("[0].children[0]", "execution_completion")}
