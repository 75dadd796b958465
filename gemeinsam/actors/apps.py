from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ActorsConfig(AppConfig):
    name = "gemeinsam.actors"
    verbose_name = _("Alliance")

    def ready(self):
        from auditlog.registry import auditlog

        from gemeinsam.core import navigation

        from . import models, rules  # noqa: F401

        auditlog.register(models.Actor, exclude_fields=["updated_at", "version"])
        auditlog.register(models.Department)
        auditlog.register(models.Position)
        auditlog.register(models.PositionHolding)
        auditlog.register(models.Sector)

        navigation.register_section(navigation.Section(
            "actors", _("Actors"), "actors:list", 30, permission="actors.view_actors",
        ))
        navigation.register_section(navigation.Section(
            "alliance", _("Alliance"), "actors:alliance", 35,
        ))
