import datetime
import io
import os

import pytest
from django.contrib.sessions.models import Session
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from gemeinsam.core.errors import DomainError, ImportFailed
from gemeinsam.panels import invitations, services
from gemeinsam.panels.models import Invitation, Selection

from .factories import administration_member, make_invitation, make_panel

HEADER = "Anrede;Vorname;Nachname;Straße;Hausnummer;PLZ;Ort;Ortsteil\n"


def extract(rows, header=HEADER, delimiter=";"):
    """A register extract: rows of (first name, last name, district)."""
    lines = [header.replace(";", delimiter)]
    for number, (first, last, district) in enumerate(rows, start=1):
        lines.append(delimiter.join(["Frau", first, last, "Hauptstraße", str(number), "65428",
                                     "Rüsselsheim am Main", district]) + "\n")
    return "".join(lines)


def people(count, district="Innenstadt", prefix="Person"):
    # Zero-padded, so that no name is part of another.
    return [(f"{prefix}{district}{n:04d}", f"Zufall{district}{n:04d}", district)
            for n in range(count)]


@pytest.fixture
def panel(municipality, administration):
    return make_panel(municipality=municipality, created_by=administration, seats=2,
                      invitation_factor=5)


# --- Reading the extract ---------------------------------------------------------------------


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "cp1252"])
@pytest.mark.parametrize("delimiter", [";", ",", "\t"])
def test_reads_every_common_dialect(panel, encoding, delimiter):
    data = extract(people(12), delimiter=delimiter).encode(encoding)
    report = invitations.invitations_draw(panel=panel, register_file=data)
    assert report["rows_read"] == 12 and report["letters"] == 10
    letter = Invitation.objects.filter(panel=panel).first()
    assert letter.street.startswith("Hauptstraße ")
    assert letter.city == "Rüsselsheim am Main"
    assert letter.household and len(letter.code) == 9


def test_reads_english_headers_and_a_combined_street(panel):
    data = ("first name,last name,address,zip,city,quarter\n"
            + "".join(f"Ann{n},Smith{n},Marktstraße {n}a,65428,Rüsselsheim,Haßloch\n"
                      for n in range(10))).encode()
    invitations.invitations_draw(panel=panel, register_file=data)
    streets = set(Invitation.objects.values_list("street", flat=True))
    assert "Marktstraße 3a" in streets
    assert set(Invitation.objects.values_list("district", flat=True)) == {"Haßloch"}


def test_every_bad_row_is_reported_and_nothing_is_drawn(panel):
    text = extract(people(12)) + "Herr;Max;;Weg;1;65428;Rüsselsheim;Innenstadt\n" + \
        "Herr;Moritz;Meier;Weg;2;6542;Rüsselsheim;Innenstadt\n"
    with pytest.raises(ImportFailed) as failed:
        invitations.invitations_draw(panel=panel, register_file=text.encode())
    lines = [line for line, _reason in failed.value.errors]
    assert lines == [14, 15]
    assert "Nachname" in str(failed.value.errors[0][1]) or "last name" in str(
        failed.value.errors[0][1]).lower()
    assert not Invitation.objects.exists()
    panel.refresh_from_db()
    assert panel.invitation_report == {}


def test_a_missing_column_is_reported_on_line_1(panel):
    with pytest.raises(ImportFailed) as failed:
        invitations.invitations_draw(panel=panel, register_file=b"Vorname;PLZ;Ort\nA;65428;R\n")
    assert {line for line, _reason in failed.value.errors} == {1}
    assert len(failed.value.errors) == 2  # Nachname and Straße


def test_drawing_by_district_needs_the_district_of_every_row(panel):
    text = extract(people(12) + [("Ohne", "Ortsteil", "")])
    with pytest.raises(ImportFailed) as failed:
        invitations.invitations_draw(panel=panel, register_file=text.encode(),
                                     method="by_district")
    assert [line for line, _reason in failed.value.errors] == [14]


# --- Drawing ---------------------------------------------------------------------------------


def test_allocation_is_proportional_to_residents_times_weight():
    allocation = invitations.letters_allocate(
        sizes={"Innenstadt": 600, "Haßloch": 300, "Königstädten": 100},
        weights={"Königstädten": 2}, count=110)
    # Shares 600 : 300 : 200 of 1100 → 60, 30, 20.
    assert allocation == {"Innenstadt": 60, "Haßloch": 30, "Königstädten": 20}


