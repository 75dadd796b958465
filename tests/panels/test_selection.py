"""The lottery: compute, publish, draw with the seed, drop-outs and replacements, notifications,
and who sees what on the internal pages."""

import datetime
import io
import json

import pytest
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from openpyxl import load_workbook

from gemeinsam.core.errors import DomainError
from gemeinsam.jobs.models import BackgroundJob
from gemeinsam.panels import selection as services
from gemeinsam.panels.models import FormVariant, Panel, Respondent, Selection, SelectionState
from gemeinsam.sortition import verify_audit
from tests.panels.factories import (
    LOTTERY_SEATS,
    build_pool,
    computed,
    drawn,
    make_feature,
    make_invitation,
    make_panel,
    make_respondent,
)

SEATS = LOTTERY_SEATS


def manager_of(panel):
    return panel.managers.get()


def counts_by_value(panel, pseudonyms):
    result = {}
    for r in panel.respondents.filter(pseudonym__in=pseudonyms):
        for feature, value in services.people_of(panel=panel, respondents=[r])[0].features.items():
            result[(feature, value)] = result.get((feature, value), 0) + 1
    return result


# --- compute and draw -------------------------------------------------------------------------


def test_compute_and_draw_end_to_end(municipality):
    panel = build_pool(municipality)
    selection = computed(panel)
    assert selection.is_computed and not selection.problem
    assert len(selection.digest) == 64
    # Nobody's state changes before the draw; probabilities are stored.
    assert set(panel.respondents.values_list("state", flat=True)) == {SelectionState.POOL}
    probabilities = list(panel.respondents.values_list("probability", flat=True))
    assert all(p == pytest.approx(SEATS / 40, abs=1e-6) for p in probabilities)

    selection = services.selection_draw(selection=selection, seed="3 11 19 27 34 42")

    chosen = set(selection.audit["draw"]["panel"])
    assert len(chosen) == SEATS
    selected = set(panel.respondents.filter(state=SelectionState.SELECTED)
                   .values_list("pseudonym", flat=True))
    assert selected == chosen
    assert panel.respondents.filter(state=SelectionState.NOT_SELECTED).count() == 40 - SEATS
    for count in counts_by_value(panel, chosen).values():
        assert 3 <= count <= 5
    for row in selection.quota_table:
        assert row["min"] <= row["selected"] <= row["max"]
        assert row["pool"] == 20
    assert selection.seed == "3 11 19 27 34 42" and selection.drawn_at
    check = verify_audit(selection.audit)
    assert check.ok, check.lines
    assert set(check.panel) == chosen


def test_the_draw_is_deterministic_in_the_seed(municipality):
    panel = build_pool(municipality)
    selection = computed(panel)
    lottery_audit = dict(selection.audit)
    first = services.selection_draw(selection=selection, seed="  7 13 21 ")
    # The same lottery and seed give the same panel; another seed (almost surely) another.
    assert verify_audit({**lottery_audit, "draw": None}, seed="7 13 21").panel == \
        tuple(first.audit["draw"]["panel"])
    assert first.seed == "7 13 21"
    others = {verify_audit(lottery_audit, seed=str(s)).panel for s in range(5)}
    assert len(others) > 1


def test_not_available_and_withdrawn_people_are_never_selected(municipality):
    panel = build_pool(municipality)
    absent = list(panel.respondents.order_by("pk")[:4])
    Respondent.objects.filter(pk__in=[absent[0].pk, absent[1].pk]).update(available=False)
    services.respondent_withdraw(respondent=absent[2])
    selection = drawn(panel)
    probabilities = selection.audit["probabilities"]
    for person in absent[:3]:
        assert float(probabilities[person.pseudonym]) == 0
        person.refresh_from_db()
        assert person.state != SelectionState.SELECTED
    absent[2].refresh_from_db()
    assert absent[2].state == SelectionState.WITHDRAWN


def test_infeasible_quotas_give_a_clear_problem_and_change_nothing(municipality):
    panel = build_pool(municipality, gender_quota=(5, 8))  # 5 + 5 women and men > 8 seats
    selection = computed(panel)
    assert not selection.is_computed
    assert "Die Mindestzahlen für Geschlecht ergeben zusammen 10, mehr als die 8 Plätze." \
        in selection.problem  # in the managers' language, not the algorithm's English
    assert set(panel.respondents.values_list("state", flat=True)) == {SelectionState.POOL}
    assert not panel.respondents.filter(probability__isnull=False).exists()
    with pytest.raises(DomainError):
        services.selection_draw(selection=selection, seed="1")


def test_the_failed_job_carries_the_problem(municipality, django_capture_on_commit_callbacks):
    panel = build_pool(municipality, age_quota=(0, 2))  # at most 2 + 2 of 8 seats
    with django_capture_on_commit_callbacks(execute=True):
        selection = services.selection_start(panel=panel, started_by=manager_of(panel))
    selection.refresh_from_db()
    job = BackgroundJob.objects.get(pk=selection.job_id)
    assert job.status == BackgroundJob.Status.FAILED
    assert "Alter" in job.errors[0][1]
    assert selection.problem and not selection.is_computed
    # The relaxation names a bound to move.
    assert "Alter" in selection.problem.split("\n", 3)[-1]


def test_drawing_twice_is_refused(municipality):
    panel = build_pool(municipality)
    selection = drawn(panel)
    with pytest.raises(DomainError):
        services.selection_draw(selection=selection, seed="another")
    with pytest.raises(DomainError):
        services.selection_start(panel=panel, started_by=manager_of(panel))


