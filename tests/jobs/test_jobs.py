import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command

from gemeinsam.core.models import DirectoryEntry
from gemeinsam.jobs.models import BackgroundJob

GOOD = '"ags","description"\n"06433012","Rüsselsheim am Main, Stadt"\n'


def _upload(text, name="verzeichnis.csv"):
    return SimpleUploadedFile(name, text.encode(), content_type="text/csv")


@pytest.mark.django_db(transaction=True)
def test_directory_import_runs_as_a_job_with_a_progress_page(client_for, platform_admin):
    client = client_for(platform_admin)
    response = client.post("/plattform/verzeichnis/", {"directory_file": _upload(GOOD)},
                           follow=True)
    job = BackgroundJob.objects.get()
    assert response.redirect_chain[-1][0] == f"/jobs/{job.pk}/"
    assert job.status == BackgroundJob.Status.SUCCEEDED
    assert (job.done, job.total, job.result["created"]) == (1, 1, 1)
    assert DirectoryEntry.objects.get().official_name == "Rüsselsheim am Main, Stadt"
    assert '<progress max="100" value="100"' in response.content.decode()

    api = client.get(f"/api/jobs/{job.pk}/").json()
    assert api["status"] == "succeeded"


@pytest.mark.django_db(transaction=True)
def test_failed_import_lists_every_bad_row_on_the_job_page(client_for, platform_admin):
    bad = GOOD + '"12","Zu kurz"\n"06433013",""\n'
    response = client_for(platform_admin).post(
        "/plattform/verzeichnis/", {"directory_file": _upload(bad)}, follow=True)
    html = response.content.decode()
    job = BackgroundJob.objects.get()
    assert job.status == BackgroundJob.Status.FAILED
    assert [line for line, _reason in job.errors] == [3, 4]
    assert "<td>3</td>" in html and "<td>4</td>" in html
    assert not DirectoryEntry.objects.exists()


@pytest.mark.django_db(transaction=True)
def test_progress_partial_for_htmx_polling(client_for, platform_admin, member):
    job = BackgroundJob.objects.create(kind="core.directory_import", title="Import",
                                       started_by=platform_admin, done=3, total=12,
                                       status=BackgroundJob.Status.RUNNING)
    response = client_for(platform_admin).get(f"/jobs/{job.pk}/", HTTP_HX_REQUEST="true")
    html = response.content.decode()
    assert '<progress max="100" value="25"' in html
    assert 'hx-trigger="every 2s"' in html and "<html" not in html
    assert client_for(member).get(f"/jobs/{job.pk}/").status_code == 403


@pytest.mark.django_db(transaction=True)
def test_database_queue_and_worker(client_for, platform_admin, settings):
    """Production's path: the request only queues the job, a worker process runs it."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.backend.DatabaseBackend"}}
    client_for(platform_admin).post("/plattform/verzeichnis/", {"directory_file": _upload(GOOD)})
    job = BackgroundJob.objects.get()
    assert job.status == BackgroundJob.Status.QUEUED

    call_command("db_worker", batch=True, interval=0)

    job.refresh_from_db()
    assert job.status == BackgroundJob.Status.SUCCEEDED
    assert DirectoryEntry.objects.count() == 1