def test_allocation_uses_the_largest_remainder():
    allocation = invitations.letters_allocate(sizes={"A": 10, "B": 10, "C": 10},
                                              weights={"C": 1.5}, count=10)
    # 10 × 10/35, 10/35, 15/35 = 2.86, 2.86, 4.29 → floors 2, 2, 4, two seats left for A, B.
    assert allocation == {"A": 3, "B": 3, "C": 4}
    assert sum(allocation.values()) == 10


def test_allocation_is_capped_at_the_district_size_and_the_rest_shared():
    allocation = invitations.letters_allocate(sizes={"Klein": 5, "A": 100, "B": 100},
                                              weights={"Klein": 10}, count=60)
    # Klein would get 60 × 50/250 = 12 but has only 5; the 55 left go half and half.
    assert allocation["Klein"] == 5
    assert allocation["A"] + allocation["B"] == 55 and abs(allocation["A"] - allocation["B"]) <= 1


def test_draw_by_district_follows_the_allocation(panel):
    text = extract(people(40, "Innenstadt") + people(20, "Haßloch") + people(5, "Bauschheim"))
    report = invitations.invitations_draw(panel=panel, register_file=text.encode(),
                                          method="by_district", count=20,
                                          weights={"Bauschheim": 4})
    # 40 : 20 : 20 → 10, 5, 5 (Bauschheim exactly at its size).
    letters = {d["name"]: d["letters"] for d in report["districts"]}
    assert letters == {"Bauschheim": 5, "Haßloch": 5, "Innenstadt": 10}
    drawn = Invitation.objects.filter(panel=panel)
    assert drawn.filter(district="Bauschheim").count() == 5
    assert drawn.filter(district="Innenstadt").count() == 10
    panel.refresh_from_db()
    assert panel.invitation_method == "by_district"
    assert panel.district_weights == {"Bauschheim": 4}
    [wave] = invitations.waves(panel)
    assert wave["wave"] == 1 and wave["method"] == "by_district"
    assert wave["weights"] == {"Bauschheim": 4}
    assert {d["name"]: d["weight"] for d in wave["districts"]} == {
        "Bauschheim": 4, "Haßloch": 1, "Innenstadt": 1}
    assert set(drawn.values_list("wave", flat=True)) == {1}


def test_a_weight_for_an_unknown_district_is_refused(panel):
    with pytest.raises(DomainError, match="Bauschheim"):
        invitations.invitations_draw(panel=panel, register_file=extract(people(12)).encode(),
                                     method="by_district", weights={"Bauschheim": 2})
    assert not Invitation.objects.exists()


def test_more_letters_than_residents_is_a_clear_error(panel):
    with pytest.raises(DomainError) as refused:
        invitations.invitations_draw(panel=panel, register_file=extract(people(8)).encode(),
                                     count=9)
    assert "8" in str(refused.value.message) and "9" in str(refused.value.message)
    assert not Invitation.objects.exists()


def test_drawing_twice_is_refused(panel):
    invitations.invitations_draw(panel=panel, register_file=extract(people(12)).encode())
    with pytest.raises(DomainError):
        invitations.invitations_draw(panel=panel, register_file=extract(people(12)).encode())
    assert Invitation.objects.filter(panel=panel).count() == 10


@pytest.mark.parametrize("text", ["Königstädten = 1,5\nHaßloch=2",
                                  "Königstädten; 1,5\nHaßloch;2",
                                  "Königstädten = 1.5\n\n  Haßloch ; 2  \n",
                                  "Königstädten: 1,5\nHaßloch\t2"])
def test_weights_parse_understands_both_ways_of_writing(text):
    assert invitations.weights_parse(text) == {"Königstädten": 1.5, "Haßloch": 2}


def test_a_district_named_with_a_hyphen_and_spaces_keeps_its_name():
    assert invitations.weights_parse("Rüsselsheim - Dicker  Busch; 1,25") == {
        "Rüsselsheim - Dicker Busch": 1.25}


@pytest.mark.parametrize("value", ["nan", "NaN", "inf", "-inf", "Infinity", "-1", "0", "0,0",
                                   "viel", ""])