def test_an_empty_seed_is_refused(municipality):
    panel = build_pool(municipality)
    selection = computed(panel)
    with pytest.raises(DomainError):
        services.selection_draw(selection=selection, seed="   ")
    assert not panel.respondents.filter(state=SelectionState.SELECTED).exists()


def test_a_second_start_while_computing_is_refused(municipality):
    panel = build_pool(municipality, size=12)
    services.selection_start(panel=panel, started_by=manager_of(panel))  # job stays queued
    with pytest.raises(DomainError):
        services.selection_start(panel=panel, started_by=manager_of(panel))


# --- drop-outs and replacements ---------------------------------------------------------------


def test_replacement_keeps_the_members_and_the_quotas(municipality):
    panel = build_pool(municipality)
    first = drawn(panel)
    members = set(first.audit["draw"]["panel"])
    leaving = panel.respondents.filter(state=SelectionState.SELECTED).order_by("pk")[0]
    services.respondent_drop_out(respondent=leaving)
    Respondent.objects.filter(state=SelectionState.NOT_SELECTED).update(
        notified_at="2026-01-01T10:00Z")

    replacement = computed(panel, kind=Selection.Kind.REPLACEMENT)
    assert replacement.is_computed, replacement.problem
    replacement = services.selection_draw(selection=replacement, seed="replacement seed")

    new_panel = set(replacement.audit["draw"]["panel"])
    assert len(new_panel) == SEATS
    assert members - {leaving.pseudonym} <= new_panel
    assert leaving.pseudonym not in new_panel
    (newcomer,) = new_panel - members
    newcomer = panel.respondents.get(pseudonym=newcomer)
    assert newcomer.state == SelectionState.SELECTED
    assert newcomer.notified_at is None  # to be told the new result
    leaving.refresh_from_db()
    assert leaving.state == SelectionState.DROPPED_OUT
    assert panel.respondents.filter(state=SelectionState.SELECTED).count() == SEATS
    for count in counts_by_value(panel, new_panel).values():
        assert 3 <= count <= 5
    assert verify_audit(replacement.audit).ok
    assert replacement.audit["replacement"]["dropped"] == [leaving.pseudonym]

    # Everyone dropped out has been replaced: no second replacement for the same person.
    with pytest.raises(DomainError):
        services.selection_start(panel=panel, started_by=manager_of(panel),
                                 kind=Selection.Kind.REPLACEMENT)


def test_replacements_need_a_drawn_panel_and_a_drop_out(municipality):
    panel = build_pool(municipality, size=12)
    with pytest.raises(DomainError):
        services.selection_start(panel=panel, started_by=manager_of(panel),
                                 kind=Selection.Kind.REPLACEMENT)


def test_withdraw_and_drop_out_follow_the_states(municipality):
    panel = build_pool(municipality, size=12)
    person = panel.respondents.first()
    with pytest.raises(DomainError):
        services.respondent_drop_out(respondent=person)
    services.respondent_withdraw(respondent=person)
    with pytest.raises(DomainError):
        services.respondent_withdraw(respondent=person)


def test_no_withdrawal_while_a_published_lottery_waits_for_its_draw(municipality):
    panel = build_pool(municipality, size=12)
    computed(panel)
    with pytest.raises(DomainError):
        services.respondent_withdraw(respondent=panel.respondents.first())


# --- notifications ----------------------------------------------------------------------------


def test_notifications_go_once_in_the_right_language(municipality, monkeypatch):
    languages = {}
    real_send = services.send_to_address

    def spy(address, template, context, language=None):
        languages[address] = language
        real_send(address, template, context, language=language)

    monkeypatch.setattr(services, "send_to_address", spy)
    panel = build_pool(municipality)
    drawn(panel)
    nobody = panel.respondents.filter(state=SelectionState.NOT_SELECTED).order_by("pk")[0]
    Respondent.objects.filter(pk=nobody.pk).update(email="", phone="06142 1234")
    mail.outbox.clear()

    result = services.notifications_send(panel=panel)

    assert result == {"selected": SEATS, "not selected": 40 - SEATS - 1, "to phone": 1,
                      "failed": 0}
    assert len(mail.outbox) == 39
    by_address = {message.to[0]: message for message in mail.outbox}
    for person in panel.respondents.exclude(pk=nobody.pk):
        message = by_address[person.email]
        assert person.pseudonym in message.body
        assert person.notified_at is not None
        english = person.form_variant == FormVariant.ENGLISH
        assert languages[person.email] == ("en" if english else "de")
        if english:
            expected = ("You have been drawn" if person.state == SelectionState.SELECTED
                        else "The lottery for")
            assert expected in message.subject
        if person.form_variant == FormVariant.EASY:
            expected = ("Sie sind ausgelost!" if person.state == SelectionState.SELECTED
                        else "Dieses Mal sind Sie nicht ausgelost.")
            assert expected in message.body
    nobody.refresh_from_db()
    assert nobody.notified_at is None

    mail.outbox.clear()
    again = services.notifications_send(panel=panel)
    assert mail.outbox == []
    assert again["selected"] == 0 and again["not selected"] == 0 and again["to phone"] == 1


def test_notifications_only_after_the_draw(municipality):
    panel = build_pool(municipality, size=12)
    with pytest.raises(DomainError):
        services.notifications_send(panel=panel)


# --- pages ------------------------------------------------------------------------------------


