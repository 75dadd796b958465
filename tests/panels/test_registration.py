import datetime
import logging
import smtplib

import pytest
from django.core.mail.backends.base import BaseEmailBackend
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.formats import date_format

from gemeinsam.core.errors import DomainError
from gemeinsam.jobs.models import BackgroundJob
from gemeinsam.panels import registration, services
from gemeinsam.panels.models import FormVariant, Invitation, Panel, Respondent, Selection
from gemeinsam.panels.registration import CodeNotUsable
from tests.panels.factories import (
    REGISTRATION_CONTACT,
    administration_member,
    make_panel,
    make_registration_panel,
)

pytestmark = pytest.mark.django_db

CODE = "ABCDEFGHJ"
PRINTED = "ABC-DEF-GHJ"
CONTACT = REGISTRATION_CONTACT


def url(name, municipality):
    return reverse(f"panels:{name}", args=[municipality.slug])


@pytest.fixture
def panel(municipality, administration):
    return make_registration_panel(municipality=municipality, created_by=administration)


@pytest.fixture
def invitation(panel):
    return Invitation.objects.create(panel=panel, code=CODE, household="h-1",
                                     first_name="Erika", last_name="Mustermann")


def value_pk(panel, feature, value):
    return panel.features.get(name=feature).values.get(name=value).pk


def answers(panel):
    return {panel.features.get(name="Alter").pk: value_pk(panel, "Alter", "30 bis 59 Jahre"),
            panel.features.get(name="Stadtteil").pk: value_pk(panel, "Stadtteil",
                                                               "Königstädten")}


def register(invitation, **overrides):
    fields = {"invitation": invitation, "first_name": "Erika", "last_name": "Mustermann",
              "email": "erika@example.org", "phone": "", "answers": answers(invitation.panel),
              "available": True, "needs": "Kinderbetreuung", "form_variant": "de",
              "consent": True}
    fields.update(overrides)
    return registration.respondent_register(**fields)


def form_data(panel, **overrides):
    data = {f"feature_{feature}": str(value) for feature, value in answers(panel).items()}
    data.update({"available": "yes", "needs": "Kinderbetreuung", "first_name": "Erika",
                 "last_name": "Mustermann", "email": "erika@example.org", "phone": "",
                 "consent": "on"})
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}


def enter_code(client, municipality, code=PRINTED, variant=None):
    target = url("register", municipality) + (f"?variant={variant}" if variant else "")
    return client.post(target, {"code": code})


# --- Services --------------------------------------------------------------------------------


@pytest.mark.parametrize("typed", [CODE, PRINTED, "abc-def-ghj", " abc def ghj "])
def test_a_code_is_found_however_it_is_typed(municipality, invitation, typed):
    assert registration.invitation_for_code(code=typed, municipality=municipality) == invitation


def test_unknown_codes_and_codes_of_other_municipalities_are_refused(
        municipality, other_municipality, invitation):
    for code, place in (("ABCDEFGHK", municipality), ("", municipality),
                        (CODE, other_municipality)):
        with pytest.raises(CodeNotUsable) as refused:
            registration.invitation_for_code(code=code, municipality=place)
        assert refused.value.reason == "unknown"


def set_deadline(panel, days_from_today):
    # Straight to the row: the panel form may refuse moving a deadline once letters went out.
    Panel.objects.filter(pk=panel.pk).update(
        registration_deadline=timezone.localdate() + datetime.timedelta(days_from_today))
    panel.refresh_from_db()


def test_a_code_is_refused_after_the_deadline_day(municipality, invitation, panel):
    set_deadline(panel, 0)
    assert registration.invitation_for_code(code=CODE, municipality=municipality)
    set_deadline(panel, -1)
    with pytest.raises(CodeNotUsable) as refused:
        registration.invitation_for_code(code=CODE, municipality=municipality)
    assert refused.value.reason == "deadline"
    with pytest.raises(CodeNotUsable) as refused:
        register(invitation)
    assert refused.value.reason == "deadline"
    assert not Respondent.objects.exists()


def computed(panel, **fields):
    """A lottery whose distribution has been computed (its audit is filled in)."""
    return Selection.objects.create(panel=panel, algorithm="leximin",
                                    audit={"lottery": {"sha256": "ab" * 32}}, **fields)


