"""The serial letters. pypdf is not a dependency, so the PDF is checked on its bytes: reportlab
writes one `/Type /Page` dictionary per page (the Pages tree is `/Type /Pages`), uncompressed
even when the page streams are compressed, and with page compression off the text drawn in
the standard Courier font (the code) stands in the content stream as it is."""

import csv
import datetime
import io
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from gemeinsam.panels import invitations, letters
from gemeinsam.panels.models import format_code

from .factories import administration_member, make_feature, make_invitation, make_panel

REGISTER_URL = "https://gemeinsam.example/ruesselsheim-am-main/buergerrat-anmeldung/"
TODAY = datetime.date(2026, 11, 23)
PAGE = re.compile(rb"/Type /Page\b(?!s)")


@pytest.fixture
def panel(municipality, administration):
    return make_panel(municipality=municipality, created_by=administration, seats=2,
                      invitation_factor=5, letter_text="",
                      registration_deadline=timezone.localdate() + datetime.timedelta(days=40),
                      meeting_dates="Samstag, 6. März 2027, 10–17 Uhr")


def _letters(panel, count=3):
    return [make_invitation(panel=panel, salutation=s, first_name=f"Vor{n}",
                            last_name=f"Nach{n}")
            for n, s in zip(range(count), ["Frau", "Herr", "", "divers"] * count)]


def test_one_page_per_letter_with_the_code_printed(panel):
    written = _letters(panel, 3)
    content = letters.letters_pdf(panel=panel, invitations=written, register_url=REGISTER_URL,
                                  today=TODAY, compress=False)
    assert content.startswith(b"%PDF")
    assert len(PAGE.findall(content)) == 3
    for letter in written:
        assert f"({format_code(letter.code)}) Tj".encode() in content
    assert b"(ZZZ-ZZZ-ZZZ) Tj" not in content  # the check does look at the text


def test_a_very_long_letter_text_still_fits_on_one_page(panel):
    panel.letter_text = "Ein sehr langer Absatz über den Bürgerrat. " * 300
    content = letters.letters_pdf(panel=panel, invitations=_letters(panel, 2),
                                  register_url=REGISTER_URL, today=TODAY, compress=False)
    assert len(PAGE.findall(content)) == 2


def test_the_default_text_explains_the_panel(panel):
    panel.purpose = "Wie wird Rüsselsheim bis 2035 klimaneutral?"
    text = letters.letter_body(panel)
    assert "Wie wird Rüsselsheim bis 2035 klimaneutral?" in text
    assert "Samstag, 6. März 2027, 10–17 Uhr" in text
    assert "ausgelost" in text and "zufällig" in text
    assert letters.german_date(panel.registration_deadline) in text
    panel.letter_text = "Unser eigener Text."
    assert letters.letter_body(panel) == "Unser eigener Text."


def test_the_default_text_names_the_panels_own_features(panel):
    assert "nach Alter" not in letters.letter_body(panel)
    assert "Vielfalt der Bevölkerung widerspiegelt" in letters.letter_body(panel)
    make_feature(panel=panel, name="Wohndauer")
    assert "die Bevölkerung nach Wohndauer widerspiegelt" in letters.letter_body(panel)
    make_feature(panel=panel, name="Bildungsabschluss")
    make_feature(panel=panel, name="Geschlecht")
    assert ("die Bevölkerung nach Wohndauer, Bildungsabschluss und Geschlecht widerspiegelt"
            in letters.letter_body(panel))


def test_the_default_text_counts_the_letters_drawn_in_this_wave(panel):
    # Planned 10 letters; before any draw the text counts those (for a preview).
    assert "zusammen mit 9 anderen Einwohnerinnen" in letters.letter_body(panel)
    invitations.invitations_draw(panel=panel, register_file=_extract(range(40)), count=7)
    assert "zusammen mit 6 anderen Einwohnerinnen" in letters.letter_body(panel)
    invitations.invitations_draw(panel=panel, register_file=_extract(range(40, 60)), count=2,
                                 wave=2)
    assert "zusammen mit einer weiteren Person" in letters.letter_body(panel)
    assert "zusammen mit 6 anderen" in letters.letter_body(panel, 1)
    assert letters._together(1) == ""
    assert letters._together(1501) == (" – zusammen mit 1.500 anderen Einwohnerinnen und "
                                       "Einwohnern")


