import logging

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from gemeinsam.core.errors import DomainError, ImportFailed

from .models import BackgroundJob
from .registry import handler_for

logger = logging.getLogger(__name__)


def job_start(*, kind, title, arguments, started_by=None, municipality=None):
    """Queue a job; with the embedded default it runs right after the current transaction."""
    from .tasks import run_job

    handler_for(kind)  # fail now, not in a worker, if no one handles this kind
    job = BackgroundJob.objects.create(
        kind=kind, title=title, arguments=arguments, started_by=started_by,
        municipality=municipality,
    )
    transaction.on_commit(lambda: run_job.enqueue(str(job.pk)))
    return job


def job_run(*, job_id):
    job = BackgroundJob.objects.get(pk=job_id)
    if job.status != BackgroundJob.Status.QUEUED:
        return job
    BackgroundJob.objects.filter(pk=job.pk).update(status=BackgroundJob.Status.RUNNING)

    def report_progress(done, total):
        BackgroundJob.objects.filter(pk=job.pk).update(done=done, total=total)

    fields = {"finished_at": timezone.now()}
    try:
        result = handler_for(job.kind)(report_progress=report_progress, **job.arguments)
    except ImportFailed as error:
        fields.update(status=BackgroundJob.Status.FAILED,
                      errors=[[line, str(reason)] for line, reason in error.errors])
    except DomainError as error:
        fields.update(status=BackgroundJob.Status.FAILED, errors=[[None, str(error.message)]])
    except Exception:
        logger.exception("Background job %s (%s) failed", job.pk, job.kind)
        fields.update(status=BackgroundJob.Status.FAILED,
                      errors=[[None, _("An unexpected error occurred. The operators have been "
                                       "told; nothing was changed.")]])
    else:
        fields.update(status=BackgroundJob.Status.SUCCEEDED, result=result or {})
    fields["finished_at"] = timezone.now()
    BackgroundJob.objects.filter(pk=job.pk).update(**fields)
    job.refresh_from_db()
    return job
