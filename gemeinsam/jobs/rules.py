import rules

from gemeinsam.core.rules import is_platform_admin


@rules.predicate
def started_the_job(user, job):
    return job is not None and user.is_authenticated and job.started_by_id == user.pk


rules.add_perm("jobs.view_job", started_the_job | is_platform_admin)