def test_weights_parse_refuses_what_is_not_a_weight(value):
    with pytest.raises(DomainError) as refused:
        invitations.weights_parse(f"Innenstadt = 1\nHaßloch = {value}")
    message = str(refused.value.message)
    assert "2" in message  # the line
    assert "Innenstadt" not in message


def test_weights_parse_names_every_bad_line():
    with pytest.raises(DomainError) as refused:
        invitations.weights_parse("Innenstadt\n= 2\nA = 1\nA = 2")
    message = str(refused.value.message)
    assert all(number in message for number in ("1", "2", "4")), message


@pytest.mark.parametrize("weight", [float("nan"), float("inf"), -2, 0, "x", True])
def test_the_service_refuses_weights_that_are_not_numbers_above_0(panel, weight):
    with pytest.raises(DomainError, match="Innenstadt"):
        invitations.invitations_draw(panel=panel, register_file=extract(people(12)).encode(),
                                     method="by_district", weights={"Innenstadt": weight})
    assert not Invitation.objects.exists()


@pytest.mark.parametrize("typed", ["Haßloch; 3", "Haßloch = 3"])
def test_the_draw_form_takes_weights_written_either_way(panel, administration, client_for,
                                                        typed):
    text = extract(people(30, "Innenstadt") + people(10, "Haßloch"))
    response = client_for(administration).post(_url(panel), {
        "register_file": SimpleUploadedFile("m.csv", text.encode()), "count": 8,
        "method": "by_district", "weights": typed, "wave": 1})
    assert response.status_code == 302
    panel.refresh_from_db()
    assert panel.district_weights == {"Haßloch": 3}
    assert Invitation.objects.filter(district="Haßloch").count() == 4


def test_the_draw_form_refuses_nan_with_the_input_kept(panel, administration, client_for):
    response = client_for(administration).post(_url(panel), {
        "register_file": SimpleUploadedFile("m.csv", extract(people(12)).encode()), "count": 8,
        "method": "by_district", "weights": "Innenstadt; nan", "wave": 1})
    assert response.status_code == 400
    assert response.context["form"].errors["weights"]
    assert "Innenstadt; nan" in response.content.decode()
    assert not Invitation.objects.exists()


# --- The extract is not kept -----------------------------------------------------------------


def _database_dump():
    out = io.StringIO()
    call_command("dumpdata", stdout=out)
    return out.getvalue()


def test_the_register_extract_is_gone_after_the_draw(panel, administration, client_for,
                                                     settings, tmp_path):
    upload_dir, media = tmp_path / "uploads", tmp_path / "media"
    upload_dir.mkdir()
    media.mkdir()
    settings.FILE_UPLOAD_MAX_MEMORY_SIZE = 0  # every upload goes to a temporary file
    settings.FILE_UPLOAD_TEMP_DIR = str(upload_dir)
    settings.MEDIA_ROOT = str(media)
    residents = people(200, "Innenstadt", "Nichtgezogen")
    client = client_for(administration)
    response = client.post(reverse("panels:invitations", args=[panel.municipality.slug, panel.pk]),
                           {"register_file": SimpleUploadedFile(
                               "melderegister.csv", extract(residents).encode()),
                            "count": 10, "method": "uniform", "weights": "", "wave": 1})
    assert response.status_code == 302
    drawn = set(Invitation.objects.values_list("first_name", flat=True))
    assert len(drawn) == 10
    not_drawn = [first for first, _last, _district in residents if first not in drawn]
    assert len(not_drawn) == 190
    dump = _database_dump()
    sessions = "".join(str(s.get_decoded()) for s in Session.objects.all())
    for first in not_drawn:
        assert first not in dump
        assert first not in sessions
    assert next(iter(drawn)) in dump  # the dump does contain the letters: the check can fail
    assert os.listdir(upload_dir) == []
    assert list(media.rglob("*")) == []
    assert "Nichtgezogen" not in str(panel.__class__.objects.get(pk=panel.pk).invitation_report)