def _extract(numbers):
    """Residents Ida<n> Ort<n>, each at an address of their own."""
    return ("Vorname;Nachname;Straße;Hausnummer;PLZ;Ort\n" + "".join(
        f"Ida{n};Ort{n};Am Hang;{n};65428;Rüsselsheim\n" for n in numbers)).encode()


def test_salutations_and_dates():
    assert letters.german_date(datetime.date(2027, 3, 6)) == "6. März 2027"
    assert letters.english_date(datetime.date(2027, 3, 6)) == "6 March 2027"
    assert letters.address_salutation("Herr") == "Herrn"
    assert letters.address_salutation("w") == "Frau"
    assert letters.address_salutation("divers") == ""


def test_the_csv_holds_the_fields_of_every_letter(panel):
    written = _letters(panel, 3)
    written.append(make_invitation(panel=panel, salutation="", first_name="=HYPERLINK(1)",
                                   last_name="Ünal"))
    content = letters.letters_csv(panel=panel, invitations=written, register_url=REGISTER_URL,
                                  today=TODAY)
    assert content.startswith("\ufeff")
    rows = list(csv.DictReader(io.StringIO(content.removeprefix("\ufeff")), delimiter=";"))
    assert len(rows) == 4
    first = rows[0]
    assert first["Code"] == format_code(written[0].code)
    assert first["Anmeldelink"] == f"{REGISTER_URL}?code={written[0].code}"
    assert first["Briefanrede"] == "Sehr geehrte Frau Nach0,"
    assert rows[1]["Adresszeile Anrede"] == "Herrn"
    assert rows[2]["Briefanrede"] == "Guten Tag Vor2 Nach2,"
    assert first["Anmeldeschluss"] == letters.german_date(panel.registration_deadline)
    assert first["English"].startswith(f"English: register at {REGISTER_URL} with the code ")
    assert rows[3]["Vorname"] == "'=HYPERLINK(1)"  # no formula in Excel


# --- Through the pages -----------------------------------------------------------------------


def _url(panel, name):
    return reverse(name, args=[panel.municipality.slug, panel.pk])


def test_the_manager_downloads_pdf_and_csv(panel, administration, client_for):
    text = "Vorname;Nachname;Straße;Hausnummer;PLZ;Ort\n" + "".join(
        f"Ida{n};Ort{n};Am Hang;{n};65428;Rüsselsheim\n" for n in range(15))
    invitations.invitations_draw(panel=panel, register_file=text.encode())
    client = client_for(administration)
    response = client.get(_url(panel, "panels:letters_pdf"))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert "attachment" in response["Content-Disposition"]
    assert len(PAGE.findall(response.content)) == 10
    response = client.get(_url(panel, "panels:letters_csv"))
    assert response.status_code == 200
    content = response.content.decode("utf-8")
    assert content.startswith("\ufeffAnrede;Vorname;Nachname")
    assert content.count("\r\n") == 11


def test_the_registration_address_comes_from_base_url_not_from_the_request(
        panel, administration, client_for, settings):
    settings.BASE_URL = "https://beteiligung.example.org/"
    settings.ALLOWED_HOSTS = ["intern.verwaltung.local"]
    _letters(panel, 2)
    response = client_for(administration).get(_url(panel, "panels:letters_csv"),
                                              HTTP_HOST="intern.verwaltung.local")
    assert response.status_code == 200
    content = response.content.decode("utf-8")
    address = "https://beteiligung.example.org/ruesselsheim-am-main/buergerrat-anmeldung/"
    rows = list(csv.DictReader(io.StringIO(content.removeprefix("\ufeff")), delimiter=";"))
    assert {row["Anmeldeadresse"] for row in rows} == {address}
    assert all(row["Anmeldelink"].startswith(address + "?code=") for row in rows)
    assert "intern.verwaltung.local" not in content
    assert letters.registration_address(panel.municipality) == address
    # The PDF prints the same address (uncompressed, the text stands in the stream).
    pdf = letters.letters_pdf(panel=panel, invitations=panel.invitations.all(),
                              register_url=letters.registration_address(panel.municipality),
                              today=TODAY, compress=False)
    assert b"beteiligung.example.org" in pdf