def test_team_member_sees_the_report_but_no_names(municipality, member, client_for):
    panel = build_pool(municipality)
    selection = drawn(panel)
    response = client_for(member).get(reverse(
        "panels:selection_report", args=[municipality.slug, selection.pk]))
    assert response.status_code == 200
    html = response.content.decode()
    assert selection.digest in html
    assert "<svg" in html and "<title" in html and "<desc" in html
    # The command names the file as it is downloaded.
    assert f"python -m gemeinsam.sortition verify audit-{selection.pk}.json" in html
    assert f'download="audit-{selection.pk}.json"' in html
    assert "gemeinsam.sortition" in html.split("<pre>")[0].rsplit("<p>", 1)[-1]
    for person in panel.respondents.all():
        assert person.last_name not in html
        assert person.email not in html
    # ... and not the respondents' list or its export.
    for name in ("panels:respondents", "panels:respondents_csv"):
        assert client_for(member).get(reverse(name, args=[municipality.slug, panel.pk])) \
            .status_code == 403


def test_manager_sees_who_was_selected(municipality, client_for):
    panel = build_pool(municipality)
    selection = drawn(panel)
    html = client_for(manager_of(panel)).get(reverse(
        "panels:selection_report", args=[municipality.slug, selection.pk])).content.decode()
    for person in panel.respondents.filter(state=SelectionState.SELECTED):
        assert person.last_name in html
    for person in panel.respondents.filter(state=SelectionState.NOT_SELECTED):
        assert person.last_name not in html


def test_platform_admin_sees_no_names(municipality, platform_admin, client_for):
    panel = build_pool(municipality, size=12)
    selection = drawn(panel)
    response = client_for(platform_admin).get(reverse(
        "panels:selection_report", args=[municipality.slug, selection.pk]))
    html = response.content.decode()
    assert response.status_code == 200
    assert not any(p.last_name in html for p in panel.respondents.all())


def queries_for(client, url):
    """How many queries a page takes (after a first call that fills the caches)."""
    client.get(url)
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_respondents_page_and_csv_for_managers(municipality, client_for):
    panel = build_pool(municipality, size=10)
    client = client_for(manager_of(panel))
    url = reverse("panels:respondents", args=[municipality.slug, panel.pk])
    few = queries_for(client, url)
    for n in range(30):
        make_respondent(panel=panel, last_name=f"Nachname{10 + n:02d}")
    assert queries_for(client, url) == few  # no query per person
    Respondent.objects.filter(last_name="Nachname39").update(first_name="=HYPERLINK(1)")
    response = client.get(url)
    html = response.content.decode()
    assert "Nachname07" in html and "Nachname39" in html

    response = client.get(reverse("panels:respondents_csv", args=[municipality.slug, panel.pk]))
    lines = response.content.decode().splitlines()
    header = lines[0].split(",")
    assert header[:3] == ["id", "Geschlecht", "Alter"]
    assert "first_name" in header and "household" in header
    assert len(lines) == 41
    first = panel.respondents.order_by("pk").first()
    assert lines[1].startswith(f"{first.pseudonym},weiblich,16–44,")
    assert "'=HYPERLINK(1)" in lines[-1]


def test_selection_page_start_progress_seed_and_draw(municipality, client_for,
                                                     django_capture_on_commit_callbacks):
    panel = build_pool(municipality, size=20, gender_quota=(2, 6), age_quota=(2, 6))
    client = client_for(manager_of(panel))
    url = reverse("panels:selection", args=[municipality.slug, panel.pk])
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(url).status_code == 302
    selection = panel.selections.get()
    html = client.get(url).content.decode()
    assert selection.digest in html
    assert panel.seed_announcement in html
    assert 'name="seed"' in html

    status = client.get(reverse("panels:selection_status", args=[municipality.slug,
                                                                  selection.pk]),
                        headers={"HX-Request": "true"})
    assert reverse("panels:selection_report", args=[municipality.slug, selection.pk]) in \
        status.content.decode()

    draw_url = reverse("panels:selection_draw", args=[municipality.slug, selection.pk])
    response = client.post(draw_url, {"seed": "42"})
    assert response.status_code == 400  # the confirmation is missing; nothing drawn
    assert not panel.respondents.filter(state=SelectionState.SELECTED).exists()
    response = client.post(draw_url, {"seed": "42", "confirm": "on"})
    assert response.status_code == 302
    assert panel.respondents.filter(state=SelectionState.SELECTED).count() == SEATS


def test_progress_bar_polls_while_computing(municipality, member, client_for):
    panel = build_pool(municipality, size=12)
    selection = services.selection_start(panel=panel, started_by=manager_of(panel))
    BackgroundJob.objects.filter(pk=selection.job_id).update(
        status=BackgroundJob.Status.RUNNING, done=40, total=100)
    url = reverse("panels:selection_status", args=[municipality.slug, selection.pk])
    html = client_for(member).get(url, headers={"HX-Request": "true"}).content.decode()
    assert 'hx-trigger="every 2s"' in html and 'value="40"' in html
    page = client_for(member).get(reverse("panels:selection", args=[municipality.slug,
                                                                      panel.pk]))
    assert "<progress" in page.content.decode()
    assert 'name="seed"' not in page.content.decode()
    # Without JavaScript the status is a page of its own with a reload link.
    plain = client_for(member).get(url).content.decode()
    assert "<html" in plain and "<progress" in plain


def test_only_managers_start_draw_notify_and_replace(municipality, member, administration,
                                                     client_for):
    panel = build_pool(municipality, size=12)
    selection = computed(panel)
    for user in (member, administration):
        client = client_for(user)
        for name, pk in (("panels:selection", panel.pk), ("panels:notify", panel.pk),
                         ("panels:replace", panel.pk), ("panels:selection_draw", selection.pk)):
            response = client.post(reverse(name, args=[municipality.slug, pk]),
                                   {"seed": "1", "confirm": "on"})
            assert response.status_code == 403, (user, name)
    assert not selection.panel.respondents.exclude(state=SelectionState.POOL).exists()