def test_registration_closes_once_a_lottery_is_computed_not_when_one_merely_exists(
        municipality, invitation, panel):
    # A computation that failed, or one computed and then cancelled, closes nothing.
    Selection.objects.create(panel=panel, algorithm="leximin", problem="Quoten unerfüllbar")
    computed(panel, cancelled_at=timezone.now(), cancel_reason="Falsche Quoten")
    assert registration.invitation_for_code(code=CODE, municipality=municipality) == invitation
    lottery = computed(panel)
    for by_office in (False, True):
        with pytest.raises(CodeNotUsable) as refused:
            registration.invitation_for_code(code=CODE, municipality=municipality,
                                             by_office=by_office)
        assert refused.value.reason == "closed"
    with pytest.raises(CodeNotUsable) as refused:
        register(invitation)
    assert refused.value.reason == "closed"
    assert not Respondent.objects.exists()
    Selection.objects.filter(pk=lottery.pk).update(cancelled_at=timezone.now())
    assert register(invitation).invitation == invitation


def test_registration_closes_while_a_lottery_is_being_computed(municipality, invitation, panel,
                                                                administration):
    job = BackgroundJob.objects.create(kind="panels.compute_lottery", title="Losverfahren",
                                       status=BackgroundJob.Status.RUNNING)
    selection = Selection.objects.create(panel=panel, algorithm="leximin", job=job)
    with pytest.raises(CodeNotUsable) as refused:
        registration.invitation_for_code(code=CODE, municipality=municipality, by_office=True)
    assert refused.value.reason == "closed"
    job.status = BackgroundJob.Status.FAILED  # it failed: registration goes on
    job.save()
    selection.problem = "Quoten unerfüllbar"
    selection.save()
    assert registration.invitation_for_code(code=CODE, municipality=municipality) == invitation


def test_the_office_may_register_after_the_deadline(municipality, invitation, panel):
    set_deadline(panel, -5)
    assert registration.invitation_for_code(code=CODE, municipality=municipality,
                                            by_office=True) == invitation
    respondent = register(invitation, form_variant=FormVariant.OFFICE, by_office=True)
    assert respondent.form_variant == "office" and respondent.consent_at is not None
    # The office's variant only with the office's rule, and the other way round.
    other = Invitation.objects.create(panel=panel, code="KLMNPQRST", household="h-2")
    set_deadline(panel, 5)
    with pytest.raises(DomainError):
        register(other, form_variant=FormVariant.OFFICE)
    with pytest.raises(DomainError):
        register(other, form_variant=FormVariant.GERMAN, by_office=True)
    assert Respondent.objects.count() == 1


def test_registration_works_after_the_letter_addresses_were_erased(
        client, municipality, invitation, panel, mailoutbox, django_capture_on_commit_callbacks):
    invitation.street, invitation.postcode, invitation.city = "Marktplatz 4", "65428", \
        "Rüsselsheim"
    invitation.save()
    services.invitation_addresses_erase(panel=panel)
    invitation.refresh_from_db()
    assert (invitation.last_name, invitation.street) == ("", "")
    enter_code(client, municipality)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url("register_form", municipality), form_data(panel))
    assert response.status_code == 302 and response.url == url("register_done", municipality)
    respondent = Respondent.objects.get()
    assert respondent.invitation == invitation and respondent.household == "h-1"
    assert respondent.last_name == "Mustermann"
    assert [m.to for m in mailoutbox] == [["erika@example.org"]]