def test_each_wave_is_printed_on_its_own(panel, administration, client_for):
    invitations.invitations_draw(panel=panel, register_file=_extract(range(40)), count=10)
    invitations.invitations_draw(panel=panel, register_file=_extract(range(40, 80)), count=4,
                                 wave=2)
    second = set(panel.invitations.filter(wave=2).values_list("code", flat=True))
    assert len(second) == 4
    client = client_for(administration)
    pdf_url, csv_url = _url(panel, "panels:letters_pdf"), _url(panel, "panels:letters_csv")
    # Without ?welle the newest wave: what the print shop needs after a further draw.
    for query, pages in (("", 4), ("?welle=2", 4), ("?welle=1", 10)):
        response = client.get(pdf_url + query)
        assert response.status_code == 200
        assert len(PAGE.findall(response.content)) == pages, query
    assert "welle-2" in client.get(pdf_url)["Content-Disposition"]
    rows = list(csv.DictReader(io.StringIO(client.get(csv_url + "?welle=2").content.decode(
        "utf-8").removeprefix("\ufeff")), delimiter=";"))
    assert {row["Code"].replace("-", "") for row in rows} == second
    for query in ("?welle=3", "?welle=0", "?welle=zwei"):
        assert client.get(pdf_url + query).status_code == 404
        assert client.get(csv_url + query).status_code == 404


def test_the_pdf_of_a_wave_holds_only_its_codes(panel):
    invitations.invitations_draw(panel=panel, register_file=_extract(range(30)), count=5)
    invitations.invitations_draw(panel=panel, register_file=_extract(range(30, 60)), count=3,
                                 wave=2)
    content = letters.letters_pdf(panel=panel,
                                  invitations=invitations.letters_of(panel=panel, wave=2),
                                  register_url=REGISTER_URL, today=TODAY, wave=2,
                                  compress=False)
    assert len(PAGE.findall(content)) == 3
    for letter in panel.invitations.all():
        printed = f"({format_code(letter.code)}) Tj".encode() in content
        assert printed == (letter.wave == 2)


def test_a_team_member_gets_403_for_the_pdf(panel, member, coordinator, client_for):
    _letters(panel, 1)
    for user in (member, coordinator):
        assert client_for(user).get(_url(panel, "panels:letters_pdf")).status_code == 403
        assert client_for(user).get(_url(panel, "panels:letters_csv")).status_code == 403


def test_others_get_no_letters_either(panel, platform_admin, outsider, client_for):
    _letters(panel, 1)
    not_managing = administration_member(panel.municipality)
    for user in (platform_admin, outsider, not_managing):
        assert client_for(user).get(_url(panel, "panels:letters_pdf")).status_code == 403
        assert client_for(user).get(_url(panel, "panels:letters_csv")).status_code == 403
    assert client_for(None).get(_url(panel, "panels:letters_pdf")).status_code == 302


def test_no_letters_after_the_addresses_are_erased(panel, administration, client_for):
    _letters(panel, 2)
    invitations.letters_addresses_erase(panel=panel)
    response = client_for(administration).get(_url(panel, "panels:letters_pdf"))
    assert response.status_code == 302
    assert response["Location"] == _url(panel, "panels:invitations")


def test_a_wave_whose_addresses_were_erased_is_not_printed_but_the_next_is(
        panel, administration, client_for):
    invitations.invitations_draw(panel=panel, register_file=_extract(range(20)), count=5)
    invitations.letters_addresses_erase(panel=panel)
    invitations.invitations_draw(panel=panel, register_file=_extract(range(20, 40)), count=3,
                                 wave=2)
    client = client_for(administration)
    assert client.get(_url(panel, "panels:letters_pdf") + "?welle=1").status_code == 302
    response = client.get(_url(panel, "panels:letters_pdf"))
    assert response.status_code == 200 and len(PAGE.findall(response.content)) == 3
    page = client.get(_url(panel, "panels:invitations")).content.decode()
    assert "?welle=2" in page and "?welle=1" not in page
    first, second = invitations.waves(panel)
    assert first["addresses_erased_at"] and second["addresses_erased_at"] is None


# --- What the page says besides the body ------------------------------------------------------