def test_manager_records_a_drop_out_on_the_respondent_page(municipality, client_for):
    panel = build_pool(municipality, size=12, gender_quota=(0, 8), age_quota=(0, 8))
    drawn(panel)
    person = panel.respondents.filter(state=SelectionState.SELECTED).first()
    client = client_for(manager_of(panel))
    url = reverse("panels:respondent", args=[municipality.slug, person.pk])
    assert person.pseudonym in client.get(url).content.decode()
    assert client.post(url, {"action": "drop_out"}).status_code == 302
    person.refresh_from_db()
    assert person.state == SelectionState.DROPPED_OUT
    assert client.post(url, {"action": "withdraw"}).status_code == 400


# --- a computed lottery is final until drawn or cancelled (review High 1) -------------------


def test_a_computed_lottery_blocks_a_new_one_until_it_is_cancelled(municipality):
    panel = build_pool(municipality, size=12)
    first = computed(panel)
    with pytest.raises(DomainError):
        services.selection_start(panel=panel, started_by=manager_of(panel))
    for reason in ("", "   "):
        with pytest.raises(DomainError):
            services.selection_cancel(selection=first, reason=reason)

    services.selection_cancel(selection=first, reason="  Eine Quote war falsch eingetragen. ")

    first.refresh_from_db()
    assert first.is_cancelled and first.cancel_reason == "Eine Quote war falsch eingetragen."
    assert first.is_computed  # the audit, and with it the SHA-256, stays
    with pytest.raises(DomainError):
        services.selection_draw(selection=first, seed="1 2 3")
    assert not panel.respondents.exclude(state=SelectionState.POOL).exists()
    # The cancelled lottery's seed procedure may be known by now: a new one comes first.
    with pytest.raises(DomainError):
        services.selection_start(panel=panel, started_by=manager_of(panel))
    Panel.objects.filter(pk=panel.pk).update(seed_announcement="Die Lottozahlen eine Woche später.")
    panel.refresh_from_db()
    second = services.selection_start(panel=panel, started_by=manager_of(panel))
    assert second.pk != first.pk


def test_only_a_computed_undrawn_or_a_running_lottery_can_be_cancelled(municipality):
    panel = build_pool(municipality, size=12)
    failed = services.selection_start(panel=panel, started_by=manager_of(panel))
    BackgroundJob.objects.filter(pk=failed.job_id).update(status=BackgroundJob.Status.FAILED)
    with pytest.raises(DomainError):
        services.selection_cancel(selection=failed, reason="nichts zu verwerfen")
    selection = drawn(panel)
    with pytest.raises(DomainError):
        services.selection_cancel(selection=selection, reason="zu spät")
    selection.refresh_from_db()
    assert not selection.is_cancelled


def test_the_computation_is_stored_only_once(municipality, monkeypatch):
    panel = build_pool(municipality, size=12)
    selection = Selection.objects.create(panel=panel, algorithm=panel.algorithm)
    real_select = services.sortition.select

    def select_while_another_worker_stores(*args, **kwargs):
        result = real_select(*args, **kwargs)
        Selection.objects.filter(pk=selection.pk).update(audit={"lottery": {"sha256": "x"}})
        return result

    monkeypatch.setattr(services.sortition, "select", select_while_another_worker_stores)
    with pytest.raises(DomainError):
        services.selection_compute(selection=selection)
    selection.refresh_from_db()
    assert selection.audit == {"lottery": {"sha256": "x"}}
    assert not panel.respondents.filter(probability__isnull=False).exists()


def test_a_cancelled_selection_is_not_computed(municipality):
    panel = build_pool(municipality, size=12)
    selection = Selection.objects.create(panel=panel, algorithm=panel.algorithm,
                                         cancel_reason="x", cancelled_at="2026-01-01T10:00Z")
    with pytest.raises(DomainError):
        services.selection_compute(selection=selection)


def test_managers_cancel_with_a_reason_on_the_selection_page(municipality, member, client_for):
    panel = build_pool(municipality, size=12)
    selection = computed(panel)
    url = reverse("panels:selection_cancel", args=[municipality.slug, selection.pk])
    assert client_for(member).post(url, {"reason": "Fehler"}).status_code == 403
    client = client_for(manager_of(panel))
    page = client.get(reverse("panels:selection", args=[municipality.slug, panel.pk]))
    assert url in page.content.decode()
    response = client.post(url, {"reason": ""})
    assert response.status_code == 400 and 'name="reason"' in response.content.decode()
    selection.refresh_from_db()
    assert not selection.is_cancelled
    response = client.post(url, {"reason": "Die Quote für Alter war falsch."})
    assert response.status_code == 302
    selection.refresh_from_db()
    assert selection.cancel_reason == "Die Quote für Alter war falsch."
    html = client.get(reverse("panels:selection", args=[municipality.slug, panel.pk])) \
        .content.decode()
    assert "Die Quote für Alter war falsch." in html
    assert reverse("panels:selection_draw", args=[municipality.slug, selection.pk]) not in html


# --- the pool is fixed while a lottery is in progress (review High 2) -----------------------


def test_no_withdrawal_or_drop_out_while_computing_or_awaiting_the_draw(municipality):
    panel = build_pool(municipality, size=12)
    person = panel.respondents.first()
    pending = services.selection_start(panel=panel, started_by=manager_of(panel))
    with pytest.raises(DomainError):
        services.respondent_withdraw(respondent=person)  # the job is queued
    BackgroundJob.objects.filter(pk=pending.job_id).update(status=BackgroundJob.Status.FAILED)
    services.respondent_withdraw(respondent=person)  # a failed computation holds nothing

    first = drawn(panel)
    member, other = panel.respondents.filter(state=SelectionState.SELECTED).order_by("pk")[:2]
    services.respondent_drop_out(respondent=member)
    replacement = computed(panel, kind=Selection.Kind.REPLACEMENT)
    assert replacement.is_computed, replacement.problem
    with pytest.raises(DomainError):
        services.respondent_drop_out(respondent=other)
    not_selected = panel.respondents.filter(state=SelectionState.NOT_SELECTED).first()
    with pytest.raises(DomainError):
        services.respondent_withdraw(respondent=not_selected)
    assert first.is_drawn