def test_registration_stores_the_respondent_and_mails_the_pseudonym(
        invitation, panel, mailoutbox, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        respondent = register(invitation, email=" erika@example.org ")
    assert respondent.panel == panel and respondent.invitation == invitation
    assert respondent.pseudonym == services.pseudonym_for(panel=panel, code=CODE)
    assert respondent.household == "h-1"
    assert respondent.email == "erika@example.org"
    assert respondent.answers == {str(k): v for k, v in answers(panel).items()}
    assert respondent.consent_at is not None and respondent.form_variant == "de"
    [sent] = mailoutbox
    assert sent.to == ["erika@example.org"]
    assert "Ihre Anmeldung" in sent.subject and panel.title in sent.subject
    assert respondent.pseudonym in sent.body
    assert sent.body.startswith("Guten Tag Erika Mustermann,\n")
    # Signed by the municipality with the panel's contact, the platform only below.
    signature = sent.body.split(f"{panel.municipality.name}\n{CONTACT}")
    assert len(signature) == 2 and "\n-- \n" in signature[1]


def test_the_confirmation_is_in_the_respondents_language(
        invitation, panel, mailoutbox, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        register(invitation, form_variant="en")
    [sent] = mailoutbox
    assert "Your registration" in sent.subject
    assert "Your pseudonym is" in sent.body and sent.body.startswith("Dear Erika Mustermann,")
    # Dates as in the English part of the letter, not Django's "Sept. 19, 2027".
    assert english(panel.erase_on) in sent.body
    assert english(panel.registration_deadline) in sent.body


def english(day):
    months = ["January", "February", "March", "April", "May", "June", "July", "August",
              "September", "October", "November", "December"]
    return f"{day.day} {months[day.month - 1]} {day.year}"


def test_a_passed_deadline_is_written_as_in_the_letter():
    with translation.override("en"):
        message = CodeNotUsable("deadline", deadline=datetime.date(2027, 1, 22)).message
    assert "22 January 2027" in message


def test_easy_language_gets_the_confirmation_in_easy_language(
        invitation, mailoutbox, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        respondent = register(invitation, form_variant="easy")
    assert respondent.language == "de"
    body = mailoutbox[0].body
    assert "Sie sind jetzt angemeldet." in body and respondent.pseudonym in body
    assert "Pseudonym" not in body  # a word easy language avoids
    assert mailoutbox[0].subject.endswith("Sie sind angemeldet: Bürgerrat Klimaneutralität 2035")


def test_without_e_mail_nothing_is_sent(invitation, mailoutbox,
                                         django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        respondent = register(invitation, email="", phone="06142 12345")
    assert respondent.phone == "06142 12345"
    assert mailoutbox == []


@pytest.mark.parametrize("overrides, message", [
    ({"consent": False}, "Einwilligung"),
    ({"consent": "on"}, "Einwilligung"),
    ({"email": "", "phone": " "}, "Telefonnummer"),
    ({"first_name": " "}, "Nachnamen"),
    ({"form_variant": "fr"}, "Formular"),
])
def test_registration_refuses_incomplete_data(invitation, overrides, message):
    with pytest.raises(DomainError) as refused:
        register(invitation, **overrides)
    assert message in refused.value.message
    assert not Respondent.objects.exists()


def test_every_question_needs_an_answer_of_its_own(invitation, panel, other_municipality):
    given = answers(panel)
    alter = panel.features.get(name="Alter").pk
    stadtteil = panel.features.get(name="Stadtteil").pk
    with pytest.raises(DomainError, match="jede Frage"):
        register(invitation, answers={alter: given[alter]})
    with pytest.raises(DomainError, match="gehört nicht"):  # a value of another question
        register(invitation, answers={alter: given[stadtteil], stadtteil: given[stadtteil]})
    with pytest.raises(DomainError):
        register(invitation, answers={alter: "x", stadtteil: given[stadtteil]})
    assert not Respondent.objects.exists()


def test_a_code_registers_once_even_in_a_race(municipality, invitation, panel):
    # Both requests read the code as unused before either has saved.
    first = registration.invitation_for_code(code=CODE, municipality=municipality)
    second = registration.invitation_for_code(code=CODE, municipality=municipality)
    register(first)
    with pytest.raises(CodeNotUsable) as refused:
        register(second, first_name="Max")
    assert refused.value.reason == "used"
    assert list(Respondent.objects.values_list("first_name", flat=True)) == ["Erika"]
    with pytest.raises(CodeNotUsable) as refused:
        registration.invitation_for_code(code=CODE, municipality=municipality)
    assert refused.value.reason == "used"


# --- Pages -----------------------------------------------------------------------------------


def test_the_code_page_is_public_and_prefilled_from_the_link(client, municipality):
    response = client.get(url("register", municipality) + "?code=abc-def-ghj")
    assert response.status_code == 200
    page = response.content.decode()
    assert 'value="abc-def-ghj"' in page
    assert "Anmeldung zum Bürgerrat" in page
    assert 'lang="de"' in page


def test_a_valid_code_leads_to_the_questionnaire(client, municipality, invitation, panel):
    response = enter_code(client, municipality, code="abc def-ghj")
    assert response.status_code == 302
    assert response.url == url("register_form", municipality)
    page = client.get(response.url).content.decode()
    assert panel.title in page and panel.purpose in page
    assert "<legend>Wie alt sind Sie?</legend>" in page
    assert "60 Jahre und älter" in page and "Königstädten" in page
    assert "Können Sie an allen diesen Terminen kommen?" in page
    assert "jeweils 10–17 Uhr" in page
    assert CONTACT in page
    assert "Verantwortlichen für den Bürgerrat" in page  # who sees the data
    with translation.override("de"):  # when it is deleted, as the page writes dates
        assert f"am {date_format(panel.erase_on, 'DATE_FORMAT')} gelöscht" in page
    assert "freiwillig" in page
    # The letter's name and address are never shown to whoever holds the code.
    assert "Mustermann" not in page


@pytest.mark.parametrize("code, expected", [
    ("ABC-DEF-GHK", "Wir kennen diesen Code nicht"),
    ("", "Bitte geben Sie den Code aus Ihrem Brief ein"),
])
def test_wrong_codes_are_refused_and_kept(client, municipality, invitation, code, expected):
    response = enter_code(client, municipality, code=code)
    assert response.status_code == 400
    page = response.content.decode()
    assert expected in page
    assert f'value="{code}"' in page or not code
    assert 'href="#id_code"' in page  # the error summary leads to the field
    assert client.get(url("register_form", municipality)).status_code == 302


def test_a_used_code_is_refused(client, municipality, invitation):
    register(invitation)
    response = enter_code(client, municipality)
    assert response.status_code == 400
    assert "Mit diesem Code hat sich bereits jemand angemeldet" in response.content.decode()
    assert PRINTED in response.content.decode()


def test_a_code_after_the_deadline_is_refused(client, municipality, invitation, panel):
    set_deadline(panel, -1)
    response = enter_code(client, municipality)
    assert response.status_code == 400
    assert "Die Anmeldung zu diesem Bürgerrat ist geschlossen" in response.content.decode()


def test_code_entry_is_rate_limited(client, municipality, invitation):
    statuses = [enter_code(client, municipality, code="XXX-XXX-XXX").status_code
                for _ in range(31)]
    assert statuses[:30] == [400] * 30 and statuses[30] == 429
    response = enter_code(client, municipality)  # even a right code waits now
    assert response.status_code == 429
    page = response.content.decode()
    assert "Bitte warten Sie" in page and PRINTED in page


def test_the_questionnaire_registers_and_shows_the_confirmation(
        client, municipality, invitation, panel, mailoutbox,
        django_capture_on_commit_callbacks):
    enter_code(client, municipality)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url("register_form", municipality),
                               form_data(panel, available="no"))
    assert response.status_code == 302
    assert response.url == url("register_done", municipality)
    respondent = Respondent.objects.get()
    assert respondent.available is False and respondent.needs == "Kinderbetreuung"
    assert respondent.form_variant == "de"
    assert [m.to for m in mailoutbox] == [["erika@example.org"]]
    page = client.get(response.url).content.decode()
    assert respondent.pseudonym in page
    assert "Vielen Dank für Ihre Anmeldung" in page
    assert CONTACT in page
    # Nothing else of what was typed: no name, address, answers or needs.
    for personal in ("Erika", "Mustermann", "erika@example.org", "Kinderbetreuung",
                     "Königstädten", "30 bis 59"):
        assert personal not in page
    # The code is spent: the questionnaire is gone; the confirmation was shown once and the
    # session has forgotten the pseudonym.
    assert client.get(url("register_form", municipality)).status_code == 302
    assert client.get(url("register_done", municipality)).status_code == 302
    assert respondent.pseudonym not in str(dict(client.session))


def test_the_done_page_needs_a_registration_in_this_session(client, municipality, invitation):
    register(invitation)
    response = client.get(url("register_done", municipality))
    assert response.status_code == 302 and response.url == url("register", municipality)


def test_missing_answers_and_consent_keep_what_was_typed(client, municipality, invitation,
                                                         panel):
    enter_code(client, municipality)
    alter = panel.features.get(name="Alter").pk
    response = client.post(url("register_form", municipality),
                           form_data(panel, **{f"feature_{alter}": None, "consent": None,
                                               "email": "", "phone": "",
                                               "first_name": "Erika Maria"}))
    assert response.status_code == 400
    page = response.content.decode()
    assert "Bitte wählen Sie eine Antwort: Wie alt sind Sie?" in page
    assert f'href="#id_feature_{alter}_0"' in page
    assert "Ohne Ihre Einwilligung können wir Sie nicht anmelden" in page
    assert "eine E-Mail-Adresse oder eine Telefonnummer" in page
    assert 'value="Erika Maria"' in page and "Kinderbetreuung" in page
    stadtteil_value = value_pk(panel, "Stadtteil", "Königstädten")
    assert f'value="{stadtteil_value}"' in page and "checked" in page
    assert not Respondent.objects.exists()


def test_a_code_used_meanwhile_is_refused_on_sending(client, municipality, invitation,
                                                     panel):
    enter_code(client, municipality)
    register(invitation)  # someone else with the same letter was faster
    response = client.post(url("register_form", municipality), form_data(panel))
    assert response.status_code == 302 and response.url == url("register", municipality)
    assert Respondent.objects.count() == 1
    page = client.get(response.url).content.decode()
    assert "Mit diesem Code hat sich bereits jemand angemeldet" in page


def test_the_english_form(client, municipality, invitation, panel, mailoutbox,
                          django_capture_on_commit_callbacks):
    response = client.get(url("register", municipality) + "?variant=en&code=" + PRINTED)
    page = response.content.decode()
    assert '<html lang="en">' in page and "Your personal code" in page
    enter_code(client, municipality)
    page = client.get(url("register_form", municipality)).content.decode()
    assert "<legend>How old are you?</legend>" in page and "60 years and older" in page
    # Without an English text the German one is shown.
    assert "<legend>In welchem Stadtteil wohnen Sie?</legend>" in page
    assert "Who sees it" in page
    assert english(panel.erase_on) in page
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url("register_form", municipality), form_data(panel))
    assert Respondent.objects.get().form_variant == "en"
    assert "Your registration" in mailoutbox[0].subject
    page = client.get(url("register_done", municipality)).content.decode()
    assert "Thank you for registering" in page
    assert english(panel.registration_deadline) in page


def test_the_easy_language_form(client, municipality, invitation, panel):
    page = client.get(url("register", municipality) + "?variant=easy").content.decode()
    assert "Der Code hat 9 Zeichen." in page and 'aria-current="page">Leichte Sprache' in page
    enter_code(client, municipality)
    page = client.get(url("register_form", municipality)).content.decode()
    assert "<legend>Wie alt sind Sie? Sagen Sie es uns.</legend>" in page
    assert "<legend>In welchem Stadtteil wohnen Sie?</legend>" in page
    assert "Sie müssen nicht mitmachen." in page and "Ich bin einverstanden." in page
    client.post(url("register_form", municipality), form_data(panel))
    assert Respondent.objects.get().form_variant == "easy"
    page = client.get(url("register_done", municipality)).content.decode()
    assert "Ihr Kenn-Wort ist" in page


def test_the_variant_can_change_in_the_middle(client, municipality, invitation, panel):
    enter_code(client, municipality, variant="en")
    page = client.get(url("register_form", municipality) + "?variant=de").content.decode()
    assert "<legend>Wie alt sind Sie?</legend>" in page
    client.post(url("register_form", municipality), form_data(panel))
    assert Respondent.objects.get().form_variant == "de"


def test_a_code_of_another_municipality_is_unknown_there(client, other_municipality,
                                                         invitation):
    response = enter_code(client, other_municipality)
    assert response.status_code == 400
    assert "Wir kennen diesen Code nicht" in response.content.decode()


def test_the_questionnaire_reads_the_same_whatever_the_number_of_questions(
        client, municipality, invitation, panel, django_assert_num_queries):
    enter_code(client, municipality)

    def count():
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url("register_form", municipality)).status_code == 200
        return len(queries)

    before = count()
    for n in range(3):
        services.feature_create(panel=panel, name=f"Frage {n}", question=f"Frage {n}?",
                                values=[{"name": "a"}, {"name": "b"}, {"name": "c"}])
    assert count() == before
    with django_assert_num_queries(before):
        client.get(url("register_form", municipality))


# --- A mail server that fails after the registration is saved ---------------------------------


class FailingBackend(BaseEmailBackend):
    """A mail server that refuses every message, naming the address as real ones do."""

    def send_messages(self, email_messages):
        raise smtplib.SMTPRecipientsRefused(
            {address: (550, b"mailbox unavailable") for m in email_messages for address in m.to})


FAILING_BACKEND = f"{__name__}.FailingBackend"


def test_a_failing_mail_server_does_not_undo_the_registration(
        invitation, settings, caplog, django_capture_on_commit_callbacks):
    settings.EMAIL_BACKEND = FAILING_BACKEND
    with caplog.at_level(logging.ERROR, logger="gemeinsam.panels.registration"), \
            django_capture_on_commit_callbacks(execute=True):
        respondent = register(invitation)
    assert respondent.confirmation_sent is False
    assert Respondent.objects.get() == respondent
    [record] = caplog.records
    assert str(respondent.pk) in record.getMessage()
    assert "erika" not in caplog.text.lower() and "Mustermann" not in caplog.text


@pytest.mark.django_db(transaction=True)
def test_the_page_says_the_registration_is_saved_when_the_mail_fails(
        client, municipality, invitation, panel, settings, caplog):
    # Without a surrounding test transaction: the confirmation goes out during the request,
    # as in production.
    settings.EMAIL_BACKEND = FAILING_BACKEND
    enter_code(client, municipality)
    response = client.post(url("register_form", municipality), form_data(panel))
    assert response.status_code == 302 and response.url == url("register_done", municipality)
    respondent = Respondent.objects.get()
    page = client.get(response.url).content.decode()
    assert respondent.pseudonym in page
    assert 'class="notice" role="status"' in page  # saved, but no confirmation e-mail
    assert "erika@example.org" not in caplog.text and str(respondent.pk) in caplog.text
    # Trying again does not pretend the code was never used.
    assert enter_code(client, municipality).status_code == 400


def test_the_done_page_mentions_no_failure_when_the_mail_went_out(
        client, municipality, invitation, panel, django_capture_on_commit_callbacks):
    enter_code(client, municipality)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url("register_form", municipality), form_data(panel))
    page = client.get(url("register_done", municipality)).content.decode()
    assert 'class="notice" role="status"' not in page
    assert "Wir haben Ihnen eine Bestätigung per E-Mail geschickt" in page