def test_a_failed_upload_keeps_nothing_either(panel, administration, client_for, settings,
                                              tmp_path):
    settings.FILE_UPLOAD_MAX_MEMORY_SIZE = 0
    settings.FILE_UPLOAD_TEMP_DIR = str(tmp_path)
    text = extract(people(20, "Innenstadt", "Fehlerhaft")) + "Frau;;;;;;;\n"
    response = client_for(administration).post(
        reverse("panels:invitations", args=[panel.municipality.slug, panel.pk]),
        {"register_file": SimpleUploadedFile("x.csv", text.encode()), "count": 10,
         "method": "uniform", "weights": ""})
    assert response.status_code == 400
    assert os.listdir(tmp_path) == []
    assert "Fehlerhaft" not in _database_dump()


# --- The page --------------------------------------------------------------------------------


def _url(panel, name="panels:invitations"):
    return reverse(name, args=[panel.municipality.slug, panel.pk])


def test_the_manager_draws_and_sees_the_documentation(panel, administration, client_for):
    client = client_for(administration)
    page = client.get(_url(panel))
    assert page.status_code == 200
    assert page.context["form"]["count"].value() == 10
    text = extract(people(30, "Innenstadt") + people(10, "Haßloch"))
    response = client.post(_url(panel), {
        "register_file": SimpleUploadedFile("m.csv", text.encode("cp1252")), "count": 8,
        "method": "by_district", "weights": "Haßloch = 3", "wave": 1}, follow=True)
    assert response.status_code == 200
    html = response.content.decode()
    # 30 : 30 → 4 and 4.
    [wave] = response.context["waves"]
    rows = {row["name"]: (row["residents"], row["weight"], row["letters"])
            for row in wave["rows"]}
    assert rows == {"Haßloch": (10, "3", 4), "Innenstadt": (30, "1", 4)}
    assert _url(panel, "panels:letters_pdf") + "?welle=1" in html
    assert _url(panel, "panels:letters_csv") + "?welle=1" in html
    assert _url(panel, "panels:addresses_erase") in html


def test_row_errors_are_shown_as_a_table_with_the_input_kept(panel, administration, client_for):
    text = extract(people(12)) + "Frau;Eva;Muster;Weg;3;123;Rüsselsheim;Innenstadt\n"
    response = client_for(administration).post(_url(panel), {
        "register_file": SimpleUploadedFile("m.csv", text.encode()), "count": 7,
        "method": "by_district", "weights": "Innenstadt = 2", "wave": 1})
    assert response.status_code == 400
    assert response.context["failed"][0][0] == 14
    html = response.content.decode()
    assert "<th scope=\"row\">14</th>" in html
    assert 'value="7"' in html and "Innenstadt = 2" in html
    assert not Invitation.objects.exists()


def test_the_form_sent_twice_draws_only_once(panel, administration, client_for):
    client = client_for(administration)
    first = {"register_file": SimpleUploadedFile("m.csv", extract(people(30)).encode()),
             "count": 10, "method": "uniform", "wave": 1}
    assert client.post(_url(panel), first).status_code == 302
    first["register_file"] = SimpleUploadedFile("m.csv", extract(people(30)).encode())
    response = client.post(_url(panel), first)
    assert response.status_code == 400
    assert Invitation.objects.count() == 10
    # The page now offers the next wave instead.
    form = client.get(_url(panel)).context["form"]
    assert form["wave"].value() == 2


def test_a_team_member_gets_403(panel, member, coordinator, client_for):
    for user in (member, coordinator):
        assert client_for(user).get(_url(panel)).status_code == 403


def test_an_administration_member_who_does_not_manage_the_panel_is_refused(panel, client_for):
    other = administration_member(panel.municipality)
    client = client_for(other)
    assert client.get(_url(panel)).status_code == 403
    response = client.post(_url(panel), {
        "register_file": SimpleUploadedFile("m.csv", extract(people(12)).encode()),
        "count": 10, "method": "uniform", "wave": 1})
    assert response.status_code == 403
    assert not Invitation.objects.exists()


def test_the_platform_admin_and_outsiders_are_refused(panel, platform_admin, outsider,
                                                      client_for):
    assert client_for(platform_admin).get(_url(panel)).status_code == 403
    assert client_for(outsider).get(_url(panel)).status_code == 403
    assert client_for(None).get(_url(panel)).status_code == 302