def test_the_draw_refuses_someone_who_can_no_longer_take_part(municipality):
    panel = build_pool(municipality, size=12)
    selection = computed(panel)
    seed = "7 14 21"
    chosen = verify_audit(selection.audit, seed=seed).panel
    person = panel.respondents.get(pseudonym=chosen[0])
    services.respondent_erase(respondent=person)  # an erasure request is never refused

    with pytest.raises(DomainError) as refused:
        services.selection_draw(selection=selection, seed=seed)

    assert person.pseudonym in refused.value.message
    selection.refresh_from_db()
    assert not selection.is_drawn
    assert not panel.respondents.filter(state__in=[SelectionState.SELECTED,
                                                   SelectionState.NOT_SELECTED]).exists()
    person.refresh_from_db()
    assert person.state == SelectionState.WITHDRAWN
    # Cancelled with that reason, a new lottery leaves the person out.
    services.selection_cancel(selection=selection, reason="Eine Ausgeloste hat ihre Daten "
                                                          "löschen lassen.")
    again = computed(panel)
    assert float(again.audit["probabilities"][person.pseudonym]) == 0
    services.selection_draw(selection=again, seed=seed)
    person.refresh_from_db()
    assert person.state == SelectionState.WITHDRAWN


def test_someone_not_selected_can_withdraw_and_is_no_replacement(municipality):
    panel = build_pool(municipality, size=12, gender_quota=(0, 8), age_quota=(0, 8))
    drawn(panel)
    leaving = panel.respondents.filter(state=SelectionState.NOT_SELECTED).order_by("pk")
    withdrawn = list(leaving[:3])
    for person in withdrawn:
        services.respondent_withdraw(respondent=person)
    services.respondent_drop_out(
        respondent=panel.respondents.filter(state=SelectionState.SELECTED).first())

    replacement = computed(panel, kind=Selection.Kind.REPLACEMENT)

    assert replacement.is_computed, replacement.problem
    for person in withdrawn:
        assert float(replacement.audit["probabilities"][person.pseudonym]) == 0
    replacement = services.selection_draw(selection=replacement, seed="9")
    assert not {p.pseudonym for p in withdrawn} & set(replacement.audit["draw"]["panel"])


# --- the person's own data (review High 3) ---------------------------------------------------


def test_respondent_export_holds_everything_with_names(municipality):
    panel = build_pool(municipality, size=12)
    person = panel.respondents.order_by("pk").first()
    Respondent.objects.filter(pk=person.pk).update(needs="Kinderbetreuung", phone="06142 1")
    selection = drawn(panel)
    person.refresh_from_db()

    data = services.respondent_export(respondent=person)

    own = data["respondent"]
    assert own["first name"] == person.first_name and own["last name"] == person.last_name
    assert own["e-mail"] == person.email and own["phone"] == "06142 1"
    assert own["what they need to take part"] == "Kinderbetreuung"
    assert own["pseudonym in the audit file"] == person.pseudonym
    assert {(a["feature"], a["answer"]) for a in own["answers"]} == {
        ("Geschlecht", "weiblich"), ("Alter", "16–44")}
    assert data["invitation letter"]["street and number"] == person.invitation.street
    (lottery,) = data["lotteries"]
    assert lottery["sha256"] == selection.digest
    assert lottery["drawn"] == (person.state == SelectionState.SELECTED)
    assert data["panel"]["title"] == panel.title


@pytest.mark.parametrize(("before", "after"), [
    (SelectionState.POOL, SelectionState.WITHDRAWN),
    (SelectionState.NOT_SELECTED, SelectionState.WITHDRAWN),
    (SelectionState.SELECTED, SelectionState.DROPPED_OUT),
])
def test_erasure_deletes_the_data_and_keeps_the_pseudonym(municipality, before, after):
    panel = make_panel(municipality=municipality)
    person = make_respondent(panel=panel, state=before, needs="Rollstuhl", phone="0171 2")
    letter = person.invitation
    household, pseudonym = person.household, person.pseudonym

    services.respondent_erase(respondent=person)

    person.refresh_from_db()
    letter.refresh_from_db()
    assert (person.first_name, person.last_name, person.email, person.phone, person.needs,
            person.answers) == ("", "", "", "", "", {})
    assert (letter.first_name, letter.last_name, letter.street, letter.postcode) == \
        ("", "", "", "")
    assert person.pseudonym == pseudonym and person.household == household
    assert letter.household == household and letter.code
    assert person.state == after
    with pytest.raises(DomainError):
        services.respondent_erase(respondent=person)


def test_an_erased_member_is_replaced(municipality):
    panel = build_pool(municipality, size=12, gender_quota=(0, 8), age_quota=(0, 8))
    drawn(panel)
    member = panel.respondents.filter(state=SelectionState.SELECTED).order_by("pk").first()
    services.respondent_erase(respondent=member)

    replacement = computed(panel, kind=Selection.Kind.REPLACEMENT)

    assert replacement.is_computed, replacement.problem
    assert replacement.audit["replacement"]["dropped"] == [member.pseudonym]
    replacement = services.selection_draw(selection=replacement, seed="5")
    assert member.pseudonym not in replacement.audit["draw"]["panel"]
    assert panel.respondents.filter(state=SelectionState.SELECTED).count() == SEATS