# --- Replies on paper or by phone, entered by the office ---------------------------------------


def office_url(panel):
    return reverse("panels:register_on_behalf", args=[panel.municipality.slug, panel.pk])


def office_data(panel, **overrides):
    return form_data(panel, **{"code": PRINTED, "email": "", "phone": "06142 12345",
                               **overrides})


def test_only_the_panels_managers_enter_replies(
        client_for, panel, administration, member, coordinator, platform_admin,
        signed_in_user, municipality):
    other_administration = administration_member(municipality)
    url_ = office_url(panel)
    assert client_for(administration).get(url_).status_code == 200
    for user in (member, coordinator, other_administration, platform_admin, signed_in_user):
        assert client_for(user).get(url_).status_code == 403, user
        assert client_for(user).post(url_, office_data(panel)).status_code == 403, user
    anonymous = client_for(None).get(url_)
    assert anonymous.status_code == 302 and "/konto/login/" in anonymous.url
    assert client_for(None).post(url_, office_data(panel)).status_code == 302
    assert not Respondent.objects.exists()


def test_a_panel_of_another_municipality_is_not_found(client_for, panel, outsider,
                                                      other_municipality):
    url_ = reverse("panels:register_on_behalf", args=[other_municipality.slug, panel.pk])
    assert client_for(outsider).get(url_).status_code == 404


