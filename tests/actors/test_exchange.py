import datetime
import io

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from gemeinsam.actors import exchange, imports
from gemeinsam.actors.models import Actor, ActorKind, LegalBasis
from gemeinsam.core.errors import ImportFailed
from tests.actors.factories import OrganisationFactory, PersonFactory, SectorFactory

pytestmark = pytest.mark.django_db
SLUG = "ruesselsheim-am-main"

CSV = (
    "Name;Art;Organisation;Funktion;E-Mail;Telefon;Sektor;Rechtsgrundlage;Einwilligung am;"
    "Wortlaut der Einwilligung\n"
    "Stadtwerke Rüsselsheim;Organisation;;;info@stadtwerke.example;;energie;;;\n"
    "Anna Schmidt;Person;Stadtwerke Rüsselsheim;Leiterin Vertrieb;anna@stadtwerke.example;"
    "+49 6142 1234;Energie;Einwilligung;01.03.2026;Ich bin einverstanden.\n"
    "Karl Weber;Person;Radentscheid Rüsselsheim;Sprecher;karl@rad.example;;;"
    "öffentliches Amt;;\n"
)
VCARDS = """BEGIN:VCARD
VERSION:3.0
FN:Dr. Eva Braun-Lehmann
ORG:Kreisverwaltung Groß-Gerau;Fachdienst Umwelt
TITLE:Klimaschutzmanagerin
EMAIL;TYPE=INTERNET:eva@kreis.example
TEL;TYPE=WORK:06152 989-0
ADR;TYPE=WORK:;;Wilhelm-Seipp-Str. 4;Groß-Gerau;;64521;Deutschland
NOTE:Kennt den Landrat.
END:VCARD
BEGIN:VCARD
VERSION:4.0
KIND:org
FN:Energiegenossenschaft Main
URL:https://egm.example
END:VCARD
"""


def url(name, *args):
    return reverse(f"actors:{name}", args=[SLUG, *args])


def rows_of(text, **defaults):
    return exchange.read(text, **defaults).rows


@pytest.fixture
def energy(municipality):
    return SectorFactory(municipality=municipality, name="Energie")


# --- Reading files -------------------------------------------------------------------------


def test_csv_with_semicolons_and_byte_order_mark():
    text = exchange.decode(("\ufeff" + CSV).encode("utf-8"))
    upload = exchange.read(text)

    assert upload.format == "csv"
    stadtwerke, anna, karl = upload.rows
    assert (stadtwerke.line, stadtwerke.kind, stadtwerke.name) == (
        2, ActorKind.ORGANISATION, "Stadtwerke Rüsselsheim")
    assert (anna.line, anna.kind, anna.organisation, anna.phone) == (
        3, ActorKind.PERSON, "Stadtwerke Rüsselsheim", "+49 6142 1234")
    assert (anna.legal_basis, anna.consent_given_on) == (LegalBasis.CONSENT,
                                                        datetime.date(2026, 3, 1))
    assert karl.legal_basis == LegalBasis.LEGITIMATE_INTEREST
    assert not any(row.errors for row in upload.rows)


def test_csv_with_commas_english_headers_and_multi_line_address():
    text = ('name,kind,e-mail,address,legal basis,Lieblingsfarbe\n'
            'Rathaus,organisation,,"Marktplatz 4\n65428 Rüsselsheim",,grün\n'
            'Ute Kern,Person,ute@example.org,,public office,blau\n')
    upload = exchange.read(text)

    rathaus, ute = upload.rows
    assert rathaus.address == "Marktplatz 4\n65428 Rüsselsheim"
    assert (ute.line, ute.email, ute.legal_basis) == (4, "ute@example.org",
                                                      LegalBasis.LEGITIMATE_INTEREST)
    assert upload.ignored_columns == ["Lieblingsfarbe"]


def test_file_level_problems_are_reported():
    with pytest.raises(ImportFailed) as error:
        exchange.decode("Name;Art\nMüller;Person\n".encode("cp1252"))
    assert "UTF-8" in error.value.errors[0][1]
    with pytest.raises(ImportFailed) as error:
        exchange.read("Vorname;Art\nUte;Person\n")
    assert error.value.errors == [(1, "fehlende Spalte: Name")]


