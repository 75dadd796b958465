from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MonitoringConfig(AppConfig):
    name = "gemeinsam.monitoring"
    verbose_name = _("Action-plan monitoring")

    def ready(self):
        from auditlog.registry import auditlog

        from gemeinsam.core import navigation

        from . import models, rules  # noqa: F401

        auditlog.register(models.ActionPlan)
        auditlog.register(models.Measure, exclude_fields=["updated_at", "version"])
        auditlog.register(models.ProgressReport)
        auditlog.register(models.Blocker)
        auditlog.register(models.Indicator)

        navigation.register_section(navigation.Section(
            "plan", _("Action plan"), "monitoring:dashboard", 10,
        ))