def test_the_office_enters_replies_one_after_the_other(
        client_for, panel, administration, invitation, mailoutbox,
        django_capture_on_commit_callbacks):
    client = client_for(administration)
    response = client.get(office_url(panel))
    assert "no-store" in response["Cache-Control"]  # names are typed in here
    page = response.content.decode()
    assert "<legend>Wie alt sind Sie?</legend>" in page and 'name="code"' in page
    assert 'name="consent"' in page and "Mustermann" not in page
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(office_url(panel), office_data(
            panel, code="abc def ghj", email="erika@example.org", available="no"))
    assert response.status_code == 302 and response.url == office_url(panel)
    respondent = Respondent.objects.get()
    assert respondent.form_variant == FormVariant.OFFICE
    assert respondent.invitation == invitation and respondent.available is False
    assert respondent.phone == "06142 12345" and respondent.consent_at is not None
    assert respondent.pseudonym == services.pseudonym_for(panel=panel, code=CODE)
    assert [m.to for m in mailoutbox] == [["erika@example.org"]]  # the confirmation
    page = client.get(response.url).content.decode()
    assert respondent.pseudonym in page  # the message names the pseudonym
    assert 'value="Erika"' not in page and "06142 12345" not in page  # empty for the next
    # The next one from the pile.
    Invitation.objects.create(panel=panel, code="KLMNPQRST", household="h-2")
    response = client.post(office_url(panel), office_data(panel, code="KLM-NPQ-RST",
                                                          first_name="Max"))
    assert response.status_code == 302
    assert Respondent.objects.filter(form_variant="office").count() == 2