def test_erasing_the_addresses_needs_a_confirmation(panel, administration, client_for):
    letter = make_invitation(panel=panel, first_name="Renate", last_name="Rot")
    client = client_for(administration)
    url = _url(panel, "panels:addresses_erase")
    assert client.get(url).status_code == 200
    assert client.post(url, {}).status_code == 400
    letter.refresh_from_db()
    assert letter.last_name == "Rot"
    response = client.post(url, {"confirm": "on"})
    assert response.status_code == 302
    letter.refresh_from_db()
    assert (letter.first_name, letter.last_name, letter.street) == ("", "", "")
    assert letter.code and letter.household
    panel.refresh_from_db()
    assert "addresses_erased_at" in panel.invitation_report


# --- Further waves ---------------------------------------------------------------------------


def register(rows):
    """An extract from (first name, last name, street, district) rows."""
    return (HEADER + "".join(f"Frau;{first};{last};{street};1;65428;Rüsselsheim;{district}\n"
                             for first, last, street, district in rows)).encode()


def residents(prefix, count, district="Innenstadt"):
    return [(f"{prefix}{n:03d}", f"Familie{prefix}{n:03d}", f"{prefix}weg {n}", district)
            for n in range(count)]


def test_a_second_wave_leaves_out_every_household_written_to(panel):
    first_rows = residents("Alt", 20)
    invitations.invitations_draw(panel=panel, register_file=register(first_rows), count=10)
    first = {letter.household: letter for letter in Invitation.objects.filter(wave=1)}
    assert len(first) == 10
    # The new extract: everyone of the first, a partner at every address written to (another
    # name, same household), and 15 new residents.
    partners = [(f"Partner{n}", "Anders", letter.street.removesuffix(" 1"), "Innenstadt")
                for n, letter in enumerate(first.values())]
    new_rows = residents("Neu", 15)
    documentation = invitations.invitations_draw(
        panel=panel, register_file=register(first_rows + partners + new_rows), count=12, wave=2)
    second = list(Invitation.objects.filter(wave=2))
    assert len(second) == 12
    assert not {letter.household for letter in second} & set(first)
    assert not any(letter.first_name.startswith("Partner") for letter in second)
    # Its codes are new ones.
    assert not {letter.code for letter in second} & {letter.code for letter in first.values()}
    assert len({letter.code for letter in second}) == 12
    # 20 + 10 + 15 rows read; the 10 drawn and their 10 partners left out; 25 could be drawn.
    assert documentation["rows_read"] == 45 and documentation["rows_excluded"] == 20
    assert documentation["districts"] == [{"name": "Innenstadt", "residents": 25,
                                           "excluded": 20, "weight": None, "letters": 12}]


def test_a_second_wave_from_too_few_new_households_is_refused(panel):
    rows = residents("Alt", 15)
    invitations.invitations_draw(panel=panel, register_file=register(rows), count=10)
    with pytest.raises(DomainError) as refused:
        invitations.invitations_draw(panel=panel, register_file=register(rows), count=6, wave=2)
    assert "5" in str(refused.value.message) and "6" in str(refused.value.message)
    assert Invitation.objects.count() == 10


def test_each_wave_is_documented(panel):
    invitations.invitations_draw(panel=panel, register_file=register(residents("A", 20)),
                                 count=10, method="uniform")
    invitations.invitations_draw(
        panel=panel, register_file=register(residents("B", 10, "Innenstadt")
                                            + residents("C", 10, "Haßloch")),
        count=6, method="by_district", weights={"Haßloch": 2}, wave=2)
    panel.refresh_from_db()
    first, second = invitations.waves(panel)
    assert (first["wave"], first["method"], first["weights"], first["rows_read"],
            first["letters"]) == (1, "uniform", {}, 20, 10)
    assert (second["wave"], second["method"], second["weights"], second["rows_read"],
            second["letters"]) == (2, "by_district", {"Haßloch": 2}, 20, 6)
    assert {d["name"]: d["letters"] for d in second["districts"]} == {"Haßloch": 4,
                                                                     "Innenstadt": 2}
    assert first["drawn_at"] <= second["drawn_at"]
    assert panel.invitation_method == "by_district" and panel.district_weights == {
        "Haßloch": 2}
    assert set(panel.invitation_report) == {"waves"}
    assert sorted(Invitation.objects.order_by().values_list("wave", flat=True).distinct()) == [1, 2]




def _lottery(panel, **fields):
    return Selection.objects.create(panel=panel, algorithm="leximin",
                                    audit={"lottery": {"sha256": "ab" * 32}}, **fields)


