from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, render

from .models import BackgroundJob


def job_detail(request, job_id):
    job = get_object_or_404(BackgroundJob, pk=job_id)
    if not request.user.has_perm("jobs.view_job", job):
        raise PermissionDenied
    template = "jobs/_progress.html" if request.htmx else "jobs/job_detail.html"
    return render(request, template, {"job": job})