def test_manager_downloads_and_erases_on_the_respondent_page(municipality, client_for):
    panel = build_pool(municipality, size=12)
    person = panel.respondents.order_by("pk").first()
    client = client_for(manager_of(panel))
    page = client.get(reverse("panels:respondent", args=[municipality.slug, person.pk]))
    export_url = reverse("panels:respondent_export", args=[municipality.slug, person.pk])
    assert export_url in page.content.decode()

    response = client.get(export_url)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/json")
    assert "attachment" in response["Content-Disposition"]
    assert json.loads(response.content)["respondent"]["last name"] == person.last_name

    url = reverse("panels:respondent", args=[municipality.slug, person.pk])
    assert client.post(url, {"action": "erase"}).status_code == 400  # not confirmed
    person.refresh_from_db()
    assert person.last_name
    assert client.post(url, {"action": "erase", "confirm": "on"}).status_code == 302
    person.refresh_from_db()
    assert person.last_name == "" and person.state == SelectionState.WITHDRAWN
    html = client.get(url).content.decode()
    assert person.pseudonym in html and 'value="erase"' not in html


# --- notifications go once (review High 5) ---------------------------------------------------


def test_no_second_notify_job_while_one_is_unfinished(municipality):
    panel = build_pool(municipality, size=12, gender_quota=(0, 8), age_quota=(0, 8))
    drawn(panel)
    job = services.notifications_start(panel=panel, started_by=manager_of(panel))  # queued
    with pytest.raises(DomainError):
        services.notifications_start(panel=panel, started_by=manager_of(panel))
    BackgroundJob.objects.filter(pk=job.pk).update(status=BackgroundJob.Status.SUCCEEDED)
    services.notifications_start(panel=panel, started_by=manager_of(panel))


def test_each_person_is_claimed_before_the_mail_so_two_runs_send_once(municipality,
                                                                       monkeypatch):
    panel = build_pool(municipality, size=12, gender_quota=(0, 8), age_quota=(0, 8))
    drawn(panel)
    sent = []
    real_send = services.send_to_address

    def send_and_start_a_second_run(address, template, context, language=None):
        sent.append(address)
        if len(sent) == 1:  # another worker runs meanwhile
            services.notifications_send(panel=panel)
        real_send(address, template, context, language=language)

    monkeypatch.setattr(services, "send_to_address", send_and_start_a_second_run)
    mail.outbox.clear()
    services.notifications_send(panel=panel)
    assert sorted(sent) == sorted(set(sent)) and len(sent) == 12
    assert len(mail.outbox) == 12


def test_a_failed_mail_is_taken_back_and_logged_without_the_address(municipality, monkeypatch,
                                                                     caplog):
    panel = build_pool(municipality, size=12, gender_quota=(0, 8), age_quota=(0, 8))
    drawn(panel)
    unlucky = panel.respondents.order_by("pk").first()
    real_send = services.send_to_address

    def fail_for_one(address, template, context, language=None):
        if address == unlucky.email:
            raise OSError(f"550 mailbox {address} unavailable")
        real_send(address, template, context, language=language)

    monkeypatch.setattr(services, "send_to_address", fail_for_one)
    result = services.notifications_send(panel=panel)
    assert result["failed"] == 1
    unlucky.refresh_from_db()
    assert unlucky.notified_at is None
    assert str(unlucky.pk) in caplog.text
    assert unlucky.email not in caplog.text  # not in a traceback either

    monkeypatch.setattr(services, "send_to_address", real_send)
    mail.outbox.clear()
    again = services.notifications_send(panel=panel)
    assert again["failed"] == 0 and [m.to for m in mail.outbox] == [[unlucky.email]]


# --- the lottery starts after the registration deadline (review Medium 6) ------------------


def test_no_lottery_before_the_registration_deadline_has_passed(municipality, client_for):
    today = timezone.localdate()
    panel = build_pool(municipality, size=12, registration_deadline=today)
    with pytest.raises(DomainError) as refused:
        services.selection_start(panel=panel, started_by=manager_of(panel))
    assert date_format(today, "DATE_FORMAT") in refused.value.message
    assert not panel.selections.exists()
    client = client_for(manager_of(panel))
    url = reverse("panels:selection", args=[municipality.slug, panel.pk])
    html = client.get(url).content.decode()
    assert f'action="{url}"' not in html  # no compute button yet
    assert client.post(url).status_code == 302
    assert not panel.selections.exists()

    Panel.objects.filter(pk=panel.pk).update(
        registration_deadline=today - datetime.timedelta(days=1))
    panel.refresh_from_db()
    assert f'action="{url}"' in client.get(url).content.decode()
    services.selection_start(panel=panel, started_by=manager_of(panel))


# --- states, caching, permissions, other municipalities ------------------------------------


def test_a_crashed_computation_shows_as_failed(municipality, client_for):
    panel = build_pool(municipality, size=12)
    selection = services.selection_start(panel=panel, started_by=manager_of(panel))
    assert services.lottery_state(selection)[0] == "computing"
    BackgroundJob.objects.filter(pk=selection.job_id).update(
        status=BackgroundJob.Status.FAILED, errors=[[None, "Absturz"]])
    selection.refresh_from_db()
    assert services.lottery_state(selection)[0] == "failed"
    client = client_for(manager_of(panel))
    html = client.get(reverse("panels:selection_status", args=[municipality.slug,
                                                               selection.pk])).content.decode()
    assert "Absturz" in html and "<progress" not in html
    html = client.get(reverse("panels:selection", args=[municipality.slug, panel.pk])) \
        .content.decode()
    assert "hx-trigger" not in html  # nothing polls a finished job
    assert services.lottery_state(selection)[1] in html


