"""The lottery: compute, publish, draw with the seed, drop-outs and replacements, notifications,
and who sees what on the internal pages."""

import pytest
from django.core import mail
from django.urls import reverse

from gemeinsam.core.errors import DomainError
from gemeinsam.jobs.models import BackgroundJob
from gemeinsam.panels import selection as services
from gemeinsam.panels.models import FormVariant, Respondent, Selection, SelectionState
from gemeinsam.sortition import verify_audit
from tests.panels.factories import make_feature, make_panel, make_respondent

SEATS = 8


def build_pool(municipality, *, size=40, seats=SEATS, gender_quota=(3, 5), age_quota=(3, 5),
               **panel_fields):
    """A panel with two features and `size` respondents spread over all four combinations."""
    panel = make_panel(municipality=municipality, seats=seats, **panel_fields)
    gender = make_feature(panel=panel, name="Geschlecht", values=[
        ("weiblich", 50, *gender_quota), ("männlich", 50, *gender_quota)])
    age = make_feature(panel=panel, name="Alter", values=[
        ("16–44", 50, *age_quota), ("45 und älter", 50, *age_quota)])
    genders, ages = list(gender.values.all()), list(age.values.all())
    for i in range(size):
        make_respondent(panel=panel, first_name=f"Vorname{i:02d}", last_name=f"Nachname{i:02d}",
                        answers={str(gender.pk): genders[i % 2].pk,
                                 str(age.pk): ages[(i // 2) % 2].pk},
                        form_variant=FormVariant.ENGLISH if i % 5 == 0 else FormVariant.GERMAN)
    return panel


def manager_of(panel):
    return panel.managers.get()


def computed(panel, *, kind=Selection.Kind.PANEL, progress=None):
    """Start and compute a lottery synchronously (the job's work without the queue)."""
    selection = Selection.objects.create(panel=panel, kind=kind, algorithm=panel.algorithm)
    try:
        services.selection_compute(selection=selection, progress=progress)
    except DomainError:
        pass
    selection.refresh_from_db()
    return selection


def drawn(panel, seed="3 11 19 27 34 42"):
    selection = computed(panel)
    return services.selection_draw(selection=selection, seed=seed)


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
    assert "Geschlecht" in selection.problem
    assert "weiblich" in selection.problem or "männlich" in selection.problem
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
    assert "python -m gemeinsam.sortition verify audit.json" in html
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


def test_respondents_page_and_csv_for_managers(municipality, client_for,
                                               django_assert_max_num_queries):
    panel = build_pool(municipality)
    Respondent.objects.filter(last_name="Nachname39").update(first_name="=HYPERLINK(1)")
    client = client_for(manager_of(panel))
    url = reverse("panels:respondents", args=[municipality.slug, panel.pk])
    client.get(url)
    with django_assert_max_num_queries(14):
        response = client.get(url)
    html = response.content.decode()
    assert "Nachname07" in html and response.status_code == 200

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