def test_no_further_wave_once_a_lottery_is_computed(panel, administration, client_for):
    invitations.invitations_draw(panel=panel, register_file=register(residents("A", 12)),
                                 count=10)
    selection = _lottery(panel)
    with pytest.raises(DomainError):
        invitations.invitations_draw(panel=panel, register_file=register(residents("B", 12)),
                                     count=5, wave=2)
    assert Invitation.objects.count() == 10
    client = client_for(administration)
    page = client.get(_url(panel))
    assert page.context["form"] is None and page.context["refusal"]
    response = client.post(_url(panel), {
        "register_file": SimpleUploadedFile("m.csv", register(residents("B", 12))),
        "count": 5, "method": "uniform", "wave": 2})
    assert response.status_code == 400
    assert Invitation.objects.count() == 10
    # A cancelled lottery no longer fixes the pool; one still being computed (no audit) does
    # not either.
    selection.cancelled_at = timezone.now()
    selection.save()
    Selection.objects.create(panel=panel, algorithm="leximin")
    invitations.invitations_draw(panel=panel, register_file=register(residents("B", 12)),
                                 count=5, wave=2)
    assert Invitation.objects.filter(wave=2).count() == 5


def test_no_further_wave_after_erasure_or_the_deadline(panel):
    invitations.invitations_draw(panel=panel, register_file=register(residents("A", 12)),
                                 count=10)
    type(panel).objects.filter(pk=panel.pk).update(
        registration_deadline=timezone.localdate() - datetime.timedelta(days=1))
    panel.refresh_from_db()
    assert invitations.wave_refusal(panel, 2)
    with pytest.raises(DomainError):
        invitations.invitations_draw(panel=panel, register_file=register(residents("B", 12)),
                                     count=5, wave=2)
    type(panel).objects.filter(pk=panel.pk).update(
        registration_deadline=timezone.localdate())
    panel.refresh_from_db()
    assert invitations.wave_refusal(panel, 2) is None
    services.panel_personal_data_erase(panel=panel)
    with pytest.raises(DomainError):
        invitations.invitations_draw(panel=panel, register_file=register(residents("B", 12)),
                                     count=5, wave=2)
    assert not Invitation.objects.exists()
    assert invitations.waves(panel)[0]["letters"] == 10  # the documentation stays


def test_waves_are_drawn_in_order(panel):
    with pytest.raises(DomainError):
        invitations.invitations_draw(panel=panel, register_file=register(residents("A", 12)),
                                     count=5, wave=2)
    invitations.invitations_draw(panel=panel, register_file=register(residents("A", 12)),
                                 count=5)
    with pytest.raises(DomainError):
        invitations.invitations_draw(panel=panel, register_file=register(residents("B", 12)),
                                     count=5, wave=3)
    assert Invitation.objects.count() == 5


def test_the_manager_draws_a_second_wave_through_the_page(panel, administration, client_for):
    client = client_for(administration)
    assert client.post(_url(panel), {
        "register_file": SimpleUploadedFile("m.csv", register(residents("A", 20))),
        "count": 10, "method": "uniform", "wave": 1}).status_code == 302
    page = client.get(_url(panel))
    assert page.context["form"]["wave"].value() == 2
    assert 'name="wave" value="2"' in page.content.decode()
    response = client.post(_url(panel), {
        "register_file": SimpleUploadedFile("m.csv", register(residents("A", 20)
                                                              + residents("B", 10, "Haßloch"))),
        "count": 6, "method": "by_district", "weights": "Haßloch; 2", "wave": 2}, follow=True)
    assert response.status_code == 200
    assert Invitation.objects.filter(wave=2).count() == 6
    first_households = set(Invitation.objects.filter(wave=1).values_list("household", flat=True))
    assert not Invitation.objects.filter(wave=2, household__in=first_households).exists()
    html = response.content.decode()
    assert 'id="wave-1-title"' in html and 'id="wave-2-title"' in html
    _first, second = response.context["waves"]
    assert second["rows_excluded"] == 10
    assert {row["name"]: row["excluded"] for row in second["rows"]} == {"Haßloch": 0,
                                                                       "Innenstadt": 10}
    assert _url(panel, "panels:letters_pdf") + "?welle=2" in html
    assert _url(panel, "panels:letters_pdf") + "?welle=1" in html
    assert response.context["form"]["wave"].value() == 3
    # The second wave's form sent again draws nothing.
    again = client.post(_url(panel), {
        "register_file": SimpleUploadedFile("m.csv", register(residents("C", 20))),
        "count": 6, "method": "uniform", "wave": 2})
    assert again.status_code == 400
    assert Invitation.objects.count() == 16