def test_the_office_needs_the_persons_consent_and_answers(client_for, panel, administration,
                                                          invitation):
    alter = panel.features.get(name="Alter").pk
    response = client_for(administration).post(office_url(panel), office_data(
        panel, consent=None, **{f"feature_{alter}": None}))
    assert response.status_code == 400
    page = response.content.decode()
    assert 'href="#id_consent"' in page and f'href="#id_feature_{alter}_0"' in page
    assert 'value="ABC-DEF-GHJ"' in page and 'value="06142 12345"' in page  # input kept
    assert not Respondent.objects.exists()


def test_the_office_is_not_rate_limited(client_for, panel, administration, invitation):
    client = client_for(administration)
    statuses = {client.post(office_url(panel), office_data(panel, code="XXX-XXX-XXX"))
                .status_code for _ in range(35)}
    assert statuses == {400}
    assert client.post(office_url(panel), office_data(panel)).status_code == 302


def test_the_office_may_enter_late_replies_after_the_deadline(client_for, panel,
                                                              administration, invitation):
    set_deadline(panel, -3)
    client = client_for(administration)
    page = client.get(office_url(panel)).content.decode()
    assert 'class="notice"' in page  # the deadline has passed: late replies are welcome
    response = client.post(office_url(panel), office_data(panel))
    assert response.status_code == 302
    assert Respondent.objects.get().form_variant == "office"