def test_vcard_file_with_legal_basis_for_the_whole_file():
    eva, cooperative = rows_of(VCARDS, filename="kontakte.vcf",
                               legal_basis=LegalBasis.LEGITIMATE_INTEREST)

    assert (eva.line, eva.kind, eva.name) == (1, ActorKind.PERSON, "Dr. Eva Braun-Lehmann")
    assert (eva.organisation, eva.function, eva.email, eva.phone) == (
        "Kreisverwaltung Groß-Gerau", "Klimaschutzmanagerin", "eva@kreis.example",
        "06152 989-0")
    assert eva.address == "Wilhelm-Seipp-Str. 4\n64521 Groß-Gerau\nDeutschland"
    assert (eva.notes, eva.legal_basis) == ("Kennt den Landrat.", LegalBasis.LEGITIMATE_INTEREST)
    assert (cooperative.line, cooperative.kind, cooperative.website) == (
        11, ActorKind.ORGANISATION, "https://egm.example")
    assert cooperative.legal_basis == ""


# --- Preview and import through the services ----------------------------------------------


def test_preview_flags_duplicates_in_the_database_and_in_the_file(municipality, energy):
    stadtwerke = OrganisationFactory(municipality=municipality, name="Stadtwerke Rüsselsheim")
    anna = PersonFactory(municipality=municipality, name="Anna Schmidt", parent=stadtwerke,
                         email="alt@stadtwerke.example")
    PersonFactory(municipality=municipality, name="Karl Weber", email="karl@rad.example")
    text = CSV + ("Anna Schmidt;Person;Stadtwerke Rüsselsheim;;;;;öffentliches Amt;;\n"
                  "Carla Roth;Person;;;KARL@rad.example;;;öffentliches Amt;;\n"
                  "Neue Person;Person;;;;;;öffentliches Amt;;\n")

    preview = imports.actors_import_preview(municipality=municipality, rows=rows_of(text))

    lines = {entry.line: entry for entry in preview.rows}
    assert lines[2].duplicates == [stadtwerke]  # same name
    assert lines[3].duplicates == [anna]  # same name in the same organisation
    assert lines[4].duplicates and lines[4].duplicate_of_line is None  # same e-mail
    assert lines[5].duplicate_of_line == 3  # Anna twice in the file
    assert lines[6].duplicate_of_line == 4  # Karl's address in another name
    assert not lines[7].flagged
    assert preview.errors == []
    assert preview.new_organisations == ["Radentscheid Rüsselsheim"]


def test_import_creates_people_and_their_new_organisations(municipality, energy, member):
    existing = OrganisationFactory(municipality=municipality, name="Stadtwerke Rüsselsheim")
    text = CSV.replace("Stadtwerke Rüsselsheim;Organisation", "Lokale Agenda;Organisation")

    result = imports.actors_import(municipality=municipality, rows=rows_of(text),
                                   created_by=member)

    assert result == {"organisations": 2, "people": 2, "skipped": 0}
    anna = Actor.objects.get(name="Anna Schmidt")
    assert (anna.parent, anna.sector, anna.owner) == (existing, energy, member)
    assert anna.consent_wording == "Ich bin einverstanden."
    karl = Actor.objects.get(name="Karl Weber")
    assert karl.parent.name == "Radentscheid Rüsselsheim"
    assert karl.parent.kind == ActorKind.ORGANISATION
    assert Actor.objects.get(name="Lokale Agenda").sector == energy  # matched case-insensitively


def test_flagged_rows_are_skipped_unless_created_anyway(municipality, energy):
    OrganisationFactory(municipality=municipality, name="Stadtwerke Rüsselsheim")
    PersonFactory(municipality=municipality, name="Karl Weber", email="karl@rad.example")

    result = imports.actors_import(municipality=municipality, rows=rows_of(CSV),
                                   decisions={4: imports.CREATE})

    assert result == {"organisations": 1, "people": 2, "skipped": 1}
    assert Actor.objects.filter(name="Karl Weber").count() == 2
    assert Actor.objects.filter(name="Stadtwerke Rüsselsheim").count() == 1
    assert Actor.objects.get(name="Anna Schmidt").parent.name == "Stadtwerke Rüsselsheim"