# --- The letters page and the office's entry page -----------------------------------------------


def test_the_letters_page_shows_the_registration_address_as_printed(panel, administration,
                                                                   client_for, settings):
    settings.BASE_URL = "https://beteiligung.example.org/"
    settings.ALLOWED_HOSTS = ["intern.verwaltung.local"]
    client = client_for(administration)
    address = "https://beteiligung.example.org/ruesselsheim-am-main/buergerrat-anmeldung/"
    page = client.get(_url(panel), HTTP_HOST="intern.verwaltung.local").content.decode()
    # Before the draw, to be checked before anything is printed, and after it by the downloads.
    assert f'<strong class="registration-address">{address}</strong>' in page
    assert "BASE_URL" in page
    invitations.invitations_draw(panel=panel, register_file=extract(people(20)).encode())
    page = client.get(_url(panel), HTTP_HOST="intern.verwaltung.local").content.decode()
    assert f'<strong class="registration-address">{address}</strong>' in page
    assert "intern.verwaltung.local" not in page


def test_the_documentation_and_the_method_use_the_sites_styles(panel, administration,
                                                              client_for):
    client = client_for(administration)
    page = client.get(_url(panel)).content.decode()
    # Every radio button inside its label, so that it sits beside its text.
    assert '<label for="id_method_0"><input type="radio" name="method"' in page
    assert '<label for="id_method_1"><input type="radio" name="method"' in page
    invitations.invitations_draw(panel=panel, register_file=extract(people(20)).encode())
    page = client.get(_url(panel)).content.decode()
    assert '<dl class="facts">' in page


def test_a_further_wave_starts_without_the_first_waves_numbers(panel, administration,
                                                              client_for):
    client = client_for(administration)
    first = client.get(_url(panel)).context["form"]
    assert first["count"].value() == panel.letters_planned
    text = extract(people(30, "Innenstadt") + people(10, "Haßloch"))
    assert client.post(_url(panel), {
        "register_file": SimpleUploadedFile("m.csv", text.encode()), "count": 8,
        "method": "by_district", "weights": "Haßloch = 3", "wave": 1}).status_code == 302
    page = client.get(_url(panel))
    form = page.context["form"]
    assert form["wave"].value() == 2
    assert form["count"].value() is None
    assert not form["weights"].value()
    assert form["method"].value() == "by_district"  # the same way as before, unless changed
    html = page.content.decode()
    assert 'name="count" value=' not in html
    assert "Haßloch = 3</textarea>" not in html


def _office_url(panel):
    return reverse("panels:register_on_behalf", args=[panel.municipality.slug, panel.pk])


def test_the_office_page_shows_only_the_notice_when_no_more_replies_can_be_entered(
        panel, administration, client_for):
    client = client_for(administration)
    page = client.get(_office_url(panel)).content.decode()
    assert 'name="code"' in page and 'type="submit"' in page
    Selection.objects.create(panel=panel, algorithm="leximin",
                             audit={"lottery": {"sha256": "ab" * 32}})
    response = client.get(_office_url(panel))
    assert response.status_code == 200
    page = response.content.decode()
    assert 'class="notice"' in page
    assert 'name="code"' not in page and 'name="consent"' not in page
    # A reply sent anyway is refused, and the page says why, still without the form.
    response = client.post(_office_url(panel), {"code": "ABC-DEF-GHJ"})
    assert response.status_code == 400
    page = response.content.decode()
    assert 'role="alert"' in page and 'name="code"' not in page


def test_the_office_page_of_an_erased_panel_shows_only_the_notice(panel, administration,
                                                                  client_for):
    panel.__class__.objects.filter(pk=panel.pk).update(erased_at=timezone.now())
    response = client_for(administration).get(_office_url(panel))
    assert response.status_code == 200
    page = response.content.decode()
    assert 'class="notice"' in page and 'name="code"' not in page
