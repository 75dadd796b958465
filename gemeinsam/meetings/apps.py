from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MeetingsConfig(AppConfig):
    name = "gemeinsam.meetings"
    verbose_name = _("Round tables and bodies")

    def ready(self):
        from auditlog.registry import auditlog

        from gemeinsam.core import navigation

        from . import jobs, models, rules  # noqa: F401

        auditlog.register(models.Body)
        auditlog.register(models.Meeting, exclude_fields=["version", "sequence"])
        auditlog.register(models.ActionItem)
        auditlog.register(models.Decision)

        navigation.register_section(navigation.Section(
            "meetings", _("Meetings"), "meetings:bodies", 40,
        ))