def test_a_bad_row_cancels_the_whole_import_and_every_bad_row_is_reported(municipality, energy):
    text = CSV + ("Ohne Grundlage;Person;;;;;;;;\n"
                  "Falsche Mail;Person;;;keine-adresse;;Mond;öffentliches Amt;;\n"
                  "Irgendwas;Verein;;;;;;;;\n")

    with pytest.raises(ImportFailed) as error:
        imports.actors_import(municipality=municipality, rows=rows_of(text))

    lines = [line for line, _reason in error.value.errors]
    assert sorted(set(lines)) == [5, 6, 7]
    reasons = " ".join(reason for _line, reason in error.value.errors)
    assert "Mond" in reasons and "Verein" in reasons
    assert lines.count(6) == 2  # unknown sector and invalid e-mail address
    assert not Actor.objects.exists()


# --- Through the pages ---------------------------------------------------------------------


def _upload(client, content, name="akteure.csv", **data):
    return client.post(url("import"), {"file": SimpleUploadedFile(name, content), **data})


def test_csv_import_through_upload_preview_and_confirm(municipality, energy, member,
                                                       client_for):
    PersonFactory(municipality=municipality, name="Karl Weber", email="karl@rad.example")
    client = client_for(member)
    assert client.get(url("import")).status_code == 200

    response = _upload(client, ("\ufeff" + CSV).encode())
    assert response.status_code == 302
    assert response["Location"] == url("import_preview")

    preview = client.get(url("import_preview"))
    html = preview.content.decode()
    assert preview.status_code == 200
    assert "Anna Schmidt" in html and "Radentscheid Rüsselsheim" in html
    assert 'name="decision_4"' in html
    digest = preview.context["form"]["digest"].value()

    response = client.post(url("import_preview"), {"digest": digest, "decision_4": "skip"})
    assert response.status_code == 302
    # Karl was skipped, and with him the organisation only he named.
    assert sorted(Actor.objects.values_list("name", flat=True)) == [
        "Anna Schmidt", "Karl Weber", "Stadtwerke Rüsselsheim"]
    assert client.get(url("import_preview")).status_code == 302  # the upload is gone


def test_a_bad_file_shows_its_problems_and_saves_nothing(municipality, energy, member,
                                                        client_for):
    client = client_for(member)
    _upload(client, (CSV + "Ohne Grundlage;Person;;;;;;;;\n").encode())

    preview = client.get(url("import_preview"))
    assert preview.context["preview"].errors[0][0] == 5
    assert "Import now" not in preview.content.decode()

    digest = preview.context["form"]["digest"].value()
    response = client.post(url("import_preview"), {"digest": digest})
    assert response.status_code == 400
    assert [line for line, _reason in response.context["failed"]] == [5]
    assert not Actor.objects.exists()


def test_vcard_upload_needs_a_legal_basis_and_keeps_the_choices(municipality, member,
                                                               client_for):
    client = client_for(member)
    response = _upload(client, VCARDS.encode(), name="kontakte.vcf")
    assert response.status_code == 200
    assert "legal_basis" in response.context["form"].errors

    response = _upload(client, VCARDS.encode(), name="kontakte.vcf", legal_basis="consent",
                       consent_wording="Einverstanden.")
    form = response.context["form"]
    assert "consent_given_on" in form.errors
    html = response.content.decode()
    assert '<option value="consent" selected>' in html
    assert "Einverstanden.</textarea>" in html

    response = _upload(client, VCARDS.encode(), name="kontakte.vcf", legal_basis="consent",
                       consent_given_on="2026-04-01", consent_wording="Einverstanden.")
    assert response.status_code == 302
    digest = client.get(url("import_preview")).context["form"]["digest"].value()
    client.post(url("import_preview"), {"digest": digest})
    eva = Actor.objects.get(name="Dr. Eva Braun-Lehmann")
    assert (eva.legal_basis, eva.consent_given_on) == (LegalBasis.CONSENT,
                                                      datetime.date(2026, 4, 1))
    assert eva.parent.name == "Kreisverwaltung Groß-Gerau"
    assert Actor.objects.get(name="Energiegenossenschaft Main").website == "https://egm.example"


def test_a_file_that_is_not_utf8_is_refused_with_a_clear_message(municipality, member,
                                                                 client_for):
    response = _upload(client_for(member), "Name;Art\nMüller;Person\n".encode("cp1252"))
    assert response.status_code == 200
    assert "UTF-8" in str(response.context["form"].errors["file"])


# --- Export --------------------------------------------------------------------------------