def test_pages_with_names_are_never_cached(municipality, client_for):
    panel = build_pool(municipality, size=12)
    selection = drawn(panel)
    person = panel.respondents.first()
    client = client_for(manager_of(panel))
    for name, pk in (("panels:respondents", panel.pk), ("panels:respondents_csv", panel.pk),
                     ("panels:respondent", person.pk), ("panels:respondent_export", person.pk),
                     ("panels:selection_report", selection.pk)):
        response = client.get(reverse(name, args=[municipality.slug, pk]))
        assert response.status_code == 200, name
        assert "no-store" in response["Cache-Control"], name


def test_platform_admin_and_other_administration_members_see_no_personal_data(
        municipality, administration, platform_admin, client_for):
    panel = build_pool(municipality, size=12)
    person = panel.respondents.first()
    for user in (administration, platform_admin):  # neither manages this panel
        client = client_for(user)
        for name, pk in (("panels:respondents", panel.pk),
                         ("panels:respondents_csv", panel.pk),
                         ("panels:respondent", person.pk),
                         ("panels:respondent_export", person.pk)):
            response = client.get(reverse(name, args=[municipality.slug, pk]))
            assert response.status_code == 403, (user, name)
            assert person.last_name not in response.content.decode()
        response = client.post(reverse("panels:respondent", args=[municipality.slug, person.pk]),
                               {"action": "erase", "confirm": "on"})
        assert response.status_code == 403
    person.refresh_from_db()
    assert person.last_name


def test_ids_of_another_municipality_are_not_found(municipality, other_municipality,
                                                   client_for):
    ours = build_pool(municipality, size=12)
    theirs = build_pool(other_municipality, size=12)
    selection = computed(theirs)
    person = theirs.respondents.first()
    client = client_for(manager_of(ours))
    for method, name, pk in (("get", "panels:respondent", person.pk),
                             ("get", "panels:respondent_export", person.pk),
                             ("get", "panels:respondents_csv", theirs.pk),
                             ("get", "panels:selection_report", selection.pk),
                             ("get", "panels:selection_status", selection.pk),
                             ("post", "panels:selection_draw", selection.pk),
                             ("post", "panels:selection_cancel", selection.pk)):
        url = reverse(name, args=[municipality.slug, pk])
        response = getattr(client, method)(url, {"seed": "1", "confirm": "on",
                                                  "reason": "x"})
        assert response.status_code == 404, name
    selection.refresh_from_db()
    assert not selection.is_drawn and not selection.is_cancelled


# --- one per household, end to end -----------------------------------------------------------


def test_two_people_of_one_household_are_never_both_selected(municipality):
    panel = make_panel(municipality=municipality, seats=6, one_per_household=True,
                       registration_deadline=timezone.localdate() - datetime.timedelta(days=1))
    gender = make_feature(panel=panel, name="Geschlecht",
                          values=[("weiblich", 50, 2, 4), ("männlich", 50, 2, 4)])
    values = list(gender.values.all())
    pairs = []
    for n in range(4):  # two letters to one address each: the same household key
        letters = [make_invitation(panel=panel, street=f"Marktplatz {n + 1}", postcode="65428")
                   for _ in range(2)]
        assert letters[0].household == letters[1].household
        pairs.append([make_respondent(panel=panel, invitation=letter,
                                      answers={str(gender.pk): values[i].pk}).pseudonym
                      for i, letter in enumerate(letters)])
    for n in range(6):
        make_respondent(panel=panel, answers={str(gender.pk): values[n % 2].pk})

    selection = computed(panel)

    assert selection.is_computed, selection.problem
    probabilities = selection.audit["probabilities"]
    for first, second in pairs:
        assert float(probabilities[first]) + float(probabilities[second]) <= 1 + 1e-6
    for seed in range(12):
        chosen = set(verify_audit(selection.audit, seed=str(seed)).panel)
        assert len(chosen) == 6
        for pair in pairs:
            assert not set(pair) <= chosen, (seed, pair)
    selection = services.selection_draw(selection=selection, seed="11")
    selected = set(panel.respondents.filter(state=SelectionState.SELECTED)
                   .values_list("pseudonym", flat=True))
    assert all(not set(pair) <= selected for pair in pairs)


def test_selection_page_queries_do_not_grow_with_the_lotteries(municipality, client_for):
    panel = build_pool(municipality, size=12)
    client = client_for(manager_of(panel))
    url = reverse("panels:selection", args=[municipality.slug, panel.pk])
    services.selection_cancel(selection=computed(panel), reason="eins")
    one = queries_for(client, url)
    for n in range(3):
        services.selection_cancel(selection=computed(panel), reason=f"noch {n}")
    assert queries_for(client, url) == one


# --- the organisers' lists (CSV and XLSX) ----------------------------------------------------


def get_list(client_for, user, name, panel, file_format):
    return client_for(user).get(reverse(f"panels:{name}", args=[
        panel.municipality.slug, panel.pk, file_format]))