LONG_CONTACT = ("Fachbereich Mobilitaet und Verkehrsplanung, Telefon 06142 83-2231, Sprechzeiten "
                "Montag bis Freitag 9 bis 12 Uhr, buergerrat@ruesselsheim.example.org, Rathaus "
                "Zimmer 201, Marktplatz 4, Eingang ueber den Hof")


def test_a_long_contact_is_printed_whole(panel):
    # One long free-text line used to be cut off with "…" in the return line and in the
    # "Ihr Kontakt" box. Now it is wrapped: every word of it stands in the page (uncompressed,
    # the ASCII text stands in the stream), in the box as in the line for replies without
    # the internet, so at least twice.
    panel.contact = LONG_CONTACT
    content = letters.letters_pdf(panel=panel, invitations=_letters(panel, 1),
                                  register_url=REGISTER_URL, today=TODAY, compress=False)
    assert len(PAGE.findall(content)) == 1
    for word in LONG_CONTACT.replace(",", "").split():
        assert content.count(word.encode()) >= 2, word
    assert content.count(b"Hof") >= 3  # the return line keeps the end, too


def test_a_contact_of_many_lines_is_printed_whole(panel):
    panel.contact = "\n".join(f"Zeile{n} mit Angaben" for n in range(1, 10))
    content = letters.letters_pdf(panel=panel, invitations=_letters(panel, 1),
                                  register_url=REGISTER_URL, today=TODAY, compress=False)
    for n in range(1, 10):
        assert f"Zeile{n}".encode() in content


def test_the_subject_says_buergerrat_once():
    assert (letters.letter_subject("Bürgerrat Mobilität in der Innenstadt")
            == "Einladung: Bürgerrat Mobilität in der Innenstadt")
    assert (letters.letter_subject("Klimaneutral 2035")
            == "Einladung zum Bürgerrat „Klimaneutral 2035“")


def test_the_default_text_says_buergerrat_once(panel):
    panel.title = "Bürgerrat Mobilität in der Innenstadt"
    text = letters.letter_body(panel)
    assert "im „Bürgerrat Mobilität in der Innenstadt“ mitzuwirken" in text
    assert "Bürgerrat „Bürgerrat" not in text
    fields = letters.letter_fields(panel=panel, invitation=_letters(panel, 1)[0],
                                   register_url=REGISTER_URL, today=TODAY)
    assert fields["Betreff"] == "Einladung: Bürgerrat Mobilität in der Innenstadt"
    panel.title = "Klimaneutral 2035"
    assert "im Bürgerrat „Klimaneutral 2035“ mitzuwirken" in letters.letter_body(panel)


@pytest.mark.parametrize(("contact", "unit"), [
    ("Fachbereich Mobilität, Telefon 06142 83-0, mobilitaet@example.org", "Fachbereich Mobilität"),
    ("Stabsstelle Klimaschutz\nTelefon 06142 83-0", "Stabsstelle Klimaschutz"),
    ("Telefon 06142 83-0, mobilitaet@example.org", None),
    ("buergerrat@example.org", None),
    ("", None),
])
def test_the_letter_is_signed_by_the_office_and_its_unit(panel, contact, unit):
    panel.contact = contact
    expected = [f"Ihre Stadtverwaltung {panel.municipality.name}"] + ([unit] if unit else [])
    assert letters.signature(panel) == expected


def test_the_letter_closes_and_says_how_to_reply_without_the_internet(panel):
    # Also under the panel's own text: the closing and the offline way are not part of it.
    panel.letter_text = "Unser eigener Text."
    panel.contact = "Fachbereich Mobilitaet, Telefon 06142 83-0"
    content = letters.letters_pdf(panel=panel, invitations=_letters(panel, 1),
                                  register_url=REGISTER_URL, today=TODAY, compress=False)
    assert b"Mit freundlichen Gr" in content
    assert b"Ihre Stadtverwaltung " in content
    assert b"Kein Internet?" in content
    assert b"telefonisch, per Brief oder pers" in content
    offline = letters.offline_reply(panel)
    assert "Fachbereich Mobilitaet, Telefon 06142 83-0" in offline
    assert "wir tragen Ihre Anmeldung dann für Sie ein" in offline
    panel.contact = ""
    assert f"Stadtverwaltung {panel.municipality.name}" in letters.offline_reply(panel)
