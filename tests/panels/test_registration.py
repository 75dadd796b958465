import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from gemeinsam.core.errors import DomainError
from gemeinsam.panels import registration, services
from gemeinsam.panels.models import Invitation, Respondent, Selection
from gemeinsam.panels.registration import CodeNotUsable

pytestmark = pytest.mark.django_db

CODE = "ABCDEFGHJ"
PRINTED = "ABC-DEF-GHJ"
CONTACT = "Stabsstelle Klimaschutz, 06142 83-0, klima@example.org"


def url(name, municipality):
    return reverse(f"panels:{name}", args=[municipality.slug])


@pytest.fixture
def panel(municipality, administration):
    today = timezone.localdate()
    panel = services.panel_create(
        municipality=municipality, created_by=administration,
        title="Bürgerrat Klimaneutralität 2035",
        purpose="Wie wird Rüsselsheim bis 2035 klimaneutral?", seats=10,
        meeting_dates="Samstag, 6. März, und Samstag, 20. März, jeweils 10–17 Uhr",
        registration_deadline=today + datetime.timedelta(days=30),
        selection_date=today + datetime.timedelta(days=37), contact=CONTACT,
        erase_on=today + datetime.timedelta(days=200))
    services.feature_create(
        panel=panel, name="Alter", question="Wie alt sind Sie?",
        question_en="How old are you?", question_easy="Wie alt sind Sie? Sagen Sie es uns.",
        values=[{"name": "16 bis 29 Jahre", "name_en": "16 to 29 years"},
                {"name": "30 bis 59 Jahre", "name_en": "30 to 59 years"},
                {"name": "60 Jahre und älter", "name_en": "60 years and older"}])
    services.feature_create(
        panel=panel, name="Stadtteil", question="In welchem Stadtteil wohnen Sie?",
        values=[{"name": "Innenstadt"}, {"name": "Königstädten"}])
    return panel


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


def test_a_code_is_refused_after_the_deadline_and_once_the_lottery_began(municipality,
                                                                           invitation, panel):
    services.panel_update(panel=panel, version=panel.version,
                          registration_deadline=timezone.localdate())
    assert registration.invitation_for_code(code=CODE, municipality=municipality)
    services.panel_update(panel=panel, version=panel.version,
                          registration_deadline=timezone.localdate() - datetime.timedelta(1))
    with pytest.raises(CodeNotUsable) as refused:
        registration.invitation_for_code(code=CODE, municipality=municipality)
    assert refused.value.reason == "deadline"
    with pytest.raises(CodeNotUsable):
        register(invitation)
    services.panel_update(panel=panel, version=panel.version,
                          registration_deadline=timezone.localdate() + datetime.timedelta(1))
    Selection.objects.create(panel=panel, algorithm="leximin")
    with pytest.raises(CodeNotUsable) as refused:
        registration.invitation_for_code(code=CODE, municipality=municipality)
    assert refused.value.reason == "closed"
    assert not Respondent.objects.exists()


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
    assert respondent.pseudonym in sent.body and "Hallo Erika" in sent.body
    assert CONTACT in sent.body


def test_the_confirmation_is_in_the_respondents_language(
        invitation, panel, mailoutbox, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        register(invitation, form_variant="en")
    [sent] = mailoutbox
    assert "Your registration" in sent.subject
    assert "Your pseudonym is" in sent.body and "Hello Erika" in sent.body


def test_easy_language_gets_the_german_confirmation(
        invitation, mailoutbox, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        respondent = register(invitation, form_variant="easy")
    assert respondent.language == "de"
    assert "Ihr Pseudonym" in mailoutbox[0].body


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
    assert panel.erase_on.strftime("%d.%m.%Y") in page or \
        f"{panel.erase_on.day}. " in page  # when it is deleted
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
    services.panel_update(panel=panel, version=panel.version,
                          registration_deadline=timezone.localdate() - datetime.timedelta(1))
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
    # The code is spent: the questionnaire is gone, the confirmation stays.
    assert client.get(url("register_form", municipality)).status_code == 302
    assert client.get(url("register_done", municipality)).status_code == 200


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
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url("register_form", municipality), form_data(panel))
    assert Respondent.objects.get().form_variant == "en"
    assert "Your registration" in mailoutbox[0].subject
    assert "Thank you for registering" in client.get(
        url("register_done", municipality)).content.decode()


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