def test_respondents_list_as_csv_for_excel(municipality, client_for):
    panel = build_pool(municipality, size=12, gender_quota=(0, 8), age_quota=(0, 8))
    drawn(panel)
    person = panel.respondents.order_by("pk").first()
    Respondent.objects.filter(pk=person.pk).update(needs="=Rollstuhl", phone="+49 6142 1")

    response = get_list(client_for, manager_of(panel), "respondents_list", panel, "csv")

    assert response.status_code == 200 and "no-store" in response["Cache-Control"]
    assert response["Content-Disposition"].endswith('.csv"')
    text = response.content.decode("utf-8")
    assert text.startswith("\ufeff")
    lines = text[1:].splitlines()
    assert len(lines) == 13
    header = lines[0].split(";")
    assert header[-2:] == ["Geschlecht", "Alter"] and len(header) == 13
    row = next(line.split(";") for line in lines if person.pseudonym in line)
    assert person.last_name in row and person.email in row
    assert "'=Rollstuhl" in row and "+49 6142 1" in row  # a formula guarded, a phone not
    assert row[-2:] == ["weiblich", "16–44"]


def test_members_list_as_xlsx_has_only_the_selected(municipality, client_for):
    panel = build_pool(municipality, size=12, gender_quota=(0, 8), age_quota=(0, 8))
    drawn(panel)
    member = panel.respondents.filter(state=SelectionState.SELECTED).order_by("pk").first()
    Respondent.objects.filter(pk=member.pk).update(needs="Kinderbetreuung")

    response = get_list(client_for, manager_of(panel), "members_list", panel, "xlsx")

    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert len(rows) == 1 + SEATS
    names = {row[0] for row in rows[1:]}
    assert names == set(panel.respondents.filter(state=SelectionState.SELECTED)
                        .values_list("last_name", flat=True))
    assert any("Kinderbetreuung" in row for row in rows)
    assert get_list(client_for, manager_of(panel), "members_list", panel, "pdf").status_code \
        == 404


def test_the_lists_are_for_managers_only(municipality, administration, platform_admin, member,
                                         client_for):
    panel = build_pool(municipality, size=12)
    for user in (administration, platform_admin, member):
        for name in ("respondents_list", "members_list"):
            assert get_list(client_for, user, name, panel, "xlsx").status_code == 403


# --- the report's figures agree (round 3) -----------------------------------------------------


def test_the_report_counts_only_who_can_be_selected(municipality, member, client_for):
    panel = build_pool(municipality)
    absent = list(panel.respondents.order_by("pk")[:5])
    Respondent.objects.filter(pk__in=[p.pk for p in absent[:4]]).update(available=False)
    services.respondent_withdraw(respondent=absent[4])
    selection = drawn(panel)
    response = client_for(member).get(reverse(
        "panels:selection_report", args=[municipality.slug, selection.pk]))
    assert response.status_code == 200
    context = response.context
    assert (context["pool_size"], context["pool_eligible"], context["pool_excluded"]) == \
        (40, 35, 5)
    # Each feature's "in the pool" column sums to the people who can be selected ...
    for feature in ("Geschlecht", "Alter"):
        assert sum(row["pool"] for row in context["quota_rows"]
                   if row["feature"] == feature) == 35
    # ... and so does the chart: a bar and a place in the table for each of them.
    profile = context["profile"]
    assert (profile["count"], profile["eligible"], profile["excluded"]) == (40, 35, 5)
    html = response.content.decode()
    assert html.count('class="chart__dot"') == 35
    assert profile["groups"][-1]["last"] == 35
    assert profile["min"] > 0
    assert "35" in profile["summary"] and "40" in profile["summary"]


def test_caption_facts_and_table_show_the_same_rounded_probabilities(municipality):
    from django.template.loader import render_to_string
    from django.utils import translation

    from gemeinsam.panels import report

    probabilities = {"p1": "0.000000000000", "p2": "0.212749990000", "p3": "0.212749990000",
                     "p4": "0.738090000000"}
    selection = Selection(pk=7, audit={"probabilities": probabilities, "pool_size": 4,
                                       "panel_size": 1, "must_not_select": 1})
    with translation.override("de"):
        profile = report.probability_profile(selection=selection)
        html = render_to_string("panels/selection_chart.html",
                                {"profile": profile, "selection": selection})
    mean = (0.21274999 * 2 + 0.73809) / 3
    assert profile["max_text"] == "0,7381"  # rounded, not cut off to 0,7380
    assert profile["mean_text"] == report.probability_text(mean) == "0,3879"
    assert profile["min_text"] == "0,2127"
    assert "0,7380" not in html
    assert html.count("0,7381") >= 3  # the caption (twice: figcaption and desc) and the facts
    assert html.count("0,3879") >= 3
    assert [g["probability"] for g in profile["groups"]] == ["0,2127", "0,7381"]
    assert profile["eligible"] == 3 and profile["excluded"] == 1


@pytest.mark.parametrize("name, of_selection", [
    ("replace", False), ("notify", False), ("selection_draw", True), ("selection_cancel", True)])
def test_opening_an_action_of_the_lottery_leads_to_its_page(municipality, member, client_for,
                                                           name, of_selection):
    panel = build_pool(municipality, size=12)
    selection = computed(panel)
    pk = selection.pk if of_selection else panel.pk
    lottery_page = reverse("panels:selection", args=[municipality.slug, panel.pk])
    for user in (manager_of(panel), member):
        response = client_for(user).get(reverse(f"panels:{name}", args=[municipality.slug, pk]))
        assert response.status_code == 302
        assert response["Location"] == lottery_page
    selection.refresh_from_db()
    assert not selection.is_drawn and not selection.is_cancelled
    assert panel.selections.count() == 1
    assert not panel.respondents.exclude(state=SelectionState.POOL).exists()
    # Another method is still refused, and someone else's lottery stays unknown.
    url = reverse(f"panels:{name}", args=[municipality.slug, pk])
    assert client_for(manager_of(panel)).put(url).status_code == 405
    assert client_for(manager_of(panel)).get(
        reverse(f"panels:{name}", args=[municipality.slug, pk + 1000])).status_code == 404