def test_the_office_cannot_enter_replies_once_a_lottery_is_computed(
        client_for, panel, administration, invitation):
    set_deadline(panel, -3)
    computed(panel)
    response = client_for(administration).post(office_url(panel), office_data(panel))
    assert response.status_code == 400
    assert "Die Auslosung für diesen Bürgerrat hat begonnen" in response.content.decode()
    assert not Respondent.objects.exists()


def test_the_office_cannot_use_a_code_twice_or_one_of_another_panel(
        client_for, panel, administration, invitation, municipality):
    register(invitation)
    other_panel = make_panel(municipality=municipality, created_by=administration)
    Invitation.objects.create(panel=other_panel, code="KLMNPQRST", household="h-9")
    client = client_for(administration)
    response = client.post(office_url(panel), office_data(panel, first_name="Max"))
    assert response.status_code == 400
    page = response.content.decode()
    assert "Mit diesem Code hat sich bereits jemand angemeldet" in page
    assert 'value="Max"' in page
    response = client.post(office_url(panel), office_data(panel, code="KLM-NPQ-RST"))
    assert response.status_code == 400
    assert "Wir kennen diesen Code nicht" in response.content.decode()
    # The code is checked at once, before the rest of the reply is typed in.
    response = client.post(office_url(panel), {"code": PRINTED})
    assert "Mit diesem Code hat sich bereits jemand angemeldet" in response.content.decode()
    assert Respondent.objects.count() == 1


@pytest.mark.django_db(transaction=True)
def test_the_office_is_told_when_the_confirmation_cannot_be_sent(
        client_for, panel, administration, invitation, settings):
    settings.EMAIL_BACKEND = FAILING_BACKEND
    client = client_for(administration)
    response = client.post(office_url(panel), office_data(panel, email="erika@example.org"),
                           follow=True)
    assert response.status_code == 200
    respondent = Respondent.objects.get()
    page = response.content.decode()
    assert page.count(respondent.pseudonym) == 2  # saved; the e-mail failed
    assert "message--warning" in page
