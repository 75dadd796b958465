"""The background jobs of panels: the lottery computation and the notifications, with their
progress."""

import pytest
from django.core import mail
from django.test import override_settings

from gemeinsam.core.errors import DomainError
from gemeinsam.jobs.models import BackgroundJob
from gemeinsam.jobs.registry import handler_for
from gemeinsam.jobs.services import job_run
from gemeinsam.panels import jobs, selectors
from gemeinsam.panels import selection as services
from gemeinsam.panels import services as services_of_panel
from gemeinsam.panels.models import Panel, Selection, SelectionState
from tests.panels.factories import build_pool, computed, drawn


def test_both_kinds_are_registered():
    assert handler_for("panels.compute_lottery") is jobs.run_compute_lottery
    assert handler_for("panels.notify") is jobs.run_notify


def test_the_computation_reports_rising_progress(municipality):
    panel = build_pool(municipality)
    reports = []
    selection = computed(panel, progress=lambda done, total: reports.append((done, total)))
    assert selection.is_computed
    assert len(reports) >= 2
    assert all(total == 100 for _done, total in reports)
    done = [d for d, _total in reports]
    assert done == sorted(done) and done[0] == 0 and done[-1] == 100


def test_the_job_runs_the_computation_and_records_progress(municipality,
                                                           django_capture_on_commit_callbacks):
    panel = build_pool(municipality)
    with django_capture_on_commit_callbacks(execute=True):
        selection = services.selection_start(panel=panel, started_by=panel.managers.get())
    job = BackgroundJob.objects.get(pk=selection.job_id)
    assert job.kind == "panels.compute_lottery"
    assert job.status == BackgroundJob.Status.SUCCEEDED, job.errors
    assert job.done == 100 and job.total == 100
    assert job.result["people in the pool"] == 40
    selection.refresh_from_db()
    assert selection.is_computed and not selection.is_drawn
    assert not panel.respondents.exclude(state=SelectionState.POOL).exists()


def test_the_notify_job_mails_and_counts(municipality, django_capture_on_commit_callbacks):
    panel = build_pool(municipality, size=12, gender_quota=(2, 6), age_quota=(2, 6))
    drawn(panel)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        job = services.notifications_start(panel=panel, started_by=panel.managers.get())
    job.refresh_from_db()
    assert job.kind == "panels.notify" and job.status == BackgroundJob.Status.SUCCEEDED
    assert job.result == {"selected": 8, "not selected": 4, "to phone": 0, "failed": 0}
    assert job.done == job.total == 12
    assert len(mail.outbox) == 12
    # The job's result holds counts only: no names, no addresses.
    text = str(job.result) + job.title
    assert not any(p.last_name in text or p.email in text for p in panel.respondents.all())


def test_a_replacement_job_computes_a_replacement(municipality,
                                                  django_capture_on_commit_callbacks):
    panel = build_pool(municipality)
    drawn(panel)
    services.respondent_drop_out(
        respondent=panel.respondents.filter(state=SelectionState.SELECTED).first())
    # The panel's seed is known since its draw: replacements need a seed announced anew.
    with pytest.raises(DomainError, match="Startwert|seed"):
        services.selection_start(panel=panel, started_by=panel.managers.get(),
                                 kind=Selection.Kind.REPLACEMENT)
    panel.seed_announcement = "Die Lottozahlen der nächsten Ziehung nach dem Ausscheiden."
    panel.save(update_fields=["seed_announcement"])
    with django_capture_on_commit_callbacks(execute=True):
        selection = services.selection_start(panel=panel, started_by=panel.managers.get(),
                                             kind=Selection.Kind.REPLACEMENT)
    selection.refresh_from_db()
    assert selection.audit["seed_announcement"] == panel.seed_announcement
    assert selection.is_computed, selection.problem
    assert selection.audit["replacement"]["kept"]


def test_a_crash_without_a_problem_fails_the_job_and_shows_as_failed(
        municipality, monkeypatch, django_capture_on_commit_callbacks):
    panel = build_pool(municipality, size=12)

    def crash(*args, **kwargs):
        raise RuntimeError("the solver crashed")

    monkeypatch.setattr(services.sortition, "select", crash)
    with django_capture_on_commit_callbacks(execute=True):
        selection = services.selection_start(panel=panel, started_by=panel.managers.get())
    selection = Selection.objects.select_related("job").get(pk=selection.pk)
    assert selection.job.status == BackgroundJob.Status.FAILED
    assert not selection.problem and not selection.is_computed
    assert services.lottery_state(selection)[0] == "failed"
    assert not selectors.lottery_in_progress(panel=panel)  # a new start is possible


def test_no_lottery_without_an_announced_seed_procedure(municipality):
    panel = build_pool(municipality)
    Panel.objects.filter(pk=panel.pk).update(seed_announcement=" ")
    panel.refresh_from_db()
    with pytest.raises(DomainError, match="Startwert|seed"):
        services.selection_start(panel=panel, started_by=panel.managers.get())


def test_a_stuck_computation_can_be_cancelled_and_then_stores_nothing(municipality):
    panel = build_pool(municipality)
    with override_settings(TASKS={"default": {
            "BACKEND": "django_tasks.backends.dummy.DummyBackend"}}):
        selection = services.selection_start(panel=panel, started_by=panel.managers.get())
    # Its worker died: the job stays queued, and nothing may change while it "runs" ...
    assert selectors.lottery_begun(panel=panel)
    with pytest.raises(DomainError):
        services_of_panel.check_quotas_open(panel)
    # ... until a manager cancels it.
    services.selection_cancel(selection=selection, reason="Der Rechenauftrag hing.")
    assert not selectors.lottery_begun(panel=panel)
    # Should the worker come back after all, the cancelled lottery stores nothing.
    assert job_run(job_id=selection.job_id).status == BackgroundJob.Status.FAILED
    selection.refresh_from_db()
    assert not selection.is_computed