@pytest.fixture
def alliance(municipality, energy):
    stadtwerke = OrganisationFactory(municipality=municipality, name="Stadtwerke Rüsselsheim",
                                     sector=energy, website="https://stadtwerke.example",
                                     address="Walter-Flex-Str. 74\n65428 Rüsselsheim",
                                     shared_with_administration=True)
    PersonFactory(municipality=municipality, name="Anna Schmidt", parent=stadtwerke,
                  sector=energy, phone="+49 6142 1234")
    PersonFactory(municipality=municipality, name="Bernd Amt", function="=1+2",
                  legal_basis=LegalBasis.LEGITIMATE_INTEREST, consent_given_on=None,
                  consent_wording="", shared_with_administration=True)
    return stadtwerke


def test_csv_export_can_be_imported_again(alliance, member, client_for, other_municipality):
    response = client_for(member).get(url("export", "csv"))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert "attachment" in response["Content-Disposition"]
    text = exchange.decode(response.content)
    assert text.splitlines()[0] == ";".join(exchange.HEADERS.values())
    assert "'=1+2" in text  # no formula for spreadsheets

    SectorFactory(municipality=other_municipality, name="Energie")
    result = imports.actors_import(municipality=other_municipality, rows=rows_of(text))

    assert result == {"organisations": 1, "people": 2, "skipped": 0}
    fields = ["kind", "name", "parent__name", "sector__name", "function", "email", "phone",
              "website", "address", "legal_basis", "consent_given_on", "consent_wording",
              "notes"]
    original = list(Actor.objects.filter(municipality=alliance.municipality)
                    .order_by("name").values_list(*fields))
    copy = list(Actor.objects.filter(municipality=other_municipality)
                .order_by("name").values_list(*fields))
    assert copy == original

    # Importing the export into the same municipality again only finds duplicates.
    preview = imports.actors_import_preview(municipality=other_municipality, rows=rows_of(text))
    assert all(entry.flagged for entry in preview.rows)


def test_xlsx_export(alliance, member, client_for):
    response = client_for(member).get(url("export", "xlsx"))
    assert response.status_code == 200
    assert response["Content-Type"] == (
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")

    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    header, *rows = [list(row) for row in sheet.iter_rows(values_only=True)]
    assert header == list(exchange.HEADERS.values())
    records = {row[0]: dict(zip(exchange.HEADERS, row)) for row in rows}
    assert list(records) == ["Stadtwerke Rüsselsheim", "Anna Schmidt", "Bernd Amt"]
    anna = records["Anna Schmidt"]
    assert (anna["kind"], anna["organisation"], anna["sector"], anna["phone"]) == (
        "Person", "Stadtwerke Rüsselsheim", "Energie", "+49 6142 1234")
    assert (anna["legal_basis"], anna["consent_given_on"].date()) == (
        "Einwilligung", datetime.date(2026, 3, 1))
    assert records["Bernd Amt"]["function"] == "=1+2"  # a text, not a formula
    assert sheet["D4"].data_type == "s"
    assert records["Stadtwerke Rüsselsheim"]["address"] == (
        "Walter-Flex-Str. 74\n65428 Rüsselsheim")


@pytest.mark.parametrize("file_format", ["csv", "xlsx"])
def test_the_administration_exports_only_shared_actors(alliance, administration, client_for,
                                                       file_format):
    response = client_for(administration).get(url("export", file_format))
    assert response.status_code == 200
    if file_format == "csv":
        names = [row.name for row in rows_of(exchange.decode(response.content))]
    else:
        sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
        names = [row[0] for row in sheet.iter_rows(min_row=2, values_only=True)]
    assert names == ["Stadtwerke Rüsselsheim", "Bernd Amt"]


@pytest.mark.parametrize("name, args", [("import", []), ("import_preview", []),
                                        ("export", ["csv"]), ("export", ["xlsx"])])
def test_closed_to_the_public_and_to_other_municipalities(municipality, outsider, signed_in_user,
                                                          client_for, name, args):
    anonymous = client_for(None).get(url(name, *args))
    assert anonymous.status_code == 302
    assert anonymous["Location"].startswith(reverse("account_login"))
    assert client_for(signed_in_user).get(url(name, *args)).status_code == 403
    assert client_for(outsider).get(url(name, *args)).status_code == 403


def test_the_administration_may_export_but_not_import(municipality, administration,
                                                      client_for):
    client = client_for(administration)
    assert client.get(url("import")).status_code == 403
    assert client.get(url("export", "csv")).status_code == 200


def test_unknown_export_format_is_not_found(municipality, member, client_for):
    assert client_for(member).get(url("export", "pdf")).status_code == 404
