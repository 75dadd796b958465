from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "gemeinsam.core"
    verbose_name = _("Municipalities and roles")

    def ready(self):
        from auditlog.registry import auditlog

        from . import jobs, models, navigation  # noqa: F401 (registers the job handler)

        auditlog.register(models.Municipality)
        auditlog.register(models.Membership)
        auditlog.register(models.Invitation, exclude_fields=["token_hash"], mask_fields=["email"])
        auditlog.register(models.JoinRequest)
        auditlog.register(models.SitePage)

        navigation.register_section(navigation.Section("overview", _("Overview"), "core:overview", 0))
        navigation.register_section(navigation.Section(
            "members", _("Members"), "core:members", 900, permission="core.view_internal",
        ))
